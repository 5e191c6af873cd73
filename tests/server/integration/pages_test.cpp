// The farmers' HTML pages (issue 5) over real HTTP against the built binary: headers, the
// booking form (urlencoded POST, 303), refusals beside the field, English, look-up and cancel.
#include <regex>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;

namespace {

const std::vector<std::pair<std::string, std::string>> form_type{
    {"Content-Type", "application/x-www-form-urlencoded"}};

/// The booking form's fields for a one- or more-day booking that was quoted as is.
std::vector<std::pair<std::string, std::string>>
booking_fields(std::string start, std::string end, std::string name, std::string phone,
               std::string type = "RICE_TRANSPLANTER", std::string branch = "GS") {
    const std::string quoted_end = end.empty() ? start : end;
    return {{"branch", branch}, {"type", type},          {"start", start},
            {"end", end},       {"quoted_start", start}, {"quoted_end", quoted_end},
            {"name", name},     {"phone", phone},        {"district", ""}};
}

void check_page_headers(const http_reply& r) {
    CHECK(r.header("content-type") == "text/html; charset=utf-8");
    const auto csp = r.header("content-security-policy");
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("referrer-policy") == "same-origin");
    CHECK(r.header("x-frame-options") == "DENY");
}

/// Whether an English page shows Korean: the language switch is labelled in the other
/// language on purpose.
bool has_hangul_besides_switch(std::string html) {
    if (const auto at = html.find("한국어"); at != std::string::npos) {
        html.erase(at, std::string_view{"한국어"}.size());
    }
    // A branch's delivery area is office data: the 읍·면·동 names as they are (issue 15).
    if (const auto at = html.find("<select id=\"f-delivery-area\""); at != std::string::npos) {
        html.erase(at, html.find("</select>", at) - at);
    }
    return has_hangul(html);
}

std::string code_of(const http_reply& r) {
    const std::string loc = r.header("location");
    REQUIRE(loc.starts_with("/booking/"));
    return loc.substr(9, 8);
}

/// "bk_CODE=value" from the reply's Set-Cookie (for the Cookie header of the next request).
std::string grant_cookie(const http_reply& r) {
    const std::string c = r.header("set-cookie");
    REQUIRE(c.starts_with("bk_"));
    return c.substr(0, c.find(';'));
}

} // namespace

TEST_CASE("pages: HTML with the security headers, assets, 404", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    for (const char* target : {"/", "/book", "/book?branch=GS", "/my",
                               "/book?branch=GS&type=RICE_TRANSPLANTER&month=2020-05",
                               "/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-24"}) {
        CAPTURE(target);
        const auto r = s.get(target);
        CHECK(r.status == 200);
        check_page_headers(r);
        CHECK(r.body.starts_with("<!doctype html>"));
        CHECK(r.body.find("<html lang=\"ko\">") != std::string::npos);
        CHECK(leftover_keys(r.body, farmer_keys).empty());
    }

    auto r = s.get("/no/such/page");
    CHECK(r.status == 404);
    check_page_headers(r);
    CHECK(r.body.find("페이지를 찾을 수 없습니다") != std::string::npos);
    r = s.get("/api/v1/no-such-thing");
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found"); // the API keeps its JSON errors

    // The stylesheet's URL carries its content hash: cached for a year.
    const auto home = s.get("/");
    std::smatch m;
    REQUIRE(
        std::regex_search(home.body, m, std::regex{"href=\"(/static/app\\.css\\?v=[0-9a-f]+)\""}));
    r = s.get(m[1].str());
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == "text/css; charset=utf-8");
    CHECK(r.header("cache-control").find("immutable") != std::string::npos);
    CHECK(r.body.find("@media print") != std::string::npos);
    r = s.get("/static/app.css?v=old");
    CHECK(r.header("cache-control") == "no-cache");
    r = s.get("/static/app.js");
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(s.get("/static/nothing.css").status == 404);

    // The home page: both offices, phones, hours, the season, today's discount, the fees.
    CHECK(home.body.find("광산본소") != std::string::npos);
    CHECK(home.body.find("062-613-5328") != std::string::npos);
    CHECK(home.body.find("평일 09:00~18:00") != std::string::npos);
    CHECK(home.body.find("2020년 5월 18일 (월) ~ 2020년 6월 20일 (토)") != std::string::npos);
    CHECK(home.body.find("50% 할인") != std::string::npos);
    CHECK(home.body.find("60,000원") != std::string::npos);
    CHECK(home.body.find("href=\"/book\"") != std::string::npos);
    CHECK(home.body.find("href=\"/my\"") != std::string::npos);
}

