// People (issue 4, DOMAIN.md §8): farmers, staff users, and the audit trail.
//
// Who may do what:
// - Farmers: operators handle farmers (DOMAIN.md §8: "operator … farmers"; suspension "is set by
//   staff … and staff can lift it"), so admins and operators search, read, create and edit them,
//   including the training date and suspensions. Categories are admin only: they change the fee
//   a farmer pays (DOMAIN.md §7), a price policy like discounts. Clerks use the reservation and
//   schedule views and get 403 here.
// - Staff users, the audit trail: admins only.
#include <algorithm>

#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/api/access.hpp"
#include "server/api/admin_support.hpp"
#include "server/app/auth.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/storage/people_repository.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::api::admin {
namespace {

using http::context;

constexpr int default_page = 50;
constexpr int max_page = 200;

// ---- farmers -------------------------------------------------------------------------------

json::value date_or_null(const std::optional<local_days>& d) {
    return d ? json::value(format_date(*d)) : json::value(nullptr);
}

json::value text_or_null(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

/// The editable fields, as compared for the audit trail.
json::object farmer_fields_json(const storage::farmer_row& f) {
    return {{"name", f.name},
            {"farm_id", text_or_null(f.farm_id)},
            {"district", text_or_null(f.district)},
            {"training_completed_on", date_or_null(f.training_completed_on)},
            {"categories", string_array(f.categories)}};
}

json::object farmer_json(storage::repositories& conn, const storage::farmer_row& f,
                         local_days today) {
    auto o = farmer_fields_json(f);
    o["phone"] = f.phone;
    o["suspension"] = f.suspended_until
                          ? json::value(json::object{{"until", format_date(*f.suspended_until)},
                                                     {"reason", text_or_null(f.suspension_reason)}})
                          : json::value(nullptr);
    o["suspended"] = f.suspended_until.has_value() && *f.suspended_until >= today;
    json::array strikes;
    for (const auto& st : conn.people().farmer_strikes(f.id)) {
        strikes.push_back(json::object{{"kind", st.kind},
                                       {"at", format_instant(office_zone(), st.at)},
                                       {"reservation", text_or_null(st.reservation_code)}});
    }
    o["strikes"] = std::move(strikes);
    o["live_reservations"] = conn.people().count_live_of_farmer(f.id);
    o["created_at"] = format_instant(office_zone(), f.created_at);
    return o;
}

std::string phone_or_400(std::string_view raw, std::string_view field) {
    auto phone = normalize_phone(raw);
    if (!phone) {
        throw http::bad_field(std::string{field}, "not_a_mobile_number");
    }
    return std::move(*phone);
}

storage::farmer_row farmer_or_404(storage::repositories& conn, std::string_view raw_phone) {
    const auto phone = normalize_phone(raw_phone);
    auto f = phone ? conn.reservations().find_farmer_by_phone(*phone) : std::nullopt;
    if (!f) {
        throw_not_found("farmer", raw_phone);
    }
    return std::move(*f);
}

/// An optional text field where null clears: nullopt = leave, {nullopt} = clear.
std::optional<std::optional<std::string>>
nullable_name(const json::object& body, std::string_view key, std::size_t max_chars) {
    if (!has_field(body, key)) {
        return std::nullopt;
    }
    if (is_null_field(body, key)) {
        return std::optional<std::optional<std::string>>{std::in_place, std::nullopt};
    }
    return std::optional<std::optional<std::string>>{std::in_place,
                                                     optional_name(body, key, max_chars)};
}

/// Applies name, farm_id, district, training_completed_on and categories; `who` decides whether
/// categories may change.
void apply_farmer_fields(storage::repositories& conn, const json::object& body,
                         storage::farmer_row& f, const app::staff_session& who, local_days today,
                         std::vector<std::int64_t>* category_ids) {
    if (auto v = optional_name(body, "name", 40)) {
        f.name = std::move(*v);
    }
    if (auto v = nullable_name(body, "farm_id", 32)) {
        f.farm_id = std::move(*v);
    }
    if (auto v = nullable_name(body, "district", 40)) {
        f.district = std::move(*v);
    }
    if (has_field(body, "training_completed_on")) {
        const auto d = http::optional_date(body, "training_completed_on");
        if (d && *d > today) {
            throw http::bad_field("training_completed_on", "in_future");
        }
        f.training_completed_on = d;
    }
    if (has_field(body, "categories")) {
        if (who.user.who != role::admin) {
            // DOMAIN.md §7: categories change the fee; a price policy, admin only.
            throw http::api_error{403, "forbidden", "reason.forbidden", {{"field", "categories"}}};
        }
        auto codes =
            optional_name_list(body, "categories", 20, 32).value_or(std::vector<std::string>{});
        std::sort(codes.begin(), codes.end());
        category_ids->clear();
        for (const auto& code : codes) {
            const auto c = conn.admin().find_category(code);
            if (!c) {
                throw_not_found("categories", code);
            }
            category_ids->push_back(c->id);
        }
        f.categories = std::move(codes);
    }
}

/// Sets or lifts a suspension (DOMAIN.md §8) and writes its own audit row.
void apply_suspension(write_scope& w, const json::object& body, storage::farmer_row& f,
                      local_days today) {
    if (!has_field(body, "suspension")) {
        return;
    }
    if (is_null_field(body, "suspension")) {
        if (f.suspended_until) {
            w.audit("farmer.lift_suspension", "farmer", f.phone,
                    {{"until", format_date(*f.suspended_until)},
                     {"reason", text_or_null(f.suspension_reason)}});
        }
        f.suspended_until.reset();
        f.suspension_reason.reset();
        return;
    }
    const auto* s = http::optional_object(body, "suspension");
    reject_unknown_fields(*s, {"until", "reason"});
    const auto until = http::optional_date(*s, "until");
    if (!until) {
        throw http::bad_field("suspension.until", "missing");
    }
    if (*until < today) {
        throw http::bad_field("suspension.until", "in_past");
    }
    auto reason = optional_text(*s, "reason", 200);
    if (!reason || reason->empty()) {
        throw http::bad_field("suspension.reason", "missing");
    }
    w.audit("farmer.suspend", "farmer", f.phone,
            {{"until", format_date(*until)},
             {"reason", *reason},
             {"previous_until", date_or_null(f.suspended_until)}});
    f.suspended_until = until;
    f.suspension_reason = std::move(reason);
}

void add_farmer_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/farmers", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        storage::farmer_search q;
        if (const auto raw = ctx.query_value("phone"); raw && !raw->empty()) {
            // A whole number matches exactly; 4 or more digits match anywhere ("뒷자리 5678").
            if (auto phone = normalize_phone(*raw)) {
                q.phone = std::move(*phone);
            } else if (raw->size() >= 4 && raw->size() <= 11 &&
                       std::all_of(raw->begin(), raw->end(),
                                   [](char c) { return c >= '0' && c <= '9'; })) {
                q.phone_digits = std::string{*raw};
            } else {
                throw http::bad_field("phone", "not_a_mobile_number");
            }
        }
        if (const auto raw = ctx.query_value("name"); raw && !raw->empty()) {
            auto name = normalize_name(*raw, 40);
            if (!name) {
                throw http::bad_field("name", "invalid_name");
            }
            q.name = std::move(*name);
        }
        const int limit = limit_param(ctx, default_page, max_page);
        q.limit = limit + 1; // one more tells whether there is a next page
        q.before_id = cursor_param(ctx);
        auto lease = s.db.begin(storage::access::read);
        auto found = lease->people().search_farmers(q);
        json::value next = nullptr;
        if (found.size() > static_cast<std::size_t>(limit)) {
            found.resize(static_cast<std::size_t>(limit));
            next = std::to_string(found.back().id);
        }
        json::array out;
        const auto day = today(s);
        for (const auto& f : found) {
            out.push_back(farmer_json(*lease, f, day));
        }
        lease->commit();
        return ok(json::object{{"farmers", std::move(out)}, {"next_cursor", next}});
    });

    r.add("GET", "/api/v1/farmers/{phone}", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        auto lease = s.db.begin(storage::access::read);
        const auto f = farmer_or_404(*lease, ctx.param("phone"));
        auto out = farmer_json(*lease, f, today(s));
        lease->commit();
        return ok(out);
    });

    // Registers a farmer ahead of a booking (e.g. to record the safety training first).
    r.add("POST", "/api/v1/farmers", [&s](context& ctx) {
        const auto& who = require_role(ctx, {role::admin, role::operator_});
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"name", "phone", "farm_id", "district",
                                     "training_completed_on", "categories", "suspension"});
        storage::farmer_row f;
        f.phone = phone_or_400(http::required_string(body, "phone"), "phone");
        f.name = required_name(body, "name", 40);
        const auto day = today(s);
        write_scope w{s, ctx};
        std::vector<std::int64_t> category_ids;
        apply_farmer_fields(w.conn(), body, f, who, day, &category_ids);
        apply_suspension(w, body, f, day);
        f.created_at = w.now();
        f.id = unique_or_conflict("phone", f.phone,
                                  [&] { return w.conn().reservations().insert_farmer(f); });
        w.conn().people().set_farmer_categories(f.id, category_ids);
        auto fields = farmer_fields_json(f);
        w.audit("farmer.create", "farmer", f.phone, fields);
        auto out = farmer_json(w.conn(), f, day);
        w.commit();
        return created(out);
    });

    r.add("PATCH", "/api/v1/farmers/{phone}", [&s](context& ctx) {
        const auto& who = require_role(ctx, {role::admin, role::operator_});
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"name", "farm_id", "district", "training_completed_on",
                                     "categories", "suspension"});
        const auto day = today(s);
        write_scope w{s, ctx};
        auto f = farmer_or_404(w.conn(), ctx.param("phone"));
        const auto before = farmer_fields_json(f);
        std::vector<std::int64_t> category_ids;
        apply_farmer_fields(w.conn(), body, f, who, day, &category_ids);
        apply_suspension(w, body, f, day);
        w.conn().people().update_farmer(f);
        if (has_field(body, "categories")) {
            w.conn().people().set_farmer_categories(f.id, category_ids);
        }
        if (const auto diff = changes(before, farmer_fields_json(f)); !diff.empty()) {
            w.audit("farmer.update", "farmer", f.phone, diff);
        }
        auto out = farmer_json(w.conn(), f, day);
        w.commit();
        return ok(out);
    });
}

