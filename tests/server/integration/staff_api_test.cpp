// The staff side over real HTTP (issue 4): access by role and branch, a full day at a branch,
// no-shows and strikes, maintenance and at-risk reservations, CSRF, throttling, sessions.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

// Books at `branch` for a caller as the operator (channel phone) and returns the code.
std::string book_by_phone(const server_process& s, const staff_login& op, const char* branch,
                          const char* type, const char* start, const char* end, const char* name,
                          const char* phone) {
    auto body = booking(branch, type, start, end, name, phone);
    body["channel"] = "phone";
    const auto r = s.post("/api/v1/reservations", body, op.bearer());
    if (r.status != 201) {
        throw std::runtime_error("booking failed: " + r.body);
    }
    CHECK(str(r.json().at("channel")) == "phone");
    return str(r.json().at("code"));
}

json::object checklist_for(const server_process& s, const char* type, bool value = true) {
    json::object items;
    const auto types = s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == type) {
            for (const auto& item : t.at("checklist").as_array()) {
                items[item.as_string()] = value;
            }
        }
    }
    return items;
}

json::object checkout_body(const server_process& s, const char* type, const std::string& unit,
                           double meter) {
    return {{"unit", unit},
            {"hour_meter", meter},
            {"checklist", checklist_for(s, type)},
            {"paid", true}};
}

} // namespace

TEST_CASE("staff access: role x endpoint x branch", "[http][staff][access]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);
    const auto op = login(s, demo_operator);
    const auto gs = login(s, demo_clerk_gs);
    const auto bb = login(s, demo_clerk_bb);
    const std::string gs_code = book_by_phone(s, op, "GS", "CULTIVATOR", "2020-05-20", "2020-05-20",
                                              "권한", "010-7100-0001");
    const std::string bb_code = book_by_phone(s, op, "BB", "CULTIVATOR", "2020-05-20", "2020-05-20",
                                              "권한", "010-7100-0002");

    struct row {
        const char* who;
        std::string method;
        std::string target;
        std::string body;
        int expected;
    };
    const header_list none;
    const auto headers = [&](const std::string& who) -> header_list {
        if (who == "admin")
            return admin.bearer();
        if (who == "operator")
            return op.bearer();
        if (who == "clerk-gs")
            return gs.bearer();
        if (who == "clerk-bb")
            return bb.bearer();
        return none;
    };
    const std::vector<row> table = {
        {"none", "GET", "/api/v1/reservations", "", 401},
        {"none", "GET", "/api/v1/reservations?phone=010-7100-0001", "", 401},
        {"admin", "GET", "/api/v1/reservations", "", 200},
        {"operator", "GET", "/api/v1/reservations", "", 200},
        {"clerk-gs", "GET", "/api/v1/reservations", "", 200},
        {"clerk-gs", "GET", "/api/v1/reservations?branch=BB", "", 403},
        {"clerk-gs", "GET", "/api/v1/reservations/" + gs_code, "", 200},
        {"clerk-gs", "GET", "/api/v1/reservations/" + bb_code, "", 403},
        {"operator", "GET", "/api/v1/reservations/" + bb_code, "", 200},
        {"none", "GET", "/api/v1/reservations/" + bb_code, "", 400}, // farmers need the phone
        {"none", "GET", "/api/v1/schedule?branch=GS", "", 401},
        {"clerk-gs", "GET", "/api/v1/schedule?branch=GS", "", 200},
        {"clerk-gs", "GET", "/api/v1/schedule", "", 200}, // own branch by default
        {"clerk-bb", "GET", "/api/v1/schedule?branch=GS", "", 403},
        {"operator", "GET", "/api/v1/schedule?branch=GS", "", 200},
        {"admin", "GET", "/api/v1/schedule?branch=BB", "", 200},
        {"clerk-gs", "GET", "/api/v1/units?branch=BB", "", 403},
        {"clerk-gs", "GET", "/api/v1/units", "", 200},
        {"operator", "GET", "/api/v1/units?branch=BB", "", 200},
        {"operator", "POST", "/api/v1/units/GS-TILLER-01/status", R"({"status":"maintenance"})",
         403},
        {"clerk-bb", "POST", "/api/v1/units/GS-TILLER-01/status", R"({"status":"maintenance"})",
         403},
        {"none", "POST", "/api/v1/units/GS-TILLER-01/status", R"({"status":"maintenance"})", 401},
        {"clerk-gs", "POST", "/api/v1/reservations/" + gs_code + "/confirm", "{}", 403},
        {"operator", "POST", "/api/v1/reservations/" + gs_code + "/confirm", "{}",
         409}, // confirmed
        {"operator", "POST", "/api/v1/reservations/" + gs_code + "/checkout",
         R"({"unit":"GS-CULTIVATOR-01","hour_meter":1000,"paid":true})", 403},
        {"clerk-bb", "POST", "/api/v1/reservations/" + gs_code + "/checkout",
         R"({"unit":"GS-CULTIVATOR-01","hour_meter":1000,"paid":true})", 403},
        {"clerk-bb", "POST", "/api/v1/reservations/" + gs_code + "/cancel", R"({"reason":"x"})",
         403},
        {"clerk-gs", "POST", "/api/v1/reservations/" + gs_code + "/no-show", "{}", 409}, // early
        {"clerk-gs", "POST", "/api/v1/reservations/" + gs_code + "/move",
         R"({"start":"2020-05-21"})", 403},
        {"clerk-gs", "POST", "/api/v1/reservations",
         R"({"branch":"BB","type":"CULTIVATOR","start":"2020-05-21","farmer":{"name":"x","phone":"010-7100-0003"}})",
         403},
    };
    for (const auto& t : table) {
        CAPTURE(t.who, t.method, t.target);
        const auto r = http_request(s.port(), t.method, t.target, t.body, headers(t.who));
        CHECK(r.status == t.expected);
    }
    // A clerk's search only ever shows their own branch.
    const auto mine = s.get("/api/v1/reservations", gs.bearer()).json();
    for (const auto& item : mine.at("items").as_array()) {
        CHECK(str(item.at("branch")) == "GS");
    }
}

