#pragma once
// The SQL of the people repository: free functions on one connection, wrapped by
// sqlite_people_repository (database.cpp).
#include "server/storage/people_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage::sqlite {

std::vector<farmer_row> search_farmers(db::connection& conn, const farmer_search& q);
void update_farmer(db::connection& conn, const farmer_row& f);
void set_farmer_categories(db::connection& conn, std::int64_t farmer_id,
                           const std::vector<std::int64_t>& category_ids);
std::vector<strike_record> farmer_strikes(db::connection& conn, std::int64_t farmer_id);
std::int64_t count_live_of_farmer(db::connection& conn, std::int64_t farmer_id);
std::vector<group_row> list_groups(db::connection& conn);
std::optional<group_row> find_group(db::connection& conn, std::int64_t id);
std::int64_t insert_group(db::connection& conn, const group_row& g);
void update_group(db::connection& conn, const group_row& g);
std::int64_t count_live_of_group(db::connection& conn, std::int64_t group_id, std::int64_t type_id);

} // namespace agrirent::storage::sqlite
