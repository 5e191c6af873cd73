// The staff side of extensions and half days (issue 14, DOMAIN.md §11, §12) over real HTTP
// against the built binary: the 연장 control on the clerk's day sheet and on the operator board
// (choose the new end → the dry run's added days, fee and new deadline beside the rental →
// confirm, back on the same page), refusals shown there in Korean and English with nothing
// changed, a clerk of another branch refused; the board grid's morning/afternoon free counts
// and its half-day booking link; the revenue report's half-day split.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

constexpr std::string_view page_keys = "ext|staff|page|form|plan|status|reason|error";

std::string str(const json::value& v) {
    return std::string{v.as_string()};
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

bool has(const std::string& body, std::string_view what) {
    return body.find(what) != std::string::npos;
}

/// `html` without its tags (the text a reader sees).
std::string text_of(const std::string& html) {
    std::string out;
    bool in_tag = false;
    for (const char c : html) {
        if (c == '<') {
            in_tag = true;
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            out += c;
        }
    }
    return out;
}

/// GS has two power tillers (demo, 15,000 won a day, 7,500 with the 2020 discount): one goes to
/// maintenance, so one booking fills a day. Tue 2020-05-12, 09:30.
struct one_tiller {
    server_process s;
    bool clock_set = (s.set_clock("2020-05-12 09:30"), true);
    staff_login admin = login(s, demo_admin);
    staff_login op = login(s, demo_operator);
    staff_login clerk = login(s, demo_clerk_gs);
    staff_login clerk_bb = login(s, demo_clerk_bb);
    std::string tag; // the unit in service

    one_tiller() { tag = leave_one_unit(s, admin, "GS", "TILLER").front(); }

    std::string book(std::string_view start, std::string_view end, std::string_view phone) const {
        const auto r =
            s.post("/api/v1/reservations", booking("GS", "TILLER", start, end, "김연장", phone));
        INFO(r.body);
        REQUIRE(r.status == 201);
        return str(r.json().at("code"));
    }

    /// Booked and handed out by the clerk.
    std::string out(std::string_view start, std::string_view end, std::string_view phone) const {
        const std::string code = book(start, end, phone);
        json::object checklist;
        const auto types = s.get("/api/v1/machine-types").json();
        for (const auto& t : types.as_array()) {
            if (t.at("code").as_string() == "TILLER") {
                for (const auto& item : t.at("checklist").as_array()) {
                    checklist[item.as_string()] = true;
                }
            }
        }
        const auto r = s.post(
            "/api/v1/reservations/" + code + "/checkout",
            json::object{
                {"unit", tag}, {"hour_meter", 1000.0}, {"checklist", checklist}, {"paid", true}},
            clerk.bearer());
        INFO(r.body);
        REQUIRE(r.status == 200);
        return code;
    }

    /// The reservation as stored: end day, fee, deadline; and what else was written.
    std::string stored(std::string_view code) const {
        return s.query("SELECT end_date || '/' || fee_net || '/' || return_by || '/' || "
                       "(SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM outbox) "
                       "FROM reservations WHERE code = '" +
                       std::string{code} + "'");
    }
    std::string end_of(std::string_view code) const {
        return s.query("SELECT end_date FROM reservations WHERE code = '" + std::string{code} +
                       "'");
    }
};

std::string en(const staff_login& who) {
    return who.cookie + "; lang=en";
}

} // namespace

