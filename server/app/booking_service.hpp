#pragma once
// The public booking path: quote, book, look up, cancel (DOMAIN.md §§4–7, API.md public part).
// Checks 4–7 of §5 and the insert run in one BEGIN IMMEDIATE transaction.
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "common/result.hpp"
#include "server/app/services.hpp"
#include "server/storage/records.hpp"

namespace agrirent::storage {
class repositories;
}

namespace agrirent::app {

struct quote_outcome {
    std::shared_ptr<const catalog> cat;
    const branch_info* branch = nullptr;
    const type_info* type = nullptr;
    period usage;
    std::optional<rental_plan> plan; // absent when planning itself refused
    std::optional<fee_quote> fee;    // the fee without farmer categories
    int capacity = 0;
    int available = 0;                        // how many more reservations with this occupancy fit
    std::optional<delivery_request> delivery; // as asked (DOMAIN.md §15)
    std::optional<half_day> half;             // as asked (DOMAIN.md §11)
    std::optional<interval> delivery_slot;    // when the office brings it, if offered
    std::optional<std::int64_t> group;        // the group quoted for (DOMAIN.md §16), by id
    std::optional<refusal> refused;
};

/// A quote for a group booking (DOMAIN.md §16): the group's length rule (group_min_days …
/// group_max_days instead of max_days) and the type's group_rental flag always; with `id`, the
/// group is read (unknown: not_found) and its live limit checked; with `phone` as well, the
/// representative check. The farmer's booking page quotes with neither (the group is resolved
/// from the phone only when the form is sent, decisions.md "Issue 15 — the remaining gaps").
struct quote_group {
    std::optional<std::int64_t> id;
    std::optional<std::string> phone; // normalised
};

/// Refuses only with not_found (branch, type, or the group named); every booking-rule refusal
/// is in `refused`.
result<quote_outcome> quote(services& s, std::string_view branch, std::string_view type,
                            period usage, const std::optional<delivery_request>& delivery = {},
                            const std::optional<quote_group>& group = {},
                            std::optional<half_day> half = {});

/// The fee of a plan for a farmer in `categories` (DOMAIN.md §7; a half day's rate, §11), without
/// delivery.
fee_quote plan_fee(const catalog& cat, const type_info& type, const branch_info& branch,
                   const rental_plan& plan, std::span<const std::string> categories);

struct booking_input {
    std::string branch;
    std::string type;
    period usage;
    std::string name;  // normalised
    std::string phone; // normalised
    std::optional<std::string> farm_id;
    std::optional<std::string> district;
    std::optional<delivery_request> delivery; // DOMAIN.md §15; none = picked up at the office
    std::optional<half_day> half;             // DOMAIN.md §11: a morning or afternoon of `start`
    /// DOMAIN.md §16: a group booking; `phone` must be the group's representative's (also when
    /// staff book for the group).
    std::optional<std::int64_t> group;
    /// DOMAIN.md §13: accepting this waitlist entry's offer. The booking must then match the
    /// entry (checked by the caller) and uses the capacity the offer holds; refused with
    /// offer_expired unless the entry is still offered and its hold has not lapsed. The entry
    /// becomes booked in the same transaction as the insert.
    std::optional<std::string> waitlist_code;
    /// DOMAIN.md §14: a farmer's proof of `phone` (phone_verification.hpp), needed when a farmer
    /// books and the setting verify_farmer_phone is on; staff bookings ignore it.
    std::optional<std::string> verification;
};

/// Books for a farmer (web) or for a caller (staff). not_found, 422 rule codes, no_capacity.
/// A farmer's booking first needs a verified phone when verify_farmer_phone is on
/// (phone_unverified, DOMAIN.md §14); it records whether the phone was verified (strikes).
/// A group booking (DOMAIN.md §16) also refuses with not_group_representative,
/// group_days_out_of_range, type_not_offered (reason no_group_rental) and too_many_reservations
/// (reason group: the group's own live limit); it always waits for approval (requested).
/// `history`, if given, receives the new reservation's history as committed (its "create"
/// entry), so that the reply needs no read after the commit.
result<storage::reservation_row> book(services& s, const booking_input& in, const actor& who,
                                      std::vector<storage::history_entry>* history = nullptr);

/// The groups whose representative has `phone` (normalised), by name (DOMAIN.md §16). The
/// farmer's booking page resolves a group booking's group from the phone this way, only when
/// the form is sent (decisions.md "Issue 15 — the remaining gaps").
std::vector<storage::group_row> groups_represented_by(services& s, std::string_view phone);

/// `row` (a reservation found by its code) if `phone` is the one it was made with; else
/// not_found, the same answer as for a wrong code (API.md: 404 in both cases). Every farmer's
/// access by code and phone goes through this one check.
result<storage::reservation_row> is_farmers(std::optional<storage::reservation_row> row,
                                            std::string_view phone);

/// The reservation with `code` in `repos` if `phone` is the one it was made with (is_farmers).
result<storage::reservation_row> farmers_reservation(storage::repositories& repos,
                                                     std::string_view code, std::string_view phone);

/// The reservation with `code` if `phone` is the one it was made with (else not_found).
result<storage::reservation_row> find_for_farmer(services& s, std::string_view code,
                                                 std::string_view phone);

/// A farmer cancels their booking: allowed until the pickup window opens (DOMAIN.md §6). With
/// verify_farmer_phone on, `verification` must prove `phone` (phone_unverified, checked first).
result<storage::reservation_row>
cancel_by_farmer(services& s, std::string_view code, std::string_view phone, const actor& who,
                 const std::optional<std::string>& verification = std::nullopt);

} // namespace agrirent::app
