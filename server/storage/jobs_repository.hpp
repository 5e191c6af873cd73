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

/// The jobs part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class jobs_repository {
  public:
    virtual ~jobs_repository() = default;

    /// Requested or confirmed reservations whose pickup window closed in [closed_after, now]
    /// (index reservations_pending_pickup), oldest window first.
    virtual std::vector<sweep_candidate> closed_pickup_windows(sys_seconds closed_after,
                                                               sys_seconds now, int limit) = 0;
    /// Confirmed reservations without a queued reminder whose pickup window is still open or to
    /// come and closes before `closes_before` (index reservations_pending_pickup).
    virtual std::vector<sweep_candidate>
    reminder_candidates(sys_seconds now, sys_seconds closes_before, int limit) = 0;
    /// Checked-out reservations without an overdue notice whose return deadline is at or before
    /// `deadline_before` (the live partial index: only live rows are scanned).
    virtual std::vector<sweep_candidate> overdue_candidates(sys_seconds deadline_before,
                                                            int limit) = 0;
    /// Sets reminder_queued = 1 if the reservation is still confirmed and has none queued; false if
    /// another writer got there first (or it changed status).
    virtual bool claim_reminder(std::int64_t reservation_id) = 0;
    /// Sets overdue_noticed = 1 if the reservation is still checked out and has none sent.
    virtual bool claim_overdue_notice(std::int64_t reservation_id) = 0;
    /// Deletes failed-login records older than `before`; returns how many.
    virtual int delete_login_failures_before(sys_seconds before) = 0;
    virtual std::vector<outbox_listing> list_outbox(const outbox_filter& f) = 0;

  protected:
    jobs_repository() = default;
    jobs_repository(const jobs_repository&) = default;
    jobs_repository& operator=(const jobs_repository&) = default;
};

} // namespace agrirent::storage
