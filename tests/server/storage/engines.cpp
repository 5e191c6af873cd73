// What each engine of tests/server/storage/engines.hpp cannot do through the port. One section per
// engine; everything engine-specific in the contract suite lives here.
#include "tests/server/storage/engines.hpp"

#include <stdexcept>
#include <string>

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
