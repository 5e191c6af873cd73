#pragma once
// The notification outbox (DOMAIN.md §9): rows are written in the same transaction as the change
// that causes them; the sender loop delivers them with retries.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.hpp"

namespace agrirent::db {
class connection;
}

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

void enqueue_message(db::connection& conn, std::optional<std::int64_t> reservation_id,
                     std::string_view phone, std::string_view kind, std::string_view body,
                     sys_seconds now);

/// Pending messages due at `now`, oldest first.
std::vector<outbox_message> due_messages(db::connection& conn, sys_seconds now, int limit);

void mark_sent(db::connection& conn, std::int64_t id, sys_seconds at);
/// Records a failed attempt; the message is retried at `retry_at`, or marked failed for good
/// when `give_up` is set.
void mark_attempt_failed(db::connection& conn, std::int64_t id, std::string_view error,
                         sys_seconds retry_at, bool give_up);

std::vector<outbox_message> messages_for_reservation(db::connection& conn,
                                                     std::int64_t reservation_id);
std::vector<outbox_message> recent_messages(db::connection& conn, int limit);

} // namespace agrirent::storage
