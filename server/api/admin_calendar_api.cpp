// Administration of the calendar (issue 4, DOMAIN.md §2): Saturday seasons, public holidays on
// top of the shipped file, years declared complete, branch closures and extra openings. Admin
// only. A change shows in /api/v1/calendar and in quotes at once (catalog reload); reservations
// already made keep their stored plan, so closures and holidays list the live reservations they
// concern, for the office to call those farmers.
#include <charconv>
#include <map>

#include "common/holidays.hpp"
#include "common/time.hpp"
#include "server/api/access.hpp"
#include "server/api/admin_support.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"

namespace agrirent::api::admin {
namespace {

using http::context;

constexpr int min_year = 2000;
constexpr int max_year = 2200;
constexpr int max_season_days = 366;
constexpr std::size_t max_note = 200;

void require_admin(const context& ctx) {
    require_role(ctx, {role::admin});
}

int year_of(local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

/// Live reservations whose pickup starts or whose return is due on `d` (KST).
json::array affected_on(storage::repositories& conn, std::optional<std::int64_t> branch_id,
                        local_days d) {
    const interval day{to_instant(office_zone(), d, time_of_day{0}),
                       to_instant(office_zone(), d + date::days{1}, time_of_day{0})};
    return string_array(conn.admin().live_touching(branch_id, day));
}

std::optional<int> parse_year(std::string_view raw) {
    int y = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), y);
    if (ec != std::errc{} || end != raw.data() + raw.size() || y < min_year || y > max_year) {
        return std::nullopt;
    }
    return y;
}

// ---- Saturday seasons ----------------------------------------------------------------------

void add_season_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/saturday-seasons", [&s](context& ctx) {
        require_admin(ctx);
        auto lease = s.db.begin(storage::access::read);
        std::optional<std::int64_t> branch_id;
        if (const auto code = ctx.query_value("branch"); code && !code->empty()) {
            branch_id = branch_or_404(*lease, std::string{*code}).id;
        }
        json::array out;
        for (const auto& season : lease->admin().list_seasons(branch_id)) {
            out.push_back(season_json(season));
        }
        return ok(out);
    });

    r.add("POST", "/api/v1/saturday-seasons", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"branch", "from", "to"});
        const auto code = http::required_string(body, "branch");
        const date_range days{http::required_date(body, "from"), http::required_date(body, "to")};
        if (days.to < days.from) {
            throw http::bad_field("to", "before_from");
        }
        if ((days.to - days.from).count() + 1 > max_season_days) {
            throw http::bad_field("to", "season_too_long");
        }
        write_scope w{s, ctx};
        const auto branch = branch_or_404(w.conn(), code);
        // Overlapping seasons would be harmless but are always a typo: refuse them.
        for (const auto& other : w.conn().admin().list_seasons(branch.id)) {
            if (other.days.from <= days.to && days.from <= other.days.to) {
                throw_conflict("admin.season_overlap", {{"id", std::to_string(other.id)},
                                                        {"from", format_date(other.days.from)},
                                                        {"to", format_date(other.days.to)}});
            }
        }
        const auto id = w.conn().admin().insert_season(branch.id, days);
        const auto out = season_json({id, branch.id, branch.code, days});
        w.audit("season.create", "saturday_season", std::to_string(id), out);
        w.commit();
        return created(out);
    });

    r.add("DELETE", "/api/v1/saturday-seasons/{id}", [&s](context& ctx) {
        require_admin(ctx);
        const auto id = id_param(ctx, "id", "saturday_season");
        write_scope w{s, ctx};
        const auto season = w.conn().admin().find_season(id);
        if (!season) {
            throw_not_found("saturday_season", ctx.param("id"));
        }
        w.conn().admin().delete_season(id);
        w.audit("season.delete", "saturday_season", std::to_string(id), season_json(*season));
        w.commit();
        return no_content();
    });
}

// ---- holidays ------------------------------------------------------------------------------

json::object holiday_json(local_days d, std::string_view name_ko, std::string_view name_en,
                          std::string_view source, bool removed) {
    return {{"date", format_date(d)},
            {"name_ko", name_ko},
            {"name_en", name_en},
            {"source", source},
            {"removed", removed}};
}

