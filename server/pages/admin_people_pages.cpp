// Admin pages of people (issue 5, DOMAIN.md §8): farmers (search, detail with strikes and live
// bookings, training date, categories, suspension set or lifted), staff users, and the audit
// log. Every change goes through the administration API in-process (admin_pages.cpp).
#include "common/time.hpp"
#include "common/types.hpp"
#include "server/pages/admin_page_support.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

// ---- farmers -------------------------------------------------------------------------------

constexpr std::string_view farmers_href = "/staff/admin/farmers";

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

std::string farmer_href(std::string_view phone) {
    return std::string{farmers_href} + "/" + path_segment(phone);
}

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

av::admin_view farmers_view(env& e) {
    const std::string phone{e.query("phone")};
    const std::string name{e.query("name")};
    const std::string cursor{e.query("cursor")};
    av::admin_view v;
    v.heading = e.t("adm.area.farmers");
    v.lead = e.t("adm.farmers.lead");
    v.areas = areas(e, farmers_href);
    v.crumbs = crumbs(e, farmers_href, "adm.area.farmers");

    const auto typed = query_form(e.ctx);
    const auto res = e.api.get(
        "/api/v1/farmers" +
        query_string({{"phone", phone}, {"name", name}, {"cursor", cursor}, {"limit", "50"}}));
    std::optional<failure> search_failed;
    if (!res.ok()) {
        if (!res.refused()) {
            throw std::runtime_error("GET /api/v1/farmers: " + std::to_string(res.status));
        }
        search_failed = failure{"search", &typed, res};
        v.error = refusal_text(e.lang, res);
    }
    values cur;
    cur.set("phone", http::displayable(phone, 40)).set("name", http::displayable(name, 40));
    form_spec spec{
        "search", "", "", std::string{farmers_href}, "adm.farmers.search", farmer_search_fields};
    spec.get = true;
    spec.compact = true;
    auto search = build_form(e.lang, spec, cur, search_failed ? &*search_failed : nullptr);
    search.reset_href = std::string{farmers_href};
    search.reset_label = e.t("adm.filter.reset");

    av::table t;
    t.caption = e.t("adm.farmers.caption");
    t.headers = {e.t("adm.farmer.name"),       e.t("adm.farmer.phone"),
                 e.t("adm.farmer.district"),   e.t("adm.farmer.training"),
                 e.t("adm.farmer.categories"), e.t("adm.farmer.suspension"),
                 e.t("adm.farmer.strikes"),    e.t("adm.farmer.live")};
    t.empty = e.t("adm.farmers.empty");
    av::section results;
    results.id = "results";
    if (res.ok()) {
        for (const auto& f : list(res.body, "farmers")) {
            const std::string p = str(f, "phone");
            av::row row;
            row.id = "farmer-" + p;
            row.cells.push_back({str(f, "name"), farmer_href(p), {}, {}, false});
            row.cells.push_back({p, {}, {}, {}, false});
            row.cells.push_back({str(f, "district"), {}, {}, {}, false});
            const std::string trained = str(f, "training_completed_on");
            row.cells.push_back(
                {trained.empty() ? e.t("adm.farmer.no_training") : date_text(e, trained),
                 {},
                 {},
                 {},
                 false});
            row.cells.push_back({category_names(e, strings(f, "categories")), {}, {}, {}, false});
            row.cells.push_back(flag(f, "suspended")
                                    ? badge(suspension_text(e, f), "warn")
                                    : av::cell{e.t("adm.farmer.not_suspended"), {}, {}, {}, false});
            row.cells.push_back({std::to_string(list(f, "strikes").size()), {}, {}, {}, true});
            row.cells.push_back({number_text(f, "live_reservations"), {}, {}, {}, true});
            t.rows.push_back(std::move(row));
        }
        const std::string next = str(res.body, "next_cursor");
        if (!next.empty()) {
            results.pager.push_back(
                {std::string{farmers_href} +
                     query_string({{"phone", phone}, {"name", name}, {"cursor", next}}),
                 e.t("adm.pager.next"), false});
        }
    }
    av::section search_section;
    search_section.id = "search";
    search_section.forms.push_back(std::move(search));
    v.sections.push_back(std::move(search_section));
    results.tables.push_back(std::move(t));
    v.sections.push_back(std::move(results));
    return v;
}

