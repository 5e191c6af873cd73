// Staff login and logout pages (issue 5 "Staff"): /staff/login and /staff/logout, on the same
// app::login / app::logout as the JSON API, so throttling, session rotation and the audit trail
// are the same. After logging in, the person goes back to the page that sent them here (`next`,
// a checked local path: open redirects are a bug) or to their role's home.
//
// Login CSRF: nobody is signed in yet, so there is no session token to put in the form. The
// page sets a random token in a cookie of its own (HttpOnly, SameSite=Strict, path
// /staff/login) and in the form; a POST must bring both, equal. A form on another site cannot
// (the browser does not send a Strict cookie with a cross-site POST), so nobody can be signed
// in to someone else's account without knowing it.
#include <boost/json.hpp>

#include "server/app/auth.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/form.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/staff_pages.hpp"

namespace agrirent::pages {
namespace {

constexpr std::string_view login_cookie = "agrirent_login";

std::string login_cookie_header(std::string_view token, bool secure) {
    return std::string{login_cookie} + "=" + std::string{token} +
           "; Path=/staff/login; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string clear_login_cookie_header(bool secure) {
    return std::string{login_cookie} +
           "=; Path=/staff/login; Max-Age=0; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

/// A token as random_token() makes them (URL-safe base64), of a sane length.
bool looks_like_token(std::string_view t) {
    if (t.size() < 16 || t.size() > 64) {
        return false;
    }
    for (const char c : t) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

/// Compares in time independent of where the strings differ.
bool same_token(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    unsigned diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^
                                      static_cast<unsigned char>(b[i]));
    }
    return diff == 0;
}

/// Where to go after logging in: a safe local path that is not the login page itself.
std::string next_of(std::string_view raw) {
    const auto n = safe_local_path(raw);
    return n && !n->starts_with("/staff/login") && !n->starts_with("/staff/logout") ? *n
                                                                                    : std::string{};
}

std::string client_address(const http::context& ctx) {
    const auto& a = http::state_of(ctx).client_address;
    return a.empty() ? ctx.req.remote_address : a;
}

/// The login page with `v`, carrying `token` in its form (and setting the cookie when new).
http::response show_login(const http::context& ctx, const views::login_view& v, int status,
                          const std::string& token, bool new_token) {
    const std::string self = "/staff/login" + query_string({{"next", v.next}});
    auto p = staff_chrome(ctx, text("staff.login.title", ctx.lang), "/staff/login", self,
                          "page-staff-login");
    if (p.csrf.empty()) {
        p.csrf = token; // nobody signed in: the login form's own token
    }
    auto res = html(ctx, status, views::render_login(p, v));
    if (new_token) {
        res.headers.push_back({"set-cookie", login_cookie_header(token, is_secure(ctx))});
    }
    return res;
}

} // namespace

http::response login_page(http::context& ctx, app::services&) {
    const std::string next = next_of(ctx.query_value("next").value_or(""));
    if (const auto* staff = http::staff_of(ctx)) {
        return see_other(ctx, next.empty() ? staff_home(*staff) : next);
    }
    views::login_view v;
    v.next = next;
    if (ctx.query_value("expired")) {
        v.intro = text("staff.login.expired", ctx.lang);
    } else if (ctx.query_value("done") == std::optional<std::string_view>{"logout"}) {
        v.intro = text("staff.login.logged_out", ctx.lang);
    } else if (!next.empty()) {
        v.intro = text("staff.login.needed", ctx.lang);
    }
    const auto cookie = http::cookie_value(ctx.req, login_cookie);
    if (cookie && looks_like_token(*cookie)) {
        return show_login(ctx, v, http::status::ok, *cookie, false);
    }
    return show_login(ctx, v, http::status::ok, app::random_token(16), true);
}

http::response login_submit(http::context& ctx, app::services& s) {
    const std::string_view lang = ctx.lang;
    views::login_view v;
    const auto form = http::form_body(ctx.req);
    if (!form) {
        v.alert = text("form.unreadable", lang);
        return show_login(ctx, v, http::status::bad_request, app::random_token(16), true);
    }
    v.next = next_of(form->value("next"));
    const std::string_view username = form->value("username");
    const std::string_view password = form->value("password");
    v.username.value = http::displayable(username, 64);

    // A signed-in person's POST passed the session's CSRF check in the access filter; anybody
    // else must bring the login form's token in the form and in its cookie.
    if (http::staff_of(ctx) == nullptr) {
        const auto cookie = http::cookie_value(ctx.req, login_cookie);
        if (!cookie || !looks_like_token(*cookie) || !same_token(*cookie, form->value("csrf"))) {
            v.alert = text("staff.login.form_expired", lang);
            return show_login(ctx, v, http::status_of(reason::csrf_rejected), app::random_token(16),
                              true);
        }
    }
    if (username.empty() || password.empty()) {
        if (username.empty()) {
            v.username.error = text("staff.login.username_missing", lang);
        }
        if (password.empty()) {
            v.password_error = text("staff.login.password_missing", lang);
        }
        return show_login(ctx, v, http::status::bad_request, std::string{form->value("csrf")},
                          false);
    }
    // Names with control characters or absurd lengths exist nowhere: the same answer as a
    // wrong password (and no argon2 work spent on them).
    if (!http::is_clean_text(username) || username.size() > 64 || password.size() > 1024) {
        v.password_error = text("error.login_failed", lang);
        return show_login(ctx, v, http::status_of(reason::login_failed),
                          std::string{form->value("csrf")}, false);
    }
    // The same request as POST /api/v1/auth/login, through the same decoder.
    const auto rq = codec::login_request_of({{"username", username}, {"password", password}});
    auto outcome = app::login(s, rq.username, rq.password, client_address(ctx));
    if (const auto* refused = std::get_if<app::login_refusal>(&outcome)) {
        if (refused->throttled) {
            v.alert = text("error.login_throttled", lang);
            auto res = show_login(ctx, v, http::status_of(reason::login_throttled),
                                  std::string{form->value("csrf")}, false);
            res.set_header("retry-after",
                           std::to_string(std::max<long long>(1, refused->retry_after.count())));
            return res;
        }
        // The same answer whether the user exists or not.
        v.password_error = text("error.login_failed", lang);
        return show_login(ctx, v, http::status_of(reason::login_failed),
                          std::string{form->value("csrf")}, false);
    }
    const auto& ok = std::get<app::login_outcome>(outcome);
    auto res = see_other(ctx, v.next.empty() ? staff_home(ok.session) : v.next);
    res.headers.push_back({"set-cookie", clear_login_cookie_header(is_secure(ctx))});
    res.headers.push_back({"set-cookie", http::session_cookie_header(ok.token, is_secure(ctx))});
    return res;
}

http::response logout_submit(http::context& ctx, app::services& s) {
    const auto& st = http::state_of(ctx);
    if (st.staff) {
        app::logout(s, st.token, client_address(ctx));
    }
    auto res = see_other(ctx, "/staff/login?done=logout");
    res.headers.push_back({"set-cookie", http::clear_session_cookie_header(is_secure(ctx))});
    return res;
}

} // namespace agrirent::pages
