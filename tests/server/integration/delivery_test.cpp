// Delivery (운반 서비스, issue 15, DOMAIN.md §15) over real HTTP against the built binary: the
// settings' shapes and access, the fee line in quote and booking, every refusal, bad input, the
// clerk's run sheet in GET /api/v1/schedule (an eve pickup too) and the revenue split.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

// The demo (server/app/demo.cpp): GS delivers to 임곡동, 본량동, 삼도동 and 평동, 20,000 won one
// way, 40,000 both ways, 3 days ahead; BB does not deliver. Rice transplanters (60,000 won a day,
// no training) and tractors are deliverable, cultivators are not. April–July: 50 % off.
json::object delivery(std::string_view mode, std::string_view area = "임곡동",
                      std::string_view address = "임곡동 마을회관 앞") {
    return {{"mode", mode}, {"address", address}, {"area", area}};
}

json::object delivered(std::string_view branch, std::string_view type, std::string_view start,
                       std::string_view end, json::object d, std::string_view name = "배달",
                       std::string_view phone = "010-7100-0001") {
    auto b = booking(branch, type, start, end, name, phone);
    b["delivery"] = std::move(d);
    return b;
}

std::string counts(const server_process& s) {
    return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM farmers) || '/' || "
                   "(SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM outbox) "
                   "FROM reservations");
}

std::string quote_url(std::string_view type, std::string_view start, std::string_view end,
                      std::string_view extra = "", std::string_view branch = "GS") {
    return "/api/v1/quote?branch=" + std::string{branch} + "&type=" + std::string{type} +
           "&start=" + std::string{start} + "&end=" + std::string{end} + std::string{extra};
}

// 임곡동 and 본량동, percent-encoded for a query string.
constexpr std::string_view imgok = "%EC%9E%84%EA%B3%A1%EB%8F%99";
constexpr std::string_view yongjeon = "%EC%9A%A9%EC%A0%84%EB%8F%99";

std::string delivery_query(std::string_view mode, std::string_view area = imgok) {
    return "&delivery_mode=" + std::string{mode} +
           "&delivery_address=hall&delivery_area=" + std::string{area};
}

