#pragma once
// The SQL of the people repository: free functions on one connection, wrapped by
// the people_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/people_repository.hpp"
#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"

namespace agrirent::storage::sql {

namespace people_detail {

/// `part` as a LIKE pattern matching it anywhere, with LIKE's wildcards escaped.
inline std::optional<std::string> contains_pattern(const std::optional<std::string>& part) {
    if (!part) {
        return std::nullopt;
    }
    std::string out = "%";
    for (const char c : *part) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '%';
    return out;
}

template <class C>
const std::string& search_sql() {
    static const std::string sql =
        concat({"SELECT id FROM farmers WHERE (?1 IS NULL OR phone = ?1) AND "
                "(?2 IS NULL OR replace(phone, '-', '') ",
                engine<C>::like, " ?2 ESCAPE '\\') AND (?3 IS NULL OR name ", engine<C>::like,
                " ?3 ESCAPE '\\') AND (?4 IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5"});
    return sql;
}

} // namespace people_detail

/// `find_farmer(conn, id)` reads each farmer found: the engine's own, while the reservation
/// queries (where it lives) are still written once per engine.
template <connection C, class FindFarmer>
std::vector<farmer_row> search_farmers(C& conn, const farmer_search& q, FindFarmer find_farmer) {
    std::vector<std::int64_t> ids;
    {
        auto& st = conn.prepare_cached(people_detail::search_sql<C>());
        st.bind_all(q.phone, people_detail::contains_pattern(q.phone_digits),
                    people_detail::contains_pattern(q.name), q.before_id, q.limit);
        while (st.step()) {
            ids.push_back(st.int64(0));
        }
    }
    std::vector<farmer_row> out;
    out.reserve(ids.size());
    for (const auto id : ids) {
        if (auto f = find_farmer(conn, id)) {
            out.push_back(std::move(*f));
        }
    }
    return out;
}

template <connection C>
void update_farmer(C& conn, const farmer_row& f) {
    auto& st = conn.prepare_cached(
        "UPDATE farmers SET name = ?, farm_id = ?, district = ?, training_completed_on = ?, "
        "suspended_until = ?, suspension_reason = ? WHERE id = ?");
    st.bind_all(f.name, f.farm_id, f.district, date_text(f.training_completed_on),
                date_text(f.suspended_until), f.suspension_reason, f.id);
    st.step();
}

template <connection C>
void set_farmer_categories(C& conn, std::int64_t farmer_id,
                           const std::vector<std::int64_t>& category_ids) {
    auto& clear = conn.prepare_cached("DELETE FROM farmer_category_members WHERE farmer_id = ?");
    clear.bind_all(farmer_id);
    clear.step();
    static const std::string insert =
        concat({engine<C>::insert_or_ignore,
                "INTO farmer_category_members (farmer_id, category_id) VALUES (?, ?)",
                engine<C>::or_ignore});
    auto& add = conn.prepare_cached(insert);
    for (const auto id : category_ids) {
        add.reset();
        add.bind_all(farmer_id, id);
        add.step();
    }
}

template <connection C>
std::vector<strike_record> farmer_strikes(C& conn, std::int64_t farmer_id) {
    auto& st = conn.prepare_cached(
        "SELECT s.kind, s.at, r.code FROM strikes s LEFT JOIN reservations r "
        "ON r.id = s.reservation_id WHERE s.farmer_id = ? ORDER BY s.at DESC, s.id DESC");
    st.bind_all(farmer_id);
    std::vector<strike_record> out;
    while (st.step()) {
        out.push_back(
            {st.text(0), sys_seconds{std::chrono::seconds{st.int64(1)}}, st.optional_text(2)});
    }
    return out;
}

template <connection C>
std::int64_t count_live_of_farmer(C& conn, std::int64_t farmer_id) {
    auto& st = conn.prepare_cached("SELECT count(*) FROM reservations WHERE farmer_id = ? AND "
                                   "status IN ('requested', 'confirmed', 'checked_out')");
    st.bind_all(farmer_id);
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

// ---- farmer groups (DOMAIN.md §16) --------------------------------------------------------

namespace people_detail {

template <connection C>
void read_group_members(C& conn, group_row& g) {
    auto& st =
        conn.prepare_cached("SELECT f.id, f.phone FROM farmer_group_members m JOIN farmers f "
                            "ON f.id = m.farmer_id WHERE m.group_id = ? ORDER BY f.phone");
    st.bind_all(g.id);
    while (st.step()) {
        g.member_ids.push_back(st.int64(0));
        g.member_phones.push_back(st.text(1));
    }
}

inline constexpr std::string_view select_group =
    "SELECT g.id, g.name, g.representative_id, f.phone, g.created_at FROM farmer_groups g "
    "JOIN farmers f ON f.id = g.representative_id ";

} // namespace people_detail

template <connection C>
std::vector<group_row> list_groups(C& conn) {
    auto& st = conn.prepare_cached(std::string{people_detail::select_group} + "ORDER BY g.name");
    std::vector<group_row> out;
    while (st.step()) {
        out.push_back(
            {st.int64(0), st.text(1), st.int64(2), st.text(3), {}, {}, instant(st.int64(4))});
    }
    for (auto& g : out) {
        people_detail::read_group_members(conn, g);
    }
    return out;
}

template <connection C>
std::optional<group_row> find_group(C& conn, std::int64_t id) {
    auto& st = conn.prepare_cached(std::string{people_detail::select_group} + "WHERE g.id = ?");
    st.bind_all(id);
    if (!st.step()) {
        return std::nullopt;
    }
    group_row g{st.int64(0), st.text(1), st.int64(2), st.text(3), {}, {}, instant(st.int64(4))};
    st.reset();
    people_detail::read_group_members(conn, g);
    return g;
}

namespace people_detail {

template <connection C>
void set_group_members(C& conn, std::int64_t group_id, const std::vector<std::int64_t>& ids) {
    auto& clear = conn.prepare_cached("DELETE FROM farmer_group_members WHERE group_id = ?");
    clear.bind_all(group_id);
    clear.step();
    auto& add =
        conn.prepare_cached("INSERT INTO farmer_group_members (group_id, farmer_id) VALUES (?, ?)");
    for (const auto id : ids) {
        add.reset();
        add.bind_all(group_id, id);
        add.step();
    }
}

} // namespace people_detail

template <connection C>
std::int64_t insert_group(C& conn, const group_row& g) {
    static const std::string insert =
        concat({"INSERT INTO farmer_groups (name, representative_id, created_at) VALUES (?, ?, ?)",
                engine<C>::refusing_duplicate_returning_id});
    auto& st = conn.prepare_cached(insert);
    st.bind_all(g.name, g.representative_id, seconds(g.created_at));
    const auto id = engine<C>::inserted_id(conn, st);
    people_detail::set_group_members(conn, id, g.member_ids);
    return id;
}

template <connection C>
void update_group(C& conn, const group_row& g) {
    auto& st = conn.prepare_cached(
        "UPDATE farmer_groups SET name = ?, representative_id = ? WHERE id = ?");
    st.bind_all(g.name, g.representative_id, g.id);
    st.step();
    people_detail::set_group_members(conn, g.id, g.member_ids);
}

template <connection C>
std::int64_t count_live_of_group(C& conn, std::int64_t group_id, std::int64_t type_id) {
    auto& st = conn.prepare_cached(
        "SELECT count(*) FROM reservations WHERE group_id = ? AND type_id = ? AND "
        "status IN ('requested', 'confirmed', 'checked_out')");
    st.bind_all(group_id, type_id);
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

} // namespace agrirent::storage::sql
