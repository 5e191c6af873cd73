// Admin pages of people (issue 5, DOMAIN.md §8): farmers (search, detail with strikes and live
// bookings, training date, categories, suspension set or lifted), staff users, and the audit
// log. Every change is the posted form decoded as the API decodes it, then the people service
// (server/app/admin_people.hpp; admin_pages.cpp explains the pattern).
#include <charconv>

#include "common/time.hpp"
#include "common/types.hpp"
#include "server/app/admin_people.hpp"
#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/pages/admin_page_support.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

namespace svc = app::admin;
namespace codec = agrirent::codec::admin;

json::value farmer_shape(const svc::farmer_detail& f) {
    return codec::farmer_json(f);
}

api_result update_farmer(env& e, const std::string& phone, const json::object& body) {
    const auto in = codec::decode_farmer_update(body);
    return outcome_of(e, svc::update_farmer(e.s, e.who(), phone, in), farmer_shape);
}

api_result create_user(env& e, const json::object& body) {
    const auto in = codec::decode_user_create(body);
    return outcome_of(e, svc::create_user(e.s, e.who(), in), [&e](const auto& u) {
        return json::value(codec::staff_json(u, *e.s.catalog.get()));
    });
}

api_result update_user(env& e, const std::string& username, const json::object& body) {
    const auto in = codec::decode_user_update(body);
    return outcome_of(e, svc::update_user(e.s, e.who(), username, in), [&e](const auto& u) {
        return json::value(codec::staff_json(u, *e.s.catalog.get()));
    });
}

// ---- farmers -------------------------------------------------------------------------------

constexpr auto farmer_search_fields = std::to_array<field>({
    {"phone", kind::text, "adm.farmer.phone", "adm.farmer.search_phone_hint"},
    {"name", kind::text, "adm.farmer.name"},
});

constexpr auto farmer_edit_fields = std::to_array<field>({
    {"name", kind::text, "adm.farmer.name", {}, when_empty::omit, true},
    {"farm_id", kind::text, "adm.farmer.farm_id", "adm.farmer.clear_hint", when_empty::null},
    {"district", kind::text, "adm.farmer.district", "adm.farmer.clear_hint", when_empty::null},
    {"training_completed_on", kind::date, "adm.farmer.training", "adm.farmer.training_hint",
     when_empty::null},
    {"categories", kind::multi, "adm.farmer.categories", "adm.farmer.categories_hint"},
});

constexpr auto farmer_suspend_fields = std::to_array<field>({
    {"suspension.until", kind::date, "adm.farmer.suspend_until", "adm.farmer.suspend_until_hint",
     when_empty::omit, true},
    {"suspension.reason", kind::text, "adm.farmer.suspend_reason", {}, when_empty::omit, true},
});

std::string category_names(const env& e, const std::vector<std::string>& codes) {
    const auto cat = e.s.catalog.get();
    std::string out;
    for (const auto& c : codes) {
        const auto* info = cat->category(c);
        out += (out.empty() ? "" : ", ") +
               (info != nullptr ? (e.lang == "en" ? info->name_en : info->name_ko) : c);
    }
    return out;
}

std::vector<av::option> category_options(const env& e) {
    std::vector<av::option> out;
    const auto cat = e.s.catalog.get();
    for (const auto& c : cat->categories()) {
        out.push_back(
            {c.code, (e.lang == "en" ? c.name_en : c.name_ko) + " (" + c.code + ")", false});
    }
    return out;
}

std::string suspension_text(const env& e, const json::value& f) {
    const auto* s = f.as_object().if_contains("suspension");
    if (s == nullptr || !s->is_object()) {
        return e.t("adm.farmer.not_suspended");
    }
    return e.f(flag(f, "suspended") ? "adm.farmer.suspended_until" : "adm.farmer.suspension_over",
               {{"until", date_text(e, str(*s, "until"))}, {"reason", str(*s, "reason")}});
}

/// The day of the safety training, or that there was none.
std::string training_text(const env& e, const json::value& f) {
    const std::string trained = str(f, "training_completed_on");
    return trained.empty() ? e.t("adm.farmer.no_training") : date_text(e, trained);
}

