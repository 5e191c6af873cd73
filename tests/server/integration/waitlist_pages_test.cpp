// The farmer's waitlist and extension pages (issue 14, DOMAIN.md §12, §13) over real HTTP against
// the built binary: the booking page offers "대기 신청" on a full period, the join form, the
// look-up by code and phone, an offer with accept and decline, cancelling while waiting, and the
// extension from the booking page (dry run, then confirm), with refusals shown on the page and
// nothing changed.
#include <regex>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

constexpr std::string_view page_keys = "wl|ext|page|form|plan|status|reason|error";

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

/// "bk_X=value" from a reply's Set-Cookie.
std::string cookie_of(const http_reply& r) {
    const std::string c = r.header("set-cookie");
    REQUIRE(c.starts_with("bk_"));
    return c.substr(0, c.find(';'));
}

/// GS has two power tillers (demo): one goes to maintenance, so one booking fills a day.
struct one_tiller {
    server_process s; // a kiosk unless told (phone_checks::verified: the product default)
    bool clock_set = (s.set_clock("2020-05-12 09:30"), true);
    staff_login admin = login(s, demo_admin);
    staff_login op = login(s, demo_operator);
    std::string tag; // the unit in service

    explicit one_tiller(phone_checks phones = phone_checks::kiosk) : s{{}, true, true, phones} {
        tag = leave_one_unit(s, admin, "GS", "TILLER").front();
    }

    std::string book(std::string_view start, std::string_view end, std::string_view phone) const {
        const auto r =
            s.post("/api/v1/reservations", booking("GS", "TILLER", start, end, "김보유", phone));
        INFO(r.body);
        REQUIRE(r.status == 201);
        return str(r.json().at("code"));
    }

    /// Booked by the office (no code needed, DOMAIN.md §14).
    std::string staff_book(std::string_view start, std::string_view end,
                           std::string_view phone) const {
        auto body = booking("GS", "TILLER", start, end, "김보유", phone);
        body["channel"] = "phone";
        const auto r = s.post("/api/v1/reservations", body, op.bearer());
        INFO(r.body);
        REQUIRE(r.status == 201);
        return str(r.json().at("code"));
    }

    std::string counts() const {
        return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM reservations) || '/' || "
                       "(SELECT count(*) FROM audit_log) || '/' || "
                       "(SELECT count(*) FROM waitlist WHERE status = 'waiting') FROM waitlist");
    }
};

/// Joins through the page; returns {entry code, grant cookie}.
std::pair<std::string, std::string> join_on_page(const server_process& s, std::string_view start,
                                                 std::string_view phone) {
    const auto r = post_form(s, "/waitlist/join",
                             {{"branch", "GS"},
                              {"type", "TILLER"},
                              {"start", std::string{start}},
                              {"end", std::string{start}},
                              {"name", "이대기"},
                              {"phone", std::string{phone}}});
    INFO(r.body);
    REQUIRE(r.status == 303);
    const std::string loc = r.header("location");
    REQUIRE(loc.starts_with("/waitlist/"));
    REQUIRE(loc.ends_with("?new=1"));
    const std::string code = loc.substr(10, 8);
    const std::string cookie = cookie_of(r);
    CHECK(cookie.starts_with("bk_W" + code + "="));
    CHECK(r.header("set-cookie").find("Path=/waitlist/" + code) != std::string::npos);
    return {code, cookie};
}

/// The cookie `name` ("pv", "bk_…") among a reply's Set-Cookie headers, as "name=value".
std::string cookie_named(const http_reply& r, std::string_view name) {
    for (const auto& c : r.set_cookies) {
        if (c.starts_with(std::string{name})) {
            return c.substr(0, c.find(';'));
        }
    }
    FAIL("no cookie " << name << " in the reply");
    return {};
}

/// The part of `body` between `from` and `to` (the first after `from`), "" when absent.
std::string between(const std::string& body, std::string_view from, std::string_view to) {
    const auto a = body.find(from);
    if (a == std::string::npos) {
        return {};
    }
    const auto b = body.find(to, a);
    return body.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

} // namespace

