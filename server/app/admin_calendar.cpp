#include "server/app/admin_calendar.hpp"

#include <charconv>
#include <map>

#include <boost/json.hpp>

#include "common/holidays.hpp"
#include "server/app/admin_support.hpp"

namespace agrirent::app::admin {
namespace {

namespace json = boost::json;

int year_of(local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

/// Live reservations whose pickup starts or whose return is due on `d` (KST).
std::vector<std::string> affected_on(storage::repositories& repo,
                                     std::optional<std::int64_t> branch_id, local_days d) {
    const interval day{to_instant(office_zone(), d, time_of_day{0}),
                       to_instant(office_zone(), d + date::days{1}, time_of_day{0})};
    return repo.admin().live_touching(branch_id, day);
}

json::object holiday_details(const holiday_entry& h) {
    return {{"date", format_date(h.date)},
            {"name_ko", h.name_ko},
            {"name_en", h.name_en},
            {"source", h.source},
            {"removed", h.removed}};
}

std::optional<std::string> year_source(const catalog& cat, int year) {
    if (shipped_holidays().is_known_year(year)) {
        return "shipped";
    }
    if (cat.holidays().is_known_year(year)) {
        return "admin";
    }
    return std::nullopt;
}

} // namespace

std::optional<int> parse_year(std::string_view raw) {
    int y = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), y);
    if (ec != std::errc{} || end != raw.data() + raw.size() || y < min_year || y > max_year) {
        return std::nullopt;
    }
    return y;
}

// ---- Saturday seasons ----------------------------------------------------------------------

result<std::vector<storage::season_record>> list_seasons(services& s, std::string_view branch) {
    auto lease = s.db.begin(storage::access::read);
    std::optional<std::int64_t> branch_id;
    if (!branch.empty()) {
        const auto b = find_branch(*lease, branch);
        if (!b) {
            return b.error();
        }
        branch_id = b->id;
    }
    return lease->admin().list_seasons(branch_id);
}

result<storage::season_record> add_season(services& s, const actor& who, const season_input& in) {
    write_unit w{s, who};
    const auto branch = find_branch(w.repo(), in.branch);
    if (!branch) {
        return branch.error();
    }
    // Overlapping seasons would be harmless but are always a typo: refuse them.
    for (const auto& other : w.repo().admin().list_seasons(branch->id)) {
        if (other.days.from <= in.days.to && in.days.from <= other.days.to) {
            return refused(reason::season_overlap, {{"id", std::to_string(other.id)},
                                                    {"from", format_date(other.days.from)},
                                                    {"to", format_date(other.days.to)}});
        }
    }
    const auto id = w.repo().admin().insert_season(branch->id, in.days);
    storage::season_record out{id, branch->id, branch->code, in.days};
    w.audit("season.create", "saturday_season", std::to_string(id), season_details(out));
    w.commit();
    return out;
}

result<storage::season_record> delete_season(services& s, const actor& who, std::string_view id) {
    const auto n = parse_id(id);
    if (!n) {
        return not_found("saturday_season", id); // cannot exist
    }
    write_unit w{s, who};
    const auto season = w.repo().admin().find_season(*n);
    if (!season) {
        return not_found("saturday_season", id);
    }
    w.repo().admin().delete_season(*n);
    w.audit("season.delete", "saturday_season", std::to_string(*n), season_details(*season));
    w.commit();
    return *season;
}

// ---- holidays ------------------------------------------------------------------------------

holiday_year holidays_of(services& s, int year) {
    const auto cat = s.catalog.get();
    std::map<local_days, holiday_entry> by_date;
    for (const auto& [d, h] : shipped_holidays().all()) {
        if (year_of(d) == year) {
            by_date[d] = {d, h.name_ko, h.name_en, "shipped", false};
        }
    }
    auto lease = s.db.begin(storage::access::read);
    for (const auto& o : lease->admin().list_holiday_overrides(year)) {
        const auto* shipped = shipped_holidays().find(o.date);
        if (o.removed) {
            by_date[o.date] =
                shipped != nullptr
                    ? holiday_entry{o.date, shipped->name_ko, shipped->name_en, "shipped", true}
                    : holiday_entry{o.date, o.name_ko, o.name_en, "admin", true};
        } else {
            by_date[o.date] = {o.date, o.name_ko, o.name_en, "admin", false};
        }
    }
    holiday_year out;
    out.year = year;
    out.source = year_source(*cat, year);
    for (auto& [d, h] : by_date) {
        out.holidays.push_back(std::move(h));
    }
    return out;
}

result<holiday_change> add_holiday(services& s, const actor& who, const holiday_input& in) {
    write_unit w{s, who};
    if (s.catalog.get()->holidays().find(in.date) != nullptr) {
        return duplicate("date", format_date(in.date)); // remove it first to rename it
    }
    w.repo().admin().put_holiday_override({in.date, false, in.name_ko, in.name_en});
    holiday_change out;
    out.holiday = {in.date, in.name_ko, in.name_en, "admin", false};
    w.audit("holiday.add", "holiday", format_date(in.date), holiday_details(out.holiday));
    // A date beyond the known years stays unknown until the year is declared complete.
    out.known = s.catalog.get()->holidays().is_known(in.date);
    out.affected = affected_on(w.repo(), std::nullopt, in.date);
    w.commit();
    return out;
}

