// The public API of API.md over real HTTP against the built binary (issue 3).
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

std::string count_reservations(const server_process& s) {
    return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM farmers) || '/' || "
                   "(SELECT count(*) FROM audit_log) FROM reservations");
}

} // namespace

TEST_CASE("healthz, branches, machine types and the OpenAPI document", "[http][public]") {
    server_process s;
    auto r = s.get("/healthz");
    CHECK(r.status == 200);
    CHECK(str(r.json().at("status")) == "ok");

    r = s.get("/api/v1/branches");
    REQUIRE(r.status == 200);
    const auto branches_json = r.json();
    const auto& branches = branches_json.as_array();
    REQUIRE(branches.size() == 2);
    CHECK(str(branches[0].at("code")) == "GS");
    CHECK(str(branches[0].at("name_ko")) == "광산본소");
    CHECK(str(branches[0].at("phones").at(0)) == "062-613-5328");
    CHECK(str(branches[0].at("hours").at("eve_pickup_from")) == "17:00");
    CHECK(str(branches[1].at("code")) == "BB");
    bool has_2020_season = false;
    for (const auto& season : branches[0].at("saturday_seasons").as_array()) {
        has_2020_season = has_2020_season || (str(season.at("from")) == "2020-05-18" &&
                                              str(season.at("to")) == "2020-06-20");
    }
    CHECK(has_2020_season);

    r = s.get("/api/v1/machine-types");
    REQUIRE(r.status == 200);
    bool tractor = false;
    const auto types = r.json();
    for (const auto& t : types.as_array()) {
        if (str(t.at("code")) == "TRACTOR") {
            tractor = true;
            CHECK(t.at("daily_fee").as_int64() == 100000);
            CHECK(t.at("max_days").as_int64() == 3);
            CHECK(t.at("needs_training").as_bool());
            CHECK_FALSE(t.at("checklist").as_array().empty());
        }
    }
    CHECK(tractor);

    r = s.get("/api/v1/openapi.json");
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("openapi")).starts_with("3."));
    CHECK(r.json().at("paths").as_object().contains("/api/v1/quote"));
}

TEST_CASE("quote: the worked examples of DOMAIN.md §4 over HTTP", "[http][public][quote]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    struct row {
        const char* start;
        const char* end;
        const char* pickup_from;
        const char* pickup_to;
        const char* return_by;
        bool eve;
        int days;
    };
    const row rows[] = {
        {"2020-05-12", "2020-05-12", "2020-05-12T09:00:00+09:00", "2020-05-12T18:00:00+09:00",
         "2020-05-12T17:00:00+09:00", false, 1},
        {"2020-05-23", "2020-05-23", "2020-05-23T09:00:00+09:00", "2020-05-23T18:00:00+09:00",
         "2020-05-23T17:00:00+09:00", false, 1},
        {"2020-05-24", "2020-05-24", "2020-05-23T17:00:00+09:00", "2020-05-23T18:00:00+09:00",
         "2020-05-25T09:00:00+09:00", true, 1},
        {"2020-05-10", "2020-05-10", "2020-05-08T17:00:00+09:00", "2020-05-08T18:00:00+09:00",
         "2020-05-11T09:00:00+09:00", true, 1},
        {"2020-05-29", "2020-05-31", "2020-05-29T09:00:00+09:00", "2020-05-29T18:00:00+09:00",
         "2020-06-01T09:00:00+09:00", false, 3},
        {"2020-06-06", "2020-06-06", "2020-06-05T17:00:00+09:00", "2020-06-05T18:00:00+09:00",
         "2020-06-08T09:00:00+09:00", true, 1},
        {"2020-10-01", "2020-10-03", "2020-09-29T17:00:00+09:00", "2020-09-29T18:00:00+09:00",
         "2020-10-05T09:00:00+09:00", true, 3},
    };
    for (const auto& e : rows) {
        CAPTURE(e.start, e.end);
        const auto r = s.get(std::string{"/api/v1/quote?branch=GS&type=TRACTOR&start="} + e.start +
                             "&end=" + e.end);
        REQUIRE(r.status == 200);
        const auto q = r.json();
        CHECK(str(q.at("pickup").at("from")) == e.pickup_from);
        CHECK(str(q.at("pickup").at("to")) == e.pickup_to);
        CHECK(q.at("pickup").at("eve").as_bool() == e.eve);
        CHECK(str(q.at("return_by")) == e.return_by);
        CHECK(q.at("fee").at("days").as_array().size() == static_cast<std::size_t>(e.days));
    }
    // Last row: Mon 2020-05-11 … Thu 05-14 is refused, 4 days > 3.
    const auto r = s.get("/api/v1/quote?branch=GS&type=TRACTOR&start=2020-05-11&end=2020-05-14");
    REQUIRE(r.status == 200);
    const auto q = r.json();
    CHECK(str(q.at("refusal").at("code")) == "max_days_exceeded");
    CHECK(str(q.at("refusal").at("message")).find("3일") != std::string::npos);
    CHECK(q.at("pickup").is_null());
}

