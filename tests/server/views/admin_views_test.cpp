// The administration pages' views and form kit without a server (issue 5, "Admin pages"):
// escaping, a CSRF token in every POST form, both languages complete. The translation of a posted
// form into the admin API's JSON: tests/server/pages/admin_forms_test.cpp.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "server/i18n/messages.hpp"
#include "server/views/admin_views.hpp"
#include "server/views/embedded.hpp"
#include "tests/server/views/view_test_support.hpp"

using namespace agrirent;
using namespace agrirent::views;
using namespace agrirent::test;

namespace {

page sample_page(std::string_view lang) {
    return with_staff_session(
        test::sample_page(lang, "기종", "Machine types",
                          {{"/", "Home", false}, {"/staff/admin", "Admin", true}}, "/staff/admin"),
        "csrf-\"token\"", "admin", "page-admin");
}

/// A page with everything the kit has: crumbs, areas, notice, error, facts, links, a table with
/// row buttons, section buttons, a POST form with every kind of input, a GET filter form.
admin::admin_view sample_view(std::string_view lang) {
    const bool en = lang == "en";
    admin::admin_view v;
    v.heading = en ? "Machine types" : "기종";
    v.lead = en ? "Changes apply to new bookings." : "새 예약부터 적용됩니다.";
    v.areas = {{"/staff/admin/types", v.heading, true}, {"/staff/admin/units", "Units", false}};
    v.crumbs = {{"/staff/admin", "Administration", false}, {"", v.heading, true}};
    v.notice = std::string{"Saved "} + std::string{evil};
    v.notice_lines = {"Reservations: K7M2Q9XW"};
    v.error = "Refused " + std::string{evil};
    v.error_href = "#f-add-code";

    admin::section list;
    list.id = "list";
    list.facts = {{"Name", std::string{evil}, {"line " + std::string{evil}}}};
    list.links = {{"/staff/admin/seasons?branch=GS", "Gwangsan", true}};
    admin::table t;
    t.caption = "Types";
    t.headers = {"Code", "Name", "Fee", "State"};
    t.actions = true;
    admin::row r;
    r.id = "type-TRACTOR";
    r.cells = {{"TRACTOR", "/staff/admin/types/TRACTOR", {}, {}, false},
               {std::string{evil}, {}, {"\"><img src=x onerror=alert(1)>"}, {}, false},
               {"100,000", {}, {}, {}, true},
               {"In use", {}, {}, "ok", false}};
    r.buttons = {{"Retire", "/staff/admin/types/TRACTOR/retire", {{"view", "a\"b"}}, true, r.id}};
    t.rows.push_back(r);
    list.tables.push_back(t);
    list.buttons = {{"Declare 2028", "/staff/admin/holiday-years", {{"year", "2028"}}, false, ""}};
    list.pager = {{"/staff/admin/audit?cursor=5", "Older", false}};
    v.sections.push_back(list);

    admin::section add;
    add.id = "add";
    add.heading = "New type";
    admin::form f;
    f.id = "add";
    f.action = "/staff/admin/types";
    f.submit = "Add";
    f.error = "Above the form " + std::string{evil};
    const auto in = [](std::string name, std::string kind, std::string value) {
        admin::input i;
        i.id = "f-add-" + name;
        i.name = std::move(name);
        i.kind = std::move(kind);
        i.label = "Label of " + i.name;
        i.value = std::move(value);
        return i;
    };
    auto code = in("code", "text", "\"><script>alert(2)</script>");
    code.error = "Already exists: " + std::string{evil};
    code.required = true;
    auto checklist = in("checklist", "textarea", "</textarea><script>alert(3)</script>");
    auto flag = in("needs_training", "checkbox", "");
    flag.checked = true;
    auto branch = in("branch", "select", "");
    branch.options = {{"GS", "Gwangsan", true}, {"X\"Y", std::string{evil}, false}};
    auto types = in("types", "multi", "");
    types.options = {{"TRACTOR", "Tractor", true}, {"TILLER", "Tiller", false}};
    f.inputs = {code,
                in("daily_fee", "number", "100000"),
                in("hour_meter", "decimal", "520.5"),
                in("from", "date", "2020-05-18"),
                in("open", "time", "09:00"),
                in("password", "password", ""),
                checklist,
                flag,
                branch,
                types};
    add.forms.push_back(f);
    admin::form filter;
    filter.id = "filter";
    filter.get = true;
    filter.compact = true;
    filter.action = "/staff/admin/units";
    filter.submit = "Show";
    filter.inputs = {in("status", "text", "")};
    filter.reset_href = "/staff/admin/units";
    filter.reset_label = "Show all";
    add.forms.push_back(filter);
    v.sections.push_back(add);
    return v;
}

admin::home_view sample_home(std::string_view lang) {
    admin::home_view h;
    h.heading = lang == "en" ? "Administration" : "관리";
    h.lead = std::string{evil};
    h.groups = {{"Offices", {{"/staff/admin/branches", "Offices", std::string{evil}}}}};
    return h;
}

std::filesystem::path source_root() {
    if (const char* dir = std::getenv("AGRIRENT_SOURCE_DIR"); dir != nullptr && *dir != '\0') {
        return dir;
    }
    // tests/server/views/admin_views_test.cpp → the repository.
    return std::filesystem::path{__FILE__}.parent_path().parent_path().parent_path().parent_path();
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("admin views: user data is escaped, in text and in attributes", "[admin_views]") {
    for (const std::string lang : {"ko", "en"}) {
        const auto html = admin::render_admin(sample_page(lang), sample_view(lang));
        CAPTURE(lang);
        CHECK(html.find("<script>") == std::string::npos);
        CHECK(html.find("<img") == std::string::npos);
        CHECK(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;") != std::string::npos);
        // Inside attribute values the quote cannot end the attribute.
        CHECK(html.find("value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"") !=
              std::string::npos);
        CHECK(html.find("value=\"X&quot;Y\"") != std::string::npos);
        CHECK(html.find("name=\"view\" value=\"a&quot;b\"") != std::string::npos);
        // A textarea's content cannot close it.
        CHECK(html.find("&lt;/textarea&gt;&lt;script&gt;alert(3)") != std::string::npos);
        const auto home = admin::render_admin_home(sample_page(lang), sample_home(lang));
        CHECK(home.find("<script>") == std::string::npos);
        CHECK(home.find("&lt;script&gt;") != std::string::npos);
    }
}

TEST_CASE("admin views: every POST form carries the CSRF token, GET forms do not",
          "[admin_views]") {
    const auto html = admin::render_admin(sample_page("ko"), sample_view("ko"));
    const auto forms = forms_of(html);
    int posts = 0;
    int gets = 0;
    for (const auto& f : forms) {
        CAPTURE(f.substr(0, 120));
        const bool post = f.find("method=\"post\"") != std::string::npos;
        const bool get = f.find("method=\"get\"") != std::string::npos;
        CHECK(post != get);
        const bool has_csrf =
            f.find("<input type=\"hidden\" name=\"csrf\" value=\"csrf-&quot;token&quot;\">") !=
            std::string::npos;
        CHECK(has_csrf == post);
        posts += post ? 1 : 0;
        gets += get ? 1 : 0;
    }
    // The logout button, the row button, the section button, the add form; the filter.
    CHECK(posts == 4);
    CHECK(gets == 1);
    // Every admin template's POST form includes the token partial.
    for (const std::string_view name : {"admin_form", "admin_button"}) {
        std::string text;
        for (const auto& t : templates()) {
            if (t.name == std::string{name} + ".mustache") {
                text = std::string{t.bytes};
            }
        }
        CAPTURE(name);
        CHECK(text.find("{{>csrf_field}}") != std::string::npos);
    }
}

TEST_CASE("admin views: the kit shows the error beside its field and the summary links to it",
          "[admin_views]") {
    const auto html = admin::render_admin(sample_page("en"), sample_view("en"));
    const auto error = check_error_beside(html, "id=\"f-add-code\"", "id=\"f-add-code-error\"",
                                          "id=\"f-add-daily_fee\"");
    CHECK(html.find("Already exists: &lt;script&gt;", error) ==
          html.find(">Already exists", error) + 1);
    CHECK(html.find("aria-invalid=\"true\"") != std::string::npos);
    CHECK(html.find("<a href=\"#f-add-code\">Refused") != std::string::npos);
    CHECK(html.find("role=\"alert\"") != std::string::npos);
    CHECK(html.find("role=\"status\"") != std::string::npos);
    CHECK(html.find("type=\"checkbox\" value=\"on\" checked") != std::string::npos);
    CHECK(html.find("<option value=\"GS\" selected>") != std::string::npos);
    CHECK(html.find("value=\"TRACTOR\" checked") != std::string::npos);
    CHECK(html.find("value=\"TILLER\">") != std::string::npos);
    CHECK(html.find("name=\"hour_meter\" type=\"text\" value=\"520.5\" inputmode=\"decimal\"") !=
          std::string::npos);
    CHECK(html.find("type=\"number\"") == std::string::npos); // "60,000" can be typed
    CHECK(html.find("type=\"password\"") != std::string::npos);
    CHECK(html.find("<th scope=\"row\">") != std::string::npos);
    CHECK(html.find("aria-current=\"page\">Machine types</a>") != std::string::npos);
}

TEST_CASE("admin views: both languages are complete", "[admin_views]") {
    std::set<std::string> keys;
    int admin_entries = 0;
    for (const auto& e : i18n::all()) {
        keys.insert(std::string{e.key});
        if (!e.key.starts_with("adm.")) {
            continue;
        }
        ++admin_entries;
        CAPTURE(e.key, e.ko, e.en);
        CHECK_FALSE(e.ko.empty());
        CHECK_FALSE(e.en.empty());
        CHECK_FALSE(has_hangul(std::string{e.en}));
        // Korean texts are Korean, except the few that are only placeholders and symbols.
        const bool only_placeholders =
            std::regex_replace(std::string{e.ko}, std::regex{"\\{[a-z_]+\\}|[ ()‹›]"}, "").empty();
        CHECK((has_hangul(std::string{e.ko}) || only_placeholders));
    }
    CHECK(admin_entries > 300);

    // Every catalogue key the admin page handlers name exists (in both languages, above).
    const auto root = source_root();
    int named = 0;
    for (const auto& entry : std::filesystem::directory_iterator(root / "server" / "pages")) {
        const auto file = entry.path().filename().string();
        if (!file.starts_with("admin_") || entry.path().extension() != ".cpp") {
            continue;
        }
        const std::string text = read_file(entry.path());
        static const std::regex literal{"\"(adm\\.[a-z0-9_.]*[a-z0-9_])\""};
        for (auto it = std::sregex_iterator(text.begin(), text.end(), literal);
             it != std::sregex_iterator(); ++it) {
            CAPTURE(file, (*it)[1].str());
            CHECK(keys.contains((*it)[1]));
            ++named;
        }
    }
    CHECK(named > 250);
    // And the families the handlers build from the API's values.
    for (const char* s : {"available", "out", "cleaning", "maintenance", "retired"}) {
        CHECK(keys.contains(std::string{"adm.unit_status."} + s));
    }
    for (const char* r : {"admin", "operator", "clerk"}) {
        CHECK(keys.contains(std::string{"adm.role."} + r));
    }
    for (const char* k : {"no_show", "late_return", "damage"}) {
        CHECK(keys.contains(std::string{"adm.strike."} + k));
    }
    for (const char* a : {"branches", "seasons", "holidays", "closures", "types", "units",
                          "discounts", "categories", "farmers", "users", "settings", "audit"}) {
        CHECK(keys.contains(std::string{"adm.area."} + a));
        CHECK(keys.contains(std::string{"adm.area."} + a + "_text"));
    }

    // Rendered: no key left over; the English page has no Korean (the sample data is English).
    for (const std::string lang : {"ko", "en"}) {
        CAPTURE(lang);
        auto v = sample_view(lang);
        v.notice = lang == "en" ? "Saved." : "저장했습니다.";
        v.error.clear();
        auto home = sample_home(lang);
        for (const auto& html : {admin::render_admin(sample_page(lang), v),
                                 admin::render_admin_home(sample_page(lang), home)}) {
            CHECK(leftover_keys(html, admin_keys).empty());
            CHECK(html.find("{{") == std::string::npos);
            if (lang == "en") {
                std::string rest = html;
                rest.erase(rest.find("한국어"), std::string_view{"한국어"}.size());
                CHECK_FALSE(has_hangul(rest));
            } else {
                CHECK(has_hangul(html));
            }
        }
    }
    CHECK(leftover_keys("<p>adm.units.missing</p>", admin_keys) ==
          std::vector<std::string>{"adm.units.missing"});
}