av::admin_view farmer_view(env& e, const std::string& phone, const failure* failed) {
    const auto f = must_get(e, "/api/v1/farmers/" + path_segment(phone));
    const std::string number = str(f, "phone");
    av::admin_view v;
    v.heading = e.f("adm.farmers.detail_heading", {{"name", str(f, "name")}});
    v.lead = number;
    v.areas = areas(e, farmers_href);
    v.crumbs = crumbs(e, farmers_href, "adm.area.farmers", str(f, "name"));

    av::section facts;
    facts.id = "facts";
    const std::string trained = str(f, "training_completed_on");
    facts.facts = {
        {e.t("adm.farmer.phone"), number, {}},
        {e.t("adm.farmer.farm_id"), str(f, "farm_id"), {}},
        {e.t("adm.farmer.district"), str(f, "district"), {}},
        {e.t("adm.farmer.training"),
         trained.empty() ? e.t("adm.farmer.no_training") : date_text(e, trained),
         {}},
        {e.t("adm.farmer.categories"), category_names(e, strings(f, "categories")), {}},
        {e.t("adm.farmer.suspension"), suspension_text(e, f), {}},
        {e.t("adm.farmer.registered"), instant_short(str(f, "created_at")), {}},
    };
    v.sections.push_back(std::move(facts));

    // Strikes (DOMAIN.md §8): the third within the window suspends automatically.
    av::section strikes;
    strikes.id = "strikes";
    strikes.heading = e.t("adm.farmer.strikes");
    av::table st;
    st.headers = {e.t("adm.strike.at"), e.t("adm.strike.kind"), e.t("adm.strike.reservation")};
    st.empty = e.t("adm.strikes.empty");
    for (const auto& s : list(f, "strikes")) {
        const std::string kind_key = "adm.strike." + str(s, "kind");
        av::row row;
        row.cells.push_back({instant_short(str(s, "at")), {}, {}, {}, false});
        row.cells.push_back({e.t(kind_key), {}, {}, {}, false});
        row.cells.push_back({str(s, "reservation"), {}, {}, {}, false});
        st.rows.push_back(std::move(row));
    }
    strikes.tables.push_back(std::move(st));
    v.sections.push_back(std::move(strikes));

    // Live bookings: the reservations that hold capacity and count toward the limits.
    av::section live;
    live.id = "live";
    live.heading = e.t("adm.farmer.live");
    av::table lt;
    lt.headers = {e.t("adm.booking.code"), e.t("adm.field.branch"), e.t("adm.field.type"),
                  e.t("adm.booking.days"), e.t("adm.field.state")};
    lt.empty = e.t("adm.bookings.empty");
    const auto bookings =
        must_get(e, "/api/v1/reservations" + query_string({{"phone", number}, {"limit", "200"}}));
    for (const auto& b : list(bookings, "items")) {
        const auto st_value = parse_status(str(b, "status"));
        if (!st_value || !is_live(*st_value)) {
            continue;
        }
        const std::string start = str(b, "start");
        const std::string end = str(b, "end");
        av::row row;
        row.cells.push_back({str(b, "code"), {}, {}, {}, false});
        row.cells.push_back({branch_name(e, str(b, "branch")), {}, {}, {}, false});
        row.cells.push_back({type_name(e, str(b, "type")), {}, {}, {}, false});
        row.cells.push_back(
            {start == end ? date_text(e, start) : date_text(e, start) + " ~ " + date_text(e, end),
             {},
             {},
             {},
             false});
        row.cells.push_back(badge(e.t("status." + str(b, "status")), "info"));
        lt.rows.push_back(std::move(row));
    }
    live.tables.push_back(std::move(lt));
    v.sections.push_back(std::move(live));

    values cur;
    cur.set("name", str(f, "name"))
        .set("farm_id", str(f, "farm_id"))
        .set("district", str(f, "district"))
        .set("training_completed_on", trained);
    cur.multi["categories"] = strings(f, "categories");
    cur.options["categories"] = category_options(e);
    av::section edit;
    edit.id = "edit";
    edit.heading = e.t("adm.farmers.edit_form");
    edit.forms.push_back(build_form(
        e.lang, {"edit", "", "", farmer_href(number), "adm.form.save", farmer_edit_fields}, cur,
        failed));
    v.sections.push_back(std::move(edit));

    av::section suspension;
    suspension.id = "suspension";
    suspension.heading = e.t("adm.farmer.suspension");
    suspension.intro = e.t("adm.farmers.suspend_intro");
    if (f.as_object().contains("suspension") && !f.as_object().at("suspension").is_null()) {
        suspension.buttons.push_back(
            {e.t("adm.farmers.lift"), farmer_href(number) + "/lift", {}, false, ""});
    }
    suspension.forms.push_back(build_form(e.lang,
                                          {"suspend", "", "", farmer_href(number) + "/suspend",
                                           "adm.farmers.suspend", farmer_suspend_fields, true},
                                          {}, failed));
    v.sections.push_back(std::move(suspension));
    return v;
}

