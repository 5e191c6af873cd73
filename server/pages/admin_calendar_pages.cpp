// Admin pages of the calendar (issue 5, DOMAIN.md §2): Saturday seasons per branch, public
// holidays by year (shipped and added, a year declared complete), closures and extra openings
// per branch. Every change goes through the administration API in-process (admin_pages.cpp);
// a change shows at once in /api/v1/calendar and on the farmers' booking calendar.
#include <charconv>

#include "common/time.hpp"
#include "server/pages/admin_page_support.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

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

int days_between(std::string_view from, std::string_view to) {
    const auto a = parse_date(from);
    const auto b = parse_date(to);
    return a && b ? static_cast<int>((*b - *a).count()) + 1 : 0;
}

// ---- Saturday seasons ----------------------------------------------------------------------

constexpr std::string_view seasons_href = "/staff/admin/seasons";

constexpr auto season_fields = std::to_array<field>({
    {"branch", kind::select, "adm.field.branch", {}, when_empty::omit, true},
    {"from", kind::date, "adm.season.from", {}, when_empty::omit, true},
    {"to", kind::date, "adm.season.to", "adm.season.to_hint", when_empty::omit, true},
});

av::admin_view seasons_view(env& e, const failure* failed) {
    const std::string branch = safe_code(e.query("branch"));
    const auto seasons =
        must_get(e, "/api/v1/saturday-seasons" + query_string({{"branch", branch}}));
    av::admin_view v;
    v.heading = e.t("adm.area.seasons");
    v.lead = e.t("adm.seasons.lead");
    v.areas = areas(e, seasons_href);
    v.crumbs = crumbs(e, seasons_href, "adm.area.seasons");

    av::table t;
    t.caption = branch.empty() ? e.t("adm.seasons.caption_all")
                               : e.f("adm.seasons.caption", {{"branch", branch_name(e, branch)}});
    t.headers = {e.t("adm.field.branch"), e.t("adm.season.from"), e.t("adm.season.to"),
                 e.t("adm.season.length")};
    t.empty = e.t("adm.seasons.empty");
    t.actions = true;
    for (const auto& season : seasons.as_array()) {
        const std::string id = number_text(season, "id");
        av::row row;
        row.id = "season-" + id;
        row.cells.push_back({branch_name(e, str(season, "branch")), {}, {}, {}, false});
        row.cells.push_back({date_text(e, str(season, "from")), {}, {}, {}, false});
        row.cells.push_back({date_text(e, str(season, "to")), {}, {}, {}, false});
        row.cells.push_back(
            {e.f("adm.season.days",
                 {{"days", std::to_string(days_between(str(season, "from"), str(season, "to")))}}),
             {},
             {},
             {},
             true});
        row.buttons.push_back({e.t("adm.action.delete"),
                               std::string{seasons_href} + "/" + id + "/delete",
                               {{"view", branch}},
                               true,
                               row.id});
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.links = branch_tabs(e, seasons_href, branch);
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    values cur;
    cur.set("branch", branch);
    cur.options["branch"] = branch_options(e, "adm.form.choose");
    av::section add;
    add.id = "add";
    add.heading = e.t("adm.seasons.add_heading");
    add.forms.push_back(build_form(e.lang,
                                   {"add", "", "adm.seasons.add_intro", std::string{seasons_href},
                                    "adm.seasons.add_submit", season_fields},
                                   cur, failed));
    v.sections.push_back(std::move(add));
    return v;
}

void add_season_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{seasons_href}, admin_route(r, s, [](env& e) {
              return show(e, seasons_view(e, nullptr), 200,
                          with_branch(seasons_href, e.query("branch")));
          }));
    r.add("POST", std::string{seasons_href}, admin_route(r, s, [](env& e) {
              const auto back = with_branch(seasons_href, e.posted("branch"));
              return submit(
                  e,
                  {"POST",
                   "/api/v1/saturday-seasons",
                   season_fields,
                   {},
                   "add",
                   back,
                   "adm.done.season_added"},
                  [&](const failure* f) { return seasons_view(e, f); }, seasons_href);
          }));
    r.add("POST", std::string{seasons_href} + "/{id}/delete", admin_route(r, s, [](env& e) {
              const auto back = with_branch(seasons_href, e.posted("view"));
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/saturday-seasons/" + path_segment(e.ctx.param("id")),
                   {},
                   {},
                   "row",
                   back,
                   "adm.done.deleted"},
                  [&](const failure* f) { return seasons_view(e, f); }, back);
          }));
}

