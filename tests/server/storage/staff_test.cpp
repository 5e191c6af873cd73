// The staff part of the storage port, on every engine: users, sessions and failed logins.
#include <string>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

storage::staff_row user(std::string name, role who, std::optional<std::int64_t> branch = {}) {
    storage::staff_row s;
    s.username = std::move(name);
    s.display_name = "Display " + s.username;
    s.who = who;
    s.branch_id = branch;
    s.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    s.created_at = kst("2020-05-01 09:00");
    return s;
}

} // namespace

STORAGE_CONTRACT("staff: users insert, find, list and update, a username is unique",
                 "[storage][staff]") {
    store<TestType> s;
    const auto [w, clerk_id] = write(s.db(), [](auto& r) {
        const world seeded = seed(r);
        r.staff().insert_staff(user("operator1", role::operator_));
        const auto id = r.staff().insert_staff(user("clerk1", role::clerk, seeded.gs));
        r.staff().insert_staff(user("admin", role::admin));
        return std::pair{seeded, id};
    });
    write(s.db(), [](auto& r) {
        CHECK_THROWS_AS(r.staff().insert_staff(user("clerk1", role::operator_)),
                        storage::duplicate_key);
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.staff().count_staff() == 3);
        const auto c = r.staff().find_staff("clerk1");
        REQUIRE(c);
        CHECK(c->id == clerk_id);
        CHECK(c->display_name == "Display clerk1");
        CHECK(c->who == role::clerk);
        CHECK(c->branch_id == w.gs);
        CHECK(c->password_hash == user("x", role::admin).password_hash);
        CHECK(c->active);
        CHECK(c->created_at == kst("2020-05-01 09:00"));
        CHECK(r.staff().find_staff_by_id(clerk_id)->username == "clerk1");
        CHECK_FALSE(r.staff().find_staff("nobody"));
        CHECK_FALSE(r.staff().find_staff_by_id(clerk_id + 100));
        const auto all = r.staff().list_staff();
        REQUIRE(all.size() == 3);
        CHECK(all[0].username == "admin"); // by username
        CHECK(all[2].username == "operator1");
    });
    write(s.db(), [&](auto& r) {
        auto c = *r.staff().find_staff("clerk1");
        c.username = "clerk-one";
        c.display_name = "Clerk One";
        c.who = role::operator_;
        c.branch_id = std::nullopt;
        c.password_hash = "new-hash";
        c.active = false;
        r.staff().update_staff(c);
    });
    read(s.db(), [&](auto& r) {
        CHECK_FALSE(r.staff().find_staff("clerk1"));
        const auto c = r.staff().find_staff_by_id(clerk_id);
        CHECK(c->username == "clerk-one");
        CHECK(c->display_name == "Clerk One");
        CHECK(c->who == role::operator_);
        CHECK_FALSE(c->branch_id);
        CHECK(c->password_hash == "new-hash");
        CHECK_FALSE(c->active);
    });
}

STORAGE_CONTRACT("staff: sessions are found, touched and expire", "[storage][staff]") {
    store<TestType> s;
    const auto [admin, op] = write(s.db(), [](auto& r) {
        return std::pair{r.staff().insert_staff(user("admin", role::admin)),
                         r.staff().insert_staff(user("operator1", role::operator_))};
    });
    write(s.db(), [&](auto& r) {
        r.staff().insert_session(
            {"hash-a", admin, "csrf-a", kst("2020-05-11 09:00"), kst("2020-05-11 09:00")});
        r.staff().insert_session(
            {"hash-b", admin, "csrf-b", kst("2020-05-11 09:00"), kst("2020-05-11 09:00")});
        r.staff().insert_session(
            {"hash-c", op, "csrf-c", kst("2020-05-01 09:00"), kst("2020-05-11 09:30")});
        r.staff().insert_session(
            {"hash-d", op, "csrf-d", kst("2020-05-11 09:00"), kst("2020-05-11 09:00")});
        CHECK_THROWS_AS(r.staff().insert_session({"hash-a", op, "x", {}, {}}),
                        storage::duplicate_key);
    });
    read(s.db(), [&](auto& r) {
        const auto a = r.staff().find_session("hash-a");
        REQUIRE(a);
        CHECK(a->user_id == admin);
        CHECK(a->csrf_token == "csrf-a");
        CHECK(a->created_at == kst("2020-05-11 09:00"));
        CHECK(a->last_seen == kst("2020-05-11 09:00"));
        CHECK_FALSE(r.staff().find_session("hash-z"));
    });
    write(s.db(), [&](auto& r) {
        r.staff().touch_session("hash-a", kst("2020-05-11 10:00"));
        r.staff().delete_session("hash-b");
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.staff().find_session("hash-a")->last_seen == kst("2020-05-11 10:00"));
        CHECK_FALSE(r.staff().find_session("hash-b"));
    });
    // Idle since before 09:15, or created before 05-05: d (idle) and c (old) go, a stays.
    write(s.db(), [&](auto& r) {
        r.staff().delete_expired_sessions(kst("2020-05-11 09:15"), kst("2020-05-05 00:00"));
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.staff().find_session("hash-a"));
        CHECK_FALSE(r.staff().find_session("hash-c"));
        CHECK_FALSE(r.staff().find_session("hash-d"));
    });
    write(s.db(), [&](auto& r) { r.staff().delete_sessions_of(admin); });
    read(s.db(), [&](auto& r) { CHECK_FALSE(r.staff().find_session("hash-a")); });
}

STORAGE_CONTRACT("staff: failed logins are counted per key and cleared", "[storage][staff]") {
    store<TestType> s;
    write(s.db(), [](auto& r) {
        r.staff().record_login_failure("user:admin", kst("2020-05-11 09:00"));
        r.staff().record_login_failure("user:admin", kst("2020-05-11 09:05"));
        r.staff().record_login_failure("user:admin", kst("2020-05-11 09:01"));
        r.staff().record_login_failure("ip:10.0.0.1", kst("2020-05-11 09:02"));
    });
    read(s.db(), [](auto& r) {
        const auto all = r.staff().login_failures("user:admin", kst("2020-05-11 00:00"));
        CHECK(all.count == 3);
        CHECK(all.latest == kst("2020-05-11 09:05"));
        CHECK(r.staff().login_failures("user:admin", kst("2020-05-11 09:01")).count == 2);
        const auto none = r.staff().login_failures("user:nobody", kst("2020-05-11 00:00"));
        CHECK(none.count == 0);
        CHECK_FALSE(none.latest);
    });
    write(s.db(), [](auto& r) {
        r.staff().clear_login_failures("user:admin");
        CHECK(r.jobs().delete_login_failures_before(kst("2020-05-11 09:03")) == 1); // the ip one
    });
    read(s.db(), [](auto& r) {
        CHECK(r.staff().login_failures("user:admin", kst("2020-05-11 00:00")).count == 0);
        CHECK(r.staff().login_failures("ip:10.0.0.1", kst("2020-05-11 00:00")).count == 0);
    });
}
