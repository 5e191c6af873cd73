// The administration API over real HTTP against the built binary (issue 4 "Administration",
// "Audit: viewable by admins").
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

/// The field a 400 names.
std::string bad_field_of(const http_reply& r) {
    const auto body = r.json();
    const auto* field = body.at("error").at("details").as_object().if_contains("field");
    return field != nullptr ? str(*field) : std::string{};
}

/// A day of /api/v1/calendar.
json::object calendar_day(const server_process& s, const std::string& branch,
                          const std::string& date) {
    const auto r = s.get("/api/v1/calendar?branch=" + branch + "&from=" + date + "&to=" + date);
    REQUIRE(r.status == 200);
    return r.json().at("days").at(0).as_object();
}

json::value quote(const server_process& s, const std::string& branch, const std::string& type,
                  const std::string& start, const std::string& end) {
    const auto r = s.get("/api/v1/quote?branch=" + branch + "&type=" + type + "&start=" + start +
                         "&end=" + end);
    REQUIRE(r.status == 200);
    return r.json();
}

/// Newest audit entries matching `query` (e.g. "action=unit.*").
json::array audit(const server_process& s, const staff_login& admin, const std::string& query) {
    const auto r = s.get("/api/v1/audit?" + query, admin.bearer());
    REQUIRE(r.status == 200);
    return r.json().at("entries").as_array();
}

json::object branch_body(const char* code) {
    return {{"code", code},
            {"name_ko", "남부본소"},
            {"name_en", "Southern office"},
            {"phones", json::array{"062-123-4567"}},
            {"address_ko", "광주광역시 남구"},
            {"address_en", "Nam-gu, Gwangju"},
            {"hours", json::object{{"open", "08:00"},
                                   {"close", "17:00"},
                                   {"eve_pickup_from", "16:00"},
                                   {"return_by", "16:00"},
                                   {"booking_cutoff", "16:00"}}},
            {"horizon_days", 14}};
}

} // namespace

TEST_CASE("admin routes: 401 without a session, 403 for other roles", "[admin][http]") {
    server_process s;
    const auto op = login(s, demo_operator);
    const auto clerk = login(s, demo_clerk_gs);
    struct route {
        const char* method;
        const char* path;
        bool operator_allowed;
    };
    const route routes[] = {
        {"GET", "/api/v1/branches/GS", false},
        {"POST", "/api/v1/branches", false},
        {"PATCH", "/api/v1/branches/GS", false},
        {"DELETE", "/api/v1/branches/GS", false},
        {"GET", "/api/v1/saturday-seasons", false},
        {"POST", "/api/v1/saturday-seasons", false},
        {"DELETE", "/api/v1/saturday-seasons/1", false},
        {"GET", "/api/v1/holidays?year=2020", false},
        {"POST", "/api/v1/holidays", false},
        {"DELETE", "/api/v1/holidays/2020-05-05", false},
        {"GET", "/api/v1/holiday-years", false},
        {"POST", "/api/v1/holiday-years", false},
        {"DELETE", "/api/v1/holiday-years/2030", false},
        {"GET", "/api/v1/closures", false},
        {"POST", "/api/v1/closures", false},
        {"DELETE", "/api/v1/closures/1", false},
        {"GET", "/api/v1/machine-types/TRACTOR", false},
        {"POST", "/api/v1/machine-types", false},
        {"PATCH", "/api/v1/machine-types/TRACTOR", false},
        {"DELETE", "/api/v1/machine-types/TRACTOR", false},
        {"POST", "/api/v1/units", false},
        {"PATCH", "/api/v1/units/GS-TRACTOR-02", false},
        {"DELETE", "/api/v1/units/GS-TRACTOR-02", false},
        {"GET", "/api/v1/discounts", false},
        {"POST", "/api/v1/discounts", false},
        {"PATCH", "/api/v1/discounts/1", false},
        {"DELETE", "/api/v1/discounts/1", false},
        {"GET", "/api/v1/farmer-categories", false},
        {"POST", "/api/v1/farmer-categories", false},
        {"PATCH", "/api/v1/farmer-categories/VETERAN", false},
        {"DELETE", "/api/v1/farmer-categories/VETERAN", false},
        {"GET", "/api/v1/users", false},
        {"GET", "/api/v1/users/admin", false},
        {"POST", "/api/v1/users", false},
        {"PATCH", "/api/v1/users/admin", false},
        {"GET", "/api/v1/settings", false},
        {"PATCH", "/api/v1/settings", false},
        {"GET", "/api/v1/audit", false},
        {"GET", "/api/v1/farmers", true},
        {"GET", "/api/v1/farmers/010-1234-5678", true},
    };
    for (const auto& rt : routes) {
        CAPTURE(rt.method, rt.path);
        const std::string body = std::string{rt.method} == "GET" ? "" : "{}";
        const header_list json_type{{"Content-Type", "application/json"}};
        CHECK(http_request(s.port(), rt.method, rt.path, body, json_type).status == 401);
        auto with = [&](const staff_login& who) {
            auto h = who.bearer();
            h.emplace_back("Content-Type", "application/json");
            return http_request(s.port(), rt.method, rt.path, body, h);
        };
        const auto by_clerk = with(clerk);
        CHECK(by_clerk.status == 403);
        CHECK(by_clerk.error_code() == "forbidden");
        const auto by_operator = with(op);
        if (rt.operator_allowed) {
            CHECK(by_operator.status == 200);
        } else {
            CHECK(by_operator.status == 403);
        }
    }
    // The routes are documented.
    const auto doc = s.get("/api/v1/openapi.json").json();
    const auto& paths = doc.at("paths").as_object();
    CHECK(paths.at("/api/v1/branches").as_object().contains("post"));
    CHECK(paths.at("/api/v1/units/{tag}").as_object().contains("patch"));
    CHECK(paths.contains("/api/v1/audit"));
    CHECK(paths.contains("/api/v1/holiday-years/{year}"));

    // Refused requests changed nothing.
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE entity IN ('branch', 'saturday_season', "
                  "'holiday', 'holiday_year', 'closure', 'machine_type', 'unit', 'discount', "
                  "'farmer_category', 'farmer', 'user', 'settings')") == "0");
}