/// Where a year's completeness comes from: the shipped file, an admin, or nobody (unknown).
json::value year_source(const app::catalog& cat, int year) {
    if (shipped_holidays().is_known_year(year)) {
        return "shipped";
    }
    if (cat.holidays().is_known_year(year)) {
        return "admin";
    }
    return nullptr;
}

local_days holiday_date_param(const context& ctx) {
    const auto d = parse_date(ctx.param("date"));
    if (!d || year_of(*d) < min_year || year_of(*d) > max_year) {
        throw_not_found("holiday", ctx.param("date"));
    }
    return *d;
}

void add_holiday_routes(http::router& r, app::services& s) {
    // The shipped holidays of a year merged with admins' additions and removals.
    r.add("GET", "/api/v1/holidays", [&s](context& ctx) {
        require_admin(ctx);
        const auto year = parse_year(http::required_query(ctx, "year"));
        if (!year) {
            throw http::bad_field("year", "out_of_range");
        }
        const auto cat = s.catalog.get();
        std::map<local_days, json::object> by_date;
        for (const auto& [d, h] : shipped_holidays().all()) {
            if (year_of(d) == *year) {
                by_date[d] = holiday_json(d, h.name_ko, h.name_en, "shipped", false);
            }
        }
        auto lease = s.db.begin(storage::access::read);
        for (const auto& o : lease->admin().list_holiday_overrides(*year)) {
            const auto* shipped = shipped_holidays().find(o.date);
            if (o.removed) {
                by_date[o.date] =
                    shipped != nullptr
                        ? holiday_json(o.date, shipped->name_ko, shipped->name_en, "shipped", true)
                        : holiday_json(o.date, o.name_ko, o.name_en, "admin", true);
            } else {
                by_date[o.date] = holiday_json(o.date, o.name_ko, o.name_en, "admin", false);
            }
        }
        json::array list;
        for (auto& [d, h] : by_date) {
            list.push_back(std::move(h));
        }
        const auto source = year_source(*cat, *year);
        return ok(json::object{{"year", *year},
                               {"known", !source.is_null()},
                               {"source", source},
                               {"holidays", std::move(list)}});
    });

    r.add("POST", "/api/v1/holidays", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"date", "name_ko", "name_en"});
        storage::holiday_override h;
        h.date = http::required_date(body, "date");
        if (year_of(h.date) < min_year || year_of(h.date) > max_year) {
            throw http::bad_field("date", "out_of_range");
        }
        h.name_ko = required_name(body, "name_ko", 80);
        h.name_en = required_name(body, "name_en", 80);
        write_scope w{s, ctx};
        if (s.catalog.get()->holidays().find(h.date) != nullptr) {
            throw_duplicate("date", format_date(h.date)); // remove it first to rename it
        }
        w.conn().admin().put_holiday_override(h);
        auto out = holiday_json(h.date, h.name_ko, h.name_en, "admin", false);
        w.audit("holiday.add", "holiday", format_date(h.date), out);
        // A date beyond the known years stays unknown until the year is declared complete.
        out["known"] = s.catalog.get()->holidays().is_known(h.date);
        out["affected_reservations"] = affected_on(w.conn(), std::nullopt, h.date);
        w.commit();
        return created(out);
    });

    r.add("DELETE", "/api/v1/holidays/{date}", [&s](context& ctx) {
        require_admin(ctx);
        const auto d = holiday_date_param(ctx);
        write_scope w{s, ctx};
        const auto* current = s.catalog.get()->holidays().find(d);
        if (current == nullptr) {
            throw_not_found("holiday", format_date(d));
        }
        const storage::holiday_override h{d, true, current->name_ko, current->name_en};
        w.conn().admin().put_holiday_override(h);
        const bool shipped = shipped_holidays().find(d) != nullptr;
        auto out = holiday_json(d, h.name_ko, h.name_en, shipped ? "shipped" : "admin", true);
        w.audit("holiday.remove", "holiday", format_date(d), out);
        out["affected_reservations"] = affected_on(w.conn(), std::nullopt, d);
        w.commit();
        return ok(out);
    });

    r.add("GET", "/api/v1/holiday-years", [&s](context& ctx) {
        require_admin(ctx);
        const auto cat = s.catalog.get();
        json::array out;
        for (const int y : cat->holidays().known_years()) {
            out.push_back(json::object{{"year", y}, {"source", year_source(*cat, y)}});
        }
        return ok(out);
    });

    // Declares a year complete: its holidays are all entered, so its dates become bookable.
    r.add("POST", "/api/v1/holiday-years", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"year"});
        const int year = static_cast<int>(http::required_int(body, "year", min_year, max_year));
        if (shipped_holidays().is_known_year(year)) {
            throw_conflict("admin.year_shipped", {{"year", std::to_string(year)}});
        }
        write_scope w{s, ctx};
        unique_or_conflict("year", std::to_string(year), [&] {
            w.conn().admin().insert_known_year(year);
            return 0;
        });
        w.audit("holiday_year.declare", "holiday_year", std::to_string(year), {});
        w.commit();
        return created(json::object{{"year", year}, {"source", "admin"}});
    });

    r.add("DELETE", "/api/v1/holiday-years/{year}", [&s](context& ctx) {
        require_admin(ctx);
        const auto year = parse_year(ctx.param("year"));
        if (!year) {
            throw_not_found("year", ctx.param("year"));
        }
        if (shipped_holidays().is_known_year(*year)) {
            throw_conflict("admin.year_shipped", {{"year", std::to_string(*year)}});
        }
        write_scope w{s, ctx};
        if (!w.conn().admin().delete_known_year(*year)) {
            throw_not_found("year", std::to_string(*year));
        }
        w.audit("holiday_year.withdraw", "holiday_year", std::to_string(*year), {});
        w.commit();
        return no_content();
    });
}

