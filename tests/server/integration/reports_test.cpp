// Reports over real HTTP (issue 4 "Reports"): utilization and revenue on a known scenario, the
// CSV export for Excel (BOM, Korean header, RFC 4180 quoting, formula neutralisation), access
// and range limits. Definitions of the figures: server/app/reports.hpp.
#include <cmath>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

json::object book_json(const server_process& s, const char* type, const char* start,
                       const char* end, const char* name, const char* phone) {
    const auto r = s.post("/api/v1/reservations", booking("GS", type, start, end, name, phone));
    if (r.status != 201) {
        throw std::runtime_error("booking failed: " + r.body);
    }
    return r.json().as_object();
}

json::object checklist_for(const server_process& s, const char* type) {
    json::object items;
    const auto types = s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == type) {
            for (const auto& item : t.at("checklist").as_array()) {
                items[item.as_string()] = true;
            }
        }
    }
    return items;
}

void check_out(const server_process& s, const std::string& code, const char* unit) {
    const auto clerk = login(s, demo_clerk_gs);
    const auto r = s.post("/api/v1/reservations/" + code + "/checkout",
                          json::object{{"unit", unit},
                                       {"hour_meter", 5000.0},
                                       {"checklist", checklist_for(s, "CULTIVATOR")},
                                       {"paid", true}},
                          clerk.bearer());
    REQUIRE(r.status == 200);
}

