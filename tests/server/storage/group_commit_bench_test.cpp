// Not a test: a figure (hidden: `storage_tests "[bench]"` runs it). Booking-shaped writes (the
// reads and inserts of booking_service.cpp's job) through write_grouped from 16 threads, per
// engine; prints bookings per second and jobs per commit. docs/decisions.md quotes it.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

STORAGE_CONTRACT("bench: booking-shaped writes through write_grouped from 16 threads",
                 "[.][bench]") {
    constexpr int threads = 16;
    constexpr int per_thread = 150;
    storage::open_settings settings;
    settings.connections = 24;
    store<TestType> s{settings};
    const world w = write(s.db(), [](auto& r) { return seed(r, 4); });
    const auto plan =
        plan_rental(reference_branch(), transplanter(), days("2020-05-13", "2020-05-13"));
    REQUIRE(plan);
    std::atomic<int> serial{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            for (int i = 0; i < per_thread; ++i) {
                const int n = serial++;
                s->write_grouped([&](storage::repositories& r) {
                    (void)r.reservations().count_units(w.gs, w.transplanter);
                    const std::string phone = "010-8" + std::to_string(100 + n / 10000) + "-" +
                                              std::to_string(10000 + n % 10000).substr(1);
                    (void)r.reservations().find_farmer_by_phone(phone);
                    (void)r.reservations().live_occupancies(w.gs, w.transplanter,
                                                            plan->occupancy());
                    const auto f = r.reservations().insert_farmer(farmer(phone, "bench"));
                    auto row = reservation("B" + std::to_string(1000000 + n), w.gs, w.transplanter,
                                           f, days("2020-05-13", "2020-05-13"));
                    row.id = r.reservations().insert_reservation(row);
                    r.reservations().append_audit({row.created_at, "bench", "farmer", "web",
                                                   "create", row.id, "reservation", row.code, "{}",
                                                   ""});
                    r.outbox().enqueue_message(row.id, phone, "confirmation", "text",
                                               row.created_at);
                    return true;
                });
            }
        });
    }
    for (auto& t : pool) {
        t.join();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto stats = s->grouped_write_stats();
    std::printf("%s: %d bookings in %.2f s = %.0f bookings/s, %.1f jobs per commit\n",
                std::string{TestType::name}.c_str(), threads * per_thread, seconds,
                threads * per_thread / seconds,
                static_cast<double>(stats.jobs) / static_cast<double>(stats.batches));
    CHECK(stats.jobs >= static_cast<std::uint64_t>(threads * per_thread));
}
