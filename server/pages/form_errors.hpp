#pragma once
// The pages' one table from refusals to forms (issue 11): for each refusal reason (a service's
// `refusal`, or the shared decoder's 400 naming a field), the form field it is shown beside and
// the words the page uses. The farmers' booking page and the staff pages use it; the JSON API
// has its own table (server/http/errors.cpp: status, code, message).
#include <string>
#include <string_view>

#include "common/refusal.hpp"
#include "server/http/errors.hpp"

namespace agrirent::pages {

/// The forms whose refusals the table places.
enum class page_form {
    farmer_booking, // /book
    staff_booking,  // /staff/book (an operator booking for a caller)
    reservation,    // the staff forms on a reservation: confirm, reject, cancel, move, …
    unit,           // a clerk's unit status buttons
};

/// Where a refusal is shown and in which words.
struct form_error {
    /// The field it is shown beside ("dates", "phone", "name", "district", "delivery",
    /// "delivery_address", "hour_meter", "paid",
    /// "override_reason"), or "" for the summary above the form.
    std::string field;
    std::string message;
};

/// A service's refusal on `form`.
form_error form_error_of(page_form form, const refusal& r, std::string_view lang);

/// The shared decoder's refusal (server/codec: 400 bad_request naming the field) on `form`.
form_error form_error_of(page_form form, const http::api_error& e, std::string_view lang);

} // namespace agrirent::pages
