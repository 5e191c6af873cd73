// Admin pages of the calendar (issue 5, DOMAIN.md §2): Saturday seasons per branch, public
// holidays by year (shipped and added, a year declared complete), closures and extra openings
// per branch. Every change is the posted form decoded as the API decodes it, then the calendar
// service (server/app/admin_calendar.hpp; admin_pages.cpp explains the pattern); a change shows
// at once in /api/v1/calendar and on the farmers' booking calendar.
#include <charconv>

#include "common/time.hpp"
#include "server/app/admin_calendar.hpp"
#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/pages/admin_page_support.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

namespace svc = app::admin;
namespace codec = agrirent::codec::admin;

/// Links to the page for every branch (and all of them), the current one marked.
std::vector<views::link> branch_tabs(const env& e, std::string_view href,
                                     std::string_view current) {
    std::vector<views::link> out{
        {std::string{href}, e.t("adm.filter.all_branches"), current.empty()}};
    const auto cat = e.s.catalog.get();
    for (const auto& b : cat->branches()) {
        out.push_back({std::string{href} + "?branch=" + b.code.value, b.name(e.lang),
                       b.code.value == current});
    }
    return out;
}

/// The list page to go back to: the branch the form was about, when it is a code.
std::string with_branch(std::string_view href, std::string_view branch) {
    const auto code = safe_code(branch);
    return code.empty() ? std::string{href} : std::string{href} + "?branch=" + code;
}

/// An add form's values: the branch of the page chosen, every branch to choose from.
values branch_preset(const env& e, const std::string& branch) {
    values v;
    v.set("branch", branch);
    v.options["branch"] = branch_options(e, "adm.form.choose");
    return v;
}

int days_between(std::string_view from, std::string_view to) {
    const auto a = parse_date(from);
    const auto b = parse_date(to);
    return a && b ? static_cast<int>((*b - *a).count()) + 1 : 0;
}

/// The pages of what is kept per branch (Saturday seasons, closures): GET <href>?branch= lists
/// one branch's or all; POST <href> adds (back to that branch's list); POST <href>/{id}/delete
/// deletes a row (back to the list it was on).
struct per_branch {
    const area* where;
    change_op add;                                     // decoder + service of the add form
    api_result (*remove)(env& e, std::string_view id); // the delete button's service
    std::span<const field> fields;
    list_builder list;
    std::string_view (*added_key)(const env& e); // the notice after an add
};

void add_per_branch_pages(http::router& r, app::services& s, const per_branch& p) {
    const std::string_view href = p.where->href;
    r.add("GET", std::string{href}, admin_route(s, [p, href](env& e) {
              return show(e, p.list(e, nullptr), http::status::ok,
                          with_branch(href, e.query("branch")));
          }));
    r.add("POST", std::string{href}, admin_route(s, [p, href](env& e) {
              const auto back = with_branch(href, e.posted("branch"));
              return submit(
                  e,
                  {"POST",
                   p.fields,
                   {},
                   "add",
                   back,
                   p.added_key(e),
                   [&e, add = p.add](const json::object& body) { return add(e, body); }},
                  [&](const failure* f) { return p.list(e, f); }, href);
          }));
    r.add("POST", std::string{href} + "/{id}/delete", admin_route(s, [p, href](env& e) {
              const auto back = with_branch(href, e.posted("view"));
              return submit(
                  e,
                  {"DELETE",
                   {},
                   {},
                   "row",
                   back,
                   "adm.done.deleted",
                   [&e, remove = p.remove](const json::object&) {
                       return remove(e, e.ctx.param("id"));
                   }},
                  [&](const failure* f) { return p.list(e, f); }, back);
          }));
}

// ---- Saturday seasons ----------------------------------------------------------------------

constexpr auto season_fields = std::to_array<field>({
    {"branch", kind::select, "adm.field.branch", {}, when_empty::omit, true},
    {"from", kind::date, "adm.season.from", {}, when_empty::omit, true},
    {"to", kind::date, "adm.season.to", "adm.season.to_hint", when_empty::omit, true},
});

