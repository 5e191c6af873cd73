// Staff login and logout (API.md "Staff"): a session cookie for the pages and the same token as
// a bearer token for API clients.
#include <boost/json.hpp>

#include "server/api/routes.hpp"
#include "server/app/auth.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/json_text.hpp"

namespace agrirent::api {

namespace json = boost::json;

json::object staff_user_json(const app::staff_session& s, const app::catalog& cat) {
    const auto* branch = s.user.branch_id ? cat.branch_by_id(*s.user.branch_id) : nullptr;
    return {{"username", s.user.username},
            {"display_name", s.user.display_name},
            {"role", to_string(s.user.who)},
            {"branch", branch != nullptr ? json::value(branch->code.value) : nullptr}};
}

void add_auth_routes(http::router& r, app::services& s) {
    r.add("POST", "/api/v1/auth/login", [&s](http::context& ctx) {
        const auto rq = codec::login_request_of(http::json_object_body(ctx.req));
        const auto& st = http::state_of(ctx);
        auto outcome = app::login(s, rq.username, rq.password, st.client_address);
        if (const auto* refused = std::get_if<app::login_refusal>(&outcome)) {
            if (refused->throttled) {
                auto res = http::error_response(refusal{reason::login_throttled, {}}, ctx.lang);
                res.set_header("retry-after", std::to_string(std::max<long long>(
                                                  1, refused->retry_after.count())));
                return res;
            }
            // The same answer whether the user exists or not.
            return http::error_response(refusal{reason::login_failed, {}}, ctx.lang);
        }
        const auto& ok = std::get<app::login_outcome>(outcome);
        auto res = http::json_response(
            http::status::ok, http::to_json_text(json::object{
                                  {"token", ok.token},
                                  {"csrf_token", ok.session.csrf_token},
                                  {"user", staff_user_json(ok.session, *s.catalog.get())}}));
        res.set_header("set-cookie", http::session_cookie_header(ok.token, st.secure));
        return res;
    });

    r.add("POST", "/api/v1/auth/logout", [&s](http::context& ctx) {
        const auto& st = http::state_of(ctx);
        http::require_staff(ctx);
        http::require_no_fields(ctx.req);
        app::logout(s, st.token, st.client_address);
        http::response res;
        res.status = http::status::no_content;
        res.set_header("set-cookie", http::clear_session_cookie_header(st.secure));
        return res;
    });

    r.add("GET", "/api/v1/auth/me", [&s](http::context& ctx) {
        const auto& staff = http::require_staff(ctx);
        auto user = staff_user_json(staff, *s.catalog.get());
        user["csrf_token"] = staff.csrf_token;
        return http::json_response(http::status::ok, http::to_json_text(user));
    });
}

} // namespace agrirent::api
