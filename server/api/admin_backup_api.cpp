// Backups (issue 6, docs/durability.md): an admin makes a consistent copy of the live database
// into the backup folder (--backup-dir) and lists the copies there (server/app/admin_backups.hpp).
#include "server/api/admin_support.hpp"
#include "server/app/admin_backups.hpp"
#include "server/codec/admin_json.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/responses.hpp"

namespace agrirent::api::admin {

void add_backup_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/admin/backups", [&s](http::context& ctx) {
        require_role(ctx, {role::admin});
        return http::ok_json(codec::admin::backup_folder_json(app::admin::list_backups(s)));
    });

    r.add("POST", "/api/v1/admin/backups", [&s](http::context& ctx) {
        require_role(ctx, {role::admin});
        http::require_no_fields(ctx.req);
        return answer(ctx, app::admin::create_backup(s, who(ctx)), [](const auto& made) {
            return http::created(codec::admin::backup_json(made));
        });
    });
}

} // namespace agrirent::api::admin
