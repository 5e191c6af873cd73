#include "server/http/errors.hpp"

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

} // namespace

api_error bad_field(std::string field, std::string_view why) {
    const std::string key = why == "missing" ? "error.field_missing" : "error.field_invalid";
    return api_error{
        400, "bad_request", key, {{"field", std::move(field)}, {"problem", std::string{why}}}};
}

int status_of(reason r) noexcept {
    // The one table from domain refusals to HTTP (API.md "Errors").
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

std::string refusal_message(const refusal& r, std::string_view lang) {
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
        const auto day = parse_date(closed.substr(0, 10));
        const auto time = parse_time_of_day(closed.substr(11, 5));
        if (day && time) {
            values.emplace_back("closed_at_when", i18n::moment_text(*day, *time, lang));
        }
    }
    if (auto window = window_of(r.detail("window_from"), r.detail("window_to"), lang)) {
        values.emplace_back("window", std::move(*window));
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
        {"error", boost::json::object{{"code", to_string(r.code)},
                                      {"message", refusal_message(r, lang)},
                                      {"details", std::move(d)}}}};
    return json_response(status_of(r.code), boost::json::serialize(body));
}

} // namespace agrirent::http
