// Admin pages of the catalogue (issue 5): branches, machine types, units, discounts, farmer
// categories and the office-wide settings. Every change is the posted form decoded as the API
// decodes it, then the catalogue service (server/app/admin_catalog.hpp; admin_pages.cpp
// explains the pattern); these handlers lay out what the services return, in the API's JSON
// shapes (server/codec/admin_json.hpp), and name the fields of each form.
#include "server/app/admin_catalog.hpp"
#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/pages/admin_page_support.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

namespace svc = app::admin;
namespace codec = agrirent::codec::admin;

/// The page of a branch or machine type: its edit form, retire and reactivate (each back to
/// the list, a refusal on the item's page); `update` and `retire` are their services.
std::vector<item_action> retirable_actions(std::span<const field> edit_fields, item_op update,
                                           item_op retire) {
    return {{.method = "PATCH",
             .fields = edit_fields,
             .form_id = "edit",
             .done_key = "adm.done.saved",
             .op = update},
            {.suffix = "/retire",
             .method = "DELETE",
             .form_id = "state",
             .done_key = "adm.done.retired",
             .op = retire},
            {.suffix = "/reactivate",
             .method = "PATCH",
             .extra = json::object{{"active", true}},
             .form_id = "state",
             .done_key = "adm.done.reactivated",
             .op = update}};
}

json::value nothing(const auto&) {
    return nullptr;
}

// ---- the changes: the API's decoder, then the service ------------------------------------

json::value branch_shape(const svc::in_catalog<app::branch_info>& b) {
    return codec::branch_admin_json(*b);
}
json::value type_shape(const svc::in_catalog<app::type_info>& t) {
    return codec::type_admin_json(*t);
}
json::value unit_shape(const storage::unit_record& u) {
    return codec::unit_json(u);
}
json::value discount_shape(const storage::discount_record& d) {
    return codec::discount_json(d);
}
json::value category_shape(const storage::category_record& c) {
    return codec::category_json(c);
}

api_result create_branch(env& e, const json::object& body) {
    const auto in = codec::decode_branch_create(body);
    return outcome_of(e, svc::create_branch(e.s, e.who(), in), branch_shape);
}
api_result update_branch(env& e, const std::string& code, const json::object& body) {
    const auto in = codec::decode_branch_update(body);
    return outcome_of(e, svc::update_branch(e.s, e.who(), code, in), branch_shape);
}
api_result retire_branch(env& e, const std::string& code, const json::object&) {
    return outcome_of(e, svc::retire_branch(e.s, e.who(), code), branch_shape);
}
api_result create_type(env& e, const json::object& body) {
    const auto in = codec::decode_type_create(body);
    return outcome_of(e, svc::create_type(e.s, e.who(), in), type_shape);
}
api_result update_type(env& e, const std::string& code, const json::object& body) {
    const auto in = codec::decode_type_update(body);
    return outcome_of(e, svc::update_type(e.s, e.who(), code, in), type_shape);
}
api_result retire_type(env& e, const std::string& code, const json::object&) {
    return outcome_of(e, svc::retire_type(e.s, e.who(), code), type_shape);
}
api_result create_unit(env& e, const json::object& body) {
    const auto in = codec::decode_unit_create(body);
    return outcome_of(e, svc::create_unit(e.s, e.who(), in), unit_shape);
}
api_result update_unit(env& e, const std::string& tag, const json::object& body) {
    const auto in = codec::decode_unit_update(body);
    return outcome_of(e, svc::update_unit(e.s, e.who(), tag, in), unit_shape);
}
api_result retire_unit(env& e, const std::string& tag, const json::object&) {
    return outcome_of(e, svc::retire_unit(e.s, e.who(), tag), unit_shape);
}
api_result create_discount(env& e, const json::object& body) {
    const auto in = codec::decode_discount_create(body);
    return outcome_of(e, svc::create_discount(e.s, e.who(), in), discount_shape);
}
api_result update_discount(env& e, const std::string& id, const json::object& body) {
    const auto in = codec::decode_discount_update(body);
    return outcome_of(e, svc::update_discount(e.s, e.who(), id, in), discount_shape);
}
api_result deactivate_discount(env& e, const std::string& id, const json::object&) {
    return outcome_of(e, svc::deactivate_discount(e.s, e.who(), id), discount_shape);
}
api_result create_category(env& e, const json::object& body) {
    const auto in = codec::decode_category_create(body);
    return outcome_of(e, svc::create_category(e.s, e.who(), in), category_shape);
}
api_result update_category(env& e, const std::string& code, const json::object& body) {
    const auto in = codec::decode_category_update(body);
    return outcome_of(e, svc::update_category(e.s, e.who(), code, in), category_shape);
}
api_result delete_category(env& e, const std::string& code, const json::object&) {
    return outcome_of(e, svc::delete_category(e.s, e.who(), code),
                      [](const auto& c) { return nothing(c); });
}
api_result update_settings(env& e, const json::object& body) {
    const auto values = codec::decode_settings(body);
    return outcome_of(e, svc::update_settings(e.s, e.who(), values),
                      [](const auto& c) { return json::value(codec::settings_json(c)); });
}

