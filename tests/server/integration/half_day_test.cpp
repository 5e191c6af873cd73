// Half-day rentals (반일 임대, issue 14, DOMAIN.md §11) over real HTTP against the built binary:
// the settings' shapes, the quote's times and fee (worked examples, rounding down), capacity
// (a morning and an afternoon share one unit, a full day conflicts with both), every refusal and
// bad input, the booking window, the live limit and chaining, availability's per-slot counts,
// the look-up, .ics, the clerk's day sheet and the admin's settings.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

// The demo (server/app/demo.cpp): cultivators (관리기, 20,000 won a day; GS 4 units, BB 3) and
// seeders (파종기, 10,000 won; GS 2, BB 1) allow half days; slots 09:00–13:00 and 14:00–18:00;
// April–July 2020: 50 % off. Tue 2020-05-12 is an operating day, Sun 05-10 and Tue 05-05
// (Children's Day) are not.
json::object half_booking(std::string_view branch, std::string_view type, std::string_view day,
                          std::string_view half, std::string_view name = "반일",
                          std::string_view phone = "010-7200-0001") {
    auto b = booking(branch, type, day, day, name, phone);
    b["half"] = half;
    return b;
}

std::string quote_url(std::string_view branch, std::string_view type, std::string_view day,
                      std::string_view half) {
    return "/api/v1/quote?branch=" + std::string{branch} + "&type=" + std::string{type} +
           "&start=" + std::string{day} + (half.empty() ? "" : "&half=" + std::string{half});
}

std::string counts(const server_process& s) {
    return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM farmers) || '/' || "
                   "(SELECT count(*) FROM outbox) FROM reservations");
}

std::string error_code(const http_reply& r) {
    return str(r.json().at("error").at("code"));
}