TEST_CASE("branches: create, validate, update, retire", "[admin][http]") {
    server_process s;
    const auto admin = login(s, demo_admin);

    auto r = s.post("/api/v1/branches", branch_body("NS"), admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("code")) == "NS");
    CHECK(str(r.json().at("hours").at("open")) == "08:00");
    CHECK(r.json().at("horizon_days").as_int64() == 14);
    CHECK(r.json().at("active").as_bool());

    // The public list shows it at once (catalog reload).
    bool listed = false;
    const auto branches_now = s.get("/api/v1/branches").json();
    for (const auto& b : branches_now.as_array()) {
        listed = listed || str(b.at("code")) == "NS";
    }
    CHECK(listed);
    CHECK(calendar_day(s, "NS", "2020-05-12").at("open") == "08:00");

    // Duplicates, bad input, unknown codes.
    r = s.post("/api/v1/branches", branch_body("NS"), admin.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "conflict");
    auto bad = branch_body("ns");
    r = s.post("/api/v1/branches", bad, admin.bearer());
    CHECK(r.status == 400);
    CHECK(bad_field_of(r) == "code");
    bad = branch_body("NX");
    bad["hours"].as_object()["eve_pickup_from"] = "19:00";
    r = s.post("/api/v1/branches", bad, admin.bearer());
    CHECK(r.status == 400);
    CHECK(bad_field_of(r) == "hours");
    bad = branch_body("NX");
    bad["horizon_days"] = 400;
    CHECK(bad_field_of(s.post("/api/v1/branches", bad, admin.bearer())) == "horizon_days");
    bad = branch_body("NX");
    bad.erase("name_ko");
    CHECK(bad_field_of(s.post("/api/v1/branches", bad, admin.bearer())) == "name_ko");
    bad = branch_body("NX");
    bad["phones"] = json::array{"call us"};
    CHECK(bad_field_of(s.post("/api/v1/branches", bad, admin.bearer())) == "phones");
    r = s.patch("/api/v1/branches/GS", json::object{{"colour", "red"}}, admin.bearer());
    CHECK(r.status == 400);
    CHECK(bad_field_of(r) == "colour");
    CHECK(s.patch("/api/v1/branches/ZZ", json::object{{"name_en", "x"}}, admin.bearer()).status ==
          404);
    CHECK(s.query("SELECT count(*) FROM branches WHERE code = 'NX'") == "0");

    // Update: hours are merged and checked together.
    r = s.patch(
        "/api/v1/branches/NS",
        json::object{{"name_en", "South office"}, {"hours", json::object{{"close", "18:30"}}}},
        admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("name_en")) == "South office");
    CHECK(str(r.json().at("hours").at("close")) == "18:30");
    CHECK(str(r.json().at("hours").at("open")) == "08:00");
    CHECK(calendar_day(s, "NS", "2020-05-12").at("close") == "18:30");
    r = s.patch("/api/v1/branches/NS", json::object{{"hours", json::object{{"open", "19:00"}}}},
                admin.bearer());
    CHECK(r.status == 400);
    const auto entries = audit(s, admin, "entity=branch&entity_key=NS");
    REQUIRE(entries.size() == 2);
    CHECK(str(entries[0].at("action")) == "branch.update");
    CHECK(str(entries[0].at("details").at("name_en").at("from")) == "Southern office");
    CHECK(str(entries[0].at("details").at("name_en").at("to")) == "South office");
    CHECK(str(entries[0].at("actor")) == "admin");
    CHECK(str(entries[0].at("role")) == "admin");
    CHECK(str(entries[0].at("channel")) == "counter");
    CHECK(str(entries[0].at("address")) == "127.0.0.1");
    CHECK(str(entries[1].at("action")) == "branch.create");

    // Retire: refused while the branch has live reservations (the demo's GS has some).
    r = s.del("/api/v1/branches/GS", admin.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "conflict");
    CHECK(s.query("SELECT active FROM branches WHERE code = 'GS'") == "1");
    r = s.del("/api/v1/branches/NS", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.json().at("active").as_bool());
    const auto branches_after = s.get("/api/v1/branches").json();
    for (const auto& b : branches_after.as_array()) {
        CHECK(str(b.at("code")) != "NS");
    }
    CHECK(s.get("/api/v1/calendar?branch=NS&from=2020-05-12&to=2020-05-12").status == 404);
    r = s.get("/api/v1/branches/NS", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.json().at("active").as_bool());
    // Admins still see it in the list, marked inactive.
    const auto admin_list = s.get("/api/v1/branches", admin.bearer()).json();
    bool listed_inactive = false;
    for (const auto& b : admin_list.as_array()) {
        listed_inactive =
            listed_inactive || (str(b.at("code")) == "NS" && !b.at("active").as_bool());
    }
    CHECK(listed_inactive);
    // ... and back.
    r = s.patch("/api/v1/branches/NS", json::object{{"active", true}}, admin.bearer());
    CHECK(r.status == 200);
    CHECK(r.json().at("active").as_bool());
}

