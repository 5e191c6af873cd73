#pragma once
// Decoding what clients send: JSON bodies and query parameters, with API.md's 400 errors
// (api_error naming the field) for anything malformed, mistyped or missing.
#include <cstdint>
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

/// Fields of a JSON object. `required_*` throw 400 bad_request naming the field when it is
/// missing or of the wrong type; `optional_*` return nullopt when missing or null.
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