// ---- staff users ---------------------------------------------------------------------------

/// Usernames: lower-case ASCII letters, digits, '.', '_', '-'; 2 … 32 characters.
bool is_username(std::string_view u) {
    if (u.size() < 2 || u.size() > 32) {
        return false;
    }
    const auto ok_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    };
    return std::all_of(u.begin(), u.end(), ok_char) && ok_char(u.front()) && u.front() != '.' &&
           u.front() != '-' && u.front() != '_';
}

role role_or_400(const json::object& body) {
    const auto raw = http::required_string(body, "role");
    const auto r = parse_role(raw);
    if (!r || (*r != role::admin && *r != role::operator_ && *r != role::clerk)) {
        throw http::bad_field("role", "not_a_staff_role");
    }
    return *r;
}

/// The password, checked, hashed before any lock is taken (argon2id is slow on purpose).
std::string hashed_password(const std::string& password) {
    if (!app::acceptable_password(password)) {
        throw http::bad_field("password", "weak_password");
    }
    return app::hash_password(password);
}

storage::staff_row user_or_404(storage::repositories& conn, std::string_view username) {
    auto u = conn.staff().find_staff(username);
    if (!u) {
        throw_not_found("user", username);
    }
    return std::move(*u);
}

/// The fields compared for the audit trail (never the hash).
json::object user_fields_json(const storage::staff_row& u, const app::catalog& cat) {
    auto o = staff_json(u, cat);
    o.erase("username");
    o.erase("created_at");
    return o;
}

