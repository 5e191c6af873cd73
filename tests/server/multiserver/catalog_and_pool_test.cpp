// Issue 12, two promises of several servers on one PostgreSQL database, over real HTTP:
//  - an admin's catalog change made on one server (a machine type's daily fee) is quoted by the
//    other server within a few seconds (its catalog watcher polls catalog_version());
//  - --pg-pool-size caps the connections a server opens, whatever its threads, so that N servers
//    can be sized against the database's max_connections (docs/deployment.md).
// Both run on the shared cluster of AGRIRENT_TEST_PG (a fresh database each); skipped without it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;
using namespace std::chrono_literals;
using std::chrono::steady_clock;

namespace {

constexpr const char* cultivator_quote =
    "/api/v1/quote?branch=GS&type=CULTIVATOR&start=2020-05-21&end=2020-05-21";

std::int64_t quoted_gross(const server_process& s) {
    const auto r = s.get(cultivator_quote);
    REQUIRE(r.status == 200);
    return r.json().at("fee").at("gross").as_int64();
}

} // namespace

TEST_CASE("multiserver: a machine type's fee changed by an admin on one server is quoted by the "
          "other server within seconds",
          "[postgres]") {
    require_postgres();
    auto db = std::make_shared<pg_database>();
    server_process a{db, {}};
    server_process b{a, {}};
    a.set_clock("2020-05-12 10:00");
    b.set_clock("2020-05-12 10:00");
    REQUIRE(quoted_gross(a) == 20000);
    REQUIRE(quoted_gross(b) == 20000);

    // The admin edits the type on server A (the form of /staff/admin/types/CULTIVATOR).
    const auto admin = login(a, demo_admin);
    const auto types = a.get("/api/v1/machine-types").json().as_array();
    const auto it = std::find_if(types.begin(), types.end(), [](const json::value& t) {
        return t.at("code").as_string() == "CULTIVATOR";
    });
    REQUIRE(it != types.end());
    std::string checklist;
    for (const auto& item : it->at("checklist").as_array()) {
        checklist += std::string{item.as_string()} + "\n";
    }
    const auto edit = post_form_as(a, "/staff/admin/types/CULTIVATOR",
                                   {{"name_ko", std::string{it->at("name_ko").as_string()}},
                                    {"name_en", std::string{it->at("name_en").as_string()}},
                                    {"daily_fee", "25000"},
                                    {"max_days", std::to_string(it->at("max_days").as_int64())},
                                    {"checklist", checklist}},
                                   admin.cookie, admin.csrf);
    REQUIRE(edit.status == 303);
    CHECK(quoted_gross(a) == 25000); // the server that made the change reloads at once

    // Server B: its catalog watcher sees catalog_version() move and reloads (one poll: 1 s).
    const auto start = steady_clock::now();
    std::int64_t seen = 0;
    while (steady_clock::now() - start < 5s) {
        seen = quoted_gross(b);
        if (seen == 25000) {
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    CHECK(seen == 25000);
    const auto b_types = b.get("/api/v1/machine-types").json().as_array();
    for (const auto& t : b_types) {
        if (t.at("code").as_string() == "CULTIVATOR") {
            CHECK(t.at("daily_fee").as_int64() == 25000);
        }
    }
}

TEST_CASE("multiserver: --pg-pool-size caps the PostgreSQL connections of a server under load",
          "[postgres]") {
    require_postgres();
    auto db = std::make_shared<pg_database>();
    // The harness's 4 read threads + 16 write threads would be 20 connections without the cap.
    server_process s{db, {"--pg-pool-size", "3"}};
    s.set_clock("2020-05-12 10:00");
    const std::string count_sql =
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'agrirent' AND "
        "datname = '" +
        db->name() + "'";

    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::atomic<int> booked{0};
    long long most = 0;
    std::thread sampler([&] {
        while (!done) {
            most = std::max(most, std::stoll("0" + s.query(count_sql)));
            std::this_thread::sleep_for(10ms);
        }
    });
    std::vector<std::thread> clients;
    for (int t = 0; t < 24; ++t) {
        clients.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                int status = 0;
                switch (i % 3) {
                case 0: {
                    char phone[32];
                    std::snprintf(phone, sizeof phone, "010-7%03d-%04d", t, i);
                    const json::object body{
                        {"branch", "GS"},
                        {"type", i % 2 == 0 ? "CULTIVATOR" : "TILLER"},
                        {"start", "2020-05-" + std::to_string(13 + (t + i) % 15)},
                        {"end", "2020-05-" + std::to_string(13 + (t + i) % 15)},
                        {"farmer", json::object{{"name", "Pool Test"}, {"phone", phone}}}};
                    status = s.post("/api/v1/reservations", body).status;
                    if (status == 201) {
                        ++booked;
                    }
                    break;
                }
                case 1:
                    status = s.get(cultivator_quote).status;
                    break;
                default:
                    status = s.get("/api/v1/availability?branch=GS&from=2020-05-13&to=2020-05-27")
                                 .status;
                    break;
                }
                if (status >= 500 || status == 0) {
                    ++failures;
                }
            }
        });
    }
    for (auto& c : clients) {
        c.join();
    }
    done = true;
    sampler.join();
    CHECK(failures == 0);
    CHECK(booked > 0);
    // The pool's 3, and the one connection that reads the data version.
    CHECK(most <= 4);
    CHECK(most >= 2); // the sampler saw the server's connections at all
}
