#pragma once
// Staff actions on reservations (DOMAIN.md §§3, 6–8): confirm, reject, cancel, check-out,
// check-in, no-show, move; at-risk detection and the day's schedule. Each change runs in one
// BEGIN IMMEDIATE transaction with its audit row, strikes and outbox messages.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "server/app/services.hpp"
#include "server/storage/records.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::app {

/// Refusals: not_found, forbidden (role, or a clerk of another branch), invalid_transition.
result<storage::reservation_row> confirm_reservation(services& s, std::string_view code,
                                                     const actor& who);
result<storage::reservation_row> reject_reservation(services& s, std::string_view code,
                                                    std::string_view reason, const actor& who);
/// Staff may cancel any booking that is not checked out (DOMAIN.md §6); a reason is recorded.
result<storage::reservation_row> cancel_by_staff(services& s, std::string_view code,
                                                 std::string_view reason, const actor& who);

/// A confirmed reservation not checked out when its pickup window closes becomes no_show (by a
/// clerk, or by the system), freeing capacity; it is a strike for the farmer (DOMAIN.md §8).
/// A requested one whose window closed unconfirmed is rejected by the system instead (no
/// strike): pass role::system.
result<storage::reservation_row> mark_no_show(services& s, std::string_view code, const actor& who);

struct checkout_input {
    std::string unit_tag;
    double hour_meter = 0;
    std::map<std::string, bool> checklist;
    bool paid = false;
    std::optional<std::string> override_reason; // outside the pickup window (logged)
};
result<storage::reservation_row> check_out(services& s, std::string_view code,
                                           const checkout_input& in, const actor& who);

struct checkin_input {
    double hour_meter = 0;
    std::map<std::string, bool> checklist;
    std::string damage_notes;
    bool farmer_at_fault = false;
};
/// Late fee per DOMAIN.md §7, strikes for a return more than a day late and for damage through
/// the farmer's fault (the third within the window suspends), unit to `cleaning`.
result<storage::reservation_row> check_in(services& s, std::string_view code,
                                          const checkin_input& in, const actor& who);

struct move_input {
    std::optional<std::string> branch; // another branch (same type)
    period usage;                      // new usage days
};
/// Re-plans a live (not checked-out) reservation at another branch and/or date under the same
/// booking rules (the reservation itself does not count against its new slot), re-prices it,
/// keeps its code, and notifies the farmer. Used to resolve at-risk reservations.
result<storage::reservation_row> move_reservation(services& s, std::string_view code,
                                                  const move_input& in, const actor& who);

/// Live reservations that no longer fit their (branch, type) capacity (DOMAIN.md §3 at risk),
/// for one branch or all; only those whose occupancy has not ended.
std::vector<storage::reservation_row> at_risk_reservations(services& s,
                                                           std::optional<std::int64_t> branch_id);

/// The branch's day (issue 4): pickups with their windows, returns due, overdue, at risk.
struct day_schedule {
    std::vector<storage::reservation_row> pickups;
    std::vector<storage::reservation_row> returns;
    std::vector<storage::reservation_row> overdue;
    std::vector<storage::reservation_row> at_risk;
    // Delivery (DOMAIN.md §15): machines to bring today and round trips to fetch, by area.
    std::vector<storage::reservation_row> deliveries;
    std::vector<storage::reservation_row> collections;
};
day_schedule schedule_for(services& s, std::int64_t branch_id, local_days day);

// ---- look-ups (staff) ----------------------------------------------------------------------

/// The reservation with `code` (normalised), if any; the caller checks who may see it.
std::optional<storage::reservation_row> find_reservation(services& s, std::string_view code);

/// A reservation's audit trail, oldest first.
std::vector<storage::history_entry> reservation_history(services& s, std::int64_t reservation_id);

/// A reservation and its history, from one snapshot.
struct reservation_record {
    storage::reservation_row row;
    std::vector<storage::history_entry> history;
};
std::optional<reservation_record> find_with_history(services& s, std::string_view code);

/// The reservation with `code` and its history if `phone` is the one it was made with (else
/// not_found, the same answer as for a wrong code): a farmer's look-up, from one snapshot.
result<reservation_record> find_for_farmer_with_history(services& s, std::string_view code,
                                                        std::string_view phone);

/// Staff search (API.md GET /api/v1/reservations): newest first, at most `f.limit` rows.
std::vector<storage::reservation_row> search_reservations(services& s,
                                                          const storage::reservation_filter& f);

} // namespace agrirent::app
