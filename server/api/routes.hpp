#pragma once
// Route tables: each add_* function registers one group of API.md on the router.
#include <functional>

#include <boost/json/object.hpp>

#include "common/result.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/services.hpp"
#include "server/http/router.hpp"

namespace agrirent::api {

struct public_options {
    bool test_clock = false;
    /// Runs after the test clock moved (the sweeper: no-shows, reminders), so a scenario sees
    /// the consequences of the new time at once.
    std::function<void()> on_clock_set;
};

/// Every JSON route (and /healthz, /metrics): the groups below, in the order they must be
/// matched. Used by the server and by the test that checks openapi.json lists them all.
void add_api_routes(http::router& r, app::services& s, const public_options& opts);

/// /healthz, /metrics, /api/v1/openapi.json and the public booking API.
void add_public_routes(http::router& r, app::services& s, const public_options& opts);

/// POST /api/v1/auth/login, /logout, GET /api/v1/auth/me.
void add_auth_routes(http::router& r, app::services& s);

/// Reports, the CSV export and the outbox view (operators, admins): server/api/reports_api.cpp.
void add_report_routes(http::router& r, app::services& s);

/// Administration (issue 4): catalogue, calendar, farmers, staff users, settings, audit.
void add_admin_routes(http::router&, app::services&);

/// Operators' and clerks' workflows: search, confirm/reject, no-show, check-out/in, move,
/// schedule, units.
void add_staff_routes(http::router& r, app::services& s);

/// The waitlist (DOMAIN.md §13): server/api/waitlist_api.cpp.
void add_waitlist_routes(http::router& r, app::services& s);

/// A reservation with its history in API.md's shape (`status` 200 or 201), or the refusal as the
/// API's JSON error. Shared by the public and the staff routes.
http::response reservation_reply(app::services& s, const result<storage::reservation_row>& r,
                                 const http::context& ctx, int status = http::status::ok);

/// A booking code as typed (any case, dashes, spaces), or 404 not_found when it cannot be one.
std::string booking_code_of(std::string_view raw);

/// The availability of one branch (every type it offers, or only `only_type`) in API.md's shape.
boost::json::object availability_json(app::services& s, const app::catalog& cat,
                                      const app::branch_info& branch,
                                      const app::type_info* only_type, date_range days);

} // namespace agrirent::api