TEST_CASE("a full day at a branch: book, confirm, check-out, late check-in, cleaning",
          "[http][staff][day]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    // A web booking of a type that needs approval (the combine; 최민수 has the training).
    auto r = s.post("/api/v1/reservations", booking("GS", "COMBINE", "2020-05-22", "2020-05-22",
                                                    "최민수", "010-5678-9012"));
    REQUIRE(r.status == 201);
    const std::string code = str(r.json().at("code"));
    CHECK(str(r.json().at("status")) == "requested");
    // The operator sees it waiting and confirms it.
    const auto waiting =
        s.get("/api/v1/reservations?status=requested&branch=GS", op.bearer()).json();
    bool found = false;
    for (const auto& item : waiting.at("items").as_array()) {
        found = found || str(item.at("code")) == code;
    }
    CHECK(found);
    r = s.post("/api/v1/reservations/" + code + "/confirm", json::object{}, op.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "confirmed");

    // Fri 05-22 09:30: the clerk's schedule lists the pickup with its window.
    // Sessions time out after 30 idle minutes: staff log in when their day starts.
    s.set_clock("2020-05-22 09:30");
    auto clerk = login(s, demo_clerk_gs);
    const auto sched = s.get("/api/v1/schedule?date=2020-05-22", clerk.bearer()).json();
    REQUIRE(sched.at("pickups").as_array().size() >= 1);
    CHECK(str(sched.at("pickups").at(0).at("pickup").at("from")) == "2020-05-22T09:00:00+09:00");

    // Check-out: unpaid is refused, a lower hour meter is refused, then it works.
    auto body = checkout_body(s, "COMBINE", "GS-COMBINE-01", 10.0);
    body["paid"] = false;
    r = s.post("/api/v1/reservations/" + code + "/checkout", body, clerk.bearer());
    CHECK(r.status == 400);
    body = checkout_body(s, "COMBINE", "GS-COMBINE-01", 10.0); // the unit reads 157.5
    r = s.post("/api/v1/reservations/" + code + "/checkout", body, clerk.bearer());
    CHECK(r.status == 422);
    CHECK(r.error_code() == "hour_meter_decreased");
    // Hour meters read as people write them (issue 13): 157.5, not 1.575E2 or 157.500000.
    CHECK(r.body.find(R"("hour_meter_out":"157.5")") != std::string::npos);
    const auto meters = s.get("/api/v1/units?type=COMBINE", clerk.bearer());
    CHECK(meters.body.find(R"("hour_meter":157.5)") != std::string::npos);
    CHECK(meters.body.find("E2") == std::string::npos);
    body = checkout_body(s, "COMBINE", "GS-TRACTOR-01", 500.0); // wrong type
    r = s.post("/api/v1/reservations/" + code + "/checkout", body, clerk.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "unit_unavailable");
    body = checkout_body(s, "COMBINE", "GS-COMBINE-01", 200.0);
    r = s.post("/api/v1/reservations/" + code + "/checkout", body, clerk.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "checked_out");
    CHECK(str(r.json().at("unit")) == "GS-COMBINE-01");
    CHECK(s.query("SELECT status FROM units WHERE tag = 'GS-COMBINE-01'") == "out");

    // Due back Fri 17:00; back on Sat 05-23 at 10:30: one started day late (grace 1 h).
    s.set_clock("2020-05-23 10:30");
    clerk = login(s, demo_clerk_gs);
    const auto overdue = s.get("/api/v1/schedule?date=2020-05-23", clerk.bearer()).json();
    CHECK(overdue.at("overdue").as_array().size() == 1);
    json::object checkin{{"hour_meter", 150.0}, {"checklist", checklist_for(s, "COMBINE")}};
    r = s.post("/api/v1/reservations/" + code + "/checkin", checkin, clerk.bearer());
    CHECK(r.status == 422); // below the check-out reading
    CHECK(r.error_code() == "hour_meter_decreased");
    checkin["hour_meter"] = 208.5;
    checkin["damage_notes"] = "예취부 칼날 하나 휨";
    r = s.post("/api/v1/reservations/" + code + "/checkin", checkin, clerk.bearer());
    REQUIRE(r.status == 200);
    const auto back = r.json();
    CHECK(str(back.at("status")) == "returned");
    CHECK(back.at("late_days").as_int64() == 1);
    CHECK(back.at("late_fee").as_int64() == 150000); // one undiscounted daily fee
    CHECK(str(back.at("returned_at")).starts_with("2020-05-23T10:30:")); // the clock runs on
    CHECK(s.query("SELECT status || '/' || hour_meter FROM units WHERE tag = 'GS-COMBINE-01'") ==
          "cleaning/208.5");
    // Less than a day late and not at fault: no strike.
    CHECK(s.query("SELECT count(*) FROM strikes s JOIN farmers f ON f.id = s.farmer_id "
                  "WHERE f.phone = '010-5678-9012'") == "0");

    // Cleaned (방역) → available again; straight from out is not allowed.
    r = s.post("/api/v1/units/GS-COMBINE-01/status", json::object{{"status", "available"}},
               clerk.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "available");
    r = s.post("/api/v1/units/GS-COMBINE-01/status", json::object{{"status", "available"}},
               clerk.bearer());
    CHECK(r.status == 409);

    // The whole day is in the reservation's history.
    const auto full = s.get("/api/v1/reservations/" + code, clerk.bearer()).json();
    std::vector<std::string> actions;
    for (const auto& h : full.at("history").as_array()) {
        actions.push_back(str(h.at("action")));
    }
    // (The overdue notice went out when the deadline and grace had passed.)
    CHECK(actions ==
          std::vector<std::string>{"create", "confirm", "checkout", "overdue_notice", "checkin"});
    CHECK(str(full.at("history").at(2).at("by")) == "clerk-gs");
    CHECK(str(full.at("history").at(2).at("channel")) == "counter");
}

