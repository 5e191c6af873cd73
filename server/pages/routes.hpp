#pragma once
// The HTML pages (issue 5). Registered next to the JSON API by server_app.
#include "server/app/services.hpp"
#include "server/http/router.hpp"

namespace agrirent::pages {

/// The farmers' pages — / (home), /book, /booking/{code}, /booking/{code}/cancel, /my — the
/// static assets under /static/, and the HTML 404 page for unknown paths outside /api/.
void add_farmer_pages(http::router& r, app::services& s);

/// The staff pages: /staff/login, /staff/logout, the operators' board (/staff/board,
/// /staff/book), one reservation and its actions (/staff/reservations/{code}[/{action}]), the
/// clerk's day sheet (/staff/day) and unit status changes (/staff/units/{tag}/status).
void add_staff_pages(http::router& r, app::services& s);

/// The administration pages under /staff/admin (admin only; admin_pages.cpp). They call the
/// JSON API in-process through `r`, which must outlive every request.
void add_admin_pages(http::router& r, app::services& s);

} // namespace agrirent::pages
