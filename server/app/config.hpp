#pragma once
// Program options (Boost.ProgramOptions): command line, then AGRIRENT_* environment variables,
// then an optional config file (key = value), in that order of precedence.
#include <filesystem>
#include <optional>
#include <string>

namespace agrirent::app {

struct config {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;
    std::filesystem::path db = "data/agrirent.db";
    bool demo = false;
    unsigned threads = 4;
    bool test_clock = false;
    std::string log_level = "info"; // error, warn, info, debug
    bool trust_proxy = false;       // use X-Forwarded-For / X-Forwarded-Proto from the proxy
    std::filesystem::path notify_log = "data/notifications.log";
    std::string notify_command;       // if set, run per message instead of writing the log
    std::string admin_user;           // create or reset this admin at start
    std::string admin_password;       // its password (or AGRIRENT_ADMIN_PASSWORD)
    std::filesystem::path backup_dir; // POST /api/v1/admin/backups writes here ("" = db/../backups)
    std::filesystem::path backup_to;  // --backup-to: copy the database there and exit
    bool migrate_only = false;        // --migrate-only: create/migrate the schema and exit
    std::filesystem::path pg_dump;    // --pg-dump: backups on PostgreSQL ("" = pg_dump on PATH)
    unsigned pg_pool_size = 20;       // --pg-pool-size: PostgreSQL connections of this server
};

/// Parses argv. Returns nullopt after printing help or a usage error (exit code in `exit_code`).
std::optional<config> parse_config(int argc, char** argv, int& exit_code);

} // namespace agrirent::app
