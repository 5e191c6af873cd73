#pragma once
// Administration of the catalogue and calendar (issue 4 "Administration"): branches, Saturday
// seasons, closures and extra openings, holiday overrides and known years, machine types, units,
// discounts, farmer categories and settings. Every function runs inside the caller's unit of
// work; a duplicate key surfaces as storage::duplicate_key (database.hpp).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/calendar.hpp"
#include "common/delivery.hpp"
#include "common/fee_bands.hpp"
#include "common/machine_type.hpp"
#include "common/types.hpp"

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
    std::optional<branch_delivery> delivery; // DOMAIN.md §15; none = the branch does not deliver
    half_day_slots half_days;                // DOMAIN.md §11
};

// ---- Saturday seasons ----------------------------------------------------------------------

struct season_record {
    std::int64_t id = 0;
    std::int64_t branch_id = 0;
    std::string branch_code; // joined
    date_range days;
};

// ---- closures and extra openings -----------------------------------------------------------

struct closure_record {
    std::int64_t id = 0;
    std::int64_t branch_id = 0;
    std::string branch_code; // joined
    local_days date;
    bool extra_opening = false;
    std::string note;
};

// ---- holidays ------------------------------------------------------------------------------

/// An admin's addition (removed = false) or removal (removed = true) on top of the shipped file.
struct holiday_override {
    local_days date;
    bool removed = false;
    std::string name_ko;
    std::string name_en;
};

// ---- machine types -------------------------------------------------------------------------

struct type_record {
    std::int64_t id = 0;
    machine_type type;
    bool active = true;
};

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

// ---- farmer categories ---------------------------------------------------------------------

struct category_record {
    std::int64_t id = 0;
    std::string code;
    std::string name_ko;
    std::string name_en;
    int percent = 0; // > 0 reduction, < 0 surcharge
};

// ---- settings ------------------------------------------------------------------------------

/// The admin part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class admin_repository {
  public:
    virtual ~admin_repository() = default;

    virtual std::optional<branch_record> find_branch(std::string_view code) = 0;
    virtual std::int64_t insert_branch(const branch_record& b) = 0;
    /// Updates everything but the id and the code.
    virtual void update_branch(const branch_record& b) = 0;
    /// Live reservations (requested, confirmed, checked out) at a branch / of a machine type.
    virtual std::int64_t count_live_at_branch(std::int64_t branch_id) = 0;
    virtual std::int64_t count_live_of_type(std::int64_t type_id) = 0;
    /// Codes of live reservations (of one branch, or of all) whose pickup window starts or whose
    /// return deadline falls within `window`: the bookings a new closure or holiday concerns (their
    /// stored plan does not change, DOMAIN.md §7; the office has to call those farmers).
    virtual std::vector<std::string> live_touching(std::optional<std::int64_t> branch_id,
                                                   interval window) = 0;
    /// Every season (of one branch), by branch and first day.
    virtual std::vector<season_record> list_seasons(std::optional<std::int64_t> branch_id) = 0;
    virtual std::optional<season_record> find_season(std::int64_t id) = 0;
    virtual std::int64_t insert_season(std::int64_t branch_id, date_range days) = 0;
    virtual void delete_season(std::int64_t id) = 0;
    /// Closures (of one branch) within `days` (every date when absent), by date.
    virtual std::vector<closure_record> list_closures(std::optional<std::int64_t> branch_id,
                                                      std::optional<date_range> days) = 0;
    virtual std::optional<closure_record> find_closure(std::int64_t id) = 0;
    /// Throws a unique violation if the branch already has an entry on that date.
    virtual std::int64_t insert_closure(const closure_record& c) = 0;
    virtual void delete_closure(std::int64_t id) = 0;
    virtual std::vector<holiday_override> list_holiday_overrides(int year) = 0;
    virtual std::optional<holiday_override> find_holiday_override(local_days date) = 0;
    /// Inserts or replaces the override of that date.
    virtual void put_holiday_override(const holiday_override& h) = 0;
    /// Years an admin declared complete (the shipped years are not in the table).
    virtual std::vector<int> list_known_years() = 0;
    /// Throws a unique violation if already declared.
    virtual void insert_known_year(int year) = 0;
    /// False if the year was not declared.
    virtual bool delete_known_year(int year) = 0;
    virtual std::optional<type_record> find_type(std::string_view code) = 0;
    /// Every machine type, retired ones included, by id (the catalog snapshot reads these).
    virtual std::vector<type_record> list_types() = 0;
    virtual std::int64_t insert_type(const type_record& t) = 0;
    /// Updates everything but the id and the code.
    virtual void update_type(const type_record& t) = 0;
    virtual std::optional<unit_record> find_unit_record(std::string_view tag) = 0;
    virtual std::int64_t insert_unit(const unit_record& u) = 0;
    /// Updates the branch, status, hour meter and notes.
    virtual void update_unit_record(const unit_record& u) = 0;
    virtual std::vector<discount_record> list_discounts() = 0;
    virtual std::optional<discount_record> find_discount(std::int64_t id) = 0;
    virtual std::int64_t insert_discount(const discount_record& d) = 0;
    virtual void update_discount(const discount_record& d) = 0;
    virtual std::vector<category_record> list_categories() = 0;
    virtual std::optional<category_record> find_category(std::string_view code) = 0;
    virtual std::int64_t insert_category(const category_record& c) = 0;
    /// Updates the names and the percent.
    virtual void update_category(const category_record& c) = 0;
    virtual void delete_category(std::int64_t id) = 0;
    virtual std::int64_t count_category_members(std::int64_t category_id) = 0;
    /// Inserts or replaces one setting (the catalog parses them, server/app/catalog.cpp).
    virtual void put_setting(std::string_view key, std::string_view value) = 0;
    /// The statutory fee bands (DOMAIN.md §17) by price_from; empty before the first start
    /// copied the shipped table in (server/app/admin_fee_bands.hpp ensure_fee_bands).
    virtual std::vector<fee_band> list_fee_bands() = 0;
    /// Replaces the whole table with `bands` (checked by the caller, common/fee_bands.hpp).
    virtual void replace_fee_bands(std::span<const fee_band> bands) = 0;

  protected:
    admin_repository() = default;
    admin_repository(const admin_repository&) = default;
    admin_repository& operator=(const admin_repository&) = default;
};

} // namespace agrirent::storage
