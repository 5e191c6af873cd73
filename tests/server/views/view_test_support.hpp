#pragma once
// What the view tests share (views_test, staff_views_test, admin_views_test): a hostile string,
// the layout's model for a sample page, a sample rental plan, and the checks every rendered page
// passes in both languages.
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "server/views/farmer_views.hpp"
#include "server/views/page.hpp"
#include "tests/server/html_checks.hpp"

namespace agrirent::test {

/// User data that must only ever show as text.
inline constexpr std::string_view evil = "<script>alert('x')</script>";

/// The layout's model of a page in `lang`: its title, the navigation, and the language switch
/// to `self` in the other language.
inline views::page sample_page(std::string_view lang, std::string_view title_ko,
                               std::string_view title_en, std::vector<views::link> nav,
                               std::string_view self) {
    views::page p;
    p.lang = std::string{lang};
    p.title = std::string{lang == "en" ? title_en : title_ko};
    p.css_href = "/static/app.css?v=1";
    p.nav = std::move(nav);
    p.other_lang = lang == "en" ? "ko" : "en";
    p.lang_switch = {std::string{self} + "?lang=" + p.other_lang,
                     lang == "en" ? "한국어" : "English", false};
    return p;
}

/// The same page for a signed-in staff member: the CSRF token every POST form must carry, who
/// is signed in, the logout button, the page's css class.
inline views::page with_staff_session(views::page p, std::string csrf, std::string who,
                                      std::string body_class) {
    p.csrf = std::move(csrf);
    p.signed_in_as = std::move(who);
    p.logout_action = "/staff/logout";
    p.body_class = std::move(body_class);
    return p;
}

/// An eve pickup: Sunday 24 May, picked up on Saturday evening, half price.
inline views::plan_view sample_plan() {
    views::plan_view pl;
    pl.branch = "Gwangsan";
    pl.type = "Rice transplanter";
    pl.usage = "Sun 24 May, one day";
    pl.pickup = "Sat 23 May, 17:00–18:00";
    pl.eve_note = "pick up the day before";
    pl.return_by = "Mon 25 May 09:00";
    pl.days = {{"Sun 24 May", "₩60,000", "50% off (Temporary)", "₩30,000"}};
    pl.gross = "₩60,000";
    pl.discount = "₩30,000";
    pl.total = "₩30,000";
    return pl;
}

/// A whole page in `lang` with every text found: the doctype, <html lang>, a heading, no
/// catalogue key with one of `key_prefixes` and no template syntax left.
inline void check_complete_page(const std::string& html, const std::string& lang,
                                std::string_view key_prefixes) {
    CHECK(html.starts_with("<!doctype html>"));
    CHECK(html.find("<html lang=\"" + lang + "\">") != std::string::npos);
    CHECK(html.find("<h1") != std::string::npos);
    CHECK(leftover_keys(html, key_prefixes).empty());
    CHECK(html.find("{{") == std::string::npos);
}

} // namespace agrirent::test