/// The search is a GET form: nothing is posted to this page (`failed` is always null).
av::admin_view farmers_view(env& e, const failure* /*failed*/) {
    const std::string phone{e.query("phone")};
    const std::string name{e.query("name")};
    const std::string cursor{e.query("cursor")};
    auto v = area_page(e, farmers_area);

    values cur;
    cur.set("phone", http::displayable(phone, 40)).set("name", http::displayable(name, 40));
    auto [res, search] = filtered_get(
        e, v,
        attempt(e,
                [&] {
                    const auto q = codec::decode_farmer_query(
                        {{"phone", phone}, {"name", name}, {"cursor", cursor}, {"limit", "50"}});
                    return success(codec::farmer_page_json(svc::search_farmers(e.s, q)));
                }),
        {"search", "", "", std::string{farmers_area.href}, "adm.farmers.search",
         farmer_search_fields},
        cur);

    auto t = list_table(e, e.t("adm.farmers.caption"),
                        {"adm.farmer.name", "adm.farmer.phone", "adm.farmer.district",
                         "adm.farmer.training", "adm.farmer.categories", "adm.farmer.suspension",
                         "adm.farmer.strikes", "adm.farmer.live"},
                        "adm.farmers.empty");
    av::section results{.id = "results"};
    if (res.ok()) {
        for (const auto& f : list(res.body, "farmers")) {
            const std::string p = str(f, "phone");
            av::row row;
            row.id = "farmer-" + p;
            row.cells.push_back({.text = str(f, "name"), .href = item_href(farmers_area.href, p)});
            row.cells.push_back({.text = p});
            row.cells.push_back({.text = str(f, "district")});
            row.cells.push_back({.text = training_text(e, f)});
            row.cells.push_back({.text = category_names(e, strings(f, "categories"))});
            row.cells.push_back(flag(f, "suspended")
                                    ? badge(suspension_text(e, f), "warn")
                                    : av::cell{.text = e.t("adm.farmer.not_suspended")});
            row.cells.push_back(
                {.text = std::to_string(list(f, "strikes").size()), .number = true});
            row.cells.push_back({.text = number_text(f, "live_reservations"), .number = true});
            t.rows.push_back(std::move(row));
        }
        const std::string next = str(res.body, "next_cursor");
        if (!next.empty()) {
            results.pager.push_back(
                {std::string{farmers_area.href} +
                     query_string({{"phone", phone}, {"name", name}, {"cursor", next}}),
                 e.t("adm.pager.next"), false});
        }
    }
    v.sections.push_back({.id = "search", .forms = {std::move(search)}});
    results.tables.push_back(std::move(t));
    v.sections.push_back(std::move(results));
    return v;
}

av::admin_view farmer_view(env& e, const std::string& phone, const failure* failed) {
    const auto f = must(svc::farmer_of(e.s, phone), farmer_shape);
    const std::string number = str(f, "phone");
    const std::string href = item_href(farmers_area.href, number);
    auto v =
        item_page(e, farmers_area, e.f("adm.farmers.detail_heading", {{"name", str(f, "name")}}),
                  str(f, "name"));
    v.lead = number;

    v.sections.push_back(
        {.id = "facts",
         .facts = {
             {e.t("adm.farmer.phone"), number, {}},
             {e.t("adm.farmer.farm_id"), str(f, "farm_id"), {}},
             {e.t("adm.farmer.district"), str(f, "district"), {}},
             {e.t("adm.farmer.training"), training_text(e, f), {}},
             {e.t("adm.farmer.categories"), category_names(e, strings(f, "categories")), {}},
             {e.t("adm.farmer.suspension"), suspension_text(e, f), {}},
             {e.t("adm.farmer.registered"), instant_short(str(f, "created_at")), {}},
         }});

    // Strikes (DOMAIN.md §8): the third within the window suspends automatically.
    auto st = list_table(e, {}, {"adm.strike.at", "adm.strike.kind", "adm.strike.reservation"},
                         "adm.strikes.empty");
    for (const auto& s : list(f, "strikes")) {
        const std::string kind_key = "adm.strike." + str(s, "kind");
        av::row row;
        row.cells.push_back({.text = instant_short(str(s, "at"))});
        row.cells.push_back({.text = e.t(kind_key)});
        row.cells.push_back({.text = str(s, "reservation")});
        st.rows.push_back(std::move(row));
    }
    v.sections.push_back(
        {.id = "strikes", .heading = e.t("adm.farmer.strikes"), .tables = {std::move(st)}});

    // Live bookings: the reservations that hold capacity and count toward the limits.
    auto lt = list_table(e, {},
                         {"adm.booking.code", "adm.field.branch", "adm.field.type",
                          "adm.booking.days", "adm.field.state"},
                         "adm.bookings.empty");
    const auto cat = e.s.catalog.get();
    for (const auto& b : svc::reservations_of(e.s, number, 200)) {
        if (!is_live(b.state)) {
            continue;
        }
        const auto* branch = cat->branch_by_id(b.branch_id);
        const auto* type = cat->type_by_id(b.type_id);
        const std::string start = format_date(b.plan.usage.start);
        const std::string end = format_date(b.plan.usage.end);
        av::row row;
        row.cells.push_back({.text = b.code});
        row.cells.push_back({.text = branch_name(e, branch != nullptr ? branch->code.value : "")});
        row.cells.push_back({.text = type_name(e, type != nullptr ? type->type.code.value : "")});
        row.cells.push_back({.text = start == end
                                         ? date_text(e, start)
                                         : date_text(e, start) + " ~ " + date_text(e, end)});
        row.cells.push_back(badge(e.t("status." + std::string{to_string(b.state)}), "info"));
        lt.rows.push_back(std::move(row));
    }
    v.sections.push_back(
        {.id = "live", .heading = e.t("adm.farmer.live"), .tables = {std::move(lt)}});

    values cur;
    cur.options["categories"] = category_options(e);
    v.sections.push_back(
        {.id = "edit",
         .heading = e.t("adm.farmers.edit_form"),
         .forms = {build_form(e.lang, {"edit", "", "", href, "adm.form.save", farmer_edit_fields},
                              values_of(farmer_edit_fields, f, std::move(cur)), failed)}});

    av::section suspension{.id = "suspension",
                           .heading = e.t("adm.farmer.suspension"),
                           .intro = e.t("adm.farmers.suspend_intro")};
    if (f.as_object().contains("suspension") && !f.as_object().at("suspension").is_null()) {
        suspension.buttons.push_back({e.t("adm.farmers.lift"), href + "/lift", {}, false, ""});
    }
    suspension.forms.push_back(build_form(
        e.lang,
        {"suspend", "", "", href + "/suspend", "adm.farmers.suspend", farmer_suspend_fields, true},
        {}, failed));
    v.sections.push_back(std::move(suspension));
    return v;
}

