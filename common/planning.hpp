#pragma once
// When a rental starts and ends (DOMAIN.md §4).
#include <optional>
#include <string_view>
#include <vector>

#include "common/calendar.hpp"
#include "common/machine_type.hpp"
#include "common/result.hpp"

namespace agrirent {

/// A half-day slot (DOMAIN.md §11): morning (오전) or afternoon (오후).
enum class half_day { am, pm };
std::string_view to_string(half_day h) noexcept;
std::optional<half_day> parse_half_day(std::string_view s) noexcept;

struct rental_plan {
    period usage;
    std::optional<half_day> half; // DOMAIN.md §11: a half day; none = whole days
    bool eve = false;             // pickup on the last operating day before start, from 17:00
    local_days pickup_day;        // the day of the pickup window
    interval pickup;              // [open or eve_pickup_from, close) of pickup_day
    local_days return_day;        // the day of the return deadline
    sys_seconds return_by;        // 17:00 on an operating end, else opening of the next one
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

/// Plans a half day (DOMAIN.md §11): usage day `day` only, which must be an operating day (no eve
/// pickup); pickup window [slot start, slot end), return by the slot end, so the occupancy is the
/// slot. Refuses: half_day_not_offered (details field=half) when the type has no half days,
/// calendar_unknown (details date), booking_closed (details reason=not_operating_day, date) on a
/// closed day.
result<rental_plan> plan_half_day(const branch_calendar& cal, const machine_type& type,
                                  local_days day, half_day half);

/// plan_half_day when `half` is set, else plan_rental; `p.end` must equal `p.start` for a half
/// day (the codec refuses anything else before).
result<rental_plan> plan_booking(const branch_calendar& cal, const machine_type& type, period p,
                                 std::optional<half_day> half);

} // namespace agrirent
