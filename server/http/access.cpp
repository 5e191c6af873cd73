#include "server/http/access.hpp"

#include "common/holidays.hpp"
#include "common/time.hpp"
#include "server/app/catalog.hpp"
#include "server/http/errors.hpp"
#include "server/http/form.hpp"

namespace agrirent::http {
namespace {

bool is_safe_method(std::string_view m) {
    return m == "GET" || m == "HEAD" || m == "OPTIONS";
}

std::string forwarded_client(const http::request& req) {
    // The proxy appends the address it saw: the last entry is the one we can trust.
    std::string_view xff = req.header_value("x-forwarded-for");
    const auto comma = xff.rfind(',');
    if (comma != std::string_view::npos) {
        xff.remove_prefix(comma + 1);
    }
    while (!xff.empty() && xff.front() == ' ') {
        xff.remove_prefix(1);
    }
    while (!xff.empty() && xff.back() == ' ') {
        xff.remove_suffix(1);
    }
    return xff.empty() || xff.size() > 64 ? req.remote_address : std::string{xff};
}

std::string bearer_token(const http::request& req) {
    const std::string_view auth = req.header_value("authorization");
    constexpr std::string_view prefix = "Bearer ";
    if (auth.size() > prefix.size() && auth.substr(0, prefix.size()) == prefix) {
        return std::string{auth.substr(prefix.size())};
    }
    return {};
}

// The CSRF token a request carries: the X-CSRF-Token header, or a `csrf` form field.
std::string presented_csrf(const http::request& req) {
    if (const auto h = req.header_value("x-csrf-token"); !h.empty()) {
        return std::string{h};
    }
    if (const auto form = http::form_body(req)) {
        return std::string{form->value("csrf")};
    }
    return {};
}

// Routes a farmer can hammer: the booking form, cancellation, look-ups by code (guessing), the
// phone codes (DOMAIN.md §14).
bool is_public_limited(const http::context& ctx) {
    const std::string_view r = ctx.route;
    return r == "/api/v1/reservations" || r == "/api/v1/reservations/{code}" ||
           r == "/api/v1/reservations/{code}/cancel" ||
           r.starts_with("/api/v1/phone-verifications") || r.starts_with("/book") ||
           r.starts_with("/my") || r.starts_with("/booking/") || r.starts_with("/api/v1/waitlist");
}

} // namespace

std::function<std::optional<http::response>(http::context&)>
make_access_filter(app::services& s, app::rate_limiter& limiter, access_options opts) {
    return [&s, &limiter, opts](http::context& ctx) -> std::optional<http::response> {
        auto st = std::make_shared<request_state>();
        st->client_address = opts.trust_proxy ? forwarded_client(ctx.req) : ctx.req.remote_address;
        st->secure = ctx.req.secure ||
                     (opts.trust_proxy && ctx.req.header_value("x-forwarded-proto") == "https");
        ctx.user_data = st;

        // Stylesheets, scripts and icons are the same for everyone: no session look-up for them.
        if (ctx.path.starts_with("/static/")) {
            return std::nullopt;
        }

        std::string token = bearer_token(ctx.req);
        bool via_cookie = false;
        if (token.empty()) {
            if (auto c = http::cookie_value(ctx.req, session_cookie)) {
                token = std::move(*c);
                via_cookie = true;
            }
        }
        if (!token.empty()) {
            st->staff = app::authenticate(s, token);
            if (st->staff) {
                st->via_cookie = via_cookie;
                st->token = token;
            }
        }
        if (st->staff && !ctx.path.starts_with("/api/")) {
            static const auto* seoul = date::locate_zone("Asia/Seoul"); // DOMAIN.md §1
            const local_days today = local_date_of(seoul, s.clock.now());
            st->calendar_horizon.emplace(today, known_through(s.catalog.get()->holidays(), today));
        }

        // CSRF (issue 4): state changes authenticated by the cookie must carry the session's
        // token; bearer-token requests need not (a browser never adds that header by itself).
        if (st->staff && st->via_cookie && !is_safe_method(ctx.req.method) &&
            presented_csrf(ctx.req) != st->staff->csrf_token) {
            // A person's form gets a page that says what to do; API clients keep API.md's JSON.
            if (!ctx.path.starts_with("/api/") && opts.csrf_page) {
                return opts.csrf_page(ctx);
            }
            return http::error_response(refusal{reason::csrf_rejected, {}}, ctx.lang);
        }

        // API.md rate limits: the public form per client address, loopback exempt.
        if (!st->staff && is_public_limited(ctx) && !app::is_loopback(st->client_address)) {
            const int limit = s.catalog.get()->config().public_rate_per_minute;
            if (!limiter.allow(st->client_address, limit, s.clock.now())) {
                auto res = http::error_response(refusal{reason::rate_limited, {}}, ctx.lang);
                res.set_header("retry-after", "60");
                return res;
            }
        }
        return std::nullopt;
    };
}

const request_state& state_of(const http::context& ctx) {
    static const request_state none{};
    const auto* st = static_cast<const request_state*>(ctx.user_data.get());
    return st != nullptr ? *st : none;
}

const app::staff_session* staff_of(const http::context& ctx) {
    const auto& st = state_of(ctx);
    return st.staff ? &*st.staff : nullptr;
}

const app::staff_session& require_staff(const http::context& ctx) {
    const auto* staff = staff_of(ctx);
    if (staff == nullptr) {
        throw http::api_error{refusal{reason::unauthenticated, {}}};
    }
    return *staff;
}

const app::staff_session& require_role(const http::context& ctx,
                                       std::initializer_list<role> roles) {
    const auto& staff = require_staff(ctx);
    for (const role r : roles) {
        if (staff.user.who == r) {
            return staff;
        }
    }
    throw http::api_error{refusal{reason::forbidden, {}}};
}

bool may_act_on_branch(const app::staff_session& staff, std::int64_t branch_id) {
    return staff.user.who != role::clerk || staff.user.branch_id == branch_id;
}

void require_branch(const app::staff_session& staff, std::int64_t branch_id) {
    if (!may_act_on_branch(staff, branch_id)) {
        throw http::api_error{refusal{reason::forbidden, {{"reason", "other_branch"}}}};
    }
}

app::actor actor_of(const http::context& ctx, channel via) {
    const auto& st = state_of(ctx);
    if (!st.staff) {
        return app::actor::web(st.client_address);
    }
    app::actor a;
    a.who = st.staff->user.who;
    a.name = st.staff->user.username;
    a.via = via;
    a.user_id = st.staff->user.id;
    a.branch_id = st.staff->user.branch_id;
    a.address = st.client_address;
    return a;
}

std::string session_cookie_header(std::string_view token, bool secure) {
    return std::string{session_cookie} + "=" + std::string{token} +
           "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string clear_session_cookie_header(bool secure) {
    return std::string{session_cookie} + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

} // namespace agrirent::http
