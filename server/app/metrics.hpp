#pragma once
// Counters for GET /metrics (Prometheus text format, API.md): requests by route and status,
// a latency histogram, bookings by outcome, open connections.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace agrirent::app {

class metrics {
  public:
    void observe_request(std::string_view method, std::string_view route, int status,
                         std::chrono::microseconds latency);
    void count_booking(std::string_view outcome);
    /// Where the open-connection gauge comes from (the socket layer).
    void set_connections_source(std::function<long()> source) { connections_ = std::move(source); }

    [[nodiscard]] std::string render() const;

  private:
    static constexpr std::array<double, 12> bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    struct histogram {
        std::array<std::uint64_t, bounds.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t, std::less<>> requests_; // "method|route|status"
    std::map<std::string, histogram, std::less<>> latency_;      // route
    std::map<std::string, std::uint64_t, std::less<>> bookings_; // outcome
    std::function<long()> connections_;
};

} // namespace agrirent::app
