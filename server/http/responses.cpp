#include "server/http/responses.hpp"

#include <boost/json.hpp>

#include "server/http/errors.hpp"
#include "server/http/json_text.hpp"

namespace agrirent::http {

response ok_json(const boost::json::value& v) {
    return json_response(status::ok, to_json_text(v));
}

response created(const boost::json::value& v) {
    return json_response(status::created, to_json_text(v));
}

response no_content() {
    response res;
    res.status = status::no_content;
    res.set_header("cache-control", "no-store");
    return res;
}

} // namespace agrirent::http