const json::value& day_of(const json::value& availability, std::string_view date) {
    for (const auto& d : availability.at("days").as_array()) {
        if (d.at("date").as_string() == date) {
            return d;
        }
    }
    FAIL("no day " << date);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("half days: types and branches show their half-day settings", "[http][half_day]") {
    server_process s;
    auto r = s.get("/api/v1/branches");
    REQUIRE(r.status == 200);
    const auto branches = r.json();
    const auto& slots = branches.at(0).at("half_day_slots");
    CHECK(str(slots.at("am").at("from")) == "09:00");
    CHECK(str(slots.at("am").at("to")) == "13:00");
    CHECK(str(slots.at("pm").at("from")) == "14:00");
    CHECK(str(slots.at("pm").at("to")) == "18:00");
    r = s.get("/api/v1/machine-types");
    REQUIRE(r.status == 200);
    const auto types = r.json();
    for (const auto& t : types.as_array()) {
        const auto code = str(t.at("code"));
        CHECK(t.at("half_day").as_bool() == (code == "CULTIVATOR" || code == "SEEDER"));
    }
}

TEST_CASE("half days: the quote's times and fee, and half echoed", "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    // Seeder, Tue 2020-05-12: 10,000 a day, 50 % off → 5,000; a half day 50 % of it → 2,500.
    auto r = s.get(quote_url("GS", "SEEDER", "2020-05-12", "am"));
    REQUIRE(r.status == 200);
    auto q = r.json();
    CHECK(q.at("refusal").is_null());
    CHECK(str(q.at("half")) == "am");
    CHECK(str(q.at("start")) == "2020-05-12");
    CHECK(str(q.at("end")) == "2020-05-12");
    CHECK(str(q.at("pickup").at("from")) == "2020-05-12T09:00:00+09:00");
    CHECK(str(q.at("pickup").at("to")) == "2020-05-12T13:00:00+09:00");
    CHECK_FALSE(q.at("pickup").at("eve").as_bool());
    CHECK(str(q.at("return_by")) == "2020-05-12T13:00:00+09:00");
    CHECK(q.at("fee").at("gross").as_int64() == 5000);
    CHECK(q.at("fee").at("discount").as_int64() == 2500);
    CHECK(q.at("fee").at("net").as_int64() == 2500);
    CHECK(q.at("fee").at("days").at(0).at("amount").as_int64() == 2500);
    CHECK(q.at("available").as_int64() == 2);

    r = s.get(quote_url("GS", "SEEDER", "2020-05-12", "pm"));
    REQUIRE(r.status == 200);
    q = r.json();
    CHECK(str(q.at("half")) == "pm");
    CHECK(str(q.at("pickup").at("from")) == "2020-05-12T14:00:00+09:00");
    CHECK(str(q.at("return_by")) == "2020-05-12T18:00:00+09:00");
    CHECK(q.at("fee").at("net").as_int64() == 2500);

    // A whole day: half is null, the day's full amount.
    r = s.get(quote_url("GS", "SEEDER", "2020-05-12", ""));
    REQUIRE(r.status == 200);
    CHECK(r.json().at("half").is_null());
    CHECK(r.json().at("fee").at("net").as_int64() == 5000);
    // end equal to start is a half day too.
    r = s.get(quote_url("GS", "SEEDER", "2020-05-12", "am") + "&end=2020-05-12");
    REQUIRE(r.status == 200);
    CHECK(r.json().at("fee").at("net").as_int64() == 2500);
}

TEST_CASE("half days: fee worked examples round down to the won", "[http][half_day]") {
    server_process s;
    s.set_clock("2020-08-01 10:00"); // after the April–July reduction
    const auto admin = login(s, demo_admin);
    REQUIRE(s.patch("/api/v1/machine-types/CULTIVATOR", json::object{{"daily_fee", 20001}},
                    admin.bearer())
                .status == 200);
    // | daily fee | discount | surcharge | rate | day amount | half day |
    // | 20,001    | –        | –         | 50 % | 20,001     | 10,000 (10,000.5 rounded down) |
    // | 20,001    | –        | –         | 33 % | 20,001     | 6,600 (6,600.33) |
    // | 20,001    | –        | +50 %     | 33 % | 30,001     | 9,900 (9,900.33) |
    auto r = s.get(quote_url("GS", "CULTIVATOR", "2020-08-11", "am"));
    REQUIRE(r.status == 200);
    auto q = r.json();
    CHECK(q.at("fee").at("gross").as_int64() == 10000);
    CHECK(q.at("fee").at("discount").as_int64() == 0);
    CHECK(q.at("fee").at("net").as_int64() == 10000);
    CHECK(q.at("fee").at("days").at(0).at("daily_fee").as_int64() == 20001);

    r = s.patch("/api/v1/settings", json::object{{"half_day_fee_pct", 33}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("half_day_fee_pct").as_int64() == 33);
    r = s.get(quote_url("GS", "CULTIVATOR", "2020-08-11", "pm"));
    REQUIRE(r.status == 200);
    CHECK(r.json().at("fee").at("net").as_int64() == 6600);

    // 박철수 (demo, NONRESIDENT: +50 %) books it: 20,001 × 1.5 = 30,001 (rounded down), × 33 %.
    r = s.post("/api/v1/reservations",
               half_booking("GS", "CULTIVATOR", "2020-08-11", "pm", "박철수", "010-3456-7890"));
    REQUIRE(r.status == 201);
    const auto b = r.json();
    CHECK(str(b.at("half")) == "pm");
    CHECK(b.at("fee").at("net").as_int64() == 9900);
    CHECK(b.at("fee").at("gross").as_int64() == 6600);
    CHECK(b.at("fee").at("surcharge").as_int64() == 3300);
    CHECK(s.query("SELECT half || '|' || fee_net FROM reservations WHERE code = '" +
                  str(b.at("code")) + "'") == "pm|9900");

    // The setting's range.
    r = s.patch("/api/v1/settings", json::object{{"half_day_fee_pct", 0}}, admin.bearer());
    CHECK(r.status == 400);
    r = s.patch("/api/v1/settings", json::object{{"half_day_fee_pct", 101}}, admin.bearer());
    CHECK(r.status == 400);
}

TEST_CASE("half days: a morning and an afternoon share one unit, a full day conflicts with both",
          "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    // BB has one seeder.
    auto r = s.post("/api/v1/reservations",
                    half_booking("BB", "SEEDER", "2020-05-12", "am", "오전", "010-7200-0001"));
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("half")) == "am");
    r = s.post("/api/v1/reservations",
               half_booking("BB", "SEEDER", "2020-05-12", "pm", "오후", "010-7200-0002"));
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("half")) == "pm");
    const auto before = counts(s);
    // The unit is taken all day now: a full day, another morning, another afternoon.
    r = s.post("/api/v1/reservations",
               booking("BB", "SEEDER", "2020-05-12", "2020-05-12", "종일", "010-7200-0003"));
    CHECK(r.status == 409);
    CHECK(error_code(r) == "no_capacity");
    for (const auto* half : {"am", "pm"}) {
        r = s.post("/api/v1/reservations",
                   half_booking("BB", "SEEDER", "2020-05-12", half, "또", "010-7200-0004"));
        CHECK(r.status == 409);
        CHECK(error_code(r) == "no_capacity");
    }
    CHECK(counts(s) == before);
    // The day before and after are free (the occupancies are the slots only).
    r = s.post("/api/v1/reservations",
               booking("BB", "SEEDER", "2020-05-11", "2020-05-11", "전날", "010-7200-0005"));
    CHECK(r.status == 201);
    r = s.post("/api/v1/reservations",
               booking("BB", "SEEDER", "2020-05-13", "2020-05-13", "다음날", "010-7200-0006"));
    CHECK(r.status == 201);

    // A full day first: both halves of that day are refused.
    r = s.post("/api/v1/reservations",
               booking("BB", "SEEDER", "2020-05-14", "2020-05-14", "종일", "010-7200-0007"));
    REQUIRE(r.status == 201);
    for (const auto* half : {"am", "pm"}) {
        r = s.post("/api/v1/reservations",
                   half_booking("BB", "SEEDER", "2020-05-14", half, "반", "010-7200-0008"));
        CHECK(r.status == 409);
        CHECK(error_code(r) == "no_capacity");
    }
    // The quote says so too.
    r = s.get(quote_url("BB", "SEEDER", "2020-05-14", "pm"));
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("refusal").at("code")) == "no_capacity");
    CHECK(r.json().at("available").as_int64() == 0);
}

