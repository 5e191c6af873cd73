// People (issue 4, DOMAIN.md §8): farmers, staff users, and the audit trail.
//
// Who may do what:
// - Farmers: operators handle farmers (DOMAIN.md §8: "operator … farmers"; suspension "is set by
//   staff … and staff can lift it"), so admins and operators search, read, create and edit them,
//   including the training date and suspensions. Categories are admin only: they change the fee
//   a farmer pays (DOMAIN.md §7), a price policy like discounts (the service refuses them to an
//   operator). Clerks use the reservation and schedule views and get 403 here.
// - Staff users, the audit trail: admins only.
//
// The rules and the writes are the service's (server/app/admin_people.hpp); these handlers
// decode (server/codec/admin_decode.hpp), call it and render (admin_json.hpp).
#include <charconv>

#include "server/api/admin_support.hpp"
#include "server/app/admin_people.hpp"
#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/responses.hpp"

namespace agrirent::api::admin {
namespace {

using http::context;
namespace svc = app::admin;
namespace codec = agrirent::codec::admin;

// ---- farmers -------------------------------------------------------------------------------

void add_farmer_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/farmers", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        const auto q = codec::decode_farmer_query(ctx.query);
        return http::ok_json(codec::farmer_page_json(svc::search_farmers(s, q)));
    });

    r.add("GET", "/api/v1/farmers/{phone}", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        return answer(ctx, svc::farmer_of(s, param(ctx, "phone")),
                      [](const auto& f) { return http::ok_json(codec::farmer_json(f)); });
    });

    // Registers a farmer ahead of a booking (e.g. to record the safety training first).
    r.add("POST", "/api/v1/farmers", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        const auto in = codec::decode_farmer_create(http::json_object_body(ctx.req));
        return answer(ctx, svc::create_farmer(s, who(ctx), in),
                      [](const auto& f) { return http::created(codec::farmer_json(f)); });
    });

    r.add("PATCH", "/api/v1/farmers/{phone}", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        const auto in = codec::decode_farmer_update(http::json_object_body(ctx.req));
        return answer(ctx, svc::update_farmer(s, who(ctx), param(ctx, "phone"), in),
                      [](const auto& f) { return http::ok_json(codec::farmer_json(f)); });
    });
}

// ---- farmer groups (작목반, DOMAIN.md §16) --------------------------------------------------
// Admins and operators, like farmers: registering a group is office work on farmers.

std::int64_t group_id_of(const context& ctx) {
    const std::string_view raw = ctx.param("id");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
    if (ec != std::errc{} || end != raw.data() + raw.size() || id < 1) {
        throw http::bad_field("id", "not_a_group_id");
    }
    return id;
}

void add_group_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/groups", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        return http::ok_json(codec::groups_json(svc::list_groups(s)));
    });

    r.add("GET", "/api/v1/groups/{id}", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        return answer(ctx, svc::group_of(s, group_id_of(ctx)),
                      [](const auto& g) { return http::ok_json(codec::group_json(g)); });
    });

    r.add("POST", "/api/v1/groups", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        const auto in = codec::decode_group(http::json_object_body(ctx.req), true);
        return answer(ctx, svc::create_group(s, who(ctx), in),
                      [](const auto& g) { return http::created(codec::group_json(g)); });
    });

    r.add("PATCH", "/api/v1/groups/{id}", [&s](context& ctx) {
        require_role(ctx, {role::admin, role::operator_});
        const auto id = group_id_of(ctx);
        const auto in = codec::decode_group(http::json_object_body(ctx.req), false);
        return answer(ctx, svc::update_group(s, who(ctx), id, in),
                      [](const auto& g) { return http::ok_json(codec::group_json(g)); });
    });
}

// ---- staff users ---------------------------------------------------------------------------

void add_user_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/users", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        const auto users = svc::list_users(s);
        return http::ok_json(codec::users_json(users, *s.catalog.get()));
    });

    r.add("GET", "/api/v1/users/{username}", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        return answer(ctx, svc::user_of(s, param(ctx, "username")), [&s](const auto& u) {
            return http::ok_json(codec::staff_json(u, *s.catalog.get()));
        });
    });

    r.add("POST", "/api/v1/users", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        const auto in = codec::decode_user_create(http::json_object_body(ctx.req));
        return answer(ctx, svc::create_user(s, who(ctx), in), [&s](const auto& u) {
            return http::created(codec::staff_json(u, *s.catalog.get()));
        });
    });

    r.add("PATCH", "/api/v1/users/{username}", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        const auto in = codec::decode_user_update(http::json_object_body(ctx.req));
        return answer(
            ctx, svc::update_user(s, who(ctx), param(ctx, "username"), in),
            [&s](const auto& u) { return http::ok_json(codec::staff_json(u, *s.catalog.get())); });
    });
}

// ---- audit trail ---------------------------------------------------------------------------

void add_audit_routes(http::router& r, app::services& s) {
    // Newest first; `action` ending in '*' matches a prefix ("unit.*").
    r.add("GET", "/api/v1/audit", [&s](context& ctx) {
        require_role(ctx, {role::admin});
        const auto f = codec::decode_audit_query(ctx.query);
        return http::ok_json(codec::audit_page_json(svc::list_audit(s, f)));
    });
}

} // namespace

void add_people_routes(http::router& r, app::services& s) {
    add_farmer_routes(r, s);
    add_group_routes(r, s);
    add_user_routes(r, s);
    add_audit_routes(r, s);
}

} // namespace agrirent::api::admin
