// The administration pages (issue 5, "Admin pages") over real HTTP against the built binary:
// admins only, CSRF on every form, and each form POST carried out by the admin API in-process
// (server/pages/admin_pages.cpp) — a change shows in the public API, a refusal comes back
// beside the field with what was typed and changes nothing.
#include <regex>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

using fields = form_fields;

/// A urlencoded form POST as a browser sends it: the session cookie, and the CSRF token as the
/// form's `csrf` field (unless `csrf` is empty: a forged form).
http_reply post_form(const server_process& s, std::string_view target, fields f,
                     const staff_login& who, std::string_view csrf) {
    return post_form_as(s, target, std::move(f), who.cookie, csrf);
}

http_reply post_form(const server_process& s, std::string_view target, const fields& f,
                     const staff_login& who) {
    return post_form(s, target, f, who, who.csrf);
}

http_reply get_page(const server_process& s, std::string_view target, const staff_login& who) {
    return s.get(target, who.cookie_only());
}

json::object calendar_day(const server_process& s, const std::string& branch,
                          const std::string& date) {
    const auto r = s.get("/api/v1/calendar?branch=" + branch + "&from=" + date + "&to=" + date);
    REQUIRE(r.status == 200);
    return r.json().at("days").at(0).as_object();
}

json::object machine_type(const server_process& s, std::string_view code) {
    const auto r = s.get("/api/v1/machine-types");
    REQUIRE(r.status == 200);
    const auto types = r.json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == code) {
            return t.as_object();
        }
    }
    FAIL("no machine type " << code);
    return {};
}

/// The text of the field error paragraph of input `id` ("" if none).
std::string error_beside(const std::string& html, const std::string& id) {
    const std::regex re{"id=\"" + id + "-error\" aria-live=\"polite\">([^<]*)</p>"};
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : std::string{"(no such field)"};
}

/// The value="…" of input `id`.
std::string value_of(const std::string& html, const std::string& id) {
    const std::regex re{"id=\"" + id + "\" name=\"[^\"]*\" type=\"[^\"]*\" value=\"([^\"]*)\""};
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : std::string{"(no such input)"};
}

/// Every POST form of a page carries the session's CSRF token.
void check_csrf_in_post_forms(const std::string& html, const std::string& csrf) {
    int posts = 0;
    for (const auto& form : forms_of(html)) {
        if (form.find("method=\"post\"") != std::string::npos) {
            CAPTURE(form.substr(0, 160));
            CHECK(form.find("name=\"csrf\" value=\"" + csrf + "\"") != std::string::npos);
            ++posts;
        }
    }
    CHECK(posts > 0);
}

std::string count(const server_process& s, std::string_view table) {
    return s.query("SELECT count(*) FROM " + std::string{table});
}

} // namespace

TEST_CASE("admin pages: admins only, others get 403, nobody signed in goes to the login page",
          "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");

    auto r = s.get("/staff/admin/types");
    CHECK(r.status == 303);
    CHECK(r.header("location").starts_with("/staff/login?next="));
    CHECK(r.header("location").find("types") != std::string::npos);

    for (const auto& who : {demo_operator, demo_clerk_gs}) {
        const auto staff = login(s, who);
        CAPTURE(who.username);
        for (const char* target : {"/staff/admin", "/staff/admin/types", "/staff/admin/users",
                                   "/staff/admin/farmers/010-1234-5678"}) {
            CAPTURE(target);
            r = get_page(s, target, staff);
            CHECK(r.status == 403);
            CHECK(r.header("content-type") == "text/html; charset=utf-8");
            CHECK(r.body.find("TRACTOR") == std::string::npos);
        }
        // A form POST with a valid token is refused too, and changes nothing.
        r = post_form(s, "/staff/admin/holidays",
                      {{"date", "2020-05-21"}, {"name_ko", "임시"}, {"name_en", "Temporary"}},
                      staff);
        CHECK(r.status == 403);
        CHECK(count(s, "holiday_overrides") == "0");
    }
    CHECK(calendar_day(s, "GS", "2020-05-21").at("operating").as_bool());

    const auto admin = login(s, demo_admin);
    r = get_page(s, "/staff/admin", admin);
    CHECK(r.status == 200);
    CHECK(r.body.find("href=\"/staff/admin/types\"") != std::string::npos);
}