TEST_CASE("half days: the afternoon conflicts with an eve pickup the same evening",
          "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    // Sun 2020-05-10 (Sat 05-09 out of season): pickup Fri 05-08 17:00–18:00.
    auto r = s.post("/api/v1/reservations",
                    booking("BB", "SEEDER", "2020-05-10", "2020-05-10", "일요일", "010-7200-0011"));
    REQUIRE(r.status == 201);
    r = s.post("/api/v1/reservations",
               half_booking("BB", "SEEDER", "2020-05-08", "pm", "오후", "010-7200-0012"));
    CHECK(r.status == 409);
    r = s.post("/api/v1/reservations",
               half_booking("BB", "SEEDER", "2020-05-08", "am", "오전", "010-7200-0013"));
    CHECK(r.status == 201);
}

TEST_CASE("half days: refused on a closed day and for a type without half days",
          "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto before = counts(s);
    for (const auto* day : {"2020-05-10", "2020-05-05"}) { // Sunday; Children's Day
        auto r = s.post("/api/v1/reservations", half_booking("GS", "SEEDER", day, "am"));
        CHECK(r.status == 422);
        CHECK(error_code(r) == "booking_closed");
        CHECK(str(r.json().at("error").at("details").at("reason")) == "not_operating_day");
        r = s.get(quote_url("GS", "SEEDER", day, "pm"));
        REQUIRE(r.status == 200);
        CHECK(str(r.json().at("refusal").at("code")) == "booking_closed");
    }
    // Beyond the known calendar.
    auto r = s.post("/api/v1/reservations", half_booking("GS", "SEEDER", "2031-05-13", "am"));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "calendar_unknown");

    r = s.post("/api/v1/reservations", half_booking("GS", "RICE_TRANSPLANTER", "2020-05-12", "am"));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "half_day_not_offered");
    CHECK(str(r.json().at("error").at("details").at("field")) == "half");
    r = s.get(quote_url("GS", "RICE_TRANSPLANTER", "2020-05-12", "am"));
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("refusal").at("code")) == "half_day_not_offered");
    CHECK(r.json().at("fee").is_null());
    CHECK(counts(s) == before);
}

