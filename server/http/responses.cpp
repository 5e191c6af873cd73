#include "server/http/responses.hpp"

#include <boost/json.hpp>

#include "server/http/errors.hpp"

namespace agrirent::http {

response ok_json(const boost::json::value& v) {
    return json_response(200, boost::json::serialize(v));
}

response created(const boost::json::value& v) {
    return json_response(201, boost::json::serialize(v));
}

response no_content() {
    response res;
    res.status = 204;
    res.set_header("cache-control", "no-store");
    return res;
}

} // namespace agrirent::http
