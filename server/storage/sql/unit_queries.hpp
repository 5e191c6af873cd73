#pragma once
// The SQL of the units repository: free functions on one connection, wrapped by
// the unit_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"
#include "server/storage/unit_repository.hpp"

namespace agrirent::storage::sql {

namespace unit_detail {

template <class Statement>
unit_row read_unit(const Statement& st) {
    return {st.int64(0),
            st.text(1),
            st.int64(2),
            st.int64(3),
            parse_unit_status(st.text_view(4)).value_or(unit_status::available),
            st.real(5),
            st.text(6)};
}

} // namespace unit_detail

template <connection C>
std::optional<unit_row> find_unit(C& conn, std::string_view tag) {
    auto& st = conn.prepare_cached(
        "SELECT id, tag, type_id, branch_id, status, hour_meter, notes FROM units WHERE tag = ?");
    st.bind_all(tag);
    if (!st.step()) {
        return std::nullopt;
    }
    auto u = unit_detail::read_unit(st);
    st.reset();
    return u;
}

template <connection C>
std::vector<unit_row> list_units(C& conn, const unit_filter& f) {
    auto& st = conn.prepare_cached(
        "SELECT id, tag, type_id, branch_id, status, hour_meter, notes FROM units "
        "WHERE (?1 IS NULL OR branch_id = ?1) AND (?2 IS NULL OR type_id = ?2) "
        "AND (?3 IS NULL OR status = ?3) ORDER BY branch_id, type_id, tag");
    std::optional<std::string> state;
    if (f.state) {
        state = std::string{to_string(*f.state)};
    }
    st.bind_all(f.branch_id, f.type_id, state);
    std::vector<unit_row> out;
    while (st.step()) {
        out.push_back(unit_detail::read_unit(st));
    }
    return out;
}

template <connection C>
void update_unit(C& conn, std::int64_t id, unit_status state, std::optional<double> hour_meter,
                 std::optional<std::string> notes) {
    auto& st =
        conn.prepare_cached("UPDATE units SET status = ?, hour_meter = coalesce(?, hour_meter), "
                            "notes = coalesce(?, notes) WHERE id = ?");
    st.bind_all(to_string(state), hour_meter, notes, id);
    st.step();
}

} // namespace agrirent::storage::sql
