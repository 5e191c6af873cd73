// Issue 6, "last-unit race": many clients released together against one (branch, type) with
// exactly one free unit. Exactly one booking wins, every other gets 409 no_capacity, and the
// refusals leave nothing behind (no farmer, audit or outbox row). Rounds: AGRIRENT_RACE_ROUNDS
// (default 100; scripts/race.sh runs 1,000), clients per round: AGRIRENT_RACE_CLIENTS (50).
// On PostgreSQL (AGRIRENT_TEST_ENGINE=postgres) the clients of a round are spread over two
// servers on one database (server_group), so the rules must hold across processes.
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

// Types no farmer needs training for, at both branches (server/app/demo.cpp).
constexpr const char* race_types[] = {"CULTIVATOR", "RICE_TRANSPLANTER", "TILLER", "SEEDER",
                                      "POTATO_HARVESTER"};
constexpr const char* race_branches[] = {"GS", "BB"};

struct slot {
    std::string branch;
    std::string type;
    std::string date;
};

// Leaves exactly one unit of every race (branch, type) in service: the others go to
// maintenance through the clerks' API (as an admin), so every date of those pairs has one unit.
void one_unit_each(const server_process& s, const staff_login& admin) {
    for (const char* branch : race_branches) {
        for (const char* type : race_types) {
            leave_one_unit(s, admin, branch, type);
        }
    }
}

struct counts {
    long long audit = 0;
    long long outbox = 0;
    long long farmers = 0;
    long long reservations = 0;
};

counts count_rows(db_snapshot& db) {
    return {db.number("SELECT count(*) FROM audit_log"), db.number("SELECT count(*) FROM outbox"),
            db.number("SELECT count(*) FROM farmers"),
            db.number("SELECT count(*) FROM reservations")};
}

std::string phone_of(long round, int clients, int client) {
    // 010-7xxx-xxxx, distinct per round and client, unknown to the demo data (whose numbers
    // have 1234 … 6789 in the middle) and to the other tests here (6100 … 6300).
    return concurrency::race_phone(7000, round * clients + client);
}

} // namespace

TEST_CASE("race: clients released together for the last unit, exactly one wins, every round",
          "[http][concurrency][race]") {
    const long rounds = env_long("AGRIRENT_RACE_ROUNDS", 100);
    const int clients = static_cast<int>(env_long("AGRIRENT_RACE_CLIENTS", 50));
    REQUIRE(rounds >= 1);
    REQUIRE(clients >= 2);
    REQUIRE(rounds * clients < 27'000'000); // phone numbers 010-7000-1000 … 010-9999-9999

    server_process s;
    const server_group servers{s};
    servers.set_clock("2021-03-02 10:00");
    const auto admin = login(s, demo_admin);
    one_unit_each(s, admin);

    // Slots: (branch, type, operating day) within the booking window of a clock block; a block
    // offers 28 days ahead, then the clock moves on 35 days (2021 … 2027 are known years).
    std::string block_day = "2021-03-02";
    int offset = 1;
    std::size_t pair = 0;
    const auto next_slot = [&]() -> slot {
        for (;;) {
            if (pair == std::size(race_branches) * std::size(race_types)) {
                pair = 0;
                ++offset;
            }
            if (offset > 28) {
                block_day = add_days(block_day, 35);
                offset = 1;
                // The shipped holidays end with 2027: that is about 14,000 rounds.
                REQUIRE(block_day < "2027-12");
                servers.set_clock(block_day + " 10:00");
            }
            slot candidate{race_branches[pair / std::size(race_types)],
                           race_types[pair % std::size(race_types)], add_days(block_day, offset)};
            ++pair;
            // Only regular pickups on operating days: their occupancies [09:00, 17:00) of
            // different days never overlap, so every slot starts with its one unit free.
            const auto q =
                s.get("/api/v1/quote?branch=" + candidate.branch + "&type=" + candidate.type +
                      "&start=" + candidate.date + "&end=" + candidate.date);
            REQUIRE(q.status == 200);
            const auto quote = q.json();
            if (quote.at("refusal").is_null() && !quote.at("pickup").at("eve").as_bool()) {
                REQUIRE(quote.at("available").to_number<int>() == 1);
                return candidate;
            }
        }
    };

    long wins = 0;
    long refusals = 0;
    for (long round = 0; round < rounds; ++round) {
        const slot at = next_slot();
        counts before;
        {
            db_snapshot db{s.db()};
            before = count_rows(db);
        }
        const auto replies = release_together(servers.ports(), clients, [&](int c) {
            return std::pair{std::string{"/api/v1/reservations"},
                             std::string{json::serialize(booking(
                                 at.branch, at.type, at.date, at.date, "경쟁자" + std::to_string(c),
                                 phone_of(round, clients, c)))}};
        });
        int created = 0;
        int no_capacity = 0;
        std::string winner_code;
        std::string winner_phone;
        for (int c = 0; c < clients; ++c) {
            const auto i = static_cast<std::size_t>(c);
            const auto& [reply, failure] = replies[i];
            INFO("round " << round << " client " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 201) {
                ++created;
                winner_code = str(reply.json().at("code"));
                winner_phone = phone_of(round, clients, c);
            } else if (reply.status == 409 && reply.error_code() == "no_capacity") {
                ++no_capacity;
            } else {
                FAIL("unexpected reply " << reply.status << " " << reply.body);
            }
        }
        INFO("round " << round << ": " << at.branch << " " << at.type << " " << at.date);
        REQUIRE(created == 1);
        REQUIRE(no_capacity == clients - 1);

        // The database holds exactly the winner's booking, and the refusals left no trace.
        db_snapshot db{s.db()};
        const auto after = count_rows(db);
        const auto live = db.rows(
            "SELECT r.code, f.phone FROM reservations r JOIN branches b ON b.id = r.branch_id "
            "JOIN machine_types t ON t.id = r.type_id JOIN farmers f ON f.id = r.farmer_id "
            "WHERE b.code = '" +
            at.branch + "' AND t.code = '" + at.type + "' AND r.start_date = '" + at.date +
            "' AND r.status IN ('requested', 'confirmed', 'checked_out')");
        REQUIRE(live.size() == 1);
        CHECK(live[0][0] == winner_code);
        CHECK(live[0][1] == winner_phone);
        CHECK(after.reservations == before.reservations + 1);
        CHECK(after.farmers == before.farmers + 1); // the winner only
        CHECK(after.audit == before.audit + 1);     // its "create"
        CHECK(after.outbox == before.outbox + 1);   // its confirmation
        std::string phones;
        for (int c = 0; c < clients; ++c) {
            phones += (c == 0 ? "'" : ", '") + phone_of(round, clients, c) + "'";
        }
        CHECK(db.number("SELECT count(*) FROM farmers WHERE phone IN (" + phones + ")") == 1);
        wins += created;
        refusals += no_capacity;
    }
    std::printf("race: %ld rounds x %d clients: %ld bookings, %ld no_capacity refusals\n", rounds,
                clients, wins, refusals);
    CHECK(wins == rounds);
}

