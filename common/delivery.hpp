#pragma once
// Delivery (운반 서비스, DOMAIN.md §15): a branch brings a deliverable machine to an address in its
// area within the pickup window and, for a round trip, fetches it at the return deadline. The
// occupancy is the rental plan's, unchanged; the fee is its own line, never discounted.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.hpp"
#include "common/fees.hpp"
#include "common/machine_type.hpp"
#include "common/planning.hpp"
#include "common/refusal.hpp"

namespace agrirent {

enum class delivery_mode { one_way, round_trip };

std::string_view to_string(delivery_mode m) noexcept;
std::optional<delivery_mode> parse_delivery_mode(std::string_view s) noexcept;

/// A branch's delivery offer. A branch without one (std::nullopt) does not deliver.
struct branch_delivery {
    std::vector<std::string> area; // 읍·면·동 names, e.g. "임곡동"
    won one_way_fee{0};
    won round_trip_fee{0};
    int lead_days = 3;        // DOMAIN.md §15: booked at least 3 days before start
    time_of_day from{9 * 60}; // delivery hours on the delivery day
    time_of_day to{18 * 60};
    friend bool operator==(const branch_delivery&, const branch_delivery&) = default;
};

/// What a booking asks for.
struct delivery_request {
    delivery_mode mode = delivery_mode::one_way;
    std::string address; // free text, e.g. "임곡동 마을회관 앞"
    std::string area;    // one of the branch's area names
    friend bool operator==(const delivery_request&, const delivery_request&) = default;
};

/// The fee of a mode at a branch.
won delivery_fee(const branch_delivery& offer, delivery_mode mode);

/// The rental fee plus the delivery line: `fee.delivery` is set and added to `fee.net`; the days,
/// gross, discount and surcharge stay those of the rental (day discounts and farmer categories
/// never reduce the delivery, DOMAIN.md §15).
fee_quote with_delivery(fee_quote fee, won delivery);

/// The last civil date (office calendar, KST) on which a delivery for usage days starting on
/// `start` can be booked: `start − lead_days` calendar days (closed days count too). Booking on
/// that day is allowed at any hour the ordinary booking window allows.
local_days last_delivery_booking_day(local_days start, int lead_days);

/// When the office brings the machine: the delivery hours on the day of the pickup window (the
/// eve day for an eve pickup) clipped to that window. Empty (nullopt) when they do not meet.
std::optional<interval> delivery_slot(const branch_calendar& cal, const branch_delivery& offer,
                                      const rental_plan& plan);

/// Checks a delivery request (DOMAIN.md §15), in this order:
/// - delivery_not_offered (details field=delivery, reason=type_not_deliverable |
///   branch_not_delivering | no_delivery_hours),
/// - outside_delivery_area (details field=delivery.area, area),
/// - delivery_lead_time (details field=delivery, lead_days, last_day).
/// `offer` is null for a branch that does not deliver; `today` is the office's civil date now.
std::optional<refusal> check_delivery(const branch_calendar& cal, const branch_delivery* offer,
                                      const machine_type& type, const delivery_request& req,
                                      const rental_plan& plan, local_days today);

} // namespace agrirent
