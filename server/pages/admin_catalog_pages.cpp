// Admin pages of the catalogue (issue 5): branches, machine types, units, discounts, farmer
// categories and the office-wide settings. Every change goes through the administration API
// in-process (admin_pages.cpp explains the pattern); these handlers only lay out what the API
// returns and name the fields of each form.
#include "server/pages/admin_page_support.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

using view_builder = std::function<av::admin_view(const failure*)>;

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : std::string{sep}) + i;
    }
    return out;
}

/// The name in the page's language, the other language's name as a second line.
av::cell name_cell(const env& e, const json::value& o, std::string href = {}) {
    av::cell c;
    const bool en = e.lang == "en";
    c.text = str(o, en ? "name_en" : "name_ko");
    c.lines = {str(o, en ? "name_ko" : "name_en")};
    c.href = std::move(href);
    return c;
}

av::cell state_cell(const env& e, bool active, std::string_view on_key = "adm.state.active",
                    std::string_view off_key = "adm.state.retired") {
    return badge(e.t(active ? on_key : off_key), active ? "ok" : "off");
}

// ---- branches ------------------------------------------------------------------------------

constexpr std::string_view branches_href = "/staff/admin/branches";

constexpr auto branch_edit_fields = std::to_array<field>(
    {{"name_ko", kind::text, "adm.field.name_ko", {}, when_empty::omit, true},
     {"name_en", kind::text, "adm.field.name_en", {}, when_empty::omit, true},
     {"phones", kind::lines, "adm.branch.phones", "adm.branch.phones_hint"},
     {"address_ko", kind::text, "adm.branch.address_ko", {}, when_empty::blank},
     {"address_en", kind::text, "adm.branch.address_en", {}, when_empty::blank},
     {"hours.open", kind::time, "adm.branch.open"},
     {"hours.close", kind::time, "adm.branch.close"},
     {"hours.eve_pickup_from", kind::time, "adm.branch.eve_pickup_from",
      "adm.branch.eve_pickup_from_hint"},
     {"hours.return_by", kind::time, "adm.branch.return_by", "adm.branch.return_by_hint"},
     {"hours.booking_cutoff", kind::time, "adm.branch.booking_cutoff",
      "adm.branch.booking_cutoff_hint"},
     {"horizon_days", kind::number, "adm.branch.horizon_days", "adm.branch.horizon_days_hint"}});
constexpr auto branch_create_fields =
    prepend({"code", kind::text, "adm.field.code", "adm.branch.code_hint", when_empty::omit, true},
            branch_edit_fields);

std::string branch_href(std::string_view code) {
    return std::string{branches_href} + "/" + path_segment(code);
}

values branch_values(const json::value& b) {
    values v;
    v.set("name_ko", str(b, "name_ko")).set("name_en", str(b, "name_en"));
    v.set("phones", joined(strings(b, "phones"), "\n"));
    v.set("address_ko", str(b, "address")).set("address_en", str(b, "address_en"));
    const auto* hours = b.is_object() ? b.get_object().if_contains("hours") : nullptr;
    if (hours != nullptr) {
        for (const char* k : {"open", "close", "eve_pickup_from", "return_by", "booking_cutoff"}) {
            v.set(std::string{"hours."} + k, str(*hours, k));
        }
    }
    v.set("horizon_days", number_text(b, "horizon_days"));
    return v;
}

