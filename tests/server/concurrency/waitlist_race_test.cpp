// Issue 14 (waitlist, DOMAIN.md §13) under concurrency. (1) The last power tiller at Gwangsan is
// booked and 20 farmers wait for that day; the booking's cancellation and 20 new bookings for
// the same day are released together: every new booking is refused (before the cancellation the
// day is full, after it the unit is held for the first entry), the first entry gets the offer;
// then the 20 entries accept at once: exactly the first one books it, the others get 409
// offer_expired, and the day ends with exactly one live reservation. (2) An accept racing the
// lapse of its hold (the test clock moved to the instant the hold ends, which runs the sweeper):
// exactly one outcome, booked with its reservation or lapsed without one, never both or
// neither. Rounds: AGRIRENT_RACE_ROUNDS / 10 (default 10). On PostgreSQL the clients of (1) are
// spread over two servers.
#include <catch2/catch.hpp>

#include "tests/server/concurrency/concurrency_support.hpp"
#include "tests/support/staff_helpers.hpp"

namespace agrirent::test {
namespace {

namespace json = boost::json;
using concurrency::add_days;
using concurrency::db_snapshot;
using concurrency::env_long;
using concurrency::release_together;
using concurrency::server_group;
using concurrency::str;

std::string phone_of(long round, int client) {
    // 010-6700-xxxx … : unknown to the demo data and to the other races.
    return concurrency::race_phone(6700, round * 50 + client);
}

json::object join_body(const std::string& date, const std::string& phone) {
    return {{"branch", "GS"},
            {"type", "TILLER"},
            {"start", date},
            {"end", date},
            {"farmer", {{"name", "대기자"}, {"phone", phone}}}};
}

/// Bookable days for the tiller at GS (or what `what` quotes: "branch=…&type=…[&half=…]"), one
/// per round, moving the clock on when needed.
class day_source {
  public:
    day_source(const server_process& s, const server_group& servers,
               std::string what = "branch=GS&type=TILLER")
        : s_(s), servers_(servers), what_(std::move(what)) {}

    std::string next() {
        for (;;) {
            day_ = add_days(day_, 1);
            if (day_ > add_days(clock_day_, 25)) {
                clock_day_ = add_days(clock_day_, 28);
                REQUIRE(clock_day_ < "2027-12");
                servers_.set_clock(clock_day_ + " 10:00");
                day_ = add_days(clock_day_, 1);
            }
            const auto q = s_.get("/api/v1/quote?" + what_ + "&start=" + day_);
            REQUIRE(q.status == 200);
            const auto quote = q.json();
            if (quote.at("refusal").is_null() && !quote.at("pickup").at("eve").as_bool()) {
                return day_;
            }
        }
    }
    void start() { servers_.set_clock(clock_day_ + " 10:00"); }