void add_farmer_admin_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{farmers_href}, admin_route(r, s, [](env& e) {
              auto v = farmers_view(e);
              const int status = v.error.empty() ? 200 : 400;
              return show(e, std::move(v), status, farmers_href);
          }));
    const std::string one = std::string{farmers_href} + "/{phone}";
    r.add("GET", one, admin_route(r, s, [](env& e) {
              const std::string phone{e.ctx.param("phone")};
              return show(e, farmer_view(e, phone, nullptr), 200, farmer_href(phone));
          }));
    r.add("POST", one, admin_route(r, s, [](env& e) {
              const std::string phone{e.ctx.param("phone")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/farmers/" + path_segment(phone),
                   farmer_edit_fields,
                   {},
                   "edit",
                   farmer_href(phone),
                   "adm.done.saved"},
                  [&](const failure* f) { return farmer_view(e, phone, f); }, farmer_href(phone));
          }));
    r.add("POST", one + "/suspend", admin_route(r, s, [](env& e) {
              const std::string phone{e.ctx.param("phone")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/farmers/" + path_segment(phone),
                   farmer_suspend_fields,
                   {},
                   "suspend",
                   farmer_href(phone),
                   "adm.done.suspended"},
                  [&](const failure* f) { return farmer_view(e, phone, f); }, farmer_href(phone));
          }));
    r.add("POST", one + "/lift", admin_route(r, s, [](env& e) {
              const std::string phone{e.ctx.param("phone")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/farmers/" + path_segment(phone),
                   {},
                   json::object{{"suspension", nullptr}},
                   "suspend",
                   farmer_href(phone),
                   "adm.done.lifted"},
                  [&](const failure* f) { return farmer_view(e, phone, f); }, farmer_href(phone));
          }));
}

// ---- staff users ---------------------------------------------------------------------------

constexpr std::string_view users_href = "/staff/admin/users";

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

