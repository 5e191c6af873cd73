// Verified phones (issue 14, DOMAIN.md §14) in the storage port, on every engine: codes read back
// newest first with their tries, a new code kills the older ones, verifications are found by
// their hash only, housekeeping deletes what is old, and a reservation keeps whether its phone
// was verified.
#include <string>
#include <thread>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

storage::phone_code_row code_row(std::string phone, const std::string& at, std::string hash) {
    storage::phone_code_row c;
    c.phone = std::move(phone);
    c.salt = "5a17";
    c.code_hash = std::move(hash);
    c.created_at = kst(at);
    c.expires_at = c.created_at + std::chrono::minutes{5};
    return c;
}

} // namespace

STORAGE_CONTRACT("phones: codes newest first, tries and death, a new code kills the old ones",
                 "[storage][verify]") {
    store<TestType> s;
    const auto [first, second] = write(s.db(), [](auto& r) {
        const auto a = r.phones().insert_code(code_row("010-1000-0001", "2020-05-12 10:00", "aa"));
        r.phones().insert_code(code_row("010-1000-0002", "2020-05-12 10:01", "bb"));
        r.phones().kill_codes("010-1000-0001");
        const auto b = r.phones().insert_code(code_row("010-1000-0001", "2020-05-12 10:02", "cc"));
        return std::pair{a, b};
    });
    CHECK(first != second);
    read(s.db(), [&](auto& r) {
        const auto times = r.phones().code_times("010-1000-0001", kst("2020-05-12 09:30"));
        CHECK(times == std::vector<sys_seconds>{kst("2020-05-12 10:02"), kst("2020-05-12 10:00")});
        CHECK(r.phones().code_times("010-1000-0001", kst("2020-05-12 10:01")).size() == 1);
        const auto latest = r.phones().latest_code("010-1000-0001");
        REQUIRE(latest);
        CHECK(latest->id == second);
        CHECK(latest->code_hash == "cc");
        CHECK(latest->salt == "5a17");
        CHECK(latest->tries == 0);
        CHECK_FALSE(latest->dead);
        CHECK(latest->expires_at == kst("2020-05-12 10:07"));
        CHECK_FALSE(r.phones().latest_code("010-9999-0000"));
        // The other phone's code is alive.
        CHECK_FALSE(r.phones().latest_code("010-1000-0002")->dead);
    });
    write(s.db(), [&](auto& r) { r.phones().update_code(second, 5, true); });
    read(s.db(), [&](auto& r) {
        const auto latest = r.phones().latest_code("010-1000-0001");
        CHECK(latest->tries == 5);
        CHECK(latest->dead);
    });
    // A refused unit of work keeps nothing: the tries counter only moves with a commit.
    {
        auto tx = s.db().begin(storage::access::write);
        tx->phones().update_code(second, 1, false);
    }
    read(s.db(), [&](auto& r) { CHECK(r.phones().latest_code("010-1000-0001")->tries == 5); });
}

STORAGE_CONTRACT("phones: verifications by hash, housekeeping, a reservation's phone_verified",
                 "[storage][verify]") {
    store<TestType> s;
    write(s.db(), [](auto& r) {
        r.phones().insert_verification(
            {"hash-1", "010-1000-0001", kst("2020-05-12 10:00"), kst("2020-05-12 10:30")});
        r.phones().insert_verification(
            {"hash-2", "010-1000-0002", kst("2020-05-13 10:00"), kst("2020-05-13 10:30")});
        r.phones().insert_code(code_row("010-1000-0001", "2020-05-12 10:00", "aa"));
        r.phones().insert_code(code_row("010-1000-0001", "2020-05-13 10:00", "bb"));
    });
    read(s.db(), [&](auto& r) {
        const auto v = r.phones().find_verification("hash-1");
        REQUIRE(v);
        CHECK(v->phone == "010-1000-0001");
        CHECK(v->created_at == kst("2020-05-12 10:00"));
        CHECK(v->expires_at == kst("2020-05-12 10:30"));
        CHECK_FALSE(r.phones().find_verification("hash-3"));
        CHECK_FALSE(r.phones().find_verification("010-1000-0001"));
    });
    write(s.db(), [](auto& r) { r.phones().delete_older(kst("2020-05-13 00:00")); });
    read(s.db(), [&](auto& r) {
        CHECK_FALSE(r.phones().find_verification("hash-1"));
        CHECK(r.phones().find_verification("hash-2"));
        CHECK(r.phones().code_times("010-1000-0001", kst("2020-05-01 00:00")) ==
              std::vector<sys_seconds>{kst("2020-05-13 10:00")});
    });

    write(s.db(), [](auto& r) {
        const auto w = seed(r);
        const auto f = r.reservations().insert_farmer(farmer("010-1000-0001"));
        auto unverified =
            reservation("UNVERIF1", w.gs, w.transplanter, f, days("2020-05-20", "2020-05-20"));
        unverified.phone_verified = false;
        r.reservations().insert_reservation(unverified);
        r.reservations().insert_reservation(
            reservation("VERIFIED", w.gs, w.transplanter, f, days("2020-05-21", "2020-05-21")));
    });
    read(s.db(), [&](auto& r) {
        CHECK_FALSE(r.reservations().find_reservation("UNVERIF1")->phone_verified);
        CHECK(r.reservations().find_reservation("VERIFIED")->phone_verified);
    });
}

STORAGE_CONTRACT("phones: one server secret per name, the first stored wins, kept across a reopen "
                 "and agreed by two databases opened at once",
                 "[storage][verify]") {
    store<TestType> s;
    const std::string first =
        write(s.db(), [](auto& r) { return r.phones().server_secret("page_signing_key", "aa11"); });
    CHECK(first == "aa11");
    // Another candidate later (another server, a restart): the stored one is returned.
    CHECK(write(s.db(), [](auto& r) {
              return r.phones().server_secret("page_signing_key", "bb22");
          }) == "aa11");
    // Names are separate.
    CHECK(write(s.db(), [](auto& r) { return r.phones().server_secret("other", "cc33"); }) ==
          "cc33");
    // A unit of work rolled back keeps nothing: the next candidate is stored.
    {
        auto tx = s.db().begin(storage::access::write);
        CHECK(tx->phones().server_secret("rolled_back", "dd44") == "dd44");
    }
    CHECK(write(s.db(), [](auto& r) { return r.phones().server_secret("rolled_back", "ee55"); }) ==
          "ee55");
    s.reopen();
    CHECK(write(s.db(), [](auto& r) {
              return r.phones().server_secret("page_signing_key", "ff66");
          }) == "aa11");

    // Two servers starting at once on one database (each its own database object): both get the
    // same secret, whichever stored it.
    auto other = storage::open_database(s.location(), {});
    std::string a;
    std::string b;
    std::thread ta{[&] {
        a = write(s.db(), [](auto& r) { return r.phones().server_secret("race", "a0a0"); });
    }};
    std::thread tb{[&] {
        b = write(*other, [](auto& r) { return r.phones().server_secret("race", "b1b1"); });
    }};
    ta.join();
    tb.join();
    CHECK(a == b);
    CHECK((a == "a0a0" || a == "b1b1"));
}
