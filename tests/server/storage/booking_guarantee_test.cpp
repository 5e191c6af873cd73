// The booking guarantee (DOMAIN.md §5) is the port's: many threads each check capacity, the live
// limit and no chaining, then insert, inside one write unit of work (or one write_grouped job), as
// server/app/booking_service.cpp does with the rules of common/booking_rules.hpp. However they
// interleave, the rows counted afterwards never break a rule.
#include <atomic>
#include <latch>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/booking_rules.hpp"
#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

enum class via { unit_of_work, write_grouped };

const sys_seconds now = kst("2020-05-11 08:00"); // a Monday

/// One booking attempt: who, which type, which days.
struct attempt {
    std::string phone;
    period usage;
};

/// Checks 4–7 of §5 on what `r` reads, as booking_service.cpp's decide(); empty when it may book.
std::optional<refusal> decide(storage::repositories& r, const world& w, const rental_plan& plan,
                              const std::string& phone) {
    const auto counts = r.reservations().count_units(w.gs, w.transplanter);
    if (counts.offered == 0) {
        return refusal{reason::type_not_offered, {}};
    }
    farmer_record record;
    if (const auto f = r.reservations().find_farmer_by_phone(phone)) {
        record.training_completed_on = f->training_completed_on;
        record.suspended_until = f->suspended_until;
        record.live = r.reservations().live_holdings(f->id);
    }
    const auto live = r.reservations().live_occupancies(w.gs, w.transplanter, plan.occupancy());
    const auto cal = reference_branch();
    const auto type = transplanter();
    const booking_request req{cal,  type,   plan, now, booking_policy{}, counts.capacity,
                              live, &record};
    return check_booking(req);
}

/// The decision and the insert in one write; true if booked.
bool book(storage::repositories& r, const world& w, const attempt& a, const std::string& code) {
    const auto plan = plan_rental(reference_branch(), transplanter(), a.usage);
    if (!plan || decide(r, w, *plan, a.phone)) {
        return false;
    }
    auto f = r.reservations().find_farmer_by_phone(a.phone);
    const std::int64_t farmer_id =
        f ? f->id : r.reservations().insert_farmer(farmer(a.phone, "racer"));
    r.reservations().insert_reservation(
        reservation(code, w.gs, w.transplanter, farmer_id, a.usage, status::confirmed));
    return true;
}

