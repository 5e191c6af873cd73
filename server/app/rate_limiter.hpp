#pragma once
// Per-client request limits for the public booking form (API.md "Rate limits"): a sliding
// window of one minute per key, in memory (a restart forgets it, which is fine for throttling).
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/types.hpp"

namespace agrirent::app {

class rate_limiter {
  public:
    /// Records a request for `key` at `now`; false when `limit` requests already happened in
    /// the minute before (the request is then not recorded).
    bool allow(std::string_view key, int limit, sys_seconds now);

  private:
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<sys_seconds>> hits_;
    sys_seconds last_sweep_{};
};

} // namespace agrirent::app
