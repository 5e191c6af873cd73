#include "server/storage/postgres/rate_limit_queries.hpp"

#include "server/storage/postgres/columns.hpp"
#include "server/storage/postgres/pq.hpp"

namespace agrirent::storage::postgres {

// The hits of the last minute are kept (as server/app/rate_limiter.cpp does in memory: a hit
// counts while now - 60 s < hit <= now); the new one is added only if fewer than the limit
// remain. ON CONFLICT … DO UPDATE sees the locked current row, so the check and the add are one
// step for every server.
bool count_request(pg::connection& conn, std::string_view key, int limit, sys_seconds now) {
    auto& st = conn.prepare_cached(
        "INSERT INTO rate_limits AS r (key, hits, allowed, last_hit) "
        "VALUES (?1, CASE WHEN ?3 > 0 THEN ARRAY[?2::bigint] ELSE '{}'::bigint[] END, ?3 > 0, ?2) "
        "ON CONFLICT (key) DO UPDATE SET "
        "allowed = (SELECT count(*) FROM unnest(r.hits) h WHERE h > ?2 - 60 AND h <= ?2) < ?3, "
        "hits = CASE WHEN (SELECT count(*) FROM unnest(r.hits) h WHERE h > ?2 - 60 AND h <= ?2) "
        "< ?3 THEN ARRAY(SELECT h FROM unnest(r.hits) h WHERE h > ?2 - 60 AND h <= ?2) || "
        "?2::bigint ELSE ARRAY(SELECT h FROM unnest(r.hits) h WHERE h > ?2 - 60 AND h <= ?2) END, "
        "last_hit = greatest(r.last_hit, ?2) "
        "RETURNING allowed");
    st.bind_all(key, seconds(now), limit);
    const bool allowed = st.step() && st.int64(0) != 0;
    st.reset();
    return allowed;
}

} // namespace agrirent::storage::postgres
