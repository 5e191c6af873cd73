#include "server/app/rate_limiter.hpp"

#include "server/storage/database.hpp"

namespace agrirent::app {

bool rate_limiter::allow(std::string_view key, int limit, sys_seconds now) {
    if (db_ != nullptr) {
        if (const auto shared = db_->count_request(key, limit, now)) {
            return *shared;
        }
    }
    const auto window = std::chrono::minutes{1};
    const std::lock_guard lock{mutex_};
    if (now - last_sweep_ > std::chrono::minutes{10}) {
        // Forget quiet clients so the map does not grow without bound.
        std::erase_if(hits_, [&](const auto& kv) {
            return kv.second.empty() || now - kv.second.back() > window;
        });
        last_sweep_ = now;
    }
    auto& q = hits_[std::string{key}];
    while (!q.empty() && (now - q.front() >= window || q.front() > now)) {
        q.pop_front();
    }
    if (static_cast<int>(q.size()) >= limit) {
        return false;
    }
    q.push_back(now);
    return true;
}

} // namespace agrirent::app
