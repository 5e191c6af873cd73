// Administration of the catalogue (issue 4): branches, machine types, units, discounts, farmer
// categories and settings. Admin only. Every write is one transaction with its audit row and a
// catalog reload (admin_support.hpp write_scope); stored reservations keep their plan and price
// (DOMAIN.md §7: later policy edits do not change agreed prices).
#include <algorithm>
#include <cmath>

#include "common/calendar.hpp"
#include "common/time.hpp"
#include "server/api/access.hpp"
#include "server/api/admin_support.hpp"
#include "server/api/json_views.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"

namespace agrirent::api::admin {
namespace {

using http::context;

constexpr std::size_t max_name = 80;
constexpr std::size_t max_address = 200;
constexpr std::size_t max_notes = 1000;
constexpr double max_hour_meter = 1'000'000;

void require_admin(const context& ctx) {
    require_role(ctx, {role::admin});
}

// ---- branches ------------------------------------------------------------------------------

json::object branch_record_json(const storage::branch_record& b) {
    return {{"name_ko", b.name_ko},
            {"name_en", b.name_en},
            {"phones", string_array(b.phones)},
            {"address_ko", b.address_ko},
            {"address_en", b.address_en},
            {"hours", hours_json(b.hours)},
            {"horizon_days", b.horizon_days},
            {"active", b.active}};
}

/// An office phone number (landlines too, so not normalize_phone): digits with spaces, dashes,
/// dots, parentheses or a leading '+', 7 to 15 digits.
bool is_office_phone(std::string_view p) {
    int digits = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
                     (c == '+' && i == 0))) {
            return false;
        }
    }
    return digits >= 7 && digits <= 15 && p.size() <= 24;
}

/// The fields shared by create and update (all optional here).
void apply_branch_fields(const json::object& body, storage::branch_record& b) {
    if (auto v = optional_name(body, "name_ko", max_name)) {
        b.name_ko = std::move(*v);
    }
    if (auto v = optional_name(body, "name_en", max_name)) {
        b.name_en = std::move(*v);
    }
    if (auto v = optional_name_list(body, "phones", 8, 24)) {
        for (const auto& p : *v) {
            if (!is_office_phone(p)) {
                throw http::bad_field("phones", "not_a_phone_number");
            }
        }
        b.phones = std::move(*v);
    }
    if (auto v = optional_text(body, "address_ko", max_address)) {
        b.address_ko = std::move(*v);
    }
    if (auto v = optional_text(body, "address_en", max_address)) {
        b.address_en = std::move(*v);
    }
    if (const auto* hours = http::optional_object(body, "hours")) {
        reject_unknown_fields(*hours,
                              {"open", "close", "eve_pickup_from", "return_by", "booking_cutoff"});
        auto& h = b.hours;
        h.open = optional_time(*hours, "open").value_or(h.open);
        h.close = optional_time(*hours, "close").value_or(h.close);
        h.eve_pickup_from = optional_time(*hours, "eve_pickup_from").value_or(h.eve_pickup_from);
        h.return_by = optional_time(*hours, "return_by").value_or(h.return_by);
        h.booking_cutoff = optional_time(*hours, "booking_cutoff").value_or(h.booking_cutoff);
    }
    if (const auto v = http::optional_int(body, "horizon_days", 0, 366)) {
        b.horizon_days = static_cast<int>(*v);
    }
    // DOMAIN.md §4: every time is a per-branch setting, but they must make sense together.
    if (const auto problem = validate_hours(b.hours); !problem.empty()) {
        throw http::api_error{
            400, "bad_request", "admin.invalid_hours", {{"field", "hours"}, {"problem", problem}}};
    }
}

void refuse_if_live_at_branch(storage::repositories& conn, const storage::branch_record& b) {
    if (const auto live = conn.admin().count_live_at_branch(b.id); live > 0) {
        throw_conflict("admin.branch_has_live_reservations",
                       {{"branch", b.code}, {"count", std::to_string(live)}});
    }
}

http::response branch_response(app::services& s, const std::string& code, int status) {
    const auto cat = s.catalog.get();
    const auto* b = cat->branch(code);
    if (b == nullptr) {
        throw_not_found("branch", code);
    }
    return ok(branch_admin_json(*b), status);
}

