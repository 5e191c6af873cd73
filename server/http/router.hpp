#pragma once
// Routing: a function from request to response, callable without a socket (STYLE.md). Paths
// are matched segment by segment; "{name}" captures a segment.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http/message.hpp"

namespace agrirent::http {

using string_pairs = std::vector<std::pair<std::string, std::string>>;

/// What a handler sees: the request, its decoded path parameters and query, and the language.
struct context {
    const request& req;
    std::string path;        // percent-decoded
    string_pairs query;      // percent-decoded, in order
    string_pairs params;     // from the route pattern
    std::string lang = "ko"; // "ko" or "en" (API.md: Korean by default)
    std::string route;       // the matched pattern, e.g. "/api/v1/reservations/{code}"

    /// The first query value named `name`, if present.
    [[nodiscard]] std::optional<std::string_view> query_value(std::string_view name) const;
    /// A path parameter (always present when the route matched).
    [[nodiscard]] std::string_view param(std::string_view name) const;
    /// Opaque per-request data for middleware (e.g. the authenticated staff session).
    std::shared_ptr<void> user_data;
};

using route_handler = std::function<response(context&)>;

/// Observes every handled request (metrics).
using request_observer = std::function<void(std::string_view method, std::string_view route,
                                            int status, std::chrono::microseconds latency)>;

class router {
  public:
    void add(std::string method, std::string pattern, route_handler h);
    /// Runs before route matching; a response stops the request (rate limits, auth).
    void set_before(std::function<std::optional<response>(context&)> before) {
        before_ = std::move(before);
    }
    void set_observer(request_observer observer) { observer_ = std::move(observer); }
    /// Pages (HTML) instead of JSON for 404s outside /api.
    void set_not_found(route_handler h) { not_found_ = std::move(h); }
    /// Pages (HTML) instead of JSON outside /api when the database cannot be reached (a
    /// temporarily_unavailable escaped a handler): 503 either way, with Retry-After.
    void set_unavailable(route_handler h) { unavailable_ = std::move(h); }

    /// Every registered (method, pattern), in order.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> routes() const {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& r : routes_) {
            out.emplace_back(r.method, r.pattern);
        }
        return out;
    }

    /// Matches and runs a handler. Unknown path: 404; known path, other method: 405 with Allow.
    /// A handler's api_error becomes its JSON error; a temporarily_unavailable (the database is
    /// down) a 503 with Retry-After (the unavailable page outside /api); any other exception a
    /// 500.
    [[nodiscard]] response handle(const request& req) const;

  private:
    struct route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        route_handler handler;
    };
    std::vector<route> routes_;
    std::function<std::optional<response>(context&)> before_;
    request_observer observer_;
    route_handler not_found_;
    route_handler unavailable_;
};

/// Retry-After (seconds) of a 503 because the database cannot be reached right now.
inline constexpr const char* retry_after_unavailable = "5";

/// Picks "en" for ?lang=en, else a lang cookie, else an Accept-Language that prefers English
/// over Korean; "ko" otherwise.
std::string pick_language(const request& req, const string_pairs& query);

/// The value of cookie `name` in the request, if any.
std::optional<std::string> cookie_value(const request& req, std::string_view name);

} // namespace agrirent::http