const json::value* find_code(const json::array& list, std::string_view code) {
    for (const auto& v : list) {
        if (v.at("code").as_string() == code) {
            return &v;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("delivery: types and branches show their delivery settings", "[http][delivery]") {
    server_process s;
    auto r = s.get("/api/v1/branches");
    REQUIRE(r.status == 200);
    const auto branches = r.json();
    const auto& gs = branches.at(0).at("delivery");
    CHECK(str(branches.at(0).at("code")) == "GS");
    REQUIRE(gs.is_object());
    CHECK(gs.at("area").as_array().size() == 4);
    CHECK(str(gs.at("area").at(0)) == "임곡동");
    CHECK(gs.at("one_way_fee").as_int64() == 20000);
    CHECK(gs.at("round_trip_fee").as_int64() == 40000);
    CHECK(gs.at("lead_days").as_int64() == 3);
    CHECK(str(gs.at("hours").at("from")) == "09:00");
    CHECK(str(gs.at("hours").at("to")) == "18:00");
    CHECK(branches.at(1).at("delivery").is_null()); // BB does not deliver

    r = s.get("/api/v1/machine-types");
    REQUIRE(r.status == 200);
    int deliverable = 0;
    const auto types = r.json();
    for (const auto& t : types.as_array()) {
        const auto code = str(t.at("code"));
        const bool expected = code == "TRACTOR" || code == "COMBINE" || code == "RICE_TRANSPLANTER";
        CHECK(t.at("deliverable").as_bool() == expected);
        deliverable += expected ? 1 : 0;
    }
    CHECK(deliverable == 3);
}

TEST_CASE("delivery: one way and round trip in the quote, never discounted", "[http][delivery]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    // Tue–Wed 2020-05-12…13: 2 × 60,000 gross, 50 % off → 60,000 rental.
    auto r = s.get(quote_url("RICE_TRANSPLANTER", "2020-05-12", "2020-05-13"));
    REQUIRE(r.status == 200);
    auto q = r.json();
    CHECK(q.at("delivery").is_null());
    CHECK(q.at("fee").at("delivery").as_int64() == 0);
    CHECK(q.at("fee").at("net").as_int64() == 60000);

    r = s.get(
        quote_url("RICE_TRANSPLANTER", "2020-05-12", "2020-05-13", delivery_query("one_way")));
    REQUIRE(r.status == 200);
    q = r.json();
    CHECK(q.at("refusal").is_null());
    CHECK(q.at("fee").at("discount").as_int64() == 60000); // the rental's discount only
    CHECK(q.at("fee").at("delivery").as_int64() == 20000);
    CHECK(q.at("fee").at("net").as_int64() == 80000);
    CHECK(str(q.at("delivery").at("mode")) == "one_way");
    CHECK(str(q.at("delivery").at("area")) == "임곡동");
    CHECK(str(q.at("delivery").at("address")) == "hall");
    CHECK(q.at("delivery").at("fee").as_int64() == 20000);
    CHECK(str(q.at("delivery").at("window").at("from")) == "2020-05-12T09:00:00+09:00");
    CHECK(q.at("delivery").at("collect_at").is_null());
    // The occupancy does not change with delivery: the same pickup window and deadline.
    CHECK(str(q.at("pickup").at("from")) == "2020-05-12T09:00:00+09:00");
    CHECK(str(q.at("return_by")) == "2020-05-13T17:00:00+09:00");

    r = s.get(
        quote_url("RICE_TRANSPLANTER", "2020-05-12", "2020-05-13", delivery_query("round_trip")));
    REQUIRE(r.status == 200);
    q = r.json();
    CHECK(q.at("fee").at("delivery").as_int64() == 40000);
    CHECK(q.at("fee").at("net").as_int64() == 100000);
    CHECK(str(q.at("delivery").at("collect_at")) == "2020-05-13T17:00:00+09:00");
}

TEST_CASE("delivery: booked with its fee line, not reduced by categories, stored and shown",
          "[http][delivery]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    // A plain farmer, round trip: 60,000 rental + 40,000.
    auto r = s.post("/api/v1/reservations", delivered("GS", "RICE_TRANSPLANTER", "2020-05-12",
                                                      "2020-05-13", delivery("round_trip")));
    REQUIRE(r.status == 201);
    auto b = r.json();
    const std::string code = str(b.at("code"));
    CHECK(b.at("fee").at("delivery").as_int64() == 40000);
    CHECK(b.at("fee").at("net").as_int64() == 100000);
    CHECK(str(b.at("delivery").at("mode")) == "round_trip");
    CHECK(str(b.at("delivery").at("address")) == "임곡동 마을회관 앞");
    CHECK(s.query("SELECT delivery_mode || '|' || delivery_area || '|' || delivery_fee || '|' || "
                  "fee_net FROM reservations WHERE code = '" +
                  code + "'") == "round_trip|임곡동|40000|100000");

    // The farmer's look-up shows it.
    r = s.get("/api/v1/reservations/" + code + "?phone=010-7100-0001");
    REQUIRE(r.status == 200);
    CHECK(r.json().at("fee").at("delivery").as_int64() == 40000);
    CHECK(str(r.json().at("delivery").at("area")) == "임곡동");
    // The .ics: the delivery window at the farmer's address, the collection in the description.
    r = s.get("/api/v1/reservations/" + code + ".ics?phone=010-7100-0001&lang=en");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("LOCATION:임곡동 마을회관 앞 (임곡동)\r\n") != std::string::npos);
    CHECK(r.body.find("DTSTART:20200512T000000Z\r\n") != std::string::npos); // 09:00 KST
    CHECK(r.body.find("SUMMARY:Delivery of") != std::string::npos);
    std::string unfolded = r.body; // RFC 5545 folds long lines with CRLF + space
    for (auto at = unfolded.find("\r\n "); at != std::string::npos; at = unfolded.find("\r\n ")) {
        unfolded.erase(at, 3);
    }
    CHECK(unfolded.find("Collected: ") != std::string::npos);
    CHECK(unfolded.find("fee 40000 won") != std::string::npos);

    // 박철수 (non-resident, +50 % on top of the 50 % reduction): the rental is 45,000, the
    // delivery stays 20,000.
    r = s.post("/api/v1/reservations",
               delivered("GS", "RICE_TRANSPLANTER", "2020-05-19", "2020-05-19",
                         delivery("one_way", "본량동"), "박철수", "010-3456-7890"));
    REQUIRE(r.status == 201);
    b = r.json();
    CHECK(b.at("fee").at("surcharge").as_int64() > 0);
    CHECK(b.at("fee").at("days").at(0).at("amount").as_int64() == 45000);
    CHECK(b.at("fee").at("delivery").as_int64() == 20000);
    CHECK(b.at("fee").at("net").as_int64() == 65000);

    // 김영희 (veteran, 50 %; the spring reduction is 50 % too: the largest wins): 30,000 + 20,000.
    r = s.post("/api/v1/reservations",
               delivered("GS", "RICE_TRANSPLANTER", "2020-05-20", "2020-05-20",
                         delivery("one_way", "삼도동"), "김영희", "010-2345-6789"));
    REQUIRE(r.status == 201);
    CHECK(r.json().at("fee").at("net").as_int64() == 50000);
    CHECK(r.json().at("fee").at("delivery").as_int64() == 20000);

    // Outside the spring reduction (August): the full rental and the same delivery.
    s.set_clock("2020-08-01 10:00");
    r = s.post("/api/v1/reservations",
               delivered("GS", "RICE_TRANSPLANTER", "2020-08-11", "2020-08-11",
                         delivery("one_way", "평동"), "팔월", "010-7100-0008"));
    REQUIRE(r.status == 201);
    CHECK(r.json().at("fee").at("net").as_int64() == 80000);
    CHECK(r.json().at("fee").at("discount").as_int64() == 0);

    // Staff book with delivery too (an operator for a caller).
    const auto op = login(s, demo_operator);
    r = s.post("/api/v1/reservations",
               delivered("GS", "TRACTOR", "2020-08-12", "2020-08-12", delivery("round_trip"),
                         "홍길동", "010-1234-5678"),
               op.bearer());
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("channel")) == "phone");
    CHECK(r.json().at("fee").at("net").as_int64() == 100000 + 40000);
}

