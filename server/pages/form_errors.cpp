#include "server/pages/form_errors.hpp"

#include <optional>

#include "server/i18n/messages.hpp"

namespace agrirent::pages {
namespace {

// Which forms a row is about.
enum forms : unsigned {
    farmer_booking = 1U << static_cast<unsigned>(page_form::farmer_booking),
    staff_booking = 1U << static_cast<unsigned>(page_form::staff_booking),
    booking = farmer_booking | staff_booking,
    reservation = 1U << static_cast<unsigned>(page_form::reservation),
    unit = 1U << static_cast<unsigned>(page_form::unit),
};

struct refusal_row {
    unsigned on;                 // forms (bits of page_form)
    std::optional<reason> why;   // any reason when absent
    std::string_view detail_key; // and a detail, when not empty
    std::string_view detail_value;
    std::string_view field;       // "" = the summary above the form
    std::string_view message_key; // "" = the refusal's own message (http::refusal_message)
};

// First match wins; a form without a matching row shows the refusal's message in its default
// place (the booking forms: beside the days; the staff forms: above the form).
constexpr refusal_row refusal_rows[] = {
    // Booking forms: rules about the person (identified by the phone: DOMAIN.md §8) beside the
    // phone; a chained booking beside the days for a farmer, beside the phone for an operator
    // (it is about the caller's other booking); what no field can fix above the form.
    {booking, reason::farmer_suspended, {}, {}, "phone", {}},
    {booking, reason::too_many_reservations, {}, {}, "phone", {}},
    {booking, reason::training_required, {}, {}, "phone", {}},
    {staff_booking, reason::chained_booking, {}, {}, "phone", {}},
    // A group booking by someone who is not its representative: about the phone (DOMAIN.md
    // §16); a delivery refusal beside the delivery choice (§15).
    {booking, reason::not_group_representative, {}, {}, "phone", {}},
    {booking, reason::delivery_not_offered, {}, {}, "delivery", {}},
    {booking, reason::outside_delivery_area, {}, {}, "delivery", {}},
    {booking, reason::delivery_lead_time, {}, {}, "delivery", {}},
    {booking, reason::not_found, {}, {}, "", {}},
    {booking, reason::type_not_offered, {}, {}, "", {}},
    {booking, reason::bad_request, {}, {}, "", {}},
    {booking, reason::forbidden, {}, {}, "", {}},
    {booking, reason::conflict, {}, {}, "", {}},
    {booking, reason::invalid_transition, {}, {}, "", {}},
    {booking, reason::unit_unavailable, {}, {}, "", {}},
    {booking, reason::hour_meter_decreased, {}, {}, "", {}},
    {booking, std::nullopt, {}, {}, "dates", {}},
    // The staff forms on a reservation (check-out, check-in): the meter, the payment and the
    // reason for a check-out outside the pickup window.
    {reservation, reason::hour_meter_decreased, {}, {}, "hour_meter", {}},
    {reservation, std::nullopt, "field", "paid", "paid", "staff.checkout.not_paid"},
    {reservation, std::nullopt, "reason", "outside_pickup_window", "override_reason",
     "staff.checkout.override_needed"},
};

struct field_row {
    unsigned on;
    std::string_view api_field;   // the decoder's field ("" = any)
    std::string_view field;       // the page's field, "" = the summary
    std::string_view message_key; // the page's words
};

constexpr field_row field_rows[] = {
    {booking, "farmer.name", "name", "form.name_invalid"},
    {booking, "farmer.phone", "phone", "form.phone_invalid"},
    {booking, "phone", "phone", "form.phone_invalid"},
    {booking, "farmer.district", "district", "form.district_invalid"},
    {booking, "start", "dates", "form.date_invalid"},
    {booking, "end", "dates", "form.date_invalid"},
    {booking, "delivery.mode", "delivery", "page.book.delivery_mode_invalid"},
    {booking, "delivery.area", "delivery", "page.book.delivery_area_missing"},
    {booking, "delivery.address", "delivery_address", "page.book.delivery_address_missing"},
    {booking, "", "", "form.unreadable"},
    {reservation, "start", "", "form.date_invalid"},
    {reservation, "end", "", "form.date_invalid"},
    {reservation, "hour_meter", "hour_meter", "staff.form.meter_invalid"},
    {reservation, "reason", "", "staff.form.reason_missing"},
    {reservation, "", "", "staff.form.fix_fields"},
    {unit, "", "", "reason.bad_request"},
};

unsigned bit_of(page_form f) {
    return 1U << static_cast<unsigned>(f);
}

std::string_view detail_of(const http::api_error& e, std::string_view key) {
    for (const auto& [k, v] : e.details()) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

} // namespace

form_error form_error_of(page_form form, const refusal& r, std::string_view lang) {
    for (const auto& row : refusal_rows) {
        if ((row.on & bit_of(form)) == 0 || (row.why && *row.why != r.code) ||
            (!row.detail_key.empty() && r.detail(row.detail_key) != row.detail_value)) {
            continue;
        }
        return {std::string{row.field}, row.message_key.empty()
                                            ? http::refusal_message(r, lang)
                                            : std::string{i18n::text(row.message_key, lang)}};
    }
    return {{}, http::refusal_message(r, lang)};
}

form_error form_error_of(page_form form, const http::api_error& e, std::string_view lang) {
    if (const auto* r = e.refused()) {
        return form_error_of(form, *r, lang);
    }
    const std::string_view field = detail_of(e, "field");
    for (const auto& row : field_rows) {
        if ((row.on & bit_of(form)) != 0 && (row.api_field.empty() || row.api_field == field)) {
            return {std::string{row.field}, std::string{i18n::text(row.message_key, lang)}};
        }
    }
    return {{}, std::string{i18n::text("form.unreadable", lang)}};
}

} // namespace agrirent::pages