TEST_CASE("day sheet: extend a rental due back today, dry run, confirm, refusals beside it",
          "[pages][extension]") {
    one_tiller f;
    const std::string a = f.out("2020-05-12", "2020-05-12", "010-7600-0001");
    f.book("2020-05-14", "2020-05-14", "010-7600-0002"); // the 14th is taken
    const std::string sheet = "/staff/day?date=2020-05-12";
    const std::string act = "/staff/reservations/" + a + "/extend";

    // The return due today carries the 연장 control: the new end up to 6 days in all.
    auto r = f.s.get(sheet, {{"Cookie", f.clerk.cookie}});
    REQUIRE(r.status == 200);
    const std::string control = between(r.body, "id=\"ext-" + a + "\"", "</details>");
    REQUIRE_FALSE(control.empty());
    CHECK(has(control, "action=\"" + act + "\""));
    CHECK(has(control, "value=\"2020-05-13\""));
    CHECK(has(control, "value=\"2020-05-17\""));
    CHECK_FALSE(has(control, "value=\"2020-05-18\""));
    CHECK_FALSE(has(control, " open")); // folded until used
    CHECK(leftover_keys(r.body, page_keys).empty());

    const std::string before = f.stored(a);
    // The dry run: the same sheet again, the quote beside the rental; nothing stored.
    r = post_form_as(f.s, act, {{"end", "2020-05-13"}, {"back", sheet}}, f.clerk.cookie,
                     f.clerk.csrf);
    REQUIRE(r.status == 200);
    CHECK(has(r.body, "page-staff-day"));
    std::string quoted = between(r.body, "id=\"ext-" + a + "\"", "</details>");
    CHECK(has(quoted, " open"));
    const std::string quote = between(quoted, "class=\"extend-quote\"", "</dl>");
    REQUIRE_FALSE(quote.empty());
    CHECK(has(quote, "5월 13일"));            // the added day
    CHECK(has(quote, "7,500"));               // its fee
    CHECK(has(quote, "5월 13일 (수) 17:00")); // the new return deadline
    CHECK(has(quoted, "class=\"extend-confirm\""));
    CHECK(has(quoted, "name=\"end\" value=\"2020-05-13\""));
    CHECK(f.stored(a) == before);
    // In English.
    r = post_form_as(f.s, act, {{"end", "2020-05-13"}, {"back", sheet}}, en(f.clerk), f.clerk.csrf);
    REQUIRE(r.status == 200);
    quoted = between(r.body, "id=\"ext-" + a + "\"", "</details>");
    CHECK(has(quoted, "New return deadline"));
    CHECK(has(quoted, "7,500"));
    CHECK(f.stored(a) == before);

    // Refusals, beside the control, nothing changed: no machine for the 14th, over the limit.
    r = post_form_as(f.s, act, {{"end", "2020-05-14"}, {"confirm", "1"}, {"back", sheet}},
                     f.clerk.cookie, f.clerk.csrf);
    CHECK(r.status == 409);
    CHECK(has(between(r.body, "id=\"ext-" + a + "\"", "</details>"),
              "빌려드릴 수 있는 기계가 남아 있지 않습니다"));
    r = post_form_as(f.s, act, {{"end", "2020-05-14"}, {"back", sheet}}, en(f.clerk), f.clerk.csrf);
    CHECK(r.status == 409);
    CHECK(has(between(r.body, "id=\"ext-" + a + "\"", "</details>"),
              "No machine of this type is left"));
    r = post_form_as(f.s, act, {{"end", "2020-05-20"}, {"back", sheet}}, f.clerk.cookie,
                     f.clerk.csrf);
    CHECK(r.status == 422);
    CHECK(has(between(r.body, "id=\"ext-" + a + "\"", "</details>"), "최대 6일"));
    // A clerk of another branch: refused (their own sheet never lists it).
    r = post_form_as(f.s, act, {{"end", "2020-05-13"}, {"confirm", "1"}, {"back", sheet}},
                     f.clerk_bb.cookie, f.clerk_bb.csrf);
    CHECK(r.status == 403);
    CHECK(has(r.body, "다른 사업소"));
    CHECK_FALSE(has(f.s.get(sheet, {{"Cookie", f.clerk_bb.cookie}}).body, "ext-" + a));
    CHECK(f.stored(a) == before);

    // Confirm: back to the sheet with the notice; the end, fee and deadline are stored.
    r = post_form_as(f.s, act, {{"end", "2020-05-13"}, {"confirm", "1"}, {"back", sheet}},
                     f.clerk.cookie, f.clerk.csrf);
    REQUIRE(r.status == 303);
    CHECK(r.header("location").starts_with("/staff/day?date=2020-05-12"));
    CHECK(has(r.header("location"), "done=extend"));
    CHECK(f.end_of(a) == "2020-05-13");
    CHECK(f.s.query("SELECT fee_net FROM reservations WHERE code = '" + a + "'") == "15000");
    CHECK(str(f.s.get("/api/v1/reservations/" + a, f.op.bearer()).json().at("return_by")) ==
          "2020-05-13T17:00:00+09:00");
    CHECK(f.s.query("SELECT count(*) FROM audit_log WHERE action = 'extend'") == "1");
    r = f.s.get(r.header("location"), {{"Cookie", f.clerk.cookie}});
    REQUIRE(r.status == 200);
    CHECK(has(r.body, "연장했습니다"));
    // No longer due today: listed with the rentals out, still with its control.
    const std::string out_now = between(r.body, "id=\"out-title\"", "</section>");
    CHECK(has(out_now, a));
    CHECK(has(out_now, "id=\"ext-" + a + "\""));
    CHECK_FALSE(has(between(r.body, "id=\"returns-title\"", "</section>"), a));

    // Once only: said beside the control, nothing changed.
    const std::string extended = f.stored(a);
    r = post_form_as(f.s, act, {{"end", "2020-05-15"}, {"back", sheet}}, f.clerk.cookie,
                     f.clerk.csrf);
    CHECK(r.status == 409);
    CHECK(has(between(r.body, "id=\"ext-" + a + "\"", "</details>"), "이미 한 번 연장했습니다"));
    CHECK(f.stored(a) == extended);
}

