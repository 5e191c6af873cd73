#pragma once
// The SQL of the outbox repository: free functions on one connection, wrapped by
// the outbox_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/outbox_repository.hpp"
#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"

namespace agrirent::storage::sql {

namespace outbox_detail {

inline constexpr std::string_view select_message =
    "SELECT id, created_at, reservation_id, phone, kind, body, status, attempts, next_attempt, "
    "last_error, sent_at FROM outbox ";

template <class Statement>
std::vector<outbox_message> read_all(Statement& st) {
    std::vector<outbox_message> out;
    while (st.step()) {
        outbox_message m;
        m.id = st.int64(0);
        m.created_at = instant(st.int64(1));
        m.reservation_id = st.optional_int64(2);
        m.phone = st.text(3);
        m.kind = st.text(4);
        m.body = st.text(5);
        m.state = st.text(6);
        m.attempts = st.int32(7);
        m.next_attempt = instant(st.int64(8));
        m.last_error = st.optional_text(9);
        if (const auto s = st.optional_int64(10)) {
            m.sent_at = instant(*s);
        }
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace outbox_detail

template <connection C>
void enqueue_message(C& conn, std::optional<std::int64_t> reservation_id, std::string_view phone,
                     std::string_view kind, std::string_view body, sys_seconds now) {
    auto& st = conn.prepare_cached(
        "INSERT INTO outbox (created_at, reservation_id, phone, kind, body, next_attempt) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind_all(seconds(now), reservation_id, phone, kind, body, seconds(now));
    engine<C>::run_unanswered(st);
}

template <connection C>
std::vector<outbox_message> claim_due_messages(C& conn, sys_seconds now, int limit,
                                               sys_seconds held_until) {
    // In a write unit of work (the writer lock of every server), so no other sender reads the
    // same messages before these updates commit.
    static const std::string sql = std::string{outbox_detail::select_message} +
                                   "WHERE status = 'pending' AND next_attempt <= ? "
                                   "ORDER BY next_attempt, id LIMIT ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(seconds(now), limit);
    auto due = outbox_detail::read_all(st);
    for (const auto& m : due) {
        auto& hold = conn.prepare_cached("UPDATE outbox SET next_attempt = ? WHERE id = ?");
        hold.bind_all(seconds(held_until), m.id);
        hold.step();
    }
    return due;
}

template <connection C>
void mark_sent(C& conn, std::int64_t id, sys_seconds at) {
    auto& st = conn.prepare_cached(
        "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
        "last_error = NULL WHERE id = ?");
    st.bind_all(seconds(at), id);
    st.step();
}

template <connection C>
void mark_attempt_failed(C& conn, std::int64_t id, std::string_view error, sys_seconds retry_at,
                         bool give_up) {
    auto& st = conn.prepare_cached(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ?, "
        "status = CASE WHEN ? <> 0 THEN 'failed' ELSE status END WHERE id = ?");
    st.bind_all(error, seconds(retry_at), give_up, id);
    st.step();
}

template <connection C>
std::vector<outbox_message> messages_for_reservation(C& conn, std::int64_t reservation_id) {
    static const std::string sql =
        std::string{outbox_detail::select_message} + "WHERE reservation_id = ? ORDER BY id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(reservation_id);
    return outbox_detail::read_all(st);
}

template <connection C>
std::vector<outbox_message> recent_messages(C& conn, int limit) {
    static const std::string sql =
        std::string{outbox_detail::select_message} + "ORDER BY id DESC LIMIT ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(limit);
    return outbox_detail::read_all(st);
}

} // namespace agrirent::storage::sql
