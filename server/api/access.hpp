#pragma once
// Moved to server/http/access.hpp (issue 11). This forwarding header keeps the admin routes
// building until they include the new place; remove it after the merge.
#include "server/http/access.hpp"

namespace agrirent::api {

using http::access_options;
using http::actor_of;
using http::clear_session_cookie_header;
using http::make_access_filter;
using http::may_act_on_branch;
using http::request_state;
using http::require_branch;
using http::require_role;
using http::require_staff;
using http::session_cookie;
using http::session_cookie_header;
using http::staff_of;
using http::state_of;

} // namespace agrirent::api