TEST_CASE("day sheet: the new deadline is stored as quoted", "[pages][extension]") {
    one_tiller f;
    const std::string a = f.out("2020-05-12", "2020-05-12", "010-7600-0011");
    const std::string before =
        f.s.query("SELECT return_by FROM reservations WHERE code = '" + a + "'");
    const auto r = post_form_as(f.s, "/staff/reservations/" + a + "/extend",
                                {{"end", "2020-05-15"}, {"confirm", "1"}, {"back", "/staff/day"}},
                                f.clerk.cookie, f.clerk.csrf);
    REQUIRE(r.status == 303);
    CHECK(f.end_of(a) == "2020-05-15");
    CHECK(f.s.query("SELECT fee_net FROM reservations WHERE code = '" + a + "'") == "30000");
    // The API reads the deadline back in the branch's time: Fri 15th at closing.
    const auto api = f.s.get("/api/v1/reservations/" + a, f.op.bearer());
    REQUIRE(api.status == 200);
    CHECK(str(api.json().at("return_by")) == "2020-05-15T17:00:00+09:00");
    CHECK(f.s.query("SELECT return_by FROM reservations WHERE code = '" + a + "'") != before);
}

TEST_CASE("board: extend a rental found by phone, someone waiting refused, confirm",
          "[pages][extension]") {
    one_tiller f;
    const std::string phone = "010-7600-0021";
    const std::string b = f.out("2020-05-12", "2020-05-12", phone);
    // E has Thu 14th, J Fri 15th; H waits for 14th–15th; E cancels: the 14th is free, but H waits.
    const std::string e = f.book("2020-05-14", "2020-05-14", "010-7600-0022");
    f.book("2020-05-15", "2020-05-15", "010-7600-0023");
    auto r = f.s.post("/api/v1/waitlist",
                      json::object{{"branch", "GS"},
                                   {"type", "TILLER"},
                                   {"start", "2020-05-14"},
                                   {"end", "2020-05-15"},
                                   {"farmer", {{"name", "한대기"}, {"phone", "010-7600-0024"}}}});
    REQUIRE(r.status == 201);
    REQUIRE(
        f.s.post("/api/v1/reservations/" + e + "/cancel", json::object{{"phone", "010-7600-0022"}})
            .status == 200);

    const std::string board = "/staff/board?from=2020-05-12&q=" + phone;
    const std::string act = "/staff/reservations/" + b + "/extend";
    r = f.s.get(board, {{"Cookie", f.op.cookie}});
    REQUIRE(r.status == 200);
    const std::string results = between(r.body, "id=\"results-title\"", "</section>");
    CHECK(has(results, "id=\"ext-" + b + "\""));
    CHECK(has(results, "action=\"" + act + "\""));
    CHECK(leftover_keys(r.body, page_keys).empty());
    // Reservations not out have no control (the search lists only checked-out ones with it).
    CHECK_FALSE(has(f.s.get("/staff/board?q=010-7600-0023", {{"Cookie", f.op.cookie}}).body,
                    "class=\"work extend"));

    const std::string before = f.stored(b);
    // Someone waits for the 14th: refused beside the control, ko and en, nothing changed.
    r = post_form_as(f.s, act, {{"end", "2020-05-14"}, {"back", board}}, f.op.cookie, f.op.csrf);
    CHECK(r.status == 422);
    CHECK(has(r.body, "page-staff-board"));
    CHECK(has(between(r.body, "id=\"ext-" + b + "\"", "</details>"), "대기자가 있어"));
    r = post_form_as(f.s, act, {{"end", "2020-05-14"}, {"confirm", "1"}, {"back", board}}, en(f.op),
                     f.op.csrf);
    CHECK(r.status == 422);
    CHECK(has(between(r.body, "id=\"ext-" + b + "\"", "</details>"), "Someone is waiting"));
    CHECK(f.stored(b) == before);

    // The 13th: the quote on the board, then confirm back to the same search.
    r = post_form_as(f.s, act, {{"end", "2020-05-13"}, {"back", board}}, f.op.cookie, f.op.csrf);
    REQUIRE(r.status == 200);
    const std::string quote = between(r.body, "class=\"extend-quote\"", "</dl>");
    CHECK(has(quote, "7,500"));
    CHECK(has(quote, "5월 13일 (수) 17:00"));
    CHECK(f.stored(b) == before);
    r = post_form_as(f.s, act, {{"end", "2020-05-13"}, {"confirm", "1"}, {"back", board}},
                     f.op.cookie, f.op.csrf);
    REQUIRE(r.status == 303);
    CHECK(r.header("location").starts_with("/staff/board?"));
    CHECK(has(r.header("location"), "q=" + phone));
    CHECK(has(r.header("location"), "done=extend"));
    CHECK(f.end_of(b) == "2020-05-13");
    CHECK(f.s.query("SELECT fee_net FROM reservations WHERE code = '" + b + "'") == "15000");
    r = f.s.get(r.header("location"), {{"Cookie", f.op.cookie}});
    CHECK(has(r.body, "연장했습니다"));
}