TEST_CASE("race: one farmer booking from many devices at once gets exactly the live limit",
          "[http][concurrency][race]") {
    // DOMAIN.md §5.7 under a race: 24 bookings of one new farmer, none chained (different types,
    // or usage days at least three days apart) and each with a free unit; exactly 3 (the
    // setting) may win, the rest are 422 too_many_reservations, and nothing else is stored.
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 5);
    constexpr int clients = 24;
    server_process s;
    const server_group servers{s};
    servers.set_clock("2021-03-02 10:00");
    for (long round = 0; round < rounds; ++round) {
        const std::string phone = "010-6300-" + std::to_string(1000 + round);
        counts before;
        {
            db_snapshot db{s.db()};
            before = count_rows(db);
        }
        const auto replies = release_together(servers.ports(), clients, [&](int c) {
            const std::string date = add_days("2021-03-03", 3 * (c / 5));
            return std::pair{
                std::string{"/api/v1/reservations"},
                std::string{json::serialize(booking(race_branches[c % 2], race_types[c % 5], date,
                                                    date, "여러기기", phone))}};
        });
        std::vector<std::string> codes;
        int too_many = 0;
        for (const auto& [reply, failure] : replies) {
            INFO("round " << round << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 201) {
                codes.push_back(str(reply.json().at("code")));
            } else if (reply.status == 422 && reply.error_code() == "too_many_reservations") {
                ++too_many;
            } else {
                FAIL("unexpected reply " << reply.status << " " << reply.body);
            }
        }
        REQUIRE(codes.size() == 3);
        REQUIRE(too_many == clients - 3);
        {
            db_snapshot db{s.db()};
            const auto after = count_rows(db);
            CHECK(db.number("SELECT count(*) FROM reservations r JOIN farmers f ON f.id = "
                            "r.farmer_id WHERE f.phone = '" +
                            phone +
                            "' AND r.status IN ('requested', 'confirmed', 'checked_out')") == 3);
            CHECK(after.reservations == before.reservations + 3);
            CHECK(after.farmers == before.farmers + 1);
            CHECK(after.audit == before.audit + 3);
            CHECK(after.outbox == before.outbox + 3);
        }
        // Free the units again for the next round.
        for (const auto& code : codes) {
            REQUIRE(servers.at(static_cast<std::size_t>(round))
                        .post("/api/v1/reservations/" + code + "/cancel",
                              json::object{{"phone", phone}})
                        .status == 200);
        }
    }
}

} // namespace agrirent::test
