// The staff pages (issue 5 "Staff") over real HTTP against the built binary: the login and its
// way back (`next`, never to another site), session timeout and logout, role and branch 403
// pages, CSRF on the forms, booking for a caller from the board, check-out and a late check-in
// through the forms with the late fee shown, the units' status buttons, at-risk moves.
#include <regex>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;

namespace {

using fields = form_fields;

/// A browser's staff session: its cookie and the CSRF token its pages carry.
struct browser {
    std::string cookie; // "agrirent_session=…"
    std::string csrf;

    [[nodiscard]] header_list headers() const { return {{"Cookie", cookie}}; }
};

http_reply get_page(const server_process& s, std::string_view target, const browser& b) {
    return s.get(target, b.headers());
}

http_reply post_form(const server_process& s, std::string_view target, fields f, const browser& b,
                     bool with_csrf = true) {
    if (with_csrf) {
        f.emplace_back("csrf", b.csrf);
    }
    return post_form(s, target, f, b.headers());
}

/// The value of the first hidden csrf field of a page.
std::string csrf_of(const std::string& html) {
    static const std::regex field{"name=\"csrf\" value=\"([^\"]+)\""};
    std::smatch m;
    return std::regex_search(html, m, field) ? std::string{m[1]} : std::string{};
}

std::string cookie_of(const http_reply& r) {
    const std::string c = r.header("set-cookie");
    return c.substr(0, c.find(';'));
}

/// Logs in through the login form (GET for its token and cookie, then POST), as a browser.
struct login_result {
    http_reply reply;
    browser b;
};

login_result login_form(const server_process& s, const demo_account& who,
                        std::string_view next = {}) {
    const auto page = s.get("/staff/login");
    REQUIRE(page.status == 200);
    const std::string login_cookie = cookie_of(page);
    REQUIRE(login_cookie.starts_with("agrirent_login="));
    fields f{{"username", who.username}, {"password", who.password}, {"csrf", csrf_of(page.body)}};
    if (!next.empty()) {
        f.emplace_back("next", std::string{next});
    }
    login_result out;
    out.reply = post_form(s, "/staff/login", f, {{"Cookie", login_cookie}});
    if (out.reply.status == 303) {
        out.b.cookie = cookie_of(out.reply);
        REQUIRE(out.b.cookie.starts_with("agrirent_session="));
        const auto home = s.get("/staff", {{"Cookie", out.b.cookie}});
        const auto where = home.header("location");
        out.b.csrf = csrf_of(s.get(where, {{"Cookie", out.b.cookie}}).body);
    }
    return out;
}

browser signed_in(const server_process& s, const demo_account& who) {
    auto r = login_form(s, who);
    REQUIRE(r.reply.status == 303);
    REQUIRE_FALSE(r.b.csrf.empty());
    return r.b;
}

std::string code_in(const std::string& location) {
    static const std::regex code{"/staff/reservations/([A-Z0-9]{8})"};
    std::smatch m;
    REQUIRE(std::regex_search(location, m, code));
    return m[1];
}

bool is_html(const http_reply& r) {
    return r.header("content-type") == "text/html; charset=utf-8";
}

/// A booking through the public API (the clock decides what is bookable).
std::string book(const server_process& s, std::string_view branch, std::string_view type,
                 std::string_view start, std::string_view end, std::string_view phone) {
    const auto r = s.post("/api/v1/reservations",
                          booking(branch, type, start, end.empty() ? start : end, "김농부", phone));
    REQUIRE(r.status == 201);
    return std::string{r.json().at("code").as_string()};
}

std::string status_of(const server_process& s, const std::string& code) {
    return s.query("SELECT status FROM reservations WHERE code = '" + code + "'");
}

} // namespace

