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

} // namespace agrirent::storage