// ---- branches ------------------------------------------------------------------------------

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
     {"horizon_days", kind::number, "adm.branch.horizon_days", "adm.branch.horizon_days_hint"},
     // Half days (issue 14, DOMAIN.md §11): the branch's two slots.
     {"half_day_slots.am.from", kind::time, "adm.branch.half_am_from", "adm.branch.half_hint"},
     {"half_day_slots.am.to", kind::time, "adm.branch.half_am_to"},
     {"half_day_slots.pm.from", kind::time, "adm.branch.half_pm_from"},
     {"half_day_slots.pm.to", kind::time, "adm.branch.half_pm_to"}});
// Delivery (issue 15, DOMAIN.md §15): its own form on the branch's page, sent as the branch
// API's `delivery` object; "stop delivering" sends `delivery: null`.
constexpr auto branch_delivery_fields =
    std::to_array<field>({{"delivery.area", kind::lines, "adm.branch.delivery_area",
                           "adm.branch.delivery_area_hint", when_empty::omit, true},
                          {"delivery.one_way_fee",
                           kind::number,
                           "adm.branch.delivery_one_way_fee",
                           {},
                           when_empty::omit,
                           true},
                          {"delivery.round_trip_fee",
                           kind::number,
                           "adm.branch.delivery_round_trip_fee",
                           {},
                           when_empty::omit,
                           true},
                          {"delivery.lead_days", kind::number, "adm.branch.delivery_lead_days",
                           "adm.branch.delivery_lead_days_hint"},
                          {"delivery.hours.from", kind::time, "adm.branch.delivery_from"},
                          {"delivery.hours.to", kind::time, "adm.branch.delivery_to"}});
constexpr auto branch_create_fields =
    prepend({"code", kind::text, "adm.field.code", "adm.branch.code_hint", when_empty::omit, true},
            branch_edit_fields);

/// "배달: 임곡동, 본량동 · 20000 / 40000원 · 3일 전" or "배달 안 함".
std::string delivery_line(const env& e, const json::value& d) {
    if (!d.is_object()) {
        return e.t("adm.branch.no_delivery");
    }
    return e.f("adm.branch.delivery_line", {{"area", joined(strings(d, "area"), ", ")},
                                            {"one_way", number_text(d, "one_way_fee")},
                                            {"round_trip", number_text(d, "round_trip_fee")},
                                            {"lead_days", number_text(d, "lead_days")}});
}

