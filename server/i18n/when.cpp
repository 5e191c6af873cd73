#include "server/i18n/when.hpp"

#include <cstdio>

#include "common/time.hpp"
#include "server/i18n/messages.hpp"

namespace agrirent::i18n {

namespace {

std::string day_of(local_days d, std::string_view lang) {
    const date::year_month_day ymd{d};
    return format(
        "when.day", lang,
        {{"month", std::string{text(
                       "when.month." + std::to_string(static_cast<unsigned>(ymd.month())), lang)}},
         {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
         {"weekday", std::string{text(
                         "date.weekday." + std::to_string(date::weekday{d}.c_encoding()), lang)}}});
}

bool afternoon(time_of_day t) {
    return t.count() >= 12 * 60;
}

/// "09:00" in English; "오전 9시", "오후 5시 30분" in Korean (without 오전/오후 if !with_half).
std::string clock_of(time_of_day t, std::string_view lang, bool with_half = true) {
    const long h = static_cast<long>(t.count() / 60);
    const long m = static_cast<long>(t.count() % 60);
    if (lang == "en") { // 24-hour clock, as on a timetable
        char hhmm[48];  // room for any long, so the compiler sees no truncation
        std::snprintf(hhmm, sizeof hhmm, "%02ld:%02ld", h, m);
        return hhmm;
    }
    const long h12 = h % 12 == 0 ? 12 : h % 12;
    std::string out = with_half
                          ? std::string{text(afternoon(t) ? "time.pm" : "time.am", lang)} + " "
                          : std::string{};
    return out + (m == 0 ? format("time.hour", lang, {{"h", std::to_string(h12)}})
                         : format("time.hour_minute", lang,
                                  {{"h", std::to_string(h12)}, {"m", std::to_string(m)}}));
}

} // namespace

std::string named_day(local_days d, std::string_view lang) {
    const date::year_month_day ymd{d};
    return format(
        "date.named_day", lang,
        {{"weekday",
          std::string{
              text("date.weekday_long." + std::to_string(date::weekday{d}.c_encoding()), lang)}},
         {"month", std::string{text(
                       "date.month." + std::to_string(static_cast<unsigned>(ymd.month())), lang)}},
         {"day", std::to_string(static_cast<unsigned>(ymd.day()))}});
}

std::string moment_text(local_days d, time_of_day t, std::string_view lang) {
    return format("when.moment", lang, {{"day", day_of(d, lang)}, {"time", clock_of(t, lang)}});
}

std::string window_text(local_days d, time_of_day from, time_of_day to, std::string_view lang) {
    const bool same_half = lang != "en" && afternoon(from) == afternoon(to);
    return format("when.window", lang,
                  {{"day", day_of(d, lang)},
                   {"from", clock_of(from, lang)},
                   {"to", clock_of(to, lang, !same_half)}});
}

std::string moment_text(const date::time_zone* zone, sys_seconds t, std::string_view lang) {
    return moment_text(local_date_of(zone, t), local_time_of_day(zone, t), lang);
}

} // namespace agrirent::i18n
