#pragma once
// Route tables: each add_* function registers one group of API.md on the router.
#include <functional>

#include <boost/json/object.hpp>

#include "server/app/services.hpp"
#include "server/http/router.hpp"

namespace agrirent::api {

struct public_options {
    bool test_clock = false;
    /// Runs after the test clock moved (the sweeper: no-shows, reminders), so a scenario sees
    /// the consequences of the new time at once.
    std::function<void()> on_clock_set;
};

/// /healthz, /metrics, /api/v1/openapi.json and the public booking API.
void add_public_routes(http::router& r, app::services& s, const public_options& opts);

/// Parses a date range query and the (branch, type) availability for it, shared by the public
/// availability endpoint and the operators' board.
boost::json::object availability_json(app::services& s, const app::branch_info& branch,
                                      const app::type_info* only_type, date_range days);

} // namespace agrirent::api
