#pragma once
// Farmers as staff manage them (DOMAIN.md §8, issue 4 "Administration"): search, edit, category
// membership, strikes and live reservation counts. Every function runs on the caller's
// connection, inside the caller's transaction. (Look-up by phone and insertion are shared with
// the booking path: reservation_repository.hpp.)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.hpp"

namespace agrirent::storage {

struct farmer_search {
    std::optional<std::string> phone;        // exact, normalised ("010-1234-5678")
    std::optional<std::string> phone_digits; // digits anywhere in the number ("5678")
    std::optional<std::string> name;         // part of the name
    std::optional<std::int64_t> before_id;   // cursor: farmers with a smaller id
    int limit = 50;
};

struct strike_record {
    std::string kind; // no_show, late_return, damage
    sys_seconds at{};
    std::optional<std::string> reservation_code;
};

/// The people part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class people_repository {
  public:
    virtual ~people_repository() = default;

    /// Matching farmers, newest first (by id), at most `limit`.
    virtual std::vector<farmer_row> search_farmers(const farmer_search& q) = 0;
    /// Updates name, farm id, district, training date and suspension (not the phone, the identity).
    virtual void update_farmer(const farmer_row& f) = 0;
    /// Replaces the farmer's category memberships.
    virtual void set_farmer_categories(std::int64_t farmer_id,
                                       const std::vector<std::int64_t>& category_ids) = 0;
    /// The farmer's strikes, newest first.
    virtual std::vector<strike_record> farmer_strikes(std::int64_t farmer_id) = 0;
    /// Live reservations (requested, confirmed, checked out) of the farmer.
    virtual std::int64_t count_live_of_farmer(std::int64_t farmer_id) = 0;

    // Farmer groups (작목반, DOMAIN.md §16), by name; members in phone order.
    virtual std::vector<group_row> list_groups() = 0;
    virtual std::optional<group_row> find_group(std::int64_t id) = 0;
    /// Inserts the group and its members; returns its id.
    virtual std::int64_t insert_group(const group_row& g) = 0;
    /// Updates name and representative and replaces the members.
    virtual void update_group(const group_row& g) = 0;
    /// Live group bookings (requested, confirmed, checked out) of `group_id` for `type_id`.
    virtual std::int64_t count_live_of_group(std::int64_t group_id, std::int64_t type_id) = 0;

  protected:
    people_repository() = default;
    people_repository(const people_repository&) = default;
    people_repository& operator=(const people_repository&) = default;
};

} // namespace agrirent::storage
