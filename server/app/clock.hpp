#pragma once
// The one injectable clock (DOMAIN.md §1). In production it is the system clock; with
// --test-clock, PUT /api/v1/test/clock moves it to any instant, from which it runs on.
#include <atomic>
#include <chrono>

#include "common/types.hpp"

namespace agrirent::app {

class clock {
  public:
    [[nodiscard]] sys_seconds now() const {
        const auto real =
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        return real + std::chrono::seconds{offset_.load(std::memory_order_relaxed)};
    }
    /// Makes now() return `t` at this moment and run on from there.
    void set(sys_seconds t) {
        const auto real =
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        offset_.store((t - real).count(), std::memory_order_relaxed);
    }

  private:
    std::atomic<std::int64_t> offset_{0};
};

} // namespace agrirent::app
