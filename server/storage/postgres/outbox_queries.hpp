#pragma once
// The SQL of the outbox repository: free functions on one connection, wrapped by
// pg_outbox_repository (database.cpp).
#include "server/storage/outbox_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

void enqueue_message(pg::connection& conn, std::optional<std::int64_t> reservation_id,
                     std::string_view phone, std::string_view kind, std::string_view body,
                     sys_seconds now);
std::vector<outbox_message> due_messages(pg::connection& conn, sys_seconds now, int limit);
void mark_sent(pg::connection& conn, std::int64_t id, sys_seconds at);
void mark_attempt_failed(pg::connection& conn, std::int64_t id, std::string_view error,
                         sys_seconds retry_at, bool give_up);
std::vector<outbox_message> messages_for_reservation(pg::connection& conn,
                                                     std::int64_t reservation_id);
std::vector<outbox_message> recent_messages(pg::connection& conn, int limit);

} // namespace agrirent::storage::postgres
