#pragma once
// The SQL of the jobs repository: free functions on one connection, wrapped by
// the jobs_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/jobs_repository.hpp"
#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"

namespace agrirent::storage::sql {

namespace jobs_detail {

inline constexpr std::string_view select_candidate =
    "SELECT id, code, branch_id, status, pickup_from, pickup_to, return_by, created_at "
    "FROM reservations ";

template <class Statement>
std::vector<sweep_candidate> read_candidates(Statement& st) {
    std::vector<sweep_candidate> out;
    while (st.step()) {
        sweep_candidate c;
        c.id = st.int64(0);
        c.code = st.text(1);
        c.branch_id = st.int64(2);
        c.state = parse_status(st.text_view(3)).value_or(status::requested);
        c.pickup_from = instant(st.int64(4));
        c.pickup_to = instant(st.int64(5));
        c.return_by = instant(st.int64(6));
        c.created_at = instant(st.int64(7));
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace jobs_detail

// The literal `status IN ('requested', 'confirmed')` term lets the planner use the partial index
// reservations_pending_pickup (its planner only matches the index's own WHERE terms).
template <connection C>
std::vector<sweep_candidate> closed_pickup_windows(C& conn, sys_seconds closed_after,
                                                   sys_seconds now, int limit) {
    static const std::string sql = std::string{jobs_detail::select_candidate} +
                                   "WHERE status IN ('requested', 'confirmed') "
                                   "AND pickup_to > ? AND pickup_to <= ? "
                                   "ORDER BY pickup_to, id LIMIT ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(seconds(closed_after), seconds(now), limit);
    return jobs_detail::read_candidates(st);
}

template <connection C>
std::vector<sweep_candidate> reminder_candidates(C& conn, sys_seconds now,
                                                 sys_seconds closes_before, int limit) {
    static const std::string sql = std::string{jobs_detail::select_candidate} +
                                   "WHERE status IN ('requested', 'confirmed') "
                                   "AND status = 'confirmed' AND reminder_queued = 0 "
                                   "AND pickup_to > ? AND pickup_to < ? "
                                   "ORDER BY pickup_to, id LIMIT ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(seconds(now), seconds(closes_before), limit);
    return jobs_detail::read_candidates(st);
}

template <connection C>
std::vector<sweep_candidate> overdue_candidates(C& conn, sys_seconds deadline_before, int limit) {
    static const std::string sql = std::string{jobs_detail::select_candidate} +
                                   "WHERE status IN ('requested', 'confirmed', 'checked_out') "
                                   "AND status = 'checked_out' AND overdue_noticed = 0 "
                                   "AND return_by <= ? ORDER BY return_by, id LIMIT ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(seconds(deadline_before), limit);
    return jobs_detail::read_candidates(st);
}

template <connection C>
bool claim_reminder(C& conn, std::int64_t reservation_id) {
    auto& st = conn.prepare_cached("UPDATE reservations SET reminder_queued = 1 "
                                   "WHERE id = ? AND status = 'confirmed' AND reminder_queued = 0");
    st.bind_all(reservation_id);
    st.step();
    return conn.changes() == 1;
}

template <connection C>
bool claim_overdue_notice(C& conn, std::int64_t reservation_id) {
    auto& st =
        conn.prepare_cached("UPDATE reservations SET overdue_noticed = 1 "
                            "WHERE id = ? AND status = 'checked_out' AND overdue_noticed = 0");
    st.bind_all(reservation_id);
    st.step();
    return conn.changes() == 1;
}

template <connection C>
int delete_login_failures_before(C& conn, sys_seconds before) {
    auto& st = conn.prepare_cached("DELETE FROM login_failures WHERE at < ?");
    st.bind_all(seconds(before));
    st.step();
    return conn.changes();
}

template <connection C>
std::vector<outbox_listing> list_outbox(C& conn, const outbox_filter& f) {
    auto& st = conn.prepare_cached(
        "SELECT o.id, o.created_at, o.reservation_id, o.phone, o.kind, o.body, o.status, "
        "o.attempts, o.next_attempt, o.last_error, o.sent_at, r.code "
        "FROM outbox o LEFT JOIN reservations r ON r.id = o.reservation_id "
        "WHERE (?1 IS NULL OR o.reservation_id = ?1) AND (?2 IS NULL OR o.status = ?2) "
        "ORDER BY o.id DESC LIMIT ?3");
    st.bind_all(f.reservation_id, f.state, f.limit);
    std::vector<outbox_listing> out;
    while (st.step()) {
        outbox_listing l;
        auto& m = l.message;
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
        l.reservation_code = st.optional_text(11);
        out.push_back(std::move(l));
    }
    return out;
}

} // namespace agrirent::storage::sql
