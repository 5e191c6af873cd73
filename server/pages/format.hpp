#pragma once
// Dates, times and money as people read them, in Korean or English. Patterns and names come
// from the message catalogue (server/i18n/pages.inc: date.*, time.*, money.*).
#include <string>
#include <string_view>

#include <date/tz.h>

#include "common/types.hpp"

namespace agrirent::pages {

/// "5월 24일 (일)" / "Sun 24 May".
std::string day_text(local_days d, std::string_view lang);
/// "5월 24일 일" / "Sun 24 May": for use inside parentheses.
std::string day_inline(local_days d, std::string_view lang);
/// "2020년 5월 24일 (일)" / "Sun 24 May 2020".
std::string day_text_year(local_days d, std::string_view lang);
/// "일" / "Sun".
std::string weekday_text(date::weekday wd, std::string_view lang);
/// "5월" / "May".
std::string month_text(date::month m, std::string_view lang);
/// "2020년 5월" / "May 2020".
std::string month_year_text(date::year_month ym, std::string_view lang);
/// "17:00".
std::string clock_text(time_of_day t);
/// A time span in words: "오후 5시~6시", "오전 9시~오후 6시" / "5–6 pm", "9 am–6 pm".
std::string spoken_span(time_of_day from, time_of_day to, std::string_view lang);
/// "30,000원" / "₩30,000".
std::string won_text(won amount, std::string_view lang);
/// "1,234,567".
std::string grouped(std::int64_t n);
/// The civil date and wall time of an instant in `zone`: "5월 23일 (토) 17:00".
std::string instant_text(const date::time_zone* zone, sys_seconds t, std::string_view lang);
/// Both ends of a date range: "2020년 5월 18일 (월) ~ 2020년 6월 20일 (토)".
std::string range_text(date_range r, std::string_view lang);

} // namespace agrirent::pages
