#pragma once
// Backups of the live database (docs/durability.md): the admin endpoint's folder of timestamped
// copies, and the `--backup-to FILE` command.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/types.hpp"

namespace agrirent::storage {
class database;
}

namespace agrirent::app {

struct config;

struct backup_file {
    std::string name; // file name inside the backup folder
    std::uintmax_t bytes = 0;
    sys_seconds created_at;       // when the file was written (its modification time)
    std::int64_t modified_ns = 0; // the same to the nanosecond: orders backups of one second
};

/// --backup-dir, or a `backups` folder beside the database file.
std::filesystem::path backup_dir_of(const config& cfg);

/// A consistent copy of the live database into `dir`, named agrirent-YYYYMMDDTHHMMSSZ.db after
/// the system clock (UTC; -2, -3 … appended if that name is taken). Never overwrites a file.
/// Takes none of the writers' turn: bookings go on meanwhile.
backup_file make_backup(storage::database& db, const std::filesystem::path& dir);

/// The backups in `dir` (regular files named *.db, not temporaries), newest first; none if the
/// folder does not exist.
std::vector<backup_file> list_backups(const std::filesystem::path& dir);

/// `agrirent-server --db FILE --backup-to TARGET`: copies a database that may be in use by a
/// running server, to the new file TARGET, or into the folder TARGET (an existing folder, or a
/// name ending in '/', created) under make_backup's name. Prints what it did; returns the exit
/// code (0 ok, 1 failure).
int backup_command(const config& cfg);

} // namespace agrirent::app
