#include "common/calendar.hpp"

namespace agrirent {

std::string validate_hours(const branch_hours& h) {
    const time_of_day day_end{24 * 60};
    if (h.open < time_of_day{0} || h.close > day_end || h.open >= h.close) {
        return "opening time must be before closing time";
    }
    if (h.eve_pickup_from < h.open || h.eve_pickup_from >= h.close) {
        return "eve pickup time must lie between opening and closing";
    }
    if (h.return_by <= h.open || h.return_by > h.close) {
        return "return time must lie after opening and not after closing";
    }
    if (h.booking_cutoff <= h.open || h.booking_cutoff > h.close) {
        return "same-day booking cutoff must lie after opening and not after closing";
    }
    return {};
}

std::string validate_half_day_slots(const half_day_slots& s) {
    const time_of_day day_end{24 * 60};
    const time_of_day midnight{0};
    if (s.am_from < midnight || s.am_from > day_end) {
        return "am.from";
    }
    if (s.am_to <= s.am_from || s.am_to > day_end) {
        return "am.to";
    }
    if (s.pm_from < s.am_to || s.pm_from > day_end) {
        return "pm.from";
    }
    if (s.pm_to <= s.pm_from || s.pm_to > day_end) {
        return "pm.to";
    }
    return {};
}

std::string_view to_string(day_reason r) noexcept {
    switch (r) {
    case day_reason::weekday:
        return "weekday";
    case day_reason::saturday_season:
        return "saturday_season";
    case day_reason::saturday:
        return "saturday";
    case day_reason::sunday:
        return "sunday";
    case day_reason::holiday:
        return "holiday";
    case day_reason::closure:
        return "closure";
    case day_reason::extra_opening:
        return "extra_opening";
    case day_reason::unknown:
        return "unknown";
    }
    return "unknown";
}

day_info classify_day(const branch_calendar& cal, local_days d) {
    day_info info;
    info.date = d;
    info.open = cal.hours.open;
    info.close = cal.hours.close;
    const auto open = [&](day_reason why) {
        info.operating = true;
        info.why = why;
        return info;
    };
    const auto closed = [&](day_reason why) {
        info.operating = false;
        info.why = why;
        return info;
    };

    // DOMAIN.md §2: dates beyond the known holiday years are not guessed.
    if (cal.holidays == nullptr || !cal.holidays->is_known(d)) {
        info.known = false;
        return closed(day_reason::unknown);
    }
    // An ad-hoc entry is an explicit decision for this branch and date: it wins.
    if (const auto it = cal.closures.find(d); it != cal.closures.end()) {
        info.note_ko = it->second.note;
        info.note_en = it->second.note;
        return it->second.extra_opening ? open(day_reason::extra_opening)
                                        : closed(day_reason::closure);
    }
    // Public holidays close the branch, even on an in-season Saturday.
    if (const holiday* h = cal.holidays->find(d)) {
        info.note_ko = h->name_ko;
        info.note_en = h->name_en;
        return closed(day_reason::holiday);
    }
    const date::weekday wd{d};
    if (wd == date::Sunday) {
        return closed(day_reason::sunday);
    }
    if (wd == date::Saturday) {
        for (const auto& season : cal.saturday_seasons) {
            if (season.contains(d)) {
                return open(day_reason::saturday_season);
            }
        }
        return closed(day_reason::saturday);
    }
    return open(day_reason::weekday);
}

bool is_operating_day(const branch_calendar& cal, local_days d) {
    const auto info = classify_day(cal, d);
    return info.known && info.operating;
}

} // namespace agrirent