TEST_CASE("pages: a day whose booking has closed shows closed, with the reason, and no link",
          "[pages]") {
    server_process s;
    s.set_clock("2020-05-23 17:30"); // Sunday's eve pickup (Sat 17:00–18:00) has begun
    auto r = s.get("/book?branch=GS&type=TILLER&month=2020-05");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("day day-booking-closed\" data-date=\"2020-05-24\"") != std::string::npos);
    CHECK(r.body.find("start=2020-05-24") == std::string::npos); // not offered
    CHECK(r.body.find("start=2020-05-25") != std::string::npos); // Monday is
    CHECK(r.body.find("5월 24일 (일): 미리 수령 시간(5월 23일(토) 오후 5시부터)이 이미 시작되어 "
                      "예약이 마감되었습니다.") != std::string::npos);
    r = s.get("/book?branch=GS&type=TILLER&month=2020-05&lang=en");
    CHECK(r.body.find("The early pickup (Sat 23 May, 17:00 on) has already started") !=
          std::string::npos);
}

TEST_CASE("pages: the calendar and the quote of an eve-pickup Sunday", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    auto r = s.get("/book?branch=GS&type=RICE_TRANSPLANTER&month=2020-05");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("2020년 5월") != std::string::npos);
    CHECK(r.body.find("어린이날") != std::string::npos); // a closed day with its reason
    CHECK(r.body.find("data-date=\"2020-05-24\"") != std::string::npos);
    CHECK(r.body.find("start=2020-05-24") != std::string::npos); // Sundays can be chosen
    CHECK(r.body.find("/static/app.js?v=") != std::string::npos);

    r = s.get("/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-24");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("5월 23일 (토) 17:00~18:00") != std::string::npos);
    // The pickup day is named, and the window stands out (issue 13: never "전날").
    CHECK(r.body.find(
              "첫날(5월 24일 일)은 사업소가 쉬는 날이라 <span class=\"eve-window\">토요일(5월 "
              "23일) <span class=\"eve-hours\">오후 5시~6시</span></span>에 미리 수령합니다.") !=
          std::string::npos);
    CHECK(r.body.find("전날") == std::string::npos);
    CHECK(r.body.find("5월 25일 (월) 09:00까지") != std::string::npos);
    CHECK(r.body.find("50% 할인") != std::string::npos);
    CHECK(r.body.find("30,000원") != std::string::npos);
    CHECK(r.body.find("name=\"quoted_start\" value=\"2020-05-24\"") != std::string::npos);

    // An unknown calendar year is shown as such, not guessed (DOMAIN.md §2).
    s.set_clock("2027-12-20 10:00");
    r = s.get("/book?branch=GS&type=CULTIVATOR&month=2028-01");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("day-unknown") != std::string::npos);
}

