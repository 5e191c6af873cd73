// The administration pages (issue 5, "Admin pages"): /staff/admin and its areas — branches,
// Saturday seasons, holidays, closures, machine types, units, discounts, farmer categories,
// farmers, staff users, settings and the audit log. Admins only (admin_page_support.cpp: the
// gate).
//
// The pattern: these pages decide nothing themselves. The administration services
// (server/app/admin_*.hpp) own every admin change — the domain's rules, one write unit of work
// with its audit rows, the catalog reload — and the JSON administration API
// (server/api/admin_*_api.cpp) is one adapter over them; these pages are the other, and must not
// become a second implementation of either. Each admin form POST
// (application/x-www-form-urlencoded with the session's CSRF token, which the router's
// before-hook checks for cookie-authenticated POSTs) goes through the same steps as an API
// request:
//
//   1. the form's fields become the JSON object the API would receive, each by its declared
//      kind (admin_page_support.hpp `field`): integers and decimals as numbers, checkboxes as
//      booleans, lists from lines or commas, dates, times and choices as strings, an empty field
//      left out, null (clear) or "" as the field says; a value that does not read as its kind is
//      kept as typed, so the decoder names the field and says what is wrong;
//   2. the SAME decoder the API uses (server/codec/admin_decode.hpp) turns it into the service's
//      typed input — strict as for the API, an unknown member or a bad value is refused — and the
//      page calls the service with the signed-in admin as the actor (the same person, channel and
//      address in the audit trail as before);
//   3. on success the page answers 303 back to the list or item page with a notice
//      (?done=<key>, a fixed text, with the reservations the change concerns when the service
//      lists them); a refusal — the decoder's http::api_error or the service's `refusal` — is
//      read as the API would answer it (server/http/errors.cpp: status, code, message, details)
//      and the page shows the form again with what was typed and the message beside the field
//      named by details.field (above the form when it names none), with the API's status.
//
// Each area's routes are tables (admin_page_support.hpp list_post, item_action): a form, its
// fields and the function that decodes and calls the service. Reads (lists, detail pages) call
// the services too and lay out their values in the API's JSON shapes
// (server/codec/admin_json.hpp), so a page shows what the API returns; names of branches and
// types for display come from the catalog snapshot.
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
    return html(e.ctx, http::status::ok, views::admin::render_admin_home(p, v));
}

} // namespace

void add_admin_pages(http::router& r, app::services& s) {
    r.add("GET", "/staff/admin", admin::admin_route(s, admin_home));
    admin::add_catalog_pages(r, s);
    admin::add_calendar_pages(r, s);
    admin::add_people_pages(r, s);
    admin::add_fee_band_pages(r, s);
}

} // namespace agrirent::pages
