#pragma once
// Domain refusal reasons: the machine-readable codes of API.md. They are values, not HTTP;
// server/http/errors.cpp maps each one to a status and a message (STYLE.md).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agrirent {

enum class reason {
    // 422: booking rules (DOMAIN.md §5) and field rules
    max_days_exceeded,
    start_after_end,
    calendar_unknown,
    in_past,
    beyond_horizon,
    booking_closed,
    farmer_suspended,
    training_required,
    chained_booking,
    too_many_reservations,
    type_not_offered,
    hour_meter_decreased,
    // 409
    no_capacity,
    invalid_transition,
    unit_unavailable,
    conflict,
    // 400 / 404 / 403 for the few domain checks that produce them
    bad_request,
    not_found,
    forbidden,

    // Public, staff and reports side, and access control (issue 11, h-public): refusals that
    // used to be written as HTTP statuses in the handlers. Several share an API code.
    unauthenticated,  // 401 unauthenticated: nobody signed in
    login_failed,     // 401 unauthenticated: wrong username or password
    login_throttled,  // 429 rate_limited: too many failed logins
    rate_limited,     // 429 rate_limited: the public form's limit per address
    csrf_rejected,    // 403 csrf: a cookie-authenticated change without the session's token
    unavailable,      // 503 unavailable: the database does not answer
    no_such_address,  // 404 not_found with "No such address." (the outbox's reservation)
    export_too_large, // 400 bad_request: the CSV export would have too many rows

    // Administration (server/app/admin_*): each maps to what the admin API answered before
    // (server/http/errors.cpp, the administration rows).
    admin_not_found, // 404 not_found: {field} '{value}' matched nothing
    duplicate,       // 409 conflict: {field} '{value}' already exists
    season_overlap,  // 409 conflict
    year_shipped,    // 409 conflict
    branch_retired,  // 409 conflict
    type_retired,    // 409 conflict
    unit_out,        // 409 conflict
    unit_retired,    // 409 conflict
    branch_has_live, // 409 conflict
    type_has_live,   // 409 conflict
    category_in_use, // 409 conflict
    self_change,     // 409 conflict
    invalid_hours,   // 400 bad_request
    invalid_field,   // 400 bad_request: {field} {problem}
    missing_field,   // 400 bad_request: {field} is required
    backup_busy,     // 429 rate_limited
    backup_failed,   // 500 backup_failed

    // Issue 15, fee bands and types per farmer (DOMAIN.md §17, §18): 422 like the booking rules
    // (API.md "Errors" lists both there).
    too_many_types,  // 422: the farmer's live reservations already cover max_types types
    fee_out_of_band, // 422: a type's daily fee outside its purchase price's band (band_fee, min,
                     // max)
    // Delivery (issue 15, DOMAIN.md §15): 422 with their own codes.
    delivery_not_offered,  // the type is not deliverable or the branch does not deliver
    delivery_lead_time,    // booked later than lead_days before start
    outside_delivery_area, // the area is not one of the branch's
    // Group rentals (issue 15, DOMAIN.md §16): 422 like the booking rules.
    not_group_representative, // the phone is not the group's representative
    group_days_out_of_range,  // a group booking outside group_min_days … group_max_days
    // Issue 14, waitlist and extensions (DOMAIN.md §12, §13).
    waitlist_limit,  // 422: the farmer already waits in waitlist_per_farmer entries
    extension_limit, // 422: the extension would exceed extension_max_days usage days
    someone_waiting, // 422: a waiting entry overlaps the days an extension would add
    offer_expired,   // 409: the waitlist offer's hold has lapsed (or the entry is not offered)

    // Issue 14, half days (DOMAIN.md §11): 422 like the booking rules.
    half_day_not_offered, // a half day asked for a type without half days
    // Verified phones (issue 14, DOMAIN.md §14): 403, a farmer's own action without a valid
    // verification of its phone, or a wrong, expired or dead code (details: reason).
    phone_unverified,
};

/// The code string of API.md, e.g. "max_days_exceeded".
std::string_view to_string(reason r) noexcept;

/// A refusal with optional details (key/value, rendered into the error's `details` object and
/// into message placeholders, e.g. {"max_days", "3"}).
struct refusal {
    reason code;
    std::vector<std::pair<std::string, std::string>> details;

    [[nodiscard]] std::string_view detail(std::string_view key) const noexcept {
        for (const auto& [k, v] : details) {
            if (k == key) {
                return v;
            }
        }
        return {};
    }
    friend bool operator==(const refusal&, const refusal&) = default;
};

} // namespace agrirent
