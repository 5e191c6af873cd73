#pragma once
// Who is asking: the router's before-hook authenticates staff (session cookie or bearer token),
// enforces CSRF on cookie-authenticated state changes, applies the public rate limit, and
// leaves the result in the request context for handlers (issue 4 "Access").
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "common/types.hpp"
#include "server/app/auth.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/app/services.hpp"
#include "server/http/router.hpp"

namespace agrirent::http {

inline constexpr std::string_view session_cookie = "agrirent_session";

struct access_options {
    bool trust_proxy = false; // use X-Forwarded-For / X-Forwarded-Proto
    /// The answer to a person's form POSTed without the session's CSRF token (outside /api/):
    /// the pages' 403 page. Without it, the API's JSON error.
    std::function<response(const context&)> csrf_page = {};
};

/// What the before-hook found out about a request.
struct request_state {
    std::string client_address; // peer, or the proxy's forwarded client
    bool secure = false;        // HTTPS (directly or, with trust_proxy, at the proxy)
    std::optional<app::staff_session> staff;
    bool via_cookie = false; // staff authenticated by the session cookie (needs CSRF)
    std::string token;       // the session token presented
    /// For a staff member's page: today in Asia/Seoul and the last date with a known holiday
    /// calendar (common/holidays.hpp known_through), for the warning when it runs out (issue 13).
    std::optional<std::pair<local_days, local_days>> calendar_horizon;
};

/// The before-hook for the router.
std::function<std::optional<response>(context&)>
make_access_filter(app::services& s, app::rate_limiter& limiter, access_options opts);

/// The state the hook stored (a default one if the hook did not run, e.g. in unit tests).
const request_state& state_of(const context& ctx);

/// The staff session, if any.
const app::staff_session* staff_of(const context& ctx);
/// 401 unauthenticated unless a staff member is logged in.
const app::staff_session& require_staff(const context& ctx);
/// 403 forbidden unless the staff member has one of `roles`.
const app::staff_session& require_role(const context& ctx, std::initializer_list<role> roles);
/// 403 forbidden for a clerk of another branch (DOMAIN.md §8: a clerk acting on another branch).
void require_branch(const app::staff_session& staff, std::int64_t branch_id);
/// Whether the staff member may act on `branch_id` (admins and operators everywhere).
bool may_act_on_branch(const app::staff_session& staff, std::int64_t branch_id);

/// The actor for the audit trail: the staff member (channel `via`) or the public web.
app::actor actor_of(const context& ctx, channel via = channel::phone);

/// "Set-Cookie" value for a new session / for clearing it.
std::string session_cookie_header(std::string_view token, bool secure);
std::string clear_session_cookie_header(bool secure);

} // namespace agrirent::http
