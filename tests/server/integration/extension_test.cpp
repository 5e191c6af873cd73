// Extensions (연장, issue 14, DOMAIN.md §12) over real HTTP against the built binary: only a
// checked-out rental, once, within extension_max_days, with capacity for the added days, and
// only when nobody waits for them; the dry run quotes and changes nothing; the new deadline and
// the added fee; staff and the farmer (code and phone); bad input.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

constexpr std::string_view phone_a = "010-7400-0001";

std::string book(const server_process& s, std::string_view start, std::string_view end,
                 std::string_view phone) {
    const auto r = s.post("/api/v1/reservations", booking("GS", "TILLER", start, end, "김", phone));
    INFO(r.body);
    REQUIRE(r.status == 201);
    return str(r.json().at("code"));
}

std::string footprint(const server_process& s) {
    return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM audit_log) || '/' || "
                   "(SELECT count(*) FROM outbox) || '/' || sum(fee_net) || '/' || max(end_date) "
                   "|| '/' || max(return_by) FROM reservations");
}

} // namespace

TEST_CASE("extension: a checked-out rental, once, within the limit, capacity and the waitlist",
          "[http][extension]") {
    server_process s;
    s.set_clock("2020-05-12 09:30");
    const auto admin = login(s, demo_admin);
    const auto op = login(s, demo_operator);
    const auto clerk = login(s, demo_clerk_gs);
    const auto clerk_bb = login(s, demo_clerk_bb);
    const std::string tag = leave_one_unit(s, admin, "GS", "TILLER").front();

    // A: Tue 12th – Wed 13th, checked out.
    const std::string a = book(s, "2020-05-12", "2020-05-13", phone_a);
    const auto extend = [&](const json::object& body, const header_list& h = {}) {
        return s.post("/api/v1/reservations/" + a + "/extend", body, h);
    };
    // Not checked out yet: 409 invalid_transition.
    auto r = extend({{"end", "2020-05-14"}}, op.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "invalid_transition");
    json::object checklist;
    const auto types = s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == "TILLER") {
            for (const auto& item : t.at("checklist").as_array()) {
                checklist[item.as_string()] = true;
            }
        }
    }
    r = s.post("/api/v1/reservations/" + a + "/checkout",
               json::object{
                   {"unit", tag}, {"hour_meter", 1000.0}, {"checklist", checklist}, {"paid", true}},
               clerk.bearer());
    INFO(r.body);
    REQUIRE(r.status == 200);

    // E has Thu 14th, J Fri 15th: no capacity for the 14th.
    const std::string e = book(s, "2020-05-14", "2020-05-14", "010-7400-0005");
    book(s, "2020-05-15", "2020-05-15", "010-7400-0006");
    const std::string before = footprint(s);
    r = extend({{"end", "2020-05-14"}}, op.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "no_capacity");
    // Bad input and limits.
    r = extend({{"end", "2020-05-13"}}, op.bearer());
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "end");
    r = extend({{"end", "2020-05-32"}}, op.bearer());
    CHECK(r.status == 400);
    r = extend({{"end", "2020-05-14"}, {"x", 1}}, op.bearer());
    CHECK(r.status == 400);
    r = extend({{"end", "2020-05-18"}}, op.bearer()); // 7 usage days > 6
    CHECK(r.status == 422);
    CHECK(r.error_code() == "extension_limit");
    CHECK(str(r.json().at("error").at("details").at("max_days")) == "6");
    // Farmers: the phone is required and must be the booking's; clerks of another branch may not.
    CHECK(extend({{"end", "2020-05-14"}}).status == 400);
    CHECK(extend({{"end", "2020-05-14"}, {"phone", "010-7400-0009"}}).status == 404);
    CHECK(extend({{"end", "2020-05-14"}}, clerk_bb.bearer()).status == 403);
    CHECK(footprint(s) == before);

    // H waits for 14th–15th; E cancels: H's whole period does not fit (J), so H keeps waiting,
    // and the 14th is free — but someone waits for it.
    r = s.post("/api/v1/waitlist",
               json::object{{"branch", "GS"},
                            {"type", "TILLER"},
                            {"start", "2020-05-14"},
                            {"end", "2020-05-15"},
                            {"farmer", {{"name", "한대기"}, {"phone", "010-7400-0007"}}}});
    REQUIRE(r.status == 201);
    const std::string h = str(r.json().at("code"));
    REQUIRE(
        s.post("/api/v1/reservations/" + e + "/cancel", json::object{{"phone", "010-7400-0005"}})
            .status == 200);
    r = extend({{"end", "2020-05-14"}, {"phone", phone_a}});
    CHECK(r.status == 422);
    CHECK(r.error_code() == "someone_waiting");
    REQUIRE(s.post("/api/v1/waitlist/" + h + "/cancel", json::object{{"phone", "010-7400-0007"}})
                .status == 200);

    // The dry run: the added day's quote and the new deadline; nothing changes.
    const std::string quiet = footprint(s);
    r = extend({{"end", "2020-05-14"}, {"phone", phone_a}, {"dry_run", true}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json().at("dry_run").as_bool());
    CHECK(str(r.json().at("start")) == "2020-05-14");
    CHECK(str(r.json().at("return_by")) == "2020-05-14T17:00:00+09:00");
    CHECK(r.json().at("fee").at("days").as_array().size() == 1);
    CHECK(r.json().at("fee").at("net").as_int64() == 7500); // 15,000 with the 2020 discount
    CHECK(footprint(s) == quiet);

    // The farmer extends: new end and deadline, the fee grows by the added day.
    r = extend({{"end", "2020-05-14"}, {"phone", phone_a}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("end")) == "2020-05-14");
    CHECK(str(r.json().at("return_by")) == "2020-05-14T17:00:00+09:00");
    CHECK(r.json().at("fee").at("net").as_int64() == 3 * 7500);
    CHECK(r.json().at("fee").at("days").as_array().size() == 3);
    CHECK(str(r.json().at("status")) == "checked_out");
    CHECK(s.query("SELECT count(*) FROM outbox WHERE kind = 'extension'") == "1");
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE action = 'extend'") == "1");
    // The 14th is now taken.
    r = s.post("/api/v1/reservations",
               booking("GS", "TILLER", "2020-05-14", "2020-05-14", "박", "010-7400-0008"));
    CHECK(r.status == 409);
    // Once only.
    r = extend({{"end", "2020-05-15"}}, op.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "invalid_transition");
    CHECK(str(r.json().at("error").at("details").at("reason")) == "already_extended");
}
