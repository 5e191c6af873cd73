#pragma once
// Administration of the calendar (issue 4, DOMAIN.md §2): Saturday seasons, public holidays on
// top of the shipped file, years declared complete, branch closures and extra openings. A change
// shows in /api/v1/calendar and in quotes at once (catalog reload); reservations already made
// keep their stored plan, so closures and holidays list the live reservations they concern, for
// the office to call those farmers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "server/app/services.hpp"
#include "server/storage/admin_repository.hpp"

namespace agrirent::app::admin {

inline constexpr int min_year = 2000;
inline constexpr int max_year = 2200;
inline constexpr int max_season_days = 366;
inline constexpr std::size_t max_note = 200;

// ---- Saturday seasons ----------------------------------------------------------------------

struct season_input {
    std::string branch; // code
    date_range days;
};

/// The seasons of one branch (a code; empty: all of them).
result<std::vector<storage::season_record>> list_seasons(services& s, std::string_view branch);
/// Refuses an overlap with a season of the same branch (always a typo).
result<storage::season_record> add_season(services& s, const actor& who, const season_input& in);
/// `id` as written in the address (an id that cannot exist matches nothing).
result<storage::season_record> delete_season(services& s, const actor& who, std::string_view id);

// ---- holidays ------------------------------------------------------------------------------

struct holiday_entry {
    local_days date;
    std::string name_ko;
    std::string name_en;
    std::string source; // "shipped", "admin"
    bool removed = false;
};

/// A year's shipped holidays merged with admins' additions and removals; `source` says where
/// its completeness comes from ("shipped", "admin", or none: unknown).
struct holiday_year {
    int year = 0;
    std::optional<std::string> source;
    std::vector<holiday_entry> holidays;
};
holiday_year holidays_of(services& s, int year);

struct holiday_input {
    local_days date;
    std::string name_ko;
    std::string name_en;
};

/// A holiday added or removed, and the live reservations whose pickup or return falls on it.
struct holiday_change {
    holiday_entry holiday;
    std::optional<bool> known; // on add: whether its year is known (else it stays unknown)
    std::vector<std::string> affected;
};
result<holiday_change> add_holiday(services& s, const actor& who, const holiday_input& in);
/// `day` as written in the address (YYYY-MM-DD).
result<holiday_change> remove_holiday(services& s, const actor& who, std::string_view day);

struct known_year {
    int year = 0;
    std::optional<std::string> source;
};
std::vector<known_year> known_years(services& s);
/// Declares a year complete: its holidays are all entered, so its dates become bookable.
result<int> declare_year(services& s, const actor& who, int year);
/// `year` as written in the address.
result<int> withdraw_year(services& s, const actor& who, std::string_view year);

// ---- closures and extra openings -----------------------------------------------------------

struct closure_filter {
    std::string branch; // code; empty: all
    std::optional<local_days> from;
    std::optional<local_days> to;
    /// Dates that could not be read: refused after the branch is found (as the API always did).
    std::optional<refusal> malformed;
};
result<std::vector<storage::closure_record>> list_closures(services& s, const closure_filter& f);

struct closure_input {
    std::string branch;
    local_days date;
    bool extra_opening = false;
    std::string note;
};
struct closure_change {
    storage::closure_record closure;
    std::vector<std::string> affected; // a closure's live reservations on that day
};
result<closure_change> add_closure(services& s, const actor& who, const closure_input& in);
result<storage::closure_record> delete_closure(services& s, const actor& who, std::string_view id);

/// A year in min_year … max_year as written, or nothing.
std::optional<int> parse_year(std::string_view raw);

} // namespace agrirent::app::admin