av::admin_view branches_view(env& e, const failure* failed) {
    json::array branches;
    for (const auto& b : *svc::all_branches(e.s)) {
        branches.push_back(codec::branch_admin_json(b));
    }
    auto v = area_page(e, branches_area);

    auto t = list_table(e, e.t("adm.branches.caption"),
                        {"adm.field.code", "adm.field.name", "adm.branch.phones",
                         "adm.branch.hours", "adm.branch.saturdays", "adm.field.state"},
                        "adm.branches.empty");
    for (const json::value& b : branches) {
        const std::string code = str(b, "code");
        const auto& hours = b.as_object().at("hours");
        av::row row;
        row.id = "branch-" + code;
        row.muted = b.as_object().contains("active") && !flag(b, "active");
        row.cells.push_back({.text = code, .href = item_href(branches_area.href, code)});
        row.cells.push_back(name_cell(e, b));
        row.cells.push_back(
            {.text = joined(strings(b, "phones"), ", "), .lines = {str(b, "address")}});
        row.cells.push_back(
            {.text = str(hours, "open") + "–" + str(hours, "close"),
             .lines = {e.f("adm.branch.eve_line", {{"time", str(hours, "eve_pickup_from")}}),
                       e.f("adm.branch.return_line", {{"time", str(hours, "return_by")}}),
                       e.f("adm.branch.cutoff_line", {{"time", str(hours, "booking_cutoff")}}),
                       e.f("adm.branch.horizon_line", {{"days", number_text(b, "horizon_days")}}),
                       delivery_line(e, b.as_object().at("delivery"))}});
        av::cell seasons;
        for (const auto& season : list(b, "saturday_seasons")) {
            seasons.lines.push_back(str(season, "from") + " ~ " + str(season, "to"));
        }
        seasons.text = seasons.lines.empty() ? e.t("adm.branch.no_seasons") : std::string{};
        row.cells.push_back(std::move(seasons));
        row.cells.push_back(state_cell(e, !row.muted));
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "list", .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, branches_area, "adm.branches.add_heading",
                                     "adm.branches.add_intro", "adm.branches.add_submit",
                                     branch_create_fields, {}, failed));
    return v;
}

av::admin_view branch_view(env& e, const std::string& code, const failure* failed) {
    const auto b = must(svc::branch_detail(e.s, code), branch_shape);
    const std::string href = item_href(branches_area.href, code);
    auto v = item_page(
        e, branches_area,
        e.f("adm.branches.edit_heading", {{"name", local_name(e, b)}, {"code", code}}), code);
    // The API answers the Korean address as "address".
    const auto current = values_of(branch_edit_fields, b).set("address_ko", str(b, "address"));
    v.sections.push_back(
        {.id = "edit",
         .links = {{"/staff/admin/seasons?branch=" + code, e.t("adm.branches.link_seasons"), false},
                   {"/staff/admin/closures?branch=" + code, e.t("adm.branches.link_closures"),
                    false},
                   {"/staff/admin/units?branch=" + code, e.t("adm.branches.link_units"), false}},
         .forms = {build_form(
             e.lang,
             {"edit", "adm.branches.edit_form", "", href, "adm.form.save", branch_edit_fields},
             current, failed)}});
    av::section delivery{.id = "delivery",
                         .heading = e.t("adm.branches.delivery_heading"),
                         .intro = e.t("adm.branches.delivery_intro")};
    delivery.facts.push_back(
        {e.t("adm.branches.delivery_heading"), delivery_line(e, b.as_object().at("delivery")), {}});
    delivery.forms.push_back(
        build_form(e.lang,
                   {"delivery", "adm.branches.delivery_form", "", href + "/delivery",
                    "adm.form.save", branch_delivery_fields},
                   values_of(branch_delivery_fields, b), failed));
    if (b.as_object().at("delivery").is_object()) {
        delivery.buttons.push_back(
            {e.t("adm.branches.delivery_off"), href + "/delivery-off", {}, true, ""});
    }
    v.sections.push_back(std::move(delivery));
    v.sections.push_back(state_section(e, href, flag(b, "active"), "adm.branches.retire_intro",
                                       "adm.branches.retire"));
    return v;
}

void add_branch_pages(http::router& r, app::services& s) {
    add_list_pages(
        r, s, branches_area.href, branches_view,
        list_post{"POST", branch_create_fields, "add", "adm.done.branch_added", create_branch});
    auto actions = retirable_actions(branch_edit_fields, update_branch, retire_branch);
    actions.push_back({.suffix = "/delivery",
                       .method = "PATCH",
                       .fields = branch_delivery_fields,
                       .form_id = "delivery",
                       .done_key = "adm.done.saved",
                       .back = page_of::item,
                       .op = update_branch});
    actions.push_back({.suffix = "/delivery-off",
                       .method = "PATCH",
                       .extra = json::object{{"delivery", nullptr}},
                       .form_id = "delivery",
                       .done_key = "adm.done.saved",
                       .back = page_of::item,
                       .op = update_branch});
    add_item_pages(r, s, {branches_area.href, "code", branches_view, branch_view}, actions);
}

// ---- machine types -------------------------------------------------------------------------