TEST_CASE("machine types and units: create, update, transfer in the audit log, retire",
          "[admin][http]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);

    json::object type{{"code", "DRONE"},
                      {"name_ko", "방제 드론"},
                      {"name_en", "Spraying drone"},
                      {"daily_fee", 50000},
                      {"max_days", 2},
                      {"needs_training", true},
                      {"checklist", json::array{"프로펠러", "배터리"}}};
    auto r = s.post("/api/v1/machine-types", type, admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(r.json().at("daily_fee").as_int64() == 50000);
    CHECK(r.json().at("needs_training").as_bool());
    CHECK_FALSE(r.json().at("needs_approval").as_bool());
    CHECK(r.json().at("checklist").as_array().size() == 2);
    CHECK(s.post("/api/v1/machine-types", type, admin.bearer()).status == 409);
    auto bad = type;
    bad["code"] = "DRONE2";
    bad["daily_fee"] = -1;
    CHECK(bad_field_of(s.post("/api/v1/machine-types", bad, admin.bearer())) == "daily_fee");
    bad["daily_fee"] = 1000;
    bad["max_days"] = 0;
    CHECK(bad_field_of(s.post("/api/v1/machine-types", bad, admin.bearer())) == "max_days");
    bad["max_days"] = 2;
    bad["checklist"] = json::array{"a", "a"};
    CHECK(bad_field_of(s.post("/api/v1/machine-types", bad, admin.bearer())) == "checklist");
    r = s.patch("/api/v1/machine-types/DRONE", json::object{{"daily_fee", 60000}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("daily_fee").as_int64() == 60000);
    CHECK(s.patch("/api/v1/machine-types/NOPE", json::object{{"daily_fee", 1}}, admin.bearer())
              .status == 404);

    // Units: add two at GS; the type is now offered there.
    json::object unit{{"tag", "GS-DRONE-01"},
                      {"type", "DRONE"},
                      {"branch", "GS"},
                      {"hour_meter", 12.5},
                      {"notes", "신규 도입"}};
    r = s.post("/api/v1/units", unit, admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("status")) == "available");
    CHECK(str(r.json().at("branch")) == "GS");
    CHECK(r.json().at("hour_meter").as_double() == 12.5);
    CHECK(s.post("/api/v1/units", unit, admin.bearer()).status == 409);
    unit["tag"] = "GS-DRONE-02";
    REQUIRE(s.post("/api/v1/units", unit, admin.bearer()).status == 201);
    unit["tag"] = "GS DRONE 03";
    CHECK(bad_field_of(s.post("/api/v1/units", unit, admin.bearer())) == "tag");
    unit["tag"] = "GS-DRONE-03";
    unit["type"] = "NOPE";
    CHECK(s.post("/api/v1/units", unit, admin.bearer()).status == 404);
    unit["type"] = "DRONE";
    unit["branch"] = "ZZ";
    CHECK(s.post("/api/v1/units", unit, admin.bearer()).status == 404);
    CHECK(quote(s, "GS", "DRONE", "2020-05-12", "2020-05-12").at("capacity").as_int64() == 2);

    // Transfer GS → BB: capacity moves, and the audit log has the explicit transfer.
    r = s.patch("/api/v1/units/GS-DRONE-02", json::object{{"branch", "BB"}, {"notes", "이관"}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("branch")) == "BB");
    CHECK(str(r.json().at("notes")) == "이관");
    CHECK(quote(s, "GS", "DRONE", "2020-05-12", "2020-05-12").at("capacity").as_int64() == 1);
    CHECK(quote(s, "BB", "DRONE", "2020-05-12", "2020-05-12").at("capacity").as_int64() == 1);
    const auto transfers = audit(s, admin, "action=unit.transfer");
    REQUIRE(transfers.size() == 1);
    CHECK(str(transfers[0].at("entity")) == "unit");
    CHECK(str(transfers[0].at("entity_key")) == "GS-DRONE-02");
    CHECK(str(transfers[0].at("details").at("from")) == "GS");
    CHECK(str(transfers[0].at("details").at("to")) == "BB");
    const auto history = audit(s, admin, "entity=unit&entity_key=GS-DRONE-02");
    REQUIRE(history.size() == 3); // create, transfer, notes
    CHECK(str(history[0].at("action")) == "unit.update");
    CHECK(str(history[0].at("details").at("notes").at("to")) == "이관");
    CHECK_FALSE(history[0].at("details").as_object().contains("branch"));

    // A unit that is out cannot move or retire (the demo has GS-TRACTOR-01 checked out).
    s.exec_sql("UPDATE units SET status = 'out' WHERE tag = 'GS-DRONE-01'");
    r = s.patch("/api/v1/units/GS-DRONE-01", json::object{{"branch", "BB"}}, admin.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "conflict");
    CHECK(s.del("/api/v1/units/GS-DRONE-01", admin.bearer()).status == 409);
    CHECK(s.query("SELECT b.code FROM units u JOIN branches b ON b.id = u.branch_id "
                  "WHERE u.tag = 'GS-DRONE-01'") == "GS");
    s.exec_sql("UPDATE units SET status = 'available' WHERE tag = 'GS-DRONE-01'");
    r = s.del("/api/v1/units/GS-DRONE-01", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "retired");
    CHECK(s.patch("/api/v1/units/GS-DRONE-01", json::object{{"branch", "BB"}}, admin.bearer())
              .status == 409);
    CHECK(s.patch("/api/v1/units/NOPE", json::object{{"notes", "x"}}, admin.bearer()).status ==
          404);

    // Retire the type: gone from the public list, still visible to the admin.
    r = s.del("/api/v1/machine-types/DRONE", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.json().at("active").as_bool());
    const auto types_now = s.get("/api/v1/machine-types").json();
    for (const auto& t : types_now.as_array()) {
        CHECK(str(t.at("code")) != "DRONE");
    }
    CHECK(s.get("/api/v1/machine-types/DRONE", admin.bearer()).status == 200);
    unit["tag"] = "BB-DRONE-09";
    unit["branch"] = "BB";
    CHECK(s.post("/api/v1/units", unit, admin.bearer()).status == 409); // retired type

    // A type with live reservations cannot be retired (the demo books tractors).
    CHECK(s.del("/api/v1/machine-types/TRACTOR", admin.bearer()).status == 409);
}

TEST_CASE("calendar edits change /calendar and quotes at once", "[admin][http][calendar]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);

    // Saturday seasons: Sat 2020-05-09 is outside the demo season (05-18 … 06-20).
    CHECK_FALSE(calendar_day(s, "GS", "2020-05-09").at("operating").as_bool());
    auto r = s.post("/api/v1/saturday-seasons",
                    json::object{{"branch", "GS"}, {"from", "2020-05-02"}, {"to", "2020-05-16"}},
                    admin.bearer());
    REQUIRE(r.status == 201);
    const auto season_id = r.json().at("id").as_int64();
    auto day = calendar_day(s, "GS", "2020-05-09");
    CHECK(day.at("operating").as_bool());
    CHECK(str(day.at("reason")) == "saturday_season");
    CHECK_FALSE(
        quote(s, "GS", "CULTIVATOR", "2020-05-09", "2020-05-09").at("pickup").at("eve").as_bool());
    r = s.post("/api/v1/saturday-seasons",
               json::object{{"branch", "GS"}, {"from", "2020-05-16"}, {"to", "2020-05-30"}},
               admin.bearer());
    CHECK(r.status == 409); // overlaps both
    r = s.post("/api/v1/saturday-seasons",
               json::object{{"branch", "GS"}, {"from", "2020-05-16"}, {"to", "2020-05-02"}},
               admin.bearer());
    CHECK(bad_field_of(r) == "to");
    r = s.get("/api/v1/saturday-seasons?branch=GS", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().as_array().size() >= 2);
    CHECK(s.del("/api/v1/saturday-seasons/" + std::to_string(season_id), admin.bearer()).status ==
          204);
    CHECK_FALSE(calendar_day(s, "GS", "2020-05-09").at("operating").as_bool());
    CHECK(s.del("/api/v1/saturday-seasons/" + std::to_string(season_id), admin.bearer()).status ==
          404);

    // Closures: Tue 2020-05-12 closed at GS only; a quote starting then picks up the eve before.
    CHECK_FALSE(
        quote(s, "GS", "CULTIVATOR", "2020-05-12", "2020-05-12").at("pickup").at("eve").as_bool());
    r = s.post("/api/v1/closures",
               json::object{{"branch", "GS"}, {"date", "2020-05-12"}, {"note", "재고 조사"}},
               admin.bearer());
    REQUIRE(r.status == 201);
    CHECK_FALSE(r.json().at("extra_opening").as_bool());
    CHECK(r.json().at("affected_reservations").as_array().empty());
    const auto closure_id = r.json().at("id").as_int64();
    day = calendar_day(s, "GS", "2020-05-12");
    CHECK_FALSE(day.at("operating").as_bool());
    CHECK(str(day.at("reason")).starts_with("closure"));
    CHECK(calendar_day(s, "BB", "2020-05-12").at("operating").as_bool());
    auto q = quote(s, "GS", "CULTIVATOR", "2020-05-12", "2020-05-12");
    CHECK(q.at("pickup").at("eve").as_bool());
    CHECK(str(q.at("pickup").at("from")) == "2020-05-11T17:00:00+09:00");
    CHECK(s.post("/api/v1/closures", json::object{{"branch", "GS"}, {"date", "2020-05-12"}},
                 admin.bearer())
              .status == 409);
    CHECK(s.post("/api/v1/closures", json::object{{"branch", "ZZ"}, {"date", "2020-05-12"}},
                 admin.bearer())
              .status == 404);
    CHECK(bad_field_of(s.post("/api/v1/closures",
                              json::object{{"branch", "GS"}, {"date", "2020-05-32"}},
                              admin.bearer())) == "date");
    // An extra opening on Sunday 2020-05-10.
    r = s.post("/api/v1/closures",
               json::object{{"branch", "GS"}, {"date", "2020-05-10"}, {"extra_opening", true}},
               admin.bearer());
    REQUIRE(r.status == 201);
    day = calendar_day(s, "GS", "2020-05-10");
    CHECK(day.at("operating").as_bool());
    CHECK(str(day.at("reason")) == "extra_opening");
    r = s.get("/api/v1/closures?branch=GS&from=2020-05-01&to=2020-05-31", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().as_array().size() == 2);
    CHECK(s.del("/api/v1/closures/" + std::to_string(closure_id), admin.bearer()).status == 204);
    CHECK(calendar_day(s, "GS", "2020-05-12").at("operating").as_bool());

    // Holidays: add Wed 2020-05-13 (every branch), remove the shipped Children's Day 05-05.
    r = s.post("/api/v1/holidays",
               json::object{{"date", "2020-05-13"},
                            {"name_ko", "임시공휴일"},
                            {"name_en", "Temporary holiday"}},
               admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(r.json().at("known").as_bool());
    day = calendar_day(s, "BB", "2020-05-13");
    CHECK_FALSE(day.at("operating").as_bool());
    CHECK(str(day.at("reason")) == "holiday:Temporary holiday");
    q = quote(s, "BB", "CULTIVATOR", "2020-05-13", "2020-05-13");
    CHECK(str(q.at("return_by")) == "2020-05-14T09:00:00+09:00");
    CHECK(s.post("/api/v1/holidays",
                 json::object{{"date", "2020-05-13"}, {"name_ko", "다시"}, {"name_en", "Again"}},
                 admin.bearer())
              .status == 409);
    CHECK_FALSE(calendar_day(s, "GS", "2020-05-05").at("operating").as_bool());
    r = s.del("/api/v1/holidays/2020-05-05", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("removed").as_bool());
    CHECK(str(r.json().at("source")) == "shipped");
    CHECK(calendar_day(s, "GS", "2020-05-05").at("operating").as_bool());
    CHECK(s.del("/api/v1/holidays/2020-05-05", admin.bearer()).status == 404);
    CHECK(s.del("/api/v1/holidays/2020-05-06", admin.bearer()).status == 404);
    r = s.get("/api/v1/holidays?year=2020", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("known").as_bool());
    CHECK(str(r.json().at("source")) == "shipped");
    bool saw_added = false;
    bool saw_removed = false;
    const auto holidays = r.json().at("holidays");
    for (const auto& h : holidays.as_array()) {
        if (str(h.at("date")) == "2020-05-13") {
            saw_added = str(h.at("source")) == "admin" && !h.at("removed").as_bool();
        }
        if (str(h.at("date")) == "2020-05-05") {
            saw_removed = str(h.at("source")) == "shipped" && h.at("removed").as_bool();
        }
    }
    CHECK(saw_added);
    CHECK(saw_removed);
    CHECK(bad_field_of(s.get("/api/v1/holidays", admin.bearer())) == "year");

    // Years beyond the shipped data stay unknown until declared complete.
    CHECK_FALSE(calendar_day(s, "GS", "2030-01-02").at("known").as_bool());
    r = s.post("/api/v1/holidays",
               json::object{{"date", "2030-01-01"}, {"name_ko", "신정"}, {"name_en", "New Year"}},
               admin.bearer());
    REQUIRE(r.status == 201);
    CHECK_FALSE(r.json().at("known").as_bool());
    CHECK_FALSE(calendar_day(s, "GS", "2030-01-02").at("known").as_bool());
    r = s.post("/api/v1/holiday-years", json::object{{"year", 2030}}, admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(calendar_day(s, "GS", "2030-01-02").at("known").as_bool());
    CHECK(calendar_day(s, "GS", "2030-01-02").at("operating").as_bool());
    CHECK_FALSE(calendar_day(s, "GS", "2030-01-01").at("operating").as_bool());
    CHECK(s.post("/api/v1/holiday-years", json::object{{"year", 2030}}, admin.bearer()).status ==
          409);
    CHECK(s.post("/api/v1/holiday-years", json::object{{"year", 2020}}, admin.bearer()).status ==
          409); // shipped
    CHECK(s.del("/api/v1/holiday-years/2020", admin.bearer()).status == 409);
    r = s.get("/api/v1/holiday-years", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().as_array().back().at("source")) == "admin");
    CHECK(s.del("/api/v1/holiday-years/2030", admin.bearer()).status == 204);
    CHECK_FALSE(calendar_day(s, "GS", "2030-01-02").at("known").as_bool());
    CHECK(s.del("/api/v1/holiday-years/2030", admin.bearer()).status == 404);
}

TEST_CASE("discounts and farmer categories", "[admin][http]") {
    server_process s;
    s.set_clock("2020-08-20 10:00");
    const auto admin = login(s, demo_admin);

    auto r = s.get("/api/v1/discounts", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().as_array().size() >= 1);

    CHECK(quote(s, "GS", "CULTIVATOR", "2020-09-01", "2020-09-01").at("fee").at("net") == 20000);
    json::object discount{{"name_ko", "추석 감면"},
                          {"name_en", "Chuseok reduction"},
                          {"percent", 10},
                          {"from", "2020-09-01"},
                          {"to", "2020-09-30"},
                          {"branches", json::array{"GS"}},
                          {"types", json::array{"CULTIVATOR"}}};
    r = s.post("/api/v1/discounts", discount, admin.bearer());
    REQUIRE(r.status == 201);
    const auto id = std::to_string(r.json().at("id").as_int64());
    CHECK(r.json().at("active").as_bool());
    CHECK(quote(s, "GS", "CULTIVATOR", "2020-09-01", "2020-09-01").at("fee").at("net") == 18000);
    CHECK(quote(s, "BB", "CULTIVATOR", "2020-09-01", "2020-09-01").at("fee").at("net") == 20000);
    auto bad = discount;
    bad["percent"] = 101;
    CHECK(bad_field_of(s.post("/api/v1/discounts", bad, admin.bearer())) == "percent");
    bad = discount;
    bad["to"] = "2020-08-01";
    CHECK(bad_field_of(s.post("/api/v1/discounts", bad, admin.bearer())) == "to");
    bad = discount;
    bad["branches"] = json::array{"ZZ"};
    CHECK(s.post("/api/v1/discounts", bad, admin.bearer()).status == 404);
    r = s.patch("/api/v1/discounts/" + id, json::object{{"percent", 30}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("percent").as_int64() == 30);
    CHECK(quote(s, "GS", "CULTIVATOR", "2020-09-01", "2020-09-01").at("fee").at("net") == 14000);
    CHECK(s.patch("/api/v1/discounts/999", json::object{{"percent", 1}}, admin.bearer()).status ==
          404);
    CHECK(s.patch("/api/v1/discounts/abc", json::object{{"percent", 1}}, admin.bearer()).status ==
          404);
    r = s.del("/api/v1/discounts/" + id, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.json().at("active").as_bool());
    CHECK(quote(s, "GS", "CULTIVATOR", "2020-09-01", "2020-09-01").at("fee").at("net") == 20000);

    // Farmer categories (a negative percent is a surcharge).
    json::object cat{{"code", "YOUNG_FARMER"},
                     {"name_ko", "청년농 30% 감면"},
                     {"name_en", "Young farmer: 30% off"},
                     {"percent", 30}};
    r = s.post("/api/v1/farmer-categories", cat, admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(r.json().at("percent").as_int64() == 30);
    CHECK(s.post("/api/v1/farmer-categories", cat, admin.bearer()).status == 409);
    cat["code"] = "OTHER";
    cat["percent"] = -101;
    CHECK(bad_field_of(s.post("/api/v1/farmer-categories", cat, admin.bearer())) == "percent");
    r = s.patch("/api/v1/farmer-categories/YOUNG_FARMER", json::object{{"percent", -20}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("percent").as_int64() == -20);
    r = s.get("/api/v1/farmer-categories", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().as_array().size() == 5);
    // VETERAN is held by a demo farmer.
    r = s.del("/api/v1/farmer-categories/VETERAN", admin.bearer());
    CHECK(r.status == 409);
    CHECK(r.error_code() == "conflict");
    CHECK(s.del("/api/v1/farmer-categories/YOUNG_FARMER", admin.bearer()).status == 204);
    CHECK(s.del("/api/v1/farmer-categories/YOUNG_FARMER", admin.bearer()).status == 404);
}

TEST_CASE("farmers: search, register, training, suspension, operators manage farmers",
          "[admin][http][farmers]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);
    const auto op = login(s, demo_operator);
    const auto clerk = login(s, demo_clerk_gs);

    auto r = s.get("/api/v1/farmers?phone=01012345678", op.bearer());
    REQUIRE(r.status == 200);
    REQUIRE(r.json().at("farmers").as_array().size() == 1);
    const auto hong = r.json().at("farmers").at(0);
    CHECK(str(hong.at("name")) == "홍길동");
    CHECK(str(hong.at("phone")) == "010-1234-5678");
    CHECK(hong.at("live_reservations").is_int64());
    CHECK(hong.at("strikes").as_array().empty());
    r = s.get("/api/v1/farmers?phone=5678", op.bearer()); // the last digits
    REQUIRE(r.status == 200);
    CHECK(r.json().at("farmers").as_array().size() >= 1);
    r = s.get("/api/v1/farmers?name="
              "%EA%B9%80",
              op.bearer()); // 김
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("farmers").at(0).at("name")) == "김영희");
    CHECK(s.get("/api/v1/farmers?phone=abc", op.bearer()).status == 400);
    // Paging: 6 demo farmers, 4 per page.
    r = s.get("/api/v1/farmers?limit=4", op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("farmers").as_array().size() == 4);
    const auto cursor = str(r.json().at("next_cursor"));
    r = s.get("/api/v1/farmers?limit=4&cursor=" + cursor, op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("farmers").as_array().size() == 2);
    CHECK(r.json().at("next_cursor").is_null());
    CHECK(s.get("/api/v1/farmers?limit=0", op.bearer()).status == 400);

    // Register a farmer ahead of a booking (an operator may; categories are the admin's).
    json::object farmer{{"name", "윤농부"},
                        {"phone", "010 9999 0001"},
                        {"district", "광산구 비아동"},
                        {"training_completed_on", "2020-04-20"}};
    r = s.post("/api/v1/farmers", farmer, op.bearer());
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("phone")) == "010-9999-0001");
    CHECK(str(r.json().at("training_completed_on")) == "2020-04-20");
    CHECK(r.json().at("farm_id").is_null());
    CHECK(s.post("/api/v1/farmers", farmer, op.bearer()).status == 409);
    CHECK(s.post("/api/v1/farmers", farmer, clerk.bearer()).status == 403);
    auto bad = farmer;
    bad["phone"] = "02-123-4567";
    CHECK(bad_field_of(s.post("/api/v1/farmers", bad, op.bearer())) == "phone");
    bad = farmer;
    bad["phone"] = "010-9999-0002";
    bad["categories"] = json::array{"VETERAN"};
    r = s.post("/api/v1/farmers", bad, op.bearer());
    CHECK(r.status == 403);
    CHECK(s.query("SELECT count(*) FROM farmers WHERE phone = '010-9999-0002'") == "0");
    r = s.post("/api/v1/farmers", bad, admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("categories").at(0)) == "VETERAN");

    // Training: a farmer without it cannot book a tractor until an operator records it.
    const auto lee = "010-4567-8901";
    r = s.post("/api/v1/reservations",
               booking("GS", "TRACTOR", "2020-05-12", "2020-05-12", "이순자", lee));
    CHECK(r.status == 422);
    CHECK(r.error_code() == "training_required");
    CHECK(bad_field_of(s.patch("/api/v1/farmers/01045678901",
                               json::object{{"training_completed_on", "2020-06-01"}},
                               op.bearer())) == "training_completed_on"); // in the future
    r = s.patch("/api/v1/farmers/01045678901",
                json::object{{"training_completed_on", "2020-04-30"}, {"farm_id", "F-1234"}},
                op.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("training_completed_on")) == "2020-04-30");
    CHECK(str(r.json().at("farm_id")) == "F-1234");
    r = s.post("/api/v1/reservations",
               booking("GS", "TRACTOR", "2020-05-12", "2020-05-12", "이순자", lee));
    CHECK(r.status == 201);
    r = s.get("/api/v1/farmers/010-4567-8901", op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("live_reservations").as_int64() >= 1);
    CHECK(s.patch("/api/v1/farmers/010-4567-8901", json::object{{"categories", json::array{}}},
                  op.bearer())
              .status == 403);
    CHECK(s.patch("/api/v1/farmers/010-4567-8901", json::object{{"name", "x"}}, clerk.bearer())
              .status == 403);
    CHECK(
        s.patch("/api/v1/farmers/010-0000-0000", json::object{{"name", "x"}}, op.bearer()).status ==
        404);
    // null clears.
    r = s.patch("/api/v1/farmers/010-4567-8901", json::object{{"farm_id", nullptr}}, op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("farm_id").is_null());

    // Suspension: set (booking refused), then lifted (booking accepted).
    r = s.patch("/api/v1/farmers/010-9999-0001",
                json::object{{"suspension",
                              json::object{{"until", "2020-06-30"}, {"reason", "반복된 노쇼"}}}},
                op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("suspended").as_bool());
    CHECK(str(r.json().at("suspension").at("until")) == "2020-06-30");
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "윤농부", "010-9999-0001"));
    CHECK(r.error_code() == "farmer_suspended");
    CHECK(bad_field_of(s.patch("/api/v1/farmers/010-9999-0001",
                               json::object{{"suspension", json::object{{"until", "2020-06-30"}}}},
                               op.bearer())) == "suspension.reason");
    r = s.patch("/api/v1/farmers/010-9999-0001", json::object{{"suspension", nullptr}},
                op.bearer());
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.json().at("suspended").as_bool());
    CHECK(r.json().at("suspension").is_null());
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "윤농부", "010-9999-0001"));
    CHECK(r.status == 201);
    const auto actions = audit(s, admin, "entity=farmer&entity_key=010-9999-0001");
    REQUIRE(actions.size() >= 3);
    CHECK(str(actions[0].at("action")) == "farmer.lift_suspension");
    CHECK(str(actions[1].at("action")) == "farmer.suspend");
    CHECK(str(actions[1].at("actor")) == "operator");

    // Strikes show with their reservation.
    s.exec_sql("INSERT INTO strikes (farmer_id, reservation_id, at, kind) SELECT f.id, r.id, "
               "1588000000, 'no_show' FROM farmers f JOIN reservations r ON r.farmer_id = f.id "
               "WHERE f.phone = '010-9999-0001'");
    r = s.get("/api/v1/farmers/010-9999-0001", admin.bearer());
    REQUIRE(r.status == 200);
    REQUIRE(r.json().at("strikes").as_array().size() == 1);
    CHECK(str(r.json().at("strikes").at(0).at("kind")) == "no_show");
    CHECK(str(r.json().at("strikes").at(0).at("reservation")).size() == 8);
    CHECK(str(r.json().at("strikes").at(0).at("at")) == "2020-04-28T00:06:40+09:00");
}