TEST_CASE("waitlist pages: a full day offers the waitlist, join, look up, cancel",
          "[pages][waitlist]") {
    one_tiller f;
    f.book("2020-05-14", "2020-05-14", "010-7500-0001");

    // The booking page: the full day can be chosen, and the refusal offers "대기 신청".
    auto r = f.s.get("/book?branch=GS&type=TILLER&month=2020-05");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("start=2020-05-14#quote") != std::string::npos);
    r = f.s.get("/book?branch=GS&type=TILLER&start=2020-05-14");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("/waitlist/join?branch=GS&amp;type=TILLER&amp;start=2020-05-14&amp;end="
                      "2020-05-14") != std::string::npos);
    CHECK(r.body.find("대기 신청") != std::string::npos);
    // A free day does not.
    r = f.s.get("/book?branch=GS&type=TILLER&start=2020-05-15");
    CHECK(r.body.find("/waitlist/join") == std::string::npos);

    r = f.s.get("/waitlist/join?branch=GS&type=TILLER&start=2020-05-14&end=2020-05-14&lang=en");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("Join the waiting list") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());

    // Bad input: the form again with the error, nothing stored.
    const std::string before = f.counts();
    r = post_form(f.s, "/waitlist/join",
                  {{"branch", "GS"},
                   {"type", "TILLER"},
                   {"start", "2020-05-14"},
                   {"end", "2020-05-14"},
                   {"name", "이대기"},
                   {"phone", "12"}});
    CHECK(r.status == 400);
    CHECK(r.body.find("aria-invalid=\"true\"") != std::string::npos);
    // A day that can be booked now is not waited for: said on the page.
    r = post_form(f.s, "/waitlist/join",
                  {{"branch", "GS"},
                   {"type", "TILLER"},
                   {"start", "2020-05-15"},
                   {"end", "2020-05-15"},
                   {"name", "이대기"},
                   {"phone", "010-7500-0002"}});
    CHECK(r.status == 409);
    CHECK(r.body.find("바로 예약하세요") != std::string::npos);
    CHECK(f.counts() == before);

    const auto [code, cookie] = join_on_page(f.s, "2020-05-14", "010-7500-0002");
    r = f.s.get("/waitlist/" + code + "?new=1", {{"Cookie", cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find(code) != std::string::npos);
    CHECK(r.body.find("대기 신청을 받았습니다") != std::string::npos);
    CHECK(r.body.find("대기 순번 1번") != std::string::npos);
    CHECK(r.body.find("120분") != std::string::npos); // how long an offer is held
    CHECK(r.body.find("/waitlist/" + code + "/cancel") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    // Without the grant: the look-up form; the look-up with a wrong phone finds nothing.
    r = f.s.get("/waitlist/" + code);
    CHECK(r.body.find("action=\"/waitlist\"") != std::string::npos);
    CHECK(r.body.find("대기 순번") == std::string::npos);
    r = post_form(f.s, "/waitlist", {{"code", code}, {"phone", "010-7500-0009"}});
    CHECK(r.status == 404);
    r = post_form(f.s, "/waitlist", {{"code", code}, {"phone", "010-7500-0002"}});
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/waitlist/" + code);
    const std::string looked_up = cookie_of(r);

    // Cancel while waiting.
    r = post_form(f.s, "/waitlist/" + code + "/cancel", {}, {{"Cookie", looked_up}});
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/waitlist/" + code + "?done=cancelled");
    CHECK(f.s.query("SELECT status FROM waitlist WHERE code = '" + code + "'") == "cancelled");
    // Without a grant nothing happens.
    const auto [code2, cookie2] = join_on_page(f.s, "2020-05-14", "010-7500-0003");
    r = post_form(f.s, "/waitlist/" + code2 + "/cancel", {});
    CHECK(r.status == 200); // the look-up form
    CHECK(f.s.query("SELECT status FROM waitlist WHERE code = '" + code2 + "'") == "waiting");
}

TEST_CASE("waitlist pages: an offer shown with its hold, declined, then accepted by the next",
          "[pages][waitlist]") {
    one_tiller f;
    const std::string holder = f.book("2020-05-14", "2020-05-14", "010-7500-0001");
    const auto [first, first_cookie] = join_on_page(f.s, "2020-05-14", "010-7500-0002");
    const auto [second, second_cookie] = join_on_page(f.s, "2020-05-14", "010-7500-0003");

    // Accepting before an offer: offer_expired on the page, nothing changed.
    const std::string before = f.counts();
    auto r = post_form(f.s, "/waitlist/" + first + "/accept", {}, {{"Cookie", first_cookie}});
    CHECK(r.status == 409);
    CHECK(r.body.find("role=\"alert\"") != std::string::npos);
    CHECK(f.counts() == before);

    // The holder cancels: the first entry gets the offer.
    r = f.s.post("/api/v1/reservations/" + holder + "/cancel",
                 json::object{{"reason", "농가 전화 요청"}}, f.op.bearer());
    REQUIRE(r.status == 200);
    r = f.s.get("/waitlist/" + first + "?lang=en", {{"Cookie", first_cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("status-wl-offered") != std::string::npos);
    CHECK(std::regex_search(r.body, std::regex{"Accept by [^<]*11:30"}));
    CHECK(r.body.find("/waitlist/" + first + "/accept") != std::string::npos);
    CHECK(r.body.find("/waitlist/" + first + "/decline") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());

    // Declined: the second gets it and accepts: a reservation, shown with its grant.
    r = post_form(f.s, "/waitlist/" + first + "/decline", {}, {{"Cookie", first_cookie}});
    REQUIRE(r.status == 303);
    CHECK(f.s.query("SELECT status FROM waitlist WHERE code = '" + first + "'") == "declined");
    r = post_form(f.s, "/waitlist/" + second + "/accept", {}, {{"Cookie", second_cookie}});
    INFO(r.body);
    REQUIRE(r.status == 303);
    const std::string loc = r.header("location");
    REQUIRE(loc.starts_with("/booking/"));
    const std::string booked = loc.substr(9, 8);
    r = f.s.get(loc, {{"Cookie", cookie_of(r)}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find(booked) != std::string::npos);
    CHECK(f.s.query("SELECT status FROM reservations WHERE code = '" + booked + "'") ==
          "confirmed");
    r = f.s.get("/waitlist/" + second, {{"Cookie", second_cookie}});
    CHECK(r.body.find("href=\"/booking/" + booked + "\"") != std::string::npos);
}

TEST_CASE("extension page: dry run, then confirm, refusals on the page change nothing",
          "[pages][extension]") {
    one_tiller f;
    const auto clerk = login(f.s, demo_clerk_gs);
    const std::string a = f.book("2020-05-12", "2020-05-13", "010-7500-0001");
    json::object checklist;
    const auto types = f.s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == "TILLER") {
            for (const auto& item : t.at("checklist").as_array()) {
                checklist[item.as_string()] = true;
            }
        }
    }
    auto r = f.s.post(
        "/api/v1/reservations/" + a + "/checkout",
        json::object{
            {"unit", f.tag}, {"hour_meter", 1000.0}, {"checklist", checklist}, {"paid", true}},
        clerk.bearer());
    REQUIRE(r.status == 200);
    f.book("2020-05-15", "2020-05-15", "010-7500-0003");
    r = post_form(f.s, "/my", {{"code", a}, {"phone", "010-7500-0001"}});
    REQUIRE(r.status == 303);
    const std::string cookie = cookie_of(r);
    r = f.s.get("/booking/" + a, {{"Cookie", cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("action=\"/booking/" + a + "/extend\"") != std::string::npos);
    CHECK(r.body.find("<option value=\"2020-05-17\"") != std::string::npos); // 6 usage days
    CHECK(r.body.find("<option value=\"2020-05-18\"") == std::string::npos);

    const auto footprint = [&] {
        return f.s.query("SELECT end_date || '/' || fee_net || '/' || return_by || '/' || "
                         "(SELECT count(*) FROM audit_log) FROM reservations WHERE code = '" +
                         a + "'");
    };
    const std::string before = footprint();
    // The 15th is taken: no_capacity on the page, nothing changed.
    r = post_form(f.s, "/booking/" + a + "/extend", {{"end", "2020-05-15"}}, {{"Cookie", cookie}});
    CHECK(r.status == 409);
    CHECK(r.body.find("class=\"field-error\" role=\"alert\"") != std::string::npos);
    CHECK(footprint() == before);
    // Dry run for the 14th: the added day, fee and new deadline, and the confirm form.
    r = post_form(f.s, "/booking/" + a + "/extend", {{"end", "2020-05-14"}}, {{"Cookie", cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("class=\"extend-quote\"") != std::string::npos);
    CHECK(r.body.find("5월 14일") != std::string::npos);
    CHECK(r.body.find("name=\"confirm\" value=\"1\"") != std::string::npos);
    CHECK(footprint() == before);
    r = post_form(f.s, "/booking/" + a + "/extend", {{"end", "2020-05-14"}, {"confirm", "1"}},
                  {{"Cookie", cookie}});
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/booking/" + a + "?done=extended#extend");
    CHECK(f.s.query("SELECT end_date FROM reservations WHERE code = '" + a + "'") == "2020-05-14");
    // Once only: the page says so.
    r = post_form(f.s, "/booking/" + a + "/extend", {{"end", "2020-05-15"}}, {{"Cookie", cookie}});
    CHECK(r.status == 409);
    CHECK(r.body.find("한 번만") != std::string::npos);
    // Without the grant: the look-up form, nothing changed.
    r = post_form(f.s, "/booking/" + a + "/extend", {{"end", "2020-05-15"}, {"confirm", "1"}});
    CHECK(r.status == 200);
    CHECK(f.s.query("SELECT end_date FROM reservations WHERE code = '" + a + "'") == "2020-05-14");
}

TEST_CASE("staff reservation page: extension dry run, then confirm, a clerk of another branch "
          "may not",
          "[pages][extension]") {
    one_tiller f;
    const auto clerk = login(f.s, demo_clerk_gs);
    const auto clerk_bb = login(f.s, demo_clerk_bb);
    const std::string a = f.book("2020-05-12", "2020-05-12", "010-7500-0001");
    json::object checklist;
    const auto types = f.s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == "TILLER") {
            for (const auto& item : t.at("checklist").as_array()) {
                checklist[item.as_string()] = true;
            }
        }
    }
    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/checkout",
                     json::object{{"unit", f.tag},
                                  {"hour_meter", 1000.0},
                                  {"checklist", checklist},
                                  {"paid", true}},
                     clerk.bearer())
                .status == 200);
    const std::string page = "/staff/reservations/" + a;
    auto r = f.s.get(page, {{"Cookie", f.op.cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("action=\"" + page + "/extend\"") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());

    const auto end_date = [&] {
        return f.s.query("SELECT end_date FROM reservations WHERE code = '" + a + "'");
    };
    // Another branch's clerk: refused, nothing changed.
    r = post_form_as(f.s, page + "/extend", {{"end", "2020-05-13"}, {"confirm", "1"}},
                     clerk_bb.cookie, clerk_bb.csrf);
    CHECK(r.status == 403);
    // A forged form (no CSRF token): refused.
    r = post_form_as(f.s, page + "/extend", {{"end", "2020-05-13"}, {"confirm", "1"}}, f.op.cookie,
                     "");
    CHECK(r.status == 403);
    CHECK(end_date() == "2020-05-12");
    // Too long: extension_limit beside the form.
    r = post_form_as(f.s, page + "/extend", {{"end", "2020-05-20"}}, f.op.cookie, f.op.csrf);
    CHECK(r.status == 422);
    CHECK(r.body.find("6일") != std::string::npos);
    // Dry run: the quote and the confirm form; nothing changed yet.
    r = post_form_as(f.s, page + "/extend", {{"end", "2020-05-13"}}, f.op.cookie, f.op.csrf);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("class=\"extend-quote\"") != std::string::npos);
    CHECK(r.body.find("name=\"end\" value=\"2020-05-13\"") != std::string::npos);
    CHECK(end_date() == "2020-05-12");
    r = post_form_as(f.s, page + "/extend", {{"end", "2020-05-13"}, {"confirm", "1"}}, clerk.cookie,
                     clerk.csrf);
    REQUIRE(r.status == 303);
    CHECK(end_date() == "2020-05-13");
    r = f.s.get(r.header("location"), {{"Cookie", clerk.cookie}});
    CHECK(r.body.find("연장했습니다") != std::string::npos);
}

TEST_CASE("waitlist and extension pages with verified phones: the code step inside the action's "
          "form, then the cookie",
          "[pages][waitlist][extension][verify]") {
    one_tiller f{phone_checks::verified};
    const auto clerk = login(f.s, demo_clerk_gs);
    const std::string phone = "010-7500-0002";
    // A rental of the farmer's, checked out (for the extension below).
    const std::string a = f.staff_book("2020-05-12", "2020-05-13", phone);
    json::object checklist;
    const auto types = f.s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == "TILLER") {
            for (const auto& item : t.at("checklist").as_array()) {
                checklist[item.as_string()] = true;
            }
        }
    }
    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/checkout",
                     json::object{{"unit", f.tag},
                                  {"hour_meter", 1000.0},
                                  {"checklist", checklist},
                                  {"paid", true}},
                     clerk.bearer())
                .status == 200);
    const std::string holder = f.staff_book("2020-05-20", "2020-05-20", "010-7500-0001");

    // Joining from the page: first the code step inside the join form, the name and phone
    // kept, nothing joined.
    const std::vector<std::pair<std::string, std::string>> join = {
        {"branch", "GS"},      {"type", "TILLER"}, {"start", "2020-05-20"},
        {"end", "2020-05-20"}, {"name", "이대기"}, {"phone", phone}};
    const auto with = [](auto fields, std::string k, std::string v) {
        fields.emplace_back(std::move(k), std::move(v));
        return fields;
    };
    const std::string before = f.counts();
    auto r = post_form(f.s, "/waitlist/join", join);
    REQUIRE(r.status == 200);
    const std::string join_form = between(r.body, "action=\"/waitlist/join\"", "</form>");
    CHECK(join_form.find("name=\"verify_code\"") != std::string::npos);
    CHECK(join_form.find("value=\"이대기\"") != std::string::npos);
    CHECK(join_form.find("value=\"010-7500-0002\"") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    CHECK(f.counts() == before);
    r = post_form(f.s, "/waitlist/join", with(join, "verify", "send"));
    REQUIRE(r.status == 200);
    CHECK(r.body.find("인증번호를 보냈습니다") != std::string::npos);
    CHECK(f.counts() == before);
    const std::string code = last_code_sent(f.s, phone);
    // A wrong code: the step again with the error, nothing joined.
    r = post_form(f.s, "/waitlist/join",
                  with(join, "verify_code", code == "000000" ? "111111" : "000000"));
    CHECK(r.status >= 400);
    CHECK(r.body.find("name=\"verify_code\"") != std::string::npos);
    CHECK(f.counts() == before);
    r = post_form(f.s, "/waitlist/join", with(join, "verify_code", code));
    INFO(r.body);
    REQUIRE(r.status == 303);
    const std::string loc = r.header("location");
    REQUIRE(loc.starts_with("/waitlist/"));
    const std::string entry = loc.substr(10, 8);
    const std::string grant = cookie_named(r, "bk_W" + entry);
    const std::string proof = cookie_named(r, "pv=");
    CHECK(f.s.query("SELECT status FROM waitlist WHERE code = '" + entry + "'") == "waiting");

    // The holder's booking is cancelled: the entry gets the offer.
    r = f.s.post("/api/v1/reservations/" + holder + "/cancel",
                 json::object{{"reason", "농가 전화 요청"}}, f.op.bearer());
    REQUIRE(r.status == 200);
    // Accepting without the remembered verification: the step inside the accept form, no
    // booking made.
    const std::string reservations = f.s.query("SELECT count(*) FROM reservations");
    r = post_form(f.s, "/waitlist/" + entry + "/accept", {}, {{"Cookie", grant}});
    REQUIRE(r.status == 200);
    const std::string accept_form =
        between(r.body, "action=\"/waitlist/" + entry + "/accept\"", "</form>");
    CHECK(accept_form.find("name=\"verify_code\"") != std::string::npos);
    CHECK(between(r.body, "action=\"/waitlist/" + entry + "/decline\"", "</form>")
              .find("verify_code") == std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    CHECK(f.s.query("SELECT count(*) FROM reservations") == reservations);
    CHECK(f.s.query("SELECT status FROM waitlist WHERE code = '" + entry + "'") == "offered");
    // With the cookie (within its 30 minutes): no code asked, booked.
    r = post_form(f.s, "/waitlist/" + entry + "/accept", {}, {{"Cookie", grant + "; " + proof}});
    INFO(r.body);
    REQUIRE(r.status == 303);
    CHECK(r.header("location").starts_with("/booking/"));
    CHECK(f.s.query("SELECT status FROM waitlist WHERE code = '" + entry + "'") == "booked");

    // The extension: the quote asks for the code unless the cookie is there, the end kept.
    r = post_form(f.s, "/my", {{"code", a}, {"phone", phone}});
    REQUIRE(r.status == 303);
    const std::string booking_grant = cookie_of(r);
    const auto end_date = [&] {
        return f.s.query("SELECT end_date FROM reservations WHERE code = '" + a + "'");
    };
    const std::string extend = "/booking/" + a + "/extend";
    r = post_form(f.s, extend, {{"end", "2020-05-14"}}, {{"Cookie", booking_grant}});
    REQUIRE(r.status == 200);
    const std::string quote_form = between(r.body, "class=\"extend-form\"", "</form>");
    CHECK(quote_form.find("name=\"verify_code\"") != std::string::npos);
    CHECK(quote_form.find("<option value=\"2020-05-14\" selected>") != std::string::npos);
    CHECK(r.body.find("class=\"extend-quote\"") == std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    r = post_form(f.s, extend, {{"end", "2020-05-14"}}, {{"Cookie", booking_grant + "; " + proof}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("class=\"extend-quote\"") != std::string::npos);
    CHECK(r.body.find("name=\"verify_code\"") == std::string::npos);
    CHECK(end_date() == "2020-05-13");
    // Confirming without the cookie: the step inside the confirm form (the end kept), then the
    // code sent and typed: extended.
    const std::vector<std::pair<std::string, std::string>> confirm = {{"end", "2020-05-14"},
                                                                      {"confirm", "1"}};
    r = post_form(f.s, extend, confirm, {{"Cookie", booking_grant}});
    REQUIRE(r.status == 200);
    const std::string confirm_form = between(r.body, "class=\"extend-confirm\"", "</form>");
    CHECK(confirm_form.find("name=\"verify_code\"") != std::string::npos);
    CHECK(confirm_form.find("name=\"end\" value=\"2020-05-14\"") != std::string::npos);
    CHECK(end_date() == "2020-05-13");
    f.s.set_clock("2020-05-12 09:32"); // one code a minute
    r = post_form(f.s, extend, with(confirm, "verify", "send"), {{"Cookie", booking_grant}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("인증번호를 보냈습니다") != std::string::npos);
    r = post_form(f.s, extend, with(confirm, "verify_code", last_code_sent(f.s, phone)),
                  {{"Cookie", booking_grant}});
    INFO(r.body);
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/booking/" + a + "?done=extended#extend");
    CHECK(cookie_named(r, "pv=").starts_with("pv="));
    CHECK(end_date() == "2020-05-14");
}

TEST_CASE("waitlist pages: a half day refused for no capacity is waited for with its slot",
          "[pages][waitlist][half_day]") {
    // BB has one seeder (demo), which allows half days.
    server_process s;
    s.set_clock("2020-05-01 10:00");
    auto body = booking("BB", "SEEDER", "2020-05-12", "2020-05-12", "김보유", "010-7500-0101");
    body["half"] = "am";
    REQUIRE(s.post("/api/v1/reservations", body).status == 201);

    // The morning's quote offers the waitlist for the morning; the afternoon's does not.
    auto r = s.get("/book?branch=BB&type=SEEDER&start=2020-05-12&half=am");
    REQUIRE(r.status == 200);
    const std::string href = "/waitlist/join?branch=BB&amp;type=SEEDER&amp;start=2020-05-12&amp;"
                             "end=2020-05-12&amp;half=am";
    CHECK(r.body.find(href) != std::string::npos);
    r = s.get("/book?branch=BB&type=SEEDER&start=2020-05-12&half=pm");
    CHECK(r.body.find("/waitlist/join") == std::string::npos);

    // The join page keeps the slot: shown, and sent with the form.
    r = s.get("/waitlist/join?branch=BB&type=SEEDER&start=2020-05-12&end=2020-05-12&half=am");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("오전 09:00–13:00") != std::string::npos);
    CHECK(r.body.find("name=\"half\" value=\"am\"") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    r = s.get("/waitlist/join?branch=BB&type=SEEDER&start=2020-05-12&end=2020-05-12&half=am"
              "&lang=en");
    CHECK(r.body.find("Morning 09:00–13:00") != std::string::npos);
    r = post_form(s, "/waitlist/join",
                  {{"branch", "BB"},
                   {"type", "SEEDER"},
                   {"start", "2020-05-12"},
                   {"end", "2020-05-12"},
                   {"half", "am"},
                   {"name", "이대기"},
                   {"phone", "010-7500-0102"}});
    INFO(r.body);
    REQUIRE(r.status == 303);
    const std::string code = r.header("location").substr(10, 8);
    CHECK(s.query("SELECT half FROM waitlist WHERE code = '" + code + "'") == "am");
    // The entry's page says which half.
    r = s.get("/waitlist/" + code + "?new=1", {{"Cookie", cookie_of(r)}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("오전 09:00–13:00") != std::string::npos);
    CHECK(r.body.find("대기 순번 1번") != std::string::npos);
}
