// The administration pages' views and form kit without a server (issue 5, "Admin pages"):
// escaping, a CSRF token in every POST form, both languages complete, and the translation of a
// posted form into the admin API's JSON (server/pages/admin_pages.cpp explains the pattern).
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "server/i18n/messages.hpp"
#include "server/pages/admin_page_support.hpp"
#include "server/views/admin_views.hpp"
#include "server/views/embedded.hpp"
#include "tests/server/app/view_test_support.hpp"

using namespace agrirent;
using namespace agrirent::views;
using namespace agrirent::test;
namespace adm = agrirent::pages::admin;
namespace json = boost::json;

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
    // tests/server/app/admin_views_test.cpp → the repository.
    return std::filesystem::path{__FILE__}.parent_path().parent_path().parent_path().parent_path();
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A posted urlencoded form.
http::form posted(std::string_view body) {
    auto f = http::form::parse(body);
    REQUIRE(f);
    return *f;
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

TEST_CASE("admin forms: posted fields become the API's JSON with the right types",
          "[admin_views]") {
    using adm::field;
    using adm::kind;
    using adm::when_empty;
    constexpr auto fields = std::to_array<field>({
        {"code", kind::text, "adm.field.code"},
        {"daily_fee", kind::number, "adm.type.daily_fee"},
        {"max_days", kind::number, "adm.type.max_days"},
        {"hour_meter", kind::decimal, "adm.unit.hour_meter"},
        {"needs_training", kind::checkbox, "adm.type.needs_training"},
        {"needs_approval", kind::checkbox, "adm.type.needs_approval"},
        {"checklist", kind::lines, "adm.type.checklist"},
        {"types", kind::multi, "adm.discount.types"},
        {"hours.open", kind::time, "adm.branch.open"},
        {"hours.close", kind::time, "adm.branch.close"},
        {"district", kind::text, "adm.farmer.district", {}, when_empty::null},
        {"notes", kind::textarea, "adm.unit.notes", {}, when_empty::blank},
        {"password", kind::password, "adm.user.password"},
        {"from", kind::date, "adm.discount.from"},
    });
    std::string bad;
    const auto body = adm::to_json(
        fields,
        posted("code=TRACTOR&daily_fee=60%2C000&max_days=abc&hour_meter=520.5&needs_training=on"
               "&checklist=%ED%83%80%EC%9D%B4%EC%96%B4%0D%0A+%EC%97%94%EC%A7%84%EC%98%A4%EC%9D%BC"
               "%2C%EC%84%B8%EC%B2%99%0A%0A&types=TRACTOR&types=TILLER&hours.open=08%3A30"
               "&hours.close=&district=&notes=&password=&from=+2020-05-18+&csrf=x"),
        &bad);
    CHECK(bad.empty());
    const json::object expected{
        {"code", "TRACTOR"},
        {"daily_fee", 60000}, // thousands separators are not part of the number
        {"max_days", "abc"},  // not a number: sent as typed, the API names the field
        {"hour_meter", 520.5},
        {"needs_training", true},
        {"needs_approval", false},                                // an unticked box is false
        {"checklist", json::array{"타이어", "엔진오일", "세척"}}, // lines or commas
        {"types", json::array{"TRACTOR", "TILLER"}},
        {"hours", json::object{{"open", "08:30"}}}, // nested; an empty time is left out
        {"district", nullptr},                      // empty clears
        {"notes", ""},                              // empty is an empty text
        {"from", "2020-05-18"},                     // trimmed
    };
    CHECK(json::serialize(body) == json::serialize(expected));

    // A value that is not UTF-8 cannot travel as JSON: its field is named, nothing is sent.
    std::string bad_field;
    (void)adm::to_json(fields, posted("code=%FF%FE"), &bad_field);
    CHECK(bad_field == "code");
}

TEST_CASE("admin forms: a refusal shows beside its field, with what was typed kept",
          "[admin_views]") {
    using adm::field;
    using adm::kind;
    constexpr auto fields = std::to_array<field>({
        {"code", kind::text, "adm.field.code"},
        {"hours.open", kind::time, "adm.branch.open"},
        {"hours.close", kind::time, "adm.branch.close"},
        {"active", kind::checkbox, "adm.discount.active"},
        {"password", kind::password, "adm.user.password"},
        {"types", kind::multi, "adm.discount.types"},
    });
    const adm::form_spec spec{"edit", "", "", "/staff/admin/x", "adm.form.save", fields};
    adm::values current;
    current.set("code", "OLD").set("hours.open", "09:00");
    current.check("active", true);
    current.options["types"] = {{"TRACTOR", "Tractor", false}, {"TILLER", "Tiller", false}};
    current.multi["types"] = {"TILLER"};

    // Shown from the current values.
    auto shown = adm::build_form("en", spec, current, nullptr);
    REQUIRE(shown.inputs.size() == 6);
    CHECK(shown.inputs[0].value == "OLD");
    CHECK(shown.inputs[0].id == "f-edit-code");
    CHECK(shown.inputs[1].id == "f-edit-hours-open");
    CHECK(shown.inputs[3].checked);
    CHECK_FALSE(shown.inputs[5].options[0].selected);
    CHECK(shown.inputs[5].options[1].selected);
    CHECK(shown.error.empty());

    // The API named a nested field by its own key ("open" of "hours"): beside hours.open, with
    // the plain text for its problem code; what was typed is kept, the password is not.
    const auto typed = posted("code=%3Cb%3ENEW&hours.open=25%3A00&password=secret-secret"
                              "&types=TRACTOR");
    pages::api_result r;
    r.status = 400;
    r.code = "bad_request";
    r.field = "open";
    r.message = "'open' is invalid.";
    r.details = {{"field", "open"}, {"problem", "not_a_time"}};
    const adm::failure failed{"edit", &typed, r};
    const auto again = adm::build_form("en", spec, current, &failed);
    CHECK(again.inputs[0].value == "<b>NEW"); // escaped by the template
    CHECK(again.inputs[1].value == "25:00");
    CHECK(again.inputs[1].error == "Please write a time like 17:00.");
    CHECK(again.inputs[0].error.empty());
    CHECK_FALSE(again.inputs[3].checked); // unticked in what was sent
    CHECK(again.inputs[4].value.empty());
    CHECK(again.inputs[5].options[0].selected);
    CHECK_FALSE(again.inputs[5].options[1].selected);
    CHECK(again.error.empty());

    // Another form on the page is not touched.
    const adm::failure elsewhere{"add", &typed, r};
    CHECK(adm::build_form("en", spec, current, &elsewhere).inputs[1].value == "09:00");

    // A refusal that names no field of the form: above the form. A duplicate says the value.
    r.field.clear();
    r.details = {};
    r.message = "Branch GS still has 2 live reservations.";
    const adm::failure general{"edit", &typed, r};
    CHECK(adm::build_form("ko", spec, current, &general).error ==
          "Branch GS still has 2 live reservations.");
    pages::api_result dup;
    dup.status = 409;
    dup.code = "conflict";
    dup.field = "code";
    dup.details = {{"field", "code"}, {"value", "TRACTOR"}};
    CHECK(adm::refusal_text("ko", dup) == "'TRACTOR'은(는) 이미 있습니다.");
    CHECK(adm::input_id_for(spec, dup) == "f-edit-code");
    dup.field = "hours"; // a whole object: its first field
    CHECK(adm::input_id_for(spec, dup) == "f-edit-hours-open");
}
