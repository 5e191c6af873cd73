#include "common/refusal.hpp"

namespace agrirent {

std::string_view to_string(reason r) noexcept {
    switch (r) {
    case reason::max_days_exceeded:
        return "max_days_exceeded";
    case reason::start_after_end:
        return "start_after_end";
    case reason::calendar_unknown:
        return "calendar_unknown";
    case reason::in_past:
        return "in_past";
    case reason::beyond_horizon:
        return "beyond_horizon";
    case reason::booking_closed:
        return "booking_closed";
    case reason::farmer_suspended:
        return "farmer_suspended";
    case reason::training_required:
        return "training_required";
    case reason::chained_booking:
        return "chained_booking";
    case reason::too_many_reservations:
        return "too_many_reservations";
    case reason::type_not_offered:
        return "type_not_offered";
    case reason::hour_meter_decreased:
        return "hour_meter_decreased";
    case reason::no_capacity:
        return "no_capacity";
    case reason::invalid_transition:
        return "invalid_transition";
    case reason::unit_unavailable:
        return "unit_unavailable";
    case reason::conflict:
        return "conflict";
    case reason::bad_request:
        return "bad_request";
    case reason::not_found:
        return "not_found";
    case reason::forbidden:
        return "forbidden";

    // Public, staff and reports side, and access control (h-public).
    case reason::unauthenticated:
        return "unauthenticated";
    case reason::login_failed:
        return "login_failed";
    case reason::login_throttled:
        return "login_throttled";
    case reason::rate_limited:
        return "rate_limited";
    case reason::csrf_rejected:
        return "csrf_rejected";
    case reason::unavailable:
        return "unavailable";
    case reason::no_such_address:
        return "no_such_address";
    case reason::export_too_large:
        return "export_too_large";
    }
    return "bad_request";
}

} // namespace agrirent
