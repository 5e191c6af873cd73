// Issue 15 (group rentals, DOMAIN.md §16) under concurrency. (1) Group bookings (4 days, each by
// the representative of its own group), individual bookings and delivery bookings (one day, the
// group's first) released together for the one free rice transplanter at Gwangsan: exactly one
// wins in every round, the others get 409 no_capacity and leave nothing behind. (2) Many bookings
// of ONE group at once, each for other days (capacity to spare): the group's live limit (1 per
// type) holds, exactly one wins, the rest get 422 too_many_reservations. Rounds:
// AGRIRENT_RACE_ROUNDS / 10 (default 10). On PostgreSQL the clients are spread over two servers.
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
    // 010-6500-xxxx … : unknown to the demo data and to the other races.
    return concurrency::race_phone(6500, round * 30 + client);
}

/// Registers the farmer with `phone` and a group with them as representative; the group's id.
std::int64_t make_group(const server_process& s, const staff_login& op, const std::string& phone,
                        const std::string& name) {
    REQUIRE(s.post("/api/v1/farmers", json::object{{"phone", phone}, {"name", "대표"}}, op.bearer())
                .status == 201);
    const auto r =
        s.post("/api/v1/groups", json::object{{"name", name}, {"representative_phone", phone}},
               op.bearer());
    REQUIRE(r.status == 201);
    return r.json().at("id").as_int64();
}

long long footprint(const server_process& s) {
    db_snapshot db{s.db()};
    return db.number("SELECT count(*) FROM reservations") +
           db.number("SELECT count(*) FROM farmers") + db.number("SELECT count(*) FROM audit_log") +
           db.number("SELECT count(*) FROM outbox");
}

} // namespace

TEST_CASE("race: group, individual and delivery bookings for the last unit, exactly one wins",
          "[http][concurrency][race][groups]") {
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 10);
    constexpr int clients = 18; // 6 groups, 6 individual, 6 with delivery
    REQUIRE(rounds * 30 < 27'000);

    server_process s;
    const server_group servers{s};
    servers.set_clock("2021-03-02 10:00");
    const auto admin = login(s, demo_admin);
    const auto op = login(s, demo_operator);
    { REQUIRE(leave_one_unit(s, admin, "GS", "RICE_TRANSPLANTER").size() >= 2); }
    // The groups of every round, registered up front (so the race writes only bookings).
    std::vector<std::vector<std::int64_t>> groups(static_cast<std::size_t>(rounds));
    for (long round = 0; round < rounds; ++round) {
        for (int c = 0; c < clients; c += 3) {
            groups[static_cast<std::size_t>(round)].push_back(
                make_group(s, op, phone_of(round, c),
                           "작목반 " + std::to_string(round) + "-" + std::to_string(c)));
        }
    }

    // Operating days at least 3 days ahead (the delivery lead time) whose fourth day is an
    // operating day too; each round 5 days after the last, so no round overlaps another.
    std::string block_day = "2021-03-02";
    int offset = -2;
    const auto bookable = [&](const std::string& date) {
        const auto q = s.get("/api/v1/quote?branch=GS&type=RICE_TRANSPLANTER&start=" + date);
        REQUIRE(q.status == 200);
        const auto quote = q.json();
        return quote.at("refusal").is_null() && !quote.at("pickup").at("eve").as_bool();
    };
    const auto next_date = [&]() -> std::string {
        for (;;) {
            offset += 5;
            if (offset > 24) {
                block_day = add_days(block_day, 35);
                offset = 3;
                REQUIRE(block_day < "2027-12");
                servers.set_clock(block_day + " 10:00");
            }
            const std::string date = add_days(block_day, offset);
            if (bookable(date) && bookable(add_days(date, 3))) {
                return date;
            }
            offset -= 4; // try the next day
        }
    };

    int group_wins = 0;
    for (long round = 0; round < rounds; ++round) {
        const std::string date = next_date();
        const long long before = footprint(s);
        const auto& round_groups = groups[static_cast<std::size_t>(round)];
        const auto replies = release_together(servers.ports(), clients, [&](int c) {
            json::object body;
            if (c % 3 == 0) {
                body = booking("GS", "RICE_TRANSPLANTER", date, add_days(date, 3), "대표",
                               phone_of(round, c));
                body["group"] = round_groups[static_cast<std::size_t>(c / 3)];
            } else {
                body = booking("GS", "RICE_TRANSPLANTER", date, date, "경쟁" + std::to_string(c),
                               phone_of(round, c));
                if (c % 3 == 2) {
                    body["delivery"] = json::object{
                        {"mode", "round_trip"}, {"address", "마을회관"}, {"area", "평동"}};
                }
            }
            return std::pair{std::string{"/api/v1/reservations"}, json::serialize(body)};
        });
        int created = 0;
        int winner = -1;
        for (int c = 0; c < clients; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("round " << round << " on " << date << " client " << c << ": " << failure
                          << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 201) {
                ++created;
                winner = c;
                CHECK(str(reply.json().at("status")) == (c % 3 == 0 ? "requested" : "confirmed"));
            } else {
                REQUIRE(reply.status == 409);
                REQUIRE(reply.error_code() == "no_capacity");
            }
        }
        INFO("round " << round << " on " << date);
        REQUIRE(created == 1);
        // Group winners' representatives are registered already: 3 rows, else 4.
        CHECK(footprint(s) == before + (winner % 3 == 0 ? 3 : 4));
        group_wins += winner % 3 == 0 ? 1 : 0;
        // Capacity (1 unit) never exceeded over the group's four days.
        db_snapshot db{s.db()};
        CHECK(db.number("SELECT count(*) FROM reservations WHERE type_id = (SELECT id FROM "
                        "machine_types WHERE code = 'RICE_TRANSPLANTER') AND status IN "
                        "('requested', 'confirmed', 'checked_out') AND start_date <= '" +
                        add_days(date, 3) + "' AND end_date >= '" + date + "'") == 1);
    }
    std::printf("groups race: %ld rounds x %d clients, %d won by a group booking\n", rounds,
                clients, group_wins);
}

