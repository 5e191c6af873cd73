#include "server/storage/database.hpp"
#include "server/storage/postgres/database.hpp"
#include "server/storage/sqlite/database.hpp"

namespace agrirent::storage {

std::unique_ptr<database> open_database(const std::string& location,
                                        const open_settings& settings) {
    // One line per engine, chosen by the form of the location. Anything else is a file path:
    // the embedded SQLite engine.
    if (postgres::is_location(location)) {
        return postgres::open(location, settings);
    }
    return sqlite::open(location, settings);
}

bool is_server_location(std::string_view location) noexcept {
    return postgres::is_location(location);
}

std::string printable_location(const std::string& location) {
    if (!is_server_location(location)) {
        return location;
    }
    std::string out = location;
    // postgresql://user:secret@host/db → postgresql://user@host/db
    const auto scheme = out.find("://") + 3;
    const auto at = out.find('@', scheme);
    const auto slash = out.find('/', scheme);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
        const auto colon = out.find(':', scheme);
        if (colon != std::string::npos && colon < at) {
            out.erase(colon, at - colon);
        }
    }
    // …?password=secret&… → …?password=…&…
    for (std::size_t p = out.find("password="); p != std::string::npos;
         p = out.find("password=", p + 1)) {
        if (p > 0 && (out[p - 1] == '?' || out[p - 1] == '&')) {
            const auto end = out.find('&', p);
            out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "…");
        }
    }
    return out;
}

} // namespace agrirent::storage
