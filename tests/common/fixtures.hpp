#pragma once
// Shared fixtures for the domain tests: the reference branch of DOMAIN.md §4 (Saturday season
// 2020-05-18 … 2020-06-20, shipped holidays, default times) and terse date/instant helpers.
#include <stdexcept>
#include <string>

#include "common/calendar.hpp"
#include "common/machine_type.hpp"
#include "common/time.hpp"

namespace agrirent::test {

inline const date::time_zone* seoul() {
    static const date::time_zone* z = date::locate_zone("Asia/Seoul");
    return z;
}

inline local_days d(const std::string& s) {
    const auto v = parse_date(s);
    if (!v) {
        throw std::invalid_argument("bad test date " + s);
    }
    return *v;
}

/// "2020-05-23 17:00" in KST.
inline sys_seconds kst(const std::string& s) {
    const auto v = parse_instant(s.substr(0, 10) + "T" + s.substr(11) + ":00+09:00");
    if (!v) {
        throw std::invalid_argument("bad test instant " + s);
    }
    return *v;
}

inline branch_calendar reference_branch() {
    branch_calendar cal;
    cal.zone = seoul();
    cal.saturday_seasons = {{d("2020-05-18"), d("2020-06-20")}};
    cal.holidays = &shipped_holidays();
    return cal;
}

inline machine_type tractor() {
    machine_type t;
    t.code = type_code{"TRACTOR"};
    t.name_ko = "트랙터";
    t.name_en = "Tractor";
    t.daily_fee = won{100000};
    t.max_days = 3;
    t.needs_training = true;
    return t;
}

inline machine_type transplanter() {
    machine_type t;
    t.code = type_code{"RICE_TRANSPLANTER"};
    t.name_ko = "이앙기";
    t.name_en = "Rice transplanter";
    t.daily_fee = won{50000};
    return t;
}

} // namespace agrirent::test
