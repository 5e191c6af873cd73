#pragma once
// Korean public holidays (DOMAIN.md §2): shared by every branch, shipped as
// common/data/holidays_kr.csv (embedded in the build), plus what admins add or remove at run
// time. Years the data does not cover are *unknown*: never guessed.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/types.hpp"

namespace agrirent {

struct holiday {
    local_days date;
    std::string name_ko;
    std::string name_en;
    friend bool operator==(const holiday&, const holiday&) = default;
};

class holiday_calendar {
  public:
    /// Adds a holiday (several on one date are merged into one with joined names).
    void add(holiday h);
    /// Removes the holiday on date `d` (an admin decision, e.g. a cancelled temporary holiday).
    void remove(local_days d);
    /// Marks a year as fully known (its holidays are all present).
    void add_known_year(int year) { known_years_.insert(year); }

    [[nodiscard]] bool is_known_year(int year) const { return known_years_.contains(year); }
    [[nodiscard]] bool is_known(local_days d) const;
    [[nodiscard]] const holiday* find(local_days d) const;
    [[nodiscard]] const std::set<int>& known_years() const { return known_years_; }
    [[nodiscard]] const std::map<local_days, holiday>& all() const { return by_date_; }

  private:
    std::map<local_days, holiday> by_date_;
    std::set<int> known_years_;
};

/// The last date of the run of known years that starts with `today`'s year: every date from
/// `today` through it has a known calendar, and the day after it is refused (calendar_unknown).
/// The day before `today` when `today`'s own year is unknown. (Issue 13: the /metrics gauge and
/// the staff pages' warning.)
[[nodiscard]] local_days known_through(const holiday_calendar& cal, local_days today);

/// Whether the staff pages warn that the calendar runs out: from 12 months before the last date
/// with a known calendar (for 2027-12-31, from 2026-12-31 on), so that next year's official
/// holidays are added in time.
[[nodiscard]] bool calendar_renewal_due(local_days today, local_days known_through);

/// Parses the shipped CSV: a header line `date,name_ko,name_en`, then one holiday a line; lines
/// starting with '#' are comments; a `# years: 2018-2027` comment declares the known years.
/// Returns nullopt with a message on malformed input (a broken data file must fail loudly).
struct holiday_parse_error {
    int line = 0;
    std::string message;
};
std::optional<holiday_parse_error> parse_holiday_csv(std::string_view text, holiday_calendar& into);

/// The holidays shipped with the build (common/data/holidays_kr.csv, embedded at build time).
std::string_view shipped_holiday_csv() noexcept;

/// The shipped calendar, parsed once. Aborts the program if the embedded data is malformed
/// (the unit tests pin that it is not).
const holiday_calendar& shipped_holidays();

} // namespace agrirent
