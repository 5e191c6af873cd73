// Issue 16: the API says exactly what it does. Every JSON body is decoded strictly (an unknown
// field, a null where a value belongs, an empty required query parameter → 400 bad_request naming
// the field, nothing changed), and what the server accepts is what server/api/openapi.json says.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string state(const server_process& s) {
    // Portable SQL (it runs on SQLite and on PostgreSQL): counts, then every unit's and every
    // reservation's state in a fixed order.
    std::string out = s.query("SELECT (SELECT count(*) FROM reservations) || '/' || "
                              "(SELECT count(*) FROM farmers) || '/' || "
                              "(SELECT count(*) FROM audit_log)");
    for (const auto& row : s.query_column("SELECT status || ':' || notes FROM units ORDER BY id")) {
        out += "/" + row;
    }
    for (const auto& row : s.query_column("SELECT status FROM reservations ORDER BY id")) {
        out += "/" + row;
    }
    return out;
}

/// 400 bad_request whose details name `field` (and, if given, the problem).
void require_bad_field(const http_reply& r, const std::string& field,
                       const std::string& problem = {}) {
    CAPTURE(r.status, r.body);
    REQUIRE(r.status == 400);
    REQUIRE(r.error_code() == "bad_request");
    const auto details = r.json().at("error").at("details");
    CHECK(details.at("field").as_string() == field);
    if (!problem.empty()) {
        CHECK(details.at("problem").as_string() == problem);
    }
}

std::string book(const server_process& s, std::string_view type = "CULTIVATOR",
                 std::string_view phone = "010-1111-2222") {
    const auto r = s.post("/api/v1/reservations",
                          booking("GS", type, "2020-05-20", "2020-05-20", "홍길동", phone));
    REQUIRE(r.status == 201);
    return std::string{r.json().at("code").as_string()};
}

} // namespace

