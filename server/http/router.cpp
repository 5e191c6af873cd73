#include "server/http/router.hpp"

#include <cstdio>

#include <boost/url.hpp>

#include "common/unavailable.hpp"
#include "server/http/errors.hpp"

namespace agrirent::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        const auto next = path.find('/', i);
        out.emplace_back(path.substr(i, next == std::string_view::npos ? path.npos : next - i));
        i = next == std::string_view::npos ? path.size() : next;
    }
    return out;
}

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           string_pairs& params) {
    if (pattern.size() != path.size()) {
        return false;
    }
    string_pairs captured;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto& p = pattern[i];
        if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
            captured.emplace_back(p.substr(1, p.size() - 2), path[i]);
        } else if (p != path[i]) {
            return false;
        }
    }
    params = std::move(captured);
    return true;
}

} // namespace

std::optional<std::string_view> context::query_value(std::string_view name) const {
    for (const auto& [k, v] : query) {
        if (k == name) {
            return v;
        }
    }
    return std::nullopt;
}

std::string_view context::param(std::string_view name) const {
    for (const auto& [k, v] : params) {
        if (k == name) {
            return v;
        }
    }
    return {};
}

std::optional<std::string> cookie_value(const request& req, std::string_view name) {
    for (const auto& h : req.headers) {
        if (h.name != "cookie") {
            continue;
        }
        std::string_view rest = h.value;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            std::string_view pair = rest.substr(0, semi);
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            while (!pair.empty() && pair.front() == ' ') {
                pair.remove_prefix(1);
            }
            const auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
                return std::string{pair.substr(eq + 1)};
            }
        }
    }
    return std::nullopt;
}

std::string pick_language(const request& req, const string_pairs& query) {
    for (const auto& [k, v] : query) {
        if (k == "lang") {
            return v == "en" ? "en" : "ko";
        }
    }
    if (const auto c = cookie_value(req, "lang")) {
        return *c == "en" ? "en" : "ko";
    }
    // Accept-Language: the first of ko/en in the client's order wins (q-values are rarely
    // anything but descending).
    const std::string_view al = req.header_value("accept-language");
    const auto ko = al.find("ko");
    const auto en = al.find("en");
    if (en != std::string_view::npos && (ko == std::string_view::npos || en < ko)) {
        return "en";
    }
    return "ko";
}

void router::add(std::string method, std::string pattern, route_handler h) {
    auto segments = split_path(pattern);
    routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(h)});
}

response router::handle(const request& req) const {
    const auto started = std::chrono::steady_clock::now();
    const auto parsed = boost::urls::parse_origin_form(req.target);
    context ctx{req, {}, {}, {}, "ko", {}, {}};
    if (!parsed) {
        auto res =
            error_response(400, "bad_request", "error.field_invalid", "ko", {{"field", "target"}});
        if (observer_) {
            observer_(req.method, "(invalid)", res.status, {});
        }
        return res;
    }
    ctx.path = parsed->path();
    for (const auto& p : parsed->params()) {
        ctx.query.emplace_back(p.key, p.value);
    }
    ctx.lang = pick_language(req, ctx.query);

    const auto segments = split_path(ctx.path);
    const std::string_view method = req.method == "HEAD" ? std::string_view{"GET"} : req.method;
    const route* found = nullptr;
    std::string allowed;
    for (const auto& r : routes_) {
        string_pairs params;
        if (!match(r.segments, segments, params)) {
            continue;
        }
        if (r.method == method) {
            found = &r;
            ctx.params = std::move(params);
            break;
        }
        allowed += allowed.empty() ? r.method : ", " + r.method;
    }

    response res;
    try {
        std::optional<response> early;
        if (before_) {
            ctx.route = found != nullptr ? found->pattern : std::string{};
            early = before_(ctx);
        }
        if (early) {
            res = std::move(*early);
        } else if (found != nullptr) {
            ctx.route = found->pattern;
            res = found->handler(ctx);
        } else if (!allowed.empty()) {
            ctx.route = "(method not allowed)";
            res = error_response(405, "method_not_allowed", "error.method_not_allowed", ctx.lang);
            res.set_header("allow", allowed);
        } else {
            ctx.route = "(not found)";
            res = not_found_ && !ctx.path.starts_with("/api/")
                      ? not_found_(ctx)
                      : error_response(404, "not_found", "error.not_found", ctx.lang);
        }
    } catch (const api_error& e) {
        res = error_response(e, ctx.lang);
    } catch (const temporarily_unavailable& e) {
        // The database is down or restarting: a prompt 503 the client may retry (issue 12).
        std::fprintf(stderr, "unavailable: %s %s: %s\n", req.method.c_str(), ctx.path.c_str(),
                     e.what());
        res = unavailable_ && !ctx.path.starts_with("/api/") && ctx.path != "/healthz"
                  ? unavailable_(ctx)
                  : error_response(refusal{reason::unavailable, {}}, ctx.lang);
        res.set_header("retry-after", retry_after_unavailable);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), ctx.path.c_str(), e.what());
        res = error_response(500, "internal", "error.internal", ctx.lang);
    }
    if (observer_) {
        observer_(req.method, ctx.route.empty() ? "(none)" : ctx.route, res.status,
                  std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started));
    }
    return res;
}

} // namespace agrirent::http