av::admin_view seasons_view(env& e, const failure* failed) {
    const std::string branch = safe_code(e.query("branch"));
    const json::value seasons = must(svc::list_seasons(e.s, branch), codec::seasons_json);
    auto v = area_page(e, seasons_area);

    auto t = list_table(
        e,
        branch.empty() ? e.t("adm.seasons.caption_all")
                       : e.f("adm.seasons.caption", {{"branch", branch_name(e, branch)}}),
        {"adm.field.branch", "adm.season.from", "adm.season.to", "adm.season.length"},
        "adm.seasons.empty", true);
    for (const auto& season : seasons.as_array()) {
        const std::string id = number_text(season, "id");
        av::row row;
        row.id = "season-" + id;
        row.cells.push_back({.text = branch_name(e, str(season, "branch"))});
        row.cells.push_back({.text = date_text(e, str(season, "from"))});
        row.cells.push_back({.text = date_text(e, str(season, "to"))});
        row.cells.push_back(
            {.text = e.f(
                 "adm.season.days",
                 {{"days", std::to_string(days_between(str(season, "from"), str(season, "to")))}}),
             .number = true});
        row.buttons.push_back(delete_button(
            e, std::string{seasons_area.href} + "/" + id + "/delete", row.id, {{"view", branch}}));
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "list",
                          .links = branch_tabs(e, seasons_area.href, branch),
                          .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, seasons_area, "adm.seasons.add_heading",
                                     "adm.seasons.add_intro", "adm.seasons.add_submit",
                                     season_fields, branch_preset(e, branch), failed));
    return v;
}

// ---- holidays ------------------------------------------------------------------------------

constexpr auto holiday_fields = std::to_array<field>({
    {"date", kind::date, "adm.holiday.date", {}, when_empty::omit, true},
    {"name_ko", kind::text, "adm.field.name_ko", "adm.holiday.name_ko_hint", when_empty::omit,
     true},
    {"name_en", kind::text, "adm.field.name_en", "adm.holiday.name_en_hint", when_empty::omit,
     true},
});

// A restore button sends the removed holiday's own date and names.
constexpr auto holiday_restore_fields = holiday_fields;

/// The year a page is about: ?year=, else the posted year or the year of a posted date, else
/// this year.
int year_of_page(const env& e) {
    for (const std::string_view raw :
         {e.query("year"), e.posted("year"), e.posted("date").substr(0, 4)}) {
        int y = 0;
        const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), y);
        if (ec == std::errc{} && end == raw.data() + raw.size() && y >= 2000 && y <= 2200) {
            return y;
        }
    }
    return static_cast<int>(date::year_month_day{today(e)}.year());
}

std::string year_href(int year) {
    return std::string{holidays_area.href} + "?year=" + std::to_string(year);
}