TEST_CASE("delivery: each refusal, in the quote and the booking, changes nothing",
          "[http][delivery]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto before = counts(s);
    struct refused_case {
        const char* what;
        json::object body;
        std::string quote;
        const char* code;
        const char* reason; // details.reason or nullptr
        const char* field;
    };
    const std::vector<refused_case> cases{
        {"type not deliverable",
         delivered("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", delivery("one_way")),
         quote_url("CULTIVATOR", "2020-05-12", "2020-05-12", delivery_query("one_way")),
         "delivery_not_offered", "type_not_deliverable", "delivery"},
        {"branch without delivery",
         delivered("BB", "RICE_TRANSPLANTER", "2020-05-12", "2020-05-12", delivery("one_way")),
         quote_url("RICE_TRANSPLANTER", "2020-05-12", "2020-05-12", delivery_query("one_way"),
                   "BB"),
         "delivery_not_offered", "branch_not_delivering", "delivery"},
        {"outside the area",
         delivered("GS", "RICE_TRANSPLANTER", "2020-05-12", "2020-05-12",
                   delivery("round_trip", "용전동")),
         quote_url("RICE_TRANSPLANTER", "2020-05-12", "2020-05-12",
                   delivery_query("round_trip", yongjeon)),
         "outside_delivery_area", nullptr, "delivery.area"},
        {"fewer than 3 days ahead",
         delivered("GS", "RICE_TRANSPLANTER", "2020-05-03", "2020-05-03", delivery("one_way")),
         quote_url("RICE_TRANSPLANTER", "2020-05-03", "2020-05-03", delivery_query("one_way")),
         "delivery_lead_time", nullptr, "delivery"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto r = s.post("/api/v1/reservations", c.body);
        CHECK(r.status == 422);
        const auto e = r.json().at("error");
        CHECK(str(e.at("code")) == c.code);
        CHECK(str(e.at("details").at("field")) == c.field);
        if (c.reason != nullptr) {
            CHECK(str(e.at("details").at("reason")) == c.reason);
        }
        CHECK_FALSE(e.at("message").as_string().empty());
        r = s.get(c.quote + "&lang=en");
        REQUIRE(r.status == 200);
        CHECK(str(r.json().at("refusal").at("code")) == c.code);
        CHECK(r.json().at("fee").at("delivery").as_int64() == 0);
    }
    // The lead time's details, and its message in both languages.
    auto r = s.post("/api/v1/reservations", cases[3].body);
    CHECK(str(r.json().at("error").at("details").at("lead_days")) == "3");
    CHECK(str(r.json().at("error").at("details").at("last_day")) == "2020-04-30");
    CHECK(str(r.json().at("error").at("message")).find("2020-04-30") != std::string::npos);
    CHECK(counts(s) == before);

    // Exactly 3 days ahead (Mon 05-04 booked on Fri 05-01) is in time, at any hour of that day.
    s.set_clock("2020-05-01 16:59");
    r = s.post("/api/v1/reservations", delivered("GS", "RICE_TRANSPLANTER", "2020-05-04",
                                                 "2020-05-04", delivery("one_way")));
    CHECK(r.status == 201);
    // The same booking without delivery is fine on the day itself: only delivery needs lead.
    s.set_clock("2020-05-03 10:00");
    r = s.post("/api/v1/reservations", booking("GS", "RICE_TRANSPLANTER", "2020-05-04",
                                               "2020-05-04", "당일", "010-7100-0002"));
    CHECK(r.status == 201);
}

TEST_CASE("delivery: bad input is a 400 naming the field and stores nothing", "[http][delivery]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto before = counts(s);
    const auto base = [] { return booking("GS", "RICE_TRANSPLANTER", "2020-05-12", "2020-05-12"); };
    struct bad_case {
        const char* what;
        json::value delivery;
        const char* field;
    };
    const std::vector<bad_case> cases{
        {"unknown mode", delivery("both_ways"), "delivery.mode"},
        {"mode of the wrong case", delivery("ROUND_TRIP"), "delivery.mode"},
        {"no mode", json::object{{"address", "x"}, {"area", "임곡동"}}, "delivery.mode"},
        {"empty address", delivery("one_way", "임곡동", ""), "delivery.address"},
        {"blank address", delivery("one_way", "임곡동", "   "), "delivery.address"},
        {"no address", json::object{{"mode", "one_way"}, {"area", "임곡동"}}, "delivery.address"},
        {"address not a string",
         json::object{{"mode", "one_way"}, {"address", 5}, {"area", "임곡동"}}, "delivery.address"},
        {"area not a string", json::object{{"mode", "one_way"}, {"address", "x"}, {"area", 5}},
         "delivery.area"},
        {"no area", json::object{{"mode", "one_way"}, {"address", "x"}}, "delivery.area"},
        {"control character in address", delivery("one_way", "임곡동", "a\u0001b"),
         "delivery.address"},
        {"address too long", delivery("one_way", "임곡동", std::string(201, 'a')),
         "delivery.address"},
        {"unknown member",
         json::object{{"mode", "one_way"}, {"address", "x"}, {"area", "임곡동"}, {"floor", 2}},
         "delivery.floor"},
        {"null", nullptr, "delivery"},
        {"a string", "round_trip", "delivery"},
        {"an array", json::array{}, "delivery"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto body = base();
        body["delivery"] = c.delivery;
        const auto r = s.post("/api/v1/reservations", body);
        CHECK(r.status == 400);
        CHECK(str(r.json().at("error").at("code")) == "bad_request");
        CHECK(str(r.json().at("error").at("details").at("field")) == c.field);
    }
    CHECK(counts(s) == before);

    // The quote's parameters.
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"&delivery_mode=both", "delivery_mode"},
             {"&delivery_mode=one_way&delivery_area=x", "delivery_address"},
             {"&delivery_mode=one_way&delivery_address=x", "delivery_area"},
             {"&delivery_mode=one_way&delivery_address=&delivery_area=x", "delivery_address"},
             {"&delivery_mode=one_way&delivery_address=%20&delivery_area=x", "delivery_address"},
             {"&delivery_mode=&delivery_address=x", "delivery_mode"},
             {"&delivery_address=x&delivery_area=x", "delivery_mode"},
         }) {
        INFO(query);
        const auto r = s.get(quote_url("RICE_TRANSPLANTER", "2020-05-12", "2020-05-12", query));
        CHECK(r.status == 400);
        CHECK(str(r.json().at("error").at("details").at("field")) == field);
    }
}

