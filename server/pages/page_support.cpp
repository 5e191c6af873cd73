#include "server/pages/page_support.hpp"

#include <boost/url.hpp>

#include "common/holidays.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/router.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/static_assets.hpp"
#include "server/views/farmer_views.hpp"
#include "server/views/staff_views.hpp"

namespace agrirent::pages {
namespace {

std::string other_language(std::string_view lang) {
    return lang == "en" ? "ko" : "en";
}

/// `target` (a path with an optional query) with lang=<lang> replacing any lang parameter.
std::string with_lang(std::string_view target, std::string_view lang) {
    boost::urls::url u;
    const auto parsed = boost::urls::parse_origin_form(target);
    if (parsed) {
        u = *parsed;
    } else {
        u.set_path("/");
    }
    u.params().erase("lang");
    u.params().append({"lang", lang});
    return std::string{u.encoded_target()};
}

/// Issue 13: from 12 months before the holiday calendar runs out, every staff page says so and
/// how to add next year's official holidays (admins get the link to that year's holiday page).
void add_calendar_warning(views::page& p, const http::context& ctx, bool admin) {
    const auto& horizon = http::state_of(ctx).calendar_horizon;
    if (!horizon || !calendar_renewal_due(horizon->first, horizon->second)) {
        return;
    }
    const local_days last = horizon->second;
    const std::string next =
        std::to_string(static_cast<int>(date::year_month_day{last + date::days{1}}.year()));
    p.warning = i18n::format("staff.calendar_warning", ctx.lang,
                             {{"last", day_text_year(last, ctx.lang)}, {"year", next}});
    if (admin) {
        p.warning_link = {"/staff/admin/holidays?year=" + next,
                          i18n::format("staff.calendar_warning_link", ctx.lang, {{"year", next}}),
                          false};
    }
}

} // namespace

std::string text(std::string_view key, std::string_view lang) {
    return std::string{i18n::text(key, lang)};
}

views::page make_page_for(const http::context& ctx, std::string title,
                          std::string_view current_href, std::string_view switch_target) {
    views::page p;
    p.lang = ctx.lang;
    p.title = std::move(title);
    p.css_href = asset_href("app.css");
    p.icon_href = asset_href("icon.svg");
    p.other_lang = other_language(ctx.lang);
    p.lang_switch.href = with_lang(switch_target, p.other_lang);
    // The switch is labelled in the language it switches to ("English" / "한국어").
    p.lang_switch.label = std::string{i18n::text("nav.language_name", p.other_lang)};
    const auto nav = [&](std::string_view href, std::string_view key) {
        p.nav.push_back(
            {std::string{href}, std::string{i18n::text(key, ctx.lang)}, href == current_href});
    };
    nav("/", "nav.home");
    nav("/book", "nav.book");
    nav("/my", "nav.my");
    if (const auto* staff = http::staff_of(ctx)) {
        // A signed-in staff member's forms carry the session's CSRF token (the access filter
        // refuses cookie-authenticated POSTs without it), and the header offers logging out.
        p.csrf = staff->csrf_token;
        p.signed_in_as =
            staff->user.display_name.empty() ? staff->user.username : staff->user.display_name;
        p.logout_action = "/staff/logout";
        // The staff pages each role works with (DOMAIN.md §8): operators answer calls on the
        // board, clerks work from the day sheet (operators and admins read any branch's),
        // admins also keep the catalogue.
        const role who = staff->user.who;
        if (who == role::operator_ || who == role::admin) {
            nav("/staff/board", "nav.staff.board");
        }
        nav("/staff/day", "nav.staff.day");
        if (who == role::admin) {
            nav("/staff/admin", "nav.staff.admin");
        }
        add_calendar_warning(p, ctx, who == role::admin);
    }
    return p;
}

views::page make_page(const http::context& ctx, std::string title, std::string_view current_href) {
    return make_page_for(ctx, std::move(title), current_href, ctx.req.target);
}

void add_security_headers(http::response& res) {
    res.set_header("content-security-policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                   "base-uri 'none'; object-src 'none'");
    res.set_header("x-content-type-options", "nosniff");
    res.set_header("referrer-policy", "same-origin");
    res.set_header("x-frame-options", "DENY");
}

http::response html(const http::context& ctx, int status, std::string body) {
    http::response res;
    res.status = status;
    res.set_header("content-type", "text/html; charset=utf-8");
    // Pages show bookings and form values: never store them in shared caches.
    res.set_header("cache-control", "no-store");
    add_security_headers(res);
    if (const auto chosen = ctx.query_value("lang")) {
        res.headers.push_back({"set-cookie", std::string{"lang="} +
                                                 (*chosen == "en" ? "en" : "ko") +
                                                 "; Path=/; Max-Age=31536000; SameSite=Lax"});
    }
    res.body = std::move(body);
    return res;
}

http::response see_other(const http::context& ctx, std::string location) {
    auto res = html(ctx, http::status::see_other, {});
    res.set_header("location", std::move(location));
    return res;
}

http::response not_found_page(const http::context& ctx) {
    auto p = make_page(ctx, std::string{i18n::text("page.not_found.title", ctx.lang)});
    views::message_view v{std::string{i18n::text("page.not_found.title", ctx.lang)},
                          std::string{i18n::text("page.not_found.text", ctx.lang)}};
    return html(ctx, http::status_of(reason::not_found), views::render_message(p, v));
}

http::response error_page(const http::context& ctx) {
    auto p = make_page(ctx, std::string{i18n::text("page.error.title", ctx.lang)});
    views::message_view v{std::string{i18n::text("page.error.title", ctx.lang)},
                          std::string{i18n::text("page.error.text", ctx.lang)}};
    return html(ctx, http::status::server_error, views::render_message(p, v));
}

http::response unavailable_page(const http::context& ctx) {
    auto p = make_page(ctx, std::string{i18n::text("page.unavailable.title", ctx.lang)});
    views::message_view v{std::string{i18n::text("page.unavailable.title", ctx.lang)},
                          std::string{i18n::text("page.unavailable.text", ctx.lang)}};
    auto res = html(ctx, http::status_of(reason::unavailable), views::render_message(p, v));
    res.set_header("retry-after", http::retry_after_unavailable);
    return res;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
    boost::urls::url u;
    for (const auto& [k, v] : params) {
        if (!v.empty()) {
            u.params().append({k, v});
        }
    }
    return u.encoded_query().empty() ? std::string{} : "?" + std::string{u.encoded_query()};
}

bool is_secure(const http::context& ctx) {
    return http::state_of(ctx).secure || ctx.req.secure;
}

// ---- staff pages ---------------------------------------------------------------------------

namespace {

http::response staff_message(const http::context& ctx, int status, std::string_view heading_key,
                             std::string text) {
    const std::string heading{i18n::text(heading_key, ctx.lang)};
    auto p = make_page(ctx, heading);
    p.body_class = "staff page-staff-message";
    views::staff_message_view v{heading, std::move(text), {}};
    if (const auto* staff = http::staff_of(ctx)) {
        v.links.push_back(
            {staff_home(*staff), std::string{i18n::text("staff.message.home", ctx.lang)}, true});
    } else {
        v.links.push_back(
            {"/staff/login", std::string{i18n::text("staff.message.login", ctx.lang)}, true});
    }
    return html(ctx, status, views::render_staff_message(p, v));
}

} // namespace

std::string staff_home(const app::staff_session& staff) {
    return staff.user.who == role::clerk ? "/staff/day" : "/staff/board";
}

std::optional<std::string> safe_local_path(std::string_view raw) {
    if (raw.empty() || raw.size() > 1000 || raw.front() != '/') {
        return std::nullopt;
    }
    // "//host" and "/\host" are other hosts to a browser.
    if (raw.size() > 1 && (raw[1] == '/' || raw[1] == '\\')) {
        return std::nullopt;
    }
    for (const char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '\\') {
            return std::nullopt;
        }
    }
    // An encoded slash or backslash right after the first one is no path anyone meant.
    if (raw.size() >= 4 && raw[1] == '%') {
        const std::string_view esc = raw.substr(2, 2);
        if (esc == "2f" || esc == "2F" || esc == "5c" || esc == "5C") {
            return std::nullopt;
        }
    }
    if (!boost::urls::parse_origin_form(raw)) {
        return std::nullopt;
    }
    return std::string{raw};
}

http::response login_redirect(const http::context& ctx, std::string_view next) {
    std::vector<std::pair<std::string, std::string>> q;
    if (const auto n = safe_local_path(next); n && !n->starts_with("/staff/login")) {
        q.emplace_back("next", *n);
    }
    // The browser still holds a session cookie that no longer opens a session: it ended (idle
    // or absolute timeout), and the login page says so.
    if (http::staff_of(ctx) == nullptr && http::cookie_value(ctx.req, http::session_cookie)) {
        q.emplace_back("expired", "1");
    }
    return see_other(ctx, "/staff/login" + query_string(q));
}

std::optional<http::response> require_staff_page(const http::context& ctx,
                                                 std::initializer_list<role> roles,
                                                 std::string_view next) {
    const auto* staff = http::staff_of(ctx);
    if (staff == nullptr) {
        std::string where{next};
        if (where.empty() && (ctx.req.method == "GET" || ctx.req.method == "HEAD")) {
            where = ctx.req.target;
        }
        return login_redirect(ctx, where);
    }
    for (const role r : roles) {
        if (staff->user.who == r) {
            return std::nullopt;
        }
    }
    return forbidden_page(ctx);
}

http::response forbidden_page(const http::context& ctx, std::string text) {
    if (text.empty()) {
        text = std::string{i18n::text("staff.forbidden.text", ctx.lang)};
    }
    return staff_message(ctx, http::status_of(reason::forbidden), "staff.forbidden.heading",
                         std::move(text));
}

http::response csrf_refused_page(const http::context& ctx) {
    return staff_message(ctx, http::status_of(reason::forbidden), "staff.csrf.heading",
                         std::string{i18n::text("staff.csrf.text", ctx.lang)});
}

} // namespace agrirent::pages