TEST_CASE("quote: the April–July 2020 discount shows in the fee", "[http][public][quote]") {
    server_process s;
    s.set_clock("2020-03-20 10:00");
    // 2020-03-31 … 04-02: the first day full price, the next two halved.
    const auto q =
        s.get("/api/v1/quote?branch=GS&type=TRACTOR&start=2020-03-31&end=2020-04-02").json();
    CHECK(q.at("fee").at("gross").as_int64() == 300000);
    CHECK(q.at("fee").at("discount").as_int64() == 100000);
    CHECK(q.at("fee").at("net").as_int64() == 200000);
    const auto& days = q.at("fee").at("days").as_array();
    CHECK(days[0].at("discount_pct").as_int64() == 0);
    CHECK(days[1].at("discount_pct").as_int64() == 50);
    CHECK(days[1].at("amount").as_int64() == 50000);
    CHECK(str(days[1].at("discount_name")).find("50%") != std::string::npos);
    CHECK(q.at("refusal").is_null());
    // English messages on request.
    const auto en = s.get("/api/v1/quote?branch=GS&type=TRACTOR&start=2020-03-01&end=2020-03-05",
                          {{"Accept-Language", "en-US,en;q=0.9"}})
                        .json();
    CHECK(str(en.at("refusal").at("message")) == "You can book at most 3 days.");
}

TEST_CASE("calendar: operating days with their reasons", "[http][public]") {
    server_process s;
    const auto r = s.get("/api/v1/calendar?branch=GS&from=2020-06-05&to=2020-06-08");
    REQUIRE(r.status == 200);
    const auto calendar = r.json();
    const auto& days = calendar.at("days").as_array();
    REQUIRE(days.size() == 4);
    CHECK(str(days[0].at("reason")) == "weekday");
    CHECK(days[0].at("operating").as_bool());
    CHECK(str(days[0].at("open")) == "09:00");
    CHECK(str(days[1].at("reason")) == "holiday:Memorial Day"); // an in-season Saturday
    CHECK_FALSE(days[1].at("operating").as_bool());
    CHECK(str(days[1].at("name_ko")) == "현충일");
    CHECK(str(days[2].at("reason")) == "sunday");
    CHECK(str(days[3].at("reason")) == "weekday");
    // In-season Saturday.
    const auto sat = s.get("/api/v1/calendar?branch=BB&from=2020-05-23&to=2020-05-23").json();
    CHECK(str(sat.at("days").at(0).at("reason")) == "saturday_season");
    // Beyond the shipped holiday data the calendar is unknown, not guessed.
    const auto unknown = s.get("/api/v1/calendar?branch=GS&from=2028-03-02&to=2028-03-02").json();
    CHECK_FALSE(unknown.at("days").at(0).at("known").as_bool());
    CHECK(str(unknown.at("days").at(0).at("reason")) == "unknown");
}

