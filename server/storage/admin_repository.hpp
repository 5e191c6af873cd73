#pragma once
// Administration of the catalogue and calendar (issue 4 "Administration"): branches, Saturday
// seasons, closures and extra openings, holiday overrides and known years, machine types, units,
// discounts, farmer categories and settings. Every function runs on the caller's connection,
// inside the caller's transaction; a duplicate key surfaces as db::error with
// is_unique_violation() (the API answers 409).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/calendar.hpp"
#include "common/machine_type.hpp"
#include "common/types.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage {

// ---- branches ------------------------------------------------------------------------------

struct branch_record {
    std::int64_t id = 0;
    std::string code;
    std::string name_ko;
    std::string name_en;
    std::vector<std::string> phones;
    std::string address_ko;
    std::string address_en;
    branch_hours hours;
    int horizon_days = 30;
    bool active = true;
};

std::optional<branch_record> find_branch(db::connection& conn, std::string_view code);
std::int64_t insert_branch(db::connection& conn, const branch_record& b);
/// Updates everything but the id and the code.
void update_branch(db::connection& conn, const branch_record& b);

/// Live reservations (requested, confirmed, checked out) at a branch / of a machine type.
std::int64_t count_live_at_branch(db::connection& conn, std::int64_t branch_id);
std::int64_t count_live_of_type(db::connection& conn, std::int64_t type_id);

/// Codes of live reservations (of one branch, or of all) whose pickup window starts or whose
/// return deadline falls within `window`: the bookings a new closure or holiday concerns (their
/// stored plan does not change, DOMAIN.md §7; the office has to call those farmers).
std::vector<std::string> live_touching(db::connection& conn, std::optional<std::int64_t> branch_id,
                                       interval window);

// ---- Saturday seasons ----------------------------------------------------------------------

struct season_record {
    std::int64_t id = 0;
    std::int64_t branch_id = 0;
    std::string branch_code; // joined
    date_range days;
};

/// Every season (of one branch), by branch and first day.
std::vector<season_record> list_seasons(db::connection& conn,
                                        std::optional<std::int64_t> branch_id);
std::optional<season_record> find_season(db::connection& conn, std::int64_t id);
std::int64_t insert_season(db::connection& conn, std::int64_t branch_id, date_range days);
void delete_season(db::connection& conn, std::int64_t id);

// ---- closures and extra openings -----------------------------------------------------------

struct closure_record {
    std::int64_t id = 0;
    std::int64_t branch_id = 0;
    std::string branch_code; // joined
    local_days date;
    bool extra_opening = false;
    std::string note;
};

/// Closures (of one branch) within `days` (every date when absent), by date.
std::vector<closure_record> list_closures(db::connection& conn,
                                          std::optional<std::int64_t> branch_id,
                                          std::optional<date_range> days);
std::optional<closure_record> find_closure(db::connection& conn, std::int64_t id);
/// Throws a unique violation if the branch already has an entry on that date.
std::int64_t insert_closure(db::connection& conn, const closure_record& c);
void delete_closure(db::connection& conn, std::int64_t id);

// ---- holidays ------------------------------------------------------------------------------

/// An admin's addition (removed = false) or removal (removed = true) on top of the shipped file.
struct holiday_override {
    local_days date;
    bool removed = false;
    std::string name_ko;
    std::string name_en;
};

std::vector<holiday_override> list_holiday_overrides(db::connection& conn, int year);
std::optional<holiday_override> find_holiday_override(db::connection& conn, local_days date);
/// Inserts or replaces the override of that date.
void put_holiday_override(db::connection& conn, const holiday_override& h);

/// Years an admin declared complete (the shipped years are not in the table).
std::vector<int> list_known_years(db::connection& conn);
/// Throws a unique violation if already declared.
void insert_known_year(db::connection& conn, int year);
/// False if the year was not declared.
bool delete_known_year(db::connection& conn, int year);

// ---- machine types -------------------------------------------------------------------------

struct type_record {
    std::int64_t id = 0;
    machine_type type;
    bool active = true;
};

std::optional<type_record> find_type(db::connection& conn, std::string_view code);
/// Every machine type, retired ones included, by id (the catalog snapshot reads these).
std::vector<type_record> list_types(db::connection& conn);
std::int64_t insert_type(db::connection& conn, const type_record& t);
/// Updates everything but the id and the code.
void update_type(db::connection& conn, const type_record& t);

// ---- units ---------------------------------------------------------------------------------

struct unit_record {
    std::int64_t id = 0;
    std::string tag;
    std::int64_t type_id = 0;
    std::string type_code; // joined
    std::int64_t branch_id = 0;
    std::string branch_code; // joined
    unit_status status = unit_status::available;
    double hour_meter = 0;
    std::string notes;
};

std::optional<unit_record> find_unit_record(db::connection& conn, std::string_view tag);
std::int64_t insert_unit(db::connection& conn, const unit_record& u);
/// Updates the branch, status, hour meter and notes.
void update_unit_record(db::connection& conn, const unit_record& u);

// ---- discounts -----------------------------------------------------------------------------

struct discount_record {
    std::int64_t id = 0;
    std::string name_ko;
    std::string name_en;
    int percent = 0;
    date_range days;
    std::vector<std::string> branches; // codes; empty = every branch
    std::vector<std::string> types;    // codes; empty = every type
    bool active = true;
};

std::vector<discount_record> list_discounts(db::connection& conn);
std::optional<discount_record> find_discount(db::connection& conn, std::int64_t id);
std::int64_t insert_discount(db::connection& conn, const discount_record& d);
void update_discount(db::connection& conn, const discount_record& d);

// ---- farmer categories ---------------------------------------------------------------------

struct category_record {
    std::int64_t id = 0;
    std::string code;
    std::string name_ko;
    std::string name_en;
    int percent = 0; // > 0 reduction, < 0 surcharge
};

std::vector<category_record> list_categories(db::connection& conn);
std::optional<category_record> find_category(db::connection& conn, std::string_view code);
std::int64_t insert_category(db::connection& conn, const category_record& c);
/// Updates the names and the percent.
void update_category(db::connection& conn, const category_record& c);
void delete_category(db::connection& conn, std::int64_t id);
std::int64_t count_category_members(db::connection& conn, std::int64_t category_id);

// ---- settings ------------------------------------------------------------------------------

/// Inserts or replaces one setting (the catalog parses them, server/app/catalog.cpp).
void put_setting(db::connection& conn, std::string_view key, std::string_view value);

} // namespace agrirent::storage
