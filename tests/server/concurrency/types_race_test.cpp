// Issue 15, DOMAIN.md §18 under a race: with max_types_per_farmer = 1, one farmer's simultaneous
// bookings of two different types end with exactly one booking, every round (the check runs in
// the booking's write transaction, like the live limit). On PostgreSQL the two requests go to two
// servers on one database.
#include <algorithm>
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/server/concurrency/concurrency_support.hpp"
#include "tests/support/staff_helpers.hpp"

namespace agrirent::test {

TEST_CASE("race: one farmer booking two types at once with max_types_per_farmer 1 gets one type",
          "[http][concurrency][race][max_types]") {
    namespace json = boost::json;
    using concurrency::db_snapshot;
    using concurrency::env_long;
    using concurrency::release_together;
    using concurrency::server_group;
    using concurrency::str;

    const long rounds = std::max(5L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 2);
    server_process s;
    const server_group servers{s};
    servers.set_clock("2021-03-02 10:00");
    const auto admin = login(s, demo_admin);
    REQUIRE(s.patch("/api/v1/settings", json::object{{"max_types_per_farmer", 1}}, admin.bearer())
                .status == 200);
    // On PostgreSQL the other server reloads its catalog within about a second (the catalog
    // version it polls): wait until every server applies the setting.
    for (std::size_t i = 0; i < servers.size(); ++i) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
        for (;;) {
            const auto r = servers.at(i).get("/api/v1/settings", admin.bearer());
            if (r.status == 200 && r.json().at("max_types_per_farmer").as_int64() == 1) {
                break;
            }
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
    }
    // Four clients: two per type, on dates far apart (no chaining, within the live limit of 3).
    constexpr const char* types[] = {"CULTIVATOR", "SEEDER"};
    constexpr const char* dates[] = {"2021-03-03", "2021-03-10"};
    constexpr int clients = 4;
    for (long round = 0; round < rounds; ++round) {
        const std::string phone = "010-6400-" + std::to_string(1000 + round);
        const auto replies = release_together(servers.ports(), clients, [&](int c) {
            return std::pair{
                std::string{"/api/v1/reservations"},
                std::string{json::serialize(booking(c % 2 == 0 ? "GS" : "BB", types[c % 2],
                                                    dates[c / 2], dates[c / 2], "한기종", phone))}};
        });
        std::vector<std::string> codes;
        std::vector<std::string> won_types;
        int refused = 0;
        for (int c = 0; c < clients; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("round " << round << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 201) {
                codes.push_back(str(reply.json().at("code")));
                won_types.emplace_back(types[c % 2]);
            } else if (reply.status == 422 && reply.error_code() == "too_many_types") {
                ++refused;
            } else {
                FAIL("unexpected reply " << reply.status << " " << reply.body);
            }
        }
        // Whichever type came first, only that type is booked (once or twice).
        INFO("round " << round);
        REQUIRE(!codes.empty());
        REQUIRE(std::ranges::all_of(won_types, [&](const auto& t) { return t == won_types[0]; }));
        REQUIRE(static_cast<int>(codes.size()) + refused == clients);
        {
            db_snapshot db{s.db()};
            CHECK(db.number("SELECT count(DISTINCT r.type_id) FROM reservations r JOIN farmers f "
                            "ON f.id = r.farmer_id WHERE f.phone = '" +
                            phone +
                            "' AND r.status IN ('requested', 'confirmed', 'checked_out')") == 1);
        }
        for (const auto& code : codes) {
            REQUIRE(servers.at(static_cast<std::size_t>(round))
                        .post("/api/v1/reservations/" + code + "/cancel",
                              json::object{{"phone", phone}})
                        .status == 200);
        }
    }
}

} // namespace agrirent::test
