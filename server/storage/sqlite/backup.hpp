#pragma once
// Online backup of the database (docs/durability.md): a consistent copy of a live database,
// taken while other connections (this process's or another's) keep reading and writing.
#include <cstdint>
#include <filesystem>
#include <stdexcept>

#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::db {

/// The backup's file name is taken: a backup never overwrites anything.
class backup_target_exists : public std::runtime_error {
  public:
    explicit backup_target_exists(const std::filesystem::path& target);
};

/// Writes a copy of the database `conn` is open on into `target`, which must not exist (its
/// folder is created). The copy is one consistent snapshot (VACUUM INTO runs in one read
/// transaction; in WAL mode writers go on meanwhile), compacted, a single file in rollback-journal
/// mode. It is written under a temporary name in the same folder, fsync'd, checked with
/// PRAGMA quick_check, then linked to `target` (never replacing a file) and the folder fsync'd:
/// `target` either does not exist or is a complete, durable copy. Returns its size in bytes.
/// Throws backup_target_exists, db::error or std::runtime_error (the temporary file removed).
std::uintmax_t backup_into(connection& conn, const std::filesystem::path& target);

} // namespace agrirent::db