TEST_CASE("check-out outside the pickup window needs a logged override", "[http][staff][day]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    const std::string code = book_by_phone(s, op, "GS", "CULTIVATOR", "2020-05-24", "2020-05-24",
                                           "전날수령", "010-7200-0001");
    // Eve pickup Sat 05-23 17:00–18:00; at 16:00 the window is not open yet.
    s.set_clock("2020-05-23 16:00");
    const auto clerk = login(s, demo_clerk_gs);
    auto body = checkout_body(s, "CULTIVATOR", "GS-CULTIVATOR-01", 500.0);
    auto r = s.post("/api/v1/reservations/" + code + "/checkout", body, clerk.bearer());
    CHECK(r.status == 409);
    CHECK(str(r.json().at("error").at("details").at("reason")) == "outside_pickup_window");
    // The message says when the window is and that an override exists, not "wrong state".
    const std::string message = str(r.json().at("error").at("message"));
    CHECK(message.find("5월 23일(토) 오후 5시~6시") != std::string::npos);
    CHECK(message.find("사유") != std::string::npos);
    CHECK(message.find("상태") == std::string::npos);
    const auto en =
        s.post("/api/v1/reservations/" + code + "/checkout?lang=en", body, clerk.bearer());
    const std::string en_message = str(en.json().at("error").at("message"));
    CHECK(en_message.find("Sat 23 May, 17:00–18:00") != std::string::npos);
    CHECK(en_message.find("override") != std::string::npos);
    body["override_reason"] = "농가 요청으로 1시간 일찍 출고";
    r = s.post("/api/v1/reservations/" + code + "/checkout", body, clerk.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("override_reason")) == "농가 요청으로 1시간 일찍 출고");
    CHECK(s.query("SELECT details FROM audit_log WHERE action = 'checkout'")
              .find("override_reason") != std::string::npos);
}

