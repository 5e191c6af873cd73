#pragma once
// PostgreSQL's answers to what the shared queries (server/storage/sql/) ask of an engine.
#include <cstdint>
#include <string_view>

#include "server/storage/postgres/columns.hpp"
#include "server/storage/postgres/pq.hpp"
#include "server/storage/sql/engine.hpp"

namespace agrirent::storage::sql {

template <>
struct engine<pg::connection> {
    using statement = pg::statement;

    // The new id comes back with RETURNING. A failed statement would abort the whole
    // transaction, so an INSERT that may hit a unique key says ON CONFLICT DO NOTHING and an
    // empty result is reported as 23505 (postgres/columns.hpp).
    static constexpr std::string_view returning_id = " RETURNING id";
    static constexpr std::string_view refusing_duplicate = " ON CONFLICT DO NOTHING";
    static constexpr std::string_view refusing_duplicate_returning_id =
        " ON CONFLICT DO NOTHING RETURNING id";

    static constexpr std::string_view like = "ILIKE";

    // An INSERT that skips a row whose unique key is taken: insert_or_ignore, "INTO …", or_ignore.
    static constexpr std::string_view insert_or_ignore = "INSERT ";
    static constexpr std::string_view or_ignore = " ON CONFLICT DO NOTHING";

    static std::int64_t inserted_id(pg::connection& /*conn*/, pg::statement& st) {
        return postgres::inserted_id(st);
    }
    static void run_insert(pg::statement& st) { postgres::require_inserted(st); }
    // A statement whose answer nobody waits for: sent with the next round trip.
    static void run_unanswered(pg::statement& st) { st.run_later(); }
};

} // namespace agrirent::storage::sql