TEST_CASE("pages: booking through the form creates a reservation and redirects 303", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto before = s.query("SELECT count(*) FROM reservations");
    auto r = post_form(s, "/book", booking_fields("2020-05-24", "", "홍길순", "010 5555 0001"));
    REQUIRE(r.status == 303);
    check_page_headers(r);
    const std::string code = code_of(r);
    CHECK(r.header("location") == "/booking/" + code + "?new=1");
    // The phone is not in the URL: a signed, short-lived cookie for this booking's page.
    CHECK(r.header("location").find("010") == std::string::npos);
    const std::string cookie = grant_cookie(r);
    CHECK(r.header("set-cookie").find("Path=/booking/" + code) != std::string::npos);
    CHECK(r.header("set-cookie").find("HttpOnly") != std::string::npos);
    CHECK(std::stoi(s.query("SELECT count(*) FROM reservations")) == std::stoi(before) + 1);
    CHECK(s.query("SELECT status || '/' || channel FROM reservations WHERE code = '" + code +
                  "'") == "confirmed/web");

    r = s.get("/booking/" + code + "?new=1", {{"Cookie", cookie}});
    REQUIRE(r.status == 200);
    check_page_headers(r);
    CHECK(r.body.find("class=\"booking-code\"") != std::string::npos);
    CHECK(r.body.find(code) != std::string::npos);
    CHECK(r.body.find("예약되었습니다") != std::string::npos);
    CHECK(r.body.find("홍길순") != std::string::npos);
    CHECK(r.body.find("토요일(5월 23일) <span class=\"eve-hours\">오후 5시~6시</span></span>에 "
                      "미리 수령") != std::string::npos);
    CHECK(r.body.find("30,000원") != std::string::npos);
    CHECK(r.body.find("신분증") != std::string::npos);
    CHECK(r.body.find(code + ".ics?phone=010-5555-0001") != std::string::npos);
    CHECK(r.body.find("tel:0626135328") != std::string::npos);
    CHECK(leftover_keys(r.body, farmer_keys).empty());

    // Without the cookie: only the look-up form, nothing of the booking.
    r = s.get("/booking/" + code);
    CHECK(r.status == 200);
    CHECK(r.body.find("홍길순") == std::string::npos);
    CHECK(r.body.find("name=\"phone\"") != std::string::npos);
    CHECK(r.body.find("value=\"" + code + "\"") != std::string::npos);
    // A forged cookie is no grant.
    r = s.get("/booking/" + code, {{"Cookie", "bk_" + code + "=010-5555-0001.9999999999.00"}});
    CHECK(r.body.find("홍길순") == std::string::npos);

    // The .ics link of the page works.
    r = s.get("/api/v1/reservations/" + code + ".ics?phone=010-5555-0001");
    CHECK(r.status == 200);
    CHECK(r.header("content-type").starts_with("text/calendar"));
}

TEST_CASE("pages: a 4-day request shows the message beside the dates, values kept", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto before = s.query("SELECT count(*) FROM reservations");
    auto r = post_form(
        s, "/book",
        booking_fields("2020-05-18", "2020-05-21", "김농부", "010-5555-0002", "CULTIVATOR"));
    CHECK(r.status == 422);
    check_page_headers(r);
    const auto end_field = r.body.find("id=\"f-end\"");
    const auto message = r.body.find("최대 3일까지 예약할 수 있습니다.", end_field);
    const auto name_field = r.body.find("id=\"f-name\"");
    REQUIRE(end_field != std::string::npos);
    REQUIRE(message != std::string::npos);
    CHECK(end_field < message);
    CHECK(message < name_field);
    CHECK(r.body.find("id=\"dates-error\" aria-live=\"polite\">최대 3일까지") != std::string::npos);
    CHECK(r.body.find("value=\"2020-05-18\"") != std::string::npos);
    CHECK(r.body.find("value=\"2020-05-21\"") != std::string::npos);
    CHECK(r.body.find("value=\"김농부\"") != std::string::npos);
    CHECK(r.body.find("value=\"010-5555-0002\"") != std::string::npos);
    CHECK(s.query("SELECT count(*) FROM reservations") == before);

    // The same refusal for a GET quote (days chosen on the calendar).
    r = s.get("/book?branch=GS&type=CULTIVATOR&start=2020-05-18&end=2020-05-21");
    CHECK(r.status == 200);
    CHECK(r.body.find("최대 3일까지 예약할 수 있습니다.") != std::string::npos);

    // Bad fields: beside each field, nothing stored.
    r = post_form(s, "/book", booking_fields("2020-05-18", "", "", "12345", "CULTIVATOR"));
    CHECK(r.status == 400);
    CHECK(r.body.find("이름을 적어 주세요.") != std::string::npos);
    CHECK(r.body.find("휴대전화 번호를 010-1234-5678처럼 적어 주세요.") != std::string::npos);
    CHECK(r.body.find("value=\"12345\"") != std::string::npos);
    CHECK(s.query("SELECT count(*) FROM reservations") == before);
}

TEST_CASE("pages: invalid UTF-8 and control characters are field errors, never stored", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto before = s.query("SELECT count(*) FROM farmers");
    const std::string body = "branch=GS&type=CULTIVATOR&start=2020-05-19&end=&"
                             "quoted_start=2020-05-19&quoted_end=2020-05-19&"
                             "name=%FF%FEab&phone=010-5555-0003&district=a%0Db";
    auto r = http_request(s.port(), "POST", "/book", body, form_type);
    CHECK(r.status == 400);
    CHECK(r.body.find("쓸 수 없는 문자가 들어 있습니다") != std::string::npos);
    CHECK(r.body.find("value=\"\xEF\xBF\xBD\xEF\xBF\xBD"
                      "ab\"") != std::string::npos);
    CHECK(s.query("SELECT count(*) FROM farmers") == before);

    // Not a form at all.
    r = http_request(s.port(), "POST", "/book", "{}", {{"Content-Type", "application/json"}});
    CHECK(r.status == 400);
    check_page_headers(r);
}

