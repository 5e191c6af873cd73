#pragma once
// The SQL of the units repository: free functions on one connection, wrapped by
// sqlite_unit_repository (database.cpp).
#include "server/storage/unit_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage::sqlite {

std::optional<unit_row> find_unit(db::connection& conn, std::string_view tag);
std::vector<unit_row> list_units(db::connection& conn, const unit_filter& f);
void update_unit(db::connection& conn, std::int64_t id, unit_status state,
                 std::optional<double> hour_meter, std::optional<std::string> notes);

} // namespace agrirent::storage::sqlite