TEST_CASE("staff users: create, update, sessions end, no self-lockout", "[admin][http][users]") {
    server_process s;
    const auto admin = login(s, demo_admin);

    json::object user{{"username", "clerk-ns"},
                      {"password", "a-long-enough-pass"},
                      {"role", "clerk"},
                      {"display_name", "신입 직원"}};
    auto r = s.post("/api/v1/users", user, admin.bearer());
    CHECK(bad_field_of(r) == "branch"); // clerks belong to a branch
    user["branch"] = "BB";
    auto weak = user;
    weak["password"] = "short";
    CHECK(bad_field_of(s.post("/api/v1/users", weak, admin.bearer())) == "password");
    auto bad = user;
    bad["role"] = "farmer";
    CHECK(bad_field_of(s.post("/api/v1/users", bad, admin.bearer())) == "role");
    bad = user;
    bad["username"] = "Bad Name";
    CHECK(bad_field_of(s.post("/api/v1/users", bad, admin.bearer())) == "username");
    r = s.post("/api/v1/users", user, admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("branch")) == "BB");
    CHECK(str(r.json().at("role")) == "clerk");
    CHECK(r.json().at("active").as_bool());
    CHECK_FALSE(r.json().as_object().contains("password_hash"));
    CHECK(s.post("/api/v1/users", user, admin.bearer()).status == 409);
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE details LIKE '%a-long-enough-pass%'") ==
          "0");

    const demo_account newcomer{"clerk-ns", "a-long-enough-pass"};
    const auto first = login(s, newcomer);
    CHECK(s.get("/api/v1/auth/me", first.bearer()).status == 200);

    // Promote to operator: the branch goes.
    r = s.patch("/api/v1/users/clerk-ns", json::object{{"role", "operator"}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("branch").is_null());
    CHECK(bad_field_of(s.patch("/api/v1/users/clerk-ns", json::object{{"branch", "GS"}},
                               admin.bearer())) == "branch");

    // A new password ends the user's sessions.
    r = s.patch("/api/v1/users/clerk-ns", json::object{{"password", "another-long-pass"}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(s.get("/api/v1/auth/me", first.bearer()).status == 401);
    CHECK(try_login(s, "clerk-ns", "a-long-enough-pass").status == 401);
    const auto second = login(s, demo_account{"clerk-ns", "another-long-pass"});

    // Deactivating ends them too, and the login is refused.
    r = s.patch("/api/v1/users/clerk-ns", json::object{{"active", false}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.json().at("active").as_bool());
    CHECK(s.get("/api/v1/auth/me", second.bearer()).status == 401);
    CHECK(try_login(s, "clerk-ns", "another-long-pass").status == 401);
    const auto updates = audit(s, admin, "action=user.update&entity_key=clerk-ns");
    REQUIRE(updates.size() == 3);
    CHECK(updates[0].at("details").at("sessions_ended").as_bool());
    CHECK(str(updates[1].at("details").at("password")) == "changed");

    // An admin cannot lock themself out.
    r = s.patch("/api/v1/users/admin", json::object{{"active", false}}, admin.bearer());
    CHECK(r.status == 409);
    CHECK(
        s.patch("/api/v1/users/admin", json::object{{"role", "operator"}}, admin.bearer()).status ==
        409);
    CHECK(s.get("/api/v1/auth/me", admin.bearer()).status == 200);
    CHECK(s.patch("/api/v1/users/nobody", json::object{{"active", false}}, admin.bearer()).status ==
          404);
    CHECK(s.del("/api/v1/users/clerk-ns", admin.bearer()).status == 405); // deactivate instead

    r = s.get("/api/v1/users", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().as_array().size() == 5);
}

TEST_CASE("settings: read, validate, apply at once", "[admin][http][settings]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);

    auto r = s.get("/api/v1/settings", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("max_live").as_int64() == 3);
    CHECK(r.json().at("late_grace_minutes").as_int64() == 60);
    CHECK(r.json().at("session_absolute_hours").as_int64() == 12);
    CHECK(r.json().at("waitlist_per_farmer").as_int64() == 3); // issue 14
    CHECK(r.json().at("offer_hold_minutes").as_int64() == 120);
    CHECK(r.json().at("extension_max_days").as_int64() == 6);
    CHECK(r.json().at("half_day_fee_pct").as_int64() == 50);
    CHECK(r.json().at("verify_farmer_phone").is_bool()); // issue 14 (off: the harness is a kiosk)
    CHECK(r.json().as_object().size() == 21);

    CHECK(bad_field_of(s.patch("/api/v1/settings", json::object{{"max_live", 0}},
                               admin.bearer())) == "max_live");
    CHECK(bad_field_of(s.patch("/api/v1/settings", json::object{{"max_lives", 2}},
                               admin.bearer())) == "max_lives");
    CHECK(bad_field_of(s.patch("/api/v1/settings", json::object{{"session_idle_minutes", 800}},
                               admin.bearer())) == "session_idle_minutes");
    r = s.patch("/api/v1/settings", json::object{{"max_live", 1}, {"late_multiplier_pct", 150}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("max_live").as_int64() == 1);
    CHECK(r.json().at("late_multiplier_pct").as_int64() == 150);
    const auto entries = audit(s, admin, "action=settings.update");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].at("details").at("max_live").at("from").as_int64() == 3);
    CHECK(entries[0].at("details").at("max_live").at("to").as_int64() == 1);

    // Applied at once: a second live booking is now too many.
    const char* phone = "010-7777-0001";
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "한농부", phone))
              .status == 201);
    r = s.post("/api/v1/reservations",
               booking("BB", "SEEDER", "2020-05-20", "2020-05-20", "한농부", phone));
    CHECK(r.status == 422);
    CHECK(r.error_code() == "too_many_reservations");
}

