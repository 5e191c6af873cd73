// The PostgreSQL engine's own behaviour, beyond the port's contract (tests/server/storage/):
// a broken connection is re-opened, an unreachable server fails fast with storage::unavailable
// and is used again once it is back, a newer schema is refused untouched, the database-level
// guards, the data version and rate limits shared by two servers, and the backup tool missing.
// Each case gets a fresh database on the cluster of AGRIRENT_TEST_PG (skipped without it).
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "server/storage/database.hpp"
#include "server/storage/postgres/pq.hpp"
#include "tests/common/fixtures.hpp"
#include "tests/server/storage/contract.hpp"
#include "tests/server/storage/postgres/cluster.hpp"

using namespace agrirent;
using namespace agrirent::test;
using namespace std::chrono_literals;

namespace {

// Every case starts with this: without a cluster it says so and passes nothing (reported as
// skipped by CTest, tests/CMakeLists.txt).
#define REQUIRE_CLUSTER()                                                                          \
    if (!postgres_engine::available()) {                                                           \
        WARN(skipped_without_pg);                                                                  \
        return;                                                                                    \
    }

/// Cuts every connection to the database of `uri` but the caller's.
int terminate_backends(const std::string& uri) {
    return std::stoi(pg_cluster::exec(
        pg_cluster::base_uri(),
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
            pg_cluster::database_of(uri) + "' AND pid <> pg_backend_pid()"));
}

std::size_t farmers(storage::database& db) {
    return read(db, [](auto& r) {
        storage::farmer_search q;
        q.limit = 1000;
        return r.people().search_farmers(q).size();
    });
}

storage::open_settings connections(std::size_t n) {
    storage::open_settings settings;
    settings.connections = n;
    return settings;
}

template <class F>
std::chrono::milliseconds timed(F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

} // namespace

TEST_CASE("postgres: SQLite placeholders become numbered parameters, literals untouched",
          "[postgres]") {
    int count = 0;
    CHECK(pg::translate_placeholders("SELECT ? , ?", count) == "SELECT $1 , $2");
    CHECK(count == 2);
    CHECK(pg::translate_placeholders("WHERE (?1 IS NULL OR a = ?1) AND b < ?12", count) ==
          "WHERE ($1 IS NULL OR a = $1) AND b < $12");
    CHECK(count == 12);
    CHECK(pg::translate_placeholders("SELECT '?', \"a?\" -- ?\n, ?", count) ==
          "SELECT '?', \"a?\" -- ?\n, $1");
    CHECK(count == 1);
    CHECK(pg::translate_placeholders("SELECT 'it''s ?' || ?", count) == "SELECT 'it''s ?' || $1");
}

TEST_CASE("postgres: connections killed by the server are re-opened without a failed request",
          "[postgres][faults]") {
    REQUIRE_CLUSTER();
    store<postgres_engine> s{connections(3)};
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001")); });
    // Open every connection of the pool (three reads at once), then have the server kill them.
    {
        auto a = s->begin(storage::access::read);
        auto b = s->begin(storage::access::read);
        auto c = s->begin(storage::access::read);
        CHECK(a->staff().count_staff() == 0);
        CHECK(b->staff().count_staff() == 0);
        CHECK(c->staff().count_staff() == 0);
    }
    CHECK(s->data_version() > 0);
    REQUIRE(terminate_backends(s.location()) >= 3);

    // Reads, writes, group commit, the data version and ping all go on.
    for (int i = 0; i < 4; ++i) {
        CHECK(farmers(s.db()) == 1);
    }
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0002")); });
    s->write_grouped([](storage::repositories& r) {
        r.reservations().insert_farmer(farmer("010-1111-0003"));
        return true;
    });
    CHECK(farmers(s.db()) == 3);
    CHECK(s->ping());

    // Killed again, while a unit of work is open on one: that one fails with unavailable (its
    // transaction is gone), nothing of it is kept, and the next one works.
    auto open = s->begin(storage::access::write);
    open->reservations().insert_farmer(farmer("010-1111-0004"));
    REQUIRE(terminate_backends(s.location()) >= 1);
    CHECK_THROWS_AS(open->reservations().insert_farmer(farmer("010-1111-0005")),
                    storage::unavailable);
    CHECK_THROWS_AS(open->commit(), storage::unavailable);
    open.reset();
    CHECK(farmers(s.db()) == 3);
}

TEST_CASE("postgres: an unreachable server is refused at once with unavailable, then used again",
          "[postgres][faults]") {
    REQUIRE_CLUSTER();
    SECTION("nothing listens: opening fails fast") {
        const auto spent = timed([] {
            CHECK_THROWS_AS(storage::open_database("postgresql://postgres@127.0.0.1:1/none", {}),
                            storage::unavailable);
        });
        CHECK(spent < 2500ms);
    }
    SECTION("the database refuses connections for a while") {
        store<postgres_engine> s{connections(2)};
        write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001")); });
        const auto name = pg_cluster::database_of(s.location());
        pg_cluster::exec(pg_cluster::base_uri(),
                         "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        terminate_backends(s.location());

        // (A read's BEGIN goes with its first statement: that is where the failure shows.)
        CHECK_THROWS_AS(s->begin(storage::access::read)->staff().count_staff(),
                        storage::unavailable);
        // Known down: the next attempts do not even try (no connect timeout to wait out).
        const auto spent = timed([&] {
            for (int i = 0; i < 20; ++i) {
                CHECK_THROWS_AS(s->begin(storage::access::write), storage::unavailable);
                CHECK_THROWS_AS(s->write_grouped([](storage::repositories&) { return true; }),
                                storage::unavailable);
            }
        });
        CHECK(spent < 200ms);
        CHECK_FALSE(s->ping());
        // No cached result is trusted while the database cannot be asked.
        const auto v1 = s->data_version();
        const auto v2 = s->data_version();
        CHECK(v1 != v2);

        pg_cluster::exec(pg_cluster::base_uri(),
                         "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
        // Back: within the fail-fast window (1 s) and a little, requests succeed again.
        bool back = false;
        for (int i = 0; i < 40 && !back; ++i) {
            try {
                back = farmers(s.db()) == 1;
            } catch (const storage::unavailable&) {
                std::this_thread::sleep_for(100ms);
            }
        }
        CHECK(back);
        CHECK(s->ping());
    }
}

TEST_CASE("postgres: a database of a newer agrirent is refused, its schema and rows untouched",
          "[postgres][schema]") {
    REQUIRE_CLUSTER();
    store<postgres_engine> s;
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1234-5678")); });
    s.close();
    postgres_engine::write_newer_schema(s.location());
    const auto shape = [&] {
        return pg_cluster::exec(
            s.location(),
            "SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, "
            "column_name) FROM information_schema.columns WHERE table_schema = 'public'");
    };
    const auto before = shape();
    CHECK_THROWS_AS(storage::open_database(s.location(), {}), storage::schema_too_new);
    CHECK(shape() == before);
    CHECK(pg_cluster::exec(s.location(), "SELECT version FROM schema_version") == "9999");
    CHECK(pg_cluster::exec(s.location(), "SELECT count(*) FROM farmers") == "1");
}

TEST_CASE("postgres: one unit cannot be checked out twice at once, booking codes are unique",
          "[postgres][constraints]") {
    REQUIRE_CLUSTER();
    store<postgres_engine> s;
    const world w = write(s.db(), [](auto& r) { return seed(r, 1); });
    const auto unit_id =
        read(s.db(), [](auto& r) { return r.admin().find_unit_record("GS-RT-0")->id; });
    const auto [a, b] = write(s.db(), [&](auto& r) {
        const auto f1 = r.reservations().insert_farmer(farmer("010-1111-0001"));
        const auto f2 = r.reservations().insert_farmer(farmer("010-1111-0002"));
        return std::pair{
            r.reservations().insert_reservation(reservation("AAAA1111", w.gs, w.transplanter, f1,
                                                            days("2020-05-13", "2020-05-13"))),
            r.reservations().insert_reservation(reservation("BBBB2222", w.gs, w.transplanter, f2,
                                                            days("2020-05-20", "2020-05-20")))};
    });
    write(s.db(), [&](auto& r) {
        CHECK(r.reservations().record_checkout(a, unit_id, kst("2020-05-13 09:00"), 10.0, "[]",
                                               true, std::nullopt));
    });
    // Past the services' checks (as a bug or a race would be): the database still refuses.
    {
        auto uow = s->begin(storage::access::write);
        CHECK_THROWS_AS(uow->reservations().record_checkout(b, unit_id, kst("2020-05-13 10:00"),
                                                            10.0, "[]", true, std::nullopt),
                        storage::duplicate_key);
    }
    CHECK(read(s.db(), [&](auto& r) {
              return r.reservations().find_reservation_by_id(b)->state;
          }) == status::confirmed);
    // Once the first is returned, the unit may go out again.
    write(s.db(), [&](auto& r) {
        CHECK(r.reservations().record_checkin(a, kst("2020-05-14 09:00"), 12.0, "[]", "", false, 0,
                                              won{0}));
        CHECK(r.reservations().record_checkout(b, unit_id, kst("2020-05-20 09:00"), 12.0, "[]",
                                               true, std::nullopt));
    });
    // A booking code is unique, and a taken one fails that insert only.
    write(s.db(), [&](auto& r) {
        const auto f = r.reservations().find_farmer_by_phone("010-1111-0001")->id;
        CHECK_THROWS_AS(r.reservations().insert_reservation(reservation(
                            "AAAA1111", w.gs, w.transplanter, f, days("2020-05-27", "2020-05-27"))),
                        storage::duplicate_key);
        r.reservations().insert_reservation(
            reservation("CCCC3333", w.gs, w.transplanter, f, days("2020-05-27", "2020-05-27")));
    });
    CHECK(read(s.db(), [](auto& r) { return r.reservations().find_reservation("CCCC3333"); }));
}

TEST_CASE("postgres: the data version moves with the commits of another server",
          "[postgres][caches]") {
    REQUIRE_CLUSTER();
    store<postgres_engine> s;
    const auto other = storage::open_database(s.location(), {});
    const auto v0 = s->data_version();
    CHECK(s->data_version() == v0); // nothing committed: stable
    write(*other, [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001")); });
    const auto v1 = s->data_version();
    CHECK(v1 != v0);
    other->write_grouped([](storage::repositories& r) {
        r.reservations().insert_farmer(farmer("010-1111-0002"));
        return true;
    });
    CHECK(s->data_version() != v1);
    CHECK(other->data_version() == s->data_version());
}

TEST_CASE("postgres: the catalog version moves with another server's catalog changes only",
          "[postgres][caches]") {
    REQUIRE_CLUSTER();
    store<postgres_engine> s;
    const auto other = storage::open_database(s.location(), {});
    const auto v0 = s->catalog_version();
    CHECK(s->catalog_version() == v0);
    // A booking-side write (a farmer) is not a catalog change: no server reloads for it.
    write(*other, [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001")); });
    CHECK(s->catalog_version() == v0);
    // A branch, a closure, a setting: each moves it, as seen from the other server.
    const auto id = write(*other, [](auto& r) { return r.admin().insert_branch(branch("NW")); });
    const auto v1 = s->catalog_version();
    CHECK(v1 != v0);
    write(*other, [&](auto& r) {
        storage::closure_record c;
        c.branch_id = id;
        c.date = local_days{date::year{2020} / 5 / 20};
        c.note = "공사";
        return r.admin().insert_closure(c);
    });
    const auto v2 = s->catalog_version();
    CHECK(v2 != v1);
    // Rolled back: no change.
    {
        auto tx = other->begin(storage::access::write);
        tx->admin().delete_closure(1);
    }
    CHECK(s->catalog_version() == v2);
    CHECK(other->catalog_version() == s->catalog_version());
}

TEST_CASE("postgres: public rate limits are counted once for every server", "[postgres][limits]") {
    REQUIRE_CLUSTER();
    store<postgres_engine> s;
    const auto other = storage::open_database(s.location(), {});
    const auto t0 = kst("2020-05-11 10:00");
    // Alternating servers: three allowed in the minute, the fourth refused (and not counted).
    CHECK(s->count_request("ip:10.0.0.1", 3, t0) == true);
    CHECK(other->count_request("ip:10.0.0.1", 3, t0 + 1s) == true);
    CHECK(s->count_request("ip:10.0.0.1", 3, t0 + 2s) == true);
    CHECK(other->count_request("ip:10.0.0.1", 3, t0 + 3s) == false);
    CHECK(s->count_request("ip:10.0.0.2", 3, t0 + 3s) == true); // another key
    // A minute after the first, one slot is free again.
    CHECK(other->count_request("ip:10.0.0.1", 3, t0 + 59s) == false);
    CHECK(other->count_request("ip:10.0.0.1", 3, t0 + 60s) == true);
    CHECK(s->count_request("ip:10.0.0.1", 3, t0 + 60s) == false);

    // Racing from many threads on both: exactly the limit gets through.
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i) {
        threads.emplace_back([&, i] {
            storage::database& db = i % 2 == 0 ? s.db() : *other;
            if (db.count_request("ip:10.0.0.3", 5, t0) == true) {
                ++allowed;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    CHECK(allowed == 5);
}

TEST_CASE("postgres: a backup without pg_dump is refused with a pointer to the procedure",
          "[postgres][backup]") {
    REQUIRE_CLUSTER();
    storage::open_settings settings;
    settings.dump_program = "/nonexistent/pg_dump";
    store<postgres_engine> s{settings};
    const auto target = s.dir() / "backups" / "one.dump";
    try {
        (void)s->backup_to(target);
        FAIL("backup_to should have thrown");
    } catch (const storage::backup_exists&) {
        FAIL("not a backup_exists");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("docs/deployment.md"));
    }
    CHECK_FALSE(std::filesystem::exists(target));
}
