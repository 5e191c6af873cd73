#pragma once
// The SQL of the audit repository: free functions on one connection, wrapped by
// the audit_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/storage/audit_repository.hpp"
#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"

namespace agrirent::storage::sql {

namespace audit_detail {

inline std::optional<std::int64_t> optional_seconds(const std::optional<sys_seconds>& t) {
    return t ? std::optional<std::int64_t>{t->time_since_epoch().count()} : std::nullopt;
}

inline std::optional<std::string> prefix_pattern(const std::optional<std::string>& prefix) {
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
template <class C>
const std::string& list_sql() {
    static const std::string sql = concat(
        {"SELECT a.id, a.at, a.actor, a.role, a.channel, a.action, r.code, a.entity, a.entity_key, "
         "a.details, a.address FROM audit_log a "
         "LEFT JOIN reservations r ON r.id = a.reservation_id "
         "WHERE (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.at < ?2) "
         "AND (?3 IS NULL OR a.actor = ?3) AND (?4 IS NULL OR a.action = ?4) "
         "AND (?5 IS NULL OR a.action ",
         engine<C>::like,
         " ?5 ESCAPE '\\') AND (?6 IS NULL OR r.code = ?6) "
         "AND (?7 IS NULL OR a.entity = ?7) AND (?8 IS NULL OR a.entity_key = ?8) "
         "AND (?9 IS NULL OR a.id < ?9) ORDER BY a.id DESC LIMIT ?10"});
    return sql;
}

} // namespace audit_detail

template <connection C>
std::vector<audit_record> list_audit(C& conn, const audit_filter& f) {
    auto& st = conn.prepare_cached(audit_detail::list_sql<C>());
    st.bind_all(audit_detail::optional_seconds(f.from), audit_detail::optional_seconds(f.to),
                f.actor, f.action, audit_detail::prefix_pattern(f.action_prefix),
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

} // namespace agrirent::storage::sql