TEST_CASE("availability: a day whose booking window has closed is not bookable, with the reason",
          "[http][public][availability]") {
    server_process s;
    // Sat 2020-05-23 17:30, in season: Saturday's own bookings closed at 17:00 (same-day cutoff),
    // and Sunday's eve pickup (Sat 17:00–18:00) has begun; Monday is still open.
    s.set_clock("2020-05-23 17:30");
    const auto a =
        s.get("/api/v1/availability?branch=GS&type=TILLER&from=2020-05-22&to=2020-05-25").json();
    const auto& days = a.at("days").as_array();
    REQUIRE(days.size() == 4);
    CHECK_FALSE(days.at(0).at("bookable").as_bool()); // Friday: in the past
    CHECK(str(days.at(0).at("refusal").at("code")) == "in_past");
    CHECK_FALSE(days.at(1).at("bookable").as_bool());
    CHECK(days.at(1).at("available").as_int64() == 0);
    CHECK(str(days.at(1).at("refusal").at("code")) == "booking_closed");
    CHECK(str(days.at(1).at("refusal").at("details").at("reason")) == "same_day_cutoff");
    CHECK_FALSE(days.at(2).at("bookable").as_bool());
    CHECK(days.at(2).at("available").as_int64() == 0);
    CHECK(str(days.at(2).at("refusal").at("code")) == "booking_closed");
    CHECK(str(days.at(2).at("refusal").at("details").at("reason")) == "eve_window_open");
    CHECK(days.at(3).at("bookable").as_bool());
    CHECK(days.at(3).at("available").as_int64() == 2);
    CHECK(days.at(3).at("refusal").is_null());
    // What the API says is what a booking gets.
    const auto r =
        s.post("/api/v1/reservations", booking("GS", "TILLER", "2020-05-24", "2020-05-24"));
    CHECK(r.error_code() == "booking_closed");
    // Half an hour earlier (a new minute: the cached answer is not reused) Sunday was bookable.
    s.set_clock("2020-05-23 16:30");
    const auto before =
        s.get("/api/v1/availability?branch=GS&type=TILLER&from=2020-05-24&to=2020-05-24").json();
    CHECK(before.at("days").at(0).at("bookable").as_bool());
    CHECK(before.at("days").at(0).at("available").as_int64() == 2);
}

TEST_CASE("availability: one type, all types, at most 62 days", "[http][public][availability]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    auto r = s.get("/api/v1/availability?branch=GS&type=TILLER&from=2020-05-18&to=2020-06-17");
    REQUIRE(r.status == 200);
    auto a = r.json();
    CHECK(a.at("capacity").as_int64() == 2);
    REQUIRE(a.at("days").as_array().size() == 31);
    CHECK(a.at("days").at(0).at("available").as_int64() == 2);

    // Book one tiller on Wed 05-20: that day drops to 1, the others stay at 2.
    REQUIRE(s.post("/api/v1/reservations", booking("GS", "TILLER", "2020-05-20", "2020-05-20"))
                .status == 201);
    a = s.get("/api/v1/availability?branch=GS&type=TILLER&from=2020-05-19&to=2020-05-21").json();
    CHECK(a.at("days").at(0).at("available").as_int64() == 2);
    CHECK(a.at("days").at(1).at("available").as_int64() == 1);
    CHECK(a.at("days").at(2).at("available").as_int64() == 2);

    r = s.get("/api/v1/availability?branch=GS&from=2020-05-18&to=2020-06-17");
    REQUIRE(r.status == 200);
    const auto all = r.json();
    CHECK(all.at("types").as_array().size() == 7); // every type offered at GS
    r = s.get("/api/v1/availability?branch=BB&from=2020-05-18&to=2020-06-17");
    CHECK(r.json().at("types").as_array().size() == 6); // BB has no combine

    // 2020-05-01 … 07-01 is 62 days: allowed; one more is refused.
    CHECK(s.get("/api/v1/availability?branch=GS&from=2020-05-01&to=2020-07-01").status == 200);
    r = s.get("/api/v1/availability?branch=GS&from=2020-05-01&to=2020-07-02");
    CHECK(r.status == 400);
    CHECK(r.error_code() == "bad_request");
    CHECK(str(r.json().at("error").at("details").at("max_days")) == "62");
    r = s.get("/api/v1/availability?branch=GS&from=2020-05-10&to=2020-05-01");
    CHECK(r.status == 400);
    CHECK(s.get("/api/v1/availability?branch=GS&from=2020-05-01").status == 400);
    CHECK(s.get("/api/v1/availability?branch=GS&from=2020-02-30&to=2020-03-01").status == 400);
    CHECK(s.get("/api/v1/availability?branch=XX&from=2020-05-01&to=2020-05-02").status == 404);
    CHECK(s.get("/api/v1/availability?branch=GS&type=NOPE&from=2020-05-01&to=2020-05-02").status ==
          404);
}

