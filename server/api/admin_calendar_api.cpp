// Administration of the calendar (issue 4, DOMAIN.md §2): Saturday seasons, public holidays on
// top of the shipped file, years declared complete, branch closures and extra openings. Admin
// only. The rules and the writes are the service's (server/app/admin_calendar.hpp); these
// handlers decode (server/codec/admin_decode.hpp), call it and render (admin_json.hpp).
#include "server/api/admin_support.hpp"
#include "server/app/admin_calendar.hpp"
#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/responses.hpp"

namespace agrirent::api::admin {
namespace {

using http::context;
namespace svc = app::admin;
namespace codec = agrirent::codec::admin;

std::string branch_query(const context& ctx) {
    return std::string{ctx.query_value("branch").value_or(std::string_view{})};
}

// ---- Saturday seasons ----------------------------------------------------------------------

void add_season_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/saturday-seasons", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::list_seasons(s, branch_query(ctx)),
                      [](const auto& list) { return http::ok_json(codec::seasons_json(list)); });
    });

    r.add("POST", "/api/v1/saturday-seasons", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_season(http::json_object_body(ctx.req));
        return answer(ctx, svc::add_season(s, who(ctx), in),
                      [](const auto& season) { return http::created(codec::season_json(season)); });
    });

    r.add("DELETE", "/api/v1/saturday-seasons/{id}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::delete_season(s, who(ctx), ctx.param("id")),
                      [](const auto&) { return http::no_content(); });
    });
}

// ---- holidays ------------------------------------------------------------------------------

void add_holiday_routes(http::router& r, app::services& s) {
    // The shipped holidays of a year merged with admins' additions and removals.
    r.add("GET", "/api/v1/holidays", [&s](context& ctx) {
        require_admin(ctx);
        const auto year = svc::parse_year(http::required_query(ctx, "year"));
        if (!year) {
            throw http::bad_field("year", "out_of_range");
        }
        return http::ok_json(codec::holiday_year_json(svc::holidays_of(s, *year)));
    });

    r.add("POST", "/api/v1/holidays", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_holiday(http::json_object_body(ctx.req));
        return answer(ctx, svc::add_holiday(s, who(ctx), in), [](const auto& change) {
            return http::created(codec::holiday_change_json(change));
        });
    });

    r.add("DELETE", "/api/v1/holidays/{date}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(
            ctx, svc::remove_holiday(s, who(ctx), ctx.param("date")),
            [](const auto& change) { return http::ok_json(codec::holiday_change_json(change)); });
    });

    r.add("GET", "/api/v1/holiday-years", [&s](context& ctx) {
        require_admin(ctx);
        return http::ok_json(codec::known_years_json(svc::known_years(s)));
    });

    // Declares a year complete: its holidays are all entered, so its dates become bookable.
    r.add("POST", "/api/v1/holiday-years", [&s](context& ctx) {
        require_admin(ctx);
        const int year = codec::decode_holiday_year(http::json_object_body(ctx.req));
        return answer(ctx, svc::declare_year(s, who(ctx), year), [](int y) {
            return http::created(json::object{{"year", y}, {"source", "admin"}});
        });
    });

    r.add("DELETE", "/api/v1/holiday-years/{year}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::withdraw_year(s, who(ctx), ctx.param("year")),
                      [](int) { return http::no_content(); });
    });
}

// ---- closures and extra openings -----------------------------------------------------------

void add_closure_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/closures", [&s](context& ctx) {
        require_admin(ctx);
        svc::closure_filter f;
        f.branch = branch_query(ctx);
        f.malformed = codec::deferred([&] {
            f.from = http::optional_query_date(ctx, "from");
            f.to = http::optional_query_date(ctx, "to");
        });
        return answer(ctx, svc::list_closures(s, f),
                      [](const auto& list) { return http::ok_json(codec::closures_json(list)); });
    });

    r.add("POST", "/api/v1/closures", [&s](context& ctx) {
        require_admin(ctx);
        const auto in = codec::decode_closure(http::json_object_body(ctx.req));
        return answer(ctx, svc::add_closure(s, who(ctx), in), [](const auto& change) {
            return http::created(codec::closure_change_json(change));
        });
    });

    r.add("DELETE", "/api/v1/closures/{id}", [&s](context& ctx) {
        require_admin(ctx);
        return answer(ctx, svc::delete_closure(s, who(ctx), ctx.param("id")),
                      [](const auto&) { return http::no_content(); });
    });
}

} // namespace

void add_calendar_routes(http::router& r, app::services& s) {
    add_season_routes(r, s);
    add_holiday_routes(r, s);
    add_closure_routes(r, s);
}

} // namespace agrirent::api::admin