TEST_CASE("half days: bad input is a 400 naming the field and changes nothing",
          "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto before = counts(s);
    auto b = half_booking("GS", "SEEDER", "2020-05-12", "am");
    b["end"] = "2020-05-13";
    auto r = s.post("/api/v1/reservations", b);
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "end");
    b = half_booking("GS", "SEEDER", "2020-05-12", "morning");
    r = s.post("/api/v1/reservations", b);
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "half");
    b = booking("GS", "SEEDER", "2020-05-12", "2020-05-12");
    b["half"] = 1;
    r = s.post("/api/v1/reservations", b);
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "half");
    r = s.get(quote_url("GS", "SEEDER", "2020-05-12", "am") + "&end=2020-05-14");
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "end");
    r = s.get(quote_url("GS", "SEEDER", "2020-05-12", "evening"));
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "half");
    // null where a value belongs: left out means a whole day.
    b = booking("GS", "SEEDER", "2020-05-12", "2020-05-12");
    b["half"] = nullptr;
    r = s.post("/api/v1/reservations", b);
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "half");
    CHECK(counts(s) == before);
}

TEST_CASE("half days: the booking window closes when the slot starts", "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-12 08:59");
    auto r = s.get(quote_url("GS", "SEEDER", "2020-05-12", "am"));
    REQUIRE(r.status == 200);
    CHECK(r.json().at("refusal").is_null());
    s.set_clock("2020-05-12 09:00");
    r = s.post("/api/v1/reservations", half_booking("GS", "SEEDER", "2020-05-12", "am"));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "booking_closed");
    CHECK(str(r.json().at("error").at("details").at("reason")) == "half_day_started");
    CHECK(str(r.json().at("error").at("details").at("closed_at")) == "2020-05-12T09:00:00+09:00");
    // After the whole day's same-day cutoff of 17:00? No: the afternoon is open until 14:00.
    s.set_clock("2020-05-12 13:59");
    r = s.post("/api/v1/reservations", half_booking("GS", "SEEDER", "2020-05-12", "pm"));
    CHECK(r.status == 201);
    s.set_clock("2020-05-12 14:00");
    r = s.post("/api/v1/reservations",
               half_booking("GS", "SEEDER", "2020-05-12", "pm", "늦음", "010-7200-0021"));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "booking_closed");
    // Availability says 0 for the closed slots.
    r = s.get("/api/v1/availability?branch=GS&type=SEEDER&from=2020-05-12&to=2020-05-12");
    REQUIRE(r.status == 200);
    const auto a = r.json();
    const auto& d = day_of(a, "2020-05-12");
    CHECK(d.at("half_day").at("am").as_int64() == 0);
    CHECK(d.at("half_day").at("pm").as_int64() == 0);
}

TEST_CASE("half days: one live reservation each, and chaining covers the usage day",
          "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const std::string phone = "010-7300-0001";
    // A morning, then the afternoon of the same day: same type, same usage day → chained.
    auto r = s.post("/api/v1/reservations",
                    half_booking("GS", "CULTIVATOR", "2020-05-12", "am", "연속", phone));
    REQUIRE(r.status == 201);
    r = s.post("/api/v1/reservations",
               half_booking("GS", "CULTIVATOR", "2020-05-12", "pm", "연속", phone));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "chained_booking");
    // The next day touches it: chained as well; a day in between is fine.
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-13", "2020-05-13", "연속", phone));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "chained_booking");
    r = s.post("/api/v1/reservations",
               half_booking("GS", "CULTIVATOR", "2020-05-14", "pm", "연속", phone));
    CHECK(r.status == 201);
    // Two live so far (both half days); a third of another type is the limit (3) …
    r = s.post("/api/v1/reservations",
               half_booking("GS", "SEEDER", "2020-05-12", "pm", "연속", phone));
    CHECK(r.status == 201);
    // … and a fourth is refused, a half day or not.
    r = s.post("/api/v1/reservations",
               half_booking("GS", "SEEDER", "2020-05-19", "am", "연속", phone));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "too_many_reservations");
    r = s.post("/api/v1/reservations",
               booking("GS", "TILLER", "2020-05-19", "2020-05-19", "연속", phone));
    CHECK(r.status == 422);
    CHECK(error_code(r) == "too_many_reservations");
}

