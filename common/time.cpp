#include "common/time.hpp"

#include <charconv>
#include <cstdio>

namespace agrirent {

sys_seconds to_instant(const date::time_zone* zone, local_days d, time_of_day t) {
    const date::local_seconds local = d + std::chrono::duration_cast<std::chrono::seconds>(t);
    return date::zoned_time<std::chrono::seconds>{zone, local, date::choose::earliest}
        .get_sys_time();
}

local_days local_date_of(const date::time_zone* zone, sys_seconds t) {
    return date::floor<date::days>(zone->to_local(t));
}

time_of_day local_time_of_day(const date::time_zone* zone, sys_seconds t) {
    const auto local = zone->to_local(t);
    return std::chrono::duration_cast<time_of_day>(local - date::floor<date::days>(local));
}

std::string format_instant(const date::time_zone* zone, sys_seconds t) {
    const auto info = zone->get_info(t);
    const auto local = date::local_seconds{t.time_since_epoch() + info.offset};
    const auto off = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
    const auto abs_off = off < 0 ? -off : off;
    std::string out = date::format("%FT%T", local);
    out += off < 0 ? '-' : '+';
    out += static_cast<char>('0' + abs_off / 600);
    out += static_cast<char>('0' + abs_off / 60 % 10);
    out += ':';
    out += static_cast<char>('0' + abs_off % 60 / 10);
    out += static_cast<char>('0' + abs_off % 10);
    return out;
}

std::string format_date(local_days d) {
    const date::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string format_time_of_day(time_of_day t) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(t.count() / 60),
                  static_cast<int>(t.count() % 60));
    return buf;
}

namespace {

// Parses exactly `n` ASCII digits at s[pos…]; no signs, no spaces.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) noexcept {
    if (pos + n > s.size()) {
        return std::nullopt;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return std::nullopt;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

std::optional<local_days> parse_date_prefix(std::string_view s) noexcept {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') {
        return std::nullopt;
    }
    const auto y = digits(s, 0, 4);
    const auto m = digits(s, 5, 2);
    const auto d = digits(s, 8, 2);
    if (!y || !m || !d) {
        return std::nullopt;
    }
    const date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                                   date::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return local_days{ymd};
}

} // namespace

std::optional<local_days> parse_date(std::string_view s) noexcept {
    if (s.size() != 10) {
        return std::nullopt;
    }
    return parse_date_prefix(s);
}

std::optional<time_of_day> parse_time_of_day(std::string_view s) noexcept {
    if (s.size() != 5 || s[2] != ':') {
        return std::nullopt;
    }
    const auto h = digits(s, 0, 2);
    const auto m = digits(s, 3, 2);
    if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) {
        return std::nullopt;
    }
    return time_of_day{*h * 60 + *m};
}

std::optional<sys_seconds> parse_instant(std::string_view s) noexcept {
    // YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)
    const auto day = parse_date_prefix(s);
    if (!day || s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
        s[16] != ':') {
        return std::nullopt;
    }
    const auto hh = digits(s, 11, 2);
    const auto mm = digits(s, 14, 2);
    const auto ss = digits(s, 17, 2);
    if (!hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 60) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t first = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ++pos;
        }
        if (pos == first) {
            return std::nullopt;
        }
    }
    if (pos >= s.size()) {
        return std::nullopt;
    }
    int offset_min = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        if (pos + 1 != s.size()) {
            return std::nullopt;
        }
    } else if (s[pos] == '+' || s[pos] == '-') {
        if (pos + 6 != s.size() || s[pos + 3] != ':') {
            return std::nullopt;
        }
        const auto oh = digits(s, pos + 1, 2);
        const auto om = digits(s, pos + 4, 2);
        if (!oh || !om || *oh > 23 || *om > 59) {
            return std::nullopt;
        }
        offset_min = (*oh * 60 + *om) * (s[pos] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    const auto local = date::sys_days{day->time_since_epoch()} + std::chrono::hours{*hh} +
                       std::chrono::minutes{*mm} + std::chrono::seconds{*ss};
    return sys_seconds{local - std::chrono::minutes{offset_min}};
}

} // namespace agrirent
