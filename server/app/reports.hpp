#pragma once
// Reports for operators and admins (issue 4 "Reports"): utilization and revenue per branch and
// machine type over a date range.
//
// Utilization, in unit-days (one machine for one day):
//  - available = operating days of the branch in the range (DOMAIN.md §2: known calendar and
//    open) × units of the type at the branch that are not retired. Unit history is not kept, so
//    today's units stand for the whole range (a unit retired or added mid-range counts for all
//    of it; units in maintenance count: that is lost availability, which the report should
//    show rather than hide).
//  - rented = usage days (the billable days, DOMAIN.md §7) on operating days, of reservations
//    that were handed out: checked_out or returned. A usage day on a closed day (a Sunday reached
//    by an eve pickup) is reported apart as rented_closed_days and left out of the percentage,
//    which therefore stays within 0–100 % (the capacity rule lets at most `units` reservations
//    hold one operating day).
//  - booked = the same count for requested and confirmed reservations (not handed out yet:
//    future bookings, or ones the sweeper has not expired yet); not in the percentage either.
//  - percent = rented / available × 100, to one decimal; null when nothing was available.
//
// Revenue: over reservations whose first usage day lies in the range, except cancelled, rejected
// and no-show ones (they earned nothing); requested and confirmed ones are included as booked
// revenue. Amounts are the ones agreed at booking (stored with the reservation), plus late fees
// charged at check-in, counted in the range of the reservation's first usage day.
// net = gross − discount + surcharge + late fees.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "common/result.hpp"
#include "server/app/catalog.hpp"
#include "server/app/services.hpp"
#include "server/storage/jobs_repository.hpp"
#include "server/storage/report_repository.hpp"

namespace agrirent::app {

struct type_utilization {
    const type_info* type = nullptr;
    int units = 0;
    std::int64_t available = 0; // unit-days
    std::int64_t rented = 0;
    std::int64_t booked = 0;
    std::int64_t rented_closed_days = 0;
};

struct branch_utilization {
    const branch_info* branch = nullptr;
    int operating_days = 0;
    int unknown_days = 0; // beyond the known holiday years: counted as not operating
    std::vector<type_utilization> types;
};

/// rented / available in percent, one decimal; nullopt when available is 0.
std::optional<double> utilization_percent(std::int64_t rented, std::int64_t available);

/// The pure computation: every active branch (or only `branch_id`), every type with units or
/// usage there, in catalogue order.
std::vector<branch_utilization> compute_utilization(const catalog& cat,
                                                    std::span<const storage::unit_total> units,
                                                    std::span<const storage::usage_span> usage,
                                                    std::optional<std::int64_t> branch_id,
                                                    date_range days);

/// Loads (one snapshot) and computes.
std::vector<branch_utilization> utilization_report(services& s, const catalog& cat,
                                                   std::optional<std::int64_t> branch_id,
                                                   date_range days);

std::vector<storage::revenue_total>
revenue_report(services& s, std::optional<std::int64_t> branch_id, date_range days);

/// The reservations of the CSV export (API.md GET /api/v1/reservations.csv); export_too_large
/// (details: max_rows) when more than `max_rows` match.
result<std::vector<storage::export_row>> export_reservations(services& s, storage::export_filter f,
                                                             int max_rows);

/// The outbox for operators (API.md GET /api/v1/outbox), newest first; with `reservation_code`
/// (as typed) only that reservation's messages, no_such_address when it names none.
result<std::vector<storage::outbox_listing>>
outbox_messages(services& s, storage::outbox_filter f,
                std::optional<std::string_view> reservation_code);

/// Group commit so far: transactions committed for bookings and bookings decided in them
/// (GET /metrics).
struct group_commit_stats {
    std::uint64_t batches = 0;
    std::uint64_t jobs = 0;
};
group_commit_stats group_commit(const services& s);

/// Whether the database answers (GET /healthz).
bool database_ok(services& s) noexcept;

} // namespace agrirent::app
