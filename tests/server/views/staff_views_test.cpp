// The staff pages' views (issue 5 "Staff") rendered without a server: user data escaped, both
// languages complete, and every POST form carries the session's CSRF token.
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "server/i18n/messages.hpp"
#include "server/views/engine.hpp"
#include "server/views/staff_views.hpp"
#include "tests/server/views/view_test_support.hpp"

using namespace agrirent;
using namespace agrirent::views;
using namespace agrirent::test;

namespace {

constexpr std::string_view token = "csrf-TOKEN_123";

page staff_page(std::string_view lang) {
    return with_staff_session(
        sample_page(
            lang, "예약 보드", "Board",
            {{"/", "Home", false}, {"/staff/board", "Board", true}, {"/staff/day", "Day", false}},
            "/staff/board"),
        std::string{token}, "Operator", "staff");
}

reservation_line sample_line(std::string code = "K7M2Q9XW") {
    reservation_line l;
    l.code = code;
    l.href = "/staff/reservations/" + code;
    l.farmer = std::string{evil};
    l.phone = "010-1234-5678";
    l.where = "Gwangsan office · Tractor";
    l.usage = "Sun 24 May, one day";
    l.pickup = "Sat 23 May, 17:00–18:00";
    l.return_by = "Mon 25 May 09:00";
    l.status = "confirmed";
    l.status_label = "Confirmed";
    l.note = "Picked up the evening before";
    return l;
}

action_button sample_button(std::string action, std::string label) {
    action_button b;
    b.action = std::move(action);
    b.back = "/staff/board?from=2020-05-12";
    b.label = std::move(label);
    b.css = "button-primary";
    return b;
}

reason_form sample_reason(std::string action, std::string id) {
    reason_form f;
    f.action = std::move(action);
    f.back = "/staff/board";
    f.id = std::move(id);
    f.label = "Reason";
    f.button = "Reject";
    f.value = std::string{evil};
    f.error = "Please give a reason.";
    return f;
}

move_form sample_move() {
    move_form f;
    f.action = "/staff/reservations/K7M2Q9XW/move";
    f.back = "/staff/board";
    f.id = "move-K7M2Q9XW";
    f.branches = {{"GS", "Gwangsan office", "", true}, {"BB", "Northern office", "", false}};
    f.start = "2020-05-24";
    f.end = "2020-05-24";
    f.error = "No machine of this type is left for the chosen dates.";
    return f;
}

checkout_form sample_checkout() {
    checkout_form f;
    f.action = "/staff/reservations/K7M2Q9XW/checkout";
    f.back = "/staff/day?date=2020-05-23";
    f.id = "co-K7M2Q9XW";
    f.units = {{"GS-TRACTOR-01", "GS-TRACTOR-01 · 157.5 h", "", true}};
    f.hour_meter = {"\"><script>alert(2)</script>", "Please enter the hours as a number."};
    f.hour_meter_hint = "The hours the meter shows.";
    f.checklist = {{"check_0", "Tyres", true}, {"check_1", std::string{evil}, false}};
    f.paid_error = "Machines are handed out only once the fee is paid.";
    f.needs_override = true;
    f.override_hint = "Outside the window.";
    f.override_reason = {"came early", ""};
    f.error = "Please correct the marked fields.";
    f.open = true;
    return f;
}

checkin_form sample_checkin() {
    checkin_form f;
    f.action = "/staff/reservations/K7M2Q9XW/checkin";
    f.back = "/staff/day?date=2020-05-25";
    f.id = "ci-K7M2Q9XW";
    f.hour_meter = {"160", ""};
    f.hour_meter_hint = "GS-TRACTOR-01 · 157.5 h when handed out";
    f.checklist = {{"check_0", "Tyres", true}};
    f.damage_notes = {std::string{evil}, ""};
    f.at_fault = true;
    f.late_preview = "Taken back now: late fee ₩100,000 (1 day late)";
    return f;
}

board_view sample_board() {
    board_view v;
    v.range = "Tue 12 May – Mon 25 May";
    v.from = "2020-05-12";
    v.prev_href = "/staff/board?from=2020-04-28";
    v.next_href = "/staff/board?from=2020-05-26";
    v.today_href = "/staff/board?from=2020-05-12";
    v.days = {{"12", "Tue", "Tue 12 May", true, false}, {"17", "Sun", "Sun 17 May", false, true}};
    board_cell free{"2",
                    "free",
                    false,
                    "",
                    "/staff/book?branch=GS&type=TRACTOR&start=2020-05-12",
                    "Gwangsan office, Tractor, Tue 12 May: 2 of 3 free",
                    "",
                    ""};
    board_cell closed{"0",
                      "none",
                      true,
                      "closed",
                      "/staff/book?start=2020-05-17",
                      "Gwangsan office, Tractor, Sun 17 May: 0 of 3 free, office closed",
                      "",
                      ""};
    board_cell unknown{"?", "unknown", false, "", "", "calendar not known yet", "", ""};
    v.branches = {{"Gwangsan office", {{std::string{evil}, {free, closed, unknown}}}}};
    v.query = {"\"><b>", "Please enter a mobile number or an 8-character booking code."};
    v.searched = true;
    v.results = {sample_line()};
    v.approvals = {{sample_line("DEMQF7XG"),
                    sample_button("/staff/reservations/DEMQF7XG/confirm", "Confirm"),
                    sample_reason("/staff/reservations/DEMQF7XG/reject", "reject-DEMQF7XG")}};
    v.at_risk = {{sample_line("H4TR7CXA"), sample_move(),
                  sample_reason("/staff/reservations/H4TR7CXA/cancel", "cancel-H4TR7CXA")}};
    v.alert = std::string{evil};
    return v;
}

staff_book_view sample_book() {
    staff_book_view v;
    v.summary = "Gwangsan office · Tractor · Sun 24 May";
    v.back_href = "/staff/board?from=2020-05-12";
    v.lengths = {{"/staff/book?start=2020-05-24", "1 day(s) · until Sun 24 May", true},
                 {"/staff/book?end=2020-05-25", "2 day(s) · until Mon 25 May", false}};
    v.quote = sample_plan();
    v.available = "2 of 3 machines are still free for these days.";
    v.dates_error = "";
    v.show_form = true;
    v.errors = {"This machine type needs safety training."};
    v.branch = "GS";
    v.type = "TRACTOR";
    v.start = "2020-05-24";
    v.end = "2020-05-24";
    v.from = "2020-05-12";
    v.name = {std::string{evil}, ""};
    v.phone = {"010-1234-5678", "This machine type needs safety training."};
    v.holders_heading = "Bookings holding a Tractor on Sun 24 May";
    v.holders = {sample_line()};
    return v;
}

staff_reservation_view sample_reservation() {
    staff_reservation_view v;
    v.just_booked = true;
    v.code = "K7M2Q9XW";
    v.code_spoken = "K 7 M 2, Q 9 X W";
    v.status = "checked_out";
    v.status_label = "Picked up";
    v.farmer = std::string{evil};
    v.phone = "010-1234-5678";
    v.phone_search_href = "/staff/board?q=010-1234-5678";
    v.plan = sample_plan();
    v.facts = {{"Booked through", "phone"}, {"Reason", std::string{evil}}};
    v.returned = true;
    v.result_highlight = true;
    v.late = true;
    v.late_fee = "₩100,000";
    v.late_days = "1 day(s) late";
    v.confirm = sample_button("/staff/reservations/K7M2Q9XW/confirm", "Confirm");
    v.reject = sample_reason("/staff/reservations/K7M2Q9XW/reject", "reject-K7M2Q9XW");
    v.cancel = sample_reason("/staff/reservations/K7M2Q9XW/cancel", "cancel-K7M2Q9XW");
    v.move = sample_move();
    v.no_show = sample_button("/staff/reservations/K7M2Q9XW/no-show", "Not picked up");
    v.checkout = sample_checkout();
    v.checkin = sample_checkin();
    v.history = {{"Tue 12 May 10:00", "operator (operator · phone)", "booked",
                  "status: Confirmed · reason: " + std::string{evil}}};
    v.back_href = "/staff/day?date=2020-05-23";
    v.back_label = "Back to the day sheet";
    v.alert = "Someone else changed it first.";
    return v;
}

day_view sample_day() {
    day_view v;
    v.branch_name = "Gwangsan office";
    v.branch_code = "GS";
    v.date = "2020-05-23";
    v.date_title = "Sat 23 May 2020";
    v.day_status = "open 09:00–18:00";
    v.prev_href = "/staff/day?date=2020-05-22";
    v.next_href = "/staff/day?date=2020-05-24";
    v.today_href = "/staff/day?date=2020-05-12";
    v.branches = {{"/staff/day?branch=GS&date=2020-05-23", "Gwangsan office", true},
                  {"/staff/day?branch=BB&date=2020-05-23", "Northern office", false}};
    v.can_act = true;
    day_item pickup{sample_line(),
                    sample_checkout(),
                    {},
                    sample_button("/staff/reservations/K7M2Q9XW/no-show", "Not picked up"),
                    {}};
    day_item back{sample_line("H4TR7CXA"), {}, sample_checkin(), {}, {}};
    v.pickups = {pickup};
    v.returns = {back};
    v.overdue = {back};
    v.at_risk = {sample_line("DEMQF7XG")};
    unit_line u;
    u.tag = "GS-TRACTOR-02";
    u.type = "Tractor";
    u.status = "cleaning";
    u.status_label = "cleaning";
    u.hour_meter = "278";
    u.notes = std::string{evil};
    action_button cleaned = sample_button("/staff/units/GS-TRACTOR-02/status", "Cleaned");
    cleaned.hidden = {{"status", "available"}};
    cleaned.error = "Not allowed now.";
    u.actions = {cleaned};
    v.units = {u};
    v.printed = "Printed Sat 23 May 10:00 · clerk";
    v.alert = "";
    return v;
}

login_view sample_login() {
    login_view v;
    v.username = {std::string{evil}, ""};
    v.password_error = "The username or password is not correct.";
    v.next = "/staff/day?date=2020-05-12&branch=GS";
    v.intro = "You were logged out.";
    v.alert = "Too many login attempts.";
    return v;
}

/// Every staff page with a full sample model, in `lang`.
std::vector<std::pair<std::string, std::string>> all_pages(std::string_view lang) {
    const page p = staff_page(lang);
    return {
        {"login", render_login(p, sample_login())},
        {"login (empty)", render_login(p, {})},
        {"board", render_board(p, sample_board())},
        {"board (empty)", render_board(p, {})},
        {"book", render_staff_book(p, sample_book())},
        {"book (no quote)", render_staff_book(p, {})},
        {"reservation", render_staff_reservation(p, sample_reservation())},
        {"reservation (plain)", render_staff_reservation(p, {})},
        {"day", render_day(p, sample_day())},
        {"day (empty)", render_day(p, {})},
        {"message", render_staff_message(p, {"Not allowed",
                                             "Ask an administrator.",
                                             {{"/staff/board", "To my work screen", true}}})},
    };
}

} // namespace