TEST_CASE("booking: web bookings are confirmed, stored with plan, fee and history",
          "[http][public][booking]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto r = s.post("/api/v1/reservations", booking("GS", "TRACTOR", "2020-05-24",
                                                          "2020-05-24", "홍길동", "010 1234 5678"));
    REQUIRE(r.status == 201);
    const auto res = r.json();
    const std::string code = str(res.at("code"));
    CHECK(code.size() == 8);
    CHECK(r.header("location") == "/api/v1/reservations/" + code);
    CHECK(str(res.at("status")) == "confirmed");
    CHECK(str(res.at("channel")) == "web");
    CHECK(str(res.at("farmer").at("phone")) == "010-1234-5678");
    CHECK(str(res.at("pickup").at("from")) == "2020-05-23T17:00:00+09:00");
    CHECK(res.at("pickup").at("eve").as_bool());
    CHECK(str(res.at("return_by")) == "2020-05-25T09:00:00+09:00");
    CHECK(res.at("fee").at("net").as_int64() == 50000);
    CHECK(res.at("unit").is_null());
    CHECK(str(res.at("history").at(0).at("action")) == "create");
    CHECK(str(res.at("history").at(0).at("by")) == "web");

    // Stored as agreed: the same plan and price come back on look-up.
    const auto again = s.get("/api/v1/reservations/" + code + "?phone=01012345678");
    REQUIRE(again.status == 200);
    CHECK(again.json().at("fee") == res.at("fee"));
    CHECK(again.json().at("pickup") == res.at("pickup"));
    // A confirmation message waits in the outbox, written in the same transaction.
    CHECK(s.query("SELECT kind FROM outbox WHERE reservation_id = (SELECT id FROM reservations "
                  "WHERE code = '" +
                  code + "')") == "confirmation");
    CHECK(s.query("SELECT body FROM outbox ORDER BY id DESC LIMIT 1").find(code) !=
          std::string::npos);
}

TEST_CASE("booking: types that need approval wait as requested", "[http][public][booking]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto r = s.post("/api/v1/reservations",
                          booking("GS", "COMBINE", "2020-05-20", "2020-05-20", "최민수",
                                  "010-5678-9012")); // trained demo farmer
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("status")) == "requested");
}

TEST_CASE("booking: a (branch, type) fills up, then no_capacity", "[http][public][booking]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    // GS has 2 tillers.
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "TILLER", "2020-05-20", "2020-05-21", "김일", "010-1000-0001"))
              .status == 201);
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "TILLER", "2020-05-21", "2020-05-21", "김이", "010-1000-0002"))
              .status == 201);
    const auto before = count_reservations(s);
    const auto full =
        s.post("/api/v1/reservations",
               booking("GS", "TILLER", "2020-05-21", "2020-05-22", "김삼", "010-1000-0003"));
    CHECK(full.status == 409);
    CHECK(full.error_code() == "no_capacity");
    CHECK(count_reservations(s) == before); // refused: nothing changed, not even the farmer
    // The day after the first rental ends is free again for one more.
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "TILLER", "2020-05-22", "2020-05-22", "김삼", "010-1000-0003"))
              .status == 201);
    // Another branch has its own capacity.
    CHECK(s.post("/api/v1/reservations",
                 booking("BB", "TILLER", "2020-05-21", "2020-05-21", "김사", "010-1000-0004"))
              .status == 201);
    // A 17:00 return and a 17:00 eve pickup hand the same unit over (half-open occupancy).
    CHECK(s.post("/api/v1/reservations", booking("GS", "POTATO_HARVESTER", "2020-05-23",
                                                 "2020-05-23", "박일", "010-2000-0001"))
              .status == 201);
    CHECK(s.post("/api/v1/reservations", booking("GS", "POTATO_HARVESTER", "2020-05-24",
                                                 "2020-05-24", "박이", "010-2000-0002"))
              .status == 201);
}

