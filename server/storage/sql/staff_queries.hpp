#pragma once
// The SQL of the staff repository: free functions on one connection, wrapped by
// the staff_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"
#include "server/storage/staff_repository.hpp"

namespace agrirent::storage::sql {

namespace staff_detail {

inline constexpr std::string_view select_staff =
    "SELECT id, username, display_name, role, branch_id, password_hash, active, created_at "
    "FROM staff_users ";

template <class Statement>
staff_row read_staff(const Statement& st) {
    staff_row s;
    s.id = st.int64(0);
    s.username = st.text(1);
    s.display_name = st.text(2);
    s.who = parse_role(st.text_view(3)).value_or(role::operator_);
    s.branch_id = st.optional_int64(4);
    s.password_hash = st.text(5);
    s.active = st.int64(6) != 0;
    s.created_at = instant(st.int64(7));
    return s;
}

template <connection C, class Key>
std::optional<staff_row> find_one(C& conn, const std::string& sql, const Key& key) {
    auto& st = conn.prepare_cached(sql);
    st.bind_all(key);
    if (!st.step()) {
        return std::nullopt;
    }
    auto s = read_staff(st);
    st.reset();
    return s;
}

} // namespace staff_detail

template <connection C>
std::optional<staff_row> find_staff(C& conn, std::string_view username) {
    static const std::string sql = std::string{staff_detail::select_staff} + "WHERE username = ?";
    return staff_detail::find_one(conn, sql, username);
}

template <connection C>
std::optional<staff_row> find_staff_by_id(C& conn, std::int64_t id) {
    static const std::string sql = std::string{staff_detail::select_staff} + "WHERE id = ?";
    return staff_detail::find_one(conn, sql, id);
}

template <connection C>
std::vector<staff_row> list_staff(C& conn) {
    static const std::string sql = std::string{staff_detail::select_staff} + "ORDER BY username";
    auto& st = conn.prepare_cached(sql);
    std::vector<staff_row> out;
    while (st.step()) {
        out.push_back(staff_detail::read_staff(st));
    }
    return out;
}

template <connection C>
std::int64_t insert_staff(C& conn, const staff_row& s) {
    static const std::string insert =
        concat({"INSERT INTO staff_users (username, display_name, role, branch_id, password_hash, "
                "active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                engine<C>::refusing_duplicate_returning_id});
    auto& st = conn.prepare_cached(insert);
    st.bind_all(s.username, s.display_name, to_string(s.who), s.branch_id, s.password_hash,
                s.active, seconds(s.created_at));
    return engine<C>::inserted_id(conn, st);
}

template <connection C>
void update_staff(C& conn, const staff_row& s) {
    auto& st = conn.prepare_cached(
        "UPDATE staff_users SET username = ?, display_name = ?, role = ?, branch_id = ?, "
        "password_hash = ?, active = ? WHERE id = ?");
    st.bind_all(s.username, s.display_name, to_string(s.who), s.branch_id, s.password_hash,
                s.active, s.id);
    st.step();
}

template <connection C>
std::int64_t count_staff(C& conn) {
    auto& st = conn.prepare_cached("SELECT count(*) FROM staff_users");
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

template <connection C>
void insert_session(C& conn, const session_row& s) {
    static const std::string insert =
        concat({"INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen) "
                "VALUES (?, ?, ?, ?, ?)",
                engine<C>::refusing_duplicate});
    auto& st = conn.prepare_cached(insert);
    st.bind_all(s.id_hash, s.user_id, s.csrf_token, seconds(s.created_at), seconds(s.last_seen));
    engine<C>::run_insert(st);
}

template <connection C>
std::optional<session_row> find_session(C& conn, std::string_view id_hash) {
    auto& st = conn.prepare_cached(
        "SELECT id_hash, user_id, csrf_token, created_at, last_seen FROM sessions "
        "WHERE id_hash = ?");
    st.bind_all(id_hash);
    if (!st.step()) {
        return std::nullopt;
    }
    session_row s{st.text(0), st.int64(1), st.text(2), instant(st.int64(3)), instant(st.int64(4))};
    st.reset();
    return s;
}

template <connection C>
void touch_session(C& conn, std::string_view id_hash, sys_seconds at) {
    auto& st = conn.prepare_cached("UPDATE sessions SET last_seen = ? WHERE id_hash = ?");
    st.bind_all(seconds(at), id_hash);
    st.step();
}

template <connection C>
void delete_session(C& conn, std::string_view id_hash) {
    auto& st = conn.prepare_cached("DELETE FROM sessions WHERE id_hash = ?");
    st.bind_all(id_hash);
    st.step();
}

template <connection C>
void delete_sessions_of(C& conn, std::int64_t user_id) {
    auto& st = conn.prepare_cached("DELETE FROM sessions WHERE user_id = ?");
    st.bind_all(user_id);
    st.step();
}

template <connection C>
void delete_expired_sessions(C& conn, sys_seconds idle_before, sys_seconds created_before) {
    auto& st = conn.prepare_cached("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?");
    st.bind_all(seconds(idle_before), seconds(created_before));
    st.step();
}

template <connection C>
void record_login_failure(C& conn, std::string_view key, sys_seconds at) {
    auto& st = conn.prepare_cached("INSERT INTO login_failures (key, at) VALUES (?, ?)");
    st.bind_all(key, seconds(at));
    st.step();
}

template <connection C>
failure_stats login_failures(C& conn, std::string_view key, sys_seconds since) {
    auto& st = conn.prepare_cached(
        "SELECT count(*), max(at) FROM login_failures WHERE key = ? AND at >= ?");
    st.bind_all(key, seconds(since));
    st.step();
    failure_stats f;
    f.count = st.int32(0);
    if (const auto latest = st.optional_int64(1)) {
        f.latest = instant(*latest);
    }
    st.reset();
    return f;
}

template <connection C>
void clear_login_failures(C& conn, std::string_view key) {
    auto& st = conn.prepare_cached("DELETE FROM login_failures WHERE key = ?");
    st.bind_all(key);
    st.step();
}

} // namespace agrirent::storage::sql
