#include "server/storage/sqlite/audit_queries.hpp"

#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::storage::sqlite {
namespace {

std::optional<std::int64_t> optional_seconds(const std::optional<sys_seconds>& t) {
    return t ? std::optional<std::int64_t>{t->time_since_epoch().count()} : std::nullopt;
}

std::optional<std::string> prefix_pattern(const std::optional<std::string>& prefix) {
    if (!prefix) {
        return std::nullopt;
    }
    std::string out;
    for (const char c : *prefix) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '%';
    return out;
}

// One statement for every combination of filters (NULL = no filter), so it is prepared once.
constexpr std::string_view list_sql =
    "SELECT a.id, a.at, a.actor, a.role, a.channel, a.action, r.code, a.entity, a.entity_key, "
    "a.details, a.address FROM audit_log a LEFT JOIN reservations r ON r.id = a.reservation_id "
    "WHERE (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.at < ?2) "
    "AND (?3 IS NULL OR a.actor = ?3) AND (?4 IS NULL OR a.action = ?4) "
    "AND (?5 IS NULL OR a.action LIKE ?5 ESCAPE '\\') AND (?6 IS NULL OR r.code = ?6) "
    "AND (?7 IS NULL OR a.entity = ?7) AND (?8 IS NULL OR a.entity_key = ?8) "
    "AND (?9 IS NULL OR a.id < ?9) ORDER BY a.id DESC LIMIT ?10";

} // namespace

std::vector<audit_record> list_audit(db::connection& conn, const audit_filter& f) {
    auto& st = conn.prepare_cached(list_sql);
    st.bind_all(optional_seconds(f.from), optional_seconds(f.to), f.actor, f.action, prefix_pattern(f.action_prefix),
                f.reservation_code, f.entity, f.entity_key, f.before_id, f.limit);
    std::vector<audit_record> out;
    while (st.step()) {
        audit_record a;
        a.id = st.int64(0);
        a.at = sys_seconds{std::chrono::seconds{st.int64(1)}};
        a.actor = st.text(2);
        a.role = st.text(3);
        a.via = st.text(4);
        a.action = st.text(5);
        a.reservation_code = st.optional_text(6);
        a.entity = st.text(7);
        a.entity_key = st.text(8);
        a.details = st.text(9);
        a.address = st.text(10);
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace agrirent::storage::sqlite