// ---- holidays ------------------------------------------------------------------------------

constexpr std::string_view holidays_href = "/staff/admin/holidays";

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
    return std::string{holidays_href} + "?year=" + std::to_string(year);
}

av::admin_view holidays_view(env& e, const failure* failed) {
    const int year = year_of_page(e);
    const auto data = must_get(e, "/api/v1/holidays?year=" + std::to_string(year));
    const auto years = must_get(e, "/api/v1/holiday-years");
    const std::string source = str(data, "source");
    av::admin_view v;
    v.heading = e.t("adm.area.holidays");
    v.lead = e.t("adm.holidays.lead");
    v.areas = areas(e, holidays_href);
    v.crumbs = crumbs(e, holidays_href, "adm.area.holidays");

    // The year: its status, the way to the neighbours, and declaring it complete.
    av::section status;
    status.id = "year";
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

    av::table t;
    t.caption = e.f("adm.holidays.caption", {{"year", y}});
    t.headers = {e.t("adm.holiday.date"), e.t("adm.field.name"), e.t("adm.holiday.source"),
                 e.t("adm.field.state")};
    t.empty = e.t("adm.holidays.empty");
    t.actions = true;
    for (const auto& h : list(data, "holidays")) {
        const std::string day = str(h, "date");
        const bool removed = flag(h, "removed");
        av::row row;
        row.id = "holiday-" + day;
        row.muted = removed;
        row.cells.push_back({date_text(e, day), {}, {}, {}, false});
        av::cell name;
        name.text = str(h, e.lang == "en" ? "name_en" : "name_ko");
        name.lines = {str(h, e.lang == "en" ? "name_ko" : "name_en")};
        row.cells.push_back(std::move(name));
        row.cells.push_back(
            {e.t(str(h, "source") == "shipped" ? "adm.holiday.shipped" : "adm.holiday.added"),
             {},
             {},
             {},
             false});
        row.cells.push_back(removed ? badge(e.t("adm.holiday.removed"), "off")
                                    : badge(e.t("adm.holiday.closed"), "ok"));
        if (removed) {
            row.buttons.push_back(
                {e.t("adm.holidays.restore"),
                 std::string{holidays_href},
                 {{"date", day}, {"name_ko", str(h, "name_ko")}, {"name_en", str(h, "name_en")}},
                 false,
                 row.id});
        } else {
            row.buttons.push_back({e.t("adm.holidays.remove"),
                                   std::string{holidays_href} + "/" + day + "/delete",
                                   {},
                                   true,
                                   row.id});
        }
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.intro = e.t("adm.holidays.remove_intro");
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    av::section add;
    add.id = "add";
    add.heading = e.t("adm.holidays.add_heading");
    add.forms.push_back(build_form(e.lang,
                                   {"add", "", "adm.holidays.add_intro", std::string{holidays_href},
                                    "adm.holidays.add_submit", holiday_fields},
                                   {}, failed));
    v.sections.push_back(std::move(add));
    return v;
}

void add_holiday_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{holidays_href}, admin_route(r, s, [](env& e) {
              return show(e, holidays_view(e, nullptr), 200, year_href(year_of_page(e)));
          }));
    r.add("POST", std::string{holidays_href}, admin_route(r, s, [](env& e) {
              const auto back = year_href(year_of_page(e));
              return submit(
                  e,
                  {"POST",
                   "/api/v1/holidays",
                   holiday_restore_fields,
                   {},
                   "add",
                   back,
                   "adm.done.holiday_added"},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
    r.add("POST", std::string{holidays_href} + "/{date}/delete", admin_route(r, s, [](env& e) {
              const std::string day{e.ctx.param("date")};
              const auto d = parse_date(day);
              const auto back = d ? year_href(static_cast<int>(date::year_month_day{*d}.year()))
                                  : std::string{holidays_href};
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/holidays/" + path_segment(day),
                   {},
                   {},
                   "row",
                   back,
                   "adm.done.holiday_removed"},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
    r.add("POST", "/staff/admin/holiday-years", admin_route(r, s, [](env& e) {
              const auto back = year_href(year_of_page(e));
              static constexpr auto year_field =
                  std::to_array<field>({{"year", kind::number, "adm.holiday.year"}});
              return submit(
                  e,
                  {"POST",
                   "/api/v1/holiday-years",
                   year_field,
                   {},
                   "year",
                   back,
                   "adm.done.year_declared"},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
    r.add("POST", "/staff/admin/holiday-years/{year}/delete", admin_route(r, s, [](env& e) {
              const std::string year{e.ctx.param("year")};
              const auto back = std::string{holidays_href} + "?year=" + path_segment(year);
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/holiday-years/" + path_segment(year),
                   {},
                   {},
                   "year",
                   back,
                   "adm.done.year_withdrawn"},
                  [&](const failure* f) { return holidays_view(e, f); }, back);
          }));
}

// ---- closures and extra openings -----------------------------------------------------------

constexpr std::string_view closures_href = "/staff/admin/closures";

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
    const std::string from = past ? std::string{} : format_date(today(e));
    const auto closures =
        must_get(e, "/api/v1/closures" + query_string({{"branch", branch}, {"from", from}}));
    av::admin_view v;
    v.heading = e.t("adm.area.closures");
    v.lead = e.t("adm.closures.lead");
    v.areas = areas(e, closures_href);
    v.crumbs = crumbs(e, closures_href, "adm.area.closures");

    av::table t;
    t.caption = past ? e.t("adm.closures.caption_all") : e.t("adm.closures.caption_upcoming");
    t.headers = {e.t("adm.closure.date"), e.t("adm.field.branch"), e.t("adm.closure.kind"),
                 e.t("adm.closure.note")};
    t.empty = e.t("adm.closures.empty");
    t.actions = true;
    for (const auto& c : closures.as_array()) {
        const std::string id = number_text(c, "id");
        const bool opening = flag(c, "extra_opening");
        av::row row;
        row.id = "closure-" + id;
        row.cells.push_back({date_text(e, str(c, "date")), {}, {}, {}, false});
        row.cells.push_back({branch_name(e, str(c, "branch")), {}, {}, {}, false});
        row.cells.push_back(opening ? badge(e.t("adm.closure.opening"), "ok")
                                    : badge(e.t("adm.closure.closed"), "warn"));
        row.cells.push_back({str(c, "note"), {}, {}, {}, false});
        row.buttons.push_back({e.t("adm.action.delete"),
                               std::string{closures_href} + "/" + id + "/delete",
                               {{"view", branch}},
                               true,
                               row.id});
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.links = branch_tabs(e, closures_href, branch);
    const std::string toggle = with_branch(closures_href, branch);
    list.links.push_back({past ? toggle : toggle + (branch.empty() ? "?" : "&") + "past=1",
                          e.t(past ? "adm.closures.hide_past" : "adm.closures.show_past"), false});
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    values cur;
    cur.set("branch", branch);
    cur.options["branch"] = branch_options(e, "adm.form.choose");
    av::section add;
    add.id = "add";
    add.heading = e.t("adm.closures.add_heading");
    add.forms.push_back(build_form(e.lang,
                                   {"add", "", "adm.closures.add_intro", std::string{closures_href},
                                    "adm.closures.add_submit", closure_fields},
                                   cur, failed));
    v.sections.push_back(std::move(add));
    return v;
}

void add_closure_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{closures_href}, admin_route(r, s, [](env& e) {
              return show(e, closures_view(e, nullptr), 200,
                          with_branch(closures_href, e.query("branch")));
          }));
    r.add("POST", std::string{closures_href}, admin_route(r, s, [](env& e) {
              const auto back = with_branch(closures_href, e.posted("branch"));
              return submit(
                  e,
                  {"POST",
                   "/api/v1/closures",
                   closure_fields,
                   {},
                   "add",
                   back,
                   e.form && e.form->has("extra_opening") ? "adm.done.opening_added"
                                                          : "adm.done.closure_added"},
                  [&](const failure* f) { return closures_view(e, f); }, closures_href);
          }));
    r.add("POST", std::string{closures_href} + "/{id}/delete", admin_route(r, s, [](env& e) {
              const auto back = with_branch(closures_href, e.posted("view"));
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/closures/" + path_segment(e.ctx.param("id")),
                   {},
                   {},
                   "row",
                   back,
                   "adm.done.deleted"},
                  [&](const failure* f) { return closures_view(e, f); }, back);
          }));
}

} // namespace

void add_calendar_pages(http::router& r, app::services& s) {
    add_season_pages(r, s);
    add_holiday_pages(r, s);
    add_closure_pages(r, s);
}

} // namespace agrirent::pages::admin
