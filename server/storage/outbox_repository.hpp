#pragma once
// The notification outbox (DOMAIN.md §9): rows are written in the same transaction as the change
// that causes them; the sender loop delivers them with retries.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.hpp"

namespace agrirent::storage {

struct outbox_message {
    std::int64_t id = 0;
    sys_seconds created_at{};
    std::optional<std::int64_t> reservation_id;
    std::string phone;
    std::string kind; // confirmation, request, reminder, overdue, cancellation, rejection, moved
    std::string body;
    std::string state; // pending, sent, failed
    int attempts = 0;
    sys_seconds next_attempt{};
    std::optional<std::string> last_error;
    std::optional<sys_seconds> sent_at;
};

/// The outbox part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class outbox_repository {
  public:
    virtual ~outbox_repository() = default;

    virtual void enqueue_message(std::optional<std::int64_t> reservation_id, std::string_view phone,
                                 std::string_view kind, std::string_view body, sys_seconds now) = 0;
    /// Takes the pending messages due at `now` (oldest first, at most `limit`) for one sender:
    /// each is held until `held_until` (its next attempt moves there), so no other sender — of
    /// this server or of another on the same database — takes it meanwhile (issue 12: each
    /// message is sent once). The sender then marks it sent or failed; if it dies first, the
    /// message is due again at `held_until`. Call it in a write unit of work.
    virtual std::vector<outbox_message> claim_due_messages(sys_seconds now, int limit,
                                                           sys_seconds held_until) = 0;
    virtual void mark_sent(std::int64_t id, sys_seconds at) = 0;
    /// Records a failed attempt; the message is retried at `retry_at`, or marked failed for good
    /// when `give_up` is set.
    virtual void mark_attempt_failed(std::int64_t id, std::string_view error, sys_seconds retry_at,
                                     bool give_up) = 0;
    virtual std::vector<outbox_message> messages_for_reservation(std::int64_t reservation_id) = 0;
    virtual std::vector<outbox_message> recent_messages(int limit) = 0;

  protected:
    outbox_repository() = default;
    outbox_repository(const outbox_repository&) = default;
    outbox_repository& operator=(const outbox_repository&) = default;
};

} // namespace agrirent::storage