TEST_CASE("staff pages: a page without a session goes to the login and comes back",
          "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");

    auto r = s.get("/staff/board");
    CHECK(r.status == 303);
    CHECK(r.header("location") == "/staff/login?next=/staff/board");
    CHECK(r.body.empty()); // nothing of the page

    const std::string target = "/staff/day?date=2020-05-12&branch=GS";
    r = s.get(target);
    REQUIRE(r.status == 303);
    const std::string location = r.header("location");
    REQUIRE(location.starts_with("/staff/login?next="));
    CHECK(url_decode(location.substr(location.find('=') + 1)) == target);

    // The login page keeps where to go, and the login goes there.
    r = s.get(location);
    CHECK(r.status == 200);
    CHECK(is_html(r));
    CHECK(r.body.find("name=\"next\" value=\"/staff/day?date=2020-05-12&amp;branch=GS\"") !=
          std::string::npos);
    CHECK(r.body.find("name=\"csrf\"") != std::string::npos);
    auto in = login_form(s, demo_clerk_gs, target);
    CHECK(in.reply.status == 303);
    CHECK(in.reply.header("location") == target);
    r = get_page(s, target, in.b);
    CHECK(r.status == 200);
    CHECK(r.body.find("광산본소") != std::string::npos);

    // Without `next`: each role's home.
    CHECK(login_form(s, demo_operator).reply.header("location") == "/staff/board");
    CHECK(login_form(s, demo_clerk_bb).reply.header("location") == "/staff/day");
    CHECK(login_form(s, demo_admin).reply.header("location") == "/staff/board");

    // A wrong password: the message beside the field, 401, no session.
    const auto page = s.get("/staff/login");
    r = post_form(
        s, "/staff/login",
        {{"username", "operator"}, {"password", "wrong-password"}, {"csrf", csrf_of(page.body)}},
        {{"Cookie", cookie_of(page)}});
    CHECK(r.status == 401);
    CHECK(r.body.find("id=\"f-password-error\" aria-live=\"polite\">아이디 또는 비밀번호가 맞지 "
                      "않습니다.") != std::string::npos);
    CHECK(r.body.find("value=\"operator\"") != std::string::npos); // the username is kept
    CHECK(r.header("set-cookie").find("agrirent_session") == std::string::npos);

    // Repeated failures are slowed, then refused: a plain message, 429 (issue 4 throttling).
    int last = 0;
    std::string body;
    for (int i = 0; i < 4; ++i) {
        const auto form = s.get("/staff/login");
        const auto reply = post_form(s, "/staff/login",
                                     {{"username", "nobody"},
                                      {"password", "guess-" + std::to_string(i)},
                                      {"csrf", csrf_of(form.body)}},
                                     {{"Cookie", cookie_of(form)}});
        last = reply.status;
        body = reply.body;
    }
    CHECK(last == 429);
    CHECK(body.find("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.") !=
          std::string::npos);
}

TEST_CASE("staff pages: `next` is a local path only, never another site", "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::vector<std::string> bad{"//evil.example/x",
                                       "/\\evil.example",
                                       "/\\/evil.example",
                                       "https://evil.example/",
                                       "javascript:alert(1)",
                                       "evil.example",
                                       "/%2F%2Fevil.example",
                                       "/%5cevil.example",
                                       " /staff/board",
                                       "/staff/board\r\nSet-Cookie: x=y",
                                       "/staff/\x7f",
                                       "/staff/board?q=\xED\x99\x8D",
                                       "/staff/login?next=//evil.example",
                                       "/" + std::string(1200, 'a')};
    for (const auto& next : bad) {
        CAPTURE(next);
        const auto in = login_form(s, demo_operator, next);
        CHECK(in.reply.status == 303);
        CHECK(in.reply.header("location") == "/staff/board");
        // The login page does not even carry it.
        const auto page = s.get("/staff/login?next=" + url_encode(next));
        CHECK(page.body.find("name=\"next\"") == std::string::npos);
    }
    // A local path with its query is kept as it was.
    const auto in = login_form(s, demo_operator, "/staff/board?from=2020-05-19&q=010-1234-5678");
    CHECK(in.reply.header("location") == "/staff/board?from=2020-05-19&q=010-1234-5678");
    // Signed in already: the login page sends on, and still only to a local path.
    auto r = get_page(s, "/staff/login?next=" + url_encode("//evil.example"), in.b);
    CHECK(r.status == 303);
    CHECK(r.header("location") == "/staff/board");
    r = get_page(s, "/staff/login?next=" + url_encode("/staff/day?branch=BB"), in.b);
    CHECK(r.header("location") == "/staff/day?branch=BB");
}

