// What each engine of tests/server/storage/engines.hpp cannot do through the port. One section per
// engine; everything engine-specific in the contract suite lives here.
#include "tests/server/storage/engines.hpp"

#include <stdexcept>
#include <string>
#include <vector>

// ---- sqlite only -------------------------------------------------------------------------------
#include <sqlite3.h>

namespace agrirent::test {

void sqlite_engine::write_newer_schema(const std::string& location) {
    sqlite3* conn = nullptr;
    if (sqlite3_open_v2(location.c_str(), &conn, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        const std::string message = conn != nullptr ? sqlite3_errmsg(conn) : "out of memory";
        sqlite3_close(conn);
        throw std::runtime_error("cannot open " + location + ": " + message);
    }
    // Far beyond any migration this program knows (server/storage/sqlite/schema.cpp).
    char* error = nullptr;
    const int rc = sqlite3_exec(conn, "PRAGMA user_version = 9999", nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(conn);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("cannot set user_version: " + message);
    }
}

} // namespace agrirent::test

// ---- postgres only -----------------------------------------------------------------------------
#include "tests/server/storage/postgres/cluster.hpp"

namespace agrirent::test {

bool postgres_engine::available() {
    return !pg_cluster::base_uri().empty();
}

std::string postgres_engine::location(const std::filesystem::path& /*dir*/) {
    return pg_cluster::create_database();
}

std::string postgres_engine::backup_location(const std::filesystem::path& file) {
    const auto uri = pg_cluster::create_database();
    const std::string command =
        "pg_restore --no-owner --exit-on-error --dbname='" + uri + "' '" + file.string() + "'";
    // Dropped when the test program ends (the contract opens the copy without a store).
    static struct restored {
        std::vector<std::string> uris;
        ~restored() {
            for (const auto& u : uris) {
                try {
                    pg_cluster::drop_database(u);
                } catch (const std::exception&) {
                }
            }
        }
    } copies;
    copies.uris.push_back(uri);
    if (std::system(command.c_str()) != 0) {
        throw std::runtime_error("pg_restore failed: " + command);
    }
    return uri;
}

void postgres_engine::write_newer_schema(const std::string& location) {
    // Far beyond any migration this program knows (server/storage/postgres/schema.cpp).
    pg_cluster::exec(location, "UPDATE schema_version SET version = 9999");
}

void postgres_engine::discard(const std::string& location) {
    pg_cluster::drop_database(location);
}

} // namespace agrirent::test
