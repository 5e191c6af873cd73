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
boost::json::object refusal_json(const refusal& r, std::string_view lang);
boost::json::object quote_json(const app::quote_outcome& q, std::string_view lang);
boost::json::object day_json(const day_info& d);

/// A reservation as API.md shows it; `history` may be empty (lists leave it out).
boost::json::object reservation_json(const storage::reservation_row& r, const app::catalog& cat,
                                     const std::vector<storage::history_entry>& history,
                                     bool with_history);

} // namespace agrirent::api