av::admin_view branches_view(env& e, const failure* failed) {
    const auto branches = must_get(e, "/api/v1/branches");
    av::admin_view v;
    v.heading = e.t("adm.area.branches");
    v.lead = e.t("adm.branches.lead");
    v.areas = areas(e, branches_href);
    v.crumbs = crumbs(e, branches_href, "adm.area.branches");

    av::table t;
    t.caption = e.t("adm.branches.caption");
    t.headers = {e.t("adm.field.code"),   e.t("adm.field.name"),       e.t("adm.branch.phones"),
                 e.t("adm.branch.hours"), e.t("adm.branch.saturdays"), e.t("adm.field.state")};
    t.empty = e.t("adm.branches.empty");
    for (const auto& b : branches.as_array()) {
        const std::string code = str(b, "code");
        const auto& hours = b.as_object().at("hours");
        av::row row;
        row.id = "branch-" + code;
        row.muted = b.as_object().contains("active") && !flag(b, "active");
        row.cells.push_back({code, branch_href(code), {}, {}, false});
        row.cells.push_back(name_cell(e, b));
        row.cells.push_back(
            {joined(strings(b, "phones"), ", "), {}, {str(b, "address")}, {}, false});
        row.cells.push_back(
            {str(hours, "open") + "–" + str(hours, "close"),
             {},
             {e.f("adm.branch.eve_line", {{"time", str(hours, "eve_pickup_from")}}),
              e.f("adm.branch.return_line", {{"time", str(hours, "return_by")}}),
              e.f("adm.branch.cutoff_line", {{"time", str(hours, "booking_cutoff")}}),
              e.f("adm.branch.horizon_line", {{"days", number_text(b, "horizon_days")}})},
             {},
             false});
        av::cell seasons;
        for (const auto& season : list(b, "saturday_seasons")) {
            seasons.lines.push_back(str(season, "from") + " ~ " + str(season, "to"));
        }
        seasons.text = seasons.lines.empty() ? e.t("adm.branch.no_seasons") : std::string{};
        row.cells.push_back(std::move(seasons));
        row.cells.push_back(state_cell(e, !row.muted));
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    av::section add;
    add.id = "add";
    add.heading = e.t("adm.branches.add_heading");
    add.forms.push_back(build_form(e.lang,
                                   {"add", "", "adm.branches.add_intro", std::string{branches_href},
                                    "adm.branches.add_submit", branch_create_fields},
                                   {}, failed));
    v.sections.push_back(std::move(add));
    return v;
}

av::admin_view branch_view(env& e, const std::string& code, const failure* failed) {
    const auto b = must_get(e, "/api/v1/branches/" + path_segment(code));
    const bool active = flag(b, "active");
    const std::string name = str(b, e.lang == "en" ? "name_en" : "name_ko");
    av::admin_view v;
    v.heading = e.f("adm.branches.edit_heading", {{"name", name}, {"code", code}});
    v.areas = areas(e, branches_href);
    v.crumbs = crumbs(e, branches_href, "adm.area.branches", code);

    av::section edit;
    edit.id = "edit";
    edit.links = {
        {"/staff/admin/seasons?branch=" + code, e.t("adm.branches.link_seasons"), false},
        {"/staff/admin/closures?branch=" + code, e.t("adm.branches.link_closures"), false},
        {"/staff/admin/units?branch=" + code, e.t("adm.branches.link_units"), false}};
    edit.forms.push_back(build_form(e.lang,
                                    {"edit", "adm.branches.edit_form", "", branch_href(code),
                                     "adm.form.save", branch_edit_fields},
                                    branch_values(b), failed));
    v.sections.push_back(std::move(edit));

    av::section state;
    state.id = "state";
    state.heading = e.t("adm.field.state");
    state.facts.push_back(
        {e.t("adm.field.state"), e.t(active ? "adm.state.active" : "adm.state.retired"), {}});
    if (active) {
        state.intro = e.t("adm.branches.retire_intro");
        state.buttons.push_back(
            {e.t("adm.branches.retire"), branch_href(code) + "/retire", {}, true, ""});
    } else {
        state.buttons.push_back(
            {e.t("adm.action.reactivate"), branch_href(code) + "/reactivate", {}, false, ""});
    }
    v.sections.push_back(std::move(state));
    return v;
}

void add_branch_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{branches_href}, admin_route(r, s, [](env& e) {
              return show(e, branches_view(e, nullptr), 200, branches_href);
          }));
    r.add("POST", std::string{branches_href}, admin_route(r, s, [](env& e) {
              return submit(
                  e,
                  {"POST",
                   "/api/v1/branches",
                   branch_create_fields,
                   {},
                   "add",
                   std::string{branches_href},
                   "adm.done.branch_added"},
                  [&](const failure* f) { return branches_view(e, f); }, branches_href);
          }));
    const std::string one = std::string{branches_href} + "/{code}";
    r.add("GET", one, admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return show(e, branch_view(e, code, nullptr), 200, branch_href(code));
          }));
    r.add("POST", one, admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/branches/" + path_segment(code),
                   branch_edit_fields,
                   {},
                   "edit",
                   std::string{branches_href},
                   "adm.done.saved"},
                  [&](const failure* f) { return branch_view(e, code, f); }, branch_href(code));
          }));
    r.add("POST", one + "/retire", admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/branches/" + path_segment(code),
                   {},
                   {},
                   "state",
                   std::string{branches_href},
                   "adm.done.retired"},
                  [&](const failure* f) { return branch_view(e, code, f); }, branch_href(code));
          }));
    r.add("POST", one + "/reactivate", admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/branches/" + path_segment(code),
                   {},
                   json::object{{"active", true}},
                   "state",
                   std::string{branches_href},
                   "adm.done.reactivated"},
                  [&](const failure* f) { return branch_view(e, code, f); }, branch_href(code));
          }));
}

// ---- machine types -------------------------------------------------------------------------

constexpr std::string_view types_href = "/staff/admin/types";

constexpr auto type_edit_fields = std::to_array<field>(
    {{"name_ko", kind::text, "adm.field.name_ko", {}, when_empty::omit, true},
     {"name_en", kind::text, "adm.field.name_en", {}, when_empty::omit, true},
     {"daily_fee", kind::number, "adm.type.daily_fee", "adm.type.daily_fee_hint", when_empty::omit,
      true},
     {"max_days", kind::number, "adm.type.max_days", "adm.type.max_days_hint"},
     {"needs_training", kind::checkbox, "adm.type.needs_training", "adm.type.needs_training_hint"},
     {"needs_approval", kind::checkbox, "adm.type.needs_approval", "adm.type.needs_approval_hint"},
     {"checklist", kind::lines, "adm.type.checklist", "adm.type.checklist_hint"}});
constexpr auto type_create_fields =
    prepend({"code", kind::text, "adm.field.code", "adm.type.code_hint", when_empty::omit, true},
            type_edit_fields);

std::string type_href(std::string_view code) {
    return std::string{types_href} + "/" + path_segment(code);
}

std::vector<std::string> type_flags(const env& e, const json::value& t) {
    std::vector<std::string> out;
    if (flag(t, "needs_training")) {
        out.push_back(e.t("adm.type.needs_training"));
    }
    if (flag(t, "needs_approval")) {
        out.push_back(e.t("adm.type.needs_approval"));
    }
    return out;
}

