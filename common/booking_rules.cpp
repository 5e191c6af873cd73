#include "common/booking_rules.hpp"

#include <algorithm>

#include "common/lifecycle.hpp"
#include "common/time.hpp"

namespace agrirent {

std::optional<refusal> check_booking_window(const branch_calendar& cal, const rental_plan& plan,
                                            sys_seconds now, const booking_policy& policy) {
    const local_days today = local_date_of(cal.zone, now);
    const local_days start = plan.usage.start;
    if (start < today) {
        return refusal{reason::in_past, {}};
    }
    if ((start - today).count() > policy.horizon_days) {
        return refusal{reason::beyond_horizon,
                       {{"horizon_days", std::to_string(policy.horizon_days)}}};
    }
    if (plan.half) {
        // DOMAIN.md §11: a half day can be booked until its slot starts.
        if (now >= plan.pickup.from) {
            return refusal{reason::booking_closed,
                           {{"reason", "half_day_started"},
                            {"closed_at", format_instant(cal.zone, plan.pickup.from)}}};
        }
    } else if (plan.eve) {
        // DOMAIN.md §4: an eve pickup needs a prior reservation, made before the window opens.
        if (now >= plan.pickup.from) {
            return refusal{reason::booking_closed,
                           {{"reason", "eve_window_open"},
                            {"closed_at", format_instant(cal.zone, plan.pickup.from)}}};
        }
    } else {
        const sys_seconds cutoff = to_instant(cal.zone, start, cal.hours.booking_cutoff);
        if (now >= cutoff) {
            return refusal{
                reason::booking_closed,
                {{"reason", "same_day_cutoff"}, {"closed_at", format_instant(cal.zone, cutoff)}}};
        }
    }
    return std::nullopt;
}

std::optional<refusal> check_farmer(const farmer_record& farmer, const machine_type& type,
                                    const rental_plan& plan, local_days today,
                                    const booking_policy& policy) {
    if (is_suspended(farmer.suspended_until, today)) {
        return refusal{reason::farmer_suspended, {{"until", format_date(*farmer.suspended_until)}}};
    }
    if (type.needs_training &&
        (!farmer.training_completed_on || *farmer.training_completed_on > today)) {
        return refusal{reason::training_required, {}};
    }
    // DOMAIN.md §5.6: same type, usage days overlapping or touching (less than one free day
    // between) — the 3-day limit cannot be dodged by back-to-back bookings.
    const date::days one{1};
    for (const auto& held : farmer.live) {
        if (held.type == type.code && held.usage.start <= plan.usage.end + one &&
            plan.usage.start <= held.usage.end + one) {
            return refusal{
                reason::chained_booking,
                {{"start", format_date(held.usage.start)}, {"end", format_date(held.usage.end)}}};
        }
    }
    if (static_cast<int>(farmer.live.size()) >= policy.max_live) {
        return refusal{reason::too_many_reservations,
                       {{"max_live", std::to_string(policy.max_live)}}};
    }
    // DOMAIN.md §18: "live" as in §5.7 (the same list). A second booking of a type already held
    // adds no type, so it passes here (the chaining and live limits still apply to it).
    if (policy.max_types > 0) {
        std::vector<const type_code*> held_types;
        for (const auto& held : farmer.live) {
            if (std::ranges::none_of(held_types,
                                     [&](const type_code* t) { return *t == held.type; })) {
                held_types.push_back(&held.type);
            }
        }
        const bool new_type =
            std::ranges::none_of(held_types, [&](const type_code* t) { return *t == type.code; });
        if (new_type && static_cast<int>(held_types.size()) >= policy.max_types) {
            return refusal{reason::too_many_types,
                           {{"max_types", std::to_string(policy.max_types)}}};
        }
    }
    return std::nullopt;
}

int peak_overlap(interval target, std::span<const interval> others) {
    // Sweep over the parts of `others` inside `target`: +1 at a start, −1 at an end; at equal
    // instants ends come first, because the intervals are half-open.
    struct event {
        sys_seconds at;
        int delta;
    };
    std::vector<event> events;
    events.reserve(others.size() * 2);
    for (const auto& o : others) {
        if (!o.overlaps(target)) {
            continue;
        }
        events.push_back({std::max(o.from, target.from), +1});
        events.push_back({std::min(o.to, target.to), -1});
    }
    std::sort(events.begin(), events.end(), [](const event& a, const event& b) {
        return a.at < b.at || (a.at == b.at && a.delta < b.delta);
    });
    int current = 0;
    int peak = 0;
    for (const auto& e : events) {
        current += e.delta;
        peak = std::max(peak, current);
    }
    return peak;
}

std::optional<refusal> check_capacity(interval occupancy, int capacity,
                                      std::span<const interval> live_overlapping) {
    if (peak_overlap(occupancy, live_overlapping) + 1 > capacity) {
        return refusal{reason::no_capacity, {{"capacity", std::to_string(capacity)}}};
    }
    return std::nullopt;
}

std::optional<refusal> check_booking(const booking_request& r) {
    if (auto refused = check_booking_window(r.cal, r.plan, r.now, r.policy)) {
        return refused;
    }
    if (r.farmer != nullptr) {
        const local_days today = local_date_of(r.cal.zone, r.now);
        if (auto refused = check_farmer(*r.farmer, r.type, r.plan, today, r.policy)) {
            return refused;
        }
    }
    return check_capacity(r.plan.occupancy(), r.capacity, r.live_overlapping);
}

std::vector<std::size_t> find_at_risk(std::span<const interval> live_in_priority_order,
                                      int capacity) {
    std::vector<interval> kept;
    std::vector<std::size_t> at_risk;
    for (std::size_t i = 0; i < live_in_priority_order.size(); ++i) {
        const interval& occ = live_in_priority_order[i];
        if (peak_overlap(occ, kept) + 1 <= capacity) {
            kept.push_back(occ);
        } else {
            at_risk.push_back(i);
        }
    }
    return at_risk;
}

std::vector<day_availability> availability(const branch_calendar& cal, const machine_type& type,
                                           date_range days, int capacity,
                                           std::span<const interval> live) {
    std::vector<day_availability> out;
    for (local_days d = days.from; d <= days.to; d += date::days{1}) {
        day_availability a;
        a.day = classify_day(cal, d);
        if (const auto plan = plan_rental(cal, type, {d, d})) {
            a.plannable = true;
            a.available = std::max(0, capacity - peak_overlap(plan->occupancy(), live));
        } else {
            a.not_bookable = plan.error();
        }
        if (type.half_day) {
            day_availability::half_free free;
            for (const half_day h : {half_day::am, half_day::pm}) {
                if (const auto half = plan_half_day(cal, type, d, h)) {
                    const int n = std::max(0, capacity - peak_overlap(half->occupancy(), live));
                    (h == half_day::am ? free.am : free.pm) = n;
                }
            }
            a.half = free;
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<day_availability> availability(const branch_calendar& cal, const machine_type& type,
                                           date_range days, int capacity,
                                           std::span<const interval> live, sys_seconds now,
                                           const booking_policy& policy) {
    auto out = availability(cal, type, days, capacity, live);
    for (auto& a : out) {
        if (a.half) {
            // A slot whose booking window has closed (or not opened) takes no booking now.
            for (const half_day h : {half_day::am, half_day::pm}) {
                const auto half = plan_half_day(cal, type, a.day.date, h);
                if (half && check_booking_window(cal, *half, now, policy)) {
                    (h == half_day::am ? a.half->am : a.half->pm) = 0;
                }
            }
        }
        if (!a.plannable) {
            continue; // not_bookable says why (calendar_unknown, …)
        }
        const auto plan = plan_rental(cal, type, {a.day.date, a.day.date});
        if (auto closed = check_booking_window(cal, *plan, now, policy)) {
            a.available = 0;
            a.not_bookable = std::move(closed);
        } else if (a.available == 0) {
            a.not_bookable = refusal{reason::no_capacity, {{"capacity", std::to_string(capacity)}}};
        } else {
            a.bookable = true;
        }
    }
    return out;
}

} // namespace agrirent