TEST_CASE("editing a policy never changes the price or plan stored on a reservation",
          "[admin][http][policy]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);

    // Tue 2020-05-12 at GS: 09:00 pickup, 17:00 return, 50 % of 20 000 won (the demo discount).
    const char* phone = "010-8888-0001";
    auto r = s.post("/api/v1/reservations",
                    booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "정책테스트", phone));
    REQUIRE(r.status == 201);
    const auto booked = r.json();
    const auto code = str(booked.at("code"));
    CHECK(booked.at("fee").at("net") == 10000);
    CHECK(str(booked.at("pickup").at("from")) == "2020-05-12T09:00:00+09:00");

    // The type's fee, the discount and the branch hours all change.
    // (With a purchase price in the 28,000 band: DOMAIN.md §17 allows 23,800 … 32,200.)
    REQUIRE(s.patch("/api/v1/machine-types/CULTIVATOR",
                    json::object{{"daily_fee", 30000}, {"purchase_price", 5'500'000}},
                    admin.bearer())
                .status == 200);
    std::string discount_id;
    const auto discounts = s.get("/api/v1/discounts", admin.bearer()).json();
    for (const auto& d : discounts.as_array()) {
        if (str(d.at("from")) == "2020-04-01") {
            discount_id = std::to_string(d.at("id").as_int64());
        }
    }
    REQUIRE_FALSE(discount_id.empty());
    REQUIRE(
        s.patch("/api/v1/discounts/" + discount_id, json::object{{"percent", 20}}, admin.bearer())
            .status == 200);
    REQUIRE(s.patch("/api/v1/branches/GS",
                    json::object{{"hours", json::object{{"open", "08:00"},
                                                        {"return_by", "16:00"},
                                                        {"booking_cutoff", "16:00"}}}},
                    admin.bearer())
                .status == 200);

    // A new quote sees the new policy ...
    const auto q = quote(s, "GS", "CULTIVATOR", "2020-05-12", "2020-05-12");
    CHECK(q.at("fee").at("net") == 24000);
    CHECK(q.at("fee").at("days").at(0).at("daily_fee") == 30000);
    CHECK(str(q.at("pickup").at("from")) == "2020-05-12T08:00:00+09:00");
    CHECK(str(q.at("return_by")) == "2020-05-12T16:00:00+09:00");

    // ... the reservation keeps what was agreed.
    r = s.get("/api/v1/reservations/" + code + "?phone=" + phone);
    REQUIRE(r.status == 200);
    const auto stored = r.json();
    CHECK(stored.at("fee") == booked.at("fee"));
    CHECK(stored.at("pickup") == booked.at("pickup"));
    CHECK(stored.at("return_by") == booked.at("return_by"));
    CHECK(stored.at("fee").at("net") == 10000);
    CHECK(stored.at("fee").at("days").at(0).at("daily_fee") == 20000);
}