std::string user_href(std::string_view username) {
    return std::string{users_href} + "/" + path_segment(username);
}

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
    const auto users = must_get(e, "/api/v1/users");
    av::admin_view v;
    v.heading = e.t("adm.area.users");
    v.lead = e.t("adm.users.lead");
    v.areas = areas(e, users_href);
    v.crumbs = crumbs(e, users_href, "adm.area.users");

    av::table t;
    t.caption = e.t("adm.users.caption");
    t.headers = {e.t("adm.user.username"), e.t("adm.user.display_name"), e.t("adm.user.role"),
                 e.t("adm.field.branch"),  e.t("adm.field.state"),       e.t("adm.user.created")};
    t.empty = e.t("adm.users.empty");
    for (const auto& u : users.as_array()) {
        const std::string name = str(u, "username");
        const bool active = flag(u, "active");
        av::row row;
        row.id = "user-" + name;
        row.muted = !active;
        row.cells.push_back({name, user_href(name), {}, {}, false});
        row.cells.push_back({str(u, "display_name"), {}, {}, {}, false});
        row.cells.push_back({e.t("adm.role." + str(u, "role")), {}, {}, {}, false});
        row.cells.push_back({branch_name(e, str(u, "branch")), {}, {}, {}, false});
        row.cells.push_back(badge(e.t(active ? "adm.state.active_user" : "adm.state.inactive_user"),
                                  active ? "ok" : "off"));
        row.cells.push_back({instant_short(str(u, "created_at")), {}, {}, {}, false});
        t.rows.push_back(std::move(row));
    }
    av::section list;
    list.id = "list";
    list.tables.push_back(std::move(t));
    v.sections.push_back(std::move(list));

    av::section add;
    add.id = "add";
    add.heading = e.t("adm.users.add_heading");
    add.forms.push_back(build_form(
        e.lang,
        {"add", "", "", std::string{users_href}, "adm.users.add_submit", user_create_fields},
        user_choices(e).set("role", "operator"), failed));
    v.sections.push_back(std::move(add));
    return v;
}

av::admin_view user_view(env& e, const std::string& username, const failure* failed) {
    const auto u = must_get(e, "/api/v1/users/" + path_segment(username));
    av::admin_view v;
    v.heading = e.f("adm.users.edit_heading", {{"name", username}});
    v.areas = areas(e, users_href);
    v.crumbs = crumbs(e, users_href, "adm.area.users", username);
    values cur = user_choices(e);
    cur.set("display_name", str(u, "display_name"))
        .set("role", str(u, "role"))
        .set("branch", str(u, "branch"));
    cur.check("active", flag(u, "active"));
    av::section edit;
    edit.id = "edit";
    edit.intro = e.t("adm.users.edit_intro");
    edit.forms.push_back(
        build_form(e.lang, {"edit", "", "", user_href(username), "adm.form.save", user_edit_fields},
                   cur, failed));
    v.sections.push_back(std::move(edit));
    return v;
}

void add_user_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{users_href}, admin_route(r, s, [](env& e) {
              return show(e, users_view(e, nullptr), 200, users_href);
          }));
    r.add("POST", std::string{users_href}, admin_route(r, s, [](env& e) {
              return submit(
                  e,
                  {"POST",
                   "/api/v1/users",
                   user_create_fields,
                   {},
                   "add",
                   std::string{users_href},
                   "adm.done.user_added"},
                  [&](const failure* f) { return users_view(e, f); }, users_href);
          }));
    const std::string one = std::string{users_href} + "/{username}";
    r.add("GET", one, admin_route(r, s, [](env& e) {
              const std::string name{e.ctx.param("username")};
              return show(e, user_view(e, name, nullptr), 200, user_href(name));
          }));
    r.add("POST", one, admin_route(r, s, [](env& e) {
              const std::string name{e.ctx.param("username")};
              return submit(
                  e,
                  {"PATCH",
                   "/api/v1/users/" + path_segment(name),
                   user_edit_fields,
                   {},
                   "edit",
                   std::string{users_href},
                   "adm.done.saved"},
                  [&](const failure* f) { return user_view(e, name, f); }, user_href(name));
          }));
}

// ---- audit log -----------------------------------------------------------------------------

constexpr std::string_view audit_href = "/staff/admin/audit";

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