const json::object* find_by(const json::array& items, const char* key, std::string_view value) {
    for (const auto& item : items) {
        if (item.at(key).as_string() == value) {
            return &item.as_object();
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("utilization and revenue on a known week at Gwangsan", "[http][reports]") {
    server_process s;
    s.set_clock("2020-05-25 10:00");
    // Mon 06-01 … Sun 06-07: Sat 06-06 is Memorial Day, so 5 operating days (Mon–Fri).
    const auto r1 = book_json(s, "CULTIVATOR", "2020-06-01", "2020-06-03", "하나", "010-8300-0001");
    const auto r2 = book_json(s, "CULTIVATOR", "2020-06-07", "2020-06-07", "둘", "010-8300-0002");
    const auto r3 = book_json(s, "CULTIVATOR", "2020-06-04", "2020-06-04", "셋", "010-8300-0003");
    // 박철수 farms local land from elsewhere: +50 % surcharge on top of the 50 % reduction.
    const auto r4 =
        book_json(s, "CULTIVATOR", "2020-06-05", "2020-06-05", "박철수", "010-3456-7890");
    const auto r5 = book_json(s, "CULTIVATOR", "2020-06-02", "2020-06-02", "다섯", "010-8300-0005");
    REQUIRE(s.post("/api/v1/reservations/" + str(r5.at("code")) + "/cancel",
                   json::object{{"phone", "010-8300-0005"}})
                .status == 200);
    CHECK(r4.at("fee").at("surcharge").as_int64() > 0);

    // r1: out Mon 09:30, back Wed 19:00 (due 17:00, 1 h grace: one started day late).
    s.set_clock("2020-06-01 09:30");
    check_out(s, str(r1.at("code")), "GS-CULTIVATOR-01");
    s.set_clock("2020-06-03 19:00");
    {
        const auto clerk = login(s, demo_clerk_gs);
        const auto r = s.post(
            "/api/v1/reservations/" + str(r1.at("code")) + "/checkin",
            json::object{{"hour_meter", 5010.0}, {"checklist", checklist_for(s, "CULTIVATOR")}},
            clerk.bearer());
        REQUIRE(r.status == 200);
        CHECK(r.json().at("late_days").as_int64() == 1);
    }
    const std::int64_t late_fee =
        std::stoll(s.query("SELECT late_fee FROM reservations WHERE code = '" +
                           std::string{r1.at("code").as_string()} + "'"));
    CHECK(late_fee > 0);
    // Fri 17:30: r3's window (Thu) closed unclaimed → no-show; r2's eve pickup is on now.
    s.set_clock("2020-06-05 17:30");
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" +
                  std::string{r3.at("code").as_string()} + "'") == "no_show");
    check_out(s, str(r2.at("code")), "GS-CULTIVATOR-02");

    const auto op = login(s, demo_operator);
    const int units =
        std::stoi(s.query("SELECT count(*) FROM units u JOIN branches b ON b.id = u.branch_id JOIN "
                          "machine_types t ON t.id = u.type_id WHERE b.code = 'GS' AND t.code = "
                          "'CULTIVATOR' AND u.status <> 'retired'"));
    REQUIRE(units >= 2);

    // Utilization: rented = r1's 3 operating days; r2's Sunday apart; r4 booked; r3, r5 nothing.
    auto r =
        s.get("/api/v1/reports/utilization?branch=GS&from=2020-06-01&to=2020-06-07", op.bearer());
    REQUIRE(r.status == 200);
    const auto util = r.json();
    CHECK(str(util.at("from")) == "2020-06-01");
    REQUIRE(util.at("branches").as_array().size() == 1);
    const auto& gs = util.at("branches").at(0);
    CHECK(str(gs.at("branch")) == "GS");
    CHECK(gs.at("operating_days").as_int64() == 5);
    const auto* cultivator = find_by(gs.at("types").as_array(), "type", "CULTIVATOR");
    REQUIRE(cultivator != nullptr);
    CHECK(cultivator->at("units").as_int64() == units);
    CHECK(cultivator->at("unit_days_available").as_int64() == 5 * units);
    CHECK(cultivator->at("unit_days_rented").as_int64() == 3);
    CHECK(cultivator->at("rented_closed_days").as_int64() == 1);
    CHECK(cultivator->at("unit_days_booked").as_int64() == 1);
    CHECK(cultivator->at("percent").as_double() ==
          Approx(std::round(300.0 / (5 * units) * 10.0) / 10.0));
    const auto* tractor = find_by(gs.at("types").as_array(), "type", "TRACTOR");
    REQUIRE(tractor != nullptr);
    CHECK(tractor->at("unit_days_rented").as_int64() == 0);
    CHECK(tractor->at("percent").as_double() == 0.0);
    CHECK(gs.at("total").at("unit_days_rented").as_int64() == 3);
    // Both branches without ?branch=.
    r = s.get("/api/v1/reports/utilization?from=2020-06-01&to=2020-06-07", op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("branches").as_array().size() == 2);

    // Revenue: r1 (returned, late), r2 (out), r4 (confirmed) by first usage day; not r3, r5.
    r = s.get("/api/v1/reports/revenue?branch=GS&from=2020-06-01&to=2020-06-07", op.bearer());
    REQUIRE(r.status == 200);
    const auto rev = r.json();
    const auto* line =
        find_by(rev.at("branches").at(0).at("types").as_array(), "type", "CULTIVATOR");
    REQUIRE(line != nullptr);
    const auto sum = [&](const char* field) {
        return r1.at("fee").at(field).as_int64() + r2.at("fee").at(field).as_int64() +
               r4.at("fee").at(field).as_int64();
    };
    CHECK(line->at("bookings").as_int64() == 3);
    CHECK(line->at("gross").as_int64() == sum("gross"));
    CHECK(line->at("discount").as_int64() == sum("discount"));
    CHECK(line->at("surcharge").as_int64() == sum("surcharge"));
    CHECK(line->at("late_fees").as_int64() == late_fee);
    CHECK(line->at("net").as_int64() == sum("net") + late_fee);
    CHECK(line->at("net").as_int64() == line->at("gross").as_int64() -
                                            line->at("discount").as_int64() +
                                            line->at("surcharge").as_int64() + late_fee);
    CHECK(rev.at("total").at("net").as_int64() == line->at("net").as_int64());

    // Access and limits.
    const auto clerk = login(s, demo_clerk_gs);
    for (const char* path :
         {"/api/v1/reports/utilization", "/api/v1/reports/revenue", "/api/v1/reservations.csv"}) {
        CAPTURE(path);
        const std::string q = std::string{path} + "?from=2020-06-01&to=2020-06-07";
        CHECK(s.get(q).status == 401);
        CHECK(s.get(q, clerk.bearer()).status == 403);
        CHECK(s.get(q, login(s, demo_admin).bearer()).status == 200);
        CHECK(s.get(std::string{path} + "?from=2020-01-01&to=2021-01-01", op.bearer()).status ==
              400); // 367 days
        CHECK(s.get(std::string{path} + "?from=2020-01-01&to=2020-12-31", op.bearer()).status ==
              200); // 366 days (a leap year)
        CHECK(s.get(std::string{path} + "?from=2020-06-07&to=2020-06-01", op.bearer()).status ==
              400);
        CHECK(s.get(std::string{path} + "?from=2020-06-01", op.bearer()).status == 400);
        CHECK(s.get(q + "&branch=XX", op.bearer()).status == 404);
    }
}

TEST_CASE("reservations.csv opens in Excel: BOM, Korean header, quoting, no formulas",
          "[http][reports][csv]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto formula =
        book_json(s, "CULTIVATOR", "2020-05-20", "2020-05-20", "=SUM(A1:A9)", "010-8400-0001");
    const auto quoted =
        book_json(s, "SEEDER", "2020-05-20", "2020-05-20", "김 \"큰손\", 철수", "010-8400-0002");
    const auto cancelled =
        book_json(s, "TILLER", "2020-05-21", "2020-05-21", "@취소", "010-8400-0003");
    REQUIRE(s.post("/api/v1/reservations/" + str(cancelled.at("code")) + "/cancel",
                   json::object{{"phone", "010-8400-0003"}})
                .status == 200);
    const auto op = login(s, demo_operator);

    auto r = s.get("/api/v1/reservations.csv?branch=GS&from=2020-05-18&to=2020-05-24", op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.header("content-type") == "text/csv; charset=utf-8");
    CHECK(r.header("content-disposition").find("reservations-2020-05-18-2020-05-24.csv") !=
          std::string::npos);
    const std::string& csv = r.body;
    REQUIRE(csv.starts_with("\xEF\xBB\xBF"));
    const auto first_eol = csv.find("\r\n");
    REQUIRE(first_eol != std::string::npos);
    CHECK(
        csv.substr(3, first_eol - 3) ==
        "예약번호,상태,사업소,기종,사용 시작일,사용 종료일,수령 시작,수령 마감,반납 기한,농업인,"
        "휴대전화,접수 경로,1일 임대료,임대료 합계,감면액,할증액,청구액,연체료,기계 번호,출고 시각,"
        "반납 시각,예약 시각,사유,운반,운반 지역,운반 주소,운반비,작목반 (공동 이용),반일");
    // Every record ends with CRLF; no bare LF anywhere.
    CHECK(csv.ends_with("\r\n"));
    for (std::size_t i = csv.find('\n'); i != std::string::npos; i = csv.find('\n', i + 1)) {
        CHECK(csv[i - 1] == '\r');
    }
    // The formula is text, never evaluated; quotes doubled inside a quoted field.
    CHECK(csv.find(",'=SUM(A1:A9),010-8400-0001,") != std::string::npos);
    CHECK(csv.find(",=SUM") == std::string::npos);
    CHECK(csv.find(",\"김 \"\"큰손\"\", 철수\",010-8400-0002,") != std::string::npos);
    CHECK(csv.find(",'@취소,") != std::string::npos);
    // The row of the formula booking, field by field.
    const std::string code = str(formula.at("code"));
    const auto row_at = csv.find(code + ",");
    REQUIRE(row_at != std::string::npos);
    const std::string row = csv.substr(row_at, csv.find("\r\n", row_at) - row_at);
    CHECK(row.starts_with(code + ",확정,광산본소,"));
    CHECK(row.find(",2020-05-20,2020-05-20,2020-05-20 09:00,2020-05-20 18:00,2020-05-20 17:00,") !=
          std::string::npos);
    const auto daily_fee = formula.at("fee").at("days").at(0).at("daily_fee").as_int64();
    CHECK(row.find(",인터넷," + std::to_string(daily_fee) + ",") != std::string::npos);
    (void)quoted;

    // Filters: status, and English headers on request.
    r = s.get("/api/v1/reservations.csv?status=cancelled&from=2020-05-18&to=2020-05-24&lang=en",
              op.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.body.substr(3).starts_with("Booking code,Status,Office,"));
    CHECK(r.body.find(str(cancelled.at("code")) + ",Cancelled,") != std::string::npos);
    CHECK(r.body.find(code) == std::string::npos);
    CHECK(s.get("/api/v1/reservations.csv?status=lost&from=2020-05-18&to=2020-05-24", op.bearer())
              .status == 400);
}
