#pragma once
// Deadlines as people read them in a message or a calendar entry, not as RFC 3339:
// "12월 14일(월) 오전 9시" / "Mon 14 Dec, 09:00". Patterns are in the catalogue (when.*).
#include <string>
#include <string_view>

#include <date/tz.h>

#include "common/types.hpp"

namespace agrirent::i18n {

/// "12월 14일(월) 오전 9시", "12월 14일(월) 오후 5시 30분" / "Mon 14 Dec, 09:00".
std::string moment_text(local_days d, time_of_day t, std::string_view lang);

/// A day named in full, for a day people must not get wrong: "금요일(12월 18일)" /
/// "Friday 18 December".
std::string named_day(local_days d, std::string_view lang);

/// A pickup window on one day: "12월 18일(금) 오후 5시~6시", "12월 18일(금) 오전 9시~오후 6시" /
/// "Fri 18 Dec, 17:00–18:00".
std::string window_text(local_days d, time_of_day from, time_of_day to, std::string_view lang);

/// moment_text() of an instant's civil date and wall time in `zone`.
std::string moment_text(const date::time_zone* zone, sys_seconds t, std::string_view lang);

} // namespace agrirent::i18n