av::admin_view holidays_view(env& e, const failure* failed) {
    const int year = year_of_page(e);
    const json::value data = codec::holiday_year_json(svc::holidays_of(e.s, year));
    const json::value years = codec::known_years_json(svc::known_years(e.s));
    const std::string source = str(data, "source");
    auto v = area_page(e, holidays_area);

    // The year: its status, the way to the neighbours, and declaring it complete.
    av::section status{.id = "year"};
    status.heading = e.f("adm.holidays.year_heading", {{"year", std::to_string(year)}});
    status.links = {{year_href(year - 1),
                     e.f("adm.holidays.prev", {{"year", std::to_string(year - 1)}}), false},
                    {year_href(year + 1),
                     e.f("adm.holidays.next", {{"year", std::to_string(year + 1)}}), false}};
    const std::string state_key = source == "shipped" ? "adm.holidays.known_shipped"
                                  : source == "admin" ? "adm.holidays.known_admin"
                                                      : "adm.holidays.unknown";
    status.facts.push_back({e.t("adm.holidays.status"), e.t(state_key), {}});
    std::string known;
    for (const auto& y : years.as_array()) {
        known += (known.empty() ? "" : ", ") + number_text(y, "year") +
                 (str(y, "source") == "admin" ? " (" + e.t("adm.holidays.by_admin") + ")" : "");
    }
    status.facts.push_back({e.t("adm.holidays.known_years"), known, {}});
    const std::string y = std::to_string(year);
    if (source.empty()) {
        status.intro = e.t("adm.holidays.declare_intro");
        status.buttons.push_back({e.f("adm.holidays.declare", {{"year", y}}),
                                  "/staff/admin/holiday-years",
                                  {{"year", y}},
                                  false,
                                  ""});
    } else if (source == "admin") {
        status.buttons.push_back({e.f("adm.holidays.withdraw", {{"year", y}}),
                                  "/staff/admin/holiday-years/" + y + "/delete",
                                  {},
                                  true,
                                  ""});
    }
    v.sections.push_back(std::move(status));

    auto t =
        list_table(e, e.f("adm.holidays.caption", {{"year", y}}),
                   {"adm.holiday.date", "adm.field.name", "adm.holiday.source", "adm.field.state"},
                   "adm.holidays.empty", true);
    for (const auto& h : list(data, "holidays")) {
        const std::string day = str(h, "date");
        const bool removed = flag(h, "removed");
        av::row row;
        row.id = "holiday-" + day;
        row.muted = removed;
        row.cells.push_back({.text = date_text(e, day)});
        row.cells.push_back(name_cell(e, h));
        row.cells.push_back({.text = e.t(str(h, "source") == "shipped" ? "adm.holiday.shipped"
                                                                       : "adm.holiday.added")});
        row.cells.push_back(removed ? badge(e.t("adm.holiday.removed"), "off")
                                    : badge(e.t("adm.holiday.closed"), "ok"));
        if (removed) {
            row.buttons.push_back(
                {e.t("adm.holidays.restore"),
                 std::string{holidays_area.href},
                 {{"date", day}, {"name_ko", str(h, "name_ko")}, {"name_en", str(h, "name_en")}},
                 false,
                 row.id});
        } else {
            row.buttons.push_back({e.t("adm.holidays.remove"),
                                   std::string{holidays_area.href} + "/" + day + "/delete",
                                   {},
                                   true,
                                   row.id});
        }
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back(
        {.id = "list", .intro = e.t("adm.holidays.remove_intro"), .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, holidays_area, "adm.holidays.add_heading",
                                     "adm.holidays.add_intro", "adm.holidays.add_submit",
                                     holiday_fields, {}, failed));
    return v;
}

void add_holiday_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{holidays_area.href}, admin_route(s, [](env& e) {
              return show(e, holidays_view(e, nullptr), http::status::ok,
                          year_href(year_of_page(e)));
          }));
    r.add("POST", std::string{holidays_area.href}, admin_route(s, [](env& e) {
              const auto back = year_href(year_of_page(e));
              return submit(
                  e,
                  {"POST",
                   holiday_restore_fields,
                   {},
                   "add",
                   back,
                   "adm.done.holiday_added",
                   [&e](const json::object& body) {
                       const auto in = codec::decode_holiday(body);
                       return outcome_of(e, svc::add_holiday(e.s, e.who(), in),
                                         codec::holiday_change_json);
                   }},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
    r.add("POST", std::string{holidays_area.href} + "/{date}/delete", admin_route(s, [](env& e) {
              const std::string day{e.ctx.param("date")};
              const auto d = parse_date(day);
              const auto back = d ? year_href(static_cast<int>(date::year_month_day{*d}.year()))
                                  : std::string{holidays_area.href};
              return submit(
                  e,
                  {"DELETE",
                   {},
                   {},
                   "row",
                   back,
                   "adm.done.holiday_removed",
                   [&e, &day](const json::object&) {
                       return outcome_of(e, svc::remove_holiday(e.s, e.who(), day),
                                         codec::holiday_change_json);
                   }},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
    r.add("POST", "/staff/admin/holiday-years", admin_route(s, [](env& e) {
              const auto back = year_href(year_of_page(e));
              static constexpr auto year_field =
                  std::to_array<field>({{"year", kind::number, "adm.holiday.year"}});
              return submit(
                  e,
                  {"POST",
                   year_field,
                   {},
                   "year",
                   back,
                   "adm.done.year_declared",
                   [&e](const json::object& body) {
                       const int year = codec::decode_holiday_year(body);
                       return outcome_of(e, svc::declare_year(e.s, e.who(), year),
                                         [](int) { return json::value{}; });
                   }},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
    r.add("POST", "/staff/admin/holiday-years/{year}/delete", admin_route(s, [](env& e) {
              const std::string year{e.ctx.param("year")};
              const auto back = std::string{holidays_area.href} + "?year=" + path_segment(year);
              return submit(
                  e,
                  {"DELETE",
                   {},
                   {},
                   "year",
                   back,
                   "adm.done.year_withdrawn",
                   [&e, &year](const json::object&) {
                       return outcome_of(e, svc::withdraw_year(e.s, e.who(), year),
                                         [](int) { return json::value{}; });
                   }},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
}

// ---- closures and extra openings -----------------------------------------------------------

constexpr auto closure_fields = std::to_array<field>({
    {"branch", kind::select, "adm.field.branch", {}, when_empty::omit, true},
    {"date", kind::date, "adm.closure.date", {}, when_empty::omit, true},
    {"extra_opening", kind::checkbox, "adm.closure.extra_opening",
     "adm.closure.extra_opening_hint"},
    {"note", kind::text, "adm.closure.note", "adm.closure.note_hint", when_empty::blank},
});

av::admin_view closures_view(env& e, const failure* failed) {
    const std::string branch = safe_code(e.query("branch"));
    const bool past = e.query("past") == "1";
    const json::value closures = must(
        svc::list_closures(e.s, {branch, past ? std::nullopt : std::optional{today(e)}, {}, {}}),
        codec::closures_json);
    auto v = area_page(e, closures_area);

    auto t =
        list_table(e, past ? e.t("adm.closures.caption_all") : e.t("adm.closures.caption_upcoming"),
                   {"adm.closure.date", "adm.field.branch", "adm.closure.kind", "adm.closure.note"},
                   "adm.closures.empty", true);
    for (const auto& c : closures.as_array()) {
        const std::string id = number_text(c, "id");
        const bool opening = flag(c, "extra_opening");
        av::row row;
        row.id = "closure-" + id;
        row.cells.push_back({.text = date_text(e, str(c, "date"))});
        row.cells.push_back({.text = branch_name(e, str(c, "branch"))});
        row.cells.push_back(opening ? badge(e.t("adm.closure.opening"), "ok")
                                    : badge(e.t("adm.closure.closed"), "warn"));
        row.cells.push_back({.text = str(c, "note")});
        row.buttons.push_back(delete_button(
            e, std::string{closures_area.href} + "/" + id + "/delete", row.id, {{"view", branch}}));
        t.rows.push_back(std::move(row));
    }
    auto tabs = branch_tabs(e, closures_area.href, branch);
    const std::string toggle = with_branch(closures_area.href, branch);
    tabs.push_back({past ? toggle : toggle + (branch.empty() ? "?" : "&") + "past=1",
                    e.t(past ? "adm.closures.hide_past" : "adm.closures.show_past"), false});
    v.sections.push_back({.id = "list", .links = std::move(tabs), .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, closures_area, "adm.closures.add_heading",
                                     "adm.closures.add_intro", "adm.closures.add_submit",
                                     closure_fields, branch_preset(e, branch), failed));
    return v;
}

// ---- the changes: the API's decoder, then the service ------------------------------------

api_result add_season(env& e, const json::object& body) {
    const auto in = codec::decode_season(body);
    return outcome_of(e, svc::add_season(e.s, e.who(), in), codec::season_json);
}

api_result delete_season(env& e, std::string_view id) {
    return outcome_of(e, svc::delete_season(e.s, e.who(), id),
                      [](const auto&) { return json::value{}; });
}

api_result add_closure(env& e, const json::object& body) {
    const auto in = codec::decode_closure(body);
    return outcome_of(e, svc::add_closure(e.s, e.who(), in), codec::closure_change_json);
}

api_result delete_closure(env& e, std::string_view id) {
    return outcome_of(e, svc::delete_closure(e.s, e.who(), id),
                      [](const auto&) { return json::value{}; });
}

} // namespace

void add_calendar_pages(http::router& r, app::services& s) {
    add_per_branch_pages(r, s,
                         {&seasons_area, add_season, delete_season, season_fields, seasons_view,
                          [](const env&) -> std::string_view { return "adm.done.season_added"; }});
    add_holiday_pages(r, s);
    add_per_branch_pages(r, s,
                         {&closures_area, add_closure, delete_closure, closure_fields,
                          closures_view, [](const env& e) -> std::string_view {
                              return e.form && e.form->has("extra_opening")
                                         ? "adm.done.opening_added"
                                         : "adm.done.closure_added";
                          }});
}

} // namespace agrirent::pages::admin