constexpr auto type_edit_fields = std::to_array<field>(
    {{"name_ko", kind::text, "adm.field.name_ko", {}, when_empty::omit, true},
     {"name_en", kind::text, "adm.field.name_en", {}, when_empty::omit, true},
     {"daily_fee", kind::number, "adm.type.daily_fee", "adm.type.daily_fee_hint", when_empty::omit,
      true},
     {"purchase_price", kind::number, "adm.type.purchase_price", "adm.type.purchase_price_hint",
      when_empty::null},
     {"max_days", kind::number, "adm.type.max_days", "adm.type.max_days_hint"},
     {"needs_training", kind::checkbox, "adm.type.needs_training", "adm.type.needs_training_hint"},
     {"needs_approval", kind::checkbox, "adm.type.needs_approval", "adm.type.needs_approval_hint"},
     {"deliverable", kind::checkbox, "adm.type.deliverable", "adm.type.deliverable_hint"},
     {"group_rental", kind::checkbox, "adm.type.group_rental", "adm.type.group_rental_hint"},
     {"half_day", kind::checkbox, "adm.type.half_day", "adm.type.half_day_hint"},
     {"checklist", kind::lines, "adm.type.checklist", "adm.type.checklist_hint"}});
constexpr auto type_create_fields =
    prepend({"code", kind::text, "adm.field.code", "adm.type.code_hint", when_empty::omit, true},
            type_edit_fields);

/// DOMAIN.md §17: "기준 110,000원 · 허용 93,500~126,500원" for a type with a purchase price.
std::string band_text(const env& e, const json::value& t) {
    const auto* band = t.as_object().if_contains("fee_band");
    if (band == nullptr) {
        return {};
    }
    return e.f("adm.type.band", {{"band_fee", money(e, integer(*band, "band_fee"))},
                                 {"min", money(e, integer(*band, "min"))},
                                 {"max", money(e, integer(*band, "max"))}});
}

bool outside_band(const json::value& t) {
    const auto* band = t.as_object().if_contains("fee_band");
    const auto fee = integer(t, "daily_fee");
    return band != nullptr && (fee < integer(*band, "min") || integer(*band, "max") < fee);
}

/// The daily fee, with the allowed range under it (and a warning when outside).
av::cell fee_cell(const env& e, const json::value& t) {
    av::cell c{.text = money(e, integer(t, "daily_fee")), .number = true};
    if (const auto* band = t.as_object().if_contains("fee_band")) {
        c.lines.push_back(e.f("adm.type.band_short", {{"min", grouped(integer(*band, "min"))},
                                                      {"max", grouped(integer(*band, "max"))}}));
    }
    if (outside_band(t)) {
        c.badge = "warn";
        c.lines.push_back(e.t("adm.type.outside_band"));
    }
    return c;
}

std::vector<std::string> type_flags(const env& e, const json::value& t) {
    std::vector<std::string> out;
    if (flag(t, "needs_training")) {
        out.push_back(e.t("adm.type.needs_training"));
    }
    if (flag(t, "needs_approval")) {
        out.push_back(e.t("adm.type.needs_approval"));
    }
    if (flag(t, "deliverable")) {
        out.push_back(e.t("adm.type.deliverable"));
    }
    if (flag(t, "group_rental")) {
        out.push_back(e.t("adm.type.group_rental"));
    }
    if (flag(t, "half_day")) {
        out.push_back(e.t("adm.type.half_day"));
    }
    return out;
}

av::admin_view types_view(env& e, const failure* failed) {
    json::array types;
    for (const auto& t : *svc::all_types(e.s)) {
        types.push_back(codec::type_admin_json(t));
    }
    auto v = area_page(e, types_area);

    auto t =
        list_table(e, e.t("adm.types.caption"),
                   {"adm.field.code", "adm.field.name", "adm.type.daily_fee", "adm.type.max_days",
                    "adm.type.conditions", "adm.type.checklist", "adm.field.state"},
                   "adm.types.empty");
    for (const json::value& ty : types) {
        const std::string code = str(ty, "code");
        av::row row;
        row.id = "type-" + code;
        row.muted = ty.as_object().contains("active") && !flag(ty, "active");
        row.cells.push_back({.text = code, .href = item_href(types_area.href, code)});
        row.cells.push_back(name_cell(e, ty));
        row.cells.push_back(fee_cell(e, ty));
        row.cells.push_back({.text = e.f("adm.type.days", {{"days", number_text(ty, "max_days")}}),
                             .number = true});
        auto conditions = type_flags(e, ty);
        row.cells.push_back(
            {.text = conditions.empty() ? e.t("adm.type.no_conditions") : std::string{},
             .lines = std::move(conditions)});
        row.cells.push_back({.text = joined(strings(ty, "checklist"), " · ")});
        row.cells.push_back(state_cell(e, !row.muted));
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "list", .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, types_area, "adm.types.add_heading", {},
                                     "adm.types.add_submit", type_create_fields, {}, failed));
    return v;
}