TEST_CASE("half days: availability carries free mornings and afternoons", "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    REQUIRE(s.post("/api/v1/reservations",
                   half_booking("BB", "SEEDER", "2020-05-12", "am", "오전", "010-7400-0001"))
                .status == 201);
    auto r = s.get("/api/v1/availability?branch=BB&type=SEEDER&from=2020-05-10&to=2020-05-13");
    REQUIRE(r.status == 200);
    auto a = r.json();
    const auto& tue = day_of(a, "2020-05-12");
    CHECK(tue.at("available").as_int64() == 0); // no full day left
    CHECK(tue.at("half_day").at("am").as_int64() == 0);
    CHECK(tue.at("half_day").at("pm").as_int64() == 1);
    const auto& wed = day_of(a, "2020-05-13");
    CHECK(wed.at("half_day").at("am").as_int64() == 1);
    CHECK(wed.at("half_day").at("pm").as_int64() == 1);
    const auto& sun = day_of(a, "2020-05-10"); // closed: no half days
    CHECK(sun.at("half_day").at("am").as_int64() == 0);
    CHECK(sun.at("half_day").at("pm").as_int64() == 0);
    CHECK(sun.at("available").as_int64() == 1); // a Sunday rental (eve pickup) still fits

    // A type without half days has no half_day counts.
    r = s.get("/api/v1/availability?branch=BB&type=TRACTOR&from=2020-05-12&to=2020-05-12");
    REQUIRE(r.status == 200);
    const auto tractor = r.json();
    CHECK_FALSE(day_of(tractor, "2020-05-12").as_object().contains("half_day"));
    // Every type at once: the seeder's day has them.
    r = s.get("/api/v1/availability?branch=BB&from=2020-05-12&to=2020-05-12");
    REQUIRE(r.status == 200);
    bool seen = false;
    const auto all = r.json();
    for (const auto& t : all.at("types").as_array()) {
        if (t.at("type").as_string() == "SEEDER") {
            seen = true;
            CHECK(t.at("days").at(0).at("half_day").at("pm").as_int64() == 1);
        }
    }
    CHECK(seen);
}

TEST_CASE("half days: look-up, .ics and the clerk's day sheet show the slot", "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    auto r = s.post("/api/v1/reservations",
                    half_booking("GS", "SEEDER", "2020-05-12", "pm", "오후", "010-7500-0001"));
    REQUIRE(r.status == 201);
    const std::string code = str(r.json().at("code"));
    r = s.get("/api/v1/reservations/" + code + "?phone=010-7500-0001");
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("half")) == "pm");
    CHECK(str(r.json().at("return_by")) == "2020-05-12T18:00:00+09:00");

    r = s.get("/api/v1/reservations/" + code + ".ics?phone=010-7500-0001");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("DTSTART:20200512T050000Z") != std::string::npos); // 14:00 KST
    CHECK(r.body.find("DTEND:20200512T090000Z") != std::string::npos);   // 18:00 KST
    CHECK(r.body.find("오후 14:00–18:00") != std::string::npos);
    r = s.get("/api/v1/reservations/" + code + ".ics?phone=010-7500-0001&lang=en");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("Afternoon 14:00–18:00") != std::string::npos);

    // A whole day has half null.
    r = s.post("/api/v1/reservations",
               booking("GS", "SEEDER", "2020-05-13", "2020-05-13", "종일", "010-7500-0002"));
    REQUIRE(r.status == 201);
    CHECK(r.json().at("half").is_null());

    const auto admin = login(s, demo_admin);
    r = s.get("/api/v1/schedule?branch=GS&date=2020-05-12", admin.bearer());
    REQUIRE(r.status == 200);
    const auto sched = r.json();
    bool pickup = false;
    for (const auto& p : sched.at("pickups").as_array()) {
        if (p.at("code").as_string() == code) {
            pickup = true;
            CHECK(str(p.at("half")) == "pm");
            CHECK(str(p.at("pickup").at("from")) == "2020-05-12T14:00:00+09:00");
        }
    }
    CHECK(pickup);

    // The CSV export: the slot's times, and 오후 / Afternoon in its own last column.
    r = s.get("/api/v1/reservations.csv?branch=GS&from=2020-05-12&to=2020-05-13", admin.bearer());
    REQUIRE(r.status == 200);
    const auto row_at = r.body.find(code + ",");
    REQUIRE(row_at != std::string::npos);
    const std::string row = r.body.substr(row_at, r.body.find("\r\n", row_at) - row_at);
    CHECK(row.find(",2020-05-12 14:00,2020-05-12 18:00,2020-05-12 18:00,") != std::string::npos);
    CHECK(row.ends_with(",오후"));
    r = s.get("/api/v1/reservations.csv?branch=GS&from=2020-05-12&to=2020-05-13&lang=en",
              admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.body.find(",Afternoon\r\n") != std::string::npos);
    CHECK(r.body.find(",Half day\r\n") != std::string::npos);
}

