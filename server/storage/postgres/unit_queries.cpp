#include "server/storage/postgres/unit_queries.hpp"

#include "server/storage/postgres/pq.hpp"

namespace agrirent::storage::postgres {
namespace {

unit_row read_unit(const pg::statement& st) {
    return {st.int64(0),
            st.text(1),
            st.int64(2),
            st.int64(3),
            parse_unit_status(st.text_view(4)).value_or(unit_status::available),
            st.real(5),
            st.text(6)};
}

} // namespace

std::optional<unit_row> find_unit(pg::connection& conn, std::string_view tag) {
    auto& st = conn.prepare_cached(
        "SELECT id, tag, type_id, branch_id, status, hour_meter, notes FROM units WHERE tag = ?");
    st.bind_all(tag);
    if (!st.step()) {
        return std::nullopt;
    }
    auto u = read_unit(st);
    st.reset();
    return u;
}

std::vector<unit_row> list_units(pg::connection& conn, const unit_filter& f) {
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
        out.push_back(read_unit(st));
    }
    return out;
}

void update_unit(pg::connection& conn, std::int64_t id, unit_status state,
                 std::optional<double> hour_meter, std::optional<std::string> notes) {
    auto& st =
        conn.prepare_cached("UPDATE units SET status = ?, hour_meter = coalesce(?, hour_meter), "
                            "notes = coalesce(?, notes) WHERE id = ?");
    st.bind_all(to_string(state), hour_meter, notes, id);
    st.step();
}

} // namespace agrirent::storage::postgres
