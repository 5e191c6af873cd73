#pragma once
// The whole application as the server runs it — the JSON API, the pages, the access filter
// (sessions, CSRF, rate limits) — on a demo database in a temporary directory, called through
// the router without a socket (STYLE.md). Shared by fuzz_router, fuzz_json_request and
// fuzz_form. Every response is checked: a 5xx, or an API error that is not API.md's JSON error,
// aborts (a crash for libFuzzer, with the request printed).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http/message.hpp"

namespace agrirent::fuzz {

enum class who : std::uint8_t { nobody, admin, operator_, clerk };

class app_fixture {
  public:
    /// The one instance, started on first use (the database is removed at exit).
    static app_fixture& get();

    /// Runs `req` through the router with a fresh rate limiter, then checks the response.
    http::response handle(const http::request& req);

    /// A staff session for `w`: Authorization: Bearer, or the session cookie plus the CSRF
    /// header (what the pages' scripts send). Nothing for who::nobody.
    void authenticate(http::request& req, who w, bool via_cookie);

    /// Every registered (method, target), "{name}" parameters filled with rows of the demo data
    /// (a reservation code, a unit tag, a branch code, …).
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& routes() const {
        return routes_;
    }

    /// Replaces the placeholders @CODE@ (a reservation code), @TAG@ (a unit tag), @BRANCH@,
    /// @TYPE@, @PHONE@ (a farmer's) in `s` by demo data, so inputs can name real rows.
    [[nodiscard]] std::string fill(std::string s) const;

    app_fixture(const app_fixture&) = delete;
    app_fixture& operator=(const app_fixture&) = delete;

  private:
    app_fixture();
    ~app_fixture();
    void refresh_sessions();

    struct impl;
    impl* impl_;
    std::vector<std::pair<std::string, std::string>> routes_;
    std::vector<std::pair<std::string, std::string>> placeholders_;
    std::size_t handled_ = 0;
};

/// Splits a fuzz input into a request: "METHOD TARGET\n", header lines "name: value\n" up to an
/// empty line, then the body. A header line "as: admin|operator|clerk[-cookie]" authenticates.
http::request parse_request(std::string_view data, app_fixture& app);

} // namespace agrirent::fuzz
