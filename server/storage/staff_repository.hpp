#pragma once
// Staff users, their sessions and failed logins (issue 4 "Access").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage {

struct staff_row {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    role who = role::operator_;
    std::optional<std::int64_t> branch_id; // clerks
    std::string password_hash;             // argon2id, libsodium's encoded form
    bool active = true;
    sys_seconds created_at{};
};

std::optional<staff_row> find_staff(db::connection& conn, std::string_view username);
std::optional<staff_row> find_staff_by_id(db::connection& conn, std::int64_t id);
std::vector<staff_row> list_staff(db::connection& conn);
std::int64_t insert_staff(db::connection& conn, const staff_row& s);
/// Updates everything but the id and created_at.
void update_staff(db::connection& conn, const staff_row& s);
std::int64_t count_staff(db::connection& conn);

struct session_row {
    std::string id_hash;
    std::int64_t user_id = 0;
    std::string csrf_token;
    sys_seconds created_at{};
    sys_seconds last_seen{};
};

void insert_session(db::connection& conn, const session_row& s);
std::optional<session_row> find_session(db::connection& conn, std::string_view id_hash);
void touch_session(db::connection& conn, std::string_view id_hash, sys_seconds at);
void delete_session(db::connection& conn, std::string_view id_hash);
void delete_sessions_of(db::connection& conn, std::int64_t user_id);
/// Removes sessions idle since before `idle_before` or created before `created_before`.
void delete_expired_sessions(db::connection& conn, sys_seconds idle_before,
                             sys_seconds created_before);

void record_login_failure(db::connection& conn, std::string_view key, sys_seconds at);
/// Failures for `key` since `since`, and the time of the latest.
struct failure_stats {
    int count = 0;
    std::optional<sys_seconds> latest;
};
failure_stats login_failures(db::connection& conn, std::string_view key, sys_seconds since);
void clear_login_failures(db::connection& conn, std::string_view key);

} // namespace agrirent::storage
