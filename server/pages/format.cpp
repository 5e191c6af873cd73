#include "server/pages/format.hpp"

#include <cstdio>

#include "common/time.hpp"
#include "server/i18n/messages.hpp"

namespace agrirent::pages {
namespace {

std::string day_pattern(std::string_view key, local_days d, std::string_view lang) {
    const date::year_month_day ymd{d};
    return i18n::format(key, lang,
                        {{"year", std::to_string(static_cast<int>(ymd.year()))},
                         {"month", month_text(ymd.month(), lang)},
                         {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                         {"weekday", weekday_text(date::weekday{d}, lang)}});
}

/// "오후 5시" / "5 pm", and whether it is afternoon.
struct spoken {
    bool pm = false;
    std::string hour_text; // "5시" / "5", with minutes when not on the hour: "5시 30분" / "5:30"
};

spoken speak(time_of_day t, std::string_view lang) {
    const auto total = t.count();
    const long h = static_cast<long>(total / 60);
    const long m = static_cast<long>(total % 60);
    spoken s;
    s.pm = h >= 12 && h < 24;
    long h12 = h % 12;
    if (h12 == 0) {
        h12 = 12;
    }
    if (m == 0) {
        s.hour_text = i18n::format("time.hour", lang, {{"h", std::to_string(h12)}});
    } else {
        char mm[8];
        std::snprintf(mm, sizeof mm, "%02ld", m);
        s.hour_text =
            i18n::format("time.hour_minute", lang, {{"h", std::to_string(h12)}, {"m", mm}});
    }
    return s;
}

} // namespace

std::string weekday_text(date::weekday wd, std::string_view lang) {
    return std::string{i18n::text("date.weekday." + std::to_string(wd.c_encoding()), lang)};
}

std::string month_text(date::month m, std::string_view lang) {
    return std::string{i18n::text("date.month." + std::to_string(static_cast<unsigned>(m)), lang)};
}

std::string day_text(local_days d, std::string_view lang) {
    return day_pattern("date.day", d, lang);
}

std::string day_inline(local_days d, std::string_view lang) {
    return day_pattern("date.day_inline", d, lang);
}

std::string day_text_year(local_days d, std::string_view lang) {
    return day_pattern("date.day_year", d, lang);
}

std::string month_year_text(date::year_month ym, std::string_view lang) {
    return i18n::format("date.month_year", lang,
                        {{"year", std::to_string(static_cast<int>(ym.year()))},
                         {"month", month_text(ym.month(), lang)}});
}

std::string clock_text(time_of_day t) {
    return format_time_of_day(t);
}

std::string spoken_span(time_of_day from, time_of_day to, std::string_view lang) {
    const spoken a = speak(from, lang);
    const spoken b = speak(to, lang);
    const auto half = [&](bool pm) {
        return std::string{i18n::text(pm ? "time.pm" : "time.am", lang)};
    };
    if (a.pm == b.pm) {
        return i18n::format("time.span_same_half", lang,
                            {{"half", half(a.pm)}, {"from", a.hour_text}, {"to", b.hour_text}});
    }
    return i18n::format("time.span", lang,
                        {{"from_half", half(a.pm)},
                         {"from", a.hour_text},
                         {"to_half", half(b.pm)},
                         {"to", b.hour_text}});
}

std::string grouped(std::int64_t n) {
    const bool negative = n < 0;
    std::string digits = std::to_string(negative ? -n : n);
    std::string out;
    const std::size_t len = digits.size();
    for (std::size_t i = 0; i < len; ++i) {
        out += digits[i];
        const std::size_t left = len - i - 1;
        if (left > 0 && left % 3 == 0) {
            out += ',';
        }
    }
    return negative ? "-" + out : out;
}

std::string won_text(won amount, std::string_view lang) {
    return i18n::format("money.won", lang, {{"amount", grouped(amount.value)}});
}

std::string instant_text(const date::time_zone* zone, sys_seconds t, std::string_view lang) {
    return day_text(local_date_of(zone, t), lang) + " " + clock_text(local_time_of_day(zone, t));
}

std::string range_text(date_range r, std::string_view lang) {
    return i18n::format("date.range", lang,
                        {{"from", day_text_year(r.from, lang)}, {"to", day_text_year(r.to, lang)}});
}

} // namespace agrirent::pages
