#pragma once
// The SQL of the admin repository: free functions on one connection, wrapped by
// pg_admin_repository (database.cpp).
#include <span>
#include <string_view>

#include "server/storage/admin_repository.hpp"

namespace agrirent::pg {
class connection;
class statement;
} // namespace agrirent::pg

namespace agrirent::storage::postgres {

/// The columns a branch_record is read from, in the order read_branch_columns expects them.
inline constexpr std::string_view branch_columns =
    "id, code, name_ko, name_en, phones, address_ko, address_en, open_min, close_min, "
    "eve_pickup_min, return_by_min, cutoff_min, horizon_days, active, delivery_area, "
    "delivery_one_way_fee, delivery_round_trip_fee, delivery_lead_days, delivery_from_min, "
    "delivery_to_min, half_am_from_min, half_am_to_min, half_pm_from_min, half_pm_to_min";
/// How many columns branch_columns has (a query may read more after them).
inline constexpr int branch_column_count = 24;
/// A branch_record from a row whose first columns are branch_columns.
branch_record read_branch_columns(const pg::statement& st);

std::optional<branch_record> find_branch(pg::connection& conn, std::string_view code);
std::int64_t insert_branch(pg::connection& conn, const branch_record& b);
void update_branch(pg::connection& conn, const branch_record& b);
std::int64_t count_live_at_branch(pg::connection& conn, std::int64_t branch_id);
std::int64_t count_live_of_type(pg::connection& conn, std::int64_t type_id);
std::vector<std::string> live_touching(pg::connection& conn, std::optional<std::int64_t> branch_id,
                                       interval window);
std::vector<season_record> list_seasons(pg::connection& conn,
                                        std::optional<std::int64_t> branch_id);
std::optional<season_record> find_season(pg::connection& conn, std::int64_t id);
std::int64_t insert_season(pg::connection& conn, std::int64_t branch_id, date_range days);
void delete_season(pg::connection& conn, std::int64_t id);
std::vector<closure_record> list_closures(pg::connection& conn,
                                          std::optional<std::int64_t> branch_id,
                                          std::optional<date_range> days);
std::optional<closure_record> find_closure(pg::connection& conn, std::int64_t id);
std::int64_t insert_closure(pg::connection& conn, const closure_record& c);
void delete_closure(pg::connection& conn, std::int64_t id);
std::vector<holiday_override> list_holiday_overrides(pg::connection& conn, int year);
std::optional<holiday_override> find_holiday_override(pg::connection& conn, local_days date);
void put_holiday_override(pg::connection& conn, const holiday_override& h);
std::vector<int> list_known_years(pg::connection& conn);
void insert_known_year(pg::connection& conn, int year);
bool delete_known_year(pg::connection& conn, int year);
std::optional<type_record> find_type(pg::connection& conn, std::string_view code);
std::vector<type_record> list_types(pg::connection& conn);
std::int64_t insert_type(pg::connection& conn, const type_record& t);
void update_type(pg::connection& conn, const type_record& t);
std::optional<unit_record> find_unit_record(pg::connection& conn, std::string_view tag);
std::int64_t insert_unit(pg::connection& conn, const unit_record& u);
void update_unit_record(pg::connection& conn, const unit_record& u);
std::vector<discount_record> list_discounts(pg::connection& conn);
std::optional<discount_record> find_discount(pg::connection& conn, std::int64_t id);
std::int64_t insert_discount(pg::connection& conn, const discount_record& d);
void update_discount(pg::connection& conn, const discount_record& d);
std::vector<category_record> list_categories(pg::connection& conn);
std::optional<category_record> find_category(pg::connection& conn, std::string_view code);
std::int64_t insert_category(pg::connection& conn, const category_record& c);
void update_category(pg::connection& conn, const category_record& c);
void delete_category(pg::connection& conn, std::int64_t id);
std::int64_t count_category_members(pg::connection& conn, std::int64_t category_id);
void put_setting(pg::connection& conn, std::string_view key, std::string_view value);
std::vector<fee_band> list_fee_bands(pg::connection& conn);
void replace_fee_bands(pg::connection& conn, std::span<const fee_band> bands);

} // namespace agrirent::storage::postgres
