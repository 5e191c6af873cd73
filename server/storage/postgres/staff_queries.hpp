#pragma once
// The SQL of the staff repository: free functions on one connection, wrapped by
// pg_staff_repository (database.cpp).
#include "server/storage/staff_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

std::optional<staff_row> find_staff(pg::connection& conn, std::string_view username);
std::optional<staff_row> find_staff_by_id(pg::connection& conn, std::int64_t id);
std::vector<staff_row> list_staff(pg::connection& conn);
std::int64_t insert_staff(pg::connection& conn, const staff_row& s);
void update_staff(pg::connection& conn, const staff_row& s);
std::int64_t count_staff(pg::connection& conn);
void insert_session(pg::connection& conn, const session_row& s);
std::optional<session_row> find_session(pg::connection& conn, std::string_view id_hash);
void touch_session(pg::connection& conn, std::string_view id_hash, sys_seconds at);
void delete_session(pg::connection& conn, std::string_view id_hash);
void delete_sessions_of(pg::connection& conn, std::int64_t user_id);
void delete_expired_sessions(pg::connection& conn, sys_seconds idle_before,
                             sys_seconds created_before);
void record_login_failure(pg::connection& conn, std::string_view key, sys_seconds at);
failure_stats login_failures(pg::connection& conn, std::string_view key, sys_seconds since);
void clear_login_failures(pg::connection& conn, std::string_view key);

} // namespace agrirent::storage::postgres