TEST_CASE("pages: changed dates are quoted again before booking", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    auto fields = booking_fields("2020-05-19", "", "박농부", "010-5555-0004", "CULTIVATOR");
    fields[5].second = "2020-05-18"; // quoted_end: the farmer changed the days after the quote
    fields[4].second = "2020-05-18";
    const auto r = post_form(s, "/book", fields);
    CHECK(r.status == 200);
    CHECK(r.body.find("날짜가 바뀌어 요금을 다시 계산했습니다") != std::string::npos);
    CHECK(r.body.find("name=\"quoted_start\" value=\"2020-05-19\"") != std::string::npos);
    CHECK(s.query("SELECT count(*) FROM reservations r JOIN farmers f ON f.id = r.farmer_id "
                  "WHERE f.phone = '010-5555-0004'") == "0");
}

TEST_CASE("pages: English renders English", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    auto r = s.get("/?lang=en");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("<html lang=\"en\">") != std::string::npos);
    CHECK(r.header("set-cookie").starts_with("lang=en;"));
    CHECK(r.body.find("Book a machine") != std::string::npos);
    CHECK(r.body.find("Gwangsan office") != std::string::npos);
    CHECK(r.body.find("Weekdays 09:00–18:00") != std::string::npos);
    CHECK(r.body.find("₩60,000") != std::string::npos);
    CHECK_FALSE(has_hangul_besides_switch(r.body));
    CHECK(leftover_keys(r.body, farmer_keys).empty());

    const std::vector<std::pair<std::string, std::string>> en{{"Cookie", "lang=en"}};
    for (const char* target :
         {"/book", "/book?branch=GS&type=RICE_TRANSPLANTER&month=2020-05", "/my", "/nope",
          "/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-24",
          "/book?branch=GS&type=CULTIVATOR&start=2020-05-18&end=2020-05-21"}) {
        CAPTURE(target);
        r = s.get(target, en);
        CHECK(r.body.find("<html lang=\"en\">") != std::string::npos);
        CHECK_FALSE(has_hangul_besides_switch(r.body));
        CHECK(leftover_keys(r.body, farmer_keys).empty());
    }
    r = s.get("/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-24", en);
    CHECK(r.body.find("Sat 23 May, 17:00–18:00") != std::string::npos);
    CHECK(r.body.find("you pick the machine up early: <span class=\"eve-window\">Saturday 23 May, "
                      "<span class=\"eve-hours\">5–6 pm</span></span>.") != std::string::npos);
    CHECK(r.body.find("day before") == std::string::npos);
    CHECK(r.body.find("50% off") != std::string::npos);
    CHECK(r.body.find("₩30,000") != std::string::npos);

    r = post_form(s, "/book",
                  booking_fields("2020-05-18", "2020-05-21", "Kim", "010-5555-0005", "CULTIVATOR"),
                  en);
    CHECK(r.status == 422);
    CHECK(r.body.find("You can book at most 3 days.") != std::string::npos);

    r = post_form(s, "/book", booking_fields("2020-05-24", "", "Kim", "010-5555-0005"), en);
    REQUIRE(r.status == 303);
    r = s.get(r.header("location"), {{"Cookie", "lang=en; " + grant_cookie(r)}});
    CHECK(r.status == 200);
    CHECK(r.body.find("You are booked") != std::string::npos);
    CHECK_FALSE(has_hangul_besides_switch(r.body));
    CHECK(leftover_keys(r.body, farmer_keys).empty());
}

