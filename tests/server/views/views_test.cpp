// Views are pure functions from a view model to HTML (STYLE.md): rendered here without a server.
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "server/i18n/messages.hpp"
#include "server/views/embedded.hpp"
#include "server/views/engine.hpp"
#include "server/views/farmer_views.hpp"
#include "tests/server/views/view_test_support.hpp"

using namespace agrirent;
using namespace agrirent::views;
using namespace agrirent::test;

namespace {

page sample_page(std::string_view lang) {
    return test::sample_page(lang, "제목", "Title", {{"/", "Home", true}, {"/book", "Book", false}},
                             "/");
}

book_view sample_book() {
    book_view v;
    v.branches = {{"GS", "Gwangsan", "", true}, {"BB", "Northern", "", false}};
    v.types = {{"RICE_TRANSPLANTER", "Rice transplanter", "₩60,000 a day", true}};
    v.branch_code = "GS";
    v.type_code = "RICE_TRANSPLANTER";
    v.chosen_summary = "Gwangsan · Rice transplanter";
    v.change_href = "/book?change=1";
    calendar_view c;
    c.title = "May 2020";
    c.next_href = "/book?month=2020-06";
    c.next_label = "June";
    c.weekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    calendar_cell blank;
    blank.blank = true;
    calendar_cell open;
    open.day = 12;
    open.date = "2020-05-12";
    open.state = "open";
    open.free = "2 free";
    open.label = "Tue 12 May, open, 2 free";
    open.href = "/book?start=2020-05-12";
    open.selected = true;
    calendar_cell closed = open;
    closed.day = 24;
    closed.state = "closed";
    closed.short_status = "Closed";
    closed.href.clear();
    c.weeks = {{blank, blank, open, closed, blank, blank, blank}};
    c.closed_days = {"Tue 5 May: public holiday (Children's Day)"};
    c.saturday_note = "Saturdays: open only 18 May – 20 June.";
    c.hint = "Tap the first day.";
    v.calendar = c;
    v.quote = sample_plan();
    v.available = "2 left";
    v.show_form = true;
    v.start = {"2020-05-11", ""};
    v.end = {"2020-05-14", ""};
    v.dates_error = "You can book at most 3 days.";
    v.errors = {"You can book at most 3 days."};
    v.name = {std::string{evil}, ""};
    v.phone = {"\"><script>alert(2)</script>", "Please write a Korean mobile number."};
    v.quoted_start = "2020-05-11";
    v.quoted_end = "2020-05-11";
    return v;
}

booking_view sample_booking() {
    booking_view v;
    v.just_booked = true;
    v.code = "K7M2Q9XW";
    v.code_spoken = "K 7 M 2, Q 9 X W";
    v.status = "confirmed";
    v.status_label = "Confirmed";
    v.farmer = std::string{evil};
    v.phone = "010-1234-5678";
    v.plan = sample_plan();
    v.come = "Come on Sat 23 May.";
    v.bring = {"ID card", "The fee"};
    v.office_name = "Gwangsan office";
    v.office_address = "Samdo-dong";
    v.office_phones = {{"062-613-5328", "tel:0626135328"}};
    v.ics_href = "/api/v1/reservations/K7M2Q9XW.ics?phone=010-1234-5678";
    v.can_cancel = true;
    v.cancel_href = "/booking/K7M2Q9XW/cancel";
    v.cancel_until = "until Sat 23 May 17:00";
    v.print_hint = "Print it.";
    return v;
}

/// Every page with a full sample model, in `lang`.
std::vector<std::pair<std::string, std::string>> all_pages(std::string_view lang) {
    const page p = sample_page(lang);
    home_view home;
    home.today = "Tue 12 May 2020";
    home.branches = {{"Gwangsan",
                      "Samdo-dong",
                      {{"062-613-5328", "tel:0626135328"}},
                      "Weekdays 09:00–18:00",
                      "18 May – 20 June",
                      {"Temporary reduction: 50% off"},
                      "/book?branch=GS"}};
    home.types = {{"Tractor",
                   "₩100,000",
                   "Today ₩50,000 (50% off)",
                   "Up to 3 days",
                   {"Safety training required"}}};
    lookup_view lookup;
    lookup.code = {"K7M2", "A booking code has 8 characters."};
    lookup.errors = {"A booking code has 8 characters."};
    return {
        {"home", render_home(p, home)},
        {"book", render_book(p, sample_book())},
        {"book (empty)", render_book(p, book_view{})},
        {"booking", render_booking(p, sample_booking())},
        {"cancel",
         render_cancel(
             p, {"K7M2Q9XW", "Gwangsan", "/booking/K7M2Q9XW/cancel", "/booking/K7M2Q9XW", {}})},
        {"lookup", render_lookup(p, lookup)},
        {"message", render_message(p, {"Not found", "No such page."})},
    };
}

} // namespace

