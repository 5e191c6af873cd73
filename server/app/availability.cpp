#include "server/app/availability.hpp"

#include <algorithm>

#include "common/lifecycle.hpp"
#include "common/planning.hpp"
#include "common/time.hpp"
#include "server/storage/database.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::app {

std::vector<type_availability> branch_availability(services& s, const catalog& cat,
                                                   const branch_info& branch,
                                                   const type_info* only_type, date_range days) {
    // Plans reach at most max_closed_run_days around a day: one index-backed query covers all.
    const date::days margin{max_closed_run_days + 1};
    const interval window{to_instant(branch.calendar.zone, days.from - margin, time_of_day{0}),
                          to_instant(branch.calendar.zone, days.to + margin, time_of_day{0})};
    std::vector<std::pair<std::int64_t, storage::unit_counts>> counts;
    std::vector<storage::live_occupancy> live;
    {
        auto lease = s.db.begin(storage::access::read);
        counts = lease->reservations().count_units_by_type(branch.id);
        live = lease->reservations().live_in_branch(branch.id, window);
        // DOMAIN.md §13: a held waitlist offer counts against capacity like a booking.
        for (const auto& [type_id, hold] : lease->waitlist().holds_in_branch(branch.id, window)) {
            live.push_back({0, type_id, status::confirmed, hold, sys_seconds{}});
        }
        lease->commit();
    }
    std::vector<type_availability> out;
    for (const auto& t : cat.types()) {
        if (!t.active || (only_type != nullptr && only_type->id != t.id)) {
            continue;
        }
        const storage::unit_counts c = storage::counts_of_type(counts, t.id);
        std::vector<interval> held;
        for (const auto& l : live) {
            if (l.type_id == t.id) {
                held.push_back(l.occupancy);
            }
        }
        out.push_back({&t, c.offered, c.capacity,
                       availability(branch.calendar, t.type, days, c.capacity, held, s.clock.now(),
                                    cat.policy_for(branch))});
    }
    return out;
}

std::vector<storage::reservation_row> holders_of(services& s, const branch_info& branch,
                                                 const type_info& type, local_days day) {
    const auto& cal = branch.calendar;
    interval slot{to_instant(cal.zone, day, time_of_day{0}),
                  to_instant(cal.zone, day + date::days{1}, time_of_day{0})};
    if (const auto plan = plan_rental(cal, type.type, {day, day})) {
        slot = plan->occupancy();
    }
    storage::reservation_filter f;
    f.branch_id = branch.id;
    f.type_id = type.id;
    f.from = day - date::days{max_closed_run_days + 1};
    f.to = day + date::days{max_closed_run_days + 1};
    f.limit = 200;
    std::vector<storage::reservation_row> rows;
    {
        auto lease = s.db.begin(storage::access::read);
        rows = lease->reservations().search_reservations(f);
    }
    std::vector<storage::reservation_row> out;
    for (auto& r : rows) {
        if (is_live(r.state) && r.plan.occupancy().overlaps(slot)) {
            out.push_back(std::move(r));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.plan.pickup.from < b.plan.pickup.from; });
    return out;
}

} // namespace agrirent::app
