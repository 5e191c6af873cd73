#pragma once
// Booking rules (DOMAIN.md §5) as pure functions of the plan, "now", the farmer's record and the
// live reservations they are given. Storage runs them inside the booking's write transaction.
#include <optional>
#include <span>
#include <vector>

#include "common/calendar.hpp"
#include "common/machine_type.hpp"
#include "common/planning.hpp"
#include "common/refusal.hpp"

namespace agrirent {

/// Per-branch / office-wide settings of §5 (defaults from DOMAIN.md).
struct booking_policy {
    int horizon_days = 30; // start at most this many days ahead (per branch)
    int max_live = 3;      // live reservations per farmer (setting)
    int max_types = 0;     // §18: different types among a farmer's live reservations; 0 = no limit
};

/// One live reservation the farmer already holds (any branch, any type).
struct held_reservation {
    type_code type;
    period usage;
};

/// What the rules need to know about the farmer (DOMAIN.md §8).
struct farmer_record {
    std::optional<local_days> training_completed_on;
    std::optional<local_days> suspended_until; // last day of the suspension, inclusive
    std::vector<held_reservation> live;        // requested, confirmed, checked out
};

/// §5.3 booking window: in_past when `start` lies before today (or, for an eve pickup, the pickup
/// day does); booking_closed once the eve window has opened, or for a regular pickup from the
/// branch's cutoff (17:00) of `start`; beyond_horizon when start is more than horizon days ahead.
std::optional<refusal> check_booking_window(const branch_calendar& cal, const rental_plan& plan,
                                            sys_seconds now, const booking_policy& policy);

/// §5.5–5.7 and §18: farmer_suspended, training_required, chained_booking (same type, usage
/// days overlapping or touching), too_many_reservations, too_many_types (a type the farmer's live
/// reservations do not cover yet, when they already cover policy.max_types > 0 types).
std::optional<refusal> check_farmer(const farmer_record& farmer, const machine_type& type,
                                    const rental_plan& plan, local_days today,
                                    const booking_policy& policy);

/// The largest number of `others` that overlap one another at some instant inside `target`
/// (half-open intervals: an interval ending at t and one starting at t do not overlap).
/// `others` need not be sorted and may include intervals that miss `target` (they are ignored).
int peak_overlap(interval target, std::span<const interval> others);

/// §5.4 capacity: the new occupancy fits if, at every instant of it, the live reservations
/// plus the new one fit within `capacity`. Refusal no_capacity (details capacity).
std::optional<refusal> check_capacity(interval occupancy, int capacity,
                                      std::span<const interval> live_overlapping);

/// Everything a booking decision needs; `farmer` is null for a quote without a farmer.
struct booking_request {
    const branch_calendar& cal;
    const machine_type& type;
    const rental_plan& plan;
    sys_seconds now;
    booking_policy policy;
    int capacity = 0;
    std::span<const interval> live_overlapping; // live occupancies of (branch, type)
    const farmer_record* farmer = nullptr;
};

/// All of §5 in the order a farmer finds most useful: window, farmer, capacity.
std::optional<refusal> check_booking(const booking_request& r);

/// DOMAIN.md §3 at-risk: given the live reservations of one (branch, type) in priority order
/// (checked-out first, then by creation), returns the indexes of those that no longer fit when
/// capacity is `capacity` (earlier ones keep their claim, first come first served).
std::vector<std::size_t> find_at_risk(std::span<const interval> live_in_priority_order,
                                      int capacity);

/// API.md availability: per day, how many more one-day reservations starting that day the
/// capacity rule would accept (0 … capacity); 0 on days that cannot be planned.
struct day_availability {
    day_info day;
    bool plannable = false; // a one-day rental starting that day has a plan
    int available = 0;
    /// Only from the overload that takes "now": whether a one-day booking starting that day
    /// would be accepted now (plan, §5.3 booking window, capacity), and if not, the refusal it
    /// would get (booking_closed once the eve window opened or after the same-day cutoff,
    /// in_past, beyond_horizon, calendar_unknown, no_capacity). `available` is 0 then.
    bool bookable = false;
    std::optional<refusal> not_bookable;
    /// DOMAIN.md §11, for types with half days: how many more morning / afternoon bookings of
    /// that day the capacity rule would accept (0 on a day that is not an operating day, and from
    /// the overload with "now", 0 once the booking window of the slot has closed).
    struct half_free {
        int am = 0;
        int pm = 0;
        friend bool operator==(const half_free&, const half_free&) = default;
    };
    std::optional<half_free> half;
};
std::vector<day_availability> availability(const branch_calendar& cal, const machine_type& type,
                                           date_range days, int capacity,
                                           std::span<const interval> live);
/// availability() as a farmer choosing a day sees it at `now` (issue 13: a day offered and then
/// refused is worse than a day shown closed, with the reason).
std::vector<day_availability> availability(const branch_calendar& cal, const machine_type& type,
                                           date_range days, int capacity,
                                           std::span<const interval> live, sys_seconds now,
                                           const booking_policy& policy);

} // namespace agrirent
