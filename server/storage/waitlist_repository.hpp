#pragma once
// The waitlist (DOMAIN.md §13, issue 14): entries of farmers waiting for a (branch, type, period)
// that was full, served first come, first served; an offer holds capacity for an entry until it
// is accepted, declined or lapses. Every function runs on the caller's connection, inside the
// caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/planning.hpp"
#include "common/types.hpp"

namespace agrirent::storage {

enum class waitlist_status { waiting, offered, booked, declined, lapsed, cancelled };

inline constexpr std::string_view waitlist_status_names[] = {"waiting",  "offered", "booked",
                                                             "declined", "lapsed",  "cancelled"};

[[nodiscard]] inline std::string_view to_string(waitlist_status s) noexcept {
    return waitlist_status_names[static_cast<int>(s)];
}
[[nodiscard]] inline std::optional<waitlist_status>
parse_waitlist_status(std::string_view s) noexcept {
    for (int i = 0; i < 6; ++i) {
        if (waitlist_status_names[i] == s) {
            return static_cast<waitlist_status>(i);
        }
    }
    return std::nullopt;
}

struct waitlist_row {
    std::int64_t id = 0;
    std::string code; // like a booking code: random, short, read over the phone
    std::int64_t branch_id = 0;
    std::int64_t type_id = 0;
    period usage{};
    std::optional<half_day>
        half;          // DOMAIN.md §11: waiting for a morning or afternoon of usage.start
    std::string name;  // normalised
    std::string phone; // normalised
    waitlist_status state = waitlist_status::waiting;
    std::string via;        // web, phone, counter
    std::string created_by; // "farmer" or the staff username
    sys_seconds created_at{};
    std::optional<sys_seconds> offer_expires_at; // while offered (kept afterwards, as it was)
    std::optional<interval> hold;                // the occupancy held while offered
    std::optional<std::int64_t> reservation_id;  // once booked
    std::optional<std::string> reservation_code; // read with the entry (join), never written
};

struct waitlist_filter {
    std::optional<std::int64_t> branch_id;
    std::optional<std::int64_t> type_id;
    std::optional<waitlist_status> state;
    std::optional<local_days> from; // periods overlapping [from, to]
    std::optional<local_days> to;
    int limit = 500;
};

class waitlist_repository {
  public:
    virtual ~waitlist_repository() = default;

    /// Inserts `e` (code set by the caller), returning its id. Throws duplicate_key if the code
    /// is taken.
    virtual std::int64_t insert_entry(const waitlist_row& e) = 0;
    virtual std::optional<waitlist_row> find_entry(std::string_view code) = 0;
    /// Entries matching `f`, oldest first (FIFO: by id).
    virtual std::vector<waitlist_row> list_entries(const waitlist_filter& f) = 0;
    /// The waiting entries of (branch, type), oldest first: the queue offers are made from.
    virtual std::vector<waitlist_row> waiting_queue(std::int64_t branch_id,
                                                    std::int64_t type_id) = 0;
    /// How many waiting entries of the same (branch, type) whose period overlaps `usage` are older
    /// than entry `id` (those an offer would reach first). With `half`, entries for the other
    /// half of the day do not count (a whole day overlaps both halves).
    virtual int waiting_ahead(std::int64_t branch_id, std::int64_t type_id, std::int64_t id,
                              period usage, std::optional<half_day> half) = 0;
    /// Live (waiting or offered) entries of `phone`, any branch and type.
    virtual int count_live_of_phone(std::string_view phone) = 0;
    /// Whether `phone` has a live entry of (branch, type) whose period overlaps `usage` — with
    /// `half`, one not for the other half of that day (a whole day overlaps both halves).
    virtual bool live_entry_overlaps(std::string_view phone, std::int64_t branch_id,
                                     std::int64_t type_id, period usage,
                                     std::optional<half_day> half) = 0;
    /// Whether any waiting or offered entry of (branch, type) has a period overlapping `days`.
    virtual bool anyone_waiting(std::int64_t branch_id, std::int64_t type_id, period days) = 0;
    /// waiting → offered with the hold; false if the entry is not waiting any more.
    virtual bool make_offer(std::int64_t id, sys_seconds expires_at, interval hold) = 0;
    /// `from` → `to` (and the reservation once booked); false if the stored status is not `from`.
    virtual bool set_entry_status(std::int64_t id, waitlist_status from, waitlist_status to,
                                  std::optional<std::int64_t> reservation_id = std::nullopt) = 0;
    /// Offered entries whose hold lapsed at or before `now`, oldest offer first.
    virtual std::vector<waitlist_row> lapsed_offers(sys_seconds now, int limit) = 0;
    /// Waiting entries whose period starts on or before `day`.
    virtual std::vector<waitlist_row> waiting_starting_by(local_days day, int limit) = 0;
    /// Every (branch, type) with at least one waiting entry.
    virtual std::vector<std::pair<std::int64_t, std::int64_t>> waiting_branch_types() = 0;
    /// The holds of live offers of a branch overlapping `window`, by type id (availability).
    virtual std::vector<std::pair<std::int64_t, interval>> holds_in_branch(std::int64_t branch_id,
                                                                           interval window) = 0;

  protected:
    waitlist_repository() = default;
    waitlist_repository(const waitlist_repository&) = default;
    waitlist_repository& operator=(const waitlist_repository&) = default;
};

} // namespace agrirent::storage
