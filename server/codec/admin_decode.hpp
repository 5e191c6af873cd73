#pragma once
// Decoders of the administration requests (shared by server/api/admin_*_api.cpp and the admin
// pages, which turn a posted form into the same JSON object): a JSON object → the service's
// typed input. Strict: an unknown member, a wrong type or a value out of range throws
// http::api_error (400 bad_request naming the field, http::bad_field).
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "common/time.hpp"
#include "server/app/admin_calendar.hpp"
#include "server/app/admin_catalog.hpp"
#include "server/app/admin_people.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/router.hpp"

namespace agrirent::codec::admin {

namespace json = boost::json;

// ---- helpers -------------------------------------------------------------------------------

/// 400 naming the first key of `o` not in `allowed`: a typo in a PATCH must not pass silently
/// (the same check as every other request body, http::reject_unknown_fields).
using http::reject_unknown_fields;

/// Whether `key` is present at all (a JSON null counts: it clears the field in a PATCH).
bool has_field(const json::object& o, std::string_view key);
/// Whether `key` is present with the value null.
bool is_null_field(const json::object& o, std::string_view key);

/// A code (branch, type, category): upper-case ASCII letters, digits and '_', starting with a
/// letter, 1 … max_len characters.
std::string required_code(const json::object& o, std::string_view key, std::size_t max_len);
bool is_code(std::string_view s, std::size_t max_len) noexcept;

/// A name (normalize_name): trimmed, 1 … max_chars characters, no control characters.
std::string required_name(const json::object& o, std::string_view key, std::size_t max_chars);
std::optional<std::string> optional_name(const json::object& o, std::string_view key,
                                         std::size_t max_chars);
/// Free text (normalize_text): may be empty; newlines allowed.
std::optional<std::string> optional_text(const json::object& o, std::string_view key,
                                         std::size_t max_chars);
/// An array of names (no duplicates), at most max_items.
std::optional<std::vector<std::string>> optional_name_list(const json::object& o,
                                                           std::string_view key,
                                                           std::size_t max_items,
                                                           std::size_t max_chars);
/// "HH:MM".
std::optional<time_of_day> optional_time(const json::object& o, std::string_view key);

/// Runs `decode` (the values of an update); a value it cannot read (http::bad_field) is returned
/// as the refusal the service gives once it found the thing to update — a malformed change of
/// something that does not exist is "not found", as the admin API always answered.
template <class F>
std::optional<refusal> deferred(F&& decode) {
    try {
        decode();
        return std::nullopt;
    } catch (const http::api_error& e) {
        if (e.status() != http::status_of(reason::invalid_field) || e.code() != "bad_request") {
            throw;
        }
        return refusal{e.message_key() == "error.field_missing" ? reason::missing_field
                                                                : reason::invalid_field,
                       e.details()};
    }
}

// ---- the calendar --------------------------------------------------------------------------

app::admin::season_input decode_season(const json::object& body);
app::admin::holiday_input decode_holiday(const json::object& body);
/// POST /api/v1/holiday-years: {"year": 2031}.
int decode_holiday_year(const json::object& body);
app::admin::closure_input decode_closure(const json::object& body);

// ---- the catalogue -------------------------------------------------------------------------

app::admin::branch_create decode_branch_create(const json::object& body);
app::admin::branch_update decode_branch_update(const json::object& body);
app::admin::type_create decode_type_create(const json::object& body);
app::admin::type_update decode_type_update(const json::object& body);
app::admin::unit_create decode_unit_create(const json::object& body);
app::admin::unit_update decode_unit_update(const json::object& body);
app::admin::discount_fields decode_discount_create(const json::object& body);
app::admin::discount_fields decode_discount_update(const json::object& body);
storage::category_record decode_category_create(const json::object& body);
app::admin::category_update decode_category_update(const json::object& body);
/// The units filter of the admin pages: branch, type, status (an unknown status is refused).
app::admin::unit_query decode_unit_query(const http::string_pairs& query);
/// PUT /api/v1/fee-bands: {"bands": [{price_from, price_to (null: open-ended), daily_fee}, …]},
/// whole won; the table's own rules (contiguous, …) are the service's (common/fee_bands.hpp).
std::vector<fee_band> decode_fee_bands(const json::object& body);
/// PATCH /api/v1/settings: known keys only, each in its range.
std::map<std::string, int, std::less<>> decode_settings(const json::object& body);

// ---- people --------------------------------------------------------------------------------

/// GET /api/v1/farmers: phone (a whole number, or 4 … 11 digits found anywhere), name, limit,
/// cursor.
storage::farmer_search decode_farmer_query(const http::string_pairs& query);
app::admin::farmer_create decode_farmer_create(const json::object& body);
app::admin::farmer_changes decode_farmer_update(const json::object& body);
/// A farmer group (DOMAIN.md §16): POST needs name and representative_phone; PATCH any.
app::admin::group_input decode_group(const json::object& body, bool create);
app::admin::user_create decode_user_create(const json::object& body);
app::admin::user_update decode_user_update(const json::object& body);
/// GET /api/v1/audit: from, to, actor, action ("unit.*" a prefix), reservation, entity,
/// entity_key, limit, cursor.
storage::audit_filter decode_audit_query(const http::string_pairs& query);

} // namespace agrirent::codec::admin
