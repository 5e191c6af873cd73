// The admin pages' form kit without a server (issue 5, "Admin pages"): the translation of a
// posted form into the admin API's JSON, and a refusal shown beside its field
// (server/pages/admin_page_support.hpp; server/pages/admin_pages.cpp explains the pattern).
#include <array>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "server/http/form.hpp"
#include "server/pages/admin_page_support.hpp"

using namespace agrirent;
namespace adm = agrirent::pages::admin;
namespace json = boost::json;

namespace {

/// A posted urlencoded form.
http::form posted(std::string_view body) {
    auto f = http::form::parse(body);
    REQUIRE(f);
    return *f;
}

} // namespace

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
