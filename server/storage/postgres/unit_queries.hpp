#pragma once
// The SQL of the units repository: free functions on one connection, wrapped by
// pg_unit_repository (database.cpp).
#include "server/storage/unit_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

std::optional<unit_row> find_unit(pg::connection& conn, std::string_view tag);
std::vector<unit_row> list_units(pg::connection& conn, const unit_filter& f);
void update_unit(pg::connection& conn, std::int64_t id, unit_status state,
                 std::optional<double> hour_meter, std::optional<std::string> notes);

} // namespace agrirent::storage::postgres
