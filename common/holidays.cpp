#include "common/holidays.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "common/time.hpp"

namespace agrirent {

namespace {

// How the names of several holidays on one date are joined (e.g. 2025-05-05: Children's Day and
// Buddha's Birthday).
constexpr std::string_view ko_separator = " · ";
constexpr std::string_view en_separator = " / ";

constexpr std::string_view csv_header = "date,name_ko,name_en";
constexpr std::string_view years_tag = "years:";

// The data file writes years as four digits (YYYY-MM-DD).
constexpr int min_year = 1000;
constexpr int max_year = 9999;

int year_of(local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

/// True if `name` is one of the `separator`-joined parts of `joined`.
bool has_part(std::string_view joined, std::string_view name, std::string_view separator) {
    while (true) {
        const auto at = joined.find(separator);
        if (joined.substr(0, at) == name) {
            return true;
        }
        if (at == std::string_view::npos) {
            return false;
        }
        joined.remove_prefix(at + separator.size());
    }
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

std::optional<int> parse_year(std::string_view s) {
    int value = 0;
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, value);
    if (s.size() != 4 || ec != std::errc{} || ptr != end || value < min_year || value > max_year) {
        return std::nullopt;
    }
    return value;
}

/// `# years: 2018-2027` (the text after '#'); nullopt if it is malformed.
std::optional<std::pair<int, int>> parse_years(std::string_view spec) {
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto from = parse_year(trim(spec.substr(0, dash)));
    const auto to = parse_year(trim(spec.substr(dash + 1)));
    if (!from || !to || *from > *to) {
        return std::nullopt;
    }
    return std::pair{*from, *to};
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    out += s;
    out += '"';
    return out;
}

} // namespace

void holiday_calendar::add(holiday h) {
    const auto [it, inserted] = by_date_.try_emplace(h.date, h);
    if (inserted) {
        return;
    }
    // Adding a holiday that is already there changes nothing (an admin clicking twice).
    holiday& existing = it->second;
    if (has_part(existing.name_ko, h.name_ko, ko_separator)) {
        return;
    }
    existing.name_ko.append(ko_separator).append(h.name_ko);
    existing.name_en.append(en_separator).append(h.name_en);
}

void holiday_calendar::remove(local_days d) {
    by_date_.erase(d);
}

bool holiday_calendar::is_known(local_days d) const {
    return is_known_year(year_of(d));
}

local_days known_through(const holiday_calendar& cal, local_days today) {
    int year = year_of(today);
    if (!cal.is_known_year(year)) {
        return today - date::days{1};
    }
    while (cal.is_known_year(year + 1)) {
        ++year;
    }
    return local_days{date::year{year} / date::December / 31};
}

bool calendar_renewal_due(local_days today, local_days known_through) {
    // today + 12 months, a 29 February that does not exist being the last day of February.
    const auto ymd = date::year_month_day{today} + date::months{12};
    const local_days in_a_year =
        ymd.ok() ? local_days{ymd} : local_days{ymd.year() / ymd.month() / date::last};
    return known_through <= in_a_year;
}

const holiday* holiday_calendar::find(local_days d) const {
    const auto it = by_date_.find(d);
    return it == by_date_.end() ? nullptr : &it->second;
}

// Strict on purpose: the file ships inside the binary, and a quietly skipped line would open
// offices on a public holiday. Nothing reaches `into` unless the whole text is valid.
std::optional<holiday_parse_error> parse_holiday_csv(std::string_view text,
                                                     holiday_calendar& into) {
    constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
    if (text.starts_with(utf8_bom)) {
        text.remove_prefix(utf8_bom.size());
    }

    std::set<int> years;
    std::vector<holiday> holidays;
    std::set<std::pair<local_days, std::string>> seen;
    bool header_seen = false;
    int line_no = 0;

    while (!text.empty()) {
        ++line_no;
        const auto eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        const auto fail = [line_no](std::string message) {
            return holiday_parse_error{line_no, std::move(message)};
        };

        if (is_blank(line)) {
            continue;
        }
        if (line.starts_with('#')) {
            const auto comment = trim(line.substr(1));
            if (comment.starts_with(years_tag)) {
                const auto range = parse_years(comment.substr(years_tag.size()));
                if (!range) {
                    return fail("malformed years comment " + quoted(line) +
                                ", expected \"# years: YYYY-YYYY\"");
                }
                for (int y = range->first; y <= range->second; ++y) {
                    years.insert(y);
                }
            }
            continue;
        }
        if (!header_seen) {
            if (line != csv_header) {
                return fail("expected the header " + quoted(csv_header) + ", got " + quoted(line));
            }
            header_seen = true;
            continue;
        }

        const auto comma1 = line.find(',');
        const auto comma2 = comma1 == std::string_view::npos ? comma1 : line.find(',', comma1 + 1);
        if (comma2 == std::string_view::npos || line.find(',', comma2 + 1) != line.npos) {
            return fail("expected 3 fields (date,name_ko,name_en), got " + quoted(line));
        }
        const auto date_field = line.substr(0, comma1);
        const auto name_ko = line.substr(comma1 + 1, comma2 - comma1 - 1);
        const auto name_en = line.substr(comma2 + 1);

        const auto d = parse_date(date_field);
        if (!d) {
            return fail("invalid date " + quoted(date_field) + ", expected YYYY-MM-DD");
        }
        for (const auto name : {name_ko, name_en}) {
            if (name.empty()) {
                return fail("empty holiday name on " + std::string(date_field));
            }
            if (trim(name) != name) {
                return fail("holiday name " + quoted(name) + " has surrounding whitespace");
            }
        }
        // DOMAIN.md §2: a year is either fully known or unknown, never partly filled.
        if (!years.contains(year_of(*d))) {
            return fail("date " + std::string(date_field) +
                        " lies outside the years declared so far (\"# years: YYYY-YYYY\")");
        }
        if (!seen.emplace(*d, std::string(name_ko)).second) {
            return fail("duplicate holiday " + quoted(name_ko) + " on " + std::string(date_field));
        }
        holidays.push_back(holiday{*d, std::string(name_ko), std::string(name_en)});
    }
    if (!header_seen) {
        // Line 0: the input as a whole.
        return holiday_parse_error{0, "missing the header " + quoted(csv_header)};
    }

    for (const int y : years) {
        into.add_known_year(y);
    }
    for (auto& h : holidays) {
        into.add(std::move(h));
    }
    return std::nullopt;
}

const holiday_calendar& shipped_holidays() {
    static const holiday_calendar calendar = [] {
        holiday_calendar parsed;
        if (const auto error = parse_holiday_csv(shipped_holiday_csv(), parsed)) {
            // A broken data file must fail loudly (the unit tests pin that it parses).
            std::fprintf(stderr, "agrirent: embedded common/data/holidays_kr.csv, line %d: %s\n",
                         error->line, error->message.c_str());
            std::abort();
        }
        return parsed;
    }();
    return calendar;
}

} // namespace agrirent
