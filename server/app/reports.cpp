#include "server/app/reports.hpp"

#include <algorithm>
#include <cmath>

#include "common/validation.hpp"
#include "server/storage/database.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::app {

std::optional<double> utilization_percent(std::int64_t rented, std::int64_t available) {
    if (available <= 0) {
        return std::nullopt;
    }
    const double pct = static_cast<double>(rented) * 100.0 / static_cast<double>(available);
    return std::round(pct * 10.0) / 10.0;
}

std::vector<branch_utilization> compute_utilization(const catalog& cat,
                                                    std::span<const storage::unit_total> units,
                                                    std::span<const storage::usage_span> usage,
                                                    std::optional<std::int64_t> branch_id,
                                                    date_range days) {
    std::vector<branch_utilization> out;
    for (const auto& b : cat.branches()) {
        if (branch_id ? b.id != *branch_id : !b.active) {
            continue;
        }
        branch_utilization bu;
        bu.branch = &b;
        // Operating days of this branch in the range, looked up once.
        std::vector<bool> operating;
        for (local_days d = days.from; d <= days.to; d += date::days{1}) {
            const auto info = classify_day(b.calendar, d);
            operating.push_back(info.known && info.operating);
            bu.operating_days += info.known && info.operating ? 1 : 0;
            bu.unknown_days += info.known ? 0 : 1;
        }
        for (const auto& t : cat.types()) {
            type_utilization tu;
            tu.type = &t;
            for (const auto& u : units) {
                if (u.branch_id == b.id && u.type_id == t.id) {
                    tu.units = u.units;
                }
            }
            bool used = false;
            for (const auto& u : usage) {
                if (u.branch_id != b.id || u.type_id != t.id) {
                    continue;
                }
                used = true;
                const bool handed_out =
                    u.state == status::checked_out || u.state == status::returned;
                const local_days from = std::max(u.usage.start, days.from);
                const local_days to = std::min(u.usage.end, days.to);
                for (local_days d = from; d <= to; d += date::days{1}) {
                    const bool open = operating[static_cast<std::size_t>((d - days.from).count())];
                    if (handed_out) {
                        (open ? tu.rented : tu.rented_closed_days) += 1;
                    } else if (open) {
                        tu.booked += 1;
                    }
                }
            }
            if (tu.units == 0 && !used) {
                continue; // not offered at this branch and nothing booked
            }
            tu.available = static_cast<std::int64_t>(bu.operating_days) * tu.units;
            bu.types.push_back(tu);
        }
        out.push_back(std::move(bu));
    }
    return out;
}

std::vector<branch_utilization> utilization_report(services& s, const catalog& cat,
                                                   std::optional<std::int64_t> branch_id,
                                                   date_range days) {
    auto lease = s.db.begin(storage::access::read);
    const auto units = lease->reports().units_not_retired(branch_id);
    const auto usage = lease->reports().usage_overlapping(branch_id, days);
    lease->commit();
    return compute_utilization(cat, units, usage, branch_id, days);
}

std::vector<storage::revenue_total>
revenue_report(services& s, std::optional<std::int64_t> branch_id, date_range days) {
    auto lease = s.db.begin(storage::access::read);
    return lease->reports().revenue_by_branch_type(branch_id, days);
}

result<std::vector<storage::export_row>> export_reservations(services& s, storage::export_filter f,
                                                             int max_rows) {
    f.limit = max_rows + 1;
    std::vector<storage::export_row> rows;
    {
        auto lease = s.db.begin(storage::access::read);
        rows = lease->reports().reservations_for_export(f);
    }
    if (rows.size() > static_cast<std::size_t>(max_rows)) {
        return refusal{reason::export_too_large,
                       {{"field", "to"}, {"max_rows", std::to_string(max_rows)}}};
    }
    return rows;
}

result<std::vector<storage::outbox_listing>>
outbox_messages(services& s, storage::outbox_filter f,
                std::optional<std::string_view> reservation_code) {
    auto lease = s.db.begin(storage::access::read);
    if (reservation_code && !reservation_code->empty()) {
        const auto code = normalize_booking_code(*reservation_code);
        const auto row = code ? lease->reservations().find_reservation(*code) : std::nullopt;
        if (!row) {
            return refusal{reason::no_such_address, {{"field", "reservation"}}};
        }
        f.reservation_id = row->id;
    }
    return lease->jobs().list_outbox(f);
}

group_commit_stats group_commit(const services& s) {
    const auto st = s.db.grouped_write_stats();
    return {st.batches, st.jobs};
}

bool database_ok(services& s) noexcept {
    try {
        return s.db.ping();
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace agrirent::app