void add_branch_routes(http::router& r, app::services& s) {
    // GET /api/v1/branches (public) lists active branches; this shows any branch to an admin.
    r.add("GET", "/api/v1/branches/{code}", [&s](context& ctx) {
        require_admin(ctx);
        return branch_response(s, std::string{ctx.param("code")}, 200);
    });

    r.add("POST", "/api/v1/branches", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"code", "name_ko", "name_en", "phones", "address_ko",
                                     "address_en", "hours", "horizon_days"});
        storage::branch_record b;
        b.code = required_code(body, "code", 16);
        b.name_ko = required_name(body, "name_ko", max_name);
        b.name_en = required_name(body, "name_en", max_name);
        apply_branch_fields(body, b);
        write_scope w{s, ctx};
        b.id =
            unique_or_conflict("code", b.code, [&] { return w.conn().admin().insert_branch(b); });
        w.audit("branch.create", "branch", b.code, branch_record_json(b));
        w.commit();
        return branch_response(s, b.code, 201);
    });

    r.add("PATCH", "/api/v1/branches/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"name_ko", "name_en", "phones", "address_ko", "address_en",
                                     "hours", "horizon_days", "active"});
        const std::string code{ctx.param("code")};
        write_scope w{s, ctx};
        auto b = w.conn().admin().find_branch(code);
        if (!b) {
            throw_not_found("branch", code);
        }
        const auto before = branch_record_json(*b);
        apply_branch_fields(body, *b);
        if (const auto active = http::optional_bool(body, "active")) {
            if (!*active && b->active) {
                refuse_if_live_at_branch(w.conn(), *b);
            }
            b->active = *active;
        }
        const auto diff = changes(before, branch_record_json(*b));
        if (!diff.empty()) {
            w.conn().admin().update_branch(*b);
            w.audit("branch.update", "branch", code, diff);
        }
        w.commit();
        return branch_response(s, code, 200);
    });

    // Retire: a branch with history cannot be deleted; it stops taking bookings.
    r.add("DELETE", "/api/v1/branches/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const std::string code{ctx.param("code")};
        write_scope w{s, ctx};
        auto b = w.conn().admin().find_branch(code);
        if (!b) {
            throw_not_found("branch", code);
        }
        if (b->active) {
            refuse_if_live_at_branch(w.conn(), *b);
            b->active = false;
            w.conn().admin().update_branch(*b);
            w.audit("branch.retire", "branch", code, {});
        }
        w.commit();
        return branch_response(s, code, 200);
    });
}

// ---- machine types -------------------------------------------------------------------------

json::object type_record_json(const storage::type_record& t) {
    return {{"name_ko", t.type.name_ko},
            {"name_en", t.type.name_en},
            {"daily_fee", t.type.daily_fee.value},
            {"max_days", t.type.max_days},
            {"needs_training", t.type.needs_training},
            {"needs_approval", t.type.needs_approval},
            {"checklist", string_array(t.type.checklist)},
            {"active", t.active}};
}

void apply_type_fields(const json::object& body, storage::type_record& t) {
    if (auto v = optional_name(body, "name_ko", max_name)) {
        t.type.name_ko = std::move(*v);
    }
    if (auto v = optional_name(body, "name_en", max_name)) {
        t.type.name_en = std::move(*v);
    }
    if (const auto v = http::optional_int(body, "daily_fee", 0, 100'000'000)) {
        t.type.daily_fee = won{*v};
    }
    if (const auto v = http::optional_int(body, "max_days", 1, 31)) {
        t.type.max_days = static_cast<int>(*v);
    }
    if (const auto v = http::optional_bool(body, "needs_training")) {
        t.type.needs_training = *v;
    }
    if (const auto v = http::optional_bool(body, "needs_approval")) {
        t.type.needs_approval = *v;
    }
    if (auto v = optional_name_list(body, "checklist", 30, 60)) {
        t.type.checklist = std::move(*v);
    }
}

void refuse_if_live_of_type(storage::repositories& conn, const storage::type_record& t) {
    if (const auto live = conn.admin().count_live_of_type(t.id); live > 0) {
        throw_conflict("admin.type_has_live_reservations",
                       {{"type", t.type.code.value}, {"count", std::to_string(live)}});
    }
}

http::response type_response(app::services& s, const std::string& code, int status) {
    const auto cat = s.catalog.get();
    const auto* t = cat->type(code);
    if (t == nullptr) {
        throw_not_found("type", code);
    }
    return ok(type_admin_json(*t), status);
}