/// Runs every attempt on its own thread, all released at once, thread i on dbs[i % size]; returns
/// how many were booked.
int race(const std::vector<storage::database*>& dbs, const world& w,
         const std::vector<attempt>& attempts, via how) {
    for (const auto& a : attempts) {
        REQUIRE(
            plan_rental(reference_branch(), transplanter(), a.usage)); // (no REQUIRE in threads)
    }
    std::latch start{static_cast<std::ptrdiff_t>(attempts.size())};
    std::atomic<int> booked{0};
    std::vector<std::thread> threads;
    static std::atomic<int> serial{0};
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        threads.emplace_back([&, i, a = attempts[i]] {
            storage::database& db = *dbs[i % dbs.size()];
            const std::string code = "RACE" + std::to_string(10000 + serial++);
            start.arrive_and_wait();
            if (how == via::unit_of_work) {
                auto uow = db.begin(storage::access::write);
                if (book(*uow, w, a, code)) {
                    uow->commit();
                    ++booked;
                }
            } else {
                bool kept = false;
                db.write_grouped([&](storage::repositories& r) {
                    kept = book(r, w, a, code);
                    return kept;
                });
                if (kept) {
                    ++booked;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    return booked;
}

template <class Engine>
int race(store<Engine>& s, const world& w, const std::vector<attempt>& attempts, via how) {
    return race({&s.db()}, w, attempts, how);
}

/// Live reservations of the transplanter at GS whose occupancy overlaps `usage`'s.
int live_rows(storage::database& db, const world& w, period usage) {
    const auto plan = plan_rental(reference_branch(), transplanter(), usage);
    return read(db, [&](auto& r) {
        return static_cast<int>(
            r.reservations().live_occupancies(w.gs, w.transplanter, plan->occupancy()).size());
    });
}

constexpr int racers = 16;

} // namespace

STORAGE_CONTRACT("booking guarantee: racing for the last units never exceeds capacity",
                 "[storage][booking]") {
    const via how = GENERATE(via::unit_of_work, via::write_grouped);
    CAPTURE(how == via::unit_of_work ? "unit of work" : "write_grouped");
    store<TestType> s;
    // Two units count; one in maintenance does not (DOMAIN.md §3).
    const world w = write(s.db(), [](auto& r) {
        const world seeded = seed(r, 2);
        r.admin().insert_unit(
            unit("GS-RT-M", seeded.transplanter, seeded.gs, unit_status::maintenance));
        return seeded;
    });
    // One unit is already taken on the first day: one left there, two on the others.
    write(s.db(), [&](auto& r) {
        const auto f = r.reservations().insert_farmer(farmer("010-0000-0001", "holder"));
        r.reservations().insert_reservation(
            reservation("HELD0001", w.gs, w.transplanter, f, days("2020-05-13", "2020-05-13")));
    });

    const std::map<std::string, int> free_units{
        {"2020-05-13", 1}, {"2020-05-20", 2}, {"2020-05-27", 2}, {"2020-06-03", 2}};
    int round = 0;
    for (const auto& [day, free] : free_units) {
        CAPTURE(day);
        std::vector<attempt> attempts;
        for (int i = 0; i < racers; ++i) {
            attempts.push_back({"010-3" + std::to_string(round) + "00-" + std::to_string(1000 + i),
                                days(day, day)});
        }
        CHECK(race(s, w, attempts, how) == free);
        CHECK(live_rows(s.db(), w, days(day, day)) == 2);
        ++round;
    }
}

STORAGE_CONTRACT("booking guarantee: one farmer racing on many threads keeps the live limit",
                 "[storage][booking]") {
    const via how = GENERATE(via::unit_of_work, via::write_grouped);
    CAPTURE(how == via::unit_of_work ? "unit of work" : "write_grouped");
    store<TestType> s;
    const world w = write(s.db(), [](auto& r) { return seed(r, racers); });
    // Days that neither overlap nor touch: no chaining, plenty of units; only the limit of 3 live
    // reservations (DOMAIN.md §5.7) stops them.
    const char* starts[] = {"2020-05-13", "2020-05-15", "2020-05-19", "2020-05-21",
                            "2020-05-26", "2020-05-28", "2020-06-02", "2020-06-04"};
    std::vector<attempt> attempts;
    for (int i = 0; i < racers; ++i) {
        attempts.push_back({"010-4000-0001", days(starts[i % 8], starts[i % 8])});
    }
    CHECK(race(s, w, attempts, how) == 3);
    read(s.db(), [](auto& r) {
        const auto f = r.reservations().find_farmer_by_phone("010-4000-0001");
        REQUIRE(f);
        CHECK(r.people().count_live_of_farmer(f->id) == 3);
        CHECK(r.reservations().live_holdings(f->id).size() == 3);
    });
}

STORAGE_CONTRACT("booking guarantee: one farmer racing for overlapping days gets one, no chaining",
                 "[storage][booking]") {
    const via how = GENERATE(via::unit_of_work, via::write_grouped);
    CAPTURE(how == via::unit_of_work ? "unit of work" : "write_grouped");
    store<TestType> s;
    const world w = write(s.db(), [](auto& r) { return seed(r, racers); });
    // Each overlaps or touches every other (DOMAIN.md §5.6: same type, no chaining).
    const std::pair<const char*, const char*> spans[] = {{"2020-05-13", "2020-05-14"},
                                                         {"2020-05-14", "2020-05-15"},
                                                         {"2020-05-13", "2020-05-13"},
                                                         {"2020-05-14", "2020-05-14"}};
    std::vector<attempt> attempts;
    for (int i = 0; i < racers; ++i) {
        attempts.push_back({"010-5000-0001", days(spans[i % 4].first, spans[i % 4].second)});
    }
    CHECK(race(s, w, attempts, how) == 1);
    read(s.db(), [](auto& r) {
        const auto f = r.reservations().find_farmer_by_phone("010-5000-0001");
        REQUIRE(f);
        CHECK(r.people().count_live_of_farmer(f->id) == 1);
    });
}

STORAGE_CONTRACT("booking guarantee: two databases open on one store (two servers) never exceed "
                 "capacity nor the live limit",
                 "[storage][booking]") {
    const via how = GENERATE(via::unit_of_work, via::write_grouped);
    CAPTURE(how == via::unit_of_work ? "unit of work" : "write_grouped");
    store<TestType> s;
    // The second one stands in for another server process: its own pool, writer lock and group
    // commit queue; only the database is shared.
    const auto other = storage::open_database(s.location(), {});
    const std::vector<storage::database*> both{&s.db(), other.get()};
    const world w = write(s.db(), [](auto& r) { return seed(r, 2); });

    // The last units: two on each day, racers spread over both databases.
    int round = 0;
    for (const char* day : {"2020-05-13", "2020-05-20", "2020-05-27"}) {
        CAPTURE(day);
        std::vector<attempt> attempts;
        for (int i = 0; i < racers; ++i) {
            attempts.push_back({"010-6" + std::to_string(round) + "00-" + std::to_string(1000 + i),
                                days(day, day)});
        }
        CHECK(race(both, w, attempts, how) == 2);
        CHECK(live_rows(s.db(), w, days(day, day)) == 2);
        CHECK(live_rows(*other, w, days(day, day)) == 2);
        ++round;
    }

    // One farmer on both servers: only the live limit of 3 stops him (a store of its own with
    // a unit per racer; days that neither overlap nor touch, as in the single-database case).
    store<TestType> s2;
    const auto other2 = storage::open_database(s2.location(), {});
    const world w2 = write(s2.db(), [](auto& r) { return seed(r, racers); });
    const char* starts[] = {"2020-05-13", "2020-05-15", "2020-05-19", "2020-05-21",
                            "2020-05-26", "2020-05-28", "2020-06-02", "2020-06-04"};
    std::vector<attempt> attempts;
    for (int i = 0; i < racers; ++i) {
        attempts.push_back({"010-7000-0001", days(starts[i % 8], starts[i % 8])});
    }
    CHECK(race({&s2.db(), other2.get()}, w2, attempts, how) == 3);
    read(*other2, [](auto& r) {
        const auto f = r.reservations().find_farmer_by_phone("010-7000-0001");
        REQUIRE(f);
        CHECK(r.people().count_live_of_farmer(f->id) == 3);
    });
}
