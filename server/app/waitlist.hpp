#pragma once
// The waitlist (대기자, DOMAIN.md §13, issue 14; API.md "Half days, extensions, waitlist").
//
// A farmer (or staff for a caller) joins when a booking for that period would be refused for
// no_capacity right now. When capacity frees, offer_freed() — called inside the write unit of
// work of every change that frees capacity, so the offer commits with the change or not at all —
// gives the earliest waiting entries of that branch and type whose whole period fits an offer:
// the occupancy is held (it counts against capacity like a booking: the port's live_occupancies)
// until offer_expires_at, and a message with the entry's code goes to the phone through the
// outbox. Accepting books it (every §5 rule rechecked, the held capacity used); declining, or the
// hold lapsing (sweep_waitlist), offers it to the next entry.
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/services.hpp"
#include "server/storage/waitlist_repository.hpp"

namespace agrirent::storage {
class repositories;
}

namespace agrirent::app {

class catalog;

/// The storage names the pages use (they include no storage header).
using waitlist_state = storage::waitlist_status;
using waitlist_query = storage::waitlist_filter;
/// A status as the API spells it ("waiting", …), or nullopt.
inline std::optional<waitlist_state> parse_waitlist_state(std::string_view s) noexcept {
    return storage::parse_waitlist_status(s);
}

/// An entry as the API shows it: with its place in the queue while waiting: 1 + the older
/// waiting entries of its branch and type whose periods overlap its own (those served first).
struct waitlist_view {
    storage::waitlist_row entry;
    std::optional<int> position;
};

struct waitlist_input {
    std::string branch;
    std::string type;
    period usage;
    std::optional<half_day> half; // DOMAIN.md §11: a morning or afternoon of usage.start
    std::string name;             // normalised
    std::string phone;            // normalised
};

/// The farmer's proof of the phone (DOMAIN.md §14), as the request carried it: the body's
/// `verification` or the X-Phone-Verification header.
struct farmer_proof {
    std::optional<std::string> verification;
};

/// Every farmer's own waitlist action (join, decline, cancel) and extension passes here, first
/// in its write unit of work: the verified phone of DOMAIN.md §14 (app::require_verified_phone;
/// 403 phone_unverified). Accepting leaves it to book(), which checks and records it. Staff
/// (who.who != farmer) need no proof.
std::optional<refusal> check_farmer_action(services& s, storage::repositories& repos,
                                           const actor& who, std::string_view phone,
                                           const farmer_proof& proof);

/// 201: a new waiting entry, for whole days or (with `half`) one slot of one day. Refusals: the
/// booking's own (not_found, 422 rule codes such as half_day_not_offered; groups and delivery are
/// not waited for), conflict {reason: "bookable"} when the period can be booked right now,
/// waitlist_limit, conflict {reason: "waitlist_duplicate"} (the same phone already waiting for an
/// overlapping period of that branch and type: a whole day overlaps both of its halves).
result<waitlist_view> join_waitlist(services& s, const waitlist_input& in, const actor& who,
                                    const farmer_proof& proof = {});

/// The entry with `code`; for a farmer only with the phone it was made with (else not_found).
/// Staff: `phone` empty; a clerk only for their branch.
result<waitlist_view> find_waitlist_entry(services& s, std::string_view code,
                                          std::string_view phone, const actor& who);

/// Accepts an offer: 201 reservation. offer_expired when not offered or the hold has lapsed.
result<storage::reservation_row> accept_offer(services& s, std::string_view code,
                                              std::string_view phone, const actor& who,
                                              const farmer_proof& proof = {});
/// Declines an offer (offered → declined; the capacity goes to the next entry).
result<waitlist_view> decline_offer(services& s, std::string_view code, std::string_view phone,
                                    const actor& who, const farmer_proof& proof = {});
/// Cancels a waiting or offered entry (→ cancelled; an offer's capacity goes to the next entry).
result<waitlist_view> cancel_waitlist_entry(services& s, std::string_view code,
                                            std::string_view phone, const actor& who,
                                            const farmer_proof& proof = {});

/// Staff list (oldest first), positions for waiting entries. A clerk sees their branch only.
result<std::vector<waitlist_view>> list_waitlist(services& s, storage::waitlist_filter f,
                                                 const actor& who);

/// Offers freed capacity of (branch, type) to the waiting entries, oldest first, each whose whole
/// period fits (and lapses entries whose booking window has closed). Runs on `c`, inside the
/// caller's write unit of work; returns how many offers were made.
int offer_freed(services& s, storage::repositories& c, const catalog& cat, std::int64_t branch_id,
                std::int64_t type_id, sys_seconds now);

struct waitlist_sweep_report {
    int lapsed_offers = 0; // offers whose hold lapsed (entries whose period started: audited)
    int offers = 0;
};
/// The sweeper's part (server/app/jobs.cpp): lapses offers past their hold and entries whose
/// period can no longer be booked, then offers every branch and type with waiting entries
/// whatever capacity is free (which also catches up on anything freed while no offer could be
/// made). One write unit of work.
waitlist_sweep_report sweep_waitlist(services& s);

} // namespace agrirent::app
