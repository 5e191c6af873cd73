#pragma once
// The static assets of server/static/ (embedded), served at /static/<name>?v=<content hash>.
// The hash is in every URL the pages use, so an asset can be cached for a year ("immutable")
// and a new build is never shadowed by a stale copy: its URL changes with its content.
#include <string>
#include <string_view>

#include "server/http/router.hpp"

namespace agrirent::pages {

struct asset {
    std::string_view name;         // "app.css"
    std::string_view content_type; // "text/css; charset=utf-8"
    std::string_view bytes;
    std::string version; // 16 hex digits of a hash of the bytes
};

/// The asset `name`, or null.
const asset* find_asset(std::string_view name) noexcept;

/// "/static/app.css?v=0123456789abcdef" (the name alone if there is no such asset).
std::string asset_href(std::string_view name);

/// GET /static/{file}.
void add_static_routes(http::router& r);

} // namespace agrirent::pages
