#include "server/http/json_text.hpp"

#include <cmath>
#include <string_view>

#include <boost/json/value.hpp>

#include "common/numbers.hpp"

namespace agrirent::http {
namespace {

void append_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char ch : s) {
        const auto u = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (u < 0x20) {
                out.append("\\u00");
                out.push_back(hex[u >> 4]);
                out.push_back(hex[u & 0xf]);
            } else {
                out.push_back(ch);
            }
        }
    }
    out.push_back('"');
}

void append_number(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out.append("null");
        return;
    }
    const std::string text = decimal_text(d);
    out.append(text);
    if (text.find('.') == std::string::npos) {
        out.append(".0");
    }
}

void append(std::string& out, const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::null:
        out.append("null");
        break;
    case boost::json::kind::bool_:
        out.append(v.get_bool() ? "true" : "false");
        break;
    case boost::json::kind::int64:
        out.append(std::to_string(v.get_int64()));
        break;
    case boost::json::kind::uint64:
        out.append(std::to_string(v.get_uint64()));
        break;
    case boost::json::kind::double_:
        append_number(out, v.get_double());
        break;
    case boost::json::kind::string:
        append_string(out, v.get_string());
        break;
    case boost::json::kind::array: {
        out.push_back('[');
        bool first = true;
        for (const auto& item : v.get_array()) {
            if (!first) {
                out.push_back(',');
            }
            first = false;
            append(out, item);
        }
        out.push_back(']');
        break;
    }
    case boost::json::kind::object: {
        out.push_back('{');
        bool first = true;
        for (const auto& kv : v.get_object()) {
            if (!first) {
                out.push_back(',');
            }
            first = false;
            append_string(out, kv.key());
            out.push_back(':');
            append(out, kv.value());
        }
        out.push_back('}');
        break;
    }
    }
}

} // namespace

std::string to_json_text(const boost::json::value& v) {
    std::string out;
    append(out, v);
    return out;
}

std::string json_number_text(double d) {
    std::string out;
    append_number(out, d);
    return out;
}

} // namespace agrirent::http
