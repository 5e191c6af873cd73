#pragma once
// Calendar and availability (DOMAIN.md §3, API.md availability): how many more reservations of
// each machine type a branch can take per day, and who holds a slot. Read-only: one snapshot.
#include <optional>
#include <vector>

#include "common/booking_rules.hpp"
#include "server/app/catalog.hpp"
#include "server/app/services.hpp"
#include "server/storage/records.hpp"

namespace agrirent::app {

/// One machine type at one branch over a range of days.
struct type_availability {
    const type_info* type = nullptr;
    int offered = 0;  // units not retired (0: the type is not offered at the branch)
    int capacity = 0; // units not in maintenance nor retired
    std::vector<day_availability> days;
};

/// Every active type of the catalogue (or only `only_type`), in catalogue order, with its counts
/// at `branch` and its availability per day of `days`; types with no unit at the branch are
/// included (offered == 0), the caller decides whether to show them.
std::vector<type_availability> branch_availability(services& s, const catalog& cat,
                                                   const branch_info& branch,
                                                   const type_info* only_type, date_range days);

/// Live reservations of (branch, type) whose occupancy overlaps what a one-day rental starting
/// `day` would occupy (the ones that make the availability of that day), by pickup time.
std::vector<storage::reservation_row> holders_of(services& s, const branch_info& branch,
                                                 const type_info& type, local_days day);

} // namespace agrirent::app
