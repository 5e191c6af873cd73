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

namespace agrirent::storage::postgres {

inline std::int64_t seconds(sys_seconds t) {
    return t.time_since_epoch().count();
}
inline sys_seconds instant(std::int64_t s) {
    return sys_seconds{std::chrono::seconds{s}};
}

inline std::optional<std::string> date_text(const std::optional<local_days>& d) {
    return d ? std::optional<std::string>{format_date(*d)} : std::nullopt;
}

/// A NOT NULL date column; a malformed value is a corrupt database, reported loudly.
inline local_days date_column(const pg::statement& st, int col) {
    const auto d = parse_date(st.text_view(col));
    if (!d) {
        throw std::runtime_error("database holds a malformed date: " + st.text(col));
    }
    return *d;
}

inline std::optional<local_days> optional_date(const pg::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : parse_date(st.text_view(col));
}

inline std::optional<sys_seconds> optional_instant(const pg::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{instant(st.int64(col))};
}

inline std::optional<double> optional_real(const pg::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{st.real(col)};
}

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

inline std::optional<bool> optional_bool(const pg::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{st.int64(col) != 0};
}

} // namespace agrirent::storage::postgres
