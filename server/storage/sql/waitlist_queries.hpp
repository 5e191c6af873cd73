#pragma once
// The waitlist's SQL (server/storage/waitlist_repository.hpp, DOMAIN.md §13).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"
#include "server/storage/waitlist_repository.hpp"

namespace agrirent::storage::sql {

namespace waitlist_detail {

/// The half column: 'am' or 'pm' for a half day (DOMAIN.md §11), NULL for whole days.
inline std::optional<std::string> half_text(std::optional<half_day> half) {
    if (!half) {
        return std::nullopt;
    }
    return std::string{to_string(*half)};
}

inline constexpr std::string_view select_entry =
    "SELECT w.id, w.code, w.branch_id, w.type_id, w.start_date, w.end_date, w.farmer_name, "
    "w.phone, w.status, w.channel, w.created_by, w.created_at, w.offer_expires_at, w.hold_from, "
    "w.hold_to, w.reservation_id, r.code, w.half FROM waitlist w "
    "LEFT JOIN reservations r ON r.id = w.reservation_id ";

template <class Statement>
waitlist_row read_entry(const Statement& st) {
    waitlist_row e;
    e.id = st.int64(0);
    e.code = st.text(1);
    e.branch_id = st.int64(2);
    e.type_id = st.int64(3);
    e.usage = {date_column(st, 4), date_column(st, 5)};
    e.name = st.text(6);
    e.phone = st.text(7);
    e.state = parse_waitlist_status(st.text_view(8)).value_or(waitlist_status::cancelled);
    e.via = st.text(9);
    e.created_by = st.text(10);
    e.created_at = instant(st.int64(11));
    e.offer_expires_at = optional_instant(st, 12);
    if (!st.is_null(13) && !st.is_null(14)) {
        e.hold = interval{instant(st.int64(13)), instant(st.int64(14))};
    }
    e.reservation_id = st.optional_int64(15);
    e.reservation_code = st.optional_text(16);
    if (const auto half = st.optional_text(17)) {
        e.half = parse_half_day(*half);
    }
    return e;
}

template <class Statement>
std::vector<waitlist_row> read_entries(Statement& st) {
    std::vector<waitlist_row> out;
    while (st.step()) {
        out.push_back(read_entry(st));
    }
    return out;
}

} // namespace waitlist_detail

template <connection C>
std::int64_t insert_entry(C& conn, const waitlist_row& e) {
    static const std::string insert =
        concat({"INSERT INTO waitlist (code, branch_id, type_id, start_date, end_date, "
                "farmer_name, phone, status, channel, created_by, created_at, half) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                engine<C>::refusing_duplicate_returning_id});
    auto& st = conn.prepare_cached(insert);
    st.bind_all(e.code, e.branch_id, e.type_id, format_date(e.usage.start),
                format_date(e.usage.end), e.name, e.phone, std::string{to_string(e.state)}, e.via,
                e.created_by, seconds(e.created_at), waitlist_detail::half_text(e.half));
    return engine<C>::inserted_id(conn, st);
}

template <connection C>
std::optional<waitlist_row> find_entry(C& conn, std::string_view code) {
    static const std::string sql = std::string{waitlist_detail::select_entry} + "WHERE w.code = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(code);
    if (!st.step()) {
        return std::nullopt;
    }
    auto e = waitlist_detail::read_entry(st);
    st.reset();
    return e;
}

template <connection C>
std::vector<waitlist_row> list_entries(C& conn, const waitlist_filter& f) {
    static const std::string sql =
        std::string{waitlist_detail::select_entry} +
        "WHERE (?1 IS NULL OR w.branch_id = ?1) AND (?2 IS NULL OR w.type_id = ?2) "
        "AND (?3 IS NULL OR w.status = ?3) AND (?4 IS NULL OR w.end_date >= ?4) "
        "AND (?5 IS NULL OR w.start_date <= ?5) ORDER BY w.id LIMIT ?6";
    auto& st = conn.prepare_cached(sql);
    std::optional<std::string> state;
    if (f.state) {
        state = std::string{to_string(*f.state)};
    }
    st.bind_all(f.branch_id, f.type_id, state, date_text(f.from), date_text(f.to), f.limit);
    return waitlist_detail::read_entries(st);
}

template <connection C>
std::vector<waitlist_row> waiting_queue(C& conn, std::int64_t branch_id, std::int64_t type_id) {
    static const std::string sql =
        std::string{waitlist_detail::select_entry} +
        "WHERE w.branch_id = ? AND w.type_id = ? AND w.status IN ('waiting', 'offered') "
        "AND w.status = 'waiting' ORDER BY w.id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, type_id);
    return waitlist_detail::read_entries(st);
}

template <connection C>
int waiting_ahead(C& conn, std::int64_t branch_id, std::int64_t type_id, std::int64_t id,
                  period usage, std::optional<half_day> half) {
    auto& st = conn.prepare_cached(
        "SELECT count(*) FROM waitlist WHERE branch_id = ?1 AND type_id = ?2 "
        "AND status IN ('waiting', 'offered') AND status = 'waiting' AND id < ?3 "
        "AND start_date <= ?4 AND end_date >= ?5 AND (half IS NULL OR ?6 IS NULL OR half = ?6)");
    st.bind_all(branch_id, type_id, id, format_date(usage.end), format_date(usage.start),
                waitlist_detail::half_text(half));
    st.step();
    const int n = static_cast<int>(st.int64(0));
    st.reset();
    return n;
}

template <connection C>
int count_live_of_phone(C& conn, std::string_view phone) {
    auto& st = conn.prepare_cached(
        "SELECT count(*) FROM waitlist WHERE phone = ? AND status IN ('waiting', 'offered')");
    st.bind_all(phone);
    st.step();
    const int n = static_cast<int>(st.int64(0));
    st.reset();
    return n;
}

template <connection C>
bool live_entry_overlaps(C& conn, std::string_view phone, std::int64_t branch_id,
                         std::int64_t type_id, period usage, std::optional<half_day> half) {
    auto& st = conn.prepare_cached(
        "SELECT 1 FROM waitlist WHERE phone = ?1 AND status IN ('waiting', 'offered') "
        "AND branch_id = ?2 AND type_id = ?3 AND start_date <= ?4 AND end_date >= ?5 "
        "AND (half IS NULL OR ?6 IS NULL OR half = ?6) LIMIT 1");
    st.bind_all(phone, branch_id, type_id, format_date(usage.end), format_date(usage.start),
                waitlist_detail::half_text(half));
    const bool found = st.step();
    st.reset();
    return found;
}

template <connection C>
bool anyone_waiting(C& conn, std::int64_t branch_id, std::int64_t type_id, period days) {
    auto& st = conn.prepare_cached(
        "SELECT 1 FROM waitlist WHERE branch_id = ? AND type_id = ? "
        "AND status IN ('waiting', 'offered') AND start_date <= ? AND end_date >= ? LIMIT 1");
    st.bind_all(branch_id, type_id, format_date(days.end), format_date(days.start));
    const bool found = st.step();
    st.reset();
    return found;
}

template <connection C>
bool make_offer(C& conn, std::int64_t id, sys_seconds expires_at, interval hold) {
    auto& st = conn.prepare_cached(
        "UPDATE waitlist SET status = 'offered', offer_expires_at = ?, hold_from = ?, "
        "hold_to = ? WHERE id = ? AND status = 'waiting'");
    st.bind_all(seconds(expires_at), seconds(hold.from), seconds(hold.to), id);
    st.step();
    return conn.changes() == 1;
}

template <connection C>
bool set_entry_status(C& conn, std::int64_t id, waitlist_status from, waitlist_status to,
                      std::optional<std::int64_t> reservation_id) {
    auto& st = conn.prepare_cached(
        "UPDATE waitlist SET status = ?, reservation_id = coalesce(?, reservation_id) "
        "WHERE id = ? AND status = ?");
    st.bind_all(std::string{to_string(to)}, reservation_id, id, std::string{to_string(from)});
    st.step();
    return conn.changes() == 1;
}

template <connection C>
std::vector<waitlist_row> lapsed_offers(C& conn, sys_seconds now, int limit) {
    static const std::string sql = std::string{waitlist_detail::select_entry} +
                                   "WHERE w.status = 'offered' AND w.offer_expires_at <= ? "
                                   "ORDER BY w.offer_expires_at, w.id LIMIT ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(seconds(now), limit);
    return waitlist_detail::read_entries(st);
}

template <connection C>
std::vector<waitlist_row> waiting_starting_by(C& conn, local_days day, int limit) {
    static const std::string sql = std::string{waitlist_detail::select_entry} +
                                   "WHERE w.status IN ('waiting', 'offered') AND "
                                   "w.status = 'waiting' AND w.start_date <= ? ORDER BY w.id "
                                   "LIMIT ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(format_date(day), limit);
    return waitlist_detail::read_entries(st);
}

template <connection C>
std::vector<std::pair<std::int64_t, std::int64_t>> waiting_branch_types(C& conn) {
    auto& st = conn.prepare_cached(
        "SELECT DISTINCT branch_id, type_id FROM waitlist WHERE status IN ('waiting', 'offered') "
        "AND status = 'waiting' ORDER BY branch_id, type_id");
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    while (st.step()) {
        out.emplace_back(st.int64(0), st.int64(1));
    }
    return out;
}

template <connection C>
std::vector<std::pair<std::int64_t, interval>> holds_in_branch(C& conn, std::int64_t branch_id,
                                                               interval window) {
    auto& st = conn.prepare_cached(
        "SELECT type_id, hold_from, hold_to FROM waitlist WHERE branch_id = ? "
        "AND status IN ('waiting', 'offered') AND status = 'offered' AND hold_to > ? "
        "AND hold_from < ? ORDER BY id");
    st.bind_all(branch_id, seconds(window.from), seconds(window.to));
    std::vector<std::pair<std::int64_t, interval>> out;
    while (st.step()) {
        out.emplace_back(st.int64(0), interval{instant(st.int64(1)), instant(st.int64(2))});
    }
    return out;
}

} // namespace agrirent::storage::sql