av::admin_view audit_view(env& e) {
    std::vector<std::pair<std::string, std::string>> filter;
    for (const auto& f : audit_filter_fields) {
        filter.emplace_back(std::string{f.name}, std::string{e.query(f.name)});
    }
    const std::string cursor{e.query("cursor")};
    av::admin_view v;
    v.heading = e.t("adm.area.audit");
    v.lead = e.t("adm.audit.lead");
    v.areas = areas(e, audit_href);
    v.crumbs = crumbs(e, audit_href, "adm.area.audit");

    auto query = filter;
    query.emplace_back("cursor", cursor);
    query.emplace_back("limit", "50");
    const auto typed = query_form(e.ctx);
    const auto res = e.api.get("/api/v1/audit" + query_string(query));
    std::optional<failure> filter_failed;
    if (!res.ok()) {
        if (!res.refused()) {
            throw std::runtime_error("GET /api/v1/audit: " + std::to_string(res.status));
        }
        filter_failed = failure{"filter", &typed, res};
        v.error = refusal_text(e.lang, res);
    }
    values cur;
    for (const auto& [k, val] : filter) {
        cur.set(k, http::displayable(val, 64));
    }
    form_spec spec{"filter",           "", "", std::string{audit_href}, "adm.filter.show",
                   audit_filter_fields};
    spec.get = true;
    spec.compact = true;
    auto filter_form = build_form(e.lang, spec, cur, filter_failed ? &*filter_failed : nullptr);
    filter_form.reset_href = std::string{audit_href};
    filter_form.reset_label = e.t("adm.filter.reset");
    av::section filter_section;
    filter_section.id = "filter";
    filter_section.forms.push_back(std::move(filter_form));
    v.sections.push_back(std::move(filter_section));

    av::table t;
    t.caption = e.t("adm.audit.caption");
    t.headers = {e.t("adm.audit.at"),     e.t("adm.audit.actor"),   e.t("adm.audit.action"),
                 e.t("adm.audit.target"), e.t("adm.audit.details"), e.t("adm.audit.address")};
    t.empty = e.t("adm.audit.empty");
    av::section entries;
    entries.id = "entries";
    if (res.ok()) {
        for (const auto& a : list(res.body, "entries")) {
            av::row row;
            row.id = "audit-" + number_text(a, "id");
            row.cells.push_back({instant_short(str(a, "at")), {}, {}, {}, false});
            row.cells.push_back(
                {str(a, "actor"), {}, {str(a, "role") + " · " + str(a, "channel")}, {}, false});
            row.cells.push_back({str(a, "action"), {}, {}, {}, false});
            const std::string reservation = str(a, "reservation");
            row.cells.push_back(
                {reservation.empty() ? str(a, "entity") : e.t("adm.audit.reservation"),
                 {},
                 {reservation.empty() ? str(a, "entity_key") : reservation},
                 {},
                 false});
            row.cells.push_back({details_text(a), {}, {}, {}, false});
            row.cells.push_back({str(a, "address"), {}, {}, {}, false});
            t.rows.push_back(std::move(row));
        }
        const std::string next = str(res.body, "next_cursor");
        if (!next.empty()) {
            auto older = filter;
            older.emplace_back("cursor", next);
            entries.pager.push_back(
                {std::string{audit_href} + query_string(older), e.t("adm.pager.older"), false});
        }
        if (!cursor.empty()) {
            entries.pager.push_back(
                {std::string{audit_href} + query_string(filter), e.t("adm.pager.newest"), false});
        }
    }
    entries.tables.push_back(std::move(t));
    v.sections.push_back(std::move(entries));
    return v;
}

void add_audit_pages(http::router& r, app::services& s) {
    r.add("GET", std::string{audit_href}, admin_route(r, s, [](env& e) {
              auto v = audit_view(e);
              const int status = v.error.empty() ? 200 : 400;
              return show(e, std::move(v), status, audit_href);
          }));
}

} // namespace

void add_people_pages(http::router& r, app::services& s) {
    add_farmer_admin_pages(r, s);
    add_user_pages(r, s);
    add_audit_pages(r, s);
}

} // namespace agrirent::pages::admin