/// DOMAIN.md §17 beside the fee field: the band fee and the allowed range of the type's purchase
/// price as saved (or that a price makes the office's latitude known).
av::form with_band_hint(const env& e, const json::value& ty, av::form f) {
    for (auto& in : f.inputs) {
        if (in.name == "daily_fee") {
            const auto band = band_text(e, ty);
            in.hint += " " + (band.empty() ? e.t("adm.type.no_band") : band);
            if (outside_band(ty)) {
                in.hint += " " + e.t("adm.type.outside_band");
            }
        }
    }
    return f;
}

av::admin_view type_view(env& e, const std::string& code, const failure* failed) {
    const auto ty = must(svc::type_detail(e.s, code), type_shape);
    const std::string href = item_href(types_area.href, code);
    auto v = item_page(e, types_area,
                       e.f("adm.types.edit_heading", {{"name", local_name(e, ty)}, {"code", code}}),
                       code);
    v.sections.push_back(
        {.id = "edit",
         .intro = e.t("adm.types.edit_intro"),
         .links = {{"/staff/admin/units?type=" + code, e.t("adm.types.link_units"), false}},
         .forms = {with_band_hint(
             e, ty,
             build_form(e.lang, {"edit", "", "", href, "adm.form.save", type_edit_fields},
                        values_of(type_edit_fields, ty), failed))}});
    v.sections.push_back(
        state_section(e, href, flag(ty, "active"), "adm.types.retire_intro", "adm.types.retire"));
    return v;
}

void add_type_pages(http::router& r, app::services& s) {
    add_list_pages(
        r, s, types_area.href, types_view,
        list_post{"POST", type_create_fields, "add", "adm.done.type_added", create_type});
    add_item_pages(r, s, {types_area.href, "code", types_view, type_view},
                   retirable_actions(type_edit_fields, update_type, retire_type));
}

// ---- units ---------------------------------------------------------------------------------

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
    auto v = area_page(e, units_area);

    // The filter is a GET form: a refused filter shows beside its field like a refused POST.
    values filter;
    filter.set("branch", branch).set("type", type).set("status", status);
    filter.options["branch"] = branch_options(e, "adm.filter.all_branches", false);
    filter.options["type"] = type_options(e, "adm.filter.all_types", false);
    auto& st = filter.options["status"];
    st.push_back({"", e.t("adm.filter.all_statuses"), false});
    for (const auto code : unit_statuses) {
        st.push_back({std::string{code}, e.t("adm.unit_status." + std::string{code}), false});
    }
    const http::string_pairs query{{"branch", branch}, {"type", type}, {"status", status}};
    auto [res, filter_form] = filtered_get(
        e, v,
        attempt(e,
                [&] {
                    const auto q = codec::decode_unit_query(query);
                    return outcome_of(e, svc::list_units(e.s, q), [](const auto& units) {
                        json::array out;
                        for (const auto& u : units) {
                            out.push_back(codec::unit_json(u));
                        }
                        return json::value(std::move(out));
                    });
                }),
        {"filter", "", "", std::string{units_area.href}, "adm.filter.show", unit_filter_fields},
        filter);

    auto t = list_table(e, e.t("adm.units.caption"),
                        {"adm.unit.tag", "adm.field.type", "adm.field.branch", "adm.unit.status",
                         "adm.unit.hour_meter", "adm.unit.notes"},
                        "adm.units.empty");
    if (res.ok()) {
        for (const auto& u : res.body.as_array()) {
            const std::string tag = str(u, "tag");
            av::row row;
            row.id = "unit-" + tag;
            row.muted = str(u, "status") == "retired";
            row.cells.push_back({.text = tag, .href = item_href(units_area.href, tag)});
            row.cells.push_back({.text = type_name(e, str(u, "type"))});
            row.cells.push_back({.text = branch_name(e, str(u, "branch"))});
            row.cells.push_back(unit_status_cell(e, str(u, "status")));
            row.cells.push_back({.text = number_text(u, "hour_meter"), .number = true});
            row.cells.push_back({.text = str(u, "notes")});
            t.rows.push_back(std::move(row));
        }
    }
    v.sections.push_back({.id = "list", .forms = {std::move(filter_form)}});
    v.sections.push_back({.id = "units", .tables = {std::move(t)}});

    values add_values;
    add_values.set("branch", branch).set("type", type);
    add_values.options["branch"] = branch_options(e, "adm.form.choose");
    add_values.options["type"] = type_options(e, "adm.form.choose");
    v.sections.push_back(add_section(e, units_area, "adm.units.add_heading", {},
                                     "adm.units.add_submit", unit_create_fields, add_values,
                                     failed));
    return v;
}