TEST_CASE("pages: look-up and cancel", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    auto r = post_form(s, "/book",
                       booking_fields("2020-05-19", "", "이농부", "010-5555-0006", "CULTIVATOR"));
    REQUIRE(r.status == 303);
    const std::string code = code_of(r);

    // Wrong phone: the same answer as a wrong code, the values kept.
    r = post_form(s, "/my", {{"code", code}, {"phone", "010-5555-9999"}});
    CHECK(r.status == 404);
    CHECK(r.body.find("예약번호와 전화번호가 맞는 예약이 없습니다.") != std::string::npos);
    CHECK(r.body.find("value=\"" + code + "\"") != std::string::npos);
    CHECK(r.body.find("value=\"010-5555-9999\"") != std::string::npos);
    r = post_form(s, "/my", {{"code", "abc"}, {"phone", ""}});
    CHECK(r.status == 400);
    CHECK(r.body.find("예약번호는 K7M2Q9XW처럼 8자리입니다.") != std::string::npos);

    // Right phone (typed differently, code in lower case): 303 to the booking with a grant.
    std::string lower = code;
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    r = post_form(s, "/my", {{"code", lower}, {"phone", "01055550006"}});
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/booking/" + code);
    const std::string cookie = grant_cookie(r);
    r = s.get("/booking/" + code, {{"Cookie", cookie}});
    CHECK(r.body.find("예약 확정") != std::string::npos);
    CHECK(r.body.find("/booking/" + code + "/cancel") != std::string::npos);

    r = s.get("/booking/" + code + "/cancel", {{"Cookie", cookie}});
    CHECK(r.status == 200);
    CHECK(r.body.find("예약을 취소할까요?") != std::string::npos);
    // Without the grant a cancel POST does nothing.
    r = post_form(s, "/booking/" + code + "/cancel", {});
    CHECK(r.status == 200);
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "confirmed");

    r = post_form(s, "/booking/" + code + "/cancel", {}, {{"Cookie", cookie}});
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/booking/" + code + "?done=cancelled");
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "cancelled");
    r = s.get(r.header("location"), {{"Cookie", cookie}});
    CHECK(r.body.find("예약을 취소했습니다.") != std::string::npos);
    CHECK(r.body.find("예약 취소됨") != std::string::npos);
    CHECK(r.body.find("/booking/" + code + "/cancel") == std::string::npos);

    // Once the pickup window has opened a farmer can no longer cancel online.
    r = post_form(s, "/book",
                  booking_fields("2020-05-20", "", "이농부", "010-5555-0006", "CULTIVATOR"));
    REQUIRE(r.status == 303);
    const std::string code2 = code_of(r);
    const std::string cookie2 = grant_cookie(r);
    s.set_clock("2020-05-20 09:30");
    // The grant of a week ago has expired: the page asks for the phone again.
    r = s.get("/booking/" + code2, {{"Cookie", cookie2}});
    CHECK(r.body.find("name=\"phone\"") != std::string::npos);
    r = post_form(s, "/my", {{"code", code2}, {"phone", "010-5555-0006"}});
    REQUIRE(r.status == 303);
    const std::string fresh = grant_cookie(r);
    r = s.get("/booking/" + code2, {{"Cookie", fresh}});
    CHECK(r.body.find("/booking/" + code2 + "/cancel") == std::string::npos); // no cancel button
    r = post_form(s, "/booking/" + code2 + "/cancel", {}, {{"Cookie", fresh}});
    CHECK(r.status == 409);
    CHECK(r.body.find("수령 시간이 이미 시작되어") != std::string::npos);
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code2 + "'") == "confirmed");
}

TEST_CASE("pages: a name with <script> is shown as text", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    auto r = post_form(s, "/book",
                       booking_fields("2020-05-19", "", "<script>alert(1)</script>",
                                      "010-5555-0007", "CULTIVATOR"));
    REQUIRE(r.status == 303);
    r = s.get(r.header("location"), {{"Cookie", grant_cookie(r)}});
    CHECK(r.status == 200);
    CHECK(r.body.find("<script>alert") == std::string::npos);
    CHECK(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("pages: a signed-in staff member's forms carry the CSRF token", "[pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto staff = login(s, demo_operator);
    auto r = s.get("/book?branch=GS&type=CULTIVATOR&start=2020-05-19", staff.cookie_only());
    REQUIRE(r.status == 200);
    CHECK(r.body.find("name=\"csrf\" value=\"" + staff.csrf + "\"") != std::string::npos);

    auto fields = booking_fields("2020-05-19", "", "최농부", "010-5555-0008", "CULTIVATOR");
    r = post_form(s, "/book", fields, staff.cookie_only());
    CHECK(r.status == 403); // the access filter: a cookie-authenticated POST without the token
    fields.emplace_back("csrf", staff.csrf);
    r = post_form(s, "/book", fields, staff.cookie_only());
    CHECK(r.status == 303);
}