TEST_CASE("staff pages: an ended session shows the login page, which leads back", "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto clerk = signed_in(s, demo_clerk_gs);
    CHECK(get_page(s, "/staff/day", clerk).status == 200);

    // Idle for 31 minutes of test-clock time (DOMAIN.md §8, issue 4: idle timeout 30 min).
    s.set_clock("2020-05-12 10:31");
    auto r = get_page(s, "/staff/day?date=2020-05-12", clerk);
    REQUIRE(r.status == 303);
    const std::string location = r.header("location");
    CHECK(location.find("expired=1") != std::string::npos);
    r = s.get(location);
    CHECK(r.body.find("오래 사용하지 않아 로그아웃되었습니다") != std::string::npos);
    const auto again = login_form(s, demo_clerk_gs, "/staff/day?date=2020-05-12");
    CHECK(again.reply.header("location") == "/staff/day?date=2020-05-12");

    // A POST after the session ended: back to the login, then to the form's page.
    r = post_form(s, "/staff/units/GS-TILLER-01/status",
                  {{"status", "maintenance"}, {"back", "/staff/day?date=2020-05-12"}}, clerk);
    CHECK(r.status == 303);
    CHECK(url_decode(r.header("location")).find("next=/staff/day?date=2020-05-12") !=
          std::string::npos);
    CHECK(s.query("SELECT status FROM units WHERE tag = 'GS-TILLER-01'") == "available");

    // Logging out ends the session and clears the cookie.
    r = post_form(s, "/staff/logout", {}, again.b);
    CHECK(r.status == 303);
    CHECK(r.header("location") == "/staff/login?done=logout");
    CHECK(r.header("set-cookie").find("Max-Age=0") != std::string::npos);
    r = get_page(s, "/staff/day", again.b);
    CHECK(r.status == 303);
    CHECK(r.header("location").starts_with("/staff/login?next=/staff/day"));
    CHECK(s.get("/staff/login?done=logout").body.find("로그아웃했습니다.") != std::string::npos);
}

TEST_CASE("staff pages: roles and branches are checked on every page (403 pages)",
          "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string bb_code = book(s, "BB", "CULTIVATOR", "2020-05-19", "", "010-7300-0001");
    const std::string gs_code = book(s, "GS", "CULTIVATOR", "2020-05-19", "", "010-7300-0002");
    const auto clerk = signed_in(s, demo_clerk_gs);
    const auto op = signed_in(s, demo_operator);

    for (const std::string& target : std::vector<std::string>{
             "/staff/board", "/staff/book?branch=GS&type=CULTIVATOR&start=2020-05-19",
             "/staff/day?branch=BB", "/staff/reservations/" + bb_code}) {
        CAPTURE(target);
        const auto r = get_page(s, target, clerk);
        CHECK(r.status == 403);
        CHECK(is_html(r));
        CHECK(r.body.find("<h1>권한이 없습니다</h1>") != std::string::npos);
        CHECK(r.body.find("김농부") == std::string::npos); // nothing of the reservation
        CHECK(r.body.find("010-7300-0001") == std::string::npos);
    }
    CHECK(get_page(s, "/staff/reservations/" + gs_code, clerk).status == 200);
    CHECK(get_page(s, "/staff/day?branch=GS", clerk).status == 200);

    // A clerk acting on another branch's reservation or unit: 403, nothing changed.
    auto r = post_form(s, "/staff/reservations/" + bb_code + "/cancel",
                       {{"reason", "test"}, {"back", "/staff/day"}}, clerk);
    CHECK(r.status == 403);
    CHECK(status_of(s, bb_code) == "confirmed");
    r = post_form(s, "/staff/units/BB-TILLER-01/status", {{"status", "maintenance"}}, clerk);
    CHECK(r.status == 403);
    CHECK(s.query("SELECT status FROM units WHERE tag = 'BB-TILLER-01'") == "available");

    // Operators read any day sheet but do not hand machines out.
    r = get_page(s, "/staff/day?branch=BB&date=2020-05-19", op);
    CHECK(r.status == 200);
    CHECK(r.body.find(bb_code) != std::string::npos);
    CHECK(r.body.find("/checkout\"") == std::string::npos);
    r = post_form(s, "/staff/reservations/" + gs_code + "/checkout", {{"hour_meter", "1"}}, op);
    CHECK(r.status == 403);

    // Without a session nothing of a reservation shows; farmers' pages show no staff data.
    r = s.get("/staff/reservations/" + gs_code);
    CHECK(r.status == 303);
    CHECK(r.body.empty());
    r = s.get("/booking/" + gs_code);
    CHECK(r.body.find("010-7300-0002") == std::string::npos);
    CHECK(r.body.find("/staff/") == std::string::npos);
}

