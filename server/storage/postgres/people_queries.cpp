#include "server/storage/postgres/people_queries.hpp"

#include "common/time.hpp"
#include "server/storage/postgres/columns.hpp"
#include "server/storage/postgres/pq.hpp"
#include "server/storage/postgres/reservation_queries.hpp"

namespace agrirent::storage::postgres {
namespace {

/// `part` as a LIKE pattern matching it anywhere, with LIKE's wildcards escaped.
std::optional<std::string> contains_pattern(const std::optional<std::string>& part) {
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

constexpr std::string_view search_sql =
    "SELECT id FROM farmers WHERE (?1 IS NULL OR phone = ?1) AND "
    "(?2 IS NULL OR replace(phone, '-', '') ILIKE ?2 ESCAPE '\\') AND "
    "(?3 IS NULL OR name ILIKE ?3 ESCAPE '\\') AND (?4 IS NULL OR id < ?4) "
    "ORDER BY id DESC LIMIT ?5";

} // namespace

std::vector<farmer_row> search_farmers(pg::connection& conn, const farmer_search& q) {
    std::vector<std::int64_t> ids;
    {
        auto& st = conn.prepare_cached(search_sql);
        st.bind_all(q.phone, contains_pattern(q.phone_digits), contains_pattern(q.name),
                    q.before_id, q.limit);
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

void update_farmer(pg::connection& conn, const farmer_row& f) {
    auto& st = conn.prepare_cached(
        "UPDATE farmers SET name = ?, farm_id = ?, district = ?, training_completed_on = ?, "
        "suspended_until = ?, suspension_reason = ? WHERE id = ?");
    st.bind_all(f.name, f.farm_id, f.district, date_text(f.training_completed_on),
                date_text(f.suspended_until), f.suspension_reason, f.id);
    st.step();
}

void set_farmer_categories(pg::connection& conn, std::int64_t farmer_id,
                           const std::vector<std::int64_t>& category_ids) {
    auto& clear = conn.prepare_cached("DELETE FROM farmer_category_members WHERE farmer_id = ?");
    clear.bind_all(farmer_id);
    clear.step();
    auto& add = conn.prepare_cached(
        "INSERT INTO farmer_category_members (farmer_id, category_id) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING");
    for (const auto id : category_ids) {
        add.reset();
        add.bind_all(farmer_id, id);
        add.step();
    }
}

std::vector<strike_record> farmer_strikes(pg::connection& conn, std::int64_t farmer_id) {
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

std::int64_t count_live_of_farmer(pg::connection& conn, std::int64_t farmer_id) {
    auto& st = conn.prepare_cached("SELECT count(*) FROM reservations WHERE farmer_id = ? AND "
                                   "status IN ('requested', 'confirmed', 'checked_out')");
    st.bind_all(farmer_id);
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

} // namespace agrirent::storage::postgres