TEST_CASE("a booking with a field the server does not know is refused, not booked",
          "[http][strict]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto before = state(s);
    // A typo, and a field of a newer server: a whole day must not be booked.
    // (`group`, §16, is known since issue 15: tests/server/integration/groups_test.cpp; `half`,
    // §11, and `verification`, §14, since issue 14: half_day_test.cpp, verified_phones_test.cpp.)
    for (const auto& [key, value] : std::vector<std::pair<std::string, json::value>>{
             {"halfday_typo", "am"}, {"verification_code", "123456"}}) {
        auto body = booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20");
        body[key] = value;
        require_bad_field(s.post("/api/v1/reservations", body), key, "unknown_field");
    }
    auto body = booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20");
    body["farmer"].as_object()["email"] = "a@b.c";
    require_bad_field(s.post("/api/v1/reservations", body), "farmer.email", "unknown_field");
    // null where a value belongs (an optional field is left out, not null).
    body = booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20");
    body["end"] = nullptr;
    require_bad_field(s.post("/api/v1/reservations", body), "end", "null");
    body = booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20");
    body["farmer"].as_object()["district"] = nullptr;
    require_bad_field(s.post("/api/v1/reservations", body), "district", "null");
    // The message says what is wrong, in both languages.
    body = booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20");
    body["halfday_typo"] = "am";
    const auto en = s.post("/api/v1/reservations?lang=en", body);
    CHECK(std::string{en.json().at("error").at("message").as_string()}.find("unknown fields") !=
          std::string::npos);
    CHECK(state(s) == before);
    // The same body without the extra field books.
    CHECK(s.post("/api/v1/reservations", booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20"))
              .status == 201);
}

TEST_CASE("every request body is strict: unknown fields and nulls are refused, nothing changes",
          "[http][strict]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string code = book(s);
    const std::string combine = book(s, "COMBINE", "010-1234-5678"); // trained; waits for approval
    const auto op = login(s, demo_operator);
    const auto clerk = login(s, demo_clerk_gs);
    const auto admin = login(s, demo_admin);
    const auto before = state(s);
    const std::string r = "/api/v1/reservations/";

    struct strict_case {
        const char* what;
        std::string target;
        json::object body;
        header_list headers;
        std::string field;
        std::string problem;
    };
    const std::vector<strict_case> cases = {
        {"farmer's cancel with a reason",
         r + code + "/cancel",
         {{"phone", "010-1111-2222"}, {"reason", "x"}},
         {},
         "reason",
         "unknown_field"},
        {"farmer's cancel with a null verification",
         r + code + "/cancel",
         {{"phone", "010-1111-2222"}, {"verification", nullptr}},
         {},
         "verification",
         "null"},
        {"staff cancel with a phone",
         r + code + "/cancel",
         {{"reason", "전화 취소"}, {"phone", "010-1111-2222"}},
         op.bearer(),
         "phone",
         "unknown_field"},
        {"staff cancel with a null reason",
         r + code + "/cancel",
         {{"reason", nullptr}},
         op.bearer(),
         "reason",
         "null"},
        {"reject with a note",
         r + combine + "/reject",
         {{"reason", "x"}, {"note", "y"}},
         op.bearer(),
         "note",
         "unknown_field"},
        {"confirm with a body",
         r + combine + "/confirm",
         {{"reason", "ok"}},
         op.bearer(),
         "reason",
         "unknown_field"},
        {"move with a type",
         r + code + "/move",
         {{"start", "2020-05-21"}, {"type", "TRACTOR"}},
         op.bearer(),
         "type",
         "unknown_field"},
        {"move with a null end",
         r + code + "/move",
         {{"start", "2020-05-21"}, {"end", nullptr}},
         op.bearer(),
         "end",
         "null"},
        {"check-out with a typo",
         r + code + "/checkout",
         {{"unit", "GS-CULTIVATOR-01"}, {"hour_meter", 10}, {"payed", true}},
         clerk.bearer(),
         "payed",
         "unknown_field"},
        {"check-out with a null paid",
         r + code + "/checkout",
         {{"unit", "GS-CULTIVATOR-01"}, {"hour_meter", 10}, {"paid", nullptr}},
         clerk.bearer(),
         "paid",
         "null"},
        {"check-in with a typo",
         r + code + "/checkin",
         {{"hour_meter", 10}, {"damage", "none"}},
         clerk.bearer(),
         "damage",
         "unknown_field"},
        {"no-show with a body",
         r + code + "/no-show",
         {{"why", "absent"}},
         clerk.bearer(),
         "why",
         "unknown_field"},
        {"unit status with a null note",
         "/api/v1/units/GS-COMBINE-01/status",
         {{"status", "maintenance"}, {"note", nullptr}},
         clerk.bearer(),
         "note",
         "null"},
        {"unit status with a typo",
         "/api/v1/units/GS-COMBINE-01/status",
         {{"status", "maintenance"}, {"notes", "x"}},
         clerk.bearer(),
         "notes",
         "unknown_field"},
        {"login with an extra field",
         "/api/v1/auth/login",
         {{"username", "operator"}, {"password", "demo-operator-2020"}, {"remember", true}},
         {},
         "remember",
         "unknown_field"},
        {"login with a null password",
         "/api/v1/auth/login",
         {{"username", "operator"}, {"password", nullptr}},
         {},
         "password",
         "null"},
        {"login without a password",
         "/api/v1/auth/login",
         {{"username", "operator"}},
         {},
         "password",
         "missing"},
        {"login with a number as password",
         "/api/v1/auth/login",
         {{"username", "operator"}, {"password", 2020}},
         {},
         "password",
         "not_a_string"},
        {"logout with a body",
         "/api/v1/auth/logout",
         {{"everywhere", true}},
         op.bearer(),
         "everywhere",
         "unknown_field"},
        {"a backup with a body",
         "/api/v1/admin/backups",
         {{"name", "x"}},
         admin.bearer(),
         "name",
         "unknown_field"},
        {"the test clock with an extra field",
         "/api/v1/test/clock",
         {{"now", "2020-05-13T10:00:00+09:00"}, {"zone", "UTC"}},
         {},
         "zone",
         "unknown_field"},
        {"a farmer's categories null",
         "/api/v1/farmers/010-1111-2222",
         {{"categories", nullptr}},
         admin.bearer(),
         "categories",
         "null"},
        {"a branch's hours with a typo",
         "/api/v1/branches/GS",
         {{"hours", {{"opens", "08:00"}}}},
         admin.bearer(),
         "hours.opens",
         "unknown_field"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what, c.target);
        const bool is_put = c.target == "/api/v1/test/clock";
        const bool is_patch =
            c.target.starts_with("/api/v1/farmers/") || c.target.starts_with("/api/v1/branches/");
        const auto reply = is_put     ? s.put(c.target, c.body, c.headers)
                           : is_patch ? s.patch(c.target, c.body, c.headers)
                                      : s.post(c.target, c.body, c.headers);
        require_bad_field(reply, c.field, c.problem);
        CHECK(state(s) == before);
    }
    // Body-less actions still take no body, or an empty object.
    CHECK(http_request(s.port(), "POST", r + combine + "/confirm", "", op.bearer()).status == 200);
    CHECK(s.post(r + code + "/move", json::object{{"start", "2020-05-21"}}, op.bearer()).status ==
          200);
}

TEST_CASE("an empty required query parameter is refused, not read as every branch",
          "[http][strict]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    // Left out, branch means every branch (the operators' board) …
    const auto all = s.get("/api/v1/availability?from=2020-05-18&to=2020-05-24");
    REQUIRE(all.status == 200);
    CHECK(all.json().as_object().contains("branches"));
    // … but empty, it is a missing value.
    require_bad_field(s.get("/api/v1/availability?branch=&from=2020-05-18&to=2020-05-24"), "branch",
                      "missing");
    require_bad_field(
        s.get("/api/v1/availability?branch=&type=TRACTOR&from=2020-05-18&to=2020-05-24"), "branch",
        "missing");
    require_bad_field(s.get("/api/v1/calendar?branch=&from=2020-05-18&to=2020-05-24"), "branch",
                      "missing");
    require_bad_field(s.get("/api/v1/quote?branch=GS&type=&start=2020-05-20"), "type", "missing");
}

TEST_CASE("a look-up's phone: required of farmers, checked when staff give it", "[http][strict]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string code = book(s);
    const auto op = login(s, demo_operator);
    const std::string target = "/api/v1/reservations/" + code;
    // Farmers: code and phone.
    require_bad_field(s.get(target + "?phone="), "phone", "missing");
    require_bad_field(s.get(target), "phone", "missing");
    require_bad_field(s.get(target + "?phone=12"), "phone", "not_a_mobile_number");
    CHECK(s.get(target + "?phone=010-9999-9999").status == 404);
    CHECK(s.get(target + "?phone=010-1111-2222").status == 200);
    // Staff: no phone needed (an empty one is the same as none); one given is checked.
    CHECK(s.get(target, op.bearer()).status == 200);
    CHECK(s.get(target + "?phone=", op.bearer()).status == 200);
    CHECK(s.get(target + "?phone=01011112222", op.bearer()).status == 200);
    require_bad_field(s.get(target + "?phone=12", op.bearer()), "phone", "not_a_mobile_number");
    CHECK(s.get(target + "?phone=010-9999-9999", op.bearer()).status == 404);
    // The calendar event: code and phone for everyone.
    CHECK(s.get(target + ".ics?phone=010-1111-2222")
              .header("content-type")
              .starts_with("text/calendar"));
    require_bad_field(s.get(target + ".ics", op.bearer()), "phone", "missing");
}
