#include "server/http/errors.hpp"

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "server/i18n/messages.hpp"

namespace agrirent::http {
namespace {

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

// ---- administration (server/app/admin_*) ----------------------------------------------------
// What the admin API answered before its rules moved into the services, byte for byte: several
// reasons share the code "conflict", each keeps its own message.
struct admin_row {
    reason r;
    int status;
    std::string_view code;
    std::string_view key;
};
constexpr admin_row admin_rows[] = {
    {reason::admin_not_found, 404, "not_found", "admin.not_found"},
    {reason::duplicate, 409, "conflict", "admin.duplicate"},
    {reason::season_overlap, 409, "conflict", "admin.season_overlap"},
    {reason::year_shipped, 409, "conflict", "admin.year_shipped"},
    {reason::branch_retired, 409, "conflict", "admin.branch_retired"},
    {reason::type_retired, 409, "conflict", "admin.type_retired"},
    {reason::unit_out, 409, "conflict", "admin.unit_out"},
    {reason::unit_retired, 409, "conflict", "admin.unit_retired"},
    {reason::branch_has_live, 409, "conflict", "admin.branch_has_live_reservations"},
    {reason::type_has_live, 409, "conflict", "admin.type_has_live_reservations"},
    {reason::category_in_use, 409, "conflict", "admin.category_in_use"},
    {reason::self_change, 409, "conflict", "admin.self_change"},
    {reason::invalid_hours, 400, "bad_request", "admin.invalid_hours"},
    {reason::invalid_field, 400, "bad_request", "error.field_invalid"},
    {reason::missing_field, 400, "bad_request", "error.field_missing"},
    {reason::backup_busy, 429, "rate_limited", "error.rate_limited"},
    {reason::backup_failed, 500, "backup_failed", "admin.backup_failed"},
};

const admin_row* admin_row_of(reason r) noexcept {
    for (const auto& row : admin_rows) {
        if (row.r == r) {
            return &row;
        }
    }
    return nullptr;
}

} // namespace

api_error bad_field(std::string field, std::string_view why) {
    const std::string key = why == "missing" ? "error.field_missing" : "error.field_invalid";
    return api_error{
        400, "bad_request", key, {{"field", std::move(field)}, {"problem", std::string{why}}}};
}

int status_of(reason r) noexcept {
    // The one table from domain refusals to HTTP (API.md "Errors").
    if (const auto* row = admin_row_of(r)) {
        return row->status;
    }
    switch (r) {
    case reason::bad_request:
        return 400;
    case reason::forbidden:
        return 403;
    case reason::not_found:
        return 404;
    case reason::no_capacity:
    case reason::invalid_transition:
    case reason::unit_unavailable:
    case reason::conflict:
        return 409;
    case reason::max_days_exceeded:
    case reason::start_after_end:
    case reason::calendar_unknown:
    case reason::in_past:
    case reason::beyond_horizon:
    case reason::booking_closed:
    case reason::farmer_suspended:
    case reason::training_required:
    case reason::chained_booking:
    case reason::too_many_reservations:
    case reason::type_not_offered:
    case reason::hour_meter_decreased:
        return 422;
    // administration: admin_rows
    case reason::admin_not_found:
    case reason::duplicate:
    case reason::season_overlap:
    case reason::year_shipped:
    case reason::branch_retired:
    case reason::type_retired:
    case reason::unit_out:
    case reason::unit_retired:
    case reason::branch_has_live:
    case reason::type_has_live:
    case reason::category_in_use:
    case reason::self_change:
    case reason::invalid_hours:
    case reason::invalid_field:
    case reason::missing_field:
    case reason::backup_busy:
    case reason::backup_failed:
        break;
    }
    return 400;
}

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
    return error_response(e.status(), e.code(), e.message_key(), lang, e.details());
}

std::string_view api_code_of(reason r) noexcept {
    if (const auto* row = admin_row_of(r)) {
        return row->code;
    }
    return to_string(r);
}

std::string refusal_message(const refusal& r, std::string_view lang) {
    if (const auto* row = admin_row_of(r.code)) {
        return i18n::format(row->key, lang, r.details);
    }
    std::string key = "reason." + std::string{to_string(r.code)};
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