TEST_CASE("delivery: the run sheet lists deliveries and collections, an eve pickup's on the eve",
          "[http][delivery]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto book = [&](std::string_view type, std::string_view start, std::string_view end,
                          json::object d, std::string_view phone) {
        const auto r = s.post("/api/v1/reservations",
                              delivered("GS", type, start, end, std::move(d), "배달", phone));
        REQUIRE(r.status == 201);
        return str(r.json().at("code"));
    };
    // Sun 05-10: eve pickup Fri 05-08 17:00; return Mon 05-11 09:00 (round trip: fetched then).
    const auto eve = book("RICE_TRANSPLANTER", "2020-05-10", "2020-05-10",
                          delivery("round_trip", "임곡동"), "010-7100-0011");
    // Fri 05-08 regular, one way to 본량동.
    const auto friday = book("RICE_TRANSPLANTER", "2020-05-08", "2020-05-08",
                             delivery("one_way", "본량동", "본량동 123"), "010-7100-0012");
    // Mon 05-11 one day round trip: delivered and collected the same day.
    const auto monday = book("TRACTOR", "2020-05-11", "2020-05-11", delivery("round_trip", "평동"),
                             "010-5678-9012");
    // A pickup at the office that day: not on the run sheet.
    const auto plain =
        s.post("/api/v1/reservations", booking("GS", "RICE_TRANSPLANTER", "2020-05-08",
                                               "2020-05-08", "직접", "010-7100-0013"));
    REQUIRE(plain.status == 201);

    const auto clerk = login(s, demo_clerk_gs);
    auto r = s.get("/api/v1/schedule?branch=GS&date=2020-05-08", clerk.bearer());
    REQUIRE(r.status == 200);
    auto sheet = r.json();
    const auto& deliveries = sheet.at("deliveries").as_array();
    REQUIRE(deliveries.size() == 2);
    // Grouped by area: 본량동 before 임곡동.
    CHECK(str(deliveries.at(0).at("code")) == friday);
    CHECK(str(deliveries.at(1).at("code")) == eve);
    CHECK(str(deliveries.at(0).at("delivery").at("address")) == "본량동 123");
    CHECK(str(deliveries.at(0).at("farmer").at("phone")) == "010-7100-0012");
    CHECK(str(deliveries.at(0).at("type")) == "RICE_TRANSPLANTER");
    CHECK(str(deliveries.at(1).at("delivery").at("window").at("from")) ==
          "2020-05-08T17:00:00+09:00");
    CHECK(sheet.at("collections").as_array().empty());
    CHECK(sheet.at("pickups").as_array().size() == 3); // the office's list still has all

    r = s.get("/api/v1/schedule?branch=GS&date=2020-05-11", clerk.bearer());
    REQUIRE(r.status == 200);
    sheet = r.json();
    REQUIRE(sheet.at("deliveries").as_array().size() == 1);
    CHECK(str(sheet.at("deliveries").at(0).at("code")) == monday);
    const auto& collections = sheet.at("collections").as_array();
    REQUIRE(collections.size() == 2);
    CHECK(find_code(collections, eve) != nullptr);
    CHECK(find_code(collections, monday) != nullptr);
    CHECK(find_code(collections, friday) == nullptr); // one way: the farmer returns it
    CHECK(str(find_code(collections, eve)->at("delivery").at("collect_at")) ==
          "2020-05-11T09:00:00+09:00");

    // Once out, the unit shows on the collection.
    s.set_clock("2020-05-08 17:10");
    const auto checklist = s.get("/api/v1/machine-types").json();
    json::object items;
    for (const auto& t : checklist.as_array()) {
        if (t.at("code") == "RICE_TRANSPLANTER") {
            for (const auto& i : t.at("checklist").as_array()) {
                items[i.as_string()] = true;
            }
        }
    }
    const auto clerk_now = login(s, demo_clerk_gs); // the morning's session has expired
    r = s.post("/api/v1/reservations/" + eve + "/checkout",
               json::object{{"unit", "GS-RICE_TRANSPLANTER-01"},
                            {"hour_meter", 100000.0},
                            {"checklist", items},
                            {"paid", true}},
               clerk_now.bearer());
    REQUIRE(r.status == 200);
    r = s.get("/api/v1/schedule?branch=GS&date=2020-05-11", clerk_now.bearer());
    CHECK(str(find_code(r.json().at("collections").as_array(), eve)->at("unit")) ==
          "GS-RICE_TRANSPLANTER-01");

    // Another branch's clerk may not read GS's sheet.
    const auto other = login(s, demo_clerk_bb);
    CHECK(s.get("/api/v1/schedule?branch=GS&date=2020-05-11", other.bearer()).status == 403);
}