TEST_CASE("admin pages: a form POST without the session's CSRF token is refused", "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);
    const fields holiday{
        {"date", "2020-05-21"}, {"name_ko", "임시공휴일"}, {"name_en", "Temporary"}};

    for (const std::string_view csrf : {"", "not-the-token"}) {
        CAPTURE(csrf);
        const auto r = post_form(s, "/staff/admin/holidays", holiday, admin, csrf);
        CHECK(r.status == 403);
        CHECK(r.header("content-type").starts_with("text/html"));
    }
    // A forged type edit and a forged user: nothing changed either.
    CHECK(post_form(s, "/staff/admin/types/TRACTOR", {{"daily_fee", "1"}}, admin, "").status ==
          403);
    CHECK(post_form(s, "/staff/admin/users",
                    {{"username", "mallory"}, {"role", "admin"}, {"password", "0123456789ab"}},
                    admin, "")
              .status == 403);
    CHECK(count(s, "holiday_overrides") == "0");
    CHECK(machine_type(s, "TRACTOR").at("daily_fee").as_int64() == 100000);
    CHECK(s.query("SELECT count(*) FROM staff_users WHERE username = 'mallory'") == "0");
    CHECK(calendar_day(s, "GS", "2020-05-21").at("operating").as_bool());
}

TEST_CASE("admin pages: a holiday added through the form closes the day in /api/v1/calendar",
          "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);
    REQUIRE(calendar_day(s, "GS", "2020-05-21").at("operating").as_bool());

    const auto r = post_form(
        s, "/staff/admin/holidays",
        {{"date", "2020-05-21"}, {"name_ko", "임시공휴일"}, {"name_en", "Temporary holiday"}},
        admin);
    REQUIRE(r.status == 303);
    // (A demo booking is on that day: the notice names it, for the office to call.)
    CHECK(r.header("location").starts_with("/staff/admin/holidays?year=2020&done=holiday_added"));

    for (const char* branch : {"GS", "BB"}) {
        const auto day = calendar_day(s, branch, "2020-05-21");
        CHECK_FALSE(day.at("operating").as_bool());
        CHECK(std::string{day.at("reason").as_string()}.starts_with("holiday:"));
    }
    // The list page after the redirect: the notice and the new row.
    const auto page = get_page(s, r.header("location"), admin);
    CHECK(page.status == 200);
    CHECK(page.body.find("공휴일을 추가했습니다.") != std::string::npos);
    CHECK(page.body.find("id=\"holiday-2020-05-21\"") != std::string::npos);
    // The API did the write: its audit row names the admin, the counter and the address.
    const auto audit = s.get("/api/v1/audit?action=holiday.add", admin.bearer());
    REQUIRE(audit.status == 200);
    const auto body = audit.json();
    const auto& entries = body.at("entries").as_array();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].at("actor").as_string() == "admin");
    CHECK(entries[0].at("channel").as_string() == "counter");
    CHECK(entries[0].at("address").as_string() == "127.0.0.1");

    // Removing it through the row's button opens the day again.
    const auto removed = post_form(s, "/staff/admin/holidays/2020-05-21/delete", {}, admin);
    CHECK(removed.status == 303);
    CHECK(calendar_day(s, "GS", "2020-05-21").at("operating").as_bool());
}

