#include "server/storage/sqlite/backup.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string>
#include <unistd.h>

#include <sqlite3.h>

namespace agrirent::db {
namespace {

[[noreturn]] void fail_errno(const std::string& what, const std::filesystem::path& file) {
    throw std::runtime_error(what + " " + file.string() + ": " + std::strerror(errno));
}

// fsync a file or a folder (the folder's entry for a new name is durable only after this).
void sync_path(const std::filesystem::path& p, bool directory) {
    const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) {
        fail_errno("cannot open", p);
    }
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) {
        fail_errno("fsync failed for", p);
    }
}

// PRAGMA quick_check on the copy, read-only, on a connection of its own.
void check_copy(const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    std::string verdict;
    sqlite3_stmt* st = nullptr;
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(raw, "PRAGMA quick_check", -1, &st, nullptr);
    }
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(st, 0);
        verdict = text != nullptr ? reinterpret_cast<const char*>(text) : "";
    } else {
        verdict = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    }
    sqlite3_finalize(st);
    sqlite3_close(raw);
    if (verdict != "ok") {
        throw error(SQLITE_CORRUPT,
                    "backup copy " + file.string() + " failed quick_check: " + verdict);
    }
}

} // namespace

backup_target_exists::backup_target_exists(const std::filesystem::path& target)
    : std::runtime_error("backup file " + target.string() + " already exists") {}

std::uintmax_t backup_into(connection& conn, const std::filesystem::path& target) {
    const auto folder = target.has_parent_path() ? target.parent_path() : ".";
    std::filesystem::create_directories(folder);
    if (std::filesystem::exists(target)) {
        throw backup_target_exists(target);
    }
    const auto temporary =
        folder / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                  std::to_string(std::random_device{}()));
    struct remover {
        std::filesystem::path file;
        ~remover() {
            std::error_code ignored;
            std::filesystem::remove(file, ignored);
        }
    } cleanup{temporary};

    {
        statement vacuum = conn.prepare("VACUUM INTO ?");
        vacuum.bind(1, temporary.string());
        vacuum.step();
    }
    // SQLite does not sync the file VACUUM INTO writes.
    sync_path(temporary, false);
    check_copy(temporary);
    // link() fails if the name exists: two backups at once never overwrite each other.
    if (::link(temporary.c_str(), target.c_str()) != 0) {
        if (errno == EEXIST) {
            throw backup_target_exists(target);
        }
        fail_errno("cannot create", target);
    }
    sync_path(folder, true);
    return std::filesystem::file_size(target);
}

} // namespace agrirent::db