TEST_CASE("views: user data is escaped, a <script> in a name shows as text", "[views]") {
    const auto html = render_booking(sample_page("ko"), sample_booking());
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;") != std::string::npos);

    const auto form = render_book(sample_page("en"), sample_book());
    CHECK(form.find("<script>") == std::string::npos);
    // Inside an attribute value: the quote cannot end the attribute.
    CHECK(form.find("value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"") !=
          std::string::npos);
    CHECK(form.find("value=\"&lt;script&gt;") != std::string::npos);
}

TEST_CASE("views: templates never output unescaped values", "[views]") {
    REQUIRE_FALSE(templates().empty());
    for (const auto& t : templates()) {
        CAPTURE(t.name);
        CHECK(t.bytes.find("{{{") == std::string_view::npos);
        CHECK(t.bytes.find("{{&") == std::string_view::npos);
        CHECK(t.bytes.find("style=") == std::string_view::npos);   // CSP: no inline styles
        CHECK(t.bytes.find("<script>") == std::string_view::npos); // CSP: no inline scripts
        CHECK_FALSE(std::regex_search(std::string{t.bytes}, std::regex{"\\son[a-z]+="}));
    }
}

TEST_CASE("views: every catalogue text a template uses exists in both languages", "[views]") {
    std::set<std::string_view> keys;
    for (const auto& e : i18n::all()) {
        keys.insert(e.key);
    }
    const std::regex use{"\\{\\{t\\.([a-z0-9_.]+)\\}\\}"};
    int uses = 0;
    for (const auto& t : templates()) {
        const std::string text{t.bytes};
        for (auto it = std::sregex_iterator(text.begin(), text.end(), use);
             it != std::sregex_iterator(); ++it) {
            const std::string key = (*it)[1];
            CAPTURE(t.name, key);
            CHECK(keys.contains(key));
            ++uses;
        }
    }
    CHECK(uses > 50);
}

TEST_CASE("views: every page renders in Korean and English without leftover keys", "[views]") {
    for (const std::string lang : {"ko", "en"}) {
        for (const auto& [name, html] : all_pages(lang)) {
            CAPTURE(lang, name);
            check_complete_page(html, lang, farmer_keys);
            if (lang == "en") {
                // Catalogue texts are English: nothing Korean but the switch to Korean.
                std::string rest = html;
                rest.erase(rest.find("한국어"), std::string_view{"한국어"}.size());
                CHECK(std::none_of(rest.begin(), rest.end(), [](char c) {
                    return static_cast<unsigned char>(c) == 0xEA ||
                           static_cast<unsigned char>(c) == 0xEB ||
                           static_cast<unsigned char>(c) == 0xEC ||
                           static_cast<unsigned char>(c) == 0xED; // Hangul syllables' lead bytes
                }));
            }
        }
    }
    const auto ko = render_home(sample_page("ko"), {});
    CHECK(ko.find("예약하기") != std::string::npos);
    const auto en = render_home(sample_page("en"), {});
    CHECK(en.find("Book a machine") != std::string::npos);
}

TEST_CASE("views: the leftover-key scan finds a missing text", "[views]") {
    CHECK(leftover_keys("<p>page.book.missing_text</p>", farmer_keys) ==
          std::vector<std::string>{"page.book.missing_text"});
    CHECK(leftover_keys("<link href=\"/static/app.css?v=1\">", farmer_keys).empty());
    // An unknown {{t.key}} renders as the key itself, so the scan above would catch it.
    CHECK(render_template("csrf_field", "ko", node{}.set("page", node{}.set("csrf", "a<b"))) ==
          "<input type=\"hidden\" name=\"csrf\" value=\"a&lt;b\">\n");
}

TEST_CASE("views: the booking page shows the code, the eve pickup and the office", "[views]") {
    const auto html = render_booking(sample_page("en"), sample_booking());
    CHECK(html.find("class=\"booking-code\"") != std::string::npos);
    CHECK(html.find("K7M2Q9XW") != std::string::npos);
    CHECK(html.find("pick up the day before") != std::string::npos);
    CHECK(html.find("href=\"tel:0626135328\"") != std::string::npos);
    CHECK(html.find("K7M2Q9XW.ics?phone=010-1234-5678") != std::string::npos);
    CHECK(html.find("/booking/K7M2Q9XW/cancel") != std::string::npos);
    auto staff = sample_page("en");
    staff.csrf = "tok\"en";
    const auto cancel = render_cancel(staff, {"K7M2Q9XW", "", "/booking/K7M2Q9XW/cancel", "/", {}});
    CHECK(cancel.find("name=\"csrf\" value=\"tok&quot;en\"") != std::string::npos);
}

TEST_CASE("views: the refusal is next to the dates, with the values kept", "[views]") {
    const auto html = render_book(sample_page("en"), sample_book());
    // Beside the dates, before the next field.
    check_error_beside(html, "id=\"f-start\"", "id=\"dates-error\"", "id=\"f-name\"");
    CHECK(html.find("value=\"2020-05-14\"") != std::string::npos);
    CHECK(html.find("You can book at most 3 days.</p>") != std::string::npos);
    CHECK(html.find("aria-invalid=\"true\"") != std::string::npos); // the phone
    // The quote: pickup window, the eve note, the fee lines.
    CHECK(html.find("Sat 23 May, 17:00–18:00") != std::string::npos);
    CHECK(html.find("pick up the day before") != std::string::npos);
    CHECK(html.find("50% off (Temporary)") != std::string::npos);
    CHECK(html.find("Mon 25 May 09:00") != std::string::npos);
}