void add_type_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/machine-types/{code}", [&s](context& ctx) {
        require_admin(ctx);
        return type_response(s, std::string{ctx.param("code")}, 200);
    });

    r.add("POST", "/api/v1/machine-types", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"code", "name_ko", "name_en", "daily_fee", "max_days",
                                     "needs_training", "needs_approval", "checklist"});
        storage::type_record t;
        t.type.code = type_code{required_code(body, "code", 32)};
        t.type.name_ko = required_name(body, "name_ko", max_name);
        t.type.name_en = required_name(body, "name_en", max_name);
        t.type.daily_fee = won{http::required_int(body, "daily_fee", 0, 100'000'000)};
        apply_type_fields(body, t);
        write_scope w{s, ctx};
        t.id = unique_or_conflict("code", t.type.code.value,
                                  [&] { return w.conn().admin().insert_type(t); });
        w.audit("type.create", "machine_type", t.type.code.value, type_record_json(t));
        w.commit();
        return type_response(s, t.type.code.value, 201);
    });

    r.add("PATCH", "/api/v1/machine-types/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"name_ko", "name_en", "daily_fee", "max_days",
                                     "needs_training", "needs_approval", "checklist", "active"});
        const std::string code{ctx.param("code")};
        write_scope w{s, ctx};
        auto t = w.conn().admin().find_type(code);
        if (!t) {
            throw_not_found("type", code);
        }
        const auto before = type_record_json(*t);
        apply_type_fields(body, *t);
        if (const auto active = http::optional_bool(body, "active")) {
            if (!*active && t->active) {
                refuse_if_live_of_type(w.conn(), *t);
            }
            t->active = *active;
        }
        const auto diff = changes(before, type_record_json(*t));
        if (!diff.empty()) {
            w.conn().admin().update_type(*t);
            w.audit("type.update", "machine_type", code, diff);
        }
        w.commit();
        return type_response(s, code, 200);
    });

    r.add("DELETE", "/api/v1/machine-types/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const std::string code{ctx.param("code")};
        write_scope w{s, ctx};
        auto t = w.conn().admin().find_type(code);
        if (!t) {
            throw_not_found("type", code);
        }
        if (t->active) {
            refuse_if_live_of_type(w.conn(), *t);
            t->active = false;
            w.conn().admin().update_type(*t);
            w.audit("type.retire", "machine_type", code, {});
        }
        w.commit();
        return type_response(s, code, 200);
    });
}

// ---- units ---------------------------------------------------------------------------------

/// Asset tags appear in paths: ASCII letters, digits, '.', '_', '-', 1 … 32 characters.
bool is_tag(std::string_view t) {
    if (t.empty() || t.size() > 32 || t.front() == '.' || t.front() == '-') {
        return false;
    }
    for (const char c : t) {
        const bool ok_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                             (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok_char) {
            return false;
        }
    }
    return true;
}

storage::unit_record unit_or_404(storage::repositories& conn, std::string_view tag) {
    auto u = conn.admin().find_unit_record(tag);
    if (!u) {
        throw_not_found("unit", tag);
    }
    return std::move(*u);
}

/// DOMAIN.md §3: a unit that is out is with a farmer; it cannot move or be retired until
/// checked in.
void refuse_if_out(const storage::unit_record& u) {
    if (u.status == unit_status::out) {
        throw_conflict("admin.unit_out", {{"unit", u.tag}});
    }
}

double hour_meter_of(double v) {
    return std::round(v * 10) / 10; // the meters show tenths of an hour
}

