#pragma once
// JSON shapes of API.md, built from plain values (the domain never sees Boost.JSON).
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "server/app/booking_service.hpp"
#include "server/app/catalog.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/codec/catalog_json.hpp"
#include "server/http/message.hpp"

namespace agrirent::api {

using codec::branch_json;
using codec::type_json;

boost::json::object pickup_json(const date::time_zone* zone, const rental_plan& plan);
boost::json::object fee_json(const fee_quote& fee);
/// A delivery as asked and agreed (DOMAIN.md §15): {mode, address, area, fee, window: {from, to}
/// | null (when the office brings it), collect_at (round trip: the return deadline) | null}.
boost::json::object delivery_json(const delivery_request& d, won fee, const date::time_zone* zone,
                                  const std::optional<interval>& slot, const rental_plan& plan);
/// When the office brings a reservation's machine: the branch's delivery hours within the pickup
/// window, or the pickup window itself if the branch no longer delivers.
std::optional<interval> delivery_window(const app::branch_info* branch, const rental_plan& plan);
boost::json::object refusal_json(const refusal& r, std::string_view lang);
boost::json::object quote_json(const app::quote_outcome& q, std::string_view lang);
boost::json::object day_json(const day_info& d);

/// A reservation as API.md shows it; `history` may be empty (lists leave it out).
boost::json::object reservation_json(const storage::reservation_row& r, const app::catalog& cat,
                                     const std::vector<storage::history_entry>& history,
                                     bool with_history);

} // namespace agrirent::api