av::admin_view types_view(env& e, const failure* failed) {
    const auto types = must_get(e, "/api/v1/machine-types");
    av::admin_view v;
    v.heading = e.t("adm.area.types");
    v.lead = e.t("adm.types.lead");
    v.areas = areas(e, types_href);
    v.crumbs = crumbs(e, types_href, "adm.area.types");

    av::table t;
    t.caption = e.t("adm.types.caption");
    t.headers = {e.t("adm.field.code"),    e.t("adm.field.name"),      e.t("adm.type.daily_fee"),
                 e.t("adm.type.max_days"), e.t("adm.type.conditions"), e.t("adm.type.checklist"),
                 e.t("adm.field.state")};
    t.empty = e.t("adm.types.empty");
    for (const auto& ty : types.as_array()) {
        const std::string code = str(ty, "code");
        av::row row;
        row.id = "type-" + code;
        row.muted = ty.as_object().contains("active") && !flag(ty, "active");
        row.cells.push_back({code, type_href(code), {}, {}, false});
        row.cells.push_back(name_cell(e, ty));
        row.cells.push_back({money(e, integer(ty, "daily_fee")), {}, {}, {}, true});
        row.cells.push_back(
            {e.f("adm.type.days", {{"days", number_text(ty, "max_days")}}), {}, {}, {}, true});
        auto conditions = type_flags(e, ty);
        row.cells.push_back({conditions.empty() ? e.t("adm.type.no_conditions") : std::string{},
                             {},
                             std::move(conditions),
                             {},
                             false});
        row.cells.push_back({joined(strings(ty, "checklist"), " · "), {}, {}, {}, false});
        row.cells.push_back(state_cell(e, !row.muted));
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    av::section add;
    add.id = "add";
    add.heading = e.t("adm.types.add_heading");
    add.forms.push_back(build_form(
        e.lang,
        {"add", "", "", std::string{types_href}, "adm.types.add_submit", type_create_fields}, {},
        failed));
    v.sections.push_back(std::move(add));
    return v;
}

av::admin_view type_view(env& e, const std::string& code, const failure* failed) {
    const auto ty = must_get(e, "/api/v1/machine-types/" + path_segment(code));
    const bool active = flag(ty, "active");
    av::admin_view v;
    v.heading = e.f("adm.types.edit_heading",
                    {{"name", str(ty, e.lang == "en" ? "name_en" : "name_ko")}, {"code", code}});
    v.areas = areas(e, types_href);
    v.crumbs = crumbs(e, types_href, "adm.area.types", code);

    values cur;
    cur.set("name_ko", str(ty, "name_ko")).set("name_en", str(ty, "name_en"));
    cur.set("daily_fee", number_text(ty, "daily_fee")).set("max_days", number_text(ty, "max_days"));
    cur.check("needs_training", flag(ty, "needs_training"))
        .check("needs_approval", flag(ty, "needs_approval"));
    cur.set("checklist", joined(strings(ty, "checklist"), "\n"));

    av::section edit;
    edit.id = "edit";
    edit.intro = e.t("adm.types.edit_intro");
    edit.links = {{"/staff/admin/units?type=" + code, e.t("adm.types.link_units"), false}};
    edit.forms.push_back(build_form(
        e.lang, {"edit", "", "", type_href(code), "adm.form.save", type_edit_fields}, cur, failed));
    v.sections.push_back(std::move(edit));

    av::section state;
    state.id = "state";
    state.heading = e.t("adm.field.state");
    state.facts.push_back(
        {e.t("adm.field.state"), e.t(active ? "adm.state.active" : "adm.state.retired"), {}});
    if (active) {
        state.intro = e.t("adm.types.retire_intro");
        state.buttons.push_back(
            {e.t("adm.types.retire"), type_href(code) + "/retire", {}, true, ""});
    } else {
        state.buttons.push_back(
            {e.t("adm.action.reactivate"), type_href(code) + "/reactivate", {}, false, ""});
    }
    v.sections.push_back(std::move(state));
    return v;
}

void add_type_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{types_href}, admin_route(r, s, [](env& e) {
              return show(e, types_view(e, nullptr), 200, types_href);
          }));
    r.add("POST", std::string{types_href}, admin_route(r, s, [](env& e) {
              return submit(
                  e,
                  {"POST",
                   "/api/v1/machine-types",
                   type_create_fields,
                   {},
                   "add",
                   std::string{types_href},
                   "adm.done.type_added"},
                  [&](const failure* f) { return types_view(e, f); }, types_href);
          }));
    const std::string one = std::string{types_href} + "/{code}";
    r.add("GET", one, admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return show(e, type_view(e, code, nullptr), 200, type_href(code));
          }));
    r.add("POST", one, admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/machine-types/" + path_segment(code),
                   type_edit_fields,
                   {},
                   "edit",
                   std::string{types_href},
                   "adm.done.saved"},
                  [&](const failure* f) { return type_view(e, code, f); }, type_href(code));
          }));
    r.add("POST", one + "/retire", admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/machine-types/" + path_segment(code),
                   {},
                   {},
                   "state",
                   std::string{types_href},
                   "adm.done.retired"},
                  [&](const failure* f) { return type_view(e, code, f); }, type_href(code));
          }));
    r.add("POST", one + "/reactivate", admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/machine-types/" + path_segment(code),
                   {},
                   json::object{{"active", true}},
                   "state",
                   std::string{types_href},
                   "adm.done.reactivated"},
                  [&](const failure* f) { return type_view(e, code, f); }, type_href(code));
          }));
}