TEST_CASE("no-shows and strikes: the third suspends the farmer", "[http][staff][strikes]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    const char* phone = "010-7300-0001";
    const std::string first =
        book_by_phone(s, op, "GS", "CULTIVATOR", "2020-05-13", "2020-05-13", "안옴", phone);
    const std::string second =
        book_by_phone(s, op, "GS", "SEEDER", "2020-05-13", "2020-05-13", "안옴", phone);
    const std::string third =
        book_by_phone(s, op, "GS", "TILLER", "2020-05-13", "2020-05-13", "안옴", phone);
    // Before the window closes a no-show cannot be marked.
    s.set_clock("2020-05-13 17:59");
    const auto clerk = login(s, demo_clerk_gs);
    auto r = s.post("/api/v1/reservations/" + first + "/no-show", json::object{}, clerk.bearer());
    CHECK(r.status == 409);
    s.set_clock("2020-05-13 18:05");
    for (const auto& code : {first, second}) {
        r = s.post("/api/v1/reservations/" + code + "/no-show", json::object{}, clerk.bearer());
        // The background sweep may already have marked it: either way it is a no-show now.
        CHECK((r.status == 200 || r.status == 409));
        CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "no_show");
    }
    r = s.post("/api/v1/reservations/" + third + "/no-show", json::object{}, clerk.bearer());
    CHECK((r.status == 200 || r.status == 409));
    CHECK(s.query("SELECT count(*) FROM strikes s JOIN farmers f ON f.id = s.farmer_id "
                  "WHERE f.phone = '010-7300-0001' AND s.kind = 'no_show'") == "3");
    // Third strike within 12 months: suspended for 6 months (until 2020-11-12 inclusive).
    CHECK(s.query("SELECT suspended_until FROM farmers WHERE phone = '010-7300-0001'") ==
          "2020-11-12");
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20", "안옴", phone));
    CHECK(r.status == 422);
    CHECK(r.error_code() == "farmer_suspended");
    // Capacity was freed by the no-shows.
    CHECK(s.query("SELECT count(*) FROM reservations WHERE status IN ('requested','confirmed',"
                  "'checked_out') AND start_date = '2020-05-13'") == "0");
}

