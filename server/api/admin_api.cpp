// Administration (issue 4 "Administration" and "Audit: viewable by admins"): the catalogue
// (admin_catalog_api.cpp), the calendar (admin_calendar_api.cpp), people and the audit trail
// (admin_people_api.cpp), and backups (admin_backup_api.cpp). Conventions shared by all of them:
// admin_support.hpp.
#include "server/api/admin_support.hpp"
#include "server/api/routes.hpp"

namespace agrirent::api {

void add_admin_routes(http::router& r, app::services& s) {
    admin::add_catalog_routes(r, s);
    admin::add_calendar_routes(r, s);
    admin::add_people_routes(r, s);
    admin::add_backup_routes(r, s);
    admin::add_fee_band_routes(r, s);
}

} // namespace agrirent::api
