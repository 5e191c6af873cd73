#pragma once
// A branch's calendar (DOMAIN.md §2): which civil dates are operating days, their hours, and why.
#include <map>
#include <string>
#include <vector>

#include <date/tz.h>

#include "common/holidays.hpp"
#include "common/types.hpp"

namespace agrirent {

/// Per-branch times (DOMAIN.md §4: every time is a per-branch setting; these are the defaults).
struct branch_hours {
    time_of_day open{9 * 60};
    time_of_day close{18 * 60};
    time_of_day eve_pickup_from{17 * 60}; // 전날 오후 5시부터 미리 수령
    time_of_day return_by{17 * 60};       // return deadline on an operating `end`
    time_of_day booking_cutoff{17 * 60};  // same-day booking allowed until (DOMAIN.md §5.3)
    friend bool operator==(const branch_hours&, const branch_hours&) = default;
};

/// Checks that the times make sense: open < close, open ≤ eve_pickup_from < close,
/// open < return_by ≤ close, booking_cutoff ≤ close. Returns a message or empty.
std::string validate_hours(const branch_hours& h);

/// A branch's two half-day slots (DOMAIN.md §11, defaults 09:00–13:00 and 14:00–18:00).
struct half_day_slots {
    time_of_day am_from{9 * 60};
    time_of_day am_to{13 * 60};
    time_of_day pm_from{14 * 60};
    time_of_day pm_to{18 * 60};
    friend bool operator==(const half_day_slots&, const half_day_slots&) = default;
};

/// Checks the slots (decisions.md, issue 14 half days): each within the day (00:00–24:00), from
/// before to, and the morning ends no later than the afternoon starts. Returns the offending
/// field ("am.to", "pm.from", …) or empty.
std::string validate_half_day_slots(const half_day_slots& s);

/// An ad-hoc closure (stock-taking) or an ad-hoc extra opening of one branch on one date.
struct closure {
    local_days date;
    bool extra_opening = false;
    std::string note;
};

struct branch_calendar {
    const date::time_zone* zone = nullptr; // Asia/Seoul for every office (DOMAIN.md §1)
    branch_hours hours;
    half_day_slots half_days; // DOMAIN.md §11
    std::vector<date_range> saturday_seasons;
    std::map<local_days, closure> closures;     // closures and extra openings, by date
    const holiday_calendar* holidays = nullptr; // shared by all branches
};

/// Why a day is or is not an operating day (API.md calendar `reason`).
enum class day_reason {
    weekday,
    saturday_season,
    saturday,
    sunday,
    holiday,
    closure,
    extra_opening,
    unknown, // the holiday data does not cover this year: calendar_unknown
};
std::string_view to_string(day_reason r) noexcept;

struct day_info {
    local_days date;
    bool known = true;
    bool operating = false;
    day_reason why = day_reason::weekday;
    std::string note_ko; // holiday name or closure note
    std::string note_en;
    time_of_day open{0}; // meaningful when operating
    time_of_day close{0};
};

/// Classifies one date. Precedence: unknown year < ad-hoc closure/extra opening (an explicit
/// decision for that branch and date) < public holiday < Sunday < Saturday (season or not) <
/// weekday. An unknown year stays unknown even with an ad-hoc entry: the holidays around it,
/// needed for eve pickups and returns, are still unknown.
day_info classify_day(const branch_calendar& cal, local_days d);

/// Convenience: classify_day(...).known && .operating.
bool is_operating_day(const branch_calendar& cal, local_days d);

} // namespace agrirent
