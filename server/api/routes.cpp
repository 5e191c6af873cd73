#include "server/api/routes.hpp"

namespace agrirent::api {

void add_api_routes(http::router& r, app::services& s, const public_options& opts) {
    add_public_routes(r, s, opts);
    add_auth_routes(r, s);
    add_report_routes(r, s);
    add_admin_routes(r, s);
    add_staff_routes(r, s);
    add_waitlist_routes(r, s);
}

} // namespace agrirent::api
