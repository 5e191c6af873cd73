#include "common/planning.hpp"

#include "common/time.hpp"

namespace agrirent {
namespace {

// The nearest operating day from `from` stepping by `step` (±1 day), `from` excluded.
// nullopt with `unknown_at` set when a day of unknown calendar is met first; nullopt alone when
// none lies within max_closed_run_days.
std::optional<local_days> nearest_operating_day(const branch_calendar& cal, local_days from,
                                                date::days step,
                                                std::optional<local_days>& unknown_at) {
    local_days d = from;
    for (int i = 0; i < max_closed_run_days; ++i) {
        d += step;
        const auto info = classify_day(cal, d);
        if (!info.known) {
            unknown_at = d;
            return std::nullopt;
        }
        if (info.operating) {
            return d;
        }
    }
    return std::nullopt;
}

refusal unknown(local_days d) {
    return {reason::calendar_unknown, {{"date", format_date(d)}}};
}

} // namespace

std::string_view to_string(half_day h) noexcept {
    return h == half_day::pm ? "pm" : "am";
}

std::optional<half_day> parse_half_day(std::string_view s) noexcept {
    if (s == "am") {
        return half_day::am;
    }
    if (s == "pm") {
        return half_day::pm;
    }
    return std::nullopt;
}

result<rental_plan> plan_half_day(const branch_calendar& cal, const machine_type& type,
                                  local_days day, half_day half) {
    if (!type.half_day) {
        return refusal{reason::half_day_not_offered,
                       {{"field", "half"}, {"type", type.code.value}}};
    }
    const auto info = classify_day(cal, day);
    if (!info.known) {
        return unknown(day);
    }
    if (!info.operating) {
        return refusal{reason::booking_closed,
                       {{"reason", "not_operating_day"}, {"date", format_date(day)}}};
    }
    const half_day_slots& s = cal.half_days;
    const bool am = half == half_day::am;
    rental_plan plan;
    plan.usage = {day, day};
    plan.half = half;
    plan.pickup_day = day;
    plan.return_day = day;
    plan.pickup = {to_instant(cal.zone, day, am ? s.am_from : s.pm_from),
                   to_instant(cal.zone, day, am ? s.am_to : s.pm_to)};
    plan.return_by = plan.pickup.to;
    return plan;
}

result<rental_plan> plan_booking(const branch_calendar& cal, const machine_type& type, period p,
                                 std::optional<half_day> half) {
    if (half) {
        return plan_half_day(cal, type, p.start, *half);
    }
    return plan_rental(cal, type, p);
}

result<rental_plan> plan_rental(const branch_calendar& cal, const machine_type& type, period p) {
    if (p.end < p.start) {
        return reason::start_after_end;
    }
    if (p.length_days() > type.max_days) {
        return refusal{reason::max_days_exceeded, {{"max_days", std::to_string(type.max_days)}}};
    }
    // Every usage day must lie on a known calendar (DOMAIN.md §2).
    for (local_days d = p.start; d <= p.end; d += date::days{1}) {
        if (!classify_day(cal, d).known) {
            return unknown(d);
        }
    }
    const branch_hours& h = cal.hours;
    rental_plan plan;
    plan.usage = p;
    std::optional<local_days> unknown_at;

    // DOMAIN.md §4: regular pickup on an operating start, else eve pickup on the last operating
    // day before it, from 17:00 to closing.
    if (is_operating_day(cal, p.start)) {
        plan.pickup_day = p.start;
        plan.pickup = {to_instant(cal.zone, p.start, h.open),
                       to_instant(cal.zone, p.start, h.close)};
    } else {
        const auto eve = nearest_operating_day(cal, p.start, date::days{-1}, unknown_at);
        if (!eve) {
            return unknown_at ? unknown(*unknown_at)
                              : refusal{reason::booking_closed, {{"reason", "no_operating_day"}}};
        }
        plan.eve = true;
        plan.pickup_day = *eve;
        plan.pickup = {to_instant(cal.zone, *eve, h.eve_pickup_from),
                       to_instant(cal.zone, *eve, h.close)};
    }

    // Return by 17:00 on an operating end, else at opening of the first operating day after it.
    if (is_operating_day(cal, p.end)) {
        plan.return_day = p.end;
        plan.return_by = to_instant(cal.zone, p.end, h.return_by);
    } else {
        const auto next = nearest_operating_day(cal, p.end, date::days{1}, unknown_at);
        if (!next) {
            return unknown_at ? unknown(*unknown_at)
                              : refusal{reason::booking_closed, {{"reason", "no_operating_day"}}};
        }
        plan.return_day = *next;
        plan.return_by = to_instant(cal.zone, *next, h.open);
    }
    return plan;
}

} // namespace agrirent
