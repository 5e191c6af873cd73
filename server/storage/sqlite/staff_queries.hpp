#pragma once
// The SQL of the staff repository: free functions on one connection, wrapped by
// sqlite_staff_repository (database.cpp).
#include "server/storage/staff_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage::sqlite {

std::optional<staff_row> find_staff(db::connection& conn, std::string_view username);
std::optional<staff_row> find_staff_by_id(db::connection& conn, std::int64_t id);
std::vector<staff_row> list_staff(db::connection& conn);
std::int64_t insert_staff(db::connection& conn, const staff_row& s);
void update_staff(db::connection& conn, const staff_row& s);
std::int64_t count_staff(db::connection& conn);
void insert_session(db::connection& conn, const session_row& s);
std::optional<session_row> find_session(db::connection& conn, std::string_view id_hash);
void touch_session(db::connection& conn, std::string_view id_hash, sys_seconds at);
void delete_session(db::connection& conn, std::string_view id_hash);
void delete_sessions_of(db::connection& conn, std::int64_t user_id);
void delete_expired_sessions(db::connection& conn, sys_seconds idle_before,
                             sys_seconds created_before);
void record_login_failure(db::connection& conn, std::string_view key, sys_seconds at);
failure_stats login_failures(db::connection& conn, std::string_view key, sys_seconds since);
void clear_login_failures(db::connection& conn, std::string_view key);

} // namespace agrirent::storage::sqlite
