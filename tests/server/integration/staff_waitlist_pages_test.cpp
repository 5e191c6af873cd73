// The operators' waitlist pages (issue 14, DOMAIN.md §13) over real HTTP against the built
// binary: a caller is added to the waitlist from the booking page after no_capacity (no phone
// code, DOMAIN.md §14), the refusals shown beside the waitlist form with nothing changed, the
// staff entry page with accept / decline / cancel for a caller, a clerk of another branch
// refused, and the forms refused without the session's CSRF token.
#include <regex>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

constexpr std::string_view page_keys = "wl|staff|page|form|plan|status|reason|error";

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

/// GS has two power tillers (demo): one goes to maintenance, so one booking fills a day. The
/// product's default: farmers' actions need a phone code (staff's never do).
struct one_tiller {
    server_process s{{}, true, true, phone_checks::verified};
    bool clock_set = (s.set_clock("2020-05-12 09:30"), true);
    staff_login admin = login(s, demo_admin);
    staff_login op = login(s, demo_operator);

    one_tiller() { REQUIRE(leave_one_unit(s, admin, "GS", "TILLER").size() == 2); }

    /// Booked by the office (fills the day).
    std::string staff_book(std::string_view day, std::string_view phone) const {
        auto body = booking("GS", "TILLER", day, day, "김보유", phone);
        body["channel"] = "phone";
        const auto r = s.post("/api/v1/reservations", body, op.bearer());
        INFO(r.body);
        REQUIRE(r.status == 201);
        return str(r.json().at("code"));
    }

    [[nodiscard]] http_reply page(std::string_view target, const staff_login& who) const {
        return s.get(target, {{"Cookie", who.cookie}});
    }

    /// A form of the operator's pages (with the session's CSRF token unless `csrf` is empty).
    [[nodiscard]] http_reply post(std::string_view target, form_fields f, const staff_login& who,
                                  std::string_view csrf) const {
        return post_form_as(s, target, std::move(f), who.cookie, csrf);
    }

    /// The waitlist form of the booking page for `day`, as the operator sends it.
    [[nodiscard]] http_reply join(std::string_view day, std::string_view name,
                                  std::string_view phone, bool with_csrf = true) const {
        return post("/staff/waitlist",
                    {{"branch", "GS"},
                     {"type", "TILLER"},
                     {"start", std::string{day}},
                     {"end", std::string{day}},
                     {"from", "2020-05-12"},
                     {"wl_name", std::string{name}},
                     {"wl_phone", std::string{phone}}},
                    op, with_csrf ? op.csrf : "");
    }

    /// Joins for a caller; the entry's code.
    [[nodiscard]] std::string joined(std::string_view day, std::string_view phone) const {
        const auto r = join(day, "이대기", phone);
        INFO(r.body);
        REQUIRE(r.status == 303);
        static const std::regex entry{"^/staff/waitlist/([A-Z0-9]{8})\\?new=1"};
        std::smatch m;
        const std::string loc = r.header("location");
        REQUIRE(std::regex_search(loc, m, entry));
        return m[1];
    }

    [[nodiscard]] std::string status_of(std::string_view code) const {
        return s.query("SELECT status FROM waitlist WHERE code = '" + std::string{code} + "'");
    }

    /// Everything a refused form could have changed.
    [[nodiscard]] std::string counts() const {
        return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM reservations) || '/' || "
                       "(SELECT count(*) FROM audit_log) || '/' || "
                       "(SELECT count(*) FROM waitlist WHERE status = 'waiting') || '/' || "
                       "(SELECT count(*) FROM outbox) FROM waitlist");
    }
};

/// The waitlist form's part of the booking page ("" when it is not there).
std::string waitlist_form(const std::string& body) {
    const auto a = body.find("<section id=\"waitlist\"");
    if (a == std::string::npos) {
        return {};
    }
    return body.substr(a, body.find("</section>", a) - a);
}

/// The error shown beside a field of the waitlist form (`id`: f-wl_phone, f-wl_name, wl).
std::string error_beside(const std::string& body, std::string_view id) {
    const std::regex re{"id=\"" + std::string{id} + "-error\"[^>]*>([^<]*)</p>"};
    std::smatch m;
    return std::regex_search(body, m, re) ? std::string{m[1]} : std::string{};
}

} // namespace

