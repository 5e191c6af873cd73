#include "server/storage/json_columns.hpp"

#include <boost/json.hpp>

namespace agrirent::storage {

std::vector<std::string> parse_string_array(std::string_view json) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(json, ec);
    std::vector<std::string> out;
    if (ec || !v.is_array()) {
        return out;
    }
    for (const auto& item : v.get_array()) {
        if (item.is_string()) {
            out.emplace_back(item.get_string());
        }
    }
    return out;
}

std::string to_json_array(const std::vector<std::string>& items) {
    boost::json::array a;
    for (const auto& s : items) {
        a.emplace_back(s);
    }
    return boost::json::serialize(a);
}

} // namespace agrirent::storage