TEST_CASE("half days: one unit goes out in the morning and again in the afternoon",
          "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    // BB has one seeder, BB-SEEDER-01.
    auto r = s.post("/api/v1/reservations",
                    half_booking("BB", "SEEDER", "2020-05-12", "am", "오전", "010-7600-0001"));
    REQUIRE(r.status == 201);
    const std::string am = str(r.json().at("code"));
    r = s.post("/api/v1/reservations",
               half_booking("BB", "SEEDER", "2020-05-12", "pm", "오후", "010-7600-0002"));
    REQUIRE(r.status == 201);
    const std::string pm = str(r.json().at("code"));
    const json::object items{{"호퍼", true}, {"배출 롤러", true}, {"세척 상태", true}};
    const auto find = [](const json::value& list, const std::string& code) -> const json::value* {
        for (const auto& v : list.as_array()) {
            if (v.at("code").as_string() == code) {
                return &v;
            }
        }
        return nullptr;
    };

    s.set_clock("2020-05-12 09:10");
    auto clerk = login(s, demo_clerk_bb);
    r = s.post("/api/v1/reservations/" + am + "/checkout",
               json::object{{"unit", "BB-SEEDER-01"},
                            {"hour_meter", 100000.0},
                            {"checklist", items},
                            {"paid", true}},
               clerk.bearer());
    REQUIRE(r.status == 200);
    // The day sheet: the morning is due back at 13:00, the afternoon picked up from 14:00.
    r = s.get("/api/v1/schedule?branch=BB&date=2020-05-12", clerk.bearer());
    REQUIRE(r.status == 200);
    auto sheet = r.json();
    REQUIRE(find(sheet.at("returns"), am) != nullptr);
    CHECK(str(find(sheet.at("returns"), am)->at("return_by")) == "2020-05-12T13:00:00+09:00");
    CHECK(str(find(sheet.at("returns"), am)->at("half")) == "am");
    REQUIRE(find(sheet.at("pickups"), pm) != nullptr);
    CHECK(str(find(sheet.at("pickups"), pm)->at("pickup").at("from")) ==
          "2020-05-12T14:00:00+09:00");
    // A half day is not extended (docs/decisions.md): it comes back at the slot's end, for the
    // afternoon. Refused for staff and farmer alike, nothing changed, and no 연장 control.
    const std::string state_sql = "SELECT end_date || '/' || return_by || '/' || fee_gross || "
                                  "'/' || (SELECT count(*) FROM audit_log) FROM reservations "
                                  "WHERE code = '" +
                                  am + "'";
    const std::string before = s.query(state_sql);
    for (const bool dry : {true, false}) {
        r = s.post("/api/v1/reservations/" + am + "/extend",
                   json::object{{"end", "2020-05-13"}, {"dry_run", dry}}, clerk.bearer());
        REQUIRE(r.status == 409);
        CHECK(error_code(r) == "invalid_transition");
        CHECK(str(r.json().at("error").at("details").at("reason")) == "half_day");
    }
    CHECK(s.query(state_sql) == before);
    r = s.get("/staff/reservations/" + am, {{"Cookie", clerk.cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("/staff/reservations/" + am + "/extend") == std::string::npos);
    r = s.get("/staff/day?date=2020-05-12", {{"Cookie", clerk.cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("ext-" + am) == std::string::npos);

    s.set_clock("2020-05-12 12:50");
    clerk = login(s, demo_clerk_bb);
    r = s.post("/api/v1/reservations/" + am + "/checkin",
               json::object{{"hour_meter", 100003.5},
                            {"checklist", items},
                            {"damage_notes", ""},
                            {"farmer_at_fault", false}},
               clerk.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("late_fee").as_int64() == 0);
    r = s.post("/api/v1/units/BB-SEEDER-01/status",
               json::object{{"status", "available"}, {"note", "방역 완료"}}, clerk.bearer());
    REQUIRE(r.status == 200);

    s.set_clock("2020-05-12 14:05");
    clerk = login(s, demo_clerk_bb);
    r = s.post("/api/v1/reservations/" + pm + "/checkout",
               json::object{{"unit", "BB-SEEDER-01"},
                            {"hour_meter", 100003.5},
                            {"checklist", items},
                            {"paid", true}},
               clerk.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("unit")) == "BB-SEEDER-01");
    r = s.get("/api/v1/schedule?branch=BB&date=2020-05-12", clerk.bearer());
    REQUIRE(r.status == 200);
    sheet = r.json();
    REQUIRE(find(sheet.at("returns"), pm) != nullptr);
    CHECK(str(find(sheet.at("returns"), pm)->at("return_by")) == "2020-05-12T18:00:00+09:00");
}

TEST_CASE("half days: admins flag types and set each branch's slots", "[http][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);
    auto r =
        s.patch("/api/v1/machine-types/TILLER", json::object{{"half_day", true}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("half_day").as_bool());
    r = s.get(quote_url("GS", "TILLER", "2020-05-12", "am"));
    REQUIRE(r.status == 200);
    CHECK(r.json().at("refusal").is_null());

    // Bad slots: 400 naming the field, nothing changed.
    for (const auto& [body, field] : std::vector<std::pair<json::object, std::string>>{
             {json::object{{"am", json::object{{"to", "14:30"}}}}, "half_day_slots.pm.from"},
             {json::object{{"am", json::object{{"from", "13:00"}}}}, "half_day_slots.am.to"},
             {json::object{{"pm", json::object{{"to", "13:00"}}}}, "half_day_slots.pm.to"},
             {json::object{{"pm", json::object{{"to", "25:00"}}}}, "half_day_slots.pm.to"},
             {json::object{{"noon", json::object{}}}, "half_day_slots.noon"},
         }) {
        r = s.patch("/api/v1/branches/GS", json::object{{"half_day_slots", body}}, admin.bearer());
        CHECK(r.status == 400);
        CHECK(str(r.json().at("error").at("details").at("field")) == field);
    }
    // Goseong's: 08:00–12:00 and 13:00–17:00.
    r = s.patch(
        "/api/v1/branches/GS",
        json::object{{"half_day_slots",
                      json::object{{"am", json::object{{"from", "08:00"}, {"to", "12:00"}}},
                                   {"pm", json::object{{"from", "13:00"}, {"to", "17:00"}}}}}},
        admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("half_day_slots").at("pm").at("to")) == "17:00");
    r = s.get(quote_url("GS", "SEEDER", "2020-05-12", "pm"));
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("pickup").at("from")) == "2020-05-12T13:00:00+09:00");
    CHECK(str(r.json().at("return_by")) == "2020-05-12T17:00:00+09:00");

    // Staff and farmers cannot change them.
    const auto op = login(s, demo_operator);
    r = s.patch(
        "/api/v1/branches/GS",
        json::object{{"half_day_slots", json::object{{"am", json::object{{"from", "07:00"}}}}}},
        op.bearer());
    CHECK(r.status == 403);
    r = s.patch("/api/v1/settings", json::object{{"half_day_fee_pct", 40}}, op.bearer());
    CHECK(r.status == 403);
}
