// Issue 15 (delivery) under the last-unit race: bookings with delivery (one way, round trip) and
// without, released together for the one free rice transplanter at Gwangsan. Exactly one wins in
// every round, whatever it asked for; the rest get 409 no_capacity and leave nothing behind; the
// winner is stored with exactly the delivery it asked for. Rounds: AGRIRENT_RACE_ROUNDS / 5
// (default 20), 20 clients each. On PostgreSQL the clients are spread over two servers.
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

constexpr const char* areas[] = {"임곡동", "본량동", "삼도동", "평동"};

std::string phone_of(long round, int client) {
    // 010-6400-xxxx … : unknown to the demo data and to the other races.
    return concurrency::race_phone(6400, round * 20 + client);
}

// What client c asks for: none for odd clients, else one way / round trip to an area.
std::optional<json::object> delivery_of(int c) {
    if (c % 2 == 1) {
        return std::nullopt;
    }
    return json::object{{"mode", (c / 2) % 2 == 0 ? "one_way" : "round_trip"},
                        {"address", "마을회관 " + std::to_string(c)},
                        {"area", areas[(c / 2) % 4]}};
}

} // namespace

TEST_CASE("race: delivery and pickup bookings for the last unit, exactly one wins",
          "[http][concurrency][race][delivery]") {
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 5);
    constexpr int clients = 20;
    REQUIRE(rounds * clients < 27'000);

    server_process s;
    const server_group servers{s};
    servers.set_clock("2021-03-02 10:00");
    {
        const auto admin = login(s, demo_admin);
        REQUIRE(leave_one_unit(s, admin, "GS", "RICE_TRANSPLANTER").size() >= 2);
    }

    // Operating days at least 3 days ahead (the lead time).
    concurrency::race_dates dates{
        s, servers,
        [](const std::string& date) {
            return "/api/v1/quote?branch=GS&type=RICE_TRANSPLANTER&start=" + date +
                   "&delivery_mode=round_trip&delivery_address=x&"
                   "delivery_area=%ED%8F%89%EB%8F%99";
        },
        3};

    int delivery_wins = 0;
    for (long round = 0; round < rounds; ++round) {
        const std::string date = dates.next();
        long long before = 0;
        {
            db_snapshot db{s.db()};
            before = db.number("SELECT count(*) FROM reservations") +
                     db.number("SELECT count(*) FROM farmers") +
                     db.number("SELECT count(*) FROM audit_log") +
                     db.number("SELECT count(*) FROM outbox");
        }
        const auto replies = release_together(servers.ports(), clients, [&](int c) {
            auto body = booking("GS", "RICE_TRANSPLANTER", date, date, "경쟁" + std::to_string(c),
                                phone_of(round, c));
            if (auto d = delivery_of(c)) {
                body["delivery"] = std::move(*d);
            }
            return std::pair{std::string{"/api/v1/reservations"}, json::serialize(body)};
        });
        int created = 0;
        int winner = -1;
        std::string winner_code;
        for (int c = 0; c < clients; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("round " << round << " client " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 201) {
                ++created;
                winner = c;
                winner_code = str(reply.json().at("code"));
                const auto asked = delivery_of(c);
                CHECK(reply.json().at("fee").at("delivery").as_int64() ==
                      (!asked                           ? 0
                       : asked->at("mode") == "one_way" ? 20000
                                                        : 40000));
            } else {
                REQUIRE(reply.status == 409);
                REQUIRE(reply.error_code() == "no_capacity");
            }
        }
        INFO("round " << round << " on " << date);
        REQUIRE(created == 1);
        db_snapshot db{s.db()};
        const long long after = db.number("SELECT count(*) FROM reservations") +
                                db.number("SELECT count(*) FROM farmers") +
                                db.number("SELECT count(*) FROM audit_log") +
                                db.number("SELECT count(*) FROM outbox");
        CHECK(after == before + 4); // the winner's reservation, farmer, audit and message
        const auto stored = db.rows("SELECT coalesce(delivery_mode, '-'), coalesce(delivery_area, "
                                    "'-'), delivery_fee FROM reservations WHERE code = '" +
                                    winner_code + "'");
        REQUIRE(stored.size() == 1);
        const auto asked = delivery_of(winner);
        if (asked) {
            ++delivery_wins;
            CHECK(stored[0][0] == std::string{asked->at("mode").as_string()});
            CHECK(stored[0][1] == std::string{asked->at("area").as_string()});
        } else {
            CHECK(stored[0][0] == "-");
            CHECK(stored[0][2] == "0");
        }
    }
    std::printf("delivery race: %ld rounds x %d clients, %d won by a delivery booking\n", rounds,
                clients, delivery_wins);
}

} // namespace agrirent::test
