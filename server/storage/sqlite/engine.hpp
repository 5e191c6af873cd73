#pragma once
// SQLite's answers to what the shared queries (server/storage/sql/) ask of an engine.
#include <cstdint>
#include <string_view>

#include "server/storage/sql/engine.hpp"
#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::storage::sql {

template <>
struct engine<db::connection> {
    using statement = db::statement;

    // The new id is last_insert_rowid(); a unique-key violation fails the statement itself
    // (SQLITE_CONSTRAINT_UNIQUE), which leaves the transaction usable.
    static constexpr std::string_view returning_id = "";
    static constexpr std::string_view refusing_duplicate = "";
    static constexpr std::string_view refusing_duplicate_returning_id = "";

    // A LIKE that ignores ASCII case (SQLite's own LIKE does).
    static constexpr std::string_view like = "LIKE";

    // An INSERT that skips a row whose unique key is taken: insert_or_ignore, "INTO …", or_ignore.
    static constexpr std::string_view insert_or_ignore = "INSERT OR IGNORE ";
    static constexpr std::string_view or_ignore = "";

    static std::int64_t inserted_id(db::connection& conn, db::statement& st) {
        st.step();
        return conn.last_insert_rowid();
    }
    static void run_insert(db::statement& st) { st.step(); }
    // A statement whose answer nobody waits for: SQLite runs it now.
    static void run_unanswered(db::statement& st) { st.step(); }
};

} // namespace agrirent::storage::sql