void add_unit_routes(http::router& r, app::services& s) {
    // GET /api/v1/units and POST /api/v1/units/{tag}/status are the clerks' (staff API).
    r.add("POST", "/api/v1/units", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"tag", "type", "branch", "hour_meter", "notes"});
        storage::unit_record u;
        u.tag = http::required_string(body, "tag");
        if (!is_tag(u.tag)) {
            throw http::bad_field("tag", "not_a_tag");
        }
        const auto type = http::required_string(body, "type");
        const auto branch = http::required_string(body, "branch");
        u.hour_meter =
            hour_meter_of(http::optional_number(body, "hour_meter", 0, max_hour_meter).value_or(0));
        u.notes = optional_text(body, "notes", max_notes).value_or("");
        write_scope w{s, ctx};
        const auto t = w.conn().admin().find_type(type);
        if (!t) {
            throw_not_found("type", type);
        }
        if (!t->active) {
            throw_conflict("admin.type_retired", {{"type", type}});
        }
        u.type_id = t->id;
        u.branch_id = active_branch(w.conn(), branch).id;
        unique_or_conflict("tag", u.tag, [&] { return w.conn().admin().insert_unit(u); });
        const auto stored = unit_or_404(w.conn(), u.tag);
        w.audit("unit.create", "unit", u.tag, unit_json(stored));
        w.commit();
        return created(unit_json(stored));
    });

    r.add("PATCH", "/api/v1/units/{tag}", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"branch", "notes", "hour_meter"});
        const auto target = http::optional_string(body, "branch");
        const auto notes = optional_text(body, "notes", max_notes);
        const auto meter = http::optional_number(body, "hour_meter", 0, max_hour_meter);
        write_scope w{s, ctx};
        auto u = unit_or_404(w.conn(), ctx.param("tag"));
        const auto before = unit_json(u);
        // DOMAIN.md §3: a transfer is an explicit, logged action of its own (unit.transfer).
        if (target && *target != u.branch_code) {
            refuse_if_out(u);
            if (u.status == unit_status::retired) {
                throw_conflict("admin.unit_retired", {{"unit", u.tag}});
            }
            const auto to = active_branch(w.conn(), *target);
            w.audit("unit.transfer", "unit", u.tag,
                    {{"from", u.branch_code}, {"to", to.code}, {"status", to_string(u.status)}});
            u.branch_id = to.id;
            u.branch_code = to.code;
        }
        if (notes) {
            u.notes = *notes;
        }
        if (meter) {
            u.hour_meter = hour_meter_of(*meter);
        }
        auto after = unit_json(u);
        if (before != after) {
            w.conn().admin().update_unit_record(u);
            auto diff = changes(before, after);
            diff.erase("branch"); // logged by unit.transfer
            if (!diff.empty()) {
                w.audit("unit.update", "unit", u.tag, diff);
            }
        }
        w.commit();
        return ok(after);
    });

    r.add("DELETE", "/api/v1/units/{tag}", [&s](context& ctx) {
        require_admin(ctx);
        write_scope w{s, ctx};
        auto u = unit_or_404(w.conn(), ctx.param("tag"));
        if (u.status != unit_status::retired) {
            refuse_if_out(u);
            w.audit("unit.retire", "unit", u.tag,
                    {{"branch", u.branch_code}, {"from_status", to_string(u.status)}});
            u.status = unit_status::retired;
            w.conn().admin().update_unit_record(u);
        }
        w.commit();
        return ok(unit_json(u));
    });
}

// ---- discounts -----------------------------------------------------------------------------

void apply_discount_fields(storage::repositories& conn, const json::object& body,
                           storage::discount_record& d) {
    if (auto v = optional_name(body, "name_ko", max_name)) {
        d.name_ko = std::move(*v);
    }
    if (auto v = optional_name(body, "name_en", max_name)) {
        d.name_en = std::move(*v);
    }
    if (const auto v = http::optional_int(body, "percent", 0, 100)) {
        d.percent = static_cast<int>(*v);
    }
    d.days.from = http::optional_date(body, "from").value_or(d.days.from);
    d.days.to = http::optional_date(body, "to").value_or(d.days.to);
    if (d.days.to < d.days.from) {
        throw http::bad_field("to", "before_from");
    }
    if (auto v = optional_name_list(body, "branches", 50, 16)) {
        for (const auto& code : *v) {
            if (!conn.admin().find_branch(code)) {
                throw_not_found("branches", code);
            }
        }
        d.branches = std::move(*v);
    }
    if (auto v = optional_name_list(body, "types", 100, 32)) {
        for (const auto& code : *v) {
            if (!conn.admin().find_type(code)) {
                throw_not_found("types", code);
            }
        }
        d.types = std::move(*v);
    }
    if (const auto v = http::optional_bool(body, "active")) {
        d.active = *v;
    }
}

storage::discount_record discount_or_404(storage::repositories& conn, const context& ctx) {
    const auto id = id_param(ctx, "id", "discount");
    auto d = conn.admin().find_discount(id);
    if (!d) {
        throw_not_found("discount", ctx.param("id"));
    }
    return std::move(*d);
}

