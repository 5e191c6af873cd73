#include "server/app/admin_backups.hpp"

#include <boost/json.hpp>

#include "server/app/admin_support.hpp"
#include "server/app/log.hpp"

namespace agrirent::app::admin {

backup_folder list_backups(services& s) {
    return {std::filesystem::absolute(s.backup_dir).string(), app::list_backups(s.backup_dir)};
}

result<backup_file> create_backup(services& s, const actor& who) {
    backup_file made;
    try {
        made = make_backup(s.db, s.backup_dir);
    } catch (const storage::backup_exists&) {
        // Every name of this second is taken (a script calling in a loop): nothing was
        // written; try again in a moment. Found by fuzz_json_request (a 500 before).
        return reason::backup_busy;
    } catch (const std::exception& e) {
        // The reason (a full disk, a folder not writable) is for the operator's log.
        log::error(std::string{"backup into "} + s.backup_dir.string() + " failed: " + e.what());
        return reason::backup_failed;
    }
    write_unit w{s, who};
    w.audit("backup.create", "backup", made.name, boost::json::object{{"bytes", made.bytes}});
    w.commit();
    return made;
}

} // namespace agrirent::app::admin
