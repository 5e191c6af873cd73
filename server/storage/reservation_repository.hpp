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

namespace agrirent::storage {

// ---- units ---------------------------------------------------------------------------------

struct unit_counts {
    int offered = 0;  // units not retired: the type is offered at the branch (DOMAIN.md §5.1)
    int capacity = 0; // units not in maintenance nor retired (DOMAIN.md §3)
};

/// The entry of `type_id` in a count_units_by_type answer (zeros if the branch has no unit of it).
inline unit_counts counts_of_type(std::span<const std::pair<std::int64_t, unit_counts>> counts,
                                  std::int64_t type_id) {
    for (const auto& [id, c] : counts) {
        if (id == type_id) {
            return c;
        }
    }
    return {};
}

// ---- live reservations ---------------------------------------------------------------------

// ---- farmers -------------------------------------------------------------------------------

// ---- reservations --------------------------------------------------------------------------

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

// ---- strikes and suspension (DOMAIN.md §8) ------------------------------------------------

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

/// The reservations part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class reservation_repository {
  public:
    virtual ~reservation_repository() = default;

    virtual unit_counts count_units(std::int64_t branch_id, std::int64_t type_id) = 0;
    /// Capacity of every type at a branch, keyed by type id (types without units are absent).
    virtual std::vector<std::pair<std::int64_t, unit_counts>>
    count_units_by_type(std::int64_t branch_id) = 0;
    /// Live reservations of (branch, type) whose occupancy overlaps `window` (index-backed: past
    /// reservations are not scanned).
    virtual std::vector<interval> live_occupancies(std::int64_t branch_id, std::int64_t type_id,
                                                   interval window) = 0;
    /// count_units and live_occupancies of one (branch, type) together, from one snapshot: what a
    /// quote and a booking decision read. An engine may answer it in one statement (PostgreSQL:
    /// one round trip instead of two); by default, the two calls.
    struct units_and_live {
        unit_counts counts;
        std::vector<interval> live;
    };
    virtual units_and_live units_and_occupancies(std::int64_t branch_id, std::int64_t type_id,
                                                 interval window) {
        auto counts = count_units(branch_id, type_id);
        return {counts, live_occupancies(branch_id, type_id, window)};
    }
    /// Live reservations of every type at a branch overlapping `window`.
    virtual std::vector<live_occupancy> live_in_branch(std::int64_t branch_id, interval window) = 0;
    virtual std::optional<farmer_row> find_farmer_by_phone(std::string_view phone) = 0;
    virtual std::optional<farmer_row> find_farmer(std::int64_t id) = 0;
    virtual std::int64_t insert_farmer(const farmer_row& f) = 0;
    /// The farmer's live reservations (any branch, any type) as the rules see them, leaving out
    /// reservation `except_id` (a reservation being moved does not chain with itself).
    virtual std::vector<held_reservation> live_holdings(std::int64_t farmer_id,
                                                        std::int64_t except_id = 0) = 0;
    /// Inserts `r` (id and code filled in by the caller except id). Throws
    /// storage::duplicate_key if the code is taken.
    virtual std::int64_t insert_reservation(const reservation_row& r) = 0;
    virtual std::optional<reservation_row> find_reservation(std::string_view code) = 0;
    /// find_reservation and reservation_history together, from one snapshot: what a look-up
    /// reads. An engine may answer it in one statement (PostgreSQL: one round trip instead of
    /// two); by default, the two calls.
    virtual std::optional<std::pair<reservation_row, std::vector<history_entry>>>
    find_reservation_with_history(std::string_view code) {
        auto row = find_reservation(code);
        if (!row) {
            return std::nullopt;
        }
        auto history = reservation_history(row->id);
        return std::pair{std::move(*row), std::move(history)};
    }
    virtual std::optional<reservation_row> find_reservation_by_id(std::int64_t id) = 0;
    /// Sets the status (and reason), failing (returning false) if the stored status is not `from`:
    /// optimistic check so two staff acting at once cannot both succeed.
    virtual bool update_status(std::int64_t id, status from, status to,
                               const std::optional<std::string>& reason) = 0;
    /// Check-out (DOMAIN.md §6): confirmed → checked_out with the unit and what the clerk recorded.
    virtual bool record_checkout(std::int64_t id, std::int64_t unit_id, sys_seconds at,
                                 double hour_meter, std::string_view checklist_json, bool paid,
                                 const std::optional<std::string>& override_reason) = 0;
    /// Check-in: checked_out → returned with the readings, damage and late fee.
    virtual bool record_checkin(std::int64_t id, sys_seconds at, double hour_meter,
                                std::string_view checklist_json, std::string_view damage_notes,
                                bool farmer_at_fault, int late_days, won late_fee) = 0;
    /// A move: new branch, plan and price (same code, same status).
    virtual void replan_reservation(std::int64_t id, std::int64_t branch_id,
                                    const rental_plan& plan, const fee_quote& fee) = 0;
    /// Reservations of a branch whose pickup window starts within [from, to), requested/confirmed.
    virtual std::vector<reservation_row> pickups_between(std::int64_t branch_id, sys_seconds from,
                                                         sys_seconds to) = 0;
    /// Checked-out reservations of a branch due back within [from, to).
    virtual std::vector<reservation_row> returns_between(std::int64_t branch_id, sys_seconds from,
                                                         sys_seconds to) = 0;
    /// Live reservations of a branch with delivery (DOMAIN.md §15) whose pickup window starts
    /// within [from, to), or round trips whose return deadline falls within it; by area.
    virtual std::vector<reservation_row> deliveries_between(std::int64_t branch_id,
                                                            sys_seconds from, sys_seconds to) = 0;
    /// Checked-out reservations of a branch whose deadline is before `now`.
    virtual std::vector<reservation_row> overdue_at(std::int64_t branch_id, sys_seconds now) = 0;
    virtual std::vector<reservation_row> search_reservations(const reservation_filter& f) = 0;
    virtual void insert_strike(std::int64_t farmer_id, std::int64_t reservation_id, sys_seconds at,
                               std::string_view kind) = 0;
    virtual std::vector<sys_seconds> strike_times(std::int64_t farmer_id) = 0;
    virtual void set_suspension(std::int64_t farmer_id, std::optional<local_days> until,
                                std::optional<std::string> reason) = 0;
    virtual void append_audit(const audit_entry& e) = 0;
    virtual std::vector<history_entry> reservation_history(std::int64_t reservation_id) = 0;

  protected:
    reservation_repository() = default;
    reservation_repository(const reservation_repository&) = default;
    reservation_repository& operator=(const reservation_repository&) = default;
};

} // namespace agrirent::storage