void add_farmer_admin_pages(http::router& r, app::services& s) {
    add_list_pages(r, s, farmers_area.href, farmers_view);
    add_item_pages(r, s, {farmers_area.href, "phone", farmers_view, farmer_view},
                   {{.method = "PATCH",
                     .fields = farmer_edit_fields,
                     .form_id = "edit",
                     .done_key = "adm.done.saved",
                     .back = page_of::item,
                     .op = update_farmer},
                    {.suffix = "/suspend",
                     .method = "PATCH",
                     .fields = farmer_suspend_fields,
                     .form_id = "suspend",
                     .done_key = "adm.done.suspended",
                     .back = page_of::item,
                     .op = update_farmer},
                    {.suffix = "/lift",
                     .method = "PATCH",
                     .extra = json::object{{"suspension", nullptr}},
                     .form_id = "suspend",
                     .done_key = "adm.done.lifted",
                     .back = page_of::item,
                     .op = update_farmer}});
}

// ---- farmer groups (작목반, DOMAIN.md §16) --------------------------------------------------

constexpr auto group_fields = std::to_array<field>(
    {{"name", kind::text, "adm.group_item.name", {}, when_empty::omit, true},
     {"representative_phone", kind::text, "adm.group_item.representative",
      "adm.group_item.representative_hint", when_empty::omit, true},
     {"member_phones", kind::lines, "adm.group_item.members", "adm.group_item.members_hint"}});

json::value group_shape(const storage::group_row& g) {
    return codec::group_json(g);
}

std::int64_t group_key(const std::string& key) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
    if (ec != std::errc{} || end != key.data() + key.size() || id < 1) {
        return 0; // names no group: the service answers not found
    }
    return id;
}

api_result create_group(env& e, const json::object& body) {
    const auto in = codec::decode_group(body, true);
    return outcome_of(e, svc::create_group(e.s, e.who(), in), group_shape);
}

api_result update_group(env& e, const std::string& key, const json::object& body) {
    const auto in = codec::decode_group(body, false);
    return outcome_of(e, svc::update_group(e.s, e.who(), group_key(key), in), group_shape);
}

av::admin_view groups_view(env& e, const failure* failed) {
    const json::value groups = codec::groups_json(svc::list_groups(e.s));
    auto v = area_page(e, groups_area);
    auto t = list_table(
        e, e.t("adm.groups.caption"),
        {"adm.group_item.name", "adm.group_item.representative", "adm.group_item.members"},
        "adm.groups.empty");
    for (const auto& g : list(groups, "groups")) {
        const std::string id = std::to_string(g.at("id").as_int64());
        av::row row;
        row.id = "group-" + id;
        row.cells.push_back({.text = str(g, "name"), .href = item_href(groups_area.href, id)});
        row.cells.push_back({.text = str(g, "representative_phone")});
        row.cells.push_back(
            {.text = std::to_string(1 + list(g, "member_phones").size()), .number = true});
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "list", .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, groups_area, "adm.groups.add_heading", {},
                                     "adm.groups.add_submit", group_fields, {}, failed));
    return v;
}

