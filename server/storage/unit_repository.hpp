#pragma once
// Units: the physical machines (DOMAIN.md §3).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.hpp"

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

struct unit_filter {
    std::optional<std::int64_t> branch_id;
    std::optional<std::int64_t> type_id;
    std::optional<unit_status> state;
};

/// The units part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class unit_repository {
  public:
    virtual ~unit_repository() = default;

    virtual std::optional<unit_row> find_unit(std::string_view tag) = 0;
    virtual std::vector<unit_row> list_units(const unit_filter& f) = 0;
    /// Sets the status (and hour meter, notes when given).
    virtual void update_unit(std::int64_t id, unit_status state, std::optional<double> hour_meter,
                             std::optional<std::string> notes) = 0;

  protected:
    unit_repository() = default;
    unit_repository(const unit_repository&) = default;
    unit_repository& operator=(const unit_repository&) = default;
};

} // namespace agrirent::storage
