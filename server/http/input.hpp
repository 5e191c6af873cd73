#pragma once
// Decoding what clients send: JSON bodies and query parameters, with API.md's 400 errors
// (api_error naming the field) for anything malformed, mistyped or missing.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "common/types.hpp"
#include "server/http/router.hpp"

namespace agrirent::http {

/// The body as a JSON object: 415 unless the content type is JSON (or absent), 400 if it does
/// not parse or is not an object. Duplicate keys, comments and trailing commas are refused.
boost::json::object json_object_body(const request& req);

/// Issue 16: every JSON body is decoded strictly. 400 bad_request naming the first member of `o`
/// not in `allowed` (problem "unknown_field"): a typo, or a field of a newer server, must not
/// pass silently. `prefix` names a nested object's members ("farmer." → "farmer.farm_idd").
void reject_unknown_fields(const boost::json::object& o,
                           std::initializer_list<std::string_view> allowed,
                           std::string_view prefix = {});

/// A body-less POST (confirm, no-show, logout, a backup): an empty body, or the empty object
/// `{}`; any member is an unknown field (400), and a body that is not JSON is refused as
/// json_object_body refuses it.
void require_no_fields(const request& req);

/// Fields of a JSON object. `required_*` throw 400 bad_request naming the field when it is
/// missing or of the wrong type; `optional_*` return nullopt when missing. A member that is
/// `null` is refused by both (400, problem "null"): optional fields are left out, not null
/// (the few nullable ones of the admin API are read with has_field/is_null_field first).
std::string required_string(const boost::json::object& o, std::string_view key);
std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key);
std::int64_t required_int(const boost::json::object& o, std::string_view key, std::int64_t min,
                          std::int64_t max);
std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key,
                                         std::int64_t min, std::int64_t max);
std::optional<double> optional_number(const boost::json::object& o, std::string_view key,
                                      double min, double max);
std::optional<bool> optional_bool(const boost::json::object& o, std::string_view key);
const boost::json::object* optional_object(const boost::json::object& o, std::string_view key);
local_days required_date(const boost::json::object& o, std::string_view key);
std::optional<local_days> optional_date(const boost::json::object& o, std::string_view key);

/// Query parameters.
std::string required_query(const context& ctx, std::string_view key);
local_days required_query_date(const context& ctx, std::string_view key);
std::optional<local_days> optional_query_date(const context& ctx, std::string_view key);

/// A date range from query `from`/`to`: 400 if reversed or longer than max_days.
date_range query_range(const context& ctx, int max_days);

} // namespace agrirent::http