TEST_CASE("a return more than a day late and damage at fault are strikes",
          "[http][staff][strikes]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    const std::string code = book_by_phone(s, op, "GS", "CULTIVATOR", "2020-05-13", "2020-05-13",
                                           "늦음", "010-7400-0001");
    s.set_clock("2020-05-13 09:10");
    auto clerk = login(s, demo_clerk_gs);
    REQUIRE(s.post("/api/v1/reservations/" + code + "/checkout",
                   checkout_body(s, "CULTIVATOR", "GS-CULTIVATOR-02", 400.0), clerk.bearer())
                .status == 200);
    s.set_clock("2020-05-15 10:00"); // due 05-13 17:00: 41 h late → 2 started days
    clerk = login(s, demo_clerk_gs);
    const auto r = s.post("/api/v1/reservations/" + code + "/checkin",
                          json::object{{"hour_meter", 420.0},
                                       {"checklist", checklist_for(s, "CULTIVATOR")},
                                       {"damage_notes", "로터리 날 파손"},
                                       {"farmer_at_fault", true}},
                          clerk.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("late_days").as_int64() == 2);
    CHECK(r.json().at("late_fee").as_int64() == 40000);
    CHECK(join(s.query_column("SELECT kind FROM strikes ORDER BY kind"), ",") ==
          "damage,late_return");
}

TEST_CASE("a unit to maintenance puts a reservation at risk, the operator moves it",
          "[http][staff][at_risk]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    const auto clerk = login(s, demo_clerk_gs);
    // GS has two tillers; both booked on Wed 05-20.
    const std::string a =
        book_by_phone(s, op, "GS", "TILLER", "2020-05-20", "2020-05-20", "가", "010-7500-0001");
    const std::string b =
        book_by_phone(s, op, "GS", "TILLER", "2020-05-20", "2020-05-20", "나", "010-7500-0002");
    auto risk = s.get("/api/v1/reservations?at_risk=true", op.bearer()).json();
    CHECK(risk.at("items").as_array().empty());

    auto r = s.post("/api/v1/units/GS-TILLER-02/status",
                    json::object{{"status", "maintenance"}, {"note", "엔진 누유"}}, clerk.bearer());
    REQUIRE(r.status == 200);
    REQUIRE(r.json().at("at_risk").as_array().size() == 1);
    CHECK(str(r.json().at("at_risk").at(0).at("code")) == b); // the later booking
    risk = s.get("/api/v1/reservations?at_risk=true", op.bearer()).json();
    REQUIRE(risk.at("items").as_array().size() == 1);
    CHECK(str(risk.at("items").at(0).at("code")) == b);
    const auto sched = s.get("/api/v1/schedule?branch=GS&date=2020-05-20", clerk.bearer()).json();
    CHECK(sched.at("at_risk").as_array().size() == 1);
    // New bookings see the lower capacity.
    r = s.post("/api/v1/reservations",
               booking("GS", "TILLER", "2020-05-20", "2020-05-20", "다", "010-7500-0003"));
    CHECK(r.error_code() == "no_capacity");

    // Moving it onto a full slot is refused; to the Northern office the same day works.
    r = s.post("/api/v1/reservations/" + b + "/move", json::object{{"start", "2020-05-20"}},
               op.bearer());
    CHECK(r.error_code() == "no_capacity");
    r = s.post("/api/v1/reservations/" + b + "/move",
               json::object{{"branch", "BB"}, {"start", "2020-05-20"}}, op.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("branch")) == "BB");
    CHECK(str(r.json().at("code")) == b);
    risk = s.get("/api/v1/reservations?at_risk=true", op.bearer()).json();
    CHECK(risk.at("items").as_array().empty());
    // The farmer is told.
    CHECK(s.query("SELECT count(*) FROM outbox o JOIN reservations r ON r.id = o.reservation_id "
                  "WHERE r.code = '" +
                  b + "' AND o.kind = 'moved'") == "1");
    CHECK(s.query("SELECT body FROM outbox WHERE kind = 'moved'").find("북부본소") !=
          std::string::npos);
    (void)a;
}