TEST_CASE("admin pages: an invalid form comes back with the message beside the field, the "
          "entries kept, nothing changed",
          "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);

    SECTION("a bad date") {
        const auto r = post_form(s, "/staff/admin/holidays",
                                 {{"date", "2020-13-45"},
                                  {"name_ko", "임시공휴일"},
                                  {"name_en", "Temporary <b>holiday</b>"}},
                                 admin);
        CHECK(r.status == 400);
        CHECK(r.header("content-type") == "text/html; charset=utf-8");
        CHECK(error_beside(r.body, "f-add-date") == "날짜를 2020-05-24처럼 적어 주세요.");
        CHECK(error_beside(r.body, "f-add-name_ko").empty());
        CHECK(value_of(r.body, "f-add-date") == "2020-13-45");
        CHECK(value_of(r.body, "f-add-name_en") == "Temporary &lt;b&gt;holiday&lt;/b&gt;");
        CHECK(r.body.find("<a href=\"#f-add-date\">") != std::string::npos); // the summary
        CHECK(r.body.find("aria-invalid=\"true\"") != std::string::npos);
        check_csrf_in_post_forms(r.body, admin.csrf);
        CHECK(count(s, "holiday_overrides") == "0");
    }

    SECTION("a duplicate code, in English") {
        const auto before = count(s, "machine_types");
        const auto r = post_form(s, "/staff/admin/types?lang=en",
                                 {{"code", "TRACTOR"},
                                  {"name_ko", "트랙터2"},
                                  {"name_en", "Tractor 2"},
                                  {"daily_fee", "55000"},
                                  {"max_days", "2"},
                                  {"checklist", "Tyres\nOil"}},
                                 admin);
        CHECK(r.status == 409);
        CHECK(r.body.find("<html lang=\"en\">") != std::string::npos);
        CHECK(error_beside(r.body, "f-add-code") == "&apos;TRACTOR&apos; already exists.");
        CHECK(value_of(r.body, "f-add-daily_fee") == "55000");
        CHECK(value_of(r.body, "f-add-name_en") == "Tractor 2");
        CHECK(r.body.find(">Tyres\nOil</textarea>") != std::string::npos);
        CHECK(count(s, "machine_types") == before);
        CHECK(machine_type(s, "TRACTOR").at("name_en").as_string() == "Tractor");
    }

    SECTION("a nested field: the suspension date") {
        const auto r =
            post_form(s, "/staff/admin/farmers/010-1234-5678/suspend",
                      {{"suspension.until", "2020-01-01"}, {"suspension.reason", "x"}}, admin);
        CHECK(r.status == 400);
        CHECK(error_beside(r.body, "f-suspend-suspension-until") ==
              "지난 날짜는 적을 수 없습니다.");
        CHECK(
            s.query("SELECT suspended_until IS NULL FROM farmers WHERE phone = '010-1234-5678'") ==
            "1");
    }

    SECTION("a weak password is not shown again") {
        const auto r = post_form(s, "/staff/admin/users",
                                 {{"username", "newclerk"},
                                  {"display_name", "새 직원"},
                                  {"role", "clerk"},
                                  {"branch", "GS"},
                                  {"password", "short-pw"}},
                                 admin);
        CHECK(r.status == 400);
        CHECK(error_beside(r.body, "f-add-password") ==
              "비밀번호는 10자 이상 128자 이하로 정해 주세요.");
        CHECK(r.body.find("short-pw") == std::string::npos);
        CHECK(value_of(r.body, "f-add-username") == "newclerk");
        CHECK(s.query("SELECT count(*) FROM staff_users WHERE username = 'newclerk'") == "0");
    }

    SECTION("a refusal naming a whole object: beside its first field") {
        const auto r = post_form(s, "/staff/admin/branches/GS",
                                 {{"name_ko", "광산본소"},
                                  {"name_en", "Gwangsan"},
                                  {"hours.open", "18:00"},
                                  {"hours.close", "09:00"}},
                                 admin);
        CHECK(r.status == 400);
        // The API names "hours": beside its first field.
        CHECK(error_beside(r.body, "f-edit-hours-open").find("운영 시간이 맞지 않습니다") == 0);
        CHECK(value_of(r.body, "f-edit-hours-open") == "18:00");
        const auto gs = s.get("/api/v1/branches").json().at(0);
        CHECK(gs.at("hours").at("open").as_string() == "09:00");
    }
}