TEST_CASE("race: bookings of one group at once, the group's live limit holds",
          "[http][concurrency][race][groups]") {
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 10);
    constexpr int clients = 8;

    server_process s;
    const server_group servers{s};
    servers.set_clock("2021-03-02 10:00");
    const auto op = login(s, demo_operator);
    // Start days whose first and fourth days are operating days at Gwangsan (2 tillers: with only
    // one group booking live, any other would fit).
    std::vector<std::string> starts;
    const auto operating = [&](const std::string& date) {
        const auto q = s.get("/api/v1/quote?branch=GS&type=TILLER&start=" + date);
        REQUIRE(q.status == 200);
        return q.json().at("refusal").is_null();
    };
    for (std::string d = "2021-03-04"; starts.size() < clients && d < "2021-04-01";
         d = add_days(d, 1)) {
        if (operating(d) && operating(add_days(d, 3))) {
            starts.push_back(d);
        }
    }
    REQUIRE(starts.size() == clients);
    for (long round = 0; round < rounds; ++round) {
        const std::string rep = phone_of(round, 0);
        const auto group = make_group(s, op, rep, "동시작목반 " + std::to_string(round));
        // Every client asks for other days (4 days each): capacity is never the question, only the
        // group's limit (1 live booking per type).
        const long long before = footprint(s);
        const auto replies = release_together(servers.ports(), clients, [&](int c) {
            const std::string& start = starts[static_cast<std::size_t>(c)];
            auto body = booking("GS", "TILLER", start, add_days(start, 3), "대표", rep);
            body["group"] = group;
            return std::pair{std::string{"/api/v1/reservations"}, json::serialize(body)};
        });
        int created = 0;
        std::string winner_code;
        for (int c = 0; c < clients; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("round " << round << " client " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 201) {
                ++created;
                winner_code = str(reply.json().at("code"));
            } else {
                REQUIRE(reply.status == 422);
                REQUIRE(reply.error_code() == "too_many_reservations");
            }
        }
        REQUIRE(created == 1);
        CHECK(footprint(s) == before + 3);
        db_snapshot db{s.db()};
        CHECK(db.number("SELECT count(*) FROM reservations WHERE group_id = " +
                        std::to_string(group) + " AND status IN ('requested', 'confirmed')") == 1);
        // The operator rejects it, so the next round's group finds the tillers free.
        REQUIRE(s.post("/api/v1/reservations/" + winner_code + "/reject",
                       json::object{{"reason", "race"}}, op.bearer())
                    .status == 200);
    }
}

} // namespace agrirent::test