result<holiday_change> remove_holiday(services& s, const actor& who, std::string_view day) {
    const auto d = parse_date(day);
    if (!d || year_of(*d) < min_year || year_of(*d) > max_year) {
        return not_found("holiday", day);
    }
    write_unit w{s, who};
    const auto cat = s.catalog.get(); // alive while `current` is used
    const auto* current = cat->holidays().find(*d);
    if (current == nullptr) {
        return not_found("holiday", format_date(*d));
    }
    const storage::holiday_override h{*d, true, current->name_ko, current->name_en};
    w.repo().admin().put_holiday_override(h);
    const bool shipped = shipped_holidays().find(*d) != nullptr;
    holiday_change out;
    out.holiday = {*d, h.name_ko, h.name_en, shipped ? "shipped" : "admin", true};
    w.audit("holiday.remove", "holiday", format_date(*d), holiday_details(out.holiday));
    out.affected = affected_on(w.repo(), std::nullopt, *d);
    w.commit();
    return out;
}

std::vector<known_year> known_years(services& s) {
    const auto cat = s.catalog.get();
    std::vector<known_year> out;
    for (const int y : cat->holidays().known_years()) {
        out.push_back({y, year_source(*cat, y)});
    }
    return out;
}

result<int> declare_year(services& s, const actor& who, int year) {
    if (shipped_holidays().is_known_year(year)) {
        return refused(reason::year_shipped, {{"year", std::to_string(year)}});
    }
    write_unit w{s, who};
    try {
        w.repo().admin().insert_known_year(year);
    } catch (const storage::duplicate_key&) {
        return duplicate("year", std::to_string(year));
    }
    w.audit("holiday_year.declare", "holiday_year", std::to_string(year), {});
    w.commit();
    return year;
}

result<int> withdraw_year(services& s, const actor& who, std::string_view raw) {
    const auto year = parse_year(raw);
    if (!year) {
        return not_found("year", raw);
    }
    if (shipped_holidays().is_known_year(*year)) {
        return refused(reason::year_shipped, {{"year", std::to_string(*year)}});
    }
    write_unit w{s, who};
    if (!w.repo().admin().delete_known_year(*year)) {
        return not_found("year", std::to_string(*year));
    }
    w.audit("holiday_year.withdraw", "holiday_year", std::to_string(*year), {});
    w.commit();
    return *year;
}

// ---- closures and extra openings -----------------------------------------------------------

result<std::vector<storage::closure_record>> list_closures(services& s, const closure_filter& f) {
    auto lease = s.db.begin(storage::access::read);
    std::optional<std::int64_t> branch_id;
    if (!f.branch.empty()) {
        const auto b = find_branch(*lease, f.branch);
        if (!b) {
            return b.error();
        }
        branch_id = b->id;
    }
    if (f.malformed) {
        return *f.malformed;
    }
    std::optional<date_range> days;
    if (f.from || f.to) {
        days = date_range{f.from.value_or(local_days{date::year{min_year} / 1 / 1}),
                          f.to.value_or(local_days{date::year{max_year} / 12 / 31})};
    }
    return lease->admin().list_closures(branch_id, days);
}

result<closure_change> add_closure(services& s, const actor& who, const closure_input& in) {
    write_unit w{s, who};
    const auto branch = find_branch(w.repo(), in.branch);
    if (!branch) {
        return branch.error();
    }
    closure_change out;
    auto& c = out.closure;
    c.date = in.date;
    c.extra_opening = in.extra_opening;
    c.note = in.note;
    c.branch_id = branch->id;
    c.branch_code = branch->code;
    try {
        c.id = w.repo().admin().insert_closure(c);
    } catch (const storage::duplicate_key&) {
        return duplicate("date", format_date(c.date));
    }
    w.audit(c.extra_opening ? "closure.extra_opening" : "closure.create", "closure",
            std::to_string(c.id), closure_details(c));
    if (!c.extra_opening) {
        out.affected = affected_on(w.repo(), branch->id, c.date);
    }
    w.commit();
    return out;
}

result<storage::closure_record> delete_closure(services& s, const actor& who, std::string_view id) {
    const auto n = parse_id(id);
    if (!n) {
        return not_found("closure", id);
    }
    write_unit w{s, who};
    const auto c = w.repo().admin().find_closure(*n);
    if (!c) {
        return not_found("closure", id);
    }
    w.repo().admin().delete_closure(*n);
    w.audit("closure.delete", "closure", std::to_string(*n), closure_details(*c));
    w.commit();
    return *c;
}

} // namespace agrirent::app::admin
