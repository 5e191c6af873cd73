#include "server/storage/postgres/staff_queries.hpp"

#include "server/storage/postgres/columns.hpp"
#include "server/storage/postgres/pq.hpp"

namespace agrirent::storage::postgres {
namespace {

constexpr std::string_view select_staff =
    "SELECT id, username, display_name, role, branch_id, password_hash, active, created_at "
    "FROM staff_users ";

staff_row read_staff(const pg::statement& st) {
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

template <class Key>
std::optional<staff_row> find_one(pg::connection& conn, const std::string& sql, const Key& key) {
    auto& st = conn.prepare_cached(sql);
    st.bind_all(key);
    if (!st.step()) {
        return std::nullopt;
    }
    auto s = read_staff(st);
    st.reset();
    return s;
}

} // namespace

std::optional<staff_row> find_staff(pg::connection& conn, std::string_view username) {
    static const std::string sql = std::string{select_staff} + "WHERE username = ?";
    return find_one(conn, sql, username);
}

std::optional<staff_row> find_staff_by_id(pg::connection& conn, std::int64_t id) {
    static const std::string sql = std::string{select_staff} + "WHERE id = ?";
    return find_one(conn, sql, id);
}

std::vector<staff_row> list_staff(pg::connection& conn) {
    static const std::string sql = std::string{select_staff} + "ORDER BY username";
    auto& st = conn.prepare_cached(sql);
    std::vector<staff_row> out;
    while (st.step()) {
        out.push_back(read_staff(st));
    }
    return out;
}

std::int64_t insert_staff(pg::connection& conn, const staff_row& s) {
    auto& st = conn.prepare_cached(
        "INSERT INTO staff_users (username, display_name, role, branch_id, password_hash, active, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id");
    st.bind_all(s.username, s.display_name, to_string(s.who), s.branch_id, s.password_hash,
                s.active, seconds(s.created_at));
    return inserted_id(st);
}

void update_staff(pg::connection& conn, const staff_row& s) {
    auto& st = conn.prepare_cached(
        "UPDATE staff_users SET username = ?, display_name = ?, role = ?, branch_id = ?, "
        "password_hash = ?, active = ? WHERE id = ?");
    st.bind_all(s.username, s.display_name, to_string(s.who), s.branch_id, s.password_hash,
                s.active, s.id);
    st.step();
}

std::int64_t count_staff(pg::connection& conn) {
    auto& st = conn.prepare_cached("SELECT count(*) FROM staff_users");
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

void insert_session(pg::connection& conn, const session_row& s) {
    auto& st = conn.prepare_cached(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    st.bind_all(s.id_hash, s.user_id, s.csrf_token, seconds(s.created_at), seconds(s.last_seen));
    require_inserted(st);
}

std::optional<session_row> find_session(pg::connection& conn, std::string_view id_hash) {
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

void touch_session(pg::connection& conn, std::string_view id_hash, sys_seconds at) {
    auto& st = conn.prepare_cached("UPDATE sessions SET last_seen = ? WHERE id_hash = ?");
    st.bind_all(seconds(at), id_hash);
    st.step();
}

void delete_session(pg::connection& conn, std::string_view id_hash) {
    auto& st = conn.prepare_cached("DELETE FROM sessions WHERE id_hash = ?");
    st.bind_all(id_hash);
    st.step();
}

void delete_sessions_of(pg::connection& conn, std::int64_t user_id) {
    auto& st = conn.prepare_cached("DELETE FROM sessions WHERE user_id = ?");
    st.bind_all(user_id);
    st.step();
}

void delete_expired_sessions(pg::connection& conn, sys_seconds idle_before,
                             sys_seconds created_before) {
    auto& st = conn.prepare_cached("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?");
    st.bind_all(seconds(idle_before), seconds(created_before));
    st.step();
}

void record_login_failure(pg::connection& conn, std::string_view key, sys_seconds at) {
    auto& st = conn.prepare_cached("INSERT INTO login_failures (key, at) VALUES (?, ?)");
    st.bind_all(key, seconds(at));
    st.step();
}

failure_stats login_failures(pg::connection& conn, std::string_view key, sys_seconds since) {
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

void clear_login_failures(pg::connection& conn, std::string_view key) {
    auto& st = conn.prepare_cached("DELETE FROM login_failures WHERE key = ?");
    st.bind_all(key);
    st.step();
}

} // namespace agrirent::storage::postgres