TEST_CASE("staff pages: a form POST without the CSRF token is refused with a page",
          "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = signed_in(s, demo_operator);
    const std::string code =
        s.query("SELECT code FROM reservations WHERE status = 'requested' ORDER BY id LIMIT 1");
    REQUIRE_FALSE(code.empty());

    auto r = post_form(s, "/staff/reservations/" + code + "/confirm", {{"back", "/staff/board"}},
                       op, false);
    CHECK(r.status == 403);
    CHECK(is_html(r));
    CHECK(r.body.find("양식이 만료되었습니다") != std::string::npos);
    CHECK(status_of(s, code) == "requested");
    browser forged = op;
    forged.csrf = "not-the-token";
    r = post_form(s, "/staff/reservations/" + code + "/confirm", {{"back", "/staff/board"}},
                  forged);
    CHECK(r.status == 403);
    CHECK(status_of(s, code) == "requested");
    // The JSON API keeps API.md's JSON error.
    r = s.post("/api/v1/reservations/" + code + "/confirm", boost::json::object{},
               {{"Cookie", op.cookie}});
    CHECK(r.status == 403);
    CHECK(r.error_code() == "csrf");

    // With the token: confirmed, back on the board with a notice.
    r = post_form(s, "/staff/reservations/" + code + "/confirm", {{"back", "/staff/board"}}, op);
    CHECK(r.status == 303);
    CHECK(r.header("location") == "/staff/board?done=confirm&code=" + code);
    CHECK(status_of(s, code) == "confirmed");
    CHECK(get_page(s, r.header("location"), op).body.find(code + " 예약을 확정했습니다.") !=
          std::string::npos);

    // Login CSRF: a login form without the login page's own cookie is refused.
    const auto page = s.get("/staff/login");
    r = post_form(s, "/staff/login",
                  {{"username", "operator"},
                   {"password", "demo-operator-2020"},
                   {"csrf", csrf_of(page.body)}});
    CHECK(r.status == 403);
    CHECK(r.header("set-cookie").find("agrirent_session") == std::string::npos);
}