av::admin_view group_view(env& e, const std::string& key, const failure* failed) {
    const auto g = must(svc::group_of(e.s, group_key(key)), group_shape);
    const std::string href = item_href(groups_area.href, key);
    auto v = item_page(e, groups_area, e.f("adm.groups.edit_heading", {{"name", str(g, "name")}}),
                       str(g, "name"));
    v.sections.push_back(
        {.id = "edit",
         .forms = {build_form(e.lang, {"edit", "", "", href, "adm.form.save", group_fields},
                              values_of(group_fields, g), failed)}});
    return v;
}

void add_group_pages(http::router& r, app::services& s) {
    add_list_pages(r, s, groups_area.href, groups_view,
                   list_post{"POST", group_fields, "add", "adm.done.group_added", create_group});
    add_item_pages(r, s, {groups_area.href, "id", groups_view, group_view},
                   {{.method = "PATCH",
                     .fields = group_fields,
                     .form_id = "edit",
                     .done_key = "adm.done.saved",
                     .back = page_of::item,
                     .op = update_group}});
}

// ---- staff users ---------------------------------------------------------------------------

constexpr auto user_create_fields = std::to_array<field>({
    {"username", kind::text, "adm.user.username", "adm.user.username_hint", when_empty::omit, true},
    {"display_name", kind::text, "adm.user.display_name"},
    {"role", kind::select, "adm.user.role", {}, when_empty::omit, true},
    {"branch", kind::select, "adm.field.branch", "adm.user.branch_hint"},
    {"password", kind::password, "adm.user.password", "adm.user.password_hint", when_empty::omit,
     true},
});

constexpr auto user_edit_fields = std::to_array<field>({
    {"display_name", kind::text, "adm.user.display_name"},
    {"role", kind::select, "adm.user.role", {}, when_empty::omit, true},
    {"branch", kind::select, "adm.field.branch", "adm.user.branch_hint"},
    {"active", kind::checkbox, "adm.user.active", "adm.user.active_hint"},
    {"password", kind::password, "adm.user.new_password", "adm.user.new_password_hint"},
});

std::vector<av::option> role_options(const env& e) {
    return {{"admin", e.t("adm.role.admin"), false},
            {"operator", e.t("adm.role.operator"), false},
            {"clerk", e.t("adm.role.clerk"), false}};
}

values user_choices(const env& e) {
    values v;
    v.options["role"] = role_options(e);
    v.options["branch"] = branch_options(e, "adm.user.no_branch");
    return v;
}

av::admin_view users_view(env& e, const failure* failed) {
    const json::value users = codec::users_json(svc::list_users(e.s), *e.s.catalog.get());
    auto v = area_page(e, users_area);

    auto t = list_table(e, e.t("adm.users.caption"),
                        {"adm.user.username", "adm.user.display_name", "adm.user.role",
                         "adm.field.branch", "adm.field.state", "adm.user.created"},
                        "adm.users.empty");
    for (const auto& u : users.as_array()) {
        const std::string name = str(u, "username");
        const bool active = flag(u, "active");
        av::row row;
        row.id = "user-" + name;
        row.muted = !active;
        row.cells.push_back({.text = name, .href = item_href(users_area.href, name)});
        row.cells.push_back({.text = str(u, "display_name")});
        row.cells.push_back({.text = e.t("adm.role." + str(u, "role"))});
        row.cells.push_back({.text = branch_name(e, str(u, "branch"))});
        row.cells.push_back(
            state_cell(e, active, "adm.state.active_user", "adm.state.inactive_user"));
        row.cells.push_back({.text = instant_short(str(u, "created_at"))});
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "list", .tables = {std::move(t)}});
    v.sections.push_back(add_section(e, users_area, "adm.users.add_heading", {},
                                     "adm.users.add_submit", user_create_fields,
                                     user_choices(e).set("role", "operator"), failed));
    return v;
}

av::admin_view user_view(env& e, const std::string& username, const failure* failed) {
    const auto u = must(svc::user_of(e.s, username), [&e](const auto& row) {
        return json::value(codec::staff_json(row, *e.s.catalog.get()));
    });
    auto v =
        item_page(e, users_area, e.f("adm.users.edit_heading", {{"name", username}}), username);
    v.sections.push_back(
        {.id = "edit",
         .intro = e.t("adm.users.edit_intro"),
         .forms = {build_form(e.lang,
                              {"edit", "", "", item_href(users_area.href, username),
                               "adm.form.save", user_edit_fields},
                              values_of(user_edit_fields, u, user_choices(e)), failed)}});
    return v;
}

