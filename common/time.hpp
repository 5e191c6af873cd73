#pragma once
// Conversions between civil dates on a branch's wall clock and instants (DOMAIN.md §1).
// Zones are passed in (the caller looks them up once); nothing here reads a clock.
#include <optional>
#include <string>
#include <string_view>

#include <date/tz.h>

#include "common/types.hpp"

namespace agrirent {

/// The instant at `t` on civil date `d` in `zone`. A wall time that a DST jump skips or repeats
/// resolves to the earliest instant (Korea has had no DST since 1988).
sys_seconds to_instant(const date::time_zone* zone, local_days d, time_of_day t);

/// The civil date on the zone's wall clock at instant `t`.
local_days local_date_of(const date::time_zone* zone, sys_seconds t);

/// Minutes after local midnight of instant `t` on the zone's wall clock.
time_of_day local_time_of_day(const date::time_zone* zone, sys_seconds t);

/// "2020-05-23T17:00:00+09:00": RFC 3339 with the zone's offset at that instant (API.md).
std::string format_instant(const date::time_zone* zone, sys_seconds t);

/// "2020-05-23".
std::string format_date(local_days d);

/// "17:00".
std::string format_time_of_day(time_of_day t);

/// Strict "YYYY-MM-DD" of a date that exists; anything else is nullopt (2020-02-30 is nullopt).
std::optional<local_days> parse_date(std::string_view s) noexcept;

/// Strict "HH:MM" within a day (00:00–24:00).
std::optional<time_of_day> parse_time_of_day(std::string_view s) noexcept;

/// RFC 3339 instant with an explicit offset or Z, e.g. "2020-05-12T10:00:00+09:00";
/// fractional seconds are accepted and truncated.
std::optional<sys_seconds> parse_instant(std::string_view s) noexcept;

} // namespace agrirent
