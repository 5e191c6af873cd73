#pragma once
// JSON renderings of what the administration services return, shared by the admin API
// (server/api/admin_*_api.cpp) and the admin pages (which read the same shapes).
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "server/app/admin_backups.hpp"
#include "server/app/admin_calendar.hpp"
#include "server/app/admin_catalog.hpp"
#include "server/app/admin_people.hpp"

namespace agrirent::codec::admin {

namespace json = boost::json;

json::array string_array(const std::vector<std::string>& items);

// ---- the calendar --------------------------------------------------------------------------

json::object season_json(const storage::season_record& s);
json::array seasons_json(const std::vector<storage::season_record>& list);
json::object closure_json(const storage::closure_record& c);
json::array closures_json(const std::vector<storage::closure_record>& list);
/// The closure with `affected_reservations`.
json::object closure_change_json(const app::admin::closure_change& c);
json::object holiday_json(const app::admin::holiday_entry& h);
/// The holiday with `known` (on an add) and `affected_reservations`.
json::object holiday_change_json(const app::admin::holiday_change& c);
/// {year, known, source, holidays}.
json::object holiday_year_json(const app::admin::holiday_year& y);
/// [{year, source}].
json::array known_years_json(const std::vector<app::admin::known_year>& years);

// ---- the catalogue -------------------------------------------------------------------------

/// A branch as an admin sees it: the public shape (code, names, phones, address, hours,
/// horizon, Saturday seasons) with address_ko and active.
json::object branch_admin_json(const app::branch_info& b);
/// A machine type with active.
json::object type_admin_json(const app::type_info& t);
json::object unit_json(const storage::unit_record& u);
json::object discount_json(const storage::discount_record& d);
json::array discounts_json(const std::vector<storage::discount_record>& list);
json::object category_json(const storage::category_record& c);
json::array categories_json(const std::vector<storage::category_record>& list);
json::object settings_json(const app::settings& c);

// ---- people --------------------------------------------------------------------------------

json::object farmer_json(const app::admin::farmer_detail& f);
/// {id, name, representative_phone, member_phones} (DOMAIN.md §16).
json::object group_json(const storage::group_row& g);
json::object groups_json(const std::vector<storage::group_row>& groups);
/// {farmers, next_cursor}.
json::object farmer_page_json(const app::admin::farmer_page& p);
json::object staff_json(const storage::staff_row& u, const app::catalog& cat);
json::array users_json(const std::vector<storage::staff_row>& users, const app::catalog& cat);
json::object audit_json(const storage::audit_record& a);
/// {entries, next_cursor}.
json::object audit_page_json(const app::admin::audit_page& p);

// ---- backups -------------------------------------------------------------------------------

json::object backup_json(const app::backup_file& b);
/// {folder, backups}.
json::object backup_folder_json(const app::admin::backup_folder& f);

} // namespace agrirent::codec::admin
