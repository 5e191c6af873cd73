#pragma once
// What every HTML page handler shares (farmers' pages now, staff pages later): the layout's
// view model for a request, HTML responses with the security headers, redirects, the 404 page,
// and URL building.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// "?a=1&b=x%20y" from pairs (empty values are left out; empty result for no pairs).
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

/// Whether the request came over HTTPS (directly or at a trusted proxy): cookies get Secure.
bool is_secure(const http::context& ctx);

} // namespace agrirent::pages