void add_discount_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/discounts", [&s](context& ctx) {
        require_admin(ctx);
        auto lease = s.db.begin(storage::access::read);
        json::array out;
        for (const auto& d : lease->admin().list_discounts()) {
            out.push_back(discount_json(d));
        }
        return ok(out);
    });

    r.add("POST", "/api/v1/discounts", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(
            body, {"name_ko", "name_en", "percent", "from", "to", "branches", "types", "active"});
        storage::discount_record d;
        d.name_ko = required_name(body, "name_ko", max_name);
        d.name_en = required_name(body, "name_en", max_name);
        d.percent = static_cast<int>(http::required_int(body, "percent", 0, 100));
        d.days = {http::required_date(body, "from"), http::required_date(body, "to")};
        write_scope w{s, ctx};
        apply_discount_fields(w.conn(), body, d);
        d.id = w.conn().admin().insert_discount(d);
        const auto out = discount_json(d);
        w.audit("discount.create", "discount", std::to_string(d.id), out);
        w.commit();
        return created(out);
    });

    r.add("PATCH", "/api/v1/discounts/{id}", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(
            body, {"name_ko", "name_en", "percent", "from", "to", "branches", "types", "active"});
        write_scope w{s, ctx};
        auto d = discount_or_404(w.conn(), ctx);
        const auto before = discount_json(d);
        apply_discount_fields(w.conn(), body, d);
        const auto after = discount_json(d);
        if (const auto diff = changes(before, after); !diff.empty()) {
            w.conn().admin().update_discount(d);
            w.audit("discount.update", "discount", std::to_string(d.id), diff);
        }
        w.commit();
        return ok(after);
    });

    // Deactivate: reservations priced with it keep their stored price (DOMAIN.md §7).
    r.add("DELETE", "/api/v1/discounts/{id}", [&s](context& ctx) {
        require_admin(ctx);
        write_scope w{s, ctx};
        auto d = discount_or_404(w.conn(), ctx);
        if (d.active) {
            d.active = false;
            w.conn().admin().update_discount(d);
            w.audit("discount.deactivate", "discount", std::to_string(d.id), {});
        }
        w.commit();
        return ok(discount_json(d));
    });
}

// ---- farmer categories ---------------------------------------------------------------------

storage::category_record category_or_404(storage::repositories& conn, std::string_view code) {
    auto c = conn.admin().find_category(code);
    if (!c) {
        throw_not_found("category", code);
    }
    return std::move(*c);
}

void add_category_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/farmer-categories", [&s](context& ctx) {
        require_admin(ctx);
        auto lease = s.db.begin(storage::access::read);
        json::array out;
        for (const auto& c : lease->admin().list_categories()) {
            out.push_back(category_json(c));
        }
        return ok(out);
    });

    r.add("POST", "/api/v1/farmer-categories", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"code", "name_ko", "name_en", "percent"});
        storage::category_record c;
        c.code = required_code(body, "code", 32);
        c.name_ko = required_name(body, "name_ko", max_name);
        c.name_en = required_name(body, "name_en", max_name);
        // DOMAIN.md §7: a negative percent is a surcharge.
        c.percent = static_cast<int>(http::required_int(body, "percent", -100, 100));
        write_scope w{s, ctx};
        c.id =
            unique_or_conflict("code", c.code, [&] { return w.conn().admin().insert_category(c); });
        w.audit("category.create", "farmer_category", c.code, category_json(c));
        w.commit();
        return created(category_json(c));
    });

    r.add("PATCH", "/api/v1/farmer-categories/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"name_ko", "name_en", "percent"});
        write_scope w{s, ctx};
        auto c = category_or_404(w.conn(), ctx.param("code"));
        const auto before = category_json(c);
        c.name_ko = optional_name(body, "name_ko", max_name).value_or(c.name_ko);
        c.name_en = optional_name(body, "name_en", max_name).value_or(c.name_en);
        if (const auto v = http::optional_int(body, "percent", -100, 100)) {
            c.percent = static_cast<int>(*v);
        }
        const auto after = category_json(c);
        if (const auto diff = changes(before, after); !diff.empty()) {
            w.conn().admin().update_category(c);
            w.audit("category.update", "farmer_category", c.code, diff);
        }
        w.commit();
        return ok(after);
    });

    r.add("DELETE", "/api/v1/farmer-categories/{code}", [&s](context& ctx) {
        require_admin(ctx);
        write_scope w{s, ctx};
        const auto c = category_or_404(w.conn(), ctx.param("code"));
        if (const auto members = w.conn().admin().count_category_members(c.id); members > 0) {
            throw_conflict("admin.category_in_use",
                           {{"category", c.code}, {"count", std::to_string(members)}});
        }
        w.conn().admin().delete_category(c.id);
        w.audit("category.delete", "farmer_category", c.code, category_json(c));
        w.commit();
        return no_content();
    });
}

