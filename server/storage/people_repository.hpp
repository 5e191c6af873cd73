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

namespace agrirent::db {
class connection;
}

namespace agrirent::storage {

struct farmer_search {
    std::optional<std::string> phone;        // exact, normalised ("010-1234-5678")
    std::optional<std::string> phone_digits; // digits anywhere in the number ("5678")
    std::optional<std::string> name;         // part of the name
    std::optional<std::int64_t> before_id;   // cursor: farmers with a smaller id
    int limit = 50;
};

/// Matching farmers, newest first (by id), at most `limit`.
std::vector<farmer_row> search_farmers(db::connection& conn, const farmer_search& q);

/// Updates name, farm id, district, training date and suspension (not the phone, the identity).
void update_farmer(db::connection& conn, const farmer_row& f);

/// Replaces the farmer's category memberships.
void set_farmer_categories(db::connection& conn, std::int64_t farmer_id,
                           const std::vector<std::int64_t>& category_ids);

struct strike_record {
    std::string kind; // no_show, late_return, damage
    sys_seconds at{};
    std::optional<std::string> reservation_code;
};

/// The farmer's strikes, newest first.
std::vector<strike_record> farmer_strikes(db::connection& conn, std::int64_t farmer_id);

/// Live reservations (requested, confirmed, checked out) of the farmer.
std::int64_t count_live_of_farmer(db::connection& conn, std::int64_t farmer_id);

} // namespace agrirent::storage