void add_user_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/users", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        auto lease = s.db.begin(storage::access::read);
        const auto cat = s.catalog.get();
        json::array out;
        for (const auto& u : lease->staff().list_staff()) {
            out.push_back(staff_json(u, *cat));
        }
        return ok(out);
    });

    r.add("GET", "/api/v1/users/{username}", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        auto lease = s.db.begin(storage::access::read);
        return ok(staff_json(user_or_404(*lease, ctx.param("username")), *s.catalog.get()));
    });

    r.add("POST", "/api/v1/users", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"username", "password", "role", "branch", "display_name"});
        storage::staff_row u;
        u.username = http::required_string(body, "username");
        if (!is_username(u.username)) {
            throw http::bad_field("username", "not_a_username");
        }
        u.who = role_or_400(body);
        const auto branch = http::optional_string(body, "branch");
        if (u.who == role::clerk && !branch) {
            throw http::bad_field("branch", "required_for_clerks");
        }
        if (u.who != role::clerk && branch) {
            throw http::bad_field("branch", "only_for_clerks");
        }
        u.display_name = optional_name(body, "display_name", 60).value_or("");
        u.password_hash = hashed_password(http::required_string(body, "password"));
        write_scope w{s, ctx};
        if (branch) {
            u.branch_id = active_branch(w.conn(), *branch).id;
        }
        u.created_at = w.now();
        u.id = unique_or_conflict("username", u.username,
                                  [&] { return w.conn().staff().insert_staff(u); });
        auto details = user_fields_json(u, *s.catalog.get());
        details["username"] = u.username;
        w.audit("user.create", "user", u.username, details);
        w.commit();
        return created(staff_json(u, *s.catalog.get()));
    });

    r.add("PATCH", "/api/v1/users/{username}", [&s](context& ctx) {
        const auto& me = require_role(ctx, {role::admin});
        const auto body = http::json_object_body(ctx.req);
        reject_unknown_fields(body, {"display_name", "role", "branch", "active", "password"});
        std::optional<std::string> new_hash;
        if (const auto password = http::optional_string(body, "password")) {
            new_hash = hashed_password(*password);
        }
        write_scope w{s, ctx};
        auto u = user_or_404(w.conn(), ctx.param("username"));
        const bool self = u.id == me.user.id;
        const auto before = user_fields_json(u, *s.catalog.get());
        const bool was_active = u.active;
        if (auto v = optional_name(body, "display_name", 60)) {
            u.display_name = std::move(*v);
        }
        if (has_field(body, "role")) {
            const role next = role_or_400(body);
            if (self && next != u.who) {
                // An admin cannot lock themself out; another admin can change them.
                throw_conflict("admin.self_change", {{"field", "role"}});
            }
            u.who = next;
        }
        if (const auto active = http::optional_bool(body, "active")) {
            if (self && !*active) {
                throw_conflict("admin.self_change", {{"field", "active"}});
            }
            u.active = *active;
        }
        if (const auto branch = http::optional_string(body, "branch")) {
            if (u.who != role::clerk) {
                throw http::bad_field("branch", "only_for_clerks");
            }
            u.branch_id = active_branch(w.conn(), *branch).id;
        }
        if (u.who != role::clerk) {
            u.branch_id.reset(); // schema: only clerks belong to a branch
        } else if (!u.branch_id) {
            throw http::bad_field("branch", "required_for_clerks");
        }
        if (new_hash) {
            u.password_hash = *new_hash;
        }
        w.conn().staff().update_staff(u);
        auto details = changes(before, user_fields_json(u, *s.catalog.get()));
        if (new_hash) {
            details["password"] = "changed";
        }
        // A deactivated user, or one whose password changed, is logged out everywhere.
        if (new_hash || (was_active && !u.active)) {
            w.conn().staff().delete_sessions_of(u.id);
            details["sessions_ended"] = true;
        }
        if (!details.empty()) {
            w.audit("user.update", "user", u.username, details);
        }
        w.commit();
        return ok(staff_json(u, *s.catalog.get()));
    });
}

