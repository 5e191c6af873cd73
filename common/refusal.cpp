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

    // administration
    case reason::admin_not_found:
        return "admin_not_found";
    case reason::duplicate:
        return "duplicate";
    case reason::season_overlap:
        return "season_overlap";
    case reason::year_shipped:
        return "year_shipped";
    case reason::branch_retired:
        return "branch_retired";
    case reason::type_retired:
        return "type_retired";
    case reason::unit_out:
        return "unit_out";
    case reason::unit_retired:
        return "unit_retired";
    case reason::branch_has_live:
        return "branch_has_live";
    case reason::type_has_live:
        return "type_has_live";
    case reason::category_in_use:
        return "category_in_use";
    case reason::self_change:
        return "self_change";
    case reason::invalid_hours:
        return "invalid_hours";
    case reason::invalid_field:
        return "invalid_field";
    case reason::missing_field:
        return "missing_field";
    case reason::backup_busy:
        return "backup_busy";
    case reason::backup_failed:
        return "backup_failed";

    // issue 15
    case reason::too_many_types:
        return "too_many_types";
    case reason::fee_out_of_band:
        return "fee_out_of_band";
    // delivery (issue 15)
    case reason::delivery_not_offered:
        return "delivery_not_offered";
    case reason::delivery_lead_time:
        return "delivery_lead_time";
    case reason::outside_delivery_area:
        return "outside_delivery_area";
    // group rentals (issue 15)
    case reason::not_group_representative:
        return "not_group_representative";
    case reason::group_days_out_of_range:
        return "group_days_out_of_range";
    // waitlist and extensions (issue 14)
    case reason::waitlist_limit:
        return "waitlist_limit";
    case reason::extension_limit:
        return "extension_limit";
    case reason::someone_waiting:
        return "someone_waiting";
    case reason::offer_expired:
        return "offer_expired";
    // half days (issue 14)
    case reason::half_day_not_offered:
        return "half_day_not_offered";
    // verified phones (issue 14)
    case reason::phone_unverified:
        return "phone_unverified";
    }
    return "bad_request";
}

} // namespace agrirent