TEST_CASE("delivery: revenue reports delivery apart from the rental", "[http][delivery]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    REQUIRE(s.post("/api/v1/reservations",
                   delivered("GS", "RICE_TRANSPLANTER", "2020-05-12", "2020-05-12",
                             delivery("round_trip"), "하나", "010-7100-0021"))
                .status == 201);
    REQUIRE(s.post("/api/v1/reservations",
                   delivered("GS", "RICE_TRANSPLANTER", "2020-05-13", "2020-05-13",
                             delivery("one_way"), "둘", "010-7100-0022"))
                .status == 201);
    REQUIRE(s.post("/api/v1/reservations", booking("GS", "RICE_TRANSPLANTER", "2020-05-14",
                                                   "2020-05-14", "셋", "010-7100-0023"))
                .status == 201);
    const auto op = login(s, demo_operator);
    const auto r =
        s.get("/api/v1/reports/revenue?branch=GS&from=2020-05-11&to=2020-05-17", op.bearer());
    REQUIRE(r.status == 200);
    const auto total = r.json().at("total");
    CHECK(total.at("bookings").as_int64() == 3);
    CHECK(total.at("rental").as_int64() == 3 * 30000);
    CHECK(total.at("delivery").as_int64() == 40000 + 20000);
    CHECK(total.at("net").as_int64() == 3 * 30000 + 60000);
    const auto report = r.json();
    const auto& types = report.at("branches").at(0).at("types").as_array();
    REQUIRE(types.size() == 1);
    CHECK(types.at(0).at("delivery").as_int64() == 60000);
    CHECK(types.at(0).at("rental").as_int64() == 90000);
}

