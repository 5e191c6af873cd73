#pragma once
// How domain values are stored in columns (schema.cpp conventions): instants as INTEGER seconds
// since the Unix epoch, civil dates as TEXT 'YYYY-MM-DD', nullable columns as optionals. Shared
// by every repository.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/time.hpp"
#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::storage::sqlite {

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
inline local_days date_column(const db::statement& st, int col) {
    const auto d = parse_date(st.text_view(col));
    if (!d) {
        throw std::runtime_error("database holds a malformed date: " + st.text(col));
    }
    return *d;
}

inline std::optional<local_days> optional_date(const db::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : parse_date(st.text_view(col));
}

inline std::optional<sys_seconds> optional_instant(const db::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{instant(st.int64(col))};
}

inline std::optional<double> optional_real(const db::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{st.real(col)};
}

inline std::optional<bool> optional_bool(const db::statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{st.int64(col) != 0};
}

} // namespace agrirent::storage::sqlite
