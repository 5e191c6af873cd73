#pragma once
// Success answers with a JSON body (or none), named so adapters carry no status literals.
#include <boost/json/value.hpp>

#include "server/http/message.hpp"

namespace agrirent::http {

/// 200 with `v` as JSON.
response ok_json(const boost::json::value& v);
/// 201 Created with `v` as JSON.
response created(const boost::json::value& v);
/// 204 No Content.
response no_content();

} // namespace agrirent::http
