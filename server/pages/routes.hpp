#pragma once
// The HTML pages (issue 5). Registered next to the JSON API by server_app.
#include "server/app/services.hpp"
#include "server/http/router.hpp"

namespace agrirent::pages {

/// The farmers' pages — / (home), /book, /booking/{code}, /booking/{code}/cancel, /my — the
/// static assets under /static/, and the HTML 404 page for unknown paths outside /api/.
void add_farmer_pages(http::router& r, app::services& s);

} // namespace agrirent::pages
