#pragma once
// Per-client request limits for the public booking form (API.md "Rate limits"): a sliding
// window of one minute per key. In memory (a restart forgets it, which is fine for throttling),
// unless the database is shared by several servers (PostgreSQL): then it is counted there, once
// for all of them (storage::database::count_request), so a client cannot multiply its tries by
// the number of servers.
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/types.hpp"

namespace agrirent::storage {
class database;
}

namespace agrirent::app {

class rate_limiter {
  public:
    /// Counting in memory only.
    rate_limiter() = default;
    /// Counting in `db` when its engine shares counts between servers, else in memory.
    explicit rate_limiter(storage::database& db) : db_(&db) {}
    rate_limiter(const rate_limiter&) = delete;
    rate_limiter& operator=(const rate_limiter&) = delete;

    /// Records a request for `key` at `now`; false when `limit` requests already happened in
    /// the minute before (the request is then not recorded). May throw storage::unavailable.
    bool allow(std::string_view key, int limit, sys_seconds now);

  private:
    storage::database* db_ = nullptr;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<sys_seconds>> hits_;
    sys_seconds last_sweep_{};
};

} // namespace agrirent::app
