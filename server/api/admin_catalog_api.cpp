// Administration of the catalogue (issue 4): branches, machine types, units, discounts, farmer
// categories and settings. Admin only. The rules, the writes with their audit rows and the
// catalog reload are the service's (server/app/admin_catalog.hpp); these handlers decode
// (server/codec/admin_decode.hpp), call it and render (admin_json.hpp).
#include "server/api/admin_support.hpp"
#include "server/app/admin_catalog.hpp"
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

// Renderings of a service's answer.
const auto branch_ok = [](const auto& b) { return http::ok_json(codec::branch_admin_json(*b)); };
const auto branch_created = [](const auto& b) {
    return http::created(codec::branch_admin_json(*b));
};
const auto type_ok = [](const auto& t) { return http::ok_json(codec::type_admin_json(*t)); };
const auto type_created = [](const auto& t) { return http::created(codec::type_admin_json(*t)); };

// ---- branches ------------------------------------------------------------------------------

void add_branch_routes(http::router& r, app::services& s) {
    // GET /api/v1/branches (public) lists active branches; this shows any branch to an admin.
    r.add("GET", "/api/v1/branches/{code}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::branch_detail(s, param(ctx, "code")), branch_ok);
    });

    r.add("POST", "/api/v1/branches", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_branch_create(http::json_object_body(ctx.req));
        return answer(ctx, svc::create_branch(s, who(ctx), in), branch_created);
    });

    r.add("PATCH", "/api/v1/branches/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_branch_update(http::json_object_body(ctx.req));
        return answer(ctx, svc::update_branch(s, who(ctx), param(ctx, "code"), in), branch_ok);
    });

    // Retire: a branch with history cannot be deleted; it stops taking bookings.
    r.add("DELETE", "/api/v1/branches/{code}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::retire_branch(s, who(ctx), param(ctx, "code")), branch_ok);
    });
}

// ---- machine types -------------------------------------------------------------------------

void add_type_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/machine-types/{code}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::type_detail(s, param(ctx, "code")), type_ok);
    });

    r.add("POST", "/api/v1/machine-types", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_type_create(http::json_object_body(ctx.req));
        return answer(ctx, svc::create_type(s, who(ctx), in), type_created);
    });

    r.add("PATCH", "/api/v1/machine-types/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_type_update(http::json_object_body(ctx.req));
        return answer(ctx, svc::update_type(s, who(ctx), param(ctx, "code"), in), type_ok);
    });

    r.add("DELETE", "/api/v1/machine-types/{code}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::retire_type(s, who(ctx), param(ctx, "code")), type_ok);
    });
}

// ---- units ---------------------------------------------------------------------------------

void add_unit_routes(http::router& r, app::services& s) {
    // GET /api/v1/units and POST /api/v1/units/{tag}/status are the clerks' (staff API).
    r.add("POST", "/api/v1/units", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_unit_create(http::json_object_body(ctx.req));
        return answer(ctx, svc::create_unit(s, who(ctx), in),
                      [](const auto& u) { return http::created(codec::unit_json(u)); });
    });

    r.add("PATCH", "/api/v1/units/{tag}", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_unit_update(http::json_object_body(ctx.req));
        return answer(ctx, svc::update_unit(s, who(ctx), param(ctx, "tag"), in),
                      [](const auto& u) { return http::ok_json(codec::unit_json(u)); });
    });

    r.add("DELETE", "/api/v1/units/{tag}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::retire_unit(s, who(ctx), param(ctx, "tag")),
                      [](const auto& u) { return http::ok_json(codec::unit_json(u)); });
    });
}

// ---- discounts -----------------------------------------------------------------------------

void add_discount_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/discounts", [&s](context& ctx) {
        require_admin(ctx);
        return http::ok_json(codec::discounts_json(svc::list_discounts(s)));
    });

    r.add("POST", "/api/v1/discounts", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_discount_create(http::json_object_body(ctx.req));
        return answer(ctx, svc::create_discount(s, who(ctx), in),
                      [](const auto& d) { return http::created(codec::discount_json(d)); });
    });

    r.add("PATCH", "/api/v1/discounts/{id}", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_discount_update(http::json_object_body(ctx.req));
        return answer(ctx, svc::update_discount(s, who(ctx), param(ctx, "id"), in),
                      [](const auto& d) { return http::ok_json(codec::discount_json(d)); });
    });

    // Deactivate: reservations priced with it keep their stored price (DOMAIN.md §7).
    r.add("DELETE", "/api/v1/discounts/{id}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::deactivate_discount(s, who(ctx), param(ctx, "id")),
                      [](const auto& d) { return http::ok_json(codec::discount_json(d)); });
    });
}

// ---- farmer categories ---------------------------------------------------------------------

void add_category_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/farmer-categories", [&s](context& ctx) {
        require_admin(ctx);
        return http::ok_json(codec::categories_json(svc::list_categories(s)));
    });

    r.add("POST", "/api/v1/farmer-categories", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_category_create(http::json_object_body(ctx.req));
        return answer(ctx, svc::create_category(s, who(ctx), in),
                      [](const auto& c) { return http::created(codec::category_json(c)); });
    });

    r.add("PATCH", "/api/v1/farmer-categories/{code}", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_category_update(http::json_object_body(ctx.req));
        return answer(ctx, svc::update_category(s, who(ctx), param(ctx, "code"), in),
                      [](const auto& c) { return http::ok_json(codec::category_json(c)); });
    });

    r.add("DELETE", "/api/v1/farmer-categories/{code}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::delete_category(s, who(ctx), param(ctx, "code")),
                      [](const auto&) { return http::no_content(); });
    });
}

// ---- settings ------------------------------------------------------------------------------

void add_settings_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/settings", [&s](context& ctx) {
        require_admin(ctx);
        return http::ok_json(codec::settings_json(svc::current_settings(s)));
    });

    r.add("PATCH", "/api/v1/settings", [&s](context& ctx) {
        require_admin(ctx);
        const auto values = codec::decode_settings(http::json_object_body(ctx.req));
        return answer(ctx, svc::update_settings(s, who(ctx), values),
                      [](const auto& c) { return http::ok_json(codec::settings_json(c)); });
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