// ---- units ---------------------------------------------------------------------------------

constexpr std::string_view units_href = "/staff/admin/units";

constexpr field unit_filter_fields[] = {
    {"branch", kind::select, "adm.field.branch"},
    {"type", kind::select, "adm.field.type"},
    {"status", kind::select, "adm.unit.status"},
};

constexpr field unit_create_fields[] = {
    {"tag", kind::text, "adm.unit.tag", "adm.unit.tag_hint", when_empty::omit, true},
    {"type", kind::select, "adm.field.type", {}, when_empty::omit, true},
    {"branch", kind::select, "adm.field.branch", {}, when_empty::omit, true},
    {"hour_meter", kind::decimal, "adm.unit.hour_meter", "adm.unit.hour_meter_hint"},
    {"notes", kind::textarea, "adm.unit.notes", {}, when_empty::blank},
};

constexpr field unit_edit_fields[] = {
    {"hour_meter", kind::decimal, "adm.unit.hour_meter", "adm.unit.hour_meter_hint"},
    {"notes", kind::textarea, "adm.unit.notes", {}, when_empty::blank},
};

constexpr field unit_transfer_fields[] = {
    {"branch", kind::select, "adm.unit.transfer_to", {}, when_empty::omit, true},
};

constexpr std::string_view unit_statuses[] = {"available", "out", "cleaning", "maintenance",
                                              "retired"};

std::string unit_href(std::string_view tag) {
    return std::string{units_href} + "/" + path_segment(tag);
}

av::cell unit_status_cell(const env& e, std::string_view status) {
    const std::string kind_of = status == "available"                        ? "ok"
                                : status == "retired"                        ? "off"
                                : status == "maintenance" || status == "out" ? "warn"
                                                                             : "info";
    return badge(e.t("adm.unit_status." + std::string{status}), kind_of);
}

av::admin_view units_view(env& e, const failure* failed) {
    const std::string branch{e.query("branch")};
    const std::string type{e.query("type")};
    const std::string status{e.query("status")};
    av::admin_view v;
    v.heading = e.t("adm.area.units");
    v.lead = e.t("adm.units.lead");
    v.areas = areas(e, units_href);
    v.crumbs = crumbs(e, units_href, "adm.area.units");

    // The filter is a GET form: a refused filter shows beside its field like a refused POST.
    const auto typed = query_form(e.ctx);
    auto res = e.api.get("/api/v1/units" +
                         query_string({{"branch", branch}, {"type", type}, {"status", status}}));
    std::optional<failure> filter_failed;
    if (!res.ok()) {
        if (!res.refused()) {
            throw std::runtime_error("GET /api/v1/units: " + std::to_string(res.status));
        }
        filter_failed = failure{"filter", &typed, res};
        v.error = refusal_text(e.lang, res);
    }

    values filter;
    filter.set("branch", branch).set("type", type).set("status", status);
    filter.options["branch"] = branch_options(e, "adm.filter.all_branches", false);
    filter.options["type"] = type_options(e, "adm.filter.all_types", false);
    auto& st = filter.options["status"];
    st.push_back({"", e.t("adm.filter.all_statuses"), false});
    for (const auto code : unit_statuses) {
        st.push_back({std::string{code}, e.t("adm.unit_status." + std::string{code}), false});
    }
    form_spec filter_spec{"filter",          "", "", std::string{units_href}, "adm.filter.show",
                          unit_filter_fields};
    filter_spec.get = true;
    filter_spec.compact = true;
    auto filter_form =
        build_form(e.lang, filter_spec, filter, filter_failed ? &*filter_failed : nullptr);
    filter_form.reset_href = std::string{units_href};
    filter_form.reset_label = e.t("adm.filter.reset");

    av::table t;
    t.caption = e.t("adm.units.caption");
    t.headers = {e.t("adm.unit.tag"),    e.t("adm.field.type"),      e.t("adm.field.branch"),
                 e.t("adm.unit.status"), e.t("adm.unit.hour_meter"), e.t("adm.unit.notes")};
    t.empty = e.t("adm.units.empty");
    if (res.ok()) {
        for (const auto& u : res.body.as_array()) {
            const std::string tag = str(u, "tag");
            av::row row;
            row.id = "unit-" + tag;
            row.muted = str(u, "status") == "retired";
            row.cells.push_back({tag, unit_href(tag), {}, {}, false});
            row.cells.push_back({type_name(e, str(u, "type")), {}, {}, {}, false});
            row.cells.push_back({branch_name(e, str(u, "branch")), {}, {}, {}, false});
            row.cells.push_back(unit_status_cell(e, str(u, "status")));
            row.cells.push_back({number_text(u, "hour_meter"), {}, {}, {}, true});
            row.cells.push_back({str(u, "notes"), {}, {}, {}, false});
            t.rows.push_back(std::move(row));
        }
    }
    av::section list;
    list.id = "list";
    list.forms.push_back(std::move(filter_form));
    v.sections.push_back(std::move(list));
    av::section table_section;
    table_section.id = "units";
    table_section.tables.push_back(std::move(t));
    v.sections.push_back(std::move(table_section));

    values add_values;
    add_values.set("branch", branch).set("type", type);
    add_values.options["branch"] = branch_options(e, "adm.form.choose");
    add_values.options["type"] = type_options(e, "adm.form.choose");
    av::section add;
    add.id = "add";
    add.heading = e.t("adm.units.add_heading");
    add.forms.push_back(build_form(
        e.lang,
        {"add", "", "", std::string{units_href}, "adm.units.add_submit", unit_create_fields},
        add_values, failed));
    v.sections.push_back(std::move(add));
    return v;
}