av::admin_view unit_view(env& e, const std::string& tag, const failure* failed) {
    const auto u = must(svc::unit_detail(e.s, tag), unit_shape);
    const std::string status = str(u, "status");
    const std::string href = item_href(units_area.href, tag);
    auto v = item_page(e, units_area, e.f("adm.units.edit_heading", {{"tag", tag}}), tag);

    v.sections.push_back(
        {.id = "facts",
         .facts = {{e.t("adm.field.type"), type_name(e, str(u, "type")), {}},
                   {e.t("adm.field.branch"), branch_name(e, str(u, "branch")), {}},
                   {e.t("adm.unit.status"), e.t("adm.unit_status." + status), {}},
                   {e.t("adm.unit.hour_meter"), number_text(u, "hour_meter"), {}}}});
    v.sections.push_back(
        {.id = "edit",
         .heading = e.t("adm.units.edit_form"),
         .forms = {build_form(e.lang, {"edit", "", "", href, "adm.form.save", unit_edit_fields},
                              values_of(unit_edit_fields, u), failed)}});

    if (status != "retired") {
        values to;
        to.options["branch"] = branch_options(e, "adm.form.choose");
        std::erase_if(to.options["branch"],
                      [&](const av::option& o) { return o.value == str(u, "branch"); });
        v.sections.push_back(
            {.id = "transfer",
             .heading = e.t("adm.units.transfer_heading"),
             .forms = {build_form(e.lang,
                                  {"transfer", "", "adm.units.transfer_intro", href + "/transfer",
                                   "adm.units.transfer", unit_transfer_fields},
                                  to, failed)}});
        v.sections.push_back(
            {.id = "retire",
             .heading = e.t("adm.units.retire_heading"),
             .intro = e.t("adm.units.retire_intro"),
             .buttons = {{e.t("adm.units.retire"), href + "/retire", {}, true, ""}}});
    }
    return v;
}

void add_unit_pages(http::router& r, app::services& s) {
    add_list_pages(
        r, s, units_area.href, units_view,
        list_post{"POST", unit_create_fields, "add", "adm.done.unit_added", create_unit});
    add_item_pages(r, s, {units_area.href, "tag", units_view, unit_view},
                   {{.method = "PATCH",
                     .fields = unit_edit_fields,
                     .form_id = "edit",
                     .done_key = "adm.done.saved",
                     .back = page_of::item,
                     .op = update_unit},
                    {.suffix = "/transfer",
                     .method = "PATCH",
                     .fields = unit_transfer_fields,
                     .form_id = "transfer",
                     .done_key = "adm.done.unit_transferred",
                     .back = page_of::item,
                     .op = update_unit},
                    {.suffix = "/retire",
                     .method = "DELETE",
                     .form_id = "retire",
                     .done_key = "adm.done.retired",
                     .op = retire_unit}});
}