TEST_CASE("staff pages: an operator books for a caller from the board", "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = signed_in(s, demo_operator);

    auto r = get_page(s, "/staff/board", op);
    REQUIRE(r.status == 200);
    const std::string cell =
        "/staff/book?branch=GS&amp;type=CULTIVATOR&amp;start=2020-05-24&amp;from=2020-05-12";
    CHECK(r.body.find("href=\"" + cell + "\"") != std::string::npos);
    CHECK(r.body.find("class=\"cell cell-free is-closed\"") != std::string::npos); // Sunday

    // The quote first: an eve pickup on Saturday 17:00, the 50 % fee.
    r = get_page(s, "/staff/book?branch=GS&type=CULTIVATOR&start=2020-05-24&from=2020-05-12", op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("5월 23일 (토) 17:00~18:00") != std::string::npos);
    // The pickup day is named, never "전날" (issue 13: it is often two days before).
    CHECK(r.body.find("<span class=\"eve-window\">토요일(5월 23일) <span class=\"eve-hours\">오후 "
                      "5시~6시</span></span>에 미리 수령") != std::string::npos);
    CHECK(r.body.find("전날") == std::string::npos);
    CHECK(r.body.find("10,000원") != std::string::npos);
    CHECK(r.body.find("end=2020-05-26") != std::string::npos); // up to 3 days to choose

    // A bad phone number: beside the field, nothing booked.
    const fields slot{{"branch", "GS"},
                      {"type", "CULTIVATOR"},
                      {"start", "2020-05-24"},
                      {"end", "2020-05-24"},
                      {"from", "2020-05-12"}};
    auto f = slot;
    f.emplace_back("name", "이전화");
    f.emplace_back("phone", "02-123");
    r = post_form(s, "/staff/book", f, op);
    CHECK(r.status == 400);
    CHECK(r.body.find("value=\"이전화\"") != std::string::npos);
    CHECK(s.query("SELECT count(*) FROM farmers WHERE name = '이전화'") == "0");

    f = slot;
    f.emplace_back("name", "이전화");
    f.emplace_back("phone", "010-7400-0001");
    r = post_form(s, "/staff/book", f, op);
    REQUIRE(r.status == 303);
    const std::string code = code_in(r.header("location"));
    CHECK(r.header("location").find("booked=1") != std::string::npos);
    CHECK(s.query("SELECT channel FROM reservations WHERE code = '" + code + "'") == "phone");
    CHECK(status_of(s, code) == "confirmed");
    r = get_page(s, r.header("location"), op);
    CHECK(r.status == 200);
    CHECK(r.body.find("<span class=\"code-text\" aria-hidden=\"true\">" + code + "</span>") !=
          std::string::npos);
    CHECK(r.body.find("예약번호를 불러 주세요") != std::string::npos);

    // The cell's page now lists who holds that day; the search finds the booking.
    r = get_page(s, "/staff/book?branch=GS&type=CULTIVATOR&start=2020-05-24", op);
    CHECK(r.body.find(code) != std::string::npos);
    r = get_page(s, "/staff/board?q=01074000001", op);
    CHECK(r.body.find("/staff/reservations/" + code) != std::string::npos);
    r = get_page(s, "/staff/board?q=" + code, op);
    CHECK(r.body.find("/staff/reservations/" + code) != std::string::npos);
    r = get_page(s, "/staff/board?q=hello", op);
    CHECK(r.body.find("휴대전화 번호나 8자리 예약번호를 적어 주세요.") != std::string::npos);

    // A domain refusal in plain words beside the phone: a tractor needs safety training.
    f = {{"branch", "GS"}, {"type", "TRACTOR"}, {"start", "2020-05-19"},   {"end", ""},
         {"from", ""},     {"name", "이전화"},  {"phone", "010-7400-0001"}};
    r = post_form(s, "/staff/book", f, op);
    CHECK(r.status == 422);
    CHECK(r.body.find("id=\"f-phone-error\" aria-live=\"polite\">이 기종은 안전교육을") !=
          std::string::npos);

    // In English.
    r = get_page(s, "/staff/book?branch=GS&type=CULTIVATOR&start=2020-05-24&lang=en", op);
    CHECK(r.body.find("pick the machine up early: <span class=\"eve-window\">Saturday 23 May, "
                      "<span class=\"eve-hours\">5–6 pm</span></span>") != std::string::npos);
    CHECK(r.body.find("day before") == std::string::npos);
    CHECK(r.body.find("Confirm the booking") != std::string::npos);
}

