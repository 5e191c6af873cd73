#include "server/pages/routes.hpp"

#include <cstdio>
#include <memory>

#include "server/pages/booking_grant.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/page_support.hpp"
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
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s %s: %s\n", ctx.req.method.c_str(), ctx.path.c_str(),
                         e.what());
            return error_page(ctx);
        }
    };
}

} // namespace

void add_farmer_pages(http::router& r, app::services& s) {
    // One signing key per process (booking_grant.hpp explains why a restart may forget grants).
    const auto grants = std::make_shared<const booking_grants>(booking_grants::random_key());

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
    r.add("GET", "/my", guarded([&s](http::context& ctx) { return lookup_page(ctx, s); }));
    r.add("POST", "/my",
          guarded([&s, grants](http::context& ctx) { return lookup_submit(ctx, s, *grants); }));
    add_static_routes(r);
    r.set_not_found(guarded([](http::context& ctx) { return not_found_page(ctx); }));
}

} // namespace agrirent::pages
