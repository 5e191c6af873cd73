// The administration pages (issue 5, "Admin pages"): /staff/admin and its areas — branches,
// Saturday seasons, holidays, closures, machine types, units, discounts, farmer categories,
// farmers, staff users, settings and the audit log. Admins only (admin_page_support.cpp: the
// gate).
//
// The pattern: these pages validate and write nothing themselves. The JSON administration API
// (server/api/admin_*_api.cpp) already decides every admin change — strict decoding, the
// domain's rules, one transaction with its audit row, the catalog reload — and is tested on its
// own; the pages must not become a second implementation of it. So each admin form POST
// (application/x-www-form-urlencoded with the session's CSRF token, which the router's
// before-hook checks for cookie-authenticated POSTs) is translated into the matching JSON API
// call and executed in-process, through the same router (inprocess_api.hpp):
//
//   1. the form's fields become the JSON body, each by its declared kind (admin_page_support.hpp
//      `field`): integers and decimals as numbers, checkboxes as booleans, lists from lines or
//      commas, dates, times and choices as strings, an empty field left out, null (clear) or ""
//      as the field says; a value that does not read as its kind is sent as typed, so the API
//      names the field and says what is wrong;
//   2. the request carries `Authorization: Bearer <the page session's token>`
//      (api::state_of(ctx).token; bearer requests need no CSRF token), the page's language and
//      the client's address, and goes to the router's handle() — the same access filter and
//      handler as a request from outside, and the same person in the audit trail;
//   3. on 2xx the page answers 303 back to the list page with a notice (?done=<key>, a fixed
//      text); on 4xx it shows the form again with what was typed and the API's error message
//      beside the field named in error.details.field (above the form when it names none), with
//      the API's status.
//
// Reads (lists, detail pages) use the same in-process API (GET), so a page shows what the API
// returns; names of branches and types for display come from the catalog snapshot.
//
// The handlers need the router itself: add_admin_pages captures it by reference. That is safe
// because the router outlives every request and all routes are registered before serving.
#include "server/pages/admin_page_support.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/routes.hpp"

namespace agrirent::pages {
namespace {

using admin::env;

http::response admin_home(env& e) {
    views::admin::home_view v;
    v.heading = e.t("adm.home.heading");
    v.lead = e.t("adm.home.lead");
    for (const auto& g : admin::area_groups()) {
        views::admin::home_group hg;
        hg.heading = e.t(g.key);
        for (const auto* a : g.areas) {
            hg.cards.push_back(
                {std::string{a->href}, e.t(a->name_key), e.t(std::string{a->name_key} + "_text")});
        }
        v.groups.push_back(std::move(hg));
    }
    auto p = make_page(e.ctx, v.heading, "/staff/admin");
    p.body_class = "page-admin";
    return html(e.ctx, 200, views::admin::render_admin_home(p, v));
}

} // namespace

void add_admin_pages(http::router& r, app::services& s) {
    r.add("GET", "/staff/admin", admin::admin_route(r, s, admin_home));
    admin::add_catalog_pages(r, s);
    admin::add_calendar_pages(r, s);
    admin::add_people_pages(r, s);
}

} // namespace agrirent::pages
