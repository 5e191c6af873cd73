#pragma once
// Queries of the background jobs (server/app/jobs.hpp): reservations whose pickup window closed,
// reminders and overdue notices not yet queued, housekeeping, and the operators' outbox view.
// Every function runs on the caller's connection, inside the caller's transaction if any.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.hpp"
#include "server/storage/outbox_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage {

/// What the sweeper needs to decide about one reservation without loading all of it.
struct sweep_candidate {
    std::int64_t id = 0;
    std::string code;
    std::int64_t branch_id = 0;
    status state = status::requested;
    sys_seconds pickup_from{};
    sys_seconds pickup_to{};
    sys_seconds return_by{};
    sys_seconds created_at{};
};

/// Requested or confirmed reservations whose pickup window closed in [closed_after, now]
/// (index reservations_pending_pickup), oldest window first.
std::vector<sweep_candidate> closed_pickup_windows(db::connection& conn, sys_seconds closed_after,
                                                   sys_seconds now, int limit);

/// Confirmed reservations without a queued reminder whose pickup window is still open or to
/// come and closes before `closes_before` (index reservations_pending_pickup).
std::vector<sweep_candidate> reminder_candidates(db::connection& conn, sys_seconds now,
                                                 sys_seconds closes_before, int limit);

/// Checked-out reservations without an overdue notice whose return deadline is at or before
/// `deadline_before` (the live partial index: only live rows are scanned).
std::vector<sweep_candidate> overdue_candidates(db::connection& conn, sys_seconds deadline_before,
                                                int limit);

/// Sets reminder_queued = 1 if the reservation is still confirmed and has none queued; false if
/// another writer got there first (or it changed status).
bool claim_reminder(db::connection& conn, std::int64_t reservation_id);
/// Sets overdue_noticed = 1 if the reservation is still checked out and has none sent.
bool claim_overdue_notice(db::connection& conn, std::int64_t reservation_id);

/// Deletes failed-login records older than `before`; returns how many.
int delete_login_failures_before(db::connection& conn, sys_seconds before);

/// Outbox rows for operators (GET /api/v1/outbox), newest first.
struct outbox_filter {
    std::optional<std::int64_t> reservation_id;
    std::optional<std::string> state; // pending, sent, failed
    int limit = 100;
};
struct outbox_listing {
    outbox_message message;
    std::optional<std::string> reservation_code;
};
std::vector<outbox_listing> list_outbox(db::connection& conn, const outbox_filter& f);

} // namespace agrirent::storage
