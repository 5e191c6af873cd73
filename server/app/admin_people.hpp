#pragma once
// People (issue 4, DOMAIN.md §8): farmers as the office edits them, staff users, and the audit
// trail. Who may call what is the adapters' access rule (admins and operators for farmers, admins
// for the rest); the one rule by role inside a change is the services': categories change the
// fee a farmer pays (DOMAIN.md §7), so only an admin may set them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/time.hpp"
#include "server/app/services.hpp"
#include "server/storage/audit_repository.hpp"
#include "server/storage/people_repository.hpp"
#include "server/storage/records.hpp"
#include "server/storage/staff_repository.hpp"

namespace agrirent::app::admin {

inline constexpr int default_page = 50;
inline constexpr int max_page = 200;

// ---- farmers -------------------------------------------------------------------------------

/// A farmer as the office sees them: the row, the strikes, the live reservations and whether the
/// suspension holds today.
struct farmer_detail {
    storage::farmer_row row;
    std::vector<storage::strike_record> strikes;
    std::int64_t live_reservations = 0;
    bool suspended = false;
};

struct farmer_page {
    std::vector<farmer_detail> farmers;
    std::optional<std::int64_t> next_cursor;
};

/// `q.limit` is the page size (one more is read to tell whether there is a next page).
farmer_page search_farmers(services& s, storage::farmer_search q);
/// `phone` as written (normalised here); admin_not_found when it names nobody.
result<farmer_detail> farmer_of(services& s, std::string_view phone);

/// The reservations of the farmer with `phone` (normalised), newest first, at most `limit`.
std::vector<storage::reservation_row> reservations_of(services& s, const std::string& phone,
                                                      int limit);

struct suspension_input {
    local_days until;
    std::string reason;
};

/// The editable members; absent: unchanged. A nested optional is present-but-null: clear.
struct farmer_changes {
    std::optional<std::string> name;
    std::optional<std::optional<std::string>> farm_id;
    std::optional<std::optional<std::string>> district;
    std::optional<std::optional<local_days>> training_completed_on;
    std::optional<std::vector<std::string>> categories;        // admins only
    std::optional<std::optional<suspension_input>> suspension; // null: lift it
    /// A value that could not be decoded: the service refuses it after its not-found check
    /// (the order the admin API always had; server/codec/admin_decode.hpp `deferred`).
    std::optional<refusal> malformed;
};

struct farmer_create {
    std::string phone;     // normalised
    farmer_changes fields; // name present
};

result<farmer_detail> create_farmer(services& s, const actor& who, const farmer_create& in);
result<farmer_detail> update_farmer(services& s, const actor& who, std::string_view phone,
                                    const farmer_changes& in);

// ---- farmer groups (작목반, DOMAIN.md §16) --------------------------------------------------

/// A group's fields as given; absent: unchanged (an update). Phones normalised by the decoder.
struct group_input {
    std::optional<std::string> name;
    std::optional<std::string> representative_phone;
    std::optional<std::vector<std::string>> member_phones;
};

std::vector<storage::group_row> list_groups(services& s);
/// admin_not_found when `id` names no group.
result<storage::group_row> group_of(services& s, std::int64_t id);
/// Name and representative required. Every phone must be a registered farmer (else
/// invalid_field unknown_farmer); members distinct and without the representative (invalid_field
/// duplicate / is_representative); a name taken is `duplicate`.
result<storage::group_row> create_group(services& s, const actor& who, const group_input& in);
result<storage::group_row> update_group(services& s, const actor& who, std::int64_t id,
                                        const group_input& in);

// ---- staff users ---------------------------------------------------------------------------

std::vector<storage::staff_row> list_users(services& s);
result<storage::staff_row> user_of(services& s, std::string_view username);

struct user_create {
    std::string username;
    role who = role::operator_;
    std::optional<std::string> branch; // clerks
    std::string display_name;
    std::string password; // checked and hashed before any lock is taken
};

struct user_update {
    std::optional<std::string> display_name;
    std::optional<role> who;
    std::optional<bool> active;
    std::optional<std::string> branch;
    std::optional<std::string> password; // decoded before the rest, checked before the look-up
    /// A value that could not be decoded: the service refuses it after its not-found check
    /// (the order the admin API always had; server/codec/admin_decode.hpp `deferred`).
    std::optional<refusal> malformed;
};

result<storage::staff_row> create_user(services& s, const actor& who, const user_create& in);
/// An admin cannot change their own role or deactivate themself (self_change); a deactivated
/// user, or one whose password changed, is logged out everywhere.
result<storage::staff_row> update_user(services& s, const actor& who, std::string_view username,
                                       const user_update& in);

// ---- audit trail ---------------------------------------------------------------------------

struct audit_page {
    std::vector<storage::audit_record> entries;
    std::optional<std::int64_t> next_cursor;
};
/// Newest first; `f.limit` is the page size.
audit_page list_audit(services& s, storage::audit_filter f);

} // namespace agrirent::app::admin