TEST_CASE("admin pages: a machine type's fee edited through the form shows in "
          "/api/v1/machine-types",
          "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);
    const auto before = machine_type(s, "CULTIVATOR");

    // The edit page shows the current values in its form.
    const auto page = get_page(s, "/staff/admin/types/CULTIVATOR", admin);
    REQUIRE(page.status == 200);
    CHECK(value_of(page.body, "f-edit-daily_fee") == "20000");
    check_csrf_in_post_forms(page.body, admin.csrf);

    std::string checklist;
    for (const auto& item : before.at("checklist").as_array()) {
        checklist += std::string{item.as_string()} + "\n";
    }
    // What the browser sends: every field of the form, the unticked boxes absent.
    const auto r = post_form(s, "/staff/admin/types/CULTIVATOR",
                             {{"name_ko", std::string{before.at("name_ko").as_string()}},
                              {"name_en", std::string{before.at("name_en").as_string()}},
                              {"daily_fee", "25,000"},
                              {"max_days", "3"},
                              {"checklist", checklist}},
                             admin);
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/staff/admin/types?done=saved");

    const auto after = machine_type(s, "CULTIVATOR");
    CHECK(after.at("daily_fee").as_int64() == 25000);
    CHECK(after.at("checklist") == before.at("checklist"));
    CHECK(after.at("needs_training") == before.at("needs_training"));
    CHECK(after.at("max_days").as_int64() == 3);
    const auto quote =
        s.get("/api/v1/quote?branch=GS&type=CULTIVATOR&start=2020-05-21&end=2020-05-21");
    CHECK(quote.json().at("fee").at("gross").as_int64() == 25000);
    const auto list = get_page(s, r.header("location"), admin);
    CHECK(list.body.find("25,000원") != std::string::npos);
    CHECK(list.body.find("저장했습니다.") != std::string::npos);

    // A ticked box turns the flag on; a cleared line list empties the checklist.
    const auto flags = post_form(s, "/staff/admin/types/CULTIVATOR",
                                 {{"needs_approval", "on"}, {"checklist", ""}}, admin);
    CHECK(flags.status == 303);
    CHECK(machine_type(s, "CULTIVATOR").at("needs_approval").as_bool());
    CHECK(machine_type(s, "CULTIVATOR").at("checklist").as_array().empty());
}

TEST_CASE("admin pages: a closure through the form closes the farmers' day and names the "
          "bookings to call about",
          "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);
    const auto booked =
        s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-21", "2020-05-21", "김농부", "010-5555-0001"));
    REQUIRE(booked.status == 201);
    const std::string code{booked.json().at("code").as_string()};

    const auto r =
        post_form(s, "/staff/admin/closures",
                  {{"branch", "GS"}, {"date", "2020-05-21"}, {"note", "재고 조사"}}, admin);
    REQUIRE(r.status == 303);
    const auto location = r.header("location");
    CHECK(location.starts_with("/staff/admin/closures?branch=GS&done=closure_added&affected="));
    CHECK(location.find(code) != std::string::npos);
    const auto day = calendar_day(s, "GS", "2020-05-21");
    CHECK_FALSE(day.at("operating").as_bool());
    CHECK(day.at("reason").as_string() == "closure:재고 조사");
    CHECK(calendar_day(s, "BB", "2020-05-21").at("operating").as_bool());

    const auto page = get_page(s, location, admin);
    CHECK(page.body.find("휴무일을 추가했습니다.") != std::string::npos);
    CHECK(page.body.find(code) != std::string::npos);
    // A notice never repeats text from the address: only booking codes and fixed texts.
    const auto forged =
        get_page(s, "/staff/admin/closures?done=%3Cb%3E&affected=%3Cscript%3E", admin);
    CHECK(forged.status == 200);
    CHECK(forged.body.find("<script") == std::string::npos);
    CHECK(forged.body.find("&lt;script") == std::string::npos);
    CHECK(forged.body.find("role=\"status\"") == std::string::npos);
}

