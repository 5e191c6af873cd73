#include "server/app/backups.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sys/stat.h>

#include "server/app/config.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {
namespace {

constexpr std::string_view backup_prefix = "agrirent-";
constexpr std::string_view suffix = ".db";

backup_file describe(const std::filesystem::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        throw std::runtime_error("cannot stat " + file.string());
    }
    return {file.filename().string(), static_cast<std::uintmax_t>(st.st_size),
            sys_seconds{std::chrono::seconds{st.st_mtim.tv_sec}},
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::string utc_stamp(std::chrono::system_clock::time_point t) {
    const auto secs = std::chrono::floor<std::chrono::seconds>(t);
    const auto day = std::chrono::floor<std::chrono::days>(secs);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{secs - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02ld%02ld%02ldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buf;
}

} // namespace

std::filesystem::path backup_dir_of(const config& cfg) {
    if (!cfg.backup_dir.empty()) {
        return cfg.backup_dir;
    }
    if (storage::is_server_location(cfg.db.string())) {
        return "backups"; // no file to put them beside
    }
    return cfg.db.parent_path() / "backups";
}

backup_file make_backup(storage::database& db, const std::filesystem::path& dir) {
    const std::string stem = std::string{backup_prefix} + utc_stamp(std::chrono::system_clock::now());
    for (int n = 1;; ++n) {
        const auto target =
            dir / (stem + (n == 1 ? std::string{} : "-" + std::to_string(n)) + std::string{suffix});
        try {
            db.backup_to(target);
            return describe(target);
        } catch (const storage::backup_exists&) {
            if (n >= 10) {
                throw; // each try is a whole copy: ten a second is plenty (the API says 429)
            }
        }
    }
}

std::vector<backup_file> list_backups(const std::filesystem::path& dir) {
    std::vector<backup_file> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || name.starts_with(".") || !name.ends_with(suffix)) {
            continue;
        }
        out.push_back(describe(entry.path()));
    }
    std::sort(out.begin(), out.end(), [](const backup_file& a, const backup_file& b) {
        return a.modified_ns != b.modified_ns ? a.modified_ns > b.modified_ns : a.name > b.name;
    });
    return out;
}

int backup_command(const config& cfg) {
    const std::string where = storage::printable_location(cfg.db.string());
    if (!storage::is_server_location(cfg.db.string()) && !std::filesystem::exists(cfg.db)) {
        std::cerr << "agrirent-server: no database at " << where << '\n';
        return 1;
    }
    try {
        storage::open_settings settings;
        settings.connections = 1;
        settings.migrate = false; // a copy of the database as it is
        settings.dump_program = cfg.pg_dump;
        const auto db = storage::open_database(cfg.db.string(), settings);
        // A folder (the nightly timer's case): a new file named like the admin endpoint's, so
        // that the admin page lists it when the folder is the backup folder.
        if (!cfg.backup_to.has_filename() || std::filesystem::is_directory(cfg.backup_to)) {
            std::filesystem::create_directories(cfg.backup_to);
            const auto made = make_backup(*db, cfg.backup_to);
            std::cout << "agrirent-server: backed up " << where << " to "
                      << (cfg.backup_to / made.name).string() << " (" << made.bytes << " bytes)\n";
            return 0;
        }
        const auto bytes = db->backup_to(cfg.backup_to);
        std::cout << "agrirent-server: backed up " << where << " to " << cfg.backup_to.string()
                  << " (" << bytes << " bytes)\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "agrirent-server: backup failed: " << e.what() << '\n';
        return 1;
    }
}

} // namespace agrirent::app