TEST_CASE("staff pages: a clerk checks a machine out and back in late, the late fee shows",
          "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string code = book(s, "GS", "CULTIVATOR", "2020-05-13", "", "010-7500-0001");

    s.set_clock("2020-05-13 10:00");
    auto clerk = signed_in(s, demo_clerk_gs);
    const std::string sheet = "/staff/day?date=2020-05-13";
    auto r = get_page(s, sheet, clerk);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("action=\"/staff/reservations/" + code + "/checkout\"") != std::string::npos);
    CHECK(r.body.find("<option value=\"GS-CULTIVATOR-01\"") != std::string::npos);
    CHECK(r.body.find("name=\"override_reason\"") == std::string::npos); // inside the window

    fields checkout{{"unit", "GS-CULTIVATOR-01"},
                    {"hour_meter", "200"},
                    {"check_0", "1"},
                    {"check_1", "1"},
                    {"check_2", "1"},
                    {"check_3", "1"},
                    {"back", sheet}};
    // Not paid: refused beside the checkbox, what was typed kept.
    r = post_form(s, "/staff/reservations/" + code + "/checkout", checkout, clerk);
    CHECK(r.status == 400);
    CHECK(r.body.find("요금을 받은 뒤에만 내줄 수 있습니다.") != std::string::npos);
    CHECK(r.body.find("value=\"200\"") != std::string::npos);
    CHECK(r.body.find("<details class=\"work no-print\" open>") != std::string::npos);
    CHECK(status_of(s, code) == "confirmed");
    // An hour meter below the unit's reading (157.5): the domain's refusal beside the field.
    checkout.emplace_back("paid", "1");
    checkout[1].second = "100";
    r = post_form(s, "/staff/reservations/" + code + "/checkout", checkout, clerk);
    CHECK(r.status == 422);
    CHECK(r.body.find("계기 시간이 출고 때") != std::string::npos);
    checkout[1].second = "200";
    r = post_form(s, "/staff/reservations/" + code + "/checkout", checkout, clerk);
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == sheet + "&done=checkout&code=" + code);
    CHECK(status_of(s, code) == "checked_out");
    CHECK(s.query("SELECT status FROM units WHERE tag = 'GS-CULTIVATOR-01'") == "out");

    // Two days later (deadline Wed 13 May 17:00): 43 hours late, two started days.
    s.set_clock("2020-05-15 12:00");
    r = get_page(s, "/staff/day?date=2020-05-15", clerk);
    REQUIRE(r.status == 303); // the session idled out
    clerk = login_form(s, demo_clerk_gs, "/staff/day?date=2020-05-15").b;
    r = get_page(s, "/staff/day?date=2020-05-15", clerk);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("action=\"/staff/reservations/" + code + "/checkin\"") != std::string::npos);
    CHECK(r.body.find("지금 반납하면 연체료 40,000원 (2일 늦음)") != std::string::npos);

    const fields checkin{{"hour_meter", "206.5"},
                         {"check_0", "1"},
                         {"check_1", "1"},
                         {"check_2", "1"},
                         {"check_3", "1"},
                         {"damage_notes", ""},
                         {"back", "/staff/day?date=2020-05-15"}};
    auto low = checkin;
    low[0].second = "150";
    r = post_form(s, "/staff/reservations/" + code + "/checkin", low, clerk);
    CHECK(r.status == 422);
    CHECK(r.body.find("계기 시간이 출고 때") != std::string::npos);
    r = post_form(s, "/staff/reservations/" + code + "/checkin", checkin, clerk);
    REQUIRE(r.status == 303);
    const std::string result = r.header("location");
    CHECK(result.starts_with("/staff/reservations/" + code + "?done=checkin"));
    r = get_page(s, result, clerk);
    CHECK(r.status == 200);
    CHECK(r.body.find("<strong class=\"late-fee-amount\">40,000원</strong>") != std::string::npos);
    CHECK(r.body.find("반납 기한보다 2일 늦음") != std::string::npos);
    CHECK(r.body.find("일일 업무로") != std::string::npos); // the way back to the sheet
    CHECK(s.query("SELECT late_fee FROM reservations WHERE code = '" + code + "'") == "40000");
    r = get_page(s, "/staff/reservations/" + code + "?lang=en", clerk);
    CHECK(r.body.find("<strong class=\"late-fee-amount\">₩40,000</strong>") != std::string::npos);
    CHECK(r.body.find("2 day(s) late") != std::string::npos);

    // The unit is being disinfected: one click makes it available again.
    CHECK(s.query("SELECT status FROM units WHERE tag = 'GS-CULTIVATOR-01'") == "cleaning");
    r = post_form(s, "/staff/units/GS-CULTIVATOR-01/status",
                  {{"status", "available"}, {"back", "/staff/day?date=2020-05-15"}}, clerk);
    CHECK(r.status == 303);
    CHECK(r.header("location") ==
          "/staff/day?date=2020-05-15&done=unit_available&code=GS-CULTIVATOR-01");
    CHECK(s.query("SELECT status FROM units WHERE tag = 'GS-CULTIVATOR-01'") == "available");
    // Not allowed from available to available: the refusal on the sheet, nothing changed.
    r = post_form(s, "/staff/units/GS-CULTIVATOR-01/status",
                  {{"status", "available"}, {"back", "/staff/day?date=2020-05-15"}}, clerk);
    CHECK(r.status == 409);
    CHECK(r.body.find("지금 상태") != std::string::npos);
}

