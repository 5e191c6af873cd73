#pragma once
// The shared public rate limits (database::count_request): one row per key in the UNLOGGED table
// rate_limits (schema.cpp v3).
#include <string_view>

#include "common/types.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

/// One atomic upsert outside any transaction: the row of `key` is locked by the statement itself,
/// so servers counting the same key at once are serialised on that row only (never on the
/// writer lock). True = allowed and recorded.
bool count_request(pg::connection& conn, std::string_view key, int limit, sys_seconds now);

} // namespace agrirent::storage::postgres
