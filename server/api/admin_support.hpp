#pragma once
// Shared by the administration routes (issue 4 "Administration", admin_*_api.cpp): the write
// scope (one transaction, an audit row, a catalog reload), strict decoding of admin input and
// the JSON shapes of what admins edit.
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "server/app/services.hpp"
#include "server/http/router.hpp"
#include "server/storage/admin_repository.hpp"
#include "server/storage/audit_repository.hpp"
#include "server/storage/database.hpp"
#include "server/storage/records.hpp"
#include "server/storage/staff_repository.hpp"

namespace agrirent::api::admin {

namespace json = boost::json;

void add_catalog_routes(http::router& r, app::services& s);  // admin_catalog_api.cpp
void add_calendar_routes(http::router& r, app::services& s); // admin_calendar_api.cpp
void add_people_routes(http::router& r, app::services& s);   // admin_people_api.cpp
void add_backup_routes(http::router& r, app::services& s);   // admin_backup_api.cpp

// ---- writing -------------------------------------------------------------------------------

/// One administrative change: a write unit of work (storage/database.hpp), audit rows for the
/// change, and on commit() a catalog reload so the next request sees it. The reload runs while the
/// writer lock is still held, so two admins' reloads cannot land out of order and leave an older
/// snapshot in place. Destroyed without commit(): rolled back, nothing changed.
class write_scope {
  public:
    write_scope(app::services& s, const http::context& ctx);
    write_scope(const write_scope&) = delete;
    write_scope& operator=(const write_scope&) = delete;
    ~write_scope() = default;

    [[nodiscard]] storage::repositories& conn() const noexcept { return *tx_; }
    [[nodiscard]] sys_seconds now() const noexcept { return now_; }
    [[nodiscard]] const app::actor& who() const noexcept { return who_; }

    /// An audit row: actor, role, channel counter, client address, `details` as JSON.
    void audit(std::string_view action, std::string_view entity, std::string_view key,
               const json::object& details);
    /// Commits, then reloads the catalog snapshot.
    void commit();

  private:
    app::services& s_;
    app::actor who_;
    sys_seconds now_;
    std::unique_ptr<storage::unit_of_work> tx_;
};

// ---- errors --------------------------------------------------------------------------------

/// 404 not_found naming the field and the value that matched nothing.
[[noreturn]] void throw_not_found(std::string_view field, std::string_view value);
/// 409 conflict: `field` = `value` already exists.
[[noreturn]] void throw_duplicate(std::string_view field, std::string_view value);
/// 409 conflict with a message of server/i18n/admin.inc and its details.
[[noreturn]] void throw_conflict(std::string_view message_key,
                                 std::vector<std::pair<std::string, std::string>> details);

/// Runs `f` (an insert); a UNIQUE violation becomes 409 conflict naming `field` and `value`.
template <class F>
auto unique_or_conflict(std::string_view field, std::string_view value, F&& f) {
    try {
        return f();
    } catch (const storage::duplicate_key&) {
        throw_duplicate(field, value);
    }
}

/// The branch with `code`, else 404; active_branch also refuses a retired one (409).
storage::branch_record branch_or_404(storage::repositories& conn, std::string_view code);
storage::branch_record active_branch(storage::repositories& conn, std::string_view code);

// ---- decoding ------------------------------------------------------------------------------

/// 400 naming the first key of `o` not in `allowed`: a typo in a PATCH must not pass silently.
void reject_unknown_fields(const json::object& o, std::initializer_list<std::string_view> allowed);

/// Whether `key` is present at all (a JSON null counts: it clears the field in a PATCH).
bool has_field(const json::object& o, std::string_view key);
/// Whether `key` is present with the value null.
bool is_null_field(const json::object& o, std::string_view key);

/// A code (branch, type, category): upper-case ASCII letters, digits and '_', starting with a
/// letter, 1 … max_len characters.
std::string required_code(const json::object& o, std::string_view key, std::size_t max_len);
bool is_code(std::string_view s, std::size_t max_len) noexcept;

/// A name (normalize_name): trimmed, 1 … max_chars characters, no control characters.
std::string required_name(const json::object& o, std::string_view key, std::size_t max_chars);
std::optional<std::string> optional_name(const json::object& o, std::string_view key,
                                         std::size_t max_chars);
/// Free text (normalize_text): may be empty; newlines allowed.
std::optional<std::string> optional_text(const json::object& o, std::string_view key,
                                         std::size_t max_chars);
/// An array of names (no duplicates), at most max_items.
std::optional<std::vector<std::string>> optional_name_list(const json::object& o,
                                                           std::string_view key,
                                                           std::size_t max_items,
                                                           std::size_t max_chars);
/// "HH:MM".
std::optional<time_of_day> optional_time(const json::object& o, std::string_view key);

/// A numeric path parameter (an id): 404 when it is not a positive integer.
std::int64_t id_param(const http::context& ctx, std::string_view name, std::string_view field);
/// `limit` (1 … max, default `fallback`) and `cursor` (a positive id) query parameters.
int limit_param(const http::context& ctx, int fallback, int max);
std::optional<std::int64_t> cursor_param(const http::context& ctx);

/// Today on the office's wall clock (Asia/Seoul).
local_days today(const app::services& s);
const date::time_zone* office_zone();

/// {field: {from, to}} for every top-level field of `after` that differs from `before`: the
/// audit details of an update.
json::object changes(const json::object& before, const json::object& after);

// ---- rendering -----------------------------------------------------------------------------

http::response ok(const json::value& v, int status = 200);
http::response created(const json::value& v);
http::response no_content();

json::object branch_admin_json(const app::branch_info& b);
json::object type_admin_json(const app::type_info& t);
json::object unit_json(const storage::unit_record& u);
json::object season_json(const storage::season_record& s);
json::object closure_json(const storage::closure_record& c);
json::object discount_json(const storage::discount_record& d);
json::object category_json(const storage::category_record& c);
json::object staff_json(const storage::staff_row& u, const app::catalog& cat);
json::object audit_json(const storage::audit_record& a);
json::array string_array(const std::vector<std::string>& items);

} // namespace agrirent::api::admin
