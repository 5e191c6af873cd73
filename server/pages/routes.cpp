#include "server/pages/routes.hpp"

#include <cstdio>
#include <memory>

#include "common/unavailable.hpp"
#include "server/app/phone_verification.hpp"
#include "server/http/access.hpp"
#include "server/pages/booking_grant.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/staff_pages.hpp"
#include "server/pages/static_assets.hpp"

namespace agrirent::pages {
namespace {

/// A page handler whose unexpected failures show the HTML error page (the router's own
/// fallback is API.md's JSON error, which is no use to a person).
template <class F>
http::route_handler guarded(F f) {
    return [f = std::move(f)](http::context& ctx) -> http::response {
        try {
            return f(ctx);
        } catch (const temporarily_unavailable&) {
            return unavailable_page(ctx); // the database is down: try again shortly (503)
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s %s: %s\n", ctx.req.method.c_str(), ctx.path.c_str(),
                         e.what());
            return error_page(ctx);
        }
    };
}

} // namespace

void add_staff_pages(http::router& r, app::services& s) {
    r.add("GET", "/staff/login", guarded([&s](http::context& ctx) { return login_page(ctx, s); }));
    r.add("POST", "/staff/login",
          guarded([&s](http::context& ctx) { return login_submit(ctx, s); }));
    r.add("POST", "/staff/logout",
          guarded([&s](http::context& ctx) { return logout_submit(ctx, s); }));
    r.add("GET", "/staff", guarded([](http::context& ctx) {
              const auto* staff = http::staff_of(ctx);
              return see_other(ctx, staff != nullptr ? staff_home(*staff) : "/staff/login");
          }));
    r.add("GET", "/staff/board", guarded([&s](http::context& ctx) { return board_page(ctx, s); }));
    r.add("GET", "/staff/book",
          guarded([&s](http::context& ctx) { return staff_book_page(ctx, s); }));
    r.add("POST", "/staff/book",
          guarded([&s](http::context& ctx) { return staff_book_submit(ctx, s); }));
    r.add("GET", "/staff/reservations/{code}",
          guarded([&s](http::context& ctx) { return staff_reservation_page(ctx, s); }));
    for (const std::string_view action :
         {"confirm", "reject", "cancel", "move", "no-show", "checkout", "checkin", "extend"}) {
        r.add("POST", "/staff/reservations/{code}/" + std::string{action},
              guarded(
                  [&s, action](http::context& ctx) { return reservation_action(ctx, s, action); }));
    }
    // The waitlist for callers (DOMAIN.md §13).
    r.add("POST", "/staff/waitlist",
          guarded([&s](http::context& ctx) { return staff_waitlist_submit(ctx, s); }));
    r.add("GET", "/staff/waitlist/{code}",
          guarded([&s](http::context& ctx) { return staff_waitlist_page(ctx, s); }));
    for (const std::string_view action : {"accept", "decline", "cancel"}) {
        r.add("POST", "/staff/waitlist/{code}/" + std::string{action},
              guarded([&s, action](http::context& ctx) {
                  return staff_waitlist_action(ctx, s, action);
              }));
    }
    r.add("GET", "/staff/day", guarded([&s](http::context& ctx) { return day_page(ctx, s); }));
    r.add("POST", "/staff/units/{tag}/status",
          guarded([&s](http::context& ctx) { return unit_status_submit(ctx, s); }));
}

void add_farmer_pages(http::router& r, app::services& s) {
    // One signing key for every server on the database, kept across restarts (booking_grant.hpp).
    const auto grants = std::make_shared<const booking_grants>(app::page_signing_key(s));

    r.add("GET", "/", guarded([&s](http::context& ctx) { return home_page(ctx, s); }));
    r.add("GET", "/book", guarded([&s](http::context& ctx) { return book_page(ctx, s); }));
    r.add("POST", "/book",
          guarded([&s, grants](http::context& ctx) { return book_submit(ctx, s, *grants); }));
    r.add("GET", "/booking/{code}",
          guarded([&s, grants](http::context& ctx) { return booking_page(ctx, s, *grants); }));
    r.add("GET", "/booking/{code}/cancel",
          guarded([&s, grants](http::context& ctx) { return cancel_page(ctx, s, *grants); }));
    r.add("POST", "/booking/{code}/cancel",
          guarded([&s, grants](http::context& ctx) { return cancel_submit(ctx, s, *grants); }));
    r.add("POST", "/booking/{code}/extend",
          guarded([&s, grants](http::context& ctx) { return extend_submit(ctx, s, *grants); }));
    r.add("GET", "/waitlist/join",
          guarded([&s](http::context& ctx) { return waitlist_join_page(ctx, s); }));
    r.add("POST", "/waitlist/join", guarded([&s, grants](http::context& ctx) {
              return waitlist_join_submit(ctx, s, *grants);
          }));
    r.add("GET", "/waitlist",
          guarded([&s](http::context& ctx) { return waitlist_lookup_page(ctx, s); }));
    r.add("POST", "/waitlist", guarded([&s, grants](http::context& ctx) {
              return waitlist_lookup_submit(ctx, s, *grants);
          }));
    r.add("GET", "/waitlist/{code}", guarded([&s, grants](http::context& ctx) {
              return waitlist_entry_page(ctx, s, *grants);
          }));
    for (const std::string_view action : {"accept", "decline", "cancel"}) {
        r.add("POST", "/waitlist/{code}/" + std::string{action},
              guarded([&s, grants, action](http::context& ctx) {
                  return waitlist_action(ctx, s, *grants, action);
              }));
    }
    r.add("GET", "/my", guarded([&s](http::context& ctx) { return lookup_page(ctx, s); }));
    r.add("POST", "/my",
          guarded([&s, grants](http::context& ctx) { return lookup_submit(ctx, s, *grants); }));
    add_static_routes(r);
    // The staff pages too (staff_pages.hpp).
    add_staff_pages(r, s);
    // The admin pages register with the farmers' pages: server_app calls this one function for
    // the HTML side.
    add_admin_pages(r, s);
    r.set_not_found(guarded([](http::context& ctx) { return not_found_page(ctx); }));
    r.set_unavailable([](http::context& ctx) { return unavailable_page(ctx); });
}

} // namespace agrirent::pages
