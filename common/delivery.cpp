#include "common/delivery.hpp"

#include <algorithm>

#include "common/time.hpp"

namespace agrirent {

std::string_view to_string(delivery_mode m) noexcept {
    return m == delivery_mode::round_trip ? "round_trip" : "one_way";
}

std::optional<delivery_mode> parse_delivery_mode(std::string_view s) noexcept {
    if (s == "one_way") {
        return delivery_mode::one_way;
    }
    if (s == "round_trip") {
        return delivery_mode::round_trip;
    }
    return std::nullopt;
}

won delivery_fee(const branch_delivery& offer, delivery_mode mode) {
    return mode == delivery_mode::round_trip ? offer.round_trip_fee : offer.one_way_fee;
}

fee_quote with_delivery(fee_quote fee, won delivery) {
    fee.net = fee.net - fee.delivery + delivery;
    fee.delivery = delivery;
    return fee;
}

local_days last_delivery_booking_day(local_days start, int lead_days) {
    return start - date::days{std::max(0, lead_days)};
}

std::optional<interval> delivery_slot(const branch_calendar& cal, const branch_delivery& offer,
                                      const rental_plan& plan) {
    // The pickup window's own day (a stored plan keeps the instants, not pickup_day).
    const local_days day = local_date_of(cal.zone, plan.pickup.from);
    const sys_seconds from = std::max(plan.pickup.from, to_instant(cal.zone, day, offer.from));
    const sys_seconds to = std::min(plan.pickup.to, to_instant(cal.zone, day, offer.to));
    if (from >= to) {
        return std::nullopt;
    }
    return interval{from, to};
}

std::optional<refusal> check_delivery(const branch_calendar& cal, const branch_delivery* offer,
                                      const machine_type& type, const delivery_request& req,
                                      const rental_plan& plan, local_days today) {
    if (!type.deliverable) {
        return refusal{reason::delivery_not_offered,
                       {{"field", "delivery"}, {"reason", "type_not_deliverable"}}};
    }
    if (offer == nullptr) {
        return refusal{reason::delivery_not_offered,
                       {{"field", "delivery"}, {"reason", "branch_not_delivering"}}};
    }
    if (!delivery_slot(cal, *offer, plan)) {
        return refusal{reason::delivery_not_offered,
                       {{"field", "delivery"}, {"reason", "no_delivery_hours"}}};
    }
    if (std::find(offer->area.begin(), offer->area.end(), req.area) == offer->area.end()) {
        return refusal{reason::outside_delivery_area,
                       {{"field", "delivery.area"}, {"area", req.area}}};
    }
    const local_days last = last_delivery_booking_day(plan.usage.start, offer->lead_days);
    if (today > last) {
        return refusal{reason::delivery_lead_time,
                       {{"field", "delivery"},
                        {"lead_days", std::to_string(offer->lead_days)},
                        {"last_day", format_date(last)}}};
    }
    return std::nullopt;
}

} // namespace agrirent
