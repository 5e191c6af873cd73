#include "server/http/errors.hpp"

#include <iterator>
#include <optional>

#include <boost/json.hpp>

#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/i18n/messages.hpp"
#include "server/i18n/when.hpp"

namespace agrirent::http {
namespace {

/// A pickup window in words from its two instants as the refusal's details give them, in the
/// branch's wall time ("2020-05-23T17:00:00+09:00"): "5월 23일(토) 오후 5시~6시".
std::optional<std::string> window_of(std::string_view from, std::string_view to,
                                     std::string_view lang) {
    if (from.size() < 16 || to.size() < 16) {
        return std::nullopt;
    }
    const auto day = parse_date(from.substr(0, 10));
    const auto start = parse_time_of_day(from.substr(11, 5));
    const auto end = parse_time_of_day(to.substr(11, 5));
    if (!day || !start || !end) {
        return std::nullopt;
    }
    return i18n::window_text(*day, *start, *end, lang);
}

// Details often echo what the client sent (a field's value, a code): a JSON body must stay
// valid UTF-8 even when that was not.
std::vector<std::pair<std::string, std::string>>
valid_details(const std::vector<std::pair<std::string, std::string>>& details) {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(details.size());
    for (const auto& [k, v] : details) {
        out.emplace_back(to_valid_utf8(k), to_valid_utf8(v));
    }
    return out;
}

/// "126500" → "126,500" (a detail that is not a whole number stays as it is).
std::string digits_grouped(std::string_view digits) {
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::string{digits};
    }
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

} // namespace

api_error bad_field(std::string field, std::string_view why) {
    const std::string key = why == "missing"         ? "error.field_missing"
                            : why == "unknown_field" ? "error.field_unknown"
                            : why == "null"          ? "error.field_null"
                                                     : "error.field_invalid";
    return api_error{
        400, "bad_request", key, {{"field", std::move(field)}, {"problem", std::string{why}}}};
}

namespace {

// The one table from domain refusals to HTTP (API.md "Errors"): status, the API's error code
// and the message key of server/i18n. A refusal's details may pick a more specific message
// (refusal_message below).
struct refusal_entry {
    reason why;
    int status;
    std::string_view code;
    std::string_view message_key;
    // The message is the key's text as it is: no more specific text by details.reason (the
    // administration's messages, as the admin API always answered them).
    bool plain = false;
};

constexpr refusal_entry refusal_table[] = {
    {reason::max_days_exceeded, 422, "max_days_exceeded", "reason.max_days_exceeded"},
    {reason::start_after_end, 422, "start_after_end", "reason.start_after_end"},
    {reason::calendar_unknown, 422, "calendar_unknown", "reason.calendar_unknown"},
    {reason::in_past, 422, "in_past", "reason.in_past"},
    {reason::beyond_horizon, 422, "beyond_horizon", "reason.beyond_horizon"},
    {reason::booking_closed, 422, "booking_closed", "reason.booking_closed"},
    {reason::farmer_suspended, 422, "farmer_suspended", "reason.farmer_suspended"},
    {reason::training_required, 422, "training_required", "reason.training_required"},
    {reason::chained_booking, 422, "chained_booking", "reason.chained_booking"},
    {reason::too_many_reservations, 422, "too_many_reservations", "reason.too_many_reservations"},
    {reason::type_not_offered, 422, "type_not_offered", "reason.type_not_offered"},
    {reason::hour_meter_decreased, 422, "hour_meter_decreased", "reason.hour_meter_decreased"},
    {reason::no_capacity, 409, "no_capacity", "reason.no_capacity"},
    {reason::invalid_transition, 409, "invalid_transition", "reason.invalid_transition"},
    {reason::unit_unavailable, 409, "unit_unavailable", "reason.unit_unavailable"},
    {reason::conflict, 409, "conflict", "reason.conflict"},
    {reason::bad_request, 400, "bad_request", "reason.bad_request"},
    {reason::not_found, 404, "not_found", "reason.not_found"},
    {reason::forbidden, 403, "forbidden", "reason.forbidden"},

    // Public, staff and reports side, and access control (h-public).
    {reason::unauthenticated, 401, "unauthenticated", "error.unauthenticated"},
    {reason::login_failed, 401, "unauthenticated", "error.login_failed"},
    {reason::login_throttled, 429, "rate_limited", "error.login_throttled"},
    {reason::rate_limited, 429, "rate_limited", "error.rate_limited"},
    {reason::csrf_rejected, 403, "csrf", "error.csrf"},
    {reason::unavailable, 503, "unavailable", "error.database_unavailable"},
    {reason::no_such_address, 404, "not_found", "error.not_found"},
    {reason::export_too_large, 400, "bad_request", "error.export_too_large"},

    // Administration (server/app/admin_*): what the admin API answered before its rules moved
    // into the services, byte for byte; several reasons share the code "conflict", each keeps
    // its own message.
    {reason::admin_not_found, 404, "not_found", "admin.not_found", true},
    {reason::duplicate, 409, "conflict", "admin.duplicate", true},
    {reason::season_overlap, 409, "conflict", "admin.season_overlap", true},
    {reason::year_shipped, 409, "conflict", "admin.year_shipped", true},
    {reason::branch_retired, 409, "conflict", "admin.branch_retired", true},
    {reason::type_retired, 409, "conflict", "admin.type_retired", true},
    {reason::unit_out, 409, "conflict", "admin.unit_out", true},
    {reason::unit_retired, 409, "conflict", "admin.unit_retired", true},
    {reason::branch_has_live, 409, "conflict", "admin.branch_has_live_reservations", true},
    {reason::type_has_live, 409, "conflict", "admin.type_has_live_reservations", true},
    {reason::category_in_use, 409, "conflict", "admin.category_in_use", true},
    {reason::self_change, 409, "conflict", "admin.self_change", true},
    {reason::invalid_hours, 400, "bad_request", "admin.invalid_hours", true},
    {reason::invalid_field, 400, "bad_request", "error.field_invalid", true},
    {reason::missing_field, 400, "bad_request", "error.field_missing", true},
    {reason::backup_busy, 429, "rate_limited", "error.rate_limited", true},
    {reason::backup_failed, 500, "backup_failed", "admin.backup_failed", true},

    // Issue 15 (DOMAIN.md §17, §18).
    {reason::too_many_types, 422, "too_many_types", "reason.too_many_types"},
    {reason::fee_out_of_band, 422, "fee_out_of_band", "reason.fee_out_of_band"},
    // Delivery (issue 15, DOMAIN.md §15).
    {reason::delivery_not_offered, 422, "delivery_not_offered", "reason.delivery_not_offered"},
    {reason::delivery_lead_time, 422, "delivery_lead_time", "reason.delivery_lead_time"},
    {reason::outside_delivery_area, 422, "outside_delivery_area", "reason.outside_delivery_area"},
    // Group rentals (issue 15, DOMAIN.md §16).
    {reason::not_group_representative, 422, "not_group_representative",
     "reason.not_group_representative"},
    {reason::group_days_out_of_range, 422, "group_days_out_of_range",
     "reason.group_days_out_of_range"},
    // Waitlist and extensions (issue 14, DOMAIN.md §12, §13).
    {reason::waitlist_limit, 422, "waitlist_limit", "reason.waitlist_limit"},
    {reason::extension_limit, 422, "extension_limit", "reason.extension_limit"},
    {reason::someone_waiting, 422, "someone_waiting", "reason.someone_waiting"},
    {reason::offer_expired, 409, "offer_expired", "reason.offer_expired"},
    // Half days (issue 14, DOMAIN.md §11).
    {reason::half_day_not_offered, 422, "half_day_not_offered", "reason.half_day_not_offered"},
    // Verified phones (issue 14, DOMAIN.md §14).
    {reason::phone_unverified, 403, "phone_unverified", "reason.phone_unverified"},
};

// Rows in the enum's order, none left out (a reason appended without its row answers 400).
constexpr bool rows_in_enum_order() {
    for (std::size_t i = 0; i < std::size(refusal_table); ++i) {
        if (refusal_table[i].why != static_cast<reason>(i)) {
            return false;
        }
    }
    return true;
}
static_assert(rows_in_enum_order(), "refusal_table: one row per reason, in the enum's order");

const refusal_entry& entry_of(reason r) noexcept {
    for (const auto& e : refusal_table) {
        if (e.why == r) {
            return e;
        }
    }
    static constexpr refusal_entry unlisted{reason::bad_request, 400, "bad_request",
                                            "reason.bad_request"};
    return unlisted;
}

} // namespace

int status_of(reason r) noexcept {
    return entry_of(r).status;
}

std::string_view api_code_of(reason r) noexcept {
    return entry_of(r).code;
}

api_error::api_error(refusal r)
    : std::runtime_error(std::string{api_code_of(r.code)}), status_(status_of(r.code)),
      code_(api_code_of(r.code)), key_(entry_of(r.code).message_key), details_(r.details),
      refused_(std::move(r)) {}

response json_response(int status, std::string body) {
    response res;
    res.status = status;
    res.set_header("content-type", "application/json; charset=utf-8");
    res.set_header("cache-control", "no-store");
    res.body = std::move(body);
    return res;
}

response error_response(int status, std::string_view code, std::string_view message_key,
                        std::string_view lang,
                        const std::vector<std::pair<std::string, std::string>>& raw_details) {
    const auto details = valid_details(raw_details);
    boost::json::object d;
    for (const auto& [k, v] : details) {
        d[k] = v;
    }
    const boost::json::object body{
        {"error", boost::json::object{{"code", code},
                                      {"message", i18n::format(message_key, lang, details)},
                                      {"details", std::move(d)}}}};
    return json_response(status, boost::json::serialize(body));
}

response error_response(const api_error& e, std::string_view lang) {
    if (const auto* r = e.refused()) {
        return error_response(*r, lang);
    }
    return error_response(e.status(), e.code(), e.message_key(), lang, e.details());
}

std::string refusal_message(const refusal& r, std::string_view lang) {
    const refusal_entry& entry = entry_of(r.code);
    if (entry.plain) {
        return i18n::format(entry.message_key, lang, r.details);
    }
    std::string key{entry.message_key};
    // A refusal with a more specific reason (booking_closed: eve_window_open) has its own text.
    if (const auto sub = r.detail("reason"); !sub.empty()) {
        const std::string specific = key + "." + std::string{sub};
        if (i18n::text(specific, lang) != specific) {
            key = specific;
        }
    }
    if (r.code == reason::not_found && r.detail("field") == "code") {
        key = "error.reservation_not_found";
    }
    auto values = r.details;
    if (const auto closed = r.detail("closed_at"); closed.size() >= 16) {
        values.emplace_back("closed_at_time", std::string{closed.substr(11, 5)});
        const auto day = parse_date(closed.substr(0, 10));
        const auto time = parse_time_of_day(closed.substr(11, 5));
        if (day && time) {
            values.emplace_back("closed_at_when", i18n::moment_text(*day, *time, lang));
        }
    }
    if (auto window = window_of(r.detail("window_from"), r.detail("window_to"), lang)) {
        values.emplace_back("window", std::move(*window));
    }
    if (r.code == reason::fee_out_of_band) {
        // Amounts read as people write them in the message (the details keep the digits).
        for (auto& [k, v] : values) {
            if (k == "band_fee" || k == "min" || k == "max") {
                v = digits_grouped(v);
            }
        }
    }
    return i18n::format(key, lang, values);
}

response error_response(const refusal& raw, std::string_view lang) {
    refusal r = raw;
    r.details = valid_details(raw.details);
    boost::json::object d;
    for (const auto& [k, v] : r.details) {
        d[k] = v;
    }
    const boost::json::object body{
        {"error", boost::json::object{{"code", api_code_of(r.code)},
                                      {"message", refusal_message(r, lang)},
                                      {"details", std::move(d)}}}};
    return json_response(status_of(r.code), boost::json::serialize(body));
}

} // namespace agrirent::http