TEST_CASE("booking: two clients racing for the last unit, exactly one wins",
          "[http][public][booking][race]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    // BB has one potato harvester; many clients want Wed 05-20 at once.
    constexpr int clients = 8;
    std::atomic<int> created{0};
    std::atomic<int> refused{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            while (!go.load()) {
                std::this_thread::yield();
            }
            const auto r = s.post("/api/v1/reservations",
                                  booking("BB", "POTATO_HARVESTER", "2020-05-20", "2020-05-20",
                                          "경쟁자", "010-3000-000" + std::to_string(i)));
            if (r.status == 201) {
                ++created;
            } else if (r.status == 409 && r.error_code() == "no_capacity") {
                ++refused;
            }
        });
    }
    go = true;
    for (auto& t : threads) {
        t.join();
    }
    CHECK(created.load() == 1);
    CHECK(refused.load() == clients - 1);
    CHECK(s.query("SELECT count(*) FROM reservations r JOIN machine_types t ON t.id = r.type_id "
                  "WHERE t.code = 'POTATO_HARVESTER' AND r.start_date = '2020-05-20'") == "1");
}

TEST_CASE("booking: the rules of DOMAIN.md §5 refuse with their codes", "[http][public][booking]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto refused = [&](const json::object& body, int status, const char* code) {
        const auto before = count_reservations(s);
        const auto r = s.post("/api/v1/reservations", body);
        CHECK(r.status == status);
        CHECK(r.error_code() == code);
        CHECK_FALSE(str(r.json().at("error").at("message")).empty());
        CHECK(count_reservations(s) == before);
        return r;
    };
    // 3-day limit.
    auto r =
        refused(booking("GS", "CULTIVATOR", "2020-05-18", "2020-05-21"), 422, "max_days_exceeded");
    CHECK(str(r.json().at("error").at("message")) == "최대 3일까지 예약할 수 있습니다.");
    CHECK(str(r.json().at("error").at("details").at("max_days")) == "3");
    refused(booking("GS", "CULTIVATOR", "2020-05-21", "2020-05-18"), 422, "start_after_end");
    refused(booking("GS", "CULTIVATOR", "2020-05-11", "2020-05-11"), 422, "in_past");
    refused(booking("GS", "CULTIVATOR", "2020-06-12", "2020-06-12"), 422, "beyond_horizon");
    refused(booking("GS", "TRACTOR", "2020-05-20", "2020-05-20", "훈련안받음", "010-7777-0000"),
            422, "training_required");
    refused(booking("GS", "CULTIVATOR", "2028-01-04", "2028-01-04"), 422, "calendar_unknown");
    refused(booking("XX", "CULTIVATOR", "2020-05-20", "2020-05-20"), 404, "not_found");
    refused(booking("GS", "NOPE", "2020-05-20", "2020-05-20"), 404, "not_found");
    refused(booking("BB", "COMBINE", "2020-05-20", "2020-05-20", "최민수", "010-5678-9012"), 422,
            "type_not_offered");

    // Same day: allowed before 17:00, closed from 17:00.
    s.set_clock("2020-05-12 16:59");
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "SEEDER", "2020-05-12", "2020-05-12", "당일", "010-4444-0001"))
              .status == 201);
    s.set_clock("2020-05-12 17:00");
    refused(booking("GS", "SEEDER", "2020-05-12", "2020-05-12", "당일2", "010-4444-0002"), 422,
            "booking_closed");

    // Eve pickup: closed once the window opened (Sat 05-23 17:00 for Sun 05-24).
    s.set_clock("2020-05-23 17:00");
    r = refused(booking("GS", "SEEDER", "2020-05-24", "2020-05-24", "전날", "010-4444-0003"), 422,
                "booking_closed");
    CHECK(str(r.json().at("error").at("details").at("reason")) == "eve_window_open");
}

TEST_CASE("booking: no chaining of the same type, at most 3 live bookings",
          "[http][public][booking]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const char* phone = "010-5555-0001";
    REQUIRE(s.post("/api/v1/reservations",
                   booking("GS", "CULTIVATOR", "2020-05-19", "2020-05-21", "이어서", phone))
                .status == 201);
    // Back to back (starts the day after): refused, even at the other branch.
    auto r = s.post("/api/v1/reservations",
                    booking("BB", "CULTIVATOR", "2020-05-22", "2020-05-23", "이어서", phone));
    CHECK(r.status == 422);
    CHECK(r.error_code() == "chained_booking");
    // One free day between: fine.
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "CULTIVATOR", "2020-05-23", "2020-05-23", "이어서", phone))
              .status == 201);
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "SEEDER", "2020-05-26", "2020-05-26", "이어서", phone))
              .status == 201);
    r = s.post("/api/v1/reservations",
               booking("GS", "TILLER", "2020-05-28", "2020-05-28", "이어서", phone));
    CHECK(r.status == 422);
    CHECK(r.error_code() == "too_many_reservations");
}

