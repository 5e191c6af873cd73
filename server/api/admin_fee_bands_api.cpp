// The statutory fee bands (DOMAIN.md §17, issue 15): GET /api/v1/fee-bands (every staff role:
// operators and clerks quote fees too), PUT /api/v1/fee-bands (admin: the whole table, if the law
// changes) and GET /api/v1/reports/fee-bands (the reports' roles, operators and admins: active
// types whose daily fee lies outside their band). The rules are server/app/admin_fee_bands.hpp.
#include "server/api/admin_support.hpp"
#include "server/app/admin_fee_bands.hpp"
#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/codec/catalog_json.hpp"
#include "server/http/access.hpp"
#include "server/http/input.hpp"
#include "server/http/responses.hpp"

namespace agrirent::api::admin {

void add_fee_band_routes(http::router& r, app::services& s) {
    using http::context;
    namespace svc = app::admin;

    r.add("GET", "/api/v1/fee-bands", [&s](context& ctx) {
        http::require_role(ctx, {role::clerk, role::operator_, role::admin});
        return http::ok_json(agrirent::codec::fee_bands_json(*svc::fee_band_table(s)));
    });

    r.add("PUT", "/api/v1/fee-bands", [&s](context& ctx) {
        http::require_role(ctx, {role::admin});
        const auto bands =
            agrirent::codec::admin::decode_fee_bands(http::json_object_body(ctx.req));
        return answer(ctx, svc::replace_fee_table(s, who(ctx), bands), [](const auto& table) {
            return http::ok_json(agrirent::codec::fee_bands_json(*table));
        });
    });

    r.add("GET", "/api/v1/reports/fee-bands", [&s](context& ctx) {
        http::require_role(ctx, {role::operator_, role::admin});
        const auto report = svc::types_outside_band(s);
        json::array types;
        for (const auto* t : report.types) {
            types.push_back(agrirent::codec::admin::type_admin_json(*t));
        }
        return http::ok_json(
            json::object{{"latitude_pct", band_latitude_pct}, {"types", std::move(types)}});
    });
}

} // namespace agrirent::api::admin