TEST_CASE("admin pages: farmers' suspension set and lifted, names shown as text", "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);

    auto r =
        post_form(s, "/staff/admin/farmers/010-1234-5678/suspend",
                  {{"suspension.until", "2020-06-30"}, {"suspension.reason", "연락 두절"}}, admin);
    REQUIRE(r.status == 303);
    auto farmer = s.get("/api/v1/farmers/010-1234-5678", admin.bearer()).json();
    CHECK(farmer.at("suspension").at("until").as_string() == "2020-06-30");
    CHECK(farmer.at("suspended").as_bool());
    r = post_form(s, "/staff/admin/farmers/010-1234-5678/lift", {}, admin);
    REQUIRE(r.status == 303);
    farmer = s.get("/api/v1/farmers/010-1234-5678", admin.bearer()).json();
    CHECK(farmer.at("suspension").is_null());

    // Training date cleared with an empty field (null), categories from ticked boxes.
    r = post_form(s, "/staff/admin/farmers/010-1234-5678",
                  {{"name", "홍길동"}, {"training_completed_on", ""}, {"categories", "VETERAN"}},
                  admin);
    REQUIRE(r.status == 303);
    farmer = s.get("/api/v1/farmers/010-1234-5678", admin.bearer()).json();
    CHECK(farmer.at("training_completed_on").is_null());
    CHECK(farmer.at("categories") == json::array{"VETERAN"});

    // A name with markup, entered through a form, is shown as text on the list.
    r = post_form(s, "/staff/admin/categories",
                  {{"code", "XSS"},
                   {"name_ko", "<script>alert(1)</script>"},
                   {"name_en", "x"},
                   {"percent", "10"}},
                  admin);
    REQUIRE(r.status == 303);
    const auto page = get_page(s, "/staff/admin/categories", admin);
    CHECK(page.body.find("<script>alert") == std::string::npos);
    CHECK(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("admin pages: every page in Korean and English, complete, with tokens in its forms",
          "[admin_pages]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);
    for (const std::string target : {"/staff/admin",
                                     "/staff/admin/branches",
                                     "/staff/admin/branches/GS",
                                     "/staff/admin/seasons",
                                     "/staff/admin/seasons?branch=GS",
                                     "/staff/admin/holidays",
                                     "/staff/admin/holidays?year=2031",
                                     "/staff/admin/closures",
                                     "/staff/admin/closures?branch=BB&past=1",
                                     "/staff/admin/types",
                                     "/staff/admin/types/TRACTOR",
                                     "/staff/admin/units",
                                     "/staff/admin/units?branch=GS",
                                     "/staff/admin/units/GS-TRACTOR-01",
                                     "/staff/admin/discounts",
                                     "/staff/admin/discounts/1",
                                     "/staff/admin/categories",
                                     "/staff/admin/categories/VETERAN",
                                     "/staff/admin/farmers",
                                     "/staff/admin/groups",
                                     "/staff/admin/farmers?phone=5678",
                                     "/staff/admin/farmers/010-1234-5678",
                                     "/staff/admin/users",
                                     "/staff/admin/users/clerk-gs",
                                     "/staff/admin/settings",
                                     "/staff/admin/audit",
                                     "/staff/admin/audit?action=unit.*"}) {
        for (const std::string lang : {"ko", "en"}) {
            const std::string url =
                target + (target.find('?') == std::string::npos ? "?" : "&") + "lang=" + lang;
            CAPTURE(url);
            const auto r = get_page(s, url, admin);
            CHECK(r.status == 200);
            CHECK(r.body.find("<html lang=\"" + lang + "\">") != std::string::npos);
            CHECK(leftover_keys(r.body, admin_page_keys).empty());
            CHECK(r.header("content-security-policy").find("unsafe-inline") == std::string::npos);
            check_csrf_in_post_forms(r.body, admin.csrf);
        }
    }
    // Unknown things are the 404 page; a refused filter is shown beside the filter's field.
    CHECK(get_page(s, "/staff/admin/types/NOPE", admin).status == 404);
    CHECK(get_page(s, "/staff/admin/farmers/010-9999-9999", admin).status == 404);
    const auto bad = get_page(s, "/staff/admin/audit?from=2020-02-30", admin);
    CHECK(bad.status == 400);
    CHECK(error_beside(bad.body, "f-filter-from") == "날짜를 2020-05-24처럼 적어 주세요.");
}
