#include "server/api/admin_support.hpp"

#include "server/http/access.hpp"

namespace agrirent::api::admin {

app::actor who(const http::context& ctx) {
    return actor_of(ctx, channel::counter);
}

void require_admin(const http::context& ctx) {
    http::require_role(ctx, {role::admin});
}

std::string param(const http::context& ctx, std::string_view name) {
    return std::string{ctx.param(name)};
}

} // namespace agrirent::api::admin