TEST_CASE("staff cancel with a reason, rejecting a request", "[http][staff]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    const std::string code = book_by_phone(s, op, "GS", "CULTIVATOR", "2020-05-20", "2020-05-20",
                                           "취소됨", "010-7600-0001");
    auto r = s.post("/api/v1/reservations/" + code + "/cancel", json::object{}, op.bearer());
    CHECK(r.status == 400); // a reason is required
    r = s.post("/api/v1/reservations/" + code + "/cancel",
               json::object{{"reason", "농가 전화 요청"}}, op.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "cancelled");
    CHECK(str(r.json().at("reason")) == "농가 전화 요청");
    // A web request for the combine, rejected by the operator.
    r = s.post("/api/v1/reservations",
               booking("GS", "COMBINE", "2020-05-21", "2020-05-21", "최민수", "010-5678-9012"));
    const std::string req = str(r.json().at("code"));
    r = s.post("/api/v1/reservations/" + req + "/reject", json::object{{"reason", "수리 일정"}},
               op.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "rejected");
    CHECK(s.query("SELECT count(*) FROM outbox WHERE kind = 'rejection'") == "1");
}

TEST_CASE("CSRF: cookie-authenticated changes need the token, bearer ones do not",
          "[http][staff][csrf]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    CHECK(op.cookie.starts_with("agrirent_session="));
    const std::string code = book_by_phone(s, op, "GS", "CULTIVATOR", "2020-05-20", "2020-05-20",
                                           "보안", "010-7700-0001");
    const json::object body{{"reason", "test"}};
    auto r = s.post("/api/v1/reservations/" + code + "/cancel", body, op.cookie_only());
    CHECK(r.status == 403);
    CHECK(r.error_code() == "csrf");
    header_list wrong{{"Cookie", op.cookie}, {"X-CSRF-Token", "not-the-token"}};
    CHECK(s.post("/api/v1/reservations/" + code + "/cancel", body, wrong).error_code() == "csrf");
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "confirmed");
    // Reads need no token.
    CHECK(s.get("/api/v1/reservations/" + code, op.cookie_only()).status == 200);
    r = s.post("/api/v1/reservations/" + code + "/cancel", body, op.cookie_with_csrf());
    CHECK(r.status == 200);
    // The cookie is HttpOnly and SameSite=Strict.
    const auto login_reply = try_login(s, "operator", "demo-operator-2020");
    CHECK(login_reply.header("set-cookie").find("HttpOnly") != std::string::npos);
    CHECK(login_reply.header("set-cookie").find("SameSite=Strict") != std::string::npos);
    CHECK(login_reply.header("set-cookie").find("Secure") == std::string::npos);
}

TEST_CASE("login: wrong passwords are slowed, then refused, unknown users look the same",
          "[http][staff][throttle]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto unknown = try_login(s, "nobody", "whatever-password");
    const auto wrong = try_login(s, "operator", "wrong-password-1");
    CHECK(unknown.status == 401);
    CHECK(wrong.status == 401);
    CHECK(unknown.body == wrong.body); // never says whether the user exists
    CHECK(try_login(s, "operator", "wrong-password-2").status == 401);
    CHECK(try_login(s, "operator", "wrong-password-3").status == 401);
    // Three failures: the next try must wait 30 s (slowed), even with the right password.
    auto r = try_login(s, "operator", "demo-operator-2020");
    CHECK(r.status == 429);
    CHECK(r.error_code() == "rate_limited");
    CHECK_FALSE(r.header("retry-after").empty());
    s.set_clock("2020-05-12T10:00:40+09:00");
    CHECK(try_login(s, "operator", "wrong-password-4").status == 401);
    s.set_clock("2020-05-12T10:01:50+09:00"); // the wait doubled to 60 s
    CHECK(try_login(s, "operator", "wrong-password-5").status == 401);
    // Five failures in the window: refused for a while, whatever is tried.
    s.set_clock("2020-05-12T10:05:00+09:00");
    CHECK(try_login(s, "operator", "demo-operator-2020").status == 429);
    s.set_clock("2020-05-12T10:16:30+09:00");
    CHECK(try_login(s, "operator", "demo-operator-2020").status == 200);
    // Other accounts were never affected.
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE action = 'login_failed'") == "6");
}