  private:
    const server_process& s_;
    const server_group& servers_;
    std::string what_;
    std::string clock_day_ = "2021-03-02";
    std::string day_ = "2021-03-02";
};

long long live_on(const server_process& s, const std::string& date) {
    db_snapshot db{s.db()};
    return db.number("SELECT count(*) FROM reservations WHERE type_id = (SELECT id FROM "
                     "machine_types WHERE code = 'TILLER') AND branch_id = (SELECT id FROM "
                     "branches WHERE code = 'GS') AND status IN ('requested', 'confirmed', "
                     "'checked_out') AND start_date <= '" +
                     date + "' AND end_date >= '" + date + "'");
}

} // namespace

TEST_CASE("race: a freed unit, 20 waiting and 20 new bookers: the first entry gets it",
          "[http][concurrency][race][waitlist]") {
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 10);
    constexpr int waiting = 20;
    constexpr int bookers = 20;
    REQUIRE(rounds * 50 < 27'000);

    server_process s;
    const server_group servers{s};
    day_source days{s, servers};
    days.start();
    {
        const auto admin = login(s, demo_admin);
        REQUIRE(leave_one_unit(s, admin, "GS", "TILLER").size() == 2);
    }
    for (long round = 0; round < rounds; ++round) {
        const std::string date = days.next();
        INFO("round " << round << " on " << date);
        const std::string holder = phone_of(round, 0);
        auto r =
            s.post("/api/v1/reservations", booking("GS", "TILLER", date, date, "보유자", holder));
        REQUIRE(r.status == 201);
        const std::string held = str(r.json().at("code"));
        std::vector<std::string> entries;
        for (int i = 0; i < waiting; ++i) {
            r = s.post("/api/v1/waitlist", join_body(date, phone_of(round, 1 + i)));
            INFO(r.body);
            REQUIRE(r.status == 201);
            REQUIRE(r.json().at("position").as_int64() == i + 1);
            entries.push_back(str(r.json().at("code")));
        }

        // The cancellation and 20 new bookings at once.
        auto replies = release_together(servers.ports(), 1 + bookers, [&](int c) {
            if (c == 0) {
                return std::pair{"/api/v1/reservations/" + held + "/cancel",
                                 json::serialize(json::object{{"phone", holder}})};
            }
            return std::pair{std::string{"/api/v1/reservations"},
                             json::serialize(booking("GS", "TILLER", date, date, "새예약자",
                                                     phone_of(round, 1 + waiting + c)))};
        });
        for (int c = 0; c <= bookers; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("client " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (c == 0) {
                REQUIRE(reply.status == 200);
            } else {
                REQUIRE(reply.status == 409);
                REQUIRE(reply.error_code() == "no_capacity");
            }
        }
        REQUIRE(live_on(s, date) == 0);

        // All 20 entries accept at once: only the first was offered.
        replies = release_together(servers.ports(), waiting, [&](int c) {
            return std::pair{"/api/v1/waitlist/" + entries[static_cast<std::size_t>(c)] + "/accept",
                             json::serialize(json::object{{"phone", phone_of(round, 1 + c)}})};
        });
        for (int c = 0; c < waiting; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("entry " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (c == 0) {
                REQUIRE(reply.status == 201);
            } else {
                REQUIRE(reply.status == 409);
                REQUIRE(reply.error_code() == "offer_expired");
            }
        }
        REQUIRE(live_on(s, date) == 1);
        db_snapshot db{s.db()};
        CHECK(db.value("SELECT f.phone FROM reservations r JOIN farmers f ON f.id = r.farmer_id "
                       "WHERE r.start_date = '" +
                       date +
                       "' AND r.status = 'confirmed' AND r.type_id = (SELECT id FROM "
                       "machine_types WHERE code = 'TILLER')") == phone_of(round, 1));
        CHECK(db.number("SELECT count(*) FROM waitlist WHERE start_date = '" + date +
                        "' AND status = 'booked'") == 1);
        CHECK(db.number("SELECT count(*) FROM waitlist WHERE start_date = '" + date +
                        "' AND status = 'waiting'") == waiting - 1);
    }
    std::printf("waitlist race: %ld rounds x (1 cancel + %d bookers, then %d accepts)\n", rounds,
                bookers, waiting);
}

TEST_CASE("race: a freed morning, an entry waiting for it, 10 morning and 10 afternoon "
          "bookers: the entry gets the morning, one booker the afternoon",
          "[http][concurrency][race][waitlist][half_day]") {
    // BB has one seeder (demo), which allows half days (DOMAIN.md §11).
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 10);
    constexpr int per_half = 10;
    REQUIRE(rounds * 50 < 27'000);
    server_process s;
    const server_group servers{s};
    day_source days{s, servers, "branch=BB&type=SEEDER&half=am"};
    days.start();
    const auto half_booking = [](const std::string& date, std::string_view half,
                                 const std::string& phone) {
        auto b = booking("BB", "SEEDER", date, date, "반일", phone);
        b["half"] = half;
        return b;
    };
    for (long round = 0; round < rounds; ++round) {
        const std::string date = days.next();
        INFO("round " << round << " on " << date);
        const std::string holder = phone_of(round, 0);
        const std::string waiter = phone_of(round, 1);
        auto r = s.post("/api/v1/reservations", half_booking(date, "am", holder));
        REQUIRE(r.status == 201);
        const std::string held = str(r.json().at("code"));
        auto join = join_body(date, waiter);
        join["branch"] = "BB";
        join["type"] = "SEEDER";
        join["half"] = "am";
        r = s.post("/api/v1/waitlist", join);
        INFO(r.body);
        REQUIRE(r.status == 201);
        const std::string entry = str(r.json().at("code"));

        // The morning's cancellation, 10 morning and 10 afternoon bookings at once.
        const auto replies = release_together(servers.ports(), 1 + 2 * per_half, [&](int c) {
            if (c == 0) {
                return std::pair{"/api/v1/reservations/" + held + "/cancel",
                                 json::serialize(json::object{{"phone", holder}})};
            }
            return std::pair{std::string{"/api/v1/reservations"},
                             json::serialize(half_booking(date, c <= per_half ? "am" : "pm",
                                                          phone_of(round, 1 + c)))};
        });
        int afternoons = 0;
        for (int c = 0; c <= 2 * per_half; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("client " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (c == 0) {
                REQUIRE(reply.status == 200);
            } else if (reply.status == 201) {
                REQUIRE(c > per_half); // never a morning: full, then held for the entry
                REQUIRE(str(reply.json().at("half")) == "pm");
                ++afternoons;
            } else {
                REQUIRE(reply.status == 409);
                REQUIRE(reply.error_code() == "no_capacity");
            }
        }
        REQUIRE(afternoons == 1);
        r = s.post("/api/v1/waitlist/" + entry + "/accept", json::object{{"phone", waiter}});
        INFO(r.body);
        REQUIRE(r.status == 201);
        REQUIRE(str(r.json().at("half")) == "am");
        db_snapshot db{s.db()};
        CHECK(db.number("SELECT count(*) FROM reservations WHERE start_date = '" + date +
                        "' AND status = 'confirmed' AND type_id = (SELECT id FROM machine_types "
                        "WHERE code = 'SEEDER') AND branch_id = (SELECT id FROM branches WHERE "
                        "code = 'BB')") == 2);
    }
    std::printf("half-day waitlist race: %ld rounds x (1 cancel + %d morning + %d afternoon "
                "bookers)\n",
                rounds, per_half, per_half);
}

TEST_CASE("race: an accept racing the lapse of its hold has exactly one outcome",
          "[http][concurrency][race][waitlist]") {
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 10);
    server_process s;
    // One server: the clock that lapses the hold is that server's.
    const std::vector<unsigned short> port{s.port()};
    const server_group single{s};
    day_source days{s, single};
    days.start();
    {
        const auto admin = login(s, demo_admin);
        REQUIRE(leave_one_unit(s, admin, "GS", "TILLER").size() == 2);
    }
    int booked = 0;
    int lapsed = 0;
    for (long round = 0; round < rounds; ++round) {
        const std::string date = days.next();
        INFO("round " << round << " on " << date);
        const std::string holder = phone_of(round, 0);
        const std::string waiter = phone_of(round, 1);
        auto r =
            s.post("/api/v1/reservations", booking("GS", "TILLER", date, date, "보유자", holder));
        REQUIRE(r.status == 201);
        const std::string held = str(r.json().at("code"));
        r = s.post("/api/v1/waitlist", join_body(date, waiter));
        REQUIRE(r.status == 201);
        const std::string entry = str(r.json().at("code"));
        REQUIRE(s.post("/api/v1/reservations/" + held + "/cancel", json::object{{"phone", holder}})
                    .status == 200);
        r = s.get("/api/v1/waitlist/" + entry + "?phone=" + waiter);
        REQUIRE(str(r.json().at("status")) == "offered");
        const std::string expires = str(r.json().at("offer_expires_at"));

        // The clock to the hold's end (the sweeper runs) and the accept, at once.
        std::latch ready{2};
        http_reply accept;
        http_reply clock;
        std::thread t1([&] {
            concurrency::pending_request req{s.port()};
            ready.arrive_and_wait();
            accept = req.send("POST", "/api/v1/waitlist/" + entry + "/accept",
                              json::serialize(json::object{{"phone", waiter}}), {});
        });
        std::thread t2([&] {
            concurrency::pending_request req{s.port()};
            ready.arrive_and_wait();
            clock = req.send("PUT", "/api/v1/test/clock",
                             json::serialize(json::object{{"now", expires}}), {});
        });
        t1.join();
        t2.join();
        INFO(accept.body << clock.body);
        REQUIRE(clock.status == 200);
        r = s.get("/api/v1/waitlist/" + entry + "?phone=" + waiter);
        const std::string state = str(r.json().at("status"));
        if (accept.status == 201) {
            REQUIRE(state == "booked");
            REQUIRE(live_on(s, date) == 1);
            ++booked;
        } else {
            REQUIRE(accept.status == 409);
            REQUIRE(accept.error_code() == "offer_expired");
            // The sweeper may not have passed yet if the accept came first in time but lost on
            // the clock: either way the entry is not booked and holds nothing after a sweep.
            s.set_clock(expires);
            r = s.get("/api/v1/waitlist/" + entry + "?phone=" + waiter);
            REQUIRE(str(r.json().at("status")) == "lapsed");
            REQUIRE(live_on(s, date) == 0);
            ++lapsed;
        }
        days.start(); // back to the day's start (the next round's dates are ahead of it)
    }
    std::printf("accept vs lapse: %ld rounds, %d booked, %d lapsed\n", rounds, booked, lapsed);
}

} // namespace agrirent::test

namespace agrirent::test {

TEST_CASE("race: an extension racing a booking of the same days, exactly one wins",
          "[http][concurrency][race][extension]") {
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 10);
    server_process s;
    s.set_clock("2021-03-02 10:00");
    std::string tag;
    {
        const auto admin = login(s, demo_admin);
        REQUIRE(leave_one_unit(s, admin, "GS", "TILLER").size() == 2);
        const auto units =
            s.get("/api/v1/units?branch=GS&type=TILLER&status=available", admin.bearer());
        const auto listed = units.json();
        REQUIRE(listed.as_array().size() == 1);
        tag = str(listed.as_array().at(0).at("tag"));
    }
    json::object checklist;
    const auto types = s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == "TILLER") {
            for (const auto& item : t.at("checklist").as_array()) {
                checklist[item.as_string()] = true;
            }
        }
    }
    const auto plain_day = [&](const std::string& d) {
        const auto q = s.get("/api/v1/quote?branch=GS&type=TILLER&start=" + d);
        REQUIRE(q.status == 200);
        const auto quote = q.json();
        return quote.at("refusal").is_null() && !quote.at("pickup").at("eve").as_bool();
    };
    std::string day = "2021-03-03";
    int extended = 0;
    int booked = 0;
    double meter = 1000;
    for (long round = 0; round < rounds; ++round) {
        for (;;) {
            s.set_clock(day + " 08:00");
            if (plain_day(day) && plain_day(add_days(day, 1))) {
                break;
            }
            day = add_days(day, 1);
        }
        s.set_clock(day + " 10:00");
        INFO("round " << round << " on " << day);
        const auto op = login(s, demo_operator);
        const auto clerk = login(s, demo_clerk_gs);
        auto r = s.post("/api/v1/reservations",
                        booking("GS", "TILLER", day, day, "연장자", phone_of(round, 40)));
        REQUIRE(r.status == 201);
        const std::string code = str(r.json().at("code"));
        r = s.post(
            "/api/v1/reservations/" + code + "/checkout",
            json::object{
                {"unit", tag}, {"hour_meter", meter}, {"checklist", checklist}, {"paid", true}},
            clerk.bearer());
        INFO(r.body);
        REQUIRE(r.status == 200);
        const std::string next = add_days(day, 1);
        const auto replies = release_together(
            {s.port()}, 2,
            [&](int c) {
                if (c == 0) {
                    return std::pair{"/api/v1/reservations/" + code + "/extend",
                                     json::serialize(json::object{{"end", next}})};
                }
                return std::pair{std::string{"/api/v1/reservations"},
                                 json::serialize(booking("GS", "TILLER", next, next, "경쟁자",
                                                         phone_of(round, 41)))};
            },
            op.bearer());
        int wins = 0;
        for (int c = 0; c < 2; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("client " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 200 || reply.status == 201) {
                ++wins;
                (c == 0 ? extended : booked) += 1;
            } else {
                REQUIRE(reply.status == 409);
                REQUIRE(reply.error_code() == "no_capacity");
            }
        }
        REQUIRE(wins == 1);
        REQUIRE(live_on(s, next) == 1);
        // Back in, cleaned, ready for the next round.
        meter += 10;
        r = s.post("/api/v1/reservations/" + code + "/checkin",
                   json::object{{"hour_meter", meter},
                                {"checklist", checklist},
                                {"damage_notes", ""},
                                {"farmer_at_fault", false}},
                   clerk.bearer());
        REQUIRE(r.status == 200);
        REQUIRE(s.post("/api/v1/units/" + tag + "/status", json::object{{"status", "available"}},
                       clerk.bearer())
                    .status == 200);
        day = add_days(day, 3);
    }
    std::printf("extension vs booking: %ld rounds, %d extended, %d booked\n", rounds, extended,
                booked);
}

} // namespace agrirent::test