// ---- audit trail ---------------------------------------------------------------------------

std::optional<std::string> query_text(const context& ctx, std::string_view key,
                                      std::size_t max_len) {
    const auto v = ctx.query_value(key);
    if (!v || v->empty()) {
        return std::nullopt;
    }
    if (v->size() > max_len || !is_valid_utf8(*v)) {
        throw http::bad_field(std::string{key}, "invalid");
    }
    return std::string{*v};
}

void add_audit_routes(http::router& r, app::services& s) {
    // Newest first; `action` ending in '*' matches a prefix ("unit.*").
    r.add("GET", "/api/v1/audit", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        storage::audit_filter f;
        if (const auto from = http::optional_query_date(ctx, "from")) {
            f.from = to_instant(office_zone(), *from, time_of_day{0});
        }
        if (const auto to = http::optional_query_date(ctx, "to")) {
            f.to = to_instant(office_zone(), *to + date::days{1}, time_of_day{0});
        }
        f.actor = query_text(ctx, "actor", 64);
        if (auto action = query_text(ctx, "action", 64)) {
            if (action->ends_with('*')) {
                action->pop_back();
                f.action_prefix = std::move(action);
            } else {
                f.action = std::move(action);
            }
        }
        if (auto code = query_text(ctx, "reservation", 32)) {
            auto normal = normalize_booking_code(*code);
            f.reservation_code = normal ? std::move(*normal) : std::move(*code);
        }
        f.entity = query_text(ctx, "entity", 64);
        f.entity_key = query_text(ctx, "entity_key", 128);
        const int limit = limit_param(ctx, default_page, max_page);
        f.limit = limit + 1;
        f.before_id = cursor_param(ctx);
        auto lease = s.db.begin(storage::access::read);
        auto found = lease->audit().list_audit(f);
        json::value next = nullptr;
        if (found.size() > static_cast<std::size_t>(limit)) {
            found.resize(static_cast<std::size_t>(limit));
            next = std::to_string(found.back().id);
        }
        json::array out;
        for (const auto& a : found) {
            out.push_back(audit_json(a));
        }
        return ok(json::object{{"entries", std::move(out)}, {"next_cursor", next}});
    });
}

} // namespace

void add_people_routes(http::router& r, app::services& s) {
    add_farmer_routes(r, s);
    add_user_routes(r, s);
    add_audit_routes(r, s);
}

} // namespace agrirent::api::admin