av::admin_view unit_view(env& e, const std::string& tag, const failure* failed) {
    const auto all = must_get(e, "/api/v1/units");
    const json::value* unit = nullptr;
    for (const auto& u : all.as_array()) {
        if (str(u, "tag") == tag) {
            unit = &u;
        }
    }
    if (unit == nullptr) {
        throw not_found{};
    }
    const auto& u = *unit;
    const std::string status = str(u, "status");
    av::admin_view v;
    v.heading = e.f("adm.units.edit_heading", {{"tag", tag}});
    v.areas = areas(e, units_href);
    v.crumbs = crumbs(e, units_href, "adm.area.units", tag);

    av::section facts;
    facts.id = "facts";
    facts.facts = {{e.t("adm.field.type"), type_name(e, str(u, "type")), {}},
                   {e.t("adm.field.branch"), branch_name(e, str(u, "branch")), {}},
                   {e.t("adm.unit.status"), e.t("adm.unit_status." + status), {}},
                   {e.t("adm.unit.hour_meter"), number_text(u, "hour_meter"), {}}};
    v.sections.push_back(std::move(facts));

    values cur;
    cur.set("hour_meter", number_text(u, "hour_meter")).set("notes", str(u, "notes"));
    av::section edit;
    edit.id = "edit";
    edit.heading = e.t("adm.units.edit_form");
    edit.forms.push_back(build_form(
        e.lang, {"edit", "", "", unit_href(tag), "adm.form.save", unit_edit_fields}, cur, failed));
    v.sections.push_back(std::move(edit));

    if (status != "retired") {
        values to;
        to.options["branch"] = branch_options(e, "adm.form.choose");
        std::erase_if(to.options["branch"],
                      [&](const av::option& o) { return o.value == str(u, "branch"); });
        av::section transfer;
        transfer.id = "transfer";
        transfer.heading = e.t("adm.units.transfer_heading");
        transfer.forms.push_back(
            build_form(e.lang,
                       {"transfer", "", "adm.units.transfer_intro", unit_href(tag) + "/transfer",
                        "adm.units.transfer", unit_transfer_fields},
                       to, failed));
        v.sections.push_back(std::move(transfer));

        av::section retire;
        retire.id = "retire";
        retire.heading = e.t("adm.units.retire_heading");
        retire.intro = e.t("adm.units.retire_intro");
        retire.buttons.push_back(
            {e.t("adm.units.retire"), unit_href(tag) + "/retire", {}, true, ""});
        v.sections.push_back(std::move(retire));
    }
    return v;
}

void add_unit_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{units_href}, admin_route(r, s, [](env& e) {
              auto v = units_view(e, nullptr);
              const int status = v.error.empty() ? 200 : 400;
              return show(e, std::move(v), status, units_href);
          }));
    r.add("POST", std::string{units_href}, admin_route(r, s, [](env& e) {
              return submit(
                  e,
                  {"POST",
                   "/api/v1/units",
                   unit_create_fields,
                   {},
                   "add",
                   std::string{units_href},
                   "adm.done.unit_added"},
                  [&](const failure* f) { return units_view(e, f); }, units_href);
          }));
    const std::string one = std::string{units_href} + "/{tag}";
    r.add("GET", one, admin_route(r, s, [](env& e) {
              const std::string tag{e.ctx.param("tag")};
              return show(e, unit_view(e, tag, nullptr), 200, unit_href(tag));
          }));
    r.add("POST", one, admin_route(r, s, [](env& e) {
              const std::string tag{e.ctx.param("tag")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/units/" + path_segment(tag),
                   unit_edit_fields,
                   {},
                   "edit",
                   unit_href(tag),
                   "adm.done.saved"},
                  [&](const failure* f) { return unit_view(e, tag, f); }, unit_href(tag));
          }));
    r.add("POST", one + "/transfer", admin_route(r, s, [](env& e) {
              const std::string tag{e.ctx.param("tag")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/units/" + path_segment(tag),
                   unit_transfer_fields,
                   {},
                   "transfer",
                   unit_href(tag),
                   "adm.done.unit_transferred"},
                  [&](const failure* f) { return unit_view(e, tag, f); }, unit_href(tag));
          }));
    r.add("POST", one + "/retire", admin_route(r, s, [](env& e) {
              const std::string tag{e.ctx.param("tag")};
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/units/" + path_segment(tag),
                   {},
                   {},
                   "retire",
                   std::string{units_href},
                   "adm.done.retired"},
                  [&](const failure* f) { return unit_view(e, tag, f); }, unit_href(tag));
          }));
}

