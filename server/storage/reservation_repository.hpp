#pragma once
// Reservations, farmers, units counts and the audit trail: the queries the booking path needs.
// Every function runs on the caller's connection, inside the caller's transaction.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/booking_rules.hpp"
#include "server/storage/records.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage {

// ---- units ---------------------------------------------------------------------------------

struct unit_counts {
    int offered = 0;  // units not retired: the type is offered at the branch (DOMAIN.md §5.1)
    int capacity = 0; // units not in maintenance nor retired (DOMAIN.md §3)
};
unit_counts count_units(db::connection& conn, std::int64_t branch_id, std::int64_t type_id);

/// Capacity of every type at a branch, keyed by type id (types without units are absent).
std::vector<std::pair<std::int64_t, unit_counts>> count_units_by_type(db::connection& conn,
                                                                      std::int64_t branch_id);
/// The entry of `type_id` in a count_units_by_type answer (zeros if the branch has no unit of it).
unit_counts counts_of_type(std::span<const std::pair<std::int64_t, unit_counts>> counts,
                           std::int64_t type_id);

// ---- live reservations ---------------------------------------------------------------------

/// Live reservations of (branch, type) whose occupancy overlaps `window` (index-backed: past
/// reservations are not scanned).
std::vector<interval> live_occupancies(db::connection& conn, std::int64_t branch_id,
                                       std::int64_t type_id, interval window);

/// Live reservations of every type at a branch overlapping `window`.
std::vector<live_occupancy> live_in_branch(db::connection& conn, std::int64_t branch_id,
                                           interval window);

// ---- farmers -------------------------------------------------------------------------------

std::optional<farmer_row> find_farmer_by_phone(db::connection& conn, std::string_view phone);
std::optional<farmer_row> find_farmer(db::connection& conn, std::int64_t id);
std::int64_t insert_farmer(db::connection& conn, const farmer_row& f);

/// The farmer's live reservations (any branch, any type) as the rules see them, leaving out
/// reservation `except_id` (a reservation being moved does not chain with itself).
std::vector<held_reservation> live_holdings(db::connection& conn, std::int64_t farmer_id,
                                            std::int64_t except_id = 0);

// ---- reservations --------------------------------------------------------------------------

/// Inserts `r` (id and code filled in by the caller except id). Throws db::error with
/// is_constraint() if the code is taken.
std::int64_t insert_reservation(db::connection& conn, const reservation_row& r);

std::optional<reservation_row> find_reservation(db::connection& conn, std::string_view code);
std::optional<reservation_row> find_reservation_by_id(db::connection& conn, std::int64_t id);

/// Sets the status (and reason), failing (returning false) if the stored status is not `from`:
/// optimistic check so two staff acting at once cannot both succeed.
bool update_status(db::connection& conn, std::int64_t id, status from, status to,
                   const std::optional<std::string>& reason);

/// Check-out (DOMAIN.md §6): confirmed → checked_out with the unit and what the clerk recorded.
bool record_checkout(db::connection& conn, std::int64_t id, std::int64_t unit_id, sys_seconds at,
                     double hour_meter, std::string_view checklist_json, bool paid,
                     const std::optional<std::string>& override_reason);

/// Check-in: checked_out → returned with the readings, damage and late fee.
bool record_checkin(db::connection& conn, std::int64_t id, sys_seconds at, double hour_meter,
                    std::string_view checklist_json, std::string_view damage_notes,
                    bool farmer_at_fault, int late_days, won late_fee);

/// A move: new branch, plan and price (same code, same status).
void replan_reservation(db::connection& conn, std::int64_t id, std::int64_t branch_id,
                        const rental_plan& plan, const fee_quote& fee);

/// Reservations of a branch whose pickup window starts within [from, to), requested/confirmed.
std::vector<reservation_row> pickups_between(db::connection& conn, std::int64_t branch_id,
                                             sys_seconds from, sys_seconds to);
/// Checked-out reservations of a branch due back within [from, to).
std::vector<reservation_row> returns_between(db::connection& conn, std::int64_t branch_id,
                                             sys_seconds from, sys_seconds to);
/// Checked-out reservations of a branch whose deadline is before `now`.
std::vector<reservation_row> overdue_at(db::connection& conn, std::int64_t branch_id,
                                        sys_seconds now);

/// Search for staff (API.md GET /api/v1/reservations): newest first, `limit` rows with id
/// below `before_id` (the cursor).
struct reservation_filter {
    std::optional<std::int64_t> branch_id;
    std::optional<std::int64_t> type_id;
    std::optional<status> state;
    std::optional<std::string> phone;
    std::optional<std::string> code;
    std::optional<local_days> from; // usage days overlapping [from, to]
    std::optional<local_days> to;
    std::optional<std::int64_t> before_id;
    int limit = 50;
};
std::vector<reservation_row> search_reservations(db::connection& conn, const reservation_filter& f);

// ---- strikes and suspension (DOMAIN.md §8) ------------------------------------------------

void insert_strike(db::connection& conn, std::int64_t farmer_id, std::int64_t reservation_id,
                   sys_seconds at, std::string_view kind);
std::vector<sys_seconds> strike_times(db::connection& conn, std::int64_t farmer_id);
void set_suspension(db::connection& conn, std::int64_t farmer_id, std::optional<local_days> until,
                    std::optional<std::string> reason);

// ---- audit ---------------------------------------------------------------------------------

struct audit_entry {
    sys_seconds at{};
    std::string actor;
    std::string role;
    std::string via;
    std::string action;
    std::optional<std::int64_t> reservation_id;
    std::string entity;
    std::string entity_key;
    std::string details = "{}";
    std::string address;
};
void append_audit(db::connection& conn, const audit_entry& e);

std::vector<history_entry> reservation_history(db::connection& conn, std::int64_t reservation_id);

// ---- fee breakdown as stored ---------------------------------------------------------------

std::string fee_days_to_json(const std::vector<fee_day>& days);
std::vector<fee_day> fee_days_from_json(std::string_view json);

} // namespace agrirent::storage
