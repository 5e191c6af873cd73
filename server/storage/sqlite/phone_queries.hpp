#pragma once
// The SQL of the phone repository (verified phones, DOMAIN.md §14): free functions on one
// connection, wrapped by sqlite_phone_repository (database.cpp).
#include "server/storage/phone_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage::sqlite {

std::vector<sys_seconds> code_times(db::connection& conn, std::string_view phone,
                                    sys_seconds since);
std::int64_t insert_code(db::connection& conn, const phone_code_row& c);
std::optional<phone_code_row> latest_code(db::connection& conn, std::string_view phone);
void update_code(db::connection& conn, std::int64_t id, int tries, bool dead);
void kill_codes(db::connection& conn, std::string_view phone);
void insert_verification(db::connection& conn, const phone_verification_row& v);
std::optional<phone_verification_row> find_verification(db::connection& conn,
                                                        std::string_view token_hash);
void delete_older(db::connection& conn, sys_seconds before);
std::string server_secret(db::connection& conn, std::string_view name, std::string_view candidate);

} // namespace agrirent::storage::sqlite