TEST_CASE("board grid: a half-day type shows morning and afternoon free counts",
          "[pages][half_day]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    // BB's seeder row, the cell of Tue 12th (the grid starts that day).
    const auto cell = [&](std::string_view lang) {
        const auto r = s.get("/staff/board?from=2020-05-12",
                             {{"Cookie", op.cookie + (lang == "en" ? "; lang=en" : "")}});
        REQUIRE(r.status == 200);
        const std::string bb =
            between(r.body, lang == "en" ? "Northern office</th>" : "북부본소</th>", "</tbody>");
        const std::string row = between(
            bb, lang == "en" ? "board-type\">Seeder</th>" : "board-type\">파종기</th>", "</tr>");
        return between(row, "<td", "</td>");
    };
    auto c = cell("ko");
    CHECK(has(text_of(c), "오전 1 · 오후 1"));
    CHECK(has(c, "cell-free"));
    // Sunday 17th (the sixth cell) is closed: no half days, no counts.
    {
        const auto r = s.get("/staff/board?from=2020-05-12", {{"Cookie", op.cookie}});
        std::string row = between(between(r.body, "북부본소</th>", "</tbody>"),
                                  "board-type\">파종기</th>", "</tr>");
        for (int i = 0; i < 5; ++i) {
            row = row.substr(row.find("</td>") + 5);
        }
        const std::string sunday = between(row, "<td", "</td>");
        CHECK(has(sunday, "is-closed"));
        CHECK_FALSE(has(sunday, "cell-half"));
    }
    // A type without half days shows none. The legend names the half-day-only cell.
    {
        const auto r = s.get("/staff/board?from=2020-05-12", {{"Cookie", op.cookie}});
        CHECK(has(between(r.body, "<ul class=\"legend\">", "</ul>"), "반일만 남음"));
        const std::string bb = between(r.body, "북부본소</th>", "</tbody>");
        CHECK_FALSE(has(between(bb, "board-type\">트랙터</th>", "</tr>"), "cell-half"));
    }

    // A morning booked: no whole day left, the afternoon still free, the link books it.
    auto b = booking("BB", "SEEDER", "2020-05-12", "2020-05-12", "오전", "010-7600-0031");
    b["half"] = "am";
    REQUIRE(s.post("/api/v1/reservations", b).status == 201);
    c = cell("ko");
    CHECK(has(text_of(c), "오전 0 · 오후 1"));
    CHECK(has(c, "cell-part"));
    CHECK(has(c, "half=pm"));
    CHECK(has(text_of(cell("en")), "AM 0 · PM 1"));
    // The link: the staff booking page for that afternoon.
    const auto r = s.get("/staff/book?branch=BB&type=SEEDER&start=2020-05-12&half=pm",
                         {{"Cookie", op.cookie}});
    REQUIRE(r.status == 200);
    CHECK(has(r.body, "name=\"half\" value=\"pm\""));
    // Both halves booked: none.
    b["half"] = "pm";
    b["farmer"].as_object()["phone"] = "010-7600-0032";
    REQUIRE(s.post("/api/v1/reservations", b).status == 201);
    c = cell("ko");
    CHECK(has(text_of(c), "오전 0 · 오후 0"));
    CHECK(has(c, "cell-none"));
    CHECK_FALSE(has(c, "half="));
}

