#pragma once
// The SQL of the outbox repository: free functions on one connection, wrapped by
// sqlite_outbox_repository (database.cpp).
#include "server/storage/outbox_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage::sqlite {

void enqueue_message(db::connection& conn, std::optional<std::int64_t> reservation_id,
                     std::string_view phone, std::string_view kind, std::string_view body,
                     sys_seconds now);
std::vector<outbox_message> claim_due_messages(db::connection& conn, sys_seconds now, int limit,
                                               sys_seconds held_until);
void mark_sent(db::connection& conn, std::int64_t id, sys_seconds at);
void mark_attempt_failed(db::connection& conn, std::int64_t id, std::string_view error,
                         sys_seconds retry_at, bool give_up);
std::vector<outbox_message> messages_for_reservation(db::connection& conn,
                                                     std::int64_t reservation_id);
std::vector<outbox_message> recent_messages(db::connection& conn, int limit);

} // namespace agrirent::storage::sqlite
