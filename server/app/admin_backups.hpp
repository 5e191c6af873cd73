#pragma once
// Backups (issue 6, docs/durability.md) as an admin makes them: a consistent copy of the live
// database into the backup folder (--backup-dir), audited, and the list of the copies there.
// Bookings go on meanwhile: the copy is one read snapshot and takes no writer lock. Restoring is
// done with the server stopped (docs/durability.md "Restore").
#include <string>
#include <vector>

#include "common/result.hpp"
#include "server/app/backups.hpp"
#include "server/app/services.hpp"

namespace agrirent::app::admin {

struct backup_folder {
    std::string folder;               // absolute
    std::vector<backup_file> backups; // newest first
};
backup_folder list_backups(services& s);

/// backup_busy when every name of this second is taken (nothing written), backup_failed when
/// the copy could not be written (the reason goes to the log).
result<backup_file> create_backup(services& s, const actor& who);

} // namespace agrirent::app::admin
