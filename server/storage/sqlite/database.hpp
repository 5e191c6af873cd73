#pragma once
// The SQLite engine behind the storage port (server/storage/database.hpp): a pool of connections
// to one file in WAL mode, our writer lock, group commit and VACUUM INTO backups (sqlite.hpp,
// backup.hpp). Selected by storage::open_database for a location that is a file path.
#include <filesystem>
#include <memory>

#include "server/storage/database.hpp"

namespace agrirent::storage::sqlite {

/// Opens (creating if missing) the database file with its schema brought up to date.
std::unique_ptr<database> open(const std::filesystem::path& file, const open_settings& settings);

} // namespace agrirent::storage::sqlite