// ---- closures and extra openings -----------------------------------------------------------

void add_closure_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/closures", [&s](context& ctx) {
        require_admin(ctx);
        auto lease = s.db.begin(storage::access::read);
        std::optional<std::int64_t> branch_id;
        if (const auto code = ctx.query_value("branch"); code && !code->empty()) {
            branch_id = branch_or_404(*lease, std::string{*code}).id;
        }
        const auto from = http::optional_query_date(ctx, "from");
        const auto to = http::optional_query_date(ctx, "to");
        std::optional<date_range> days;
        if (from || to) {
            days = date_range{from.value_or(local_days{date::year{min_year} / 1 / 1}),
                              to.value_or(local_days{date::year{max_year} / 12 / 31})};
        }
        json::array out;
        for (const auto& c : lease->admin().list_closures(branch_id, days)) {
            out.push_back(closure_json(c));
        }
        return ok(out);
    });

    r.add("POST", "/api/v1/closures", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"branch", "date", "extra_opening", "note"});
        const auto code = http::required_string(body, "branch");
        storage::closure_record c;
        c.date = http::required_date(body, "date");
        if (year_of(c.date) < min_year || year_of(c.date) > max_year) {
            throw http::bad_field("date", "out_of_range");
        }
        c.extra_opening = http::optional_bool(body, "extra_opening").value_or(false);
        c.note = optional_text(body, "note", max_note).value_or("");
        write_scope w{s, ctx};
        const auto branch = branch_or_404(w.conn(), code);
        c.branch_id = branch.id;
        c.branch_code = branch.code;
        c.id = unique_or_conflict("date", format_date(c.date),
                                  [&] { return w.conn().admin().insert_closure(c); });
        auto out = closure_json(c);
        w.audit(c.extra_opening ? "closure.extra_opening" : "closure.create", "closure",
                std::to_string(c.id), out);
        out["affected_reservations"] =
            c.extra_opening ? json::array{} : affected_on(w.conn(), branch.id, c.date);
        w.commit();
        return created(out);
    });

    r.add("DELETE", "/api/v1/closures/{id}", [&s](context& ctx) {
        require_admin(ctx);
        const auto id = id_param(ctx, "id", "closure");
        write_scope w{s, ctx};
        const auto c = w.conn().admin().find_closure(id);
        if (!c) {
            throw_not_found("closure", ctx.param("id"));
        }
        w.conn().admin().delete_closure(id);
        w.audit("closure.delete", "closure", std::to_string(id), closure_json(*c));
        w.commit();
        return no_content();
    });
}

} // namespace

void add_calendar_routes(http::router& r, app::services& s) {
    add_season_routes(r, s);
    add_holiday_routes(r, s);
    add_closure_routes(r, s);
}

} // namespace agrirent::api::admin
