// Issue 15 on the admin pages (DOMAIN.md §17): the band fee and allowed range beside a type's fee
// field, an out-of-band save refused with the form showing what to fix, the table page with its
// report of types outside their band, and the table's edit form; Korean and English.
#include <regex>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;

namespace {

http_reply post_page(const server_process& s, std::string_view target, const form_fields& f,
                     const staff_login& who) {
    return post_form_as(s, target, f, who.cookie, who.csrf);
}

http_reply get_page(const server_process& s, std::string_view target, const staff_login& who) {
    return s.get(target, who.cookie_only());
}

/// The hint paragraph of input `id` ("" if none).
std::string hint_of(const std::string& html, const std::string& id) {
    const std::regex re{"id=\"" + id + "-hint\"[^>]*>([^<]*)</"};
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : std::string{"(no hint)"};
}

std::string error_beside(const std::string& html, const std::string& id) {
    const std::regex re{"id=\"" + id + "-error\" aria-live=\"polite\">([^<]*)</p>"};
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : std::string{"(no such field)"};
}

bool contains(const std::string& html, std::string_view what) {
    return html.find(what) != std::string::npos;
}

} // namespace

TEST_CASE("fee band pages: the band beside the fee field, an out-of-band fee refused",
          "[admin_pages][fee_bands]") {
    server_process s;
    const auto admin = login(s, demo_admin);

    auto r = get_page(s, "/staff/admin/types/TRACTOR", admin);
    REQUIRE(r.status == 200);
    CHECK(contains(hint_of(r.body, "f-edit-daily_fee"),
                   "법정 기준 110,000원, 허용 범위 93,500원~126,500원."));
    CHECK(contains(r.body, "value=\"22000000\""));
    r = get_page(s, "/staff/admin/types/TRACTOR?lang=en", admin);
    CHECK(contains(hint_of(r.body, "f-edit-daily_fee"),
                   "Statutory band fee ₩110,000, allowed ₩93,500 to ₩126,500."));
    // The list shows the allowed range under each fee.
    r = get_page(s, "/staff/admin/types", admin);
    CHECK(contains(r.body, "허용 136,000~184,000원")); // COMBINE
    CHECK(contains(r.body, "허용 93,500~126,500원"));  // TRACTOR
    CHECK(
        contains(get_page(s, "/staff/admin/types?lang=en", admin).body, "allowed ₩93,500–126,500"));

    // An out-of-band fee: the form again, the message beside the fee, what was typed kept.
    r = post_page(s, "/staff/admin/types/TRACTOR", {{"daily_fee", "130,000"}}, admin);
    CHECK(r.status == 422);
    CHECK(contains(error_beside(r.body, "f-edit-daily_fee"), "93,500~126,500원"));
    CHECK(contains(r.body, "value=\"130,000\""));
    CHECK(s.query("SELECT daily_fee FROM machine_types WHERE code = 'TRACTOR'") == "100000");
    r = post_page(s, "/staff/admin/types/TRACTOR?lang=en", {{"daily_fee", "130000"}}, admin);
    CHECK(r.status == 422);
    CHECK(contains(error_beside(r.body, "f-edit-daily_fee"), "93,500–126,500 won"));

    // A form without the price field leaves the price; an emptied field clears it.
    r = post_page(s, "/staff/admin/types/TRACTOR", {{"daily_fee", "120000"}}, admin);
    CHECK(r.status == 303);
    CHECK(s.query("SELECT purchase_price FROM machine_types WHERE code = 'TRACTOR'") == "22000000");
    r = post_page(s, "/staff/admin/types/TRACTOR",
                  {{"daily_fee", "300000"}, {"purchase_price", ""}}, admin);
    CHECK(r.status == 303);
    CHECK(s.query("SELECT purchase_price IS NULL FROM machine_types WHERE code = 'TRACTOR'") ==
          "1");
    r = get_page(s, "/staff/admin/types/TRACTOR", admin);
    CHECK(contains(hint_of(r.body, "f-edit-daily_fee"), "구입 가격을 넣으면"));
    // A new type with a price outside: refused on the add form.
    r = post_page(s, "/staff/admin/types",
                  {{"code", "MOWER"},
                   {"name_ko", "예초기"},
                   {"name_en", "Mower"},
                   {"daily_fee", "20000"},
                   {"purchase_price", "500000"}},
                  admin);
    CHECK(r.status == 422);
    CHECK(contains(error_beside(r.body, "f-add-daily_fee"), "8,500~11,500원"));
    CHECK(s.query("SELECT count(*) FROM machine_types WHERE code = 'MOWER'") == "0");
}

TEST_CASE("fee band pages: the table, its edit form and the report of types outside",
          "[admin_pages][fee_bands]") {
    server_process s;
    const auto admin = login(s, demo_admin);
    CHECK(get_page(s, "/staff/admin/fee-bands", login(s, demo_operator)).status == 403);

    auto r = get_page(s, "/staff/admin/fee-bands", admin);
    REQUIRE(r.status == 200);
    CHECK(contains(r.body, "45,000,000원 이상"));
    CHECK(contains(r.body, "7,000,000원 이상 8,000,000원 미만"));
    CHECK(contains(r.body, "31,025원 ~ 41,975원"));
    CHECK(contains(r.body, "모든 기종이 허용 범위 안에 있습니다."));
    CHECK(contains(r.body, "20000000; 25000000; 110000\n"));
    r = get_page(s, "/staff/admin/fee-bands?lang=en", admin);
    CHECK(contains(r.body, "₩45,000,000 and above"));
    CHECK(contains(r.body, "Every type is within its allowed range."));
    CHECK(contains(get_page(s, "/staff/admin", admin).body, "href=\"/staff/admin/fee-bands\""));

    // The table as shown, with one band's fee changed (the law changed).
    std::string table;
    for (const auto& row :
         s.query_column("SELECT price_from || ';' || coalesce(CAST(price_to AS TEXT), '') || ';' "
                        "|| daily_fee FROM fee_bands ORDER BY price_from")) {
        table += (row.rfind("20000000;", 0) == 0 ? std::string{"20000000;25000000;130000"} : row) +
                 "\r\n";
    }
    // A gap first: refused, nothing changed, the text kept.
    std::string gap = table;
    gap.replace(gap.find("5000000;6000000"), 7, "5000001");
    r = post_page(s, "/staff/admin/fee-bands", {{"bands", gap}}, admin);
    CHECK(r.status == 400);
    CHECK(contains(r.body, "5000001;6000000"));
    CHECK(s.query("SELECT daily_fee FROM fee_bands WHERE price_from = 20000000") == "110000");

    r = post_page(s, "/staff/admin/fee-bands", {{"bands", table}}, admin);
    REQUIRE(r.status == 303);
    CHECK(s.query("SELECT daily_fee FROM fee_bands WHERE price_from = 20000000") == "130000");
    CHECK(s.query("SELECT count(*) FROM fee_bands") == "18");
    r = get_page(s, "/staff/admin/fee-bands", admin);
    CHECK(contains(r.body, "id=\"outside-TRACTOR\""));
    CHECK(contains(r.body, "110,500원 ~ 149,500원"));
    r = get_page(s, "/staff/admin/types", admin);
    CHECK(contains(r.body, "현재 임대료가 허용 범위를 벗어났습니다."));
}
