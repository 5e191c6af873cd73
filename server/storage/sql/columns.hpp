#pragma once
// How domain values are stored in columns (the schema.cpp conventions of every engine): instants
// as integer seconds since the Unix epoch, civil dates as text 'YYYY-MM-DD', nullable columns as
// optionals. Generic over the statement type, so both engines and the shared queries
// (server/storage/sql/) read columns alike.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/time.hpp"

namespace agrirent::storage::sql {

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
template <class Statement>
local_days date_column(const Statement& st, int col) {
    const auto d = parse_date(st.text_view(col));
    if (!d) {
        throw std::runtime_error("database holds a malformed date: " + st.text(col));
    }
    return *d;
}

template <class Statement>
std::optional<local_days> optional_date(const Statement& st, int col) {
    return st.is_null(col) ? std::nullopt : parse_date(st.text_view(col));
}

template <class Statement>
std::optional<sys_seconds> optional_instant(const Statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{instant(st.int64(col))};
}

template <class Statement>
std::optional<double> optional_real(const Statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{st.real(col)};
}

template <class Statement>
std::optional<bool> optional_bool(const Statement& st, int col) {
    return st.is_null(col) ? std::nullopt : std::optional{st.int64(col) != 0};
}

} // namespace agrirent::storage::sql
