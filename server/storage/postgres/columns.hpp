#pragma once
// How domain values are stored in columns (schema.cpp conventions): instants as INTEGER seconds
// since the Unix epoch, civil dates as TEXT 'YYYY-MM-DD', nullable columns as optionals. Shared
// by every repository.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/time.hpp"
#include "server/storage/postgres/pq.hpp"
#include "server/storage/sql/columns.hpp"

namespace agrirent::storage::postgres {

// The column conventions are shared with the other engine: server/storage/sql/columns.hpp.
using sql::date_column;
using sql::date_text;
using sql::instant;
using sql::optional_bool;
using sql::optional_date;
using sql::optional_instant;
using sql::optional_real;
using sql::seconds;

/// The id of an `INSERT … ON CONFLICT DO NOTHING RETURNING id`. No row means a unique key was
/// taken: reported as SQLSTATE 23505, as PostgreSQL would, but without aborting the transaction
/// (pq.hpp: a failed statement would abort it; the port lets the unit of work go on).
inline std::int64_t inserted_id(pg::statement& st) {
    if (!st.step()) {
        throw pg::error("23505", "duplicate key value violates a unique constraint (in: " +
                                     std::string(st.sql()) + ")");
    }
    const auto id = st.int64(0);
    st.reset();
    return id;
}

/// Runs an `INSERT … ON CONFLICT DO NOTHING` without RETURNING; nothing inserted is a 23505.
inline void require_inserted(pg::statement& st) {
    st.step();
    if (st.changes() == 0) {
        throw pg::error("23505", "duplicate key value violates a unique constraint (in: " +
                                     std::string(st.sql()) + ")");
    }
}

} // namespace agrirent::storage::postgres