TEST_CASE("behind an HTTPS proxy the session cookie is Secure", "[http][staff][csrf]") {
    server_process s({"--trust-proxy"});
    const auto r = try_login(s, "operator", "demo-operator-2020", {{"X-Forwarded-Proto", "https"}});
    REQUIRE(r.status == 200);
    CHECK(r.header("set-cookie").find("; Secure") != std::string::npos);
    // Without --trust-proxy the header is not believed.
    server_process plain;
    CHECK(try_login(plain, "operator", "demo-operator-2020", {{"X-Forwarded-Proto", "https"}})
              .header("set-cookie")
              .find("Secure") == std::string::npos);
}

TEST_CASE("login throttling per client address behind a proxy", "[http][staff][throttle]") {
    server_process s({"--trust-proxy"});
    s.set_clock("2020-05-12 10:00");
    const header_list from_far{{"X-Forwarded-For", "203.0.113.7"}};
    // Different accounts from one address: after 3 failures the address is slowed down.
    CHECK(try_login(s, "a1", "x-password-1", from_far).status == 401);
    CHECK(try_login(s, "a2", "x-password-2", from_far).status == 401);
    CHECK(try_login(s, "a3", "x-password-3", from_far).status == 401);
    CHECK(try_login(s, "a4", "x-password-4", from_far).status == 429);
    // Another address is not.
    CHECK(try_login(s, "operator", "demo-operator-2020", {{"X-Forwarded-For", "203.0.113.8"}})
              .status == 200);
}

TEST_CASE("sessions: idle 30 min and absolute 12 h timeouts, logout", "[http][staff][session]") {
    server_process s;
    s.set_clock("2020-05-12 08:00");
    auto op = login(s, demo_operator);
    s.set_clock("2020-05-12 08:29");
    CHECK(s.get("/api/v1/auth/me", op.bearer()).status == 200);
    s.set_clock("2020-05-12 08:58"); // 29 min after the last request: still fine
    CHECK(s.get("/api/v1/auth/me", op.bearer()).status == 200);
    s.set_clock("2020-05-12 09:29"); // 31 min idle
    CHECK(s.get("/api/v1/auth/me", op.bearer()).status == 401);

    // Active all day: cut off after 12 hours anyway.
    s.set_clock("2020-05-13 08:00");
    op = login(s, demo_operator);
    for (int h = 0; h < 12; ++h) {
        for (int m : {0, 20, 40}) {
            char t[32];
            std::snprintf(t, sizeof t, "2020-05-13 %02d:%02d", 8 + h, m);
            s.set_clock(t);
            REQUIRE(s.get("/api/v1/auth/me", op.bearer()).status == 200);
        }
    }
    s.set_clock("2020-05-13 20:01");
    CHECK(s.get("/api/v1/auth/me", op.bearer()).status == 401);

    // Logout ends the session at once; a new login gets a new id (rotation).
    s.set_clock("2020-05-14 08:00");
    const auto first = login(s, demo_operator);
    const auto second = login(s, demo_operator);
    CHECK(first.token != second.token);
    CHECK(s.post("/api/v1/auth/logout", json::object{}, first.bearer()).status == 204);
    CHECK(s.get("/api/v1/auth/me", first.bearer()).status == 401);
    CHECK(s.get("/api/v1/auth/me", second.bearer()).status == 200);
    // Logins and logouts are in the audit log.
    CHECK(
        s.query("SELECT count(*) FROM audit_log WHERE action = 'logout' AND actor = 'operator'") ==
        "1");
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE action = 'login' AND actor = 'operator'") ==
          "4");
}

TEST_CASE("first start without demo data creates an admin with a printed password",
          "[http][staff]") {
    server_process s({}, false);
    const auto& out = s.startup_output();
    const auto at = out.find("with password ");
    REQUIRE(at != std::string::npos);
    const std::string password = out.substr(at + 14, out.find(' ', at + 14) - at - 14);
    CHECK(password.size() >= 12);
    CHECK(try_login(s, "admin", password).status == 200);
    CHECK(s.query("SELECT count(*) FROM staff_users") == "1");
    CHECK(s.query("SELECT password_hash FROM staff_users").starts_with("$argon2id$"));
    CHECK(s.query("SELECT password_hash FROM staff_users").find("m=19456,t=2") !=
          std::string::npos);
}