// ---- discounts -----------------------------------------------------------------------------

constexpr std::string_view discounts_href = "/staff/admin/discounts";

constexpr auto discount_create_fields = std::to_array<field>(
    {{"name_ko", kind::text, "adm.field.name_ko", {}, when_empty::omit, true},
     {"name_en", kind::text, "adm.field.name_en", {}, when_empty::omit, true},
     {"percent", kind::number, "adm.discount.percent", "adm.discount.percent_hint",
      when_empty::omit, true},
     {"from", kind::date, "adm.discount.from", {}, when_empty::omit, true},
     {"to", kind::date, "adm.discount.to", {}, when_empty::omit, true},
     {"branches", kind::multi, "adm.discount.branches", "adm.discount.branches_hint"},
     {"types", kind::multi, "adm.discount.types", "adm.discount.types_hint"}});
constexpr auto discount_edit_fields =
    append(discount_create_fields,
           {"active", kind::checkbox, "adm.discount.active", "adm.discount.active_hint"});

std::string discount_href(std::string_view id) {
    return std::string{discounts_href} + "/" + path_segment(id);
}

std::string names_of(const env& e, const std::vector<std::string>& codes, bool branches,
                     std::string_view all_key) {
    if (codes.empty()) {
        return e.t(all_key);
    }
    std::string out;
    for (const auto& c : codes) {
        out += (out.empty() ? "" : ", ") + (branches ? branch_name(e, c) : type_name(e, c));
    }
    return out;
}

values discount_options(const env& e) {
    values v;
    v.options["branches"] = branch_options(e, {}, false);
    v.options["types"] = type_options(e, {}, false);
    return v;
}

av::admin_view discounts_view(env& e, const failure* failed) {
    const auto discounts = must_get(e, "/api/v1/discounts");
    av::admin_view v;
    v.heading = e.t("adm.area.discounts");
    v.lead = e.t("adm.discounts.lead");
    v.areas = areas(e, discounts_href);
    v.crumbs = crumbs(e, discounts_href, "adm.area.discounts");

    av::table t;
    t.caption = e.t("adm.discounts.caption");
    t.headers = {e.t("adm.field.name"),      e.t("adm.discount.percent"),
                 e.t("adm.discount.period"), e.t("adm.discount.branches"),
                 e.t("adm.discount.types"),  e.t("adm.field.state")};
    t.empty = e.t("adm.discounts.empty");
    t.actions = true;
    for (const auto& d : discounts.as_array()) {
        const std::string id = number_text(d, "id");
        const bool active = flag(d, "active");
        av::row row;
        row.id = "discount-" + id;
        row.muted = !active;
        row.cells.push_back(name_cell(e, d, discount_href(id)));
        row.cells.push_back({number_text(d, "percent") + "%", {}, {}, {}, true});
        row.cells.push_back(
            {date_text(e, str(d, "from")), {}, {"~ " + date_text(e, str(d, "to"))}, {}, false});
        row.cells.push_back({names_of(e, strings(d, "branches"), true, "adm.discount.all_branches"),
                             {},
                             {},
                             {},
                             false});
        row.cells.push_back(
            {names_of(e, strings(d, "types"), false, "adm.discount.all_types"), {}, {}, {}, false});
        row.cells.push_back(state_cell(e, active, "adm.state.in_use", "adm.state.stopped"));
        if (active) {
            row.buttons.push_back({e.t("adm.discounts.deactivate"),
                                   discount_href(id) + "/deactivate",
                                   {},
                                   true,
                                   "discount-" + id});
        }
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    av::section add;
    add.id = "add";
    add.heading = e.t("adm.discounts.add_heading");
    add.forms.push_back(build_form(e.lang,
                                   {"add", "", "", std::string{discounts_href},
                                    "adm.discounts.add_submit", discount_create_fields},
                                   discount_options(e), failed));
    v.sections.push_back(std::move(add));
    return v;
}

av::admin_view discount_view(env& e, const std::string& id, const failure* failed) {
    const auto discounts = must_get(e, "/api/v1/discounts");
    const json::value* found = nullptr;
    for (const auto& d : discounts.as_array()) {
        if (number_text(d, "id") == id) {
            found = &d;
        }
    }
    if (found == nullptr) {
        throw not_found{};
    }
    const auto& d = *found;
    av::admin_view v;
    v.heading = e.f("adm.discounts.edit_heading",
                    {{"name", str(d, e.lang == "en" ? "name_en" : "name_ko")}});
    v.areas = areas(e, discounts_href);
    v.crumbs = crumbs(e, discounts_href, "adm.area.discounts", str(d, "name_" + e.lang));

    values cur = discount_options(e);
    cur.set("name_ko", str(d, "name_ko")).set("name_en", str(d, "name_en"));
    cur.set("percent", number_text(d, "percent"));
    cur.set("from", str(d, "from")).set("to", str(d, "to"));
    cur.multi["branches"] = strings(d, "branches");
    cur.multi["types"] = strings(d, "types");
    cur.check("active", flag(d, "active"));

    av::section edit;
    edit.id = "edit";
    edit.intro = e.t("adm.discounts.edit_intro");
    edit.forms.push_back(build_form(
        e.lang, {"edit", "", "", discount_href(id), "adm.form.save", discount_edit_fields}, cur,
        failed));
    v.sections.push_back(std::move(edit));
    return v;
}

void add_discount_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{discounts_href}, admin_route(r, s, [](env& e) {
              return show(e, discounts_view(e, nullptr), 200, discounts_href);
          }));
    r.add("POST", std::string{discounts_href}, admin_route(r, s, [](env& e) {
              return submit(
                  e,
                  {"POST",
                   "/api/v1/discounts",
                   discount_create_fields,
                   {},
                   "add",
                   std::string{discounts_href},
                   "adm.done.discount_added"},
                  [&](const failure* f) { return discounts_view(e, f); }, discounts_href);
          }));
    const std::string one = std::string{discounts_href} + "/{id}";
    r.add("GET", one, admin_route(r, s, [](env& e) {
              const std::string id{e.ctx.param("id")};
              return show(e, discount_view(e, id, nullptr), 200, discount_href(id));
          }));
    r.add("POST", one, admin_route(r, s, [](env& e) {
              const std::string id{e.ctx.param("id")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/discounts/" + path_segment(id),
                   discount_edit_fields,
                   {},
                   "edit",
                   std::string{discounts_href},
                   "adm.done.saved"},
                  [&](const failure* f) { return discount_view(e, id, f); }, discount_href(id));
          }));
    r.add("POST", one + "/deactivate", admin_route(r, s, [](env& e) {
              const std::string id{e.ctx.param("id")};
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/discounts/" + path_segment(id),
                   {},
                   {},
                   "row",
                   std::string{discounts_href},
                   "adm.done.deactivated"},
                  [&](const failure* f) { return discounts_view(e, f); }, discounts_href);
          }));
}

