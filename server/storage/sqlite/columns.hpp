#pragma once
// How domain values are stored in columns (schema.cpp conventions): instants as INTEGER seconds
// since the Unix epoch, civil dates as TEXT 'YYYY-MM-DD', nullable columns as optionals. Shared
// by every repository.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/time.hpp"
#include "server/storage/sql/columns.hpp"
#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::storage::sqlite {

// The column conventions are shared with the other engine: server/storage/sql/columns.hpp.
using sql::date_column;
using sql::date_text;
using sql::instant;
using sql::optional_bool;
using sql::optional_date;
using sql::optional_instant;
using sql::optional_real;
using sql::seconds;

} // namespace agrirent::storage::sqlite
