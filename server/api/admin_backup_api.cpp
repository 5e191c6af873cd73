// Backups (issue 6, docs/durability.md): an admin makes a consistent copy of the live database
// into the backup folder (--backup-dir) and lists the copies there. Bookings go on meanwhile: the
// copy is one read snapshot and takes no writer lock. Restoring is done with the server stopped
// (docs/durability.md "Restore").
#include "common/time.hpp"
#include "server/api/access.hpp"
#include "server/api/admin_support.hpp"
#include "server/app/backups.hpp"
#include "server/app/log.hpp"
#include "server/http/errors.hpp"
#include "server/storage/database.hpp"

namespace agrirent::api::admin {
namespace {

json::object backup_json(const app::backup_file& b) {
    return {{"file", b.name},
            {"bytes", b.bytes},
            {"created_at", format_instant(office_zone(), b.created_at)}};
}

} // namespace

void add_backup_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/admin/backups", [&s](http::context& ctx) {
        require_role(ctx, {role::admin});
        json::array list;
        for (const auto& b : app::list_backups(s.backup_dir)) {
            list.push_back(backup_json(b));
        }
        return ok(json::object{{"folder", std::filesystem::absolute(s.backup_dir).string()},
                               {"backups", std::move(list)}});
    });

    r.add("POST", "/api/v1/admin/backups", [&s](http::context& ctx) {
        require_role(ctx, {role::admin});
        app::backup_file made;
        try {
            made = app::make_backup(s.db, s.backup_dir);
        } catch (const storage::backup_exists&) {
            // Every name of this second is taken (a script calling in a loop): nothing was
            // written; try again in a moment. Found by fuzz_json_request (a 500 before).
            throw http::api_error{429, "rate_limited", "error.rate_limited"};
        } catch (const std::exception& e) {
            // The reason (a full disk, a folder not writable) is for the operator's log.
            log::error(std::string{"backup into "} + s.backup_dir.string() +
                       " failed: " + e.what());
            throw http::api_error{500, "backup_failed", "admin.backup_failed"};
        }
        write_scope w{s, ctx};
        w.audit("backup.create", "backup", made.name, json::object{{"bytes", made.bytes}});
        w.commit();
        return created(backup_json(made));
    });
}

} // namespace agrirent::api::admin