TEST_CASE("staff views: every POST form carries the session's CSRF token", "[staff_views]") {
    int forms = 0;
    for (const std::string lang : {"ko", "en"}) {
        for (const auto& [name, html] : all_pages(lang)) {
            CAPTURE(lang, name);
            for (const auto& form : post_forms(html)) {
                CAPTURE(form.substr(0, 120));
                CHECK(form.find("<input type=\"hidden\" name=\"csrf\" value=\"" +
                                std::string{token} + "\">") != std::string::npos);
                ++forms;
            }
        }
    }
    // The logout button, confirm, reject, move, cancel, check-out, check-in, no-show, units,
    // booking for a caller and the login: many forms, all checked.
    CHECK(forms > 40);
    // GET forms (search, date) change nothing and carry no token.
    const auto board = render_board(staff_page("ko"), sample_board());
    CHECK(board.find("<form method=\"get\" action=\"/staff/board\" class=\"search-form\"") !=
          std::string::npos);
}

TEST_CASE("staff views: user data is escaped everywhere", "[staff_views]") {
    for (const std::string lang : {"ko", "en"}) {
        for (const auto& [name, html] : all_pages(lang)) {
            CAPTURE(lang, name);
            CHECK(html.find("<script>") == std::string::npos);
            CHECK(html.find("<b>") == std::string::npos);
        }
    }
    const auto day = render_day(staff_page("en"), sample_day());
    CHECK(day.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;") != std::string::npos);
    // Inside attribute values the quote cannot end the attribute.
    CHECK(day.find("value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"") !=
          std::string::npos);
    const auto login = render_login(staff_page("en"), sample_login());
    CHECK(login.find("name=\"next\" value=\"/staff/day?date=2020-05-12&amp;branch=GS\"") !=
          std::string::npos);
    CHECK(login.find("type=\"password\" value=\"\"") != std::string::npos); // never echoed
}

TEST_CASE("staff views: both languages are complete, without leftover keys", "[staff_views]") {
    for (const std::string lang : {"ko", "en"}) {
        for (const auto& [name, html] : all_pages(lang)) {
            CAPTURE(lang, name);
            check_complete_page(html, lang, staff_keys);
            if (lang == "en") {
                // The sample data is English: only the switch to Korean may be Korean.
                std::string rest = html;
                rest.erase(rest.find("한국어"), std::string_view{"한국어"}.size());
                CHECK_FALSE(has_hangul(rest));
            }
        }
    }
    CHECK(render_board(staff_page("ko"), {}).find("승인 대기") != std::string::npos);
    CHECK(render_board(staff_page("en"), {}).find("Waiting for approval") != std::string::npos);
}

TEST_CASE("staff views: the texts the staff code builds exist in both languages", "[staff_views]") {
    std::set<std::string_view> keys;
    for (const auto& e : i18n::all()) {
        if (e.key.starts_with("staff.") || e.key.starts_with("nav.staff.")) {
            CAPTURE(e.key);
            CHECK_FALSE(e.ko.empty());
            CHECK_FALSE(e.en.empty());
            CHECK_FALSE(has_hangul(std::string{e.en}));
            // The same {placeholders} in both languages.
            static const std::regex placeholder{"\\{[a-z_]+\\}"};
            const auto names = [&](std::string_view t) {
                std::set<std::string> out;
                const std::string s{t};
                for (auto it = std::sregex_iterator(s.begin(), s.end(), placeholder);
                     it != std::sregex_iterator(); ++it) {
                    out.insert(it->str());
                }
                return out;
            };
            CHECK(names(e.ko) == names(e.en));
        }
        keys.insert(e.key);
    }
    // Keys the code puts together from a value (staff_*.cpp).
    std::vector<std::string> built;
    for (const char* a : {"confirm", "reject", "cancel", "move", "no_show", "checkout", "checkin",
                          "unit_available", "unit_maintenance", "unit_maintenance_risk"}) {
        built.push_back(std::string{"staff.done."} + a);
    }
    for (const char* s : {"available", "out", "cleaning", "maintenance", "retired"}) {
        built.push_back(std::string{"staff.unit_status."} + s);
    }
    for (const char* s : {"requested", "confirmed", "checked_out", "returned", "rejected",
                          "cancelled", "no_show", "overdue"}) {
        built.push_back(std::string{"status."} + s);
    }
    for (const char* r : {"farmer", "operator", "clerk", "admin", "system"}) {
        built.push_back(std::string{"staff.role."} + r);
    }
    for (const char* c : {"web", "phone", "counter", "system"}) {
        built.push_back(std::string{"staff.via."} + c);
    }
    for (const char* a : {"create", "confirm", "reject", "cancel", "checkout", "checkin", "no_show",
                          "move", "remind", "overdue_notice"}) {
        built.push_back(std::string{"staff.action."} + a);
    }
    for (const auto& k : built) {
        CAPTURE(k);
        CHECK(keys.contains(k));
    }
}

TEST_CASE("staff views: the board marks free, full and closed days", "[staff_views]") {
    const auto html = render_board(staff_page("en"), sample_board());
    CHECK(html.find("<td class=\"cell cell-free\"><a href=\"/staff/book?branch=GS&amp;type="
                    "TRACTOR&amp;start=2020-05-12\" aria-label=\"Gwangsan office, Tractor, Tue "
                    "12 May: 2 of 3 free\">") != std::string::npos);
    CHECK(html.find("class=\"cell cell-none is-closed\"") != std::string::npos);
    CHECK(html.find("<span class=\"cell-tag\" aria-hidden=\"true\">closed</span>") !=
          std::string::npos);
    // An unknown day is no link.
    CHECK(html.find("<td class=\"cell cell-unknown\"><span class=\"cell-inner\" role=\"img\"") !=
          std::string::npos);
    CHECK(html.find("class=\"bd is-today\"") != std::string::npos);
    CHECK(html.find("class=\"bd is-weekend\"") != std::string::npos);
}

TEST_CASE("staff views: the check-in result shows the late fee in large type", "[staff_views]") {
    const auto html = render_staff_reservation(staff_page("en"), sample_reservation());
    CHECK(html.find("<section class=\"result-box is-new is-late\"") != std::string::npos);
    CHECK(html.find("<strong class=\"late-fee-amount\">₩100,000</strong>") != std::string::npos);
    CHECK(html.find("<p class=\"late-days\">1 day(s) late</p>") != std::string::npos);
    CHECK(html.find("<span class=\"code-text\" aria-hidden=\"true\">K7M2Q9XW</span>") !=
          std::string::npos);
    // The refused check-out form is open, with the errors beside its fields.
    CHECK(html.find("<details class=\"work no-print\" open>") != std::string::npos);
    CHECK(html.find("name=\"override_reason\"") != std::string::npos);
}