// ---- farmer categories ---------------------------------------------------------------------

constexpr std::string_view categories_href = "/staff/admin/categories";

constexpr auto category_edit_fields =
    std::to_array<field>({{"name_ko", kind::text, "adm.field.name_ko", {}, when_empty::omit, true},
                          {"name_en", kind::text, "adm.field.name_en", {}, when_empty::omit, true},
                          {"percent", kind::number, "adm.category.percent",
                           "adm.category.percent_hint", when_empty::omit, true}});
constexpr auto category_create_fields = prepend(
    {"code", kind::text, "adm.field.code", "adm.category.code_hint", when_empty::omit, true},
    category_edit_fields);

std::string category_href(std::string_view code) {
    return std::string{categories_href} + "/" + path_segment(code);
}

std::string adjustment_text(const env& e, std::int64_t percent) {
    if (percent < 0) {
        return e.f("adm.category.surcharge", {{"pct", std::to_string(-percent)}});
    }
    return e.f("adm.category.reduction", {{"pct", std::to_string(percent)}});
}

av::admin_view categories_view(env& e, const failure* failed) {
    const auto categories = must_get(e, "/api/v1/farmer-categories");
    av::admin_view v;
    v.heading = e.t("adm.area.categories");
    v.lead = e.t("adm.categories.lead");
    v.areas = areas(e, categories_href);
    v.crumbs = crumbs(e, categories_href, "adm.area.categories");

    av::table t;
    t.caption = e.t("adm.categories.caption");
    t.headers = {e.t("adm.field.code"), e.t("adm.field.name"), e.t("adm.category.percent")};
    t.empty = e.t("adm.categories.empty");
    t.actions = true;
    for (const auto& c : categories.as_array()) {
        const std::string code = str(c, "code");
        av::row row;
        row.id = "category-" + code;
        row.cells.push_back({code, category_href(code), {}, {}, false});
        row.cells.push_back(name_cell(e, c));
        row.cells.push_back({adjustment_text(e, integer(c, "percent")), {}, {}, {}, false});
        row.buttons.push_back(
            {e.t("adm.action.delete"), category_href(code) + "/delete", {}, true, row.id});
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.intro = e.t("adm.categories.delete_intro");
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    av::section add;
    add.id = "add";
    add.heading = e.t("adm.categories.add_heading");
    add.forms.push_back(build_form(e.lang,
                                   {"add", "", "", std::string{categories_href},
                                    "adm.categories.add_submit", category_create_fields},
                                   {}, failed));
    v.sections.push_back(std::move(add));
    return v;
}

av::admin_view category_view(env& e, const std::string& code, const failure* failed) {
    const auto categories = must_get(e, "/api/v1/farmer-categories");
    const json::value* found = nullptr;
    for (const auto& c : categories.as_array()) {
        if (str(c, "code") == code) {
            found = &c;
        }
    }
    if (found == nullptr) {
        throw not_found{};
    }
    const auto& c = *found;
    av::admin_view v;
    v.heading = e.f("adm.categories.edit_heading",
                    {{"name", str(c, e.lang == "en" ? "name_en" : "name_ko")}, {"code", code}});
    v.areas = areas(e, categories_href);
    v.crumbs = crumbs(e, categories_href, "adm.area.categories", code);

    values cur;
    cur.set("name_ko", str(c, "name_ko")).set("name_en", str(c, "name_en"));
    cur.set("percent", number_text(c, "percent"));
    av::section edit;
    edit.id = "edit";
    edit.intro = e.t("adm.categories.edit_intro");
    edit.forms.push_back(build_form(
        e.lang, {"edit", "", "", category_href(code), "adm.form.save", category_edit_fields}, cur,
        failed));
    v.sections.push_back(std::move(edit));

    av::section remove;
    remove.id = "delete";
    remove.heading = e.t("adm.action.delete");
    remove.intro = e.t("adm.categories.delete_intro");
    remove.buttons.push_back(
        {e.t("adm.action.delete"), category_href(code) + "/delete", {}, true, ""});
    v.sections.push_back(std::move(remove));
    return v;
}

void add_category_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{categories_href}, admin_route(r, s, [](env& e) {
              return show(e, categories_view(e, nullptr), 200, categories_href);
          }));
    r.add("POST", std::string{categories_href}, admin_route(r, s, [](env& e) {
              return submit(
                  e,
                  {"POST",
                   "/api/v1/farmer-categories",
                   category_create_fields,
                   {},
                   "add",
                   std::string{categories_href},
                   "adm.done.category_added"},
                  [&](const failure* f) { return categories_view(e, f); }, categories_href);
          }));
    const std::string one = std::string{categories_href} + "/{code}";
    r.add("GET", one, admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return show(e, category_view(e, code, nullptr), 200, category_href(code));
          }));
    r.add("POST", one, admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/farmer-categories/" + path_segment(code),
                   category_edit_fields,
                   {},
                   "edit",
                   std::string{categories_href},
                   "adm.done.saved"},
                  [&](const failure* f) { return category_view(e, code, f); }, category_href(code));
          }));
    r.add("POST", one + "/delete", admin_route(r, s, [](env& e) {
              const std::string code{e.ctx.param("code")};
              return submit(
                  e,
                  {"DELETE",
                   "/api/v1/farmer-categories/" + path_segment(code),
                   {},
                   {},
                   "row",
                   std::string{categories_href},
                   "adm.done.deleted"},
                  [&](const failure* f) { return categories_view(e, f); }, categories_href);
          }));
}

