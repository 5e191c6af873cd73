#pragma once
// When a rental starts and ends (DOMAIN.md §4).
#include <vector>

#include "common/calendar.hpp"
#include "common/machine_type.hpp"
#include "common/result.hpp"

namespace agrirent {

struct rental_plan {
    period usage;
    bool eve = false;      // pickup on the last operating day before start, from 17:00
    local_days pickup_day; // the day of the pickup window
    interval pickup;       // [open or eve_pickup_from, close) of pickup_day
    local_days return_day; // the day of the return deadline
    sys_seconds return_by; // 17:00 on an operating end, else opening of the next one
    [[nodiscard]] interval occupancy() const { return {pickup.from, return_by}; }
    /// Billable days are the usage days start..end; days held over before start (eve pickup)
    /// or after end (until the deadline) are not billed (DOMAIN.md §7).
    [[nodiscard]] int billable_days() const { return usage.length_days(); }
    friend bool operator==(const rental_plan&, const rental_plan&) = default;
};

/// How far planning looks for the operating day before `start` or after `end` before it gives
/// up (a branch closed this long cannot hand a machine over).
inline constexpr int max_closed_run_days = 31;

/// Plans usage days `p` for a type at a branch, or refuses: start_after_end,
/// max_days_exceeded (details max_days), calendar_unknown (details date) when a day the plan
/// needs lies in a year the holiday data does not cover, booking_closed (details
/// reason=no_operating_day) when no operating day lies within max_closed_run_days.
result<rental_plan> plan_rental(const branch_calendar& cal, const machine_type& type, period p);

} // namespace agrirent
