#pragma once
// Queries of the reports (issue 4 "Reports"): usage days held by reservations, units per
// (branch, type), revenue sums and the rows of the CSV export. Read-only; the caller wraps
// several of them in one deferred transaction for a consistent snapshot.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/planning.hpp"
#include "common/types.hpp"

namespace agrirent::storage {

/// The usage days of one reservation that held (or holds) a machine.
struct usage_span {
    std::int64_t branch_id = 0;
    std::int64_t type_id = 0;
    status state = status::requested;
    period usage;
};

struct unit_total {
    std::int64_t branch_id = 0;
    std::int64_t type_id = 0;
    int units = 0; // not retired
};

struct revenue_total {
    std::int64_t branch_id = 0;
    std::int64_t type_id = 0;
    std::int64_t bookings = 0;
    won gross;
    won discount;
    won surcharge;
    won rental_net; // gross − discount + surcharge, as agreed at booking (delivery not included)
    won late_fees;
    won delivery; // delivery fees (DOMAIN.md §15), apart from the rental
    /// DOMAIN.md §11: of `bookings` and `rental_net`, the half-day (morning or afternoon) ones.
    std::int64_t half_day_bookings = 0;
    won half_day_rental;
};

/// One row of the CSV export.
struct export_row {
    std::string code;
    status state = status::requested;
    std::int64_t branch_id = 0;
    std::int64_t type_id = 0;
    period usage;
    bool eve = false;
    interval pickup;
    sys_seconds return_by{};
    std::string farmer_name;
    std::string phone;
    channel via = channel::web;
    won daily_fee;
    won gross;
    won discount;
    won surcharge;
    won net;
    won late_fee;
    std::optional<std::string> unit_tag;
    std::optional<sys_seconds> checked_out_at;
    std::optional<sys_seconds> returned_at;
    sys_seconds created_at{};
    std::optional<std::string> status_reason;
    // Delivery (DOMAIN.md §15): mode one_way | round_trip, none = picked up at the office.
    std::optional<std::string> delivery_mode;
    std::optional<std::string> delivery_area;
    std::optional<std::string> delivery_address;
    won delivery_fee;                      // included in `net`
    std::optional<std::string> group_name; // a group booking (DOMAIN.md §16)
    std::optional<half_day> half;          // DOMAIN.md §11: a half day; none = whole days
};

struct export_filter {
    std::optional<std::int64_t> branch_id;
    std::optional<status> state;
    date_range days; // usage days overlapping this range (as the staff reservation list)
    int limit = 100000;
};

/// The reports part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class report_repository {
  public:
    virtual ~report_repository() = default;

    /// Reservations in requested, confirmed, checked_out or returned status whose usage days
    /// overlap `days`, at one branch or all.
    virtual std::vector<usage_span> usage_overlapping(std::optional<std::int64_t> branch_id,
                                                      date_range days) = 0;
    /// Units that are not retired, per (branch, type), at one branch or all.
    virtual std::vector<unit_total> units_not_retired(std::optional<std::int64_t> branch_id) = 0;
    /// Sums over reservations whose first usage day lies in `days`, except cancelled, rejected and
    /// no-show ones, per (branch, type).
    virtual std::vector<revenue_total> revenue_by_branch_type(std::optional<std::int64_t> branch_id,
                                                              date_range days) = 0;
    /// Ordered by first usage day, then code.
    virtual std::vector<export_row> reservations_for_export(const export_filter& f) = 0;

  protected:
    report_repository() = default;
    report_repository(const report_repository&) = default;
    report_repository& operator=(const report_repository&) = default;
};

} // namespace agrirent::storage
