#include "server/http/input.hpp"

#include <algorithm>
#include <cmath>

#include <boost/json.hpp>

#include "common/time.hpp"
#include "server/http/errors.hpp"

namespace agrirent::http {

boost::json::object json_object_body(const request& req) {
    const std::string_view type = req.header_value("content-type");
    if (!type.empty() && type.find("json") == std::string_view::npos) {
        throw api_error{415, "bad_request", "error.unsupported_media_type"};
    }
    boost::json::parse_options opts;
    opts.max_depth = 16;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(req.body, ec, {}, opts);
    if (ec) {
        throw api_error{400, "bad_request", "error.malformed_json", {{"problem", ec.message()}}};
    }
    if (!v.is_object()) {
        throw api_error{400, "bad_request", "error.expected_object"};
    }
    return std::move(v.get_object());
}

void reject_unknown_fields(const boost::json::object& o,
                           std::initializer_list<std::string_view> allowed,
                           std::string_view prefix) {
    for (const auto& kv : o) {
        if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
            throw bad_field(std::string{prefix} + std::string{kv.key()}, "unknown_field");
        }
    }
}

void require_no_fields(const request& req) {
    if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
        return;
    }
    reject_unknown_fields(json_object_body(req), {});
}

namespace {

/// The member `key`: nullptr when absent; 400 "null" when present as null.
const boost::json::value* find(const boost::json::object& o, std::string_view key) {
    const auto it = o.find(key);
    if (it == o.end()) {
        return nullptr;
    }
    if (it->value().is_null()) {
        throw bad_field(std::string{key}, "null");
    }
    return &it->value();
}

std::optional<std::int64_t> as_int(const boost::json::value& v) {
    if (v.is_int64()) {
        return v.get_int64();
    }
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v.get_uint64());
    }
    if (v.is_double()) {
        const double d = v.get_double();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) {
            return static_cast<std::int64_t>(d);
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key) {
    const auto* v = find(o, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_string()) {
        throw bad_field(std::string{key}, "not_a_string");
    }
    return std::string{v->get_string()};
}

std::string required_string(const boost::json::object& o, std::string_view key) {
    auto s = optional_string(o, key);
    if (!s) {
        throw bad_field(std::string{key}, "missing");
    }
    return std::move(*s);
}

std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key,
                                         std::int64_t min, std::int64_t max) {
    const auto* v = find(o, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    const auto i = as_int(*v);
    if (!i) {
        throw bad_field(std::string{key}, "not_an_integer");
    }
    if (*i < min || *i > max) {
        throw bad_field(std::string{key}, "out_of_range");
    }
    return i;
}

std::int64_t required_int(const boost::json::object& o, std::string_view key, std::int64_t min,
                          std::int64_t max) {
    const auto i = optional_int(o, key, min, max);
    if (!i) {
        throw bad_field(std::string{key}, "missing");
    }
    return *i;
}

std::optional<double> optional_number(const boost::json::object& o, std::string_view key,
                                      double min, double max) {
    const auto* v = find(o, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_number()) {
        throw bad_field(std::string{key}, "not_a_number");
    }
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        throw bad_field(std::string{key}, "out_of_range");
    }
    return d;
}

std::optional<bool> optional_bool(const boost::json::object& o, std::string_view key) {
    const auto* v = find(o, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_bool()) {
        throw bad_field(std::string{key}, "not_a_boolean");
    }
    return v->get_bool();
}

const boost::json::object* optional_object(const boost::json::object& o, std::string_view key) {
    const auto* v = find(o, key);
    if (v == nullptr) {
        return nullptr;
    }
    if (!v->is_object()) {
        throw bad_field(std::string{key}, "not_an_object");
    }
    return &v->get_object();
}

std::optional<local_days> optional_date(const boost::json::object& o, std::string_view key) {
    const auto s = optional_string(o, key);
    if (!s) {
        return std::nullopt;
    }
    const auto d = parse_date(*s);
    if (!d) {
        throw bad_field(std::string{key}, "not_a_date");
    }
    return d;
}

local_days required_date(const boost::json::object& o, std::string_view key) {
    const auto d = optional_date(o, key);
    if (!d) {
        throw bad_field(std::string{key}, "missing");
    }
    return *d;
}

std::string required_query(const context& ctx, std::string_view key) {
    const auto v = ctx.query_value(key);
    if (!v || v->empty()) {
        throw bad_field(std::string{key}, "missing");
    }
    return std::string{*v};
}

std::optional<local_days> optional_query_date(const context& ctx, std::string_view key) {
    const auto v = ctx.query_value(key);
    if (!v || v->empty()) {
        return std::nullopt;
    }
    const auto d = parse_date(*v);
    if (!d) {
        throw bad_field(std::string{key}, "not_a_date");
    }
    return d;
}

local_days required_query_date(const context& ctx, std::string_view key) {
    const auto d = optional_query_date(ctx, key);
    if (!d) {
        throw bad_field(std::string{key}, "missing");
    }
    return *d;
}

date_range query_range(const context& ctx, int max_days) {
    const local_days from = required_query_date(ctx, "from");
    const local_days to = required_query_date(ctx, "to");
    if (to < from) {
        throw api_error{400, "bad_request", "error.range_reversed", {{"field", "to"}}};
    }
    if ((to - from).count() + 1 > max_days) {
        throw api_error{400,
                        "bad_request",
                        "error.range_too_long",
                        {{"field", "to"}, {"max_days", std::to_string(max_days)}}};
    }
    return {from, to};
}

} // namespace agrirent::http
