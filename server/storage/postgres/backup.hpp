#pragma once
// Backups of a PostgreSQL database: pg_dump (custom format, one consistent snapshot taken while
// others keep reading and writing), restored with pg_restore (docs/deployment.md).
#include <cstdint>
#include <filesystem>
#include <string>

namespace agrirent::storage::postgres {

/// Runs `program` (pg_dump; empty: looked up on PATH) on the database of `conninfo` into
/// `target`, which must not exist (its folder is created): written under a temporary name,
/// fsync'd, then linked to `target` (never replacing a file). The password, if the conninfo has
/// one, reaches pg_dump in its environment, not on its command line. Returns the size in bytes.
/// Throws storage::backup_exists, or std::runtime_error (pg_dump missing or failed; the message
/// points to docs/deployment.md).
std::uintmax_t dump_into(const std::string& conninfo, const std::filesystem::path& program,
                         const std::filesystem::path& target);

/// The pg_dump to run: `program` if set, else the first pg_dump on PATH; empty if none.
std::filesystem::path find_dump_program(const std::filesystem::path& program);

} // namespace agrirent::storage::postgres
