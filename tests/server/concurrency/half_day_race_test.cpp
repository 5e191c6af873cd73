// Issue 14 (half days, DOMAIN.md §11) under the last-unit race: morning, afternoon and full-day
// bookings of one day released together for the one seeder in service at the Northern office.
// In every round either one morning and one afternoon win (they share the unit), or one full day
// wins (it conflicts with both); never an oversell. Every 201 is in the database and every
// reservation of that day was acknowledged (zero lost acknowledgements); the refused get 409
// no_capacity and leave nothing behind. Rounds: AGRIRENT_RACE_ROUNDS / 5 (default 20), 21
// clients each. On PostgreSQL the clients are spread over two servers.
#include <set>

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
    // 010-6600-xxxx … : unknown to the demo data and to the other races.
    return concurrency::race_phone(6600, round * 21 + client);
}

// What client c asks for: a morning, an afternoon or the full day, in turn.
const char* half_of(int c) {
    return c % 3 == 0 ? "am" : c % 3 == 1 ? "pm" : nullptr;
}

} // namespace

TEST_CASE("race: a morning and an afternoon against a full day for the last unit",
          "[http][concurrency][race][half_day]") {
    const long rounds = std::max(1L, env_long("AGRIRENT_RACE_ROUNDS", 100) / 5);
    constexpr int clients = 21;
    REQUIRE(rounds * clients < 27'000);

    server_process s;
    const server_group servers{s};
    servers.set_clock("2021-03-02 10:00");
    {
        const auto admin = login(s, demo_admin);
        REQUIRE(leave_one_unit(s, admin, "BB", "SEEDER").size() >= 1);
    }

    // Operating days with the one unit free all day.
    concurrency::race_dates dates{
        s, servers,
        [](const std::string& date) {
            return std::string{"/api/v1/quote?branch=BB&type=SEEDER&start="} + date;
        },
        2};

    int halves_won = 0;
    int full_won = 0;
    for (long round = 0; round < rounds; ++round) {
        const std::string date = dates.next();
        long long before = 0;
        {
            db_snapshot db{s.db()};
            before = db.number("SELECT count(*) FROM reservations") +
                     db.number("SELECT count(*) FROM audit_log") +
                     db.number("SELECT count(*) FROM outbox");
        }
        const auto replies = release_together(servers.ports(), clients, [&](int c) {
            auto body = booking("BB", "SEEDER", date, date, "반일경쟁" + std::to_string(c),
                                phone_of(round, c));
            if (const char* h = half_of(c)) {
                body["half"] = h;
            }
            return std::pair{std::string{"/api/v1/reservations"}, json::serialize(body)};
        });
        int am = 0;
        int pm = 0;
        int full = 0;
        std::set<std::string> acknowledged;
        for (int c = 0; c < clients; ++c) {
            const auto& [reply, failure] = replies[static_cast<std::size_t>(c)];
            INFO("round " << round << " client " << c << ": " << failure << reply.body);
            REQUIRE(failure.empty());
            if (reply.status == 201) {
                const auto b = reply.json();
                acknowledged.insert(str(b.at("code")));
                const char* asked = half_of(c);
                if (asked == nullptr) {
                    CHECK(b.at("half").is_null());
                    ++full;
                } else {
                    CHECK(str(b.at("half")) == asked);
                    ++(std::string_view{asked} == "am" ? am : pm);
                }
            } else {
                REQUIRE(reply.status == 409);
                REQUIRE(reply.error_code() == "no_capacity");
            }
        }
        INFO("round " << round << " on " << date << ": " << am << " am, " << pm << " pm, " << full
                      << " full");
        // Either both halves or the full day: never a half next to a full day, never two of one
        // half. (A round where only one half wins would mean a full day lost to one half, and
        // the other half lost to nobody.)
        const bool halves = am == 1 && pm == 1 && full == 0;
        const bool whole = am == 0 && pm == 0 && full == 1;
        REQUIRE((halves || whole));
        halves_won += halves ? 1 : 0;
        full_won += whole ? 1 : 0;

        db_snapshot db{s.db()};
        const auto stored = db.rows(
            "SELECT r.code, coalesce(r.half, '-') FROM reservations r JOIN branches b ON "
            "b.id = r.branch_id JOIN machine_types t ON t.id = r.type_id WHERE b.code = 'BB' AND "
            "t.code = 'SEEDER' AND r.start_date = '" +
            date + "' AND r.status IN ('requested', 'confirmed', 'checked_out')");
        std::set<std::string> in_db;
        for (const auto& row : stored) {
            in_db.insert(row[0]);
        }
        CHECK(in_db == acknowledged); // zero lost acknowledgements, nothing unacknowledged
        const long long after = db.number("SELECT count(*) FROM reservations") +
                                db.number("SELECT count(*) FROM audit_log") +
                                db.number("SELECT count(*) FROM outbox");
        // Each winner's reservation, audit entry and message.
        CHECK(after == before + 3 * static_cast<long long>(acknowledged.size()));
    }
    std::printf("half-day race: %ld rounds x %d clients, %d won by a morning and an afternoon, "
                "%d by a full day\n",
                rounds, clients, halves_won, full_won);
}

} // namespace agrirent::test