TEST_CASE("staff pages: outside the window a reason is needed, no no-show before it closed",
          "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string early = book(s, "GS", "TILLER", "2020-05-14", "", "010-7600-0001");
    const std::string missed = book(s, "GS", "SEEDER", "2020-05-12", "", "010-7600-0002");
    const auto clerk = signed_in(s, demo_clerk_gs);

    // A day early: the form asks for a reason; without one the domain refuses.
    auto r = get_page(s, "/staff/reservations/" + early, clerk);
    CHECK(r.body.find("name=\"override_reason\"") != std::string::npos);
    fields f{{"unit", "GS-TILLER-01"}, {"hour_meter", "160"}, {"check_0", "1"},
             {"check_1", "1"},         {"check_2", "1"},      {"paid", "1"}};
    r = post_form(s, "/staff/reservations/" + early + "/checkout", f, clerk);
    CHECK(r.status == 409);
    CHECK(r.body.find("수령 시간 밖에는 사유를 적어야 내줄 수 있습니다.") != std::string::npos);
    f.emplace_back("override_reason", "모내기 준비로 하루 일찍 수령");
    r = post_form(s, "/staff/reservations/" + early + "/checkout", f, clerk);
    CHECK(r.status == 303);
    CHECK(status_of(s, early) == "checked_out");
    r = get_page(s, "/staff/reservations/" + early, clerk);
    CHECK(r.body.find("모내기 준비로 하루 일찍 수령") != std::string::npos);

    // A no-show before the pickup window closed: refused, the message on the sheet (the form
    // is not there: the button appears only once the window closed; after that the background
    // sweep marks no-shows by itself).
    r = post_form(s, "/staff/reservations/" + missed + "/no-show",
                  {{"back", "/staff/day?date=2020-05-12"}}, clerk);
    CHECK(r.status == 409);
    CHECK(r.body.find("<div class=\"error-summary is-shown\" role=\"alert\"><p>") !=
          std::string::npos);
    CHECK(status_of(s, missed) == "confirmed");
    s.set_clock("2020-05-12 18:10");
    CHECK(status_of(s, missed) == "no_show");
}

TEST_CASE("staff pages: a unit to maintenance puts a booking at risk, the board moves it",
          "[staff_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string code = book(s, "GS", "POTATO_HARVESTER", "2020-05-20", "", "010-7700-0001");
    const auto clerk = signed_in(s, demo_clerk_gs);
    auto r = post_form(s, "/staff/units/GS-POTATO_HARVESTER-01/status",
                       {{"status", "maintenance"}, {"back", "/staff/day"}}, clerk);
    CHECK(r.status == 303);
    CHECK(r.header("location").find("done=unit_maintenance_risk") != std::string::npos);

    const auto op = signed_in(s, demo_operator);
    r = get_page(s, "/staff/board", op);
    CHECK(r.body.find("action=\"/staff/reservations/" + code + "/move\"") != std::string::npos);
    // Moving to a day the branch has no machine either: refused beside that form.
    r = post_form(
        s, "/staff/reservations/" + code + "/move",
        {{"branch", "GS"}, {"start", "2020-05-21"}, {"end", ""}, {"back", "/staff/board"}}, op);
    CHECK(r.status == 409);
    CHECK(r.body.find("선택한 날짜에 빌려드릴 수 있는 기계가 남아 있지 않습니다.") !=
          std::string::npos);
    CHECK(r.body.find("value=\"2020-05-21\"") != std::string::npos);
    r = post_form(
        s, "/staff/reservations/" + code + "/move",
        {{"branch", "BB"}, {"start", "2020-05-20"}, {"end", ""}, {"back", "/staff/board"}}, op);
    CHECK(r.status == 303);
    CHECK(s.query("SELECT b.code FROM reservations r JOIN branches b ON b.id = r.branch_id "
                  "WHERE r.code = '" +
                  code + "'") == "BB");
    r = get_page(s, r.header("location"), op);
    CHECK(r.body.find("action=\"/staff/reservations/" + code + "/move\"") == std::string::npos);
}

