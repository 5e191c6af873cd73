#pragma once
// The public JSON shapes of the catalog (API.md GET /api/v1/branches, /api/v1/types), shared by
// the public API and the administration's renderings, which add what only admins see.
#include <optional>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "common/calendar.hpp"
#include "server/app/catalog.hpp"

namespace agrirent::codec {

boost::json::object hours_json(const branch_hours& h);
/// A branch's delivery (DOMAIN.md §15): {area, one_way_fee, round_trip_fee, lead_days,
/// hours: {from, to}}, or null for a branch that does not deliver.
boost::json::value branch_delivery_json(const std::optional<branch_delivery>& d);
boost::json::object branch_json(const app::branch_info& b);
boost::json::object type_json(const app::type_info& t);

} // namespace agrirent::codec
