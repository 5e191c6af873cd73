#include "server/api/admin_support.hpp"

#include "server/http/access.hpp"

namespace agrirent::api::admin {

app::actor who(const http::context& ctx) {
    return actor_of(ctx, channel::counter);
}

} // namespace agrirent::api::admin
