#pragma once
// The PostgreSQL engine behind the storage port (server/storage/database.hpp): a pool of libpq
// connections (pq.hpp), an advisory writer lock shared by every server on the database, group
// commit, a data version bumped by every write, shared rate limits and pg_dump backups. Selected
// by storage::open_database for a `postgresql://` or `postgres://` URI (docs/decisions.md,
// "PostgreSQL (issue 12)").
#include <memory>
#include <string>
#include <string_view>

#include "server/storage/database.hpp"

namespace agrirent::storage::postgres {

/// True for a location this engine opens: a libpq URI (`postgresql://…`, `postgres://…`).
bool is_location(std::string_view location) noexcept;

/// Connects to the database of `uri` (libpq's syntax) with its schema brought up to date.
/// Throws schema_too_new (the database untouched), unavailable or std::runtime_error.
std::unique_ptr<database> open(const std::string& uri, const open_settings& settings);

} // namespace agrirent::storage::postgres