TEST_CASE("staff pages: from 12 months before the holiday calendar runs out, a warning says how "
          "to add next year's holidays, and /metrics has the date",
          "[staff_pages][holidays]") {
    // Issue 13: the shipped holidays end with 2027 (the latest official data).
    server_process s;
    s.set_clock("2026-12-30 10:00");
    auto op = signed_in(s, demo_operator);
    auto r = get_page(s, "/staff/board", op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("staff-warning") == std::string::npos);
    auto m = s.get("/metrics");
    CHECK(m.body.find("\nagrirent_calendar_known_through_timestamp_seconds{date=\"2027-12-31\"} "
                      "1830178800\n") != std::string::npos); // 2027-12-31T00:00:00+09:00
    CHECK(m.body.find("\nagrirent_calendar_known_days_left 366\n") != std::string::npos);
    CHECK(m.body.find("# TYPE agrirent_calendar_known_days_left gauge\n") != std::string::npos);

    // 12 months before 2027-12-31: every staff page warns, in both languages; admins get the link.
    s.set_clock("2026-12-31 09:00");
    op = signed_in(s, demo_operator);
    for (const char* target : {"/staff/board", "/staff/day"}) {
        CAPTURE(target);
        r = get_page(s, target, op);
        REQUIRE(r.status == 200);
        CHECK(r.body.find("<div class=\"notice staff-warning\" role=\"alert\">") !=
              std::string::npos);
        CHECK(r.body.find("공휴일 자료가 2027년 12월 31일 (금)까지만 있어 그 뒤 날짜는 예약을 받을 "
                          "수 없습니다.") != std::string::npos);
        CHECK(r.body.find("관리 › 공휴일 › 2028년에서 공휴일을 넣고 ‘2028년 공휴일 확정’을") !=
              std::string::npos);
        CHECK(r.body.find("/staff/admin/holidays?year=2028") == std::string::npos); // not an admin
    }
    r = get_page(s, "/staff/board?lang=en", op);
    CHECK(r.body.find("The holiday calendar is known only until Fri 31 December 2027") !=
          std::string::npos);
    CHECK(s.get("/metrics").body.find("\nagrirent_calendar_known_days_left 365\n") !=
          std::string::npos);
    CHECK(s.get("/").body.find("staff-warning") == std::string::npos); // farmers never see it

    const auto admin = signed_in(s, demo_admin);
    r = get_page(s, "/staff/admin", admin);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("<a href=\"/staff/admin/holidays?year=2028\">2028년 공휴일 넣기</a>") !=
          std::string::npos);

    // Once an admin declares 2028 complete, the warning waits for 2027-12-31.
    const auto api_admin = login(s, demo_admin);
    REQUIRE(s.post("/api/v1/holiday-years", boost::json::object{{"year", 2028}}, api_admin.bearer())
                .status == 201);
    r = get_page(s, "/staff/board", op);
    CHECK(r.body.find("staff-warning") == std::string::npos);
    CHECK(
        s.get("/metrics")
            .body.find("agrirent_calendar_known_through_timestamp_seconds{date=\"2028-12-31\"}") !=
        std::string::npos);
}

TEST_CASE("staff pages: an operator books a morning or an afternoon for a caller (half days)",
          "[staff_pages][half_day]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = signed_in(s, demo_operator);
    // Seeders allow half days: the cell's page offers the two slots next to the lengths.
    auto r = get_page(s, "/staff/book?branch=BB&type=SEEDER&start=2020-05-19&from=2020-05-12", op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("오전 09:00–13:00") != std::string::npos);
    CHECK(r.body.find("half=pm") != std::string::npos);
    // A type without half days offers none.
    r = get_page(s, "/staff/book?branch=BB&type=TRACTOR&start=2020-05-19", op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("half=am") == std::string::npos);

    r = get_page(s, "/staff/book?branch=BB&type=SEEDER&start=2020-05-19&half=pm&from=2020-05-12",
                 op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("반일: 오후 14:00–18:00") != std::string::npos);
    CHECK(r.body.find("name=\"half\" value=\"pm\"") != std::string::npos);
    CHECK(r.body.find("2,500원") != std::string::npos);
    r = post_form(s, "/staff/book",
                  {{"branch", "BB"},
                   {"type", "SEEDER"},
                   {"start", "2020-05-19"},
                   {"end", "2020-05-19"},
                   {"half", "pm"},
                   {"from", "2020-05-12"},
                   {"name", "오후손님"},
                   {"phone", "010-7800-0001"}},
                  op);
    REQUIRE(r.status == 303);
    const std::string code = code_in(r.header("location"));
    CHECK(
        s.query("SELECT half || '|' || channel || '|' || fee_net FROM reservations WHERE code = '" +
                code + "'") == "pm|phone|2500");
    // The board's and the reservation page's lines say it.
    r = get_page(s, "/staff/reservations/" + code, op);
    CHECK(r.body.find("반일: 오후 14:00–18:00") != std::string::npos);
}
