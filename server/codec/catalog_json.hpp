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
/// A branch's half-day slots (DOMAIN.md §11): {am: {from, to}, pm: {from, to}}.
boost::json::object half_day_slots_json(const half_day_slots& s);
boost::json::object branch_json(const app::branch_info& b);
/// With purchase_price (won or null) and, when it is set, fee_band {band_fee, min, max}
/// (DOMAIN.md §17).
boost::json::object type_json(const app::type_info& t);
boost::json::object fee_range_json(const fee_range& r);
/// GET /api/v1/fee-bands: {"latitude_pct": 15, "bands": [{price_from, price_to (null: no upper
/// bound), daily_fee, min, max}, …]}.
boost::json::object fee_bands_json(const std::vector<fee_band>& table);

} // namespace agrirent::codec