// ---- settings ------------------------------------------------------------------------------

struct setting_def {
    std::string_view key;
    int min;
    int max;
    int (*get)(const app::settings&);
};

// The keys of catalog.cpp load_settings, with the ranges an office may choose.
constexpr setting_def setting_defs[] = {
    {"max_live", 1, 50, [](const app::settings& c) { return c.max_live; }},
    {"late_grace_minutes", 0, 1440,
     [](const app::settings& c) { return static_cast<int>(c.late.grace.count()); }},
    {"late_multiplier_pct", 0, 1000, [](const app::settings& c) { return c.late.multiplier_pct; }},
    {"strikes_to_suspend", 1, 100,
     [](const app::settings& c) { return c.strikes.strikes_to_suspend; }},
    {"strike_window_months", 1, 120,
     [](const app::settings& c) { return c.strikes.window_months; }},
    {"suspension_months", 1, 120,
     [](const app::settings& c) { return c.strikes.suspension_months; }},
    {"public_rate_per_minute", 1, 100000,
     [](const app::settings& c) { return c.public_rate_per_minute; }},
    {"login_failures_per_account", 1, 1000,
     [](const app::settings& c) { return c.login_failures_per_account; }},
    {"login_failures_per_address", 1, 100000,
     [](const app::settings& c) { return c.login_failures_per_address; }},
    {"login_window_minutes", 1, 1440,
     [](const app::settings& c) { return c.login_window_minutes; }},
    {"session_idle_minutes", 1, 1440,
     [](const app::settings& c) { return c.session_idle_minutes; }},
    {"session_absolute_hours", 1, 720,
     [](const app::settings& c) { return c.session_absolute_hours; }},
};

json::object settings_json(const app::settings& c) {
    json::object o;
    for (const auto& d : setting_defs) {
        o[d.key] = d.get(c);
    }
    return o;
}

void add_settings_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/settings", [&s](context& ctx) {
        require_admin(ctx);
        return ok(settings_json(s.catalog.get()->config()));
    });

    r.add("PATCH", "/api/v1/settings", [&s](context& ctx) {
        require_admin(ctx);
        const auto body = http::json_object_body(ctx.req);
        for (const auto& kv : body) {
            const auto known = std::find_if(std::begin(setting_defs), std::end(setting_defs),
                                            [&](const auto& d) { return d.key == kv.key(); });
            if (known == std::end(setting_defs)) {
                throw http::bad_field(std::string{kv.key()}, "unknown_field");
            }
        }
        write_scope w{s, ctx};
        const auto current = settings_json(s.catalog.get()->config());
        json::object next = current;
        for (const auto& d : setting_defs) {
            if (const auto v = http::optional_int(body, d.key, d.min, d.max)) {
                next[d.key] = *v;
            }
        }
        if (next.at("session_idle_minutes").as_int64() >
            next.at("session_absolute_hours").as_int64() * 60) {
            throw http::bad_field("session_idle_minutes", "longer_than_absolute");
        }
        const auto diff = changes(current, next);
        for (const auto& kv : diff) {
            w.conn().admin().put_setting(kv.key(), std::to_string(next.at(kv.key()).as_int64()));
        }
        if (!diff.empty()) {
            w.audit("settings.update", "settings", "", diff);
        }
        w.commit();
        return ok(settings_json(s.catalog.get()->config()));
    });
}

} // namespace

void add_catalog_routes(http::router& r, app::services& s) {
    add_branch_routes(r, s);
    add_type_routes(r, s);
    add_unit_routes(r, s);
    add_discount_routes(r, s);
    add_category_routes(r, s);
    add_settings_routes(r, s);
}

} // namespace agrirent::api::admin