void add_user_pages(http::router& r, app::services& s) {
    add_list_pages(
        r, s, users_area.href, users_view,
        list_post{"POST", user_create_fields, "add", "adm.done.user_added", create_user});
    add_item_pages(r, s, {users_area.href, "username", users_view, user_view},
                   {{.method = "PATCH",
                     .fields = user_edit_fields,
                     .form_id = "edit",
                     .done_key = "adm.done.saved",
                     .op = update_user}});
}

// ---- audit log -----------------------------------------------------------------------------

constexpr auto audit_filter_fields = std::to_array<field>({
    {"from", kind::date, "adm.audit.from"},
    {"to", kind::date, "adm.audit.to"},
    {"actor", kind::text, "adm.audit.actor", "adm.audit.actor_hint"},
    {"action", kind::text, "adm.audit.action", "adm.audit.action_hint"},
});

/// The details of an audit row as one short line of text.
std::string details_text(const json::value& a) {
    const auto* d = a.as_object().if_contains("details");
    if (d == nullptr || !d->is_object() || d->get_object().empty()) {
        return {};
    }
    std::string text = json::serialize(*d);
    if (text.size() > 240) {
        // Cut on a UTF-8 boundary.
        std::size_t cut = 240;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        text = text.substr(0, cut) + "…";
    }
    return text;
}

/// The filter is a GET form: nothing is posted to this page (`failed` is always null).
av::admin_view audit_view(env& e, const failure* /*failed*/) {
    std::vector<std::pair<std::string, std::string>> filter;
    for (const auto& f : audit_filter_fields) {
        filter.emplace_back(std::string{f.name}, std::string{e.query(f.name)});
    }
    const std::string cursor{e.query("cursor")};
    auto v = area_page(e, audit_area);

    auto query = filter;
    query.emplace_back("cursor", cursor);
    query.emplace_back("limit", "50");
    values cur;
    for (const auto& [k, val] : filter) {
        cur.set(k, http::displayable(val, 64));
    }
    auto [res, filter_form] = filtered_get(
        e, v,
        attempt(e,
                [&] {
                    const auto f = codec::decode_audit_query(query);
                    return success(codec::audit_page_json(svc::list_audit(e.s, f)));
                }),
        {"filter", "", "", std::string{audit_area.href}, "adm.filter.show", audit_filter_fields},
        cur);
    v.sections.push_back({.id = "filter", .forms = {std::move(filter_form)}});

    auto t = list_table(e, e.t("adm.audit.caption"),
                        {"adm.audit.at", "adm.audit.actor", "adm.audit.action", "adm.audit.target",
                         "adm.audit.details", "adm.audit.address"},
                        "adm.audit.empty");
    av::section entries{.id = "entries"};
    if (res.ok()) {
        for (const auto& a : list(res.body, "entries")) {
            av::row row;
            row.id = "audit-" + number_text(a, "id");
            row.cells.push_back({.text = instant_short(str(a, "at"))});
            row.cells.push_back(
                {.text = str(a, "actor"), .lines = {str(a, "role") + " · " + str(a, "channel")}});
            row.cells.push_back({.text = str(a, "action")});
            const std::string reservation = str(a, "reservation");
            row.cells.push_back(
                {.text = reservation.empty() ? str(a, "entity") : e.t("adm.audit.reservation"),
                 .lines = {reservation.empty() ? str(a, "entity_key") : reservation}});
            row.cells.push_back({.text = details_text(a)});
            row.cells.push_back({.text = str(a, "address")});
            t.rows.push_back(std::move(row));
        }
        const std::string next = str(res.body, "next_cursor");
        if (!next.empty()) {
            auto older = filter;
            older.emplace_back("cursor", next);
            entries.pager.push_back({std::string{audit_area.href} + query_string(older),
                                     e.t("adm.pager.older"), false});
        }
        if (!cursor.empty()) {
            entries.pager.push_back({std::string{audit_area.href} + query_string(filter),
                                     e.t("adm.pager.newest"), false});
        }
    }
    entries.tables.push_back(std::move(t));
    v.sections.push_back(std::move(entries));
    return v;
}

} // namespace

void add_people_pages(http::router& r, app::services& s) {
    add_farmer_admin_pages(r, s);
    add_group_pages(r, s);
    add_user_pages(r, s);
    add_list_pages(r, s, audit_area.href, audit_view);
}

} // namespace agrirent::pages::admin
