#include "server/app/extension.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "common/booking_rules.hpp"
#include "common/time.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/notices.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {

result<extension_outcome> extend_reservation(services& s, const extension_input& in,
                                             const actor& who) {
    const auto cat = s.catalog.get();
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& c = *tx;
    result<storage::reservation_row> row = refusal{reason::not_found, {{"field", "code"}}};
    if (who.who == role::farmer) {
        row = farmers_reservation(c, in.code, in.phone);
    } else {
        auto found = c.reservations().find_reservation(in.code);
        if (!found) {
            return refusal{reason::not_found, {{"field", "code"}}};
        }
        if (who.who == role::clerk && who.branch_id != found->branch_id) {
            return refusal{reason::forbidden, {{"reason", "other_branch"}}};
        }
        row = std::move(*found);
    }
    if (!row) {
        return row.error();
    }
    if (auto refused = check_farmer_action(s, c, who, row->phone, in.proof)) {
        return *refused;
    }
    if (row->state != status::checked_out) {
        return refusal{reason::invalid_transition,
                       {{"status", std::string{to_string(row->state)}}, {"action", "extend"}}};
    }
    for (const auto& h : c.reservations().reservation_history(row->id)) {
        if (h.action == "extend") {
            return refusal{reason::invalid_transition,
                           {{"status", std::string{to_string(row->state)}},
                            {"action", "extend"},
                            {"reason", "already_extended"}}};
        }
    }
    // A half day ends at its slot's end so that the other half can be lent (§11); it is not
    // extended into whole days (docs/decisions.md): the farmer books the next days anew.
    if (row->plan.half) {
        return refusal{reason::invalid_transition,
                       {{"status", std::string{to_string(row->state)}},
                        {"action", "extend"},
                        {"reason", "half_day"}}};
    }
    if (in.end <= row->plan.usage.end) {
        return refusal{reason::bad_request, {{"field", "end"}, {"problem", "not_after_end"}}};
    }
    const auto* branch = cat->branch_by_id(row->branch_id);
    const auto* type = cat->type_by_id(row->type_id);
    if (branch == nullptr || type == nullptr) {
        return refusal{reason::not_found, {{"field", "code"}}};
    }
    const int max_days = cat->config().extension_max_days;
    const period usage{row->plan.usage.start, in.end};
    if (usage.length_days() > max_days) {
        return refusal{reason::extension_limit, {{"max_days", std::to_string(max_days)}}};
    }
    // The new deadline by §4 (the pickup stays as it was).
    machine_type planned = type->type;
    planned.max_days = std::max(planned.max_days, max_days);
    const auto plan = plan_rental(branch->calendar, planned, usage);
    if (!plan) {
        return plan.error();
    }
    rental_plan extended = row->plan;
    extended.usage.end = in.end;
    extended.return_day = plan->return_day;
    extended.return_by = plan->return_by;
    const period added{row->plan.usage.end + date::days{1}, in.end};
    // §5.4 for the added occupancy; the reservation's own ends where it begins.
    const interval more{row->plan.return_by, extended.return_by};
    const auto [counts, live] = c.reservations().units_and_occupancies(branch->id, type->id, more);
    if (auto refused = check_capacity(more, counts.capacity, live)) {
        return *refused;
    }
    // §12: a waiting farmer comes first.
    if (c.waitlist().anyone_waiting(branch->id, type->id, added)) {
        return refusal{reason::someone_waiting,
                       {{"start", format_date(added.start)}, {"end", format_date(added.end)}}};
    }
    const auto farmer = c.reservations().find_farmer(row->farmer_id);
    const fee_quote added_fee = quote_fee(type->type, branch->code, added, cat->adjustments(),
                                          farmer ? farmer->categories : std::vector<std::string>{});
    fee_quote fee = row->fee;
    fee.gross += added_fee.gross;
    fee.discount += added_fee.discount;
    fee.surcharge += added_fee.surcharge;
    fee.net += added_fee.net;
    fee.days.insert(fee.days.end(), added_fee.days.begin(), added_fee.days.end());

    extension_outcome out;
    out.added = added;
    out.added_fee = added_fee;
    out.return_by = extended.return_by;
    out.dry_run = in.dry_run;
    if (in.dry_run) {
        out.row = std::move(*row);
        return out; // rolled back: nothing was written
    }
    const sys_seconds now = s.clock.now();
    c.reservations().replan_reservation(row->id, row->branch_id, extended, fee);
    const boost::json::object d{
        {"from_end", format_date(row->plan.usage.end)},
        {"to_end", format_date(in.end)},
        {"return_by", format_instant(branch->calendar.zone, extended.return_by)},
        {"fee_added", added_fee.net.value}};
    row->plan = extended;
    row->fee = fee;
    c.reservations().append_audit(
        {now, who.name, std::string{to_string(who.who)}, std::string{to_string(who.via)}, "extend",
         row->id, "reservation", row->code, boost::json::serialize(d), who.address});
    c.outbox().enqueue_message(
        row->id, row->phone, "extension",
        "[농기계임대] 연장 확정: " + type->type.name_ko + " (" + branch->name_ko + ") " +
            korean_date(in.end) + "까지 사용, 반납 " +
            korean_instant(branch->calendar.zone, extended.return_by) + "까지. 추가 요금 " +
            std::to_string(added_fee.net.value) + "원. 예약번호 " + row->code,
        now);
    tx->commit();
    out.row = std::move(*row);
    return out;
}

} // namespace agrirent::app