TEST_CASE("staff waitlist pages: the booking page offers the waitlist after no_capacity",
          "[pages][staff][waitlist]") {
    one_tiller f;
    f.staff_book("2020-05-14", "010-7500-0001");

    // A full day from the board's grid: the booking page says why and offers the waitlist form.
    auto r = f.page("/staff/book?branch=GS&type=TILLER&start=2020-05-14&from=2020-05-12", f.op);
    REQUIRE(r.status == 200);
    auto form = waitlist_form(r.body);
    REQUIRE_FALSE(form.empty());
    CHECK(form.find("대기 등록") != std::string::npos);
    CHECK(form.find("action=\"/staff/waitlist\"") != std::string::npos);
    CHECK(form.find("name=\"csrf\"") != std::string::npos);
    CHECK(form.find("name=\"start\" value=\"2020-05-14\"") != std::string::npos);
    CHECK(form.find("name=\"wl_phone\"") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    r = f.page("/staff/book?branch=GS&type=TILLER&start=2020-05-14&lang=en", f.op);
    CHECK(waitlist_form(r.body).find("Add to waitlist") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    // A free day has no waitlist form.
    r = f.page("/staff/book?branch=GS&type=TILLER&start=2020-05-15", f.op);
    REQUIRE(r.status == 200);
    CHECK(waitlist_form(r.body).empty());

    // The operator tried to book (the page was open before the day filled): no_capacity, and the
    // waitlist form has the caller's name and phone already.
    r = f.post("/staff/book",
               {{"branch", "GS"},
                {"type", "TILLER"},
                {"start", "2020-05-14"},
                {"end", "2020-05-14"},
                {"from", "2020-05-12"},
                {"name", "박전화"},
                {"phone", "01075000002"}},
               f.op, f.op.csrf);
    CHECK(r.status == 409);
    form = waitlist_form(r.body);
    REQUIRE_FALSE(form.empty());
    CHECK(std::regex_search(form, std::regex{"name=\"wl_name\"[^>]*value=\"박전화\""}));
    CHECK(std::regex_search(form, std::regex{"name=\"wl_phone\"[^>]*value=\"010-7500-0002\""}));

    // Added for the caller: no phone code (staff, DOMAIN.md §14), no message sent for it.
    const std::string outbox = f.s.query("SELECT count(*) FROM outbox");
    r = f.join("2020-05-14", "박전화", "010-7500-0002");
    INFO(r.body);
    REQUIRE(r.status == 303);
    const std::string loc = r.header("location");
    REQUIRE(loc.starts_with("/staff/waitlist/"));
    const std::string code = loc.substr(16, 8);
    CHECK(f.s.query("SELECT status || ' ' || channel || ' ' || created_by || ' ' || phone || "
                    "' ' || farmer_name FROM waitlist WHERE code = '" +
                    code + "'") == "waiting phone operator 010-7500-0002 박전화");
    CHECK(f.s.query("SELECT count(*) FROM outbox") == outbox);

    // The entry's page: the code in large type to read out, its place in the queue.
    r = f.page(loc, f.op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("class=\"code-text\" aria-hidden=\"true\">" + code) != std::string::npos);
    CHECK(r.body.find("대기 등록했습니다") != std::string::npos);
    CHECK(r.body.find("대기 순번 1번") != std::string::npos);
    CHECK(r.body.find("/staff/waitlist/" + code + "/cancel") != std::string::npos);
    CHECK(r.body.find("/staff/waitlist/" + code + "/accept") == std::string::npos);
    CHECK(r.body.find("href=\"/staff/board?from=2020-05-12\"") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());
    r = f.page(loc + "&lang=en", f.op);
    CHECK(r.body.find("Number 1 in line") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());

    // The board's queue links to it.
    r = f.page("/staff/board?from=2020-05-12", f.op);
    CHECK(r.body.find("href=\"/staff/waitlist/" + code + "\"") != std::string::npos);
}

TEST_CASE("staff waitlist pages: refusals beside the waitlist form, nothing changed",
          "[pages][staff][waitlist]") {
    one_tiller f;
    int n = 0;
    for (const auto* day : {"2020-05-14", "2020-05-16", "2020-05-18", "2020-05-20"}) {
        f.staff_book(day, "010-7500-000" + std::to_string(++n));
    }
    const std::string phone = "010-7500-0009";
    (void)f.joined("2020-05-14", phone);

    // Already waiting for that day: beside the phone.
    std::string before = f.counts();
    auto r = f.join("2020-05-14", "이대기", phone);
    CHECK(r.status == 409);
    CHECK(error_beside(r.body, "f-wl_phone").find("이미 대기 중") != std::string::npos);
    CHECK(f.counts() == before);

    // The farmer's limit (3 entries at once, DOMAIN.md §13): beside the phone, in both languages.
    (void)f.joined("2020-05-16", phone);
    (void)f.joined("2020-05-18", phone);
    before = f.counts();
    r = f.join("2020-05-20", "이대기", phone);
    CHECK(r.status == 422);
    CHECK(error_beside(r.body, "f-wl_phone").find("3건") != std::string::npos);
    CHECK(r.body.find("class=\"error-summary is-shown\"") != std::string::npos);
    r = post_form_as(f.s, "/staff/waitlist?lang=en",
                     {{"branch", "GS"},
                      {"type", "TILLER"},
                      {"start", "2020-05-20"},
                      {"end", "2020-05-20"},
                      {"wl_name", "이대기"},
                      {"wl_phone", phone}},
                     f.op.cookie, f.op.csrf);
    CHECK(r.status == 422);
    CHECK(error_beside(r.body, "f-wl_phone").find("3 waitlist entries") != std::string::npos);
    CHECK(f.counts() == before);

    // A day that can be booked now: book it instead (the form stays, the reason beside the days).
    r = f.join("2020-05-26", "이대기", "010-7500-0010");
    CHECK(r.status == 409);
    CHECK(error_beside(r.body, "wl").find("바로 예약하세요") != std::string::npos);
    CHECK_FALSE(waitlist_form(r.body).empty());
    CHECK(f.counts() == before);

    // A rule of §5: a day already past.
    r = f.join("2020-05-11", "이대기", "010-7500-0010");
    CHECK(r.status == 422);
    CHECK_FALSE(error_beside(r.body, "wl").empty());
    CHECK(f.counts() == before);

    // A phone that is not one, a missing name: beside the fields, 400.
    r = f.join("2020-05-14", "", "12345");
    CHECK(r.status == 400);
    CHECK_FALSE(error_beside(r.body, "f-wl_phone").empty());
    CHECK_FALSE(error_beside(r.body, "f-wl_name").empty());
    CHECK(std::regex_search(r.body, std::regex{"name=\"wl_phone\"[^>]*value=\"12345\""}));
    CHECK(f.counts() == before);
}

TEST_CASE("staff waitlist pages: accept, decline and cancel for a caller",
          "[pages][staff][waitlist]") {
    one_tiller f;
    const std::string holder = f.staff_book("2020-05-14", "010-7500-0001");
    const std::string first = f.joined("2020-05-14", "010-7500-0002");
    const std::string second = f.joined("2020-05-14", "010-7500-0003");
    auto r = f.page("/staff/waitlist/" + second, f.op);
    CHECK(r.body.find("대기 순번 2번") != std::string::npos);

    // Accepting before an offer: offer_expired on the page, nothing changed.
    std::string before = f.counts();
    r = f.post("/staff/waitlist/" + first + "/accept", {}, f.op, f.op.csrf);
    CHECK(r.status == 409);
    CHECK(r.body.find("class=\"field-error wl-error\" role=\"alert\"") != std::string::npos);
    CHECK(f.counts() == before);

    // The holder's booking is cancelled: the first entry gets the offer.
    REQUIRE(f.s.post("/api/v1/reservations/" + holder + "/cancel",
                     json::object{{"reason", "농가 전화 요청"}}, f.op.bearer())
                .status == 200);
    r = f.page("/staff/waitlist/" + first, f.op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("status-wl-offered") != std::string::npos);
    CHECK(std::regex_search(r.body, std::regex{"11:30까지 수락하면"}));
    CHECK(r.body.find("수락 (예약 생성)") != std::string::npos);
    CHECK(r.body.find("/staff/waitlist/" + first + "/decline") != std::string::npos);
    CHECK(leftover_keys(r.body, page_keys).empty());

    // The caller declines on the phone: the second gets the offer.
    r = f.post("/staff/waitlist/" + first + "/decline",
               {{"back", "/staff/waitlist/" + first + "?back=%2Fstaff%2Fboard"}}, f.op, f.op.csrf);
    REQUIRE(r.status == 303);
    CHECK(r.header("location").starts_with("/staff/waitlist/" + first + "?done=declined"));
    CHECK(f.status_of(first) == "declined");
    CHECK(f.status_of(second) == "offered");
    r = f.page(r.header("location"), f.op);
    CHECK(r.body.find("제안을 거절했습니다") != std::string::npos);
    CHECK(r.body.find("/staff/waitlist/" + first + "/accept") == std::string::npos);

    // Declined cannot be accepted any more: the refusal on the page, nothing changed.
    before = f.counts();
    r = f.post("/staff/waitlist/" + first + "/accept", {}, f.op, f.op.csrf);
    CHECK(r.status == 409);
    CHECK(r.body.find("유효 시간이 지났거나") != std::string::npos);
    CHECK(f.counts() == before);

    // The second caller accepts: a reservation, the staff page of it with the code to read out.
    r = f.post("/staff/waitlist/" + second + "/accept", {}, f.op, f.op.csrf);
    INFO(r.body);
    REQUIRE(r.status == 303);
    const std::string loc = r.header("location");
    REQUIRE(loc.starts_with("/staff/reservations/"));
    CHECK(loc.find("booked=1") != std::string::npos);
    const std::string booked = loc.substr(20, 8);
    CHECK(f.s.query("SELECT r.status || ' ' || f.phone FROM reservations r JOIN farmers f ON "
                    "f.id = r.farmer_id WHERE r.code = '" +
                    booked + "'") == "confirmed 010-7500-0003");
    CHECK(f.status_of(second) == "booked");
    r = f.page(loc, f.op);
    REQUIRE(r.status == 200);
    CHECK(r.body.find(booked) != std::string::npos);
    r = f.page("/staff/waitlist/" + second, f.op);
    CHECK(r.body.find("href=\"/staff/reservations/" + booked + "\"") != std::string::npos);

    // A third caller waits, then cancels on the phone.
    const std::string third = f.joined("2020-05-14", "010-7500-0004");
    r = f.post("/staff/waitlist/" + third + "/cancel", {}, f.op, f.op.csrf);
    REQUIRE(r.status == 303);
    CHECK(f.status_of(third) == "cancelled");
    // Cancelled twice: refused on the page, nothing changed.
    before = f.counts();
    r = f.post("/staff/waitlist/" + third + "/cancel", {}, f.op, f.op.csrf);
    CHECK(r.status == 409);
    CHECK(r.body.find("role=\"alert\"") != std::string::npos);
    CHECK(f.counts() == before);

    // An unknown code: the 404 page.
    CHECK(f.page("/staff/waitlist/ZZZZ9999", f.op).status == 404);
}

TEST_CASE("staff waitlist pages: a clerk of another branch is refused, of the branch is not",
          "[pages][staff][waitlist]") {
    one_tiller f;
    f.staff_book("2020-05-14", "010-7500-0001");
    const std::string code = f.joined("2020-05-14", "010-7500-0002");
    const auto bb = login(f.s, demo_clerk_bb);
    const auto gs = login(f.s, demo_clerk_gs);

    const std::string before = f.counts();
    auto r = f.page("/staff/waitlist/" + code, bb);
    CHECK(r.status == 403);
    CHECK(r.body.find("010-7500-0002") == std::string::npos);
    CHECK(r.body.find("/cancel") == std::string::npos);
    r = f.post("/staff/waitlist/" + code + "/cancel", {}, bb, bb.csrf);
    CHECK(r.status == 403);
    CHECK(f.counts() == before);
    CHECK(f.status_of(code) == "waiting");

    // The clerk of GS sees it and may cancel it for a caller.
    r = f.page("/staff/waitlist/" + code, gs);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("/staff/waitlist/" + code + "/cancel") != std::string::npos);
    r = f.post("/staff/waitlist/" + code + "/cancel", {}, gs, gs.csrf);
    CHECK(r.status == 303);
    CHECK(f.status_of(code) == "cancelled");
    // Clerks do not book for callers, so they do not add to the waitlist either.
    r = post_form_as(f.s, "/staff/waitlist",
                     {{"branch", "GS"},
                      {"type", "TILLER"},
                      {"start", "2020-05-14"},
                      {"wl_name", "이대기"},
                      {"wl_phone", "010-7500-0003"}},
                     gs.cookie, gs.csrf);
    CHECK(r.status == 403);
}

TEST_CASE("staff waitlist pages: forms without the CSRF token are refused",
          "[pages][staff][waitlist]") {
    one_tiller f;
    f.staff_book("2020-05-14", "010-7500-0001");
    const std::string code = f.joined("2020-05-14", "010-7500-0002");
    const std::string before = f.counts();
    auto r = f.join("2020-05-14", "이대기", "010-7500-0003", false);
    CHECK(r.status == 403);
    for (const auto* action : {"accept", "decline", "cancel"}) {
        r = f.post("/staff/waitlist/" + code + "/" + action, {}, f.op, "");
        CHECK(r.status == 403);
        r = f.post("/staff/waitlist/" + code + "/" + action, {}, f.op, "not-the-token");
        CHECK(r.status == 403);
    }
    CHECK(f.counts() == before);
    CHECK(f.status_of(code) == "waiting");
}

TEST_CASE("staff waitlist pages: a caller waits for a half day, and the offer books that half",
          "[pages][staff][waitlist][half_day]") {
    // BB has one seeder, which lends half days (demo): a booked morning fills the morning only.
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 09:30");
    const auto op = login(s, demo_operator);
    auto body = booking("BB", "SEEDER", "2020-05-14", "2020-05-14", "김오전", "010-7500-0101");
    body["half"] = "am";
    body["channel"] = "phone";
    auto r = s.post("/api/v1/reservations", body, op.bearer());
    REQUIRE(r.status == 201);
    const std::string morning = str(r.json().at("code"));

    // The booking page for the morning: refused for no_capacity, the waitlist form keeps the half.
    r = s.get("/staff/book?branch=BB&type=SEEDER&start=2020-05-14&half=am",
              {{"Cookie", op.cookie}});
    REQUIRE(r.status == 200);
    const auto form = waitlist_form(r.body);
    REQUIRE_FALSE(form.empty());
    CHECK(form.find("name=\"half\" value=\"am\"") != std::string::npos);

    r = post_form_as(s, "/staff/waitlist",
                     {{"branch", "BB"},
                      {"type", "SEEDER"},
                      {"start", "2020-05-14"},
                      {"end", "2020-05-14"},
                      {"half", "am"},
                      {"wl_name", "박오전"},
                      {"wl_phone", "010-7500-0102"}},
                     op.cookie, op.csrf);
    INFO(r.body);
    REQUIRE(r.status == 303);
    static const std::regex entry{"^/staff/waitlist/([A-Z0-9]{8})\\?new=1"};
    std::smatch m;
    const std::string loc = r.header("location");
    REQUIRE(std::regex_search(loc, m, entry));
    const std::string code = m[1];
    CHECK(s.query("SELECT coalesce(half, '-') FROM waitlist WHERE code = '" + code + "'") == "am");
    r = s.get("/staff/waitlist/" + code, {{"Cookie", op.cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("오전 09:00") != std::string::npos);
    r = s.get("/staff/board?from=2020-05-12", {{"Cookie", op.cookie}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("오전 09:00") != std::string::npos);

    // The morning is cancelled: the entry is offered the morning; 수락 books that half day.
    r = s.post("/api/v1/reservations/" + morning + "/cancel", json::object{{"reason", "취소"}},
               op.bearer());
    REQUIRE(r.status == 200);
    CHECK(s.query("SELECT status FROM waitlist WHERE code = '" + code + "'") == "offered");
    r = post_form_as(s, "/staff/waitlist/" + code + "/accept", {}, op.cookie, op.csrf);
    INFO(r.body);
    REQUIRE(r.status == 303);
    CHECK(s.query("SELECT coalesce(r.half, '-') FROM reservations r JOIN waitlist w ON "
                  "w.reservation_id = r.id WHERE w.code = '" +
                  code + "'") == "am");
}
