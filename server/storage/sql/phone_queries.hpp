#pragma once
// The SQL of the phone repository (verified phones, DOMAIN.md §14): free functions on one
// connection, wrapped by the phone_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <stdexcept>
#include <string>

#include "server/storage/phone_repository.hpp"
#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"

namespace agrirent::storage::sql {

template <connection C>
std::vector<sys_seconds> code_times(C& conn, std::string_view phone, sys_seconds since) {
    auto& st = conn.prepare_cached("SELECT created_at FROM phone_codes WHERE phone = ? AND "
                                   "created_at >= ? ORDER BY created_at DESC, id DESC");
    st.bind_all(phone, seconds(since));
    std::vector<sys_seconds> out;
    while (st.step()) {
        out.push_back(instant(st.int64(0)));
    }
    return out;
}

template <connection C>
std::int64_t insert_code(C& conn, const phone_code_row& c) {
    static const std::string insert = concat(
        {"INSERT INTO phone_codes (phone, salt, code_hash, created_at, expires_at, tries, dead) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)",
         engine<C>::returning_id});
    auto& st = conn.prepare_cached(insert);
    st.bind_all(c.phone, c.salt, c.code_hash, seconds(c.created_at), seconds(c.expires_at), c.tries,
                c.dead);
    return engine<C>::inserted_id(conn, st);
}

template <connection C>
std::optional<phone_code_row> latest_code(C& conn, std::string_view phone) {
    auto& st = conn.prepare_cached(
        "SELECT id, phone, salt, code_hash, created_at, expires_at, tries, dead FROM phone_codes "
        "WHERE phone = ? ORDER BY created_at DESC, id DESC LIMIT 1");
    st.bind_all(phone);
    if (!st.step()) {
        return std::nullopt;
    }
    phone_code_row c;
    c.id = st.int64(0);
    c.phone = st.text(1);
    c.salt = st.text(2);
    c.code_hash = st.text(3);
    c.created_at = instant(st.int64(4));
    c.expires_at = instant(st.int64(5));
    c.tries = st.int32(6);
    c.dead = st.int64(7) != 0;
    st.reset();
    return c;
}

template <connection C>
void update_code(C& conn, std::int64_t id, int tries, bool dead) {
    auto& st = conn.prepare_cached("UPDATE phone_codes SET tries = ?, dead = ? WHERE id = ?");
    st.bind_all(tries, dead, id);
    st.step();
}

template <connection C>
void kill_codes(C& conn, std::string_view phone) {
    auto& st = conn.prepare_cached("UPDATE phone_codes SET dead = 1 WHERE phone = ? AND dead = 0");
    st.bind_all(phone);
    st.step();
}

template <connection C>
void insert_verification(C& conn, const phone_verification_row& v) {
    auto& st = conn.prepare_cached("INSERT INTO phone_verifications (token_hash, phone, "
                                   "created_at, expires_at) VALUES (?, ?, ?, ?)");
    st.bind_all(v.token_hash, v.phone, seconds(v.created_at), seconds(v.expires_at));
    st.step();
}

template <connection C>
std::optional<phone_verification_row> find_verification(C& conn, std::string_view token_hash) {
    auto& st = conn.prepare_cached("SELECT token_hash, phone, created_at, expires_at FROM "
                                   "phone_verifications WHERE token_hash = ?");
    st.bind_all(token_hash);
    if (!st.step()) {
        return std::nullopt;
    }
    phone_verification_row v{st.text(0), st.text(1), instant(st.int64(2)), instant(st.int64(3))};
    st.reset();
    return v;
}

template <connection C>
void delete_older(C& conn, sys_seconds before) {
    auto& codes = conn.prepare_cached("DELETE FROM phone_codes WHERE created_at < ?");
    codes.bind_all(seconds(before));
    codes.step();
    auto& verifications =
        conn.prepare_cached("DELETE FROM phone_verifications WHERE expires_at < ?");
    verifications.bind_all(seconds(before));
    verifications.step();
}

template <connection C>
std::string server_secret(C& conn, std::string_view name, std::string_view candidate) {
    {
        auto& st = conn.prepare_cached(
            "INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
        st.bind_all(name, candidate);
        st.step();
    }
    auto& st = conn.prepare_cached("SELECT value FROM server_secrets WHERE name = ?");
    st.bind_all(name);
    if (!st.step()) {
        throw std::runtime_error("server_secrets: the row just written is missing");
    }
    std::string value = st.text(0);
    st.reset();
    return value;
}

} // namespace agrirent::storage::sql
