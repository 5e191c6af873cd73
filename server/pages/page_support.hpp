#pragma once
// What every HTML page handler shares (farmers' pages now, staff pages later): the layout's
// view model for a request, HTML responses with the security headers, redirects, the 404 page,
// and URL building.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/types.hpp"
#include "server/app/auth.hpp"
#include "server/http/router.hpp"
#include "server/views/page.hpp"

namespace agrirent::pages {

/// The layout view model for this request: language (from ?lang, the lang cookie or
/// Accept-Language), title, navigation with `current_href` marked, the language switch for the
/// same URL, the stylesheet and, for a signed-in staff member, the CSRF token that every form
/// of the page then carries ({{>csrf_field}}). Staff pages add their links to `nav`.
views::page make_page(const http::context& ctx, std::string title,
                      std::string_view current_href = {});

/// The same as make_page, but the language switch goes to `switch_target` (a GET URL without
/// lang), for pages rendered in answer to a POST.
views::page make_page_for(const http::context& ctx, std::string title,
                          std::string_view current_href, std::string_view switch_target);

/// A text/html response with the security headers. When the request chose the language with
/// ?lang=, the choice is remembered in a cookie.
http::response html(const http::context& ctx, int status, std::string body);

/// 303 See Other to `location` (POST-redirect-GET), with the security headers.
http::response see_other(const http::context& ctx, std::string location);

/// Content-Security-Policy (no inline script or style, nothing from other origins), nosniff,
/// Referrer-Policy same-origin, X-Frame-Options DENY.
void add_security_headers(http::response& res);

/// The HTML 404 page (also the router's not-found handler outside /api).
http::response not_found_page(const http::context& ctx);

/// The HTML page for an unexpected error (500).
http::response error_page(const http::context& ctx);

/// The HTML page while the database cannot be reached (503, Retry-After): try again shortly.
http::response unavailable_page(const http::context& ctx);

/// The catalogue text of `key` in `lang` (server/i18n).
std::string text(std::string_view key, std::string_view lang);

/// "?a=1&b=x%20y" from pairs (empty values are left out; empty result for no pairs).
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

/// Whether the request came over HTTPS (directly or at a trusted proxy): cookies get Secure.
bool is_secure(const http::context& ctx);

// ---- staff pages (/staff/*) ----------------------------------------------------------------

/// The gate of every staff page. Nothing when a staff member with one of `roles` is signed in;
/// otherwise the answer to send: 303 to /staff/login?next=… when nobody is signed in (never
/// logged in, idle or absolute timeout, logged out — with &expired=1 when the browser still
/// presented a session that has ended), or the 403 page for another role. `next` is where the
/// login brings the person back: by default the request's own path and query for a GET, the
/// staff home after a POST (a POST cannot be repeated; staff forms pass their `back` page).
std::optional<http::response> require_staff_page(const http::context& ctx,
                                                 std::initializer_list<role> roles,
                                                 std::string_view next = {});

/// 303 to /staff/login?next=<next> (next checked with safe_local_path; left out if unsafe).
http::response login_redirect(const http::context& ctx, std::string_view next);

/// The HTML 403 page: `text` says what is not allowed (default: the generic sentence), with a
/// link to the signed-in person's home.
http::response forbidden_page(const http::context& ctx, std::string text = {});

/// The HTML 403 page for a form POSTed without the session's CSRF token (the access filter's
/// refusal on pages; the JSON API keeps API.md's JSON error).
http::response csrf_refused_page(const http::context& ctx);

/// Where a staff member starts: operators and admins the board, clerks their day sheet.
std::string staff_home(const app::staff_session& staff);

/// `raw` if it is a path on this site to send a browser to (after login, after a form): it
/// starts with one "/" (not "//" nor "/\", so never another host), has no scheme, no
/// backslash, no control or non-ASCII characters, at most 1,000 characters; else nullopt.
/// Open redirects are a bug (issue 5).
std::optional<std::string> safe_local_path(std::string_view raw);

} // namespace agrirent::pages