// ---- discounts -----------------------------------------------------------------------------

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
    const json::value discounts = codec::discounts_json(svc::list_discounts(e.s));
    auto v = area_page(e, discounts_area);

    auto t = list_table(e, e.t("adm.discounts.caption"),
                        {"adm.field.name", "adm.discount.percent", "adm.discount.period",
                         "adm.discount.branches", "adm.discount.types", "adm.field.state"},
                        "adm.discounts.empty", true);
    for (const auto& d : discounts.as_array()) {
        const std::string id = number_text(d, "id");
        const std::string href = item_href(discounts_area.href, id);
        const bool active = flag(d, "active");
        av::row row;
        row.id = "discount-" + id;
        row.muted = !active;
        row.cells.push_back(name_cell(e, d, href));
        row.cells.push_back({.text = number_text(d, "percent") + "%", .number = true});
        row.cells.push_back(
            {.text = date_text(e, str(d, "from")), .lines = {"~ " + date_text(e, str(d, "to"))}});
        row.cells.push_back(
            {.text = names_of(e, strings(d, "branches"), true, "adm.discount.all_branches")});
        row.cells.push_back(
            {.text = names_of(e, strings(d, "types"), false, "adm.discount.all_types")});
        row.cells.push_back(state_cell(e, active, "adm.state.in_use", "adm.state.stopped"));
        if (active) {
            row.buttons.push_back(
                {e.t("adm.discounts.deactivate"), href + "/deactivate", {}, true, row.id});
        }
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "list", .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, discounts_area, "adm.discounts.add_heading", {},
                                     "adm.discounts.add_submit", discount_create_fields,
                                     discount_options(e), failed));
    return v;
}

av::admin_view discount_view(env& e, const std::string& id, const failure* failed) {
    const auto d = find_in(codec::discounts_json(svc::list_discounts(e.s)), "id", id);
    auto v = item_page(e, discounts_area,
                       e.f("adm.discounts.edit_heading", {{"name", local_name(e, d)}}),
                       str(d, "name_" + e.lang));
    v.sections.push_back(
        {.id = "edit",
         .intro = e.t("adm.discounts.edit_intro"),
         .forms = {build_form(e.lang,
                              {"edit", "", "", item_href(discounts_area.href, id), "adm.form.save",
                               discount_edit_fields},
                              values_of(discount_edit_fields, d, discount_options(e)), failed)}});
    return v;
}

void add_discount_pages(http::router& r, app::services& s) {
    add_list_pages(r, s, discounts_area.href, discounts_view,
                   list_post{"POST", discount_create_fields, "add", "adm.done.discount_added",
                             create_discount});
    add_item_pages(r, s, {discounts_area.href, "id", discounts_view, discount_view},
                   {{.method = "PATCH",
                     .fields = discount_edit_fields,
                     .form_id = "edit",
                     .done_key = "adm.done.saved",
                     .op = update_discount},
                    {.suffix = "/deactivate",
                     .method = "DELETE",
                     .form_id = "row",
                     .done_key = "adm.done.deactivated",
                     .again = page_of::list,
                     .op = deactivate_discount}});
}

// ---- farmer categories ---------------------------------------------------------------------

constexpr auto category_edit_fields =
    std::to_array<field>({{"name_ko", kind::text, "adm.field.name_ko", {}, when_empty::omit, true},
                          {"name_en", kind::text, "adm.field.name_en", {}, when_empty::omit, true},
                          {"percent", kind::number, "adm.category.percent",
                           "adm.category.percent_hint", when_empty::omit, true}});
constexpr auto category_create_fields = prepend(
    {"code", kind::text, "adm.field.code", "adm.category.code_hint", when_empty::omit, true},
    category_edit_fields);

std::string adjustment_text(const env& e, std::int64_t percent) {
    if (percent < 0) {
        return e.f("adm.category.surcharge", {{"pct", std::to_string(-percent)}});
    }
    return e.f("adm.category.reduction", {{"pct", std::to_string(percent)}});
}