TEST_CASE("look-up and cancel by code and phone", "[http][public][cancel]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto created =
        s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-24", "2020-05-24", "취소", "010-6666-0001"));
    REQUIRE(created.status == 201);
    const std::string code = str(created.json().at("code"));

    CHECK(s.get("/api/v1/reservations/" + code + "?phone=010-6666-0001").status == 200);
    CHECK(s.get("/api/v1/reservations/" + code + "?phone=010-6666-0002").status == 404);
    CHECK(s.get("/api/v1/reservations/ACDEFGHJ?phone=010-6666-0001").status == 404);
    CHECK(s.get("/api/v1/reservations/" + code).status == 400); // phone missing
    // Codes are typed by people: lower case and a dash are fine.
    std::string typed = code;
    for (char& c : typed) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    typed.insert(4, "-");
    CHECK(s.get("/api/v1/reservations/" + typed + "?phone=01066660001").status == 200);

    // The .ics event is the pickup window (Sat 05-23 17:00–18:00 KST = 08:00–09:00 UTC).
    const auto ics = s.get("/api/v1/reservations/" + code + ".ics?phone=010-6666-0001");
    REQUIRE(ics.status == 200);
    CHECK(ics.header("content-type").starts_with("text/calendar"));
    CHECK(ics.body.find("BEGIN:VEVENT\r\n") != std::string::npos);
    CHECK(ics.body.find("DTSTART:20200523T080000Z\r\n") != std::string::npos);
    CHECK(ics.body.find("DTEND:20200523T090000Z\r\n") != std::string::npos);
    CHECK(ics.body.find(code) != std::string::npos);
    // The description says the return deadline in words (issue 13), not as RFC 3339.
    const auto unfolded = [](std::string text) {
        for (auto at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ")) {
            text.erase(at, 3);
        }
        return text;
    };
    CHECK(unfolded(ics.body).find("5월 25일(월) 오전 9시까지 반납") != std::string::npos);
    CHECK(unfolded(ics.body).find("+09:00") == std::string::npos);
    const auto ics_en = s.get("/api/v1/reservations/" + code + ".ics?phone=010-6666-0001&lang=en");
    // RFC 5545 §3.3.11: a comma in TEXT is escaped.
    CHECK(unfolded(ics_en.body).find("Return by Mon 25 May\\, 09:00") != std::string::npos);
    CHECK(s.get("/api/v1/reservations/" + code + ".ics?phone=010-6666-0002").status == 404);

    // Wrong phone cannot cancel.
    auto r = s.post("/api/v1/reservations/" + code + "/cancel",
                    json::object{{"phone", "010-6666-0002"}});
    CHECK(r.status == 404);
    // Until the eve window opens, the farmer may cancel.
    s.set_clock("2020-05-23 16:59");
    r = s.post("/api/v1/reservations/" + code + "/cancel", json::object{{"phone", "01066660001"}});
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "cancelled");
    CHECK(str(r.json().at("history").at(1).at("action")) == "cancel");
    // Cancelling twice is an invalid transition.
    r = s.post("/api/v1/reservations/" + code + "/cancel", json::object{{"phone", "01066660001"}});
    CHECK(r.status == 409);
    CHECK(r.error_code() == "invalid_transition");
    CHECK(s.query("SELECT count(*) FROM outbox WHERE kind = 'cancellation'") == "1");
}

TEST_CASE("cancel after the pickup window opened is 409", "[http][public][cancel]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto created =
        s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20", "늦음", "010-6666-0003"));
    REQUIRE(created.status == 201);
    const std::string code = str(created.json().at("code"));
    s.set_clock("2020-05-20 09:00"); // the regular pickup window opened
    const auto r = s.post("/api/v1/reservations/" + code + "/cancel",
                          json::object{{"phone", "010-6666-0003"}});
    CHECK(r.status == 409);
    CHECK(r.error_code() == "invalid_transition");
    CHECK(str(r.json().at("error").at("details").at("reason")) == "pickup_window_open");
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "confirmed");
}