TEST_CASE("audit: newest first, filters, cursor paging", "[admin][http][audit]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);
    const auto op = login(s, demo_operator);

    for (const char* code : {"AA", "AB", "AC"}) {
        REQUIRE(s.post("/api/v1/farmer-categories",
                       json::object{{"code", code},
                                    {"name_ko", "유형"},
                                    {"name_en", "Category"},
                                    {"percent", 10}},
                       admin.bearer())
                    .status == 201);
    }
    auto r = s.get("/api/v1/audit?action=category.*&limit=2", admin.bearer());
    REQUIRE(r.status == 200);
    auto page = r.json();
    REQUIRE(page.at("entries").as_array().size() == 2);
    CHECK(str(page.at("entries").at(0).at("entity_key")) == "AC");
    CHECK(str(page.at("entries").at(1).at("entity_key")) == "AB");
    CHECK(page.at("entries").at(0).at("details").at("percent") == 10);
    // The test clock runs on from 10:00:00: the entry is within that minute.
    CHECK(str(page.at("entries").at(0).at("at")).starts_with("2020-05-01T10:00:"));
    r = s.get("/api/v1/audit?action=category.*&limit=2&cursor=" + str(page.at("next_cursor")),
              admin.bearer());
    REQUIRE(r.status == 200);
    page = r.json();
    REQUIRE(page.at("entries").as_array().size() == 1);
    CHECK(str(page.at("entries").at(0).at("entity_key")) == "AA");
    CHECK(page.at("next_cursor").is_null());

    // By reservation code: its creation by the public form.
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "감사", "010-6666-0001"));
    REQUIRE(r.status == 201);
    const auto code = str(r.json().at("code"));
    const auto by_code = audit(s, admin, "reservation=" + code);
    REQUIRE(by_code.size() >= 1);
    CHECK(str(by_code.back().at("reservation")) == code);

    // By actor and date range.
    CHECK(audit(s, admin, "actor=admin&action=category.create").size() == 3);
    CHECK(audit(s, admin, "actor=operator&action=category.create").empty());
    CHECK(audit(s, admin, "action=category.create&from=2020-05-01&to=2020-05-01").size() == 3);
    CHECK(audit(s, admin, "action=category.create&from=2020-05-02").empty());
    CHECK(audit(s, admin, "action=category.create&to=2020-04-30").empty());
    CHECK(s.get("/api/v1/audit?from=2020-13-01", admin.bearer()).status == 400);
    CHECK(s.get("/api/v1/audit?limit=1000", admin.bearer()).status == 400);
    CHECK(s.get("/api/v1/audit", op.bearer()).status == 403);
}
