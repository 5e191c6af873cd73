#pragma once
// Units: the physical machines (DOMAIN.md §3).
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

struct unit_row {
    std::int64_t id = 0;
    std::string tag;
    std::int64_t type_id = 0;
    std::int64_t branch_id = 0;
    unit_status state = unit_status::available;
    double hour_meter = 0;
    std::string notes;
};

std::optional<unit_row> find_unit(db::connection& conn, std::string_view tag);

struct unit_filter {
    std::optional<std::int64_t> branch_id;
    std::optional<std::int64_t> type_id;
    std::optional<unit_status> state;
};
std::vector<unit_row> list_units(db::connection& conn, const unit_filter& f);

/// Sets the status (and hour meter, notes when given).
void update_unit(db::connection& conn, std::int64_t id, unit_status state,
                 std::optional<double> hour_meter, std::optional<std::string> notes);

} // namespace agrirent::storage