av::admin_view categories_view(env& e, const failure* failed) {
    const json::value categories = codec::categories_json(svc::list_categories(e.s));
    auto v = area_page(e, categories_area);

    auto t = list_table(e, e.t("adm.categories.caption"),
                        {"adm.field.code", "adm.field.name", "adm.category.percent"},
                        "adm.categories.empty", true);
    for (const auto& c : categories.as_array()) {
        const std::string code = str(c, "code");
        const std::string href = item_href(categories_area.href, code);
        av::row row;
        row.id = "category-" + code;
        row.cells.push_back({.text = code, .href = href});
        row.cells.push_back(name_cell(e, c));
        row.cells.push_back({.text = adjustment_text(e, integer(c, "percent"))});
        row.buttons.push_back(delete_button(e, href + "/delete", row.id));
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back(
        {.id = "list", .intro = e.t("adm.categories.delete_intro"), .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, categories_area, "adm.categories.add_heading", {},
                                     "adm.categories.add_submit", category_create_fields, {},
                                     failed));
    return v;
}

av::admin_view category_view(env& e, const std::string& code, const failure* failed) {
    const auto c = find_in(codec::categories_json(svc::list_categories(e.s)), "code", code);
    const std::string href = item_href(categories_area.href, code);
    auto v = item_page(
        e, categories_area,
        e.f("adm.categories.edit_heading", {{"name", local_name(e, c)}, {"code", code}}), code);
    v.sections.push_back(
        {.id = "edit",
         .intro = e.t("adm.categories.edit_intro"),
         .forms = {build_form(e.lang, {"edit", "", "", href, "adm.form.save", category_edit_fields},
                              values_of(category_edit_fields, c), failed)}});
    v.sections.push_back({.id = "delete",
                          .heading = e.t("adm.action.delete"),
                          .intro = e.t("adm.categories.delete_intro"),
                          .buttons = {delete_button(e, href + "/delete", "")}});
    return v;
}

void add_category_pages(http::router& r, app::services& s) {
    add_list_pages(r, s, categories_area.href, categories_view,
                   list_post{"POST", category_create_fields, "add", "adm.done.category_added",
                             create_category});
    add_item_pages(r, s, {categories_area.href, "code", categories_view, category_view},
                   {{.method = "PATCH",
                     .fields = category_edit_fields,
                     .form_id = "edit",
                     .done_key = "adm.done.saved",
                     .op = update_category},
                    {.suffix = "/delete",
                     .method = "DELETE",
                     .form_id = "row",
                     .done_key = "adm.done.deleted",
                     .again = page_of::list,
                     .op = delete_category}});
}

// ---- settings ------------------------------------------------------------------------------

// The keys of PATCH /api/v1/settings (server/app/admin_catalog.cpp setting_defs).
constexpr field settings_fields[] = {
    {"max_live", kind::number, "adm.setting.max_live", "adm.setting.max_live_hint"},
    {"max_types_per_farmer", kind::number, "adm.setting.max_types_per_farmer",
     "adm.setting.max_types_per_farmer_hint"},
    {"group_min_days", kind::number, "adm.setting.group_min_days",
     "adm.setting.group_min_days_hint"},
    {"group_max_days", kind::number, "adm.setting.group_max_days",
     "adm.setting.group_max_days_hint"},
    {"group_live_limit", kind::number, "adm.setting.group_live_limit",
     "adm.setting.group_live_limit_hint"},
    {"half_day_fee_pct", kind::number, "adm.setting.half_day_fee_pct",
     "adm.setting.half_day_fee_pct_hint"},
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
    {"waitlist_per_farmer", kind::number, "adm.setting.waitlist_per_farmer",
     "adm.setting.waitlist_per_farmer_hint"},
    {"offer_hold_minutes", kind::number, "adm.setting.offer_hold_minutes",
     "adm.setting.offer_hold_minutes_hint"},
    {"extension_max_days", kind::number, "adm.setting.extension_max_days",
     "adm.setting.extension_max_days_hint"},
    {"verify_farmer_phone", kind::checkbox, "adm.setting.verify_farmer_phone",
     "adm.setting.verify_farmer_phone_hint"},
};

av::admin_view settings_view(env& e, const failure* failed) {
    const json::value current = codec::settings_json(svc::current_settings(e.s));
    auto v = area_page(e, settings_area);
    v.sections.push_back({.id = "settings",
                          .forms = {build_form(e.lang,
                                               {"settings", "", "", std::string{settings_area.href},
                                                "adm.form.save", settings_fields},
                                               values_of(settings_fields, current), failed)}});
    return v;
}

} // namespace

void add_catalog_pages(http::router& r, app::services& s) {
    add_branch_pages(r, s);
    add_type_pages(r, s);
    add_unit_pages(r, s);
    add_discount_pages(r, s);
    add_category_pages(r, s);
    add_list_pages(
        r, s, settings_area.href, settings_view,
        list_post{"PATCH", settings_fields, "settings", "adm.done.saved", update_settings});
}

} // namespace agrirent::pages::admin
