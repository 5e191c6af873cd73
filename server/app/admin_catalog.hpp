#pragma once
// Administration of the catalogue (issue 4): branches, machine types, units, discounts, farmer
// categories and settings. Every change is one write unit of work with its audit rows and a
// catalog reload (admin_support.hpp write_unit); stored reservations keep their plan and price
// (DOMAIN.md §7: later policy edits do not change agreed prices). Inputs are decoded by
// server/codec/admin_decode.hpp; an update's members are optional (absent: unchanged).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "server/app/catalog.hpp"
#include "server/app/services.hpp"
#include "server/storage/admin_repository.hpp"
#include "server/storage/unit_repository.hpp"

namespace agrirent::app::admin {

/// An item of the catalog snapshot, kept alive with it.
template <class T>
struct in_catalog {
    std::shared_ptr<const catalog> snapshot;
    const T* item = nullptr;
    const T& operator*() const { return *item; }
    const T* operator->() const { return item; }
};

// ---- branches ------------------------------------------------------------------------------

/// Every branch, retired ones too (an admin's list).
in_catalog<std::vector<branch_info>> all_branches(services& s);

struct hours_patch {
    std::optional<time_of_day> open;
    std::optional<time_of_day> close;
    std::optional<time_of_day> eve_pickup_from;
    std::optional<time_of_day> return_by;
    std::optional<time_of_day> booking_cutoff;
};

/// DOMAIN.md §11: a branch's half-day slots, each time absent = unchanged.
struct half_day_patch {
    std::optional<time_of_day> am_from;
    std::optional<time_of_day> am_to;
    std::optional<time_of_day> pm_from;
    std::optional<time_of_day> pm_to;
};

struct branch_fields {
    std::optional<std::string> name_ko;
    std::optional<std::string> name_en;
    std::optional<std::vector<std::string>> phones;
    std::optional<std::string> address_ko;
    std::optional<std::string> address_en;
    hours_patch hours;
    std::optional<int> horizon_days;
    // DOMAIN.md §15: absent = unchanged; a null inner value = the branch stops delivering.
    std::optional<std::optional<branch_delivery>> delivery;
    half_day_patch half_days; // DOMAIN.md §11
};

struct branch_create {
    std::string code;
    branch_fields fields; // names present
};

struct branch_update {
    branch_fields fields;
    std::optional<bool> active;
    /// A value that could not be decoded: the service refuses it after its not-found check
    /// (the order the admin API always had; server/codec/admin_decode.hpp `deferred`).
    std::optional<refusal> malformed;
};

/// Any branch (retired ones too) for an admin.
result<in_catalog<branch_info>> branch_detail(services& s, std::string_view code);
result<in_catalog<branch_info>> create_branch(services& s, const actor& who,
                                              const branch_create& in);
/// Refuses to retire a branch with live reservations, and hours that do not fit together.
result<in_catalog<branch_info>> update_branch(services& s, const actor& who, std::string_view code,
                                              const branch_update& in);
/// Retire: a branch with history cannot be deleted; it stops taking bookings.
result<in_catalog<branch_info>> retire_branch(services& s, const actor& who, std::string_view code);

// ---- machine types -------------------------------------------------------------------------

struct type_fields {
    std::optional<std::string> name_ko;
    std::optional<std::string> name_en;
    std::optional<std::int64_t> daily_fee;
    std::optional<int> max_days;
    std::optional<bool> needs_training;
    std::optional<bool> needs_approval;
    std::optional<std::vector<std::string>> checklist;
    /// DOMAIN.md §17: absent = unchanged; a null inside = no purchase price (nothing checked).
    std::optional<std::optional<std::int64_t>> purchase_price;
    std::optional<bool> deliverable;  // DOMAIN.md §15
    std::optional<bool> group_rental; // DOMAIN.md §16
    std::optional<bool> half_day;     // DOMAIN.md §11
};

struct type_create {
    std::string code;
    type_fields fields; // names and daily_fee present
};

struct type_update {
    type_fields fields;
    std::optional<bool> active;
    /// A value that could not be decoded: the service refuses it after its not-found check
    /// (the order the admin API always had; server/codec/admin_decode.hpp `deferred`).
    std::optional<refusal> malformed;
};

/// Every machine type, retired ones too.
in_catalog<std::vector<type_info>> all_types(services& s);
result<in_catalog<type_info>> type_detail(services& s, std::string_view code);
/// Create and update refuse a daily fee outside the band of the type's purchase price
/// (fee_out_of_band, DOMAIN.md §17), checked against the table in the same transaction.
result<in_catalog<type_info>> create_type(services& s, const actor& who, const type_create& in);
result<in_catalog<type_info>> update_type(services& s, const actor& who, std::string_view code,
                                          const type_update& in);
result<in_catalog<type_info>> retire_type(services& s, const actor& who, std::string_view code);

// ---- units ---------------------------------------------------------------------------------

struct unit_create {
    std::string tag;
    std::string type;
    std::string branch;
    double hour_meter = 0;
    std::string notes;
};

struct unit_update {
    std::optional<std::string> branch; // a transfer (DOMAIN.md §3)
    std::optional<std::string> notes;
    std::optional<double> hour_meter;
};

/// Units by branch, type and status (each optional: empty or absent means any).
struct unit_query {
    std::string branch;
    std::string type;
    std::optional<unit_status> status;
};
/// Every matching unit (retired ones too), by branch and tag; refuses a branch or type that
/// does not exist.
result<std::vector<storage::unit_record>> list_units(services& s, const unit_query& q);
result<storage::unit_record> unit_detail(services& s, std::string_view tag);

result<storage::unit_record> create_unit(services& s, const actor& who, const unit_create& in);
result<storage::unit_record> update_unit(services& s, const actor& who, std::string_view tag,
                                         const unit_update& in);
result<storage::unit_record> retire_unit(services& s, const actor& who, std::string_view tag);

// ---- discounts -----------------------------------------------------------------------------

struct discount_fields {
    std::optional<std::string> name_ko;
    std::optional<std::string> name_en;
    std::optional<int> percent;
    std::optional<local_days> from;
    std::optional<local_days> to;
    std::optional<std::vector<std::string>> branches;
    std::optional<std::vector<std::string>> types;
    std::optional<bool> active;
    /// A value that could not be decoded: the service refuses it after its not-found check
    /// (the order the admin API always had; server/codec/admin_decode.hpp `deferred`).
    std::optional<refusal> malformed;
};

std::vector<storage::discount_record> list_discounts(services& s);
/// Every member but branches, types and active present.
result<storage::discount_record> create_discount(services& s, const actor& who,
                                                 const discount_fields& in);
result<storage::discount_record> update_discount(services& s, const actor& who, std::string_view id,
                                                 const discount_fields& in);
/// Deactivate: reservations priced with it keep their stored price (DOMAIN.md §7).
result<storage::discount_record> deactivate_discount(services& s, const actor& who,
                                                     std::string_view id);

// ---- farmer categories ---------------------------------------------------------------------

struct category_update {
    std::optional<std::string> name_ko;
    std::optional<std::string> name_en;
    std::optional<int> percent;
    /// A value that could not be decoded: the service refuses it after its not-found check
    /// (the order the admin API always had; server/codec/admin_decode.hpp `deferred`).
    std::optional<refusal> malformed;
};

std::vector<storage::category_record> list_categories(services& s);
result<storage::category_record> create_category(services& s, const actor& who,
                                                 const storage::category_record& in);
result<storage::category_record> update_category(services& s, const actor& who,
                                                 std::string_view code, const category_update& in);
/// Refuses while farmers belong to it.
result<storage::category_record> delete_category(services& s, const actor& who,
                                                 std::string_view code);

// ---- settings ------------------------------------------------------------------------------

struct setting_def {
    std::string_view key;
    int min;
    int max;
    int (*get)(const settings&);
    bool flag = false; // a yes/no setting: JSON true/false, stored as 1/0 (min 0, max 1)
};

/// The keys of catalog.cpp load_settings, with the ranges an office may choose.
const std::vector<setting_def>& setting_defs();

settings current_settings(services& s);
/// New values by key (known keys, in range: the decoder checks).
result<settings> update_settings(services& s, const actor& who,
                                 const std::map<std::string, int, std::less<>>& values);

} // namespace agrirent::app::admin
