#pragma once
// One decoder per request that both the JSON API and the HTML pages make (issue 11): a JSON
// object → the service's typed input, strict. Malformed input throws http::api_error (400
// bad_request naming the field, http::bad_field). The API passes the request body; a page builds
// the same object from its form fields (strings as typed, numbers and booleans as parsed) and
// calls the same decoder.
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "common/types.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/extension.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/app/waitlist.hpp"

namespace agrirent::codec {

/// POST /api/v1/reservations: {branch, type, start, end?, farmer: {name, phone, farm_id?,
/// district?}, channel?, delivery?, group?, verification?}. `channel` (staff booking for a caller)
/// is phone or counter.
struct booking_request {
    app::booking_input input;
    std::optional<channel> via;
};
booking_request booking_request_of(const boost::json::object& body);

/// A half day (DOMAIN.md §11) as given: none when absent or empty; else "am" or "pm" (400
/// "half" not_am_or_pm), for one day only (400 "end" half_day_is_one_day when `usage` has an end
/// other than its start). Used by the booking body, the quote's query and the booking page.
std::optional<half_day> half_of(const std::optional<std::string>& half, period usage);

/// The longest delivery address (code points).
inline constexpr std::size_t max_delivery_address = 200;

/// The names a delivery's three fields have in the request, for 400 details.field.
struct delivery_field_names {
    std::string_view mode;
    std::string_view address;
    std::string_view area;
};

/// A delivery (DOMAIN.md §15) from its three fields as given (absent = std::nullopt): none when
/// no mode is given and nothing else either; else mode one_way|round_trip, a non-empty address
/// (≤ 200 code points, no control characters) and an area name are required (400 naming the
/// field). Used by the quote's query (delivery_mode, delivery_address, delivery_area) and the
/// booking page.
std::optional<delivery_request> delivery_request_of(const std::optional<std::string>& mode,
                                                    const std::optional<std::string>& address,
                                                    const std::optional<std::string>& area,
                                                    const delivery_field_names& names);

/// The booking body's `delivery` object {mode, address, area}; absent = none; null, not an
/// object, an unknown member or a bad field → 400.
std::optional<delivery_request> delivery_request_of(const boost::json::object& body);

/// A farmer's phone number as typed: 400 "phone" not_a_mobile_number unless it is one.
std::string phone_of(std::string_view raw);

/// The farmer's cancellation: {phone, verification?}.
std::string farmer_cancel_phone_of(const boost::json::object& body);

/// A farmer's proof of their phone (DOMAIN.md §14) in a request body: the field `verification`
/// (absent: none; null, not a string or over 128 bytes: 400 "verification").
std::optional<std::string> verification_of(const boost::json::object& body);

/// POST /api/v1/phone-verifications: {phone} → the normalised phone.
std::string phone_code_request_of(const boost::json::object& body);

/// POST /api/v1/phone-verifications/confirm: {phone, code}; the code is six digits (spaces and
/// hyphens as typed are dropped; anything else: 400 "code" not_six_digits).
struct phone_confirm_request {
    std::string phone;
    std::string code;
};
phone_confirm_request phone_confirm_request_of(const boost::json::object& body);

/// A staff cancellation: {reason} (required, clean text up to 500 characters).
std::string staff_cancel_reason_of(const boost::json::object& body);

/// A rejection: {reason} (required, clean text up to 500 characters).
std::string reject_reason_of(const boost::json::object& body);

/// POST …/checkout: {unit, hour_meter, checklist?: {item: bool}, paid?, override_reason?}.
app::checkout_input checkout_input_of(const boost::json::object& body);

/// POST …/checkin: {hour_meter, checklist?, damage_notes?, farmer_at_fault?}.
app::checkin_input checkin_input_of(const boost::json::object& body);

/// POST …/move: {branch?, start, end?}.
app::move_input move_input_of(const boost::json::object& body);

/// POST /api/v1/units/{tag}/status: {status, note?}.
struct unit_status_request {
    unit_status to = unit_status::available;
    std::optional<std::string> note;
};
unit_status_request unit_status_request_of(const boost::json::object& body);

/// POST /api/v1/auth/login (and the staff login form): {username, password}; 400 too_long for a
/// username over 64 or a password over 1,024 bytes.
struct login_request {
    std::string username;
    std::string password;
};
login_request login_request_of(const boost::json::object& body);

/// POST /api/v1/waitlist {branch, type, start, end?, half?, farmer: {name, phone},
/// verification?, channel?} (DOMAIN.md §13; `half` as for a booking, §11).
struct waitlist_request {
    app::waitlist_input input;
    app::farmer_proof proof;
    std::optional<channel> via; // staff: phone (default) or counter
};
waitlist_request waitlist_request_of(const boost::json::object& body);

/// accept / decline / cancel of a waitlist entry: {phone?, verification?} (phone required of
/// farmers; staff may leave it out).
struct waitlist_action {
    std::optional<std::string> phone;
    app::farmer_proof proof;
};
waitlist_action waitlist_action_of(const boost::json::object& body);

/// POST /api/v1/reservations/{code}/extend {end, phone?, verification?, dry_run?}
/// (DOMAIN.md §12; phone required of farmers).
struct extension_request {
    local_days end;
    std::optional<std::string> phone;
    app::farmer_proof proof;
    bool dry_run = false;
};
extension_request extension_request_of(const boost::json::object& body);

} // namespace agrirent::codec