// ---- settings ------------------------------------------------------------------------------

constexpr std::string_view settings_href = "/staff/admin/settings";

// The keys of PATCH /api/v1/settings (server/api/admin_catalog_api.cpp setting_defs).
constexpr field settings_fields[] = {
    {"max_live", kind::number, "adm.setting.max_live", "adm.setting.max_live_hint"},
    {"late_grace_minutes", kind::number, "adm.setting.late_grace_minutes",
     "adm.setting.late_grace_minutes_hint"},
    {"late_multiplier_pct", kind::number, "adm.setting.late_multiplier_pct",
     "adm.setting.late_multiplier_pct_hint"},
    {"strikes_to_suspend", kind::number, "adm.setting.strikes_to_suspend",
     "adm.setting.strikes_to_suspend_hint"},
    {"strike_window_months", kind::number, "adm.setting.strike_window_months",
     "adm.setting.strike_window_months_hint"},
    {"suspension_months", kind::number, "adm.setting.suspension_months",
     "adm.setting.suspension_months_hint"},
    {"public_rate_per_minute", kind::number, "adm.setting.public_rate_per_minute",
     "adm.setting.public_rate_per_minute_hint"},
    {"login_failures_per_account", kind::number, "adm.setting.login_failures_per_account",
     "adm.setting.login_failures_per_account_hint"},
    {"login_failures_per_address", kind::number, "adm.setting.login_failures_per_address",
     "adm.setting.login_failures_per_address_hint"},
    {"login_window_minutes", kind::number, "adm.setting.login_window_minutes",
     "adm.setting.login_window_minutes_hint"},
    {"session_idle_minutes", kind::number, "adm.setting.session_idle_minutes",
     "adm.setting.session_idle_minutes_hint"},
    {"session_absolute_hours", kind::number, "adm.setting.session_absolute_hours",
     "adm.setting.session_absolute_hours_hint"},
};

av::admin_view settings_view(env& e, const failure* failed) {
    const auto current = must_get(e, "/api/v1/settings");
    av::admin_view v;
    v.heading = e.t("adm.area.settings");
    v.lead = e.t("adm.settings.lead");
    v.areas = areas(e, settings_href);
    v.crumbs = crumbs(e, settings_href, "adm.area.settings");
    values cur;
    for (const auto& f : settings_fields) {
        cur.set(std::string{f.name}, number_text(current, f.name));
    }
    av::section form;
    form.id = "settings";
    form.forms.push_back(build_form(
        e.lang, {"settings", "", "", std::string{settings_href}, "adm.form.save", settings_fields},
        cur, failed));
    v.sections.push_back(std::move(form));
    return v;
}

void add_settings_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{settings_href}, admin_route(r, s, [](env& e) {
              return show(e, settings_view(e, nullptr), 200, settings_href);
          }));
    r.add("POST", std::string{settings_href}, admin_route(r, s, [](env& e) {
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/settings",
                   settings_fields,
                   {},
                   "settings",
                   std::string{settings_href},
                   "adm.done.saved"},
                  [&](const failure* f) { return settings_view(e, f); }, settings_href);
          }));
}

} // namespace

void add_catalog_pages(http::router& r, app::services& s) {
    add_branch_pages(r, s);
    add_type_pages(r, s);
    add_unit_pages(r, s);
    add_discount_pages(r, s);
    add_category_pages(r, s);
    add_settings_pages(r, s);
}

} // namespace agrirent::pages::admin