TEST_CASE("revenue report: half-day rentals apart from whole days", "[http][half_day][reports]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    // GS cultivators (20,000 won a day, 10,000 with the 2020 discount): a morning and a whole day.
    auto am = booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "오전", "010-7600-0041");
    am["half"] = "am";
    auto r = s.post("/api/v1/reservations", am);
    REQUIRE(r.status == 201);
    const std::int64_t half_fee = r.json().at("fee").at("net").as_int64();
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-13", "2020-05-14", "종일", "010-7600-0042"));
    REQUIRE(r.status == 201);
    const std::int64_t full_fee = r.json().at("fee").at("net").as_int64();
    CHECK(half_fee < full_fee);

    r = s.get("/api/v1/reports/revenue?branch=GS&from=2020-05-11&to=2020-05-17", op.bearer());
    INFO(r.body);
    REQUIRE(r.status == 200);
    const auto report = r.json();
    const json::object* line = nullptr;
    for (const auto& t : report.at("branches").at(0).at("types").as_array()) {
        if (t.at("type").as_string() == "CULTIVATOR") {
            line = &t.as_object();
        }
    }
    REQUIRE(line != nullptr);
    CHECK(line->at("bookings").as_int64() == 2);
    CHECK(line->at("half_day_bookings").as_int64() == 1);
    CHECK(line->at("full_day_bookings").as_int64() == 1);
    CHECK(line->at("half_day_rental").as_int64() == half_fee);
    CHECK(line->at("full_day_rental").as_int64() == full_fee);
    CHECK(line->at("rental").as_int64() == half_fee + full_fee);
    // The totals carry the split too (the demo's own bookings are whole days).
    const auto& total = report.at("total").as_object();
    CHECK(total.at("half_day_bookings").as_int64() == 1);
    CHECK(total.at("half_day_rental").as_int64() == half_fee);
    CHECK(total.at("full_day_bookings").as_int64() + 1 == total.at("bookings").as_int64());
    CHECK(total.at("full_day_rental").as_int64() + half_fee == total.at("rental").as_int64());
}
