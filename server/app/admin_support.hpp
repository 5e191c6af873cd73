#pragma once
// What the administration services share (server/app/admin_*.cpp): the write unit of work of one
// administrative change (a write transaction, its audit rows, on commit a catalog reload), the
// refusals they give for a name that matches nothing or a key that exists already, and the
// audit trail's JSON shapes of what admins edit.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "common/refusal.hpp"
#include "common/result.hpp"
#include "common/time.hpp"
#include "server/app/services.hpp"
#include "server/storage/database.hpp"
#include "server/storage/records.hpp"

namespace agrirent::app::admin {

/// One administrative change: a write unit of work (storage/database.hpp), audit rows for the
/// change, and on commit() a catalog reload so the next request sees it. The reload runs while
/// the writer lock is still held, so two admins' reloads cannot land out of order and leave an
/// older snapshot in place. Destroyed without commit(): rolled back, nothing changed.
class write_unit {
  public:
    write_unit(services& s, actor who);
    write_unit(const write_unit&) = delete;
    write_unit& operator=(const write_unit&) = delete;
    ~write_unit() = default;

    [[nodiscard]] storage::repositories& repo() const noexcept { return *tx_; }
    [[nodiscard]] sys_seconds now() const noexcept { return now_; }
    [[nodiscard]] const actor& who() const noexcept { return who_; }

    /// An audit row: actor, role, channel, client address, `details` as JSON.
    void audit(std::string_view action, std::string_view entity, std::string_view key,
               const boost::json::object& details);
    /// Commits, then reloads the catalog snapshot.
    void commit();

  private:
    services& s_;
    actor who_;
    sys_seconds now_;
    std::unique_ptr<storage::unit_of_work> tx_;
};

/// admin_not_found: `field` '`value`' matched nothing (404 in the API).
refusal not_found(std::string_view field, std::string_view value);
/// duplicate: `field` '`value`' exists already (409 conflict in the API).
refusal duplicate(std::string_view field, std::string_view value);
/// invalid_field: `field` is wrong for the reason `problem` (400 bad_request in the API).
refusal invalid(std::string_view field, std::string_view problem);
/// A refusal of its own with `details`.
refusal refused(reason r, std::vector<std::pair<std::string, std::string>> details = {});

/// The branch with `code`, else admin_not_found; active_branch also refuses a retired one.
result<storage::branch_record> find_branch(storage::repositories& repo, std::string_view code);
result<storage::branch_record> active_branch(storage::repositories& repo, std::string_view code);

/// A positive integer id as written in an address, or nothing (an id that cannot exist).
std::optional<std::int64_t> parse_id(std::string_view raw);

/// Today on the office's wall clock (Asia/Seoul), and that zone.
const date::time_zone* office_zone();
local_days today(const services& s);

/// {field: {from, to}} for every top-level field of `after` that differs from `before`: the
/// audit details of an update.
boost::json::object changes(const boost::json::object& before, const boost::json::object& after);

// ---- the audit trail's shapes (the API renders the same, server/codec/admin_json.hpp) --------

boost::json::array string_array(const std::vector<std::string>& items);
boost::json::object season_details(const storage::season_record& s);
boost::json::object closure_details(const storage::closure_record& c);
boost::json::object discount_details(const storage::discount_record& d);
boost::json::object category_details(const storage::category_record& c);
boost::json::object unit_details(const storage::unit_record& u);

} // namespace agrirent::app::admin
