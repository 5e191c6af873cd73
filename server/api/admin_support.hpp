#pragma once
// Shared by the administration routes (issue 4 "Administration", admin_*_api.cpp): who is making
// the change, and answering with a service's result. The rules, the units of work and the audit
// rows are the services' (server/app/admin_*.hpp); decoding and the JSON shapes are in
// server/codec/admin_*.hpp.
#include <boost/json.hpp>

#include "common/result.hpp"
#include "server/app/services.hpp"
#include "server/http/errors.hpp"
#include "server/http/router.hpp"

namespace agrirent::api::admin {

namespace json = boost::json;

void add_catalog_routes(http::router& r, app::services& s);  // admin_catalog_api.cpp
void add_calendar_routes(http::router& r, app::services& s); // admin_calendar_api.cpp
void add_people_routes(http::router& r, app::services& s);   // admin_people_api.cpp
void add_backup_routes(http::router& r, app::services& s);   // admin_backup_api.cpp
void add_fee_band_routes(http::router& r, app::services& s); // admin_fee_bands_api.cpp

/// The staff member making the request (the audit trail's actor, at the counter).
app::actor who(const http::context& ctx);

/// Refuses (403) anyone but an administrator.
void require_admin(const http::context& ctx);

/// The path parameter `name` of the route (e.g. a branch's id).
std::string param(const http::context& ctx, std::string_view name);

/// A service's answer: `render(value)` on success, else the refusal as API.md's JSON error
/// (server/http/errors.cpp maps it to status, code and message).
template <class T, class Render>
http::response answer(const http::context& ctx, const result<T>& r, Render&& render) {
    if (!r) {
        return http::error_response(r.error(), ctx.lang);
    }
    return render(r.value());
}

} // namespace agrirent::api::admin