TEST_CASE("delivery: admins set a branch's delivery and a type's flag, and nobody else may",
          "[http][delivery][admin]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const json::object bb_delivery{{"area", json::array{"용전동", "석곡동"}},
                                   {"one_way_fee", 15000},
                                   {"round_trip_fee", 30000},
                                   {"lead_days", 2},
                                   {"hours", json::object{{"from", "10:00"}, {"to", "16:00"}}}};
    const json::object body{{"delivery", bb_delivery}};
    const auto original = s.query("SELECT coalesce(delivery_area, 'none') FROM branches WHERE "
                                  "code = 'BB'");
    CHECK(original == "none");
    CHECK(s.patch("/api/v1/branches/BB", body).status == 401);
    for (const auto* who : {&demo_operator, &demo_clerk_bb}) {
        const auto login_of = login(s, *who);
        CHECK(s.patch("/api/v1/branches/BB", body, login_of.bearer()).status == 403);
        CHECK(s.patch("/api/v1/machine-types/CULTIVATOR", json::object{{"deliverable", true}},
                      login_of.bearer())
                  .status == 403);
    }
    CHECK(s.query("SELECT coalesce(delivery_area, 'none') FROM branches WHERE code = 'BB'") ==
          original);

    const auto admin = login(s, demo_admin);
    // Bad settings: 400 naming the field, nothing changed.
    for (const auto& [bad, field] : std::vector<std::pair<json::value, std::string>>{
             {json::object{{"area", json::array{}}, {"one_way_fee", 1}, {"round_trip_fee", 2}},
              "delivery.area"},
             {json::object{{"one_way_fee", 1}, {"round_trip_fee", 2}}, "delivery.area"},
             {json::object{{"area", json::array{"a"}}, {"one_way_fee", -1}, {"round_trip_fee", 2}},
              "delivery.one_way_fee"},
             {json::object{{"area", json::array{"a"}}, {"one_way_fee", 1}},
              "delivery.round_trip_fee"},
             {json::object{{"area", json::array{"a"}},
                           {"one_way_fee", 1},
                           {"round_trip_fee", 2},
                           {"lead_days", 61}},
              "delivery.lead_days"},
             {json::object{{"area", json::array{"a"}},
                           {"one_way_fee", 1},
                           {"round_trip_fee", 2},
                           {"hours", json::object{{"from", "16:00"}, {"to", "10:00"}}}},
              "delivery.hours.to"},
             {json::object{
                  {"area", json::array{"a", "a"}}, {"one_way_fee", 1}, {"round_trip_fee", 2}},
              "delivery.area"},
             {json::object{{"area", json::array{"a"}},
                           {"one_way_fee", 1},
                           {"round_trip_fee", 2},
                           {"radius", 5}},
              "delivery.radius"},
             {json::value("yes"), "delivery"},
         }) {
        INFO(json::serialize(bad));
        const auto r =
            s.patch("/api/v1/branches/BB", json::object{{"delivery", bad}}, admin.bearer());
        CHECK(r.status == 400);
        CHECK(str(r.json().at("error").at("details").at("field")) == field);
    }
    CHECK(s.query("SELECT coalesce(delivery_area, 'none') FROM branches WHERE code = 'BB'") ==
          original);

    auto r = s.patch("/api/v1/branches/BB", body, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("delivery").at("round_trip_fee").as_int64() == 30000);
    CHECK(str(r.json().at("delivery").at("hours").at("from")) == "10:00");
    r = s.get("/api/v1/branches");
    CHECK(r.json().at(1).at("delivery").at("lead_days").as_int64() == 2);

    // BB now delivers rice transplanters to 용전동 (2 days ahead), between 10:00 and 16:00.
    r = s.get(quote_url("RICE_TRANSPLANTER", "2020-05-04", "2020-05-04",
                        delivery_query("round_trip", yongjeon), "BB"));
    REQUIRE(r.status == 200);
    CHECK(r.json().at("refusal").is_null());
    CHECK(r.json().at("fee").at("delivery").as_int64() == 30000);
    CHECK(str(r.json().at("delivery").at("window").at("from")) == "2020-05-04T10:00:00+09:00");
    CHECK(str(r.json().at("delivery").at("window").at("to")) == "2020-05-04T16:00:00+09:00");

    // Cultivators become deliverable.
    r = s.get(quote_url("CULTIVATOR", "2020-05-12", "2020-05-12", delivery_query("one_way")));
    CHECK(str(r.json().at("refusal").at("code")) == "delivery_not_offered");
    r = s.patch("/api/v1/machine-types/CULTIVATOR", json::object{{"deliverable", true}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("deliverable").as_bool());
    r = s.get(quote_url("CULTIVATOR", "2020-05-12", "2020-05-12", delivery_query("one_way")));
    CHECK(r.json().at("refusal").is_null());
    CHECK(r.json().at("fee").at("delivery").as_int64() == 20000);

    // Turning BB's delivery off again (null).
    r = s.patch("/api/v1/branches/BB", json::object{{"delivery", nullptr}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("delivery").is_null());
    r = s.get(quote_url("RICE_TRANSPLANTER", "2020-05-12", "2020-05-12",
                        delivery_query("round_trip", yongjeon), "BB"));
    CHECK(str(r.json().at("refusal").at("details").at("reason")) == "branch_not_delivering");
}

TEST_CASE("delivery: the admin pages set a branch's delivery, stop it, and flag a type",
          "[http][delivery][admin][pages]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);
    auto r = s.get("/staff/admin/branches/BB", admin.cookie_only());
    REQUIRE(r.status == 200);
    CHECK(r.body.find("action=\"/staff/admin/branches/BB/delivery\"") != std::string::npos);
    CHECK(r.body.find("배달 안 함") != std::string::npos);

    const form_fields good{{"delivery.area", "용전동\n석곡동"},  {"delivery.one_way_fee", "15000"},
                           {"delivery.round_trip_fee", "30000"}, {"delivery.lead_days", "2"},
                           {"delivery.hours.from", "10:00"},     {"delivery.hours.to", "16:00"}};
    // A forged form (no CSRF token) and an operator change nothing.
    CHECK(post_form_as(s, "/staff/admin/branches/BB/delivery", good, admin.cookie, "").status ==
          403);
    const auto op = login(s, demo_operator);
    CHECK(post_form_as(s, "/staff/admin/branches/BB/delivery", good, op.cookie, op.csrf).status ==
          403);
    // A refusal comes back beside the form, nothing stored.
    auto bad = good;
    bad[0].second = "";
    r = post_form_as(s, "/staff/admin/branches/BB/delivery", bad, admin.cookie, admin.csrf);
    CHECK(r.status == 400);
    CHECK(s.query("SELECT coalesce(delivery_area, 'none') FROM branches WHERE code = 'BB'") ==
          "none");

    r = post_form_as(s, "/staff/admin/branches/BB/delivery", good, admin.cookie, admin.csrf);
    REQUIRE(r.status == 303);
    auto branches = s.get("/api/v1/branches").json();
    const auto& bb = branches.at(1).at("delivery");
    REQUIRE(bb.is_object());
    CHECK(bb.at("area").as_array().size() == 2);
    CHECK(bb.at("lead_days").as_int64() == 2);
    CHECK(str(bb.at("hours").at("to")) == "16:00");

    r = post_form_as(s, "/staff/admin/branches/BB/delivery-off", {}, admin.cookie, admin.csrf);
    REQUIRE(r.status == 303);
    branches = s.get("/api/v1/branches").json();
    CHECK(branches.at(1).at("delivery").is_null());

    // The type's checkbox.
    r = post_form_as(s, "/staff/admin/types/TILLER",
                     {{"name_ko", "경운기"},
                      {"name_en", "Power tiller"},
                      {"daily_fee", "15000"},
                      {"deliverable", "1"}},
                     admin.cookie, admin.csrf);
    REQUIRE(r.status == 303);
    CHECK(s.query("SELECT deliverable FROM machine_types WHERE code = 'TILLER'") == "1");
}
