#include "server/app/reservation_ops.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

#include <boost/json.hpp>

#include "common/booking_rules.hpp"
#include "common/lifecycle.hpp"
#include "common/numbers.hpp"
#include "common/time.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/notices.hpp"
#include "server/app/waitlist.hpp"
#include "server/storage/database.hpp"
#include "server/storage/outbox_repository.hpp"
#include "server/storage/reservation_repository.hpp"
#include "server/storage/unit_repository.hpp"

namespace agrirent::app {
namespace {

namespace json = boost::json;
using storage::reservation_row;

// One staff change: load the reservation under the write lock, check role, branch and the
// transition, let `change` do its part, then audit and commit. Everything or nothing.
struct change_context {
    services& s;
    storage::repositories& conn;
    const catalog& cat;
    const actor& who;
    sys_seconds now;
    reservation_row& row;
    const branch_info& branch;
    const type_info& type;
};

template <class Change>
result<reservation_row> staff_change(services& s, std::string_view code, action act,
                                     const actor& who, Change&& change) {
    const auto cat = s.catalog.get();
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    auto row = conn.reservations().find_reservation(code);
    if (!row) {
        return refusal{reason::not_found, {{"field", "code"}}};
    }
    // DOMAIN.md §8: a clerk acts only on their own branch.
    if (who.who == role::clerk && who.branch_id != row->branch_id) {
        return refusal{reason::forbidden, {{"reason", "other_branch"}}};
    }
    const auto next = apply_action(row->state, act, who.who);
    if (!next) {
        return next.error();
    }
    const auto* branch = cat->branch_by_id(row->branch_id);
    const auto* type = cat->type_by_id(row->type_id);
    if (branch == nullptr || type == nullptr) {
        return refusal{reason::not_found, {{"field", "code"}}};
    }
    const status before = row->state;
    change_context ctx{s, conn, *cat, who, s.clock.now(), *row, *branch, *type};
    json::object details;
    if (auto refused = change(ctx, *next, details)) {
        return *refused;
    }
    details["from"] = to_string(before);
    details["to"] = to_string(row->state);
    conn.reservations().append_audit({ctx.now, who.name, std::string{to_string(who.who)},
                                      std::string{to_string(who.via)}, std::string{to_string(act)},
                                      row->id, "reservation", row->code, json::serialize(details),
                                      who.address});
    // DOMAIN.md §13: a cancellation, rejection, no-show or early return frees capacity: offers
    // to the waitlist commit with the change (a change that frees nothing offers nothing).
    offer_freed(s, conn, *cat, row->branch_id, row->type_id, ctx.now);
    tx->commit();
    return std::move(*row);
}

void notify(const change_context& c, notice kind) {
    c.conn.outbox().enqueue_message(c.row.id, c.row.phone, to_string(kind),
                                    notice_text(kind, c.row, c.branch, c.type), c.now);
}

// A simple status change (confirm, reject, cancel, no-show) guarded against concurrent edits.
std::optional<refusal> set_status(change_context& c, status next,
                                  const std::optional<std::string>& reason) {
    if (!c.conn.reservations().update_status(c.row.id, c.row.state, next, reason)) {
        return refusal{reason::conflict, {}};
    }
    c.row.state = next;
    if (reason) {
        c.row.status_reason = reason;
    }
    return std::nullopt;
}

// DOMAIN.md §8: record a strike; the third within the window suspends automatically.
// DOMAIN.md §14: only a reservation whose phone was verified, or that staff made, earns one.
void strike(change_context& c, strike_kind kind, json::object& details) {
    if (!c.row.phone_verified) {
        return;
    }
    c.conn.reservations().insert_strike(c.row.farmer_id, c.row.id, c.now, to_string(kind));
    const auto times = c.conn.reservations().strike_times(c.row.farmer_id);
    json::array kinds;
    if (details.contains("strikes")) {
        kinds = details["strikes"].as_array();
    }
    kinds.emplace_back(to_string(kind));
    details["strikes"] = std::move(kinds);
    const auto until =
        suspension_after_strike(times, c.now, c.branch.calendar.zone, c.cat.config().strikes);
    if (!until) {
        return;
    }
    const auto farmer = c.conn.reservations().find_farmer(c.row.farmer_id);
    if (farmer && farmer->suspended_until && *farmer->suspended_until >= *until) {
        return; // already suspended for longer
    }
    c.conn.reservations().set_suspension(c.row.farmer_id, *until,
                                         std::string{"automatic: "} + std::to_string(times.size()) +
                                             " strikes");
    details["suspended_until"] = format_date(*until);
}

std::string checklist_json(const std::map<std::string, bool>& items) {
    json::object o;
    for (const auto& [k, v] : items) {
        o[k] = v;
    }
    return json::serialize(o);
}

// Every item of the type's checklist must be answered, and nothing else (issue 4).
std::optional<refusal> check_checklist(const machine_type& type,
                                       const std::map<std::string, bool>& items) {
    for (const auto& item : type.checklist) {
        if (!items.contains(item)) {
            return refusal{reason::bad_request, {{"field", "checklist"}, {"missing", item}}};
        }
    }
    for (const auto& [k, v] : items) {
        if (std::find(type.checklist.begin(), type.checklist.end(), k) == type.checklist.end()) {
            return refusal{reason::bad_request, {{"field", "checklist"}, {"unknown", k}}};
        }
    }
    return std::nullopt;
}

} // namespace

namespace {

// Confirm, reject and cancel: a status change with an optional reason and a message to the
// farmer.
result<reservation_row> simple_change(services& s, std::string_view code, action act,
                                      std::optional<std::string> reason_text, notice message,
                                      const actor& who) {
    return staff_change(
        s, code, act, who,
        [&](change_context& c, status next, json::object& d) -> std::optional<refusal> {
            if (reason_text) {
                d["reason"] = *reason_text;
            }
            if (auto r = set_status(c, next, reason_text)) {
                return r;
            }
            notify(c, message);
            return std::nullopt;
        });
}

} // namespace

result<reservation_row> confirm_reservation(services& s, std::string_view code, const actor& who) {
    // Requested bookings already hold capacity (DOMAIN.md §5.4): nothing to re-check.
    return simple_change(s, code, action::confirm, std::nullopt, notice::confirmation, who);
}

result<reservation_row> reject_reservation(services& s, std::string_view code,
                                           std::string_view reason_text, const actor& who) {
    return simple_change(s, code, action::reject, std::string{reason_text}, notice::rejection, who);
}

result<reservation_row> cancel_by_staff(services& s, std::string_view code,
                                        std::string_view reason_text, const actor& who) {
    return simple_change(s, code, action::cancel, std::string{reason_text}, notice::cancellation,
                         who);
}

result<reservation_row> mark_no_show(services& s, std::string_view code, const actor& who) {
    // The system also clears requests nobody confirmed before their window closed: rejected,
    // not a no-show, and no strike (the farmer did nothing wrong).
    bool requested = false;
    {
        auto lease = s.db.begin(storage::access::read);
        const auto row = lease->reservations().find_reservation(code);
        requested = row && row->state == status::requested;
    }
    if (requested && who.who == role::system) {
        return staff_change(
            s, code, action::reject, who,
            [](change_context& c, status next, json::object& d) -> std::optional<refusal> {
                if (!pickup_window_closed(c.row.plan, c.now)) {
                    return refusal{reason::invalid_transition,
                                   {{"reason", "pickup_window_not_closed"}}};
                }
                d["reason"] = "not_confirmed_in_time";
                if (auto r = set_status(c, next, std::string{"not confirmed in time"})) {
                    return r;
                }
                notify(c, notice::rejection);
                return std::nullopt;
            });
    }
    return staff_change(
        s, code, action::no_show, who,
        [](change_context& c, status next, json::object& d) -> std::optional<refusal> {
            if (!pickup_window_closed(c.row.plan, c.now)) {
                return refusal{reason::invalid_transition,
                               {{"status", std::string{to_string(c.row.state)}},
                                {"action", "no_show"},
                                {"reason", "pickup_window_not_closed"}}};
            }
            if (auto r = set_status(c, next, std::nullopt)) {
                return r;
            }
            strike(c, strike_kind::no_show, d);
            return std::nullopt;
        });
}

result<reservation_row> check_out(services& s, std::string_view code, const checkout_input& in,
                                  const actor& who) {
    return staff_change(
        s, code, action::check_out, who,
        [&](change_context& c, status next, json::object& d) -> std::optional<refusal> {
            // DOMAIN.md §6: only within the pickup window, unless staff override with a reason.
            const bool in_window = within_pickup_window(c.row.plan, c.now);
            if (!in_window && (!in.override_reason || in.override_reason->empty())) {
                return refusal{
                    reason::invalid_transition,
                    {{"status", std::string{to_string(c.row.state)}},
                     {"action", "checkout"},
                     {"reason", "outside_pickup_window"},
                     {"window_from",
                      format_instant(c.branch.calendar.zone, c.row.plan.pickup.from)},
                     {"window_to", format_instant(c.branch.calendar.zone, c.row.plan.pickup.to)}}};
            }
            // Offices release machines only once paid.
            if (!in.paid) {
                return refusal{reason::bad_request, {{"field", "paid"}, {"reason", "not_paid"}}};
            }
            if (auto bad = check_checklist(c.type.type, in.checklist)) {
                return bad;
            }
            const auto unit = c.conn.units().find_unit(in.unit_tag);
            if (!unit) {
                return refusal{reason::not_found, {{"field", "unit"}, {"value", in.unit_tag}}};
            }
            if (unit->branch_id != c.row.branch_id || unit->type_id != c.row.type_id ||
                unit->state != unit_status::available) {
                return refusal{
                    reason::unit_unavailable,
                    {{"unit", unit->tag}, {"unit_status", std::string{to_string(unit->state)}}}};
            }
            if (in.hour_meter < unit->hour_meter) {
                return refusal{reason::hour_meter_decreased,
                               {{"hour_meter_out", decimal_text(unit->hour_meter)}}};
            }
            const std::optional<std::string> override_reason =
                in_window ? std::nullopt : in.override_reason;
            if (!c.conn.reservations().record_checkout(c.row.id, unit->id, c.now, in.hour_meter,
                                                       checklist_json(in.checklist), in.paid,
                                                       override_reason)) {
                return refusal{reason::conflict, {}};
            }
            c.conn.units().update_unit(unit->id, unit_status::out, in.hour_meter, std::nullopt);
            c.row.state = next;
            c.row.unit_id = unit->id;
            c.row.unit_tag = unit->tag;
            c.row.checked_out_at = c.now;
            c.row.hour_meter_out = in.hour_meter;
            c.row.checklist_out = checklist_json(in.checklist);
            c.row.paid = in.paid;
            c.row.override_reason = override_reason;
            d["unit"] = unit->tag;
            d["hour_meter"] = in.hour_meter;
            d["checklist"] = json::parse(checklist_json(in.checklist));
            if (override_reason) {
                d["override_reason"] = *override_reason;
            }
            return std::nullopt;
        });
}

result<reservation_row> check_in(services& s, std::string_view code, const checkin_input& in,
                                 const actor& who) {
    return staff_change(
        s, code, action::check_in, who,
        [&](change_context& c, status next, json::object& d) -> std::optional<refusal> {
            const double out_reading = c.row.hour_meter_out.value_or(0);
            if (in.hour_meter < out_reading) {
                return refusal{reason::hour_meter_decreased,
                               {{"hour_meter_out", std::to_string(out_reading)}}};
            }
            if (auto bad = check_checklist(c.type.type, in.checklist)) {
                return bad;
            }
            // DOMAIN.md §7: late fee from the agreed deadline and the daily fee stored with the
            // reservation, with the grace and multiplier in force now.
            const auto late =
                late_fee(c.row.plan.return_by, c.now, c.row.daily_fee, c.cat.config().late);
            if (!c.conn.reservations().record_checkin(
                    c.row.id, c.now, in.hour_meter, checklist_json(in.checklist), in.damage_notes,
                    in.farmer_at_fault, late.days_late, late.fee)) {
                return refusal{reason::conflict, {}};
            }
            if (c.row.unit_id) {
                // Disinfection (방역) before the next farmer.
                c.conn.units().update_unit(*c.row.unit_id, unit_status::cleaning, in.hour_meter,
                                           std::nullopt);
            }
            c.row.state = next;
            c.row.returned_at = c.now;
            c.row.hour_meter_in = in.hour_meter;
            c.row.checklist_in = checklist_json(in.checklist);
            c.row.damage_notes = in.damage_notes;
            c.row.farmer_at_fault = in.farmer_at_fault;
            c.row.late_days = late.days_late;
            c.row.late_fee = late.fee;
            d["hour_meter"] = in.hour_meter;
            d["late_days"] = late.days_late;
            d["late_fee"] = late.fee.value;
            if (!in.damage_notes.empty()) {
                d["damage_notes"] = in.damage_notes;
            }
            // DOMAIN.md §8: more than a day late, and damage through the farmer's fault.
            if (is_late_strike(c.row.plan.return_by, c.now)) {
                strike(c, strike_kind::late_return, d);
            }
            if (in.farmer_at_fault) {
                strike(c, strike_kind::damage, d);
            }
            return std::nullopt;
        });
}

result<reservation_row> move_reservation(services& s, std::string_view code, const move_input& in,
                                         const actor& who) {
    if (who.who != role::operator_ && who.who != role::admin) {
        return refusal{reason::forbidden, {}};
    }
    const auto cat = s.catalog.get();
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    auto row = conn.reservations().find_reservation(code);
    if (!row) {
        return refusal{reason::not_found, {{"field", "code"}}};
    }
    if (row->state != status::requested && row->state != status::confirmed) {
        return refusal{reason::invalid_transition,
                       {{"status", std::string{to_string(row->state)}}, {"action", "move"}}};
    }
    const auto* branch = in.branch ? cat->branch(*in.branch) : cat->branch_by_id(row->branch_id);
    if (branch == nullptr || !branch->active) {
        return refusal{reason::not_found, {{"field", "branch"}}};
    }
    const auto* type = cat->type_by_id(row->type_id);
    if (type == nullptr) {
        return refusal{reason::not_found, {{"field", "type"}}};
    }
    // A half day moved to one day stays that half day (DOMAIN.md §11); moved to several days it
    // becomes whole days (decisions.md, issue 14 half days).
    const std::optional<half_day> half =
        in.usage.start == in.usage.end ? row->plan.half : std::nullopt;
    const auto plan = plan_booking(branch->calendar, type->type, in.usage, half);
    if (!plan) {
        return plan.error();
    }
    const sys_seconds now = s.clock.now();
    const auto counts = conn.reservations().count_units(branch->id, type->id);
    if (counts.offered == 0) {
        return refusal{reason::type_not_offered, {}};
    }
    // The same rules as a new booking, without the reservation itself holding its new slot.
    auto farmer = conn.reservations().find_farmer(row->farmer_id);
    farmer_record record;
    record.training_completed_on = farmer ? farmer->training_completed_on : std::nullopt;
    record.suspended_until = std::nullopt; // an office's own move is not the farmer booking
    record.live = conn.reservations().live_holdings(row->farmer_id, row->id);
    std::vector<interval> live;
    for (const auto& occ : conn.reservations().live_in_branch(branch->id, plan->occupancy())) {
        if (occ.type_id == type->id && occ.id != row->id) {
            live.push_back(occ.occupancy);
        }
    }
    const booking_request req{branch->calendar,         type->type,      *plan, now,
                              cat->policy_for(*branch), counts.capacity, live,  &record};
    if (auto refused = check_booking(req)) {
        return *refused;
    }
    // A move keeps the agreed delivery and its fee (issue 15, decisions.md).
    const auto fee =
        with_delivery(plan_fee(*cat, *type, *branch, *plan,
                               farmer ? farmer->categories : std::vector<std::string>{}),
                      row->fee.delivery);
    json::object d{{"from_branch", cat->branch_by_id(row->branch_id)->code.value},
                   {"from_start", format_date(row->plan.usage.start)},
                   {"from_end", format_date(row->plan.usage.end)},
                   {"to_branch", branch->code.value},
                   {"to_start", format_date(in.usage.start)},
                   {"to_end", format_date(in.usage.end)},
                   {"fee_before", row->fee.net.value},
                   {"fee_after", fee.net.value}};
    conn.reservations().replan_reservation(row->id, branch->id, *plan, fee);
    // DOMAIN.md §13: the days (or branch) it leaves are freed for the waitlist.
    const std::int64_t left_branch = row->branch_id;
    row->branch_id = branch->id;
    row->plan = *plan;
    row->fee = fee;
    conn.reservations().append_audit({now, who.name, std::string{to_string(who.who)},
                                      std::string{to_string(who.via)}, "move", row->id,
                                      "reservation", row->code, json::serialize(d), who.address});
    conn.outbox().enqueue_message(row->id, row->phone, to_string(notice::moved),
                                  notice_text(notice::moved, *row, *branch, *type), now);
    offer_freed(s, conn, *cat, left_branch, row->type_id, now);
    tx->commit();
    return std::move(*row);
}

std::vector<reservation_row> at_risk_reservations(services& s,
                                                  std::optional<std::int64_t> branch_id) {
    const auto cat = s.catalog.get();
    std::vector<std::int64_t> branches;
    for (const auto& b : cat->branches()) {
        if (!branch_id || b.id == *branch_id) {
            branches.push_back(b.id);
        }
    }
    std::sort(branches.begin(), branches.end());
    // Every live reservation that has not ended: the light rows of the live-occupancy index
    // first; full rows only for the few found at risk.
    const sys_seconds now = s.clock.now();
    const interval ahead{now, now + std::chrono::hours{24 * 366 * 10}};
    auto lease = s.db.begin(storage::access::read);
    storage::repositories& conn = *lease;
    std::vector<reservation_row> out;
    for (const std::int64_t b : branches) {
        auto live = conn.reservations().live_in_branch(b, ahead);
        // Priority order within each type: checked out first, then first come first served.
        std::sort(live.begin(), live.end(), [](const auto& x, const auto& y) {
            const auto key = [](const storage::live_occupancy& l) {
                return std::tuple{l.type_id, l.state != status::checked_out, l.created_at, l.id};
            };
            return key(x) < key(y);
        });
        const auto counts = conn.reservations().count_units_by_type(b);
        for (std::size_t begin = 0; begin < live.size();) {
            std::size_t end = begin;
            std::vector<interval> occupancies;
            while (end < live.size() && live[end].type_id == live[begin].type_id) {
                occupancies.push_back(live[end].occupancy);
                ++end;
            }
            const int capacity = storage::counts_of_type(counts, live[begin].type_id).capacity;
            for (const std::size_t i : find_at_risk(occupancies, capacity)) {
                if (auto row = conn.reservations().find_reservation_by_id(live[begin + i].id)) {
                    out.push_back(std::move(*row));
                }
            }
            begin = end;
        }
    }
    lease->commit();
    return out;
}

day_schedule schedule_for(services& s, std::int64_t branch_id, local_days day) {
    const auto cat = s.catalog.get();
    const auto* branch = cat->branch_by_id(branch_id);
    const auto* zone = branch != nullptr ? branch->calendar.zone : date::locate_zone("Asia/Seoul");
    const sys_seconds from = to_instant(zone, day, time_of_day{0});
    const sys_seconds to = to_instant(zone, day + date::days{1}, time_of_day{0});
    day_schedule out;
    {
        auto lease = s.db.begin(storage::access::read);
        out.pickups = lease->reservations().pickups_between(branch_id, from, to);
        out.returns = lease->reservations().returns_between(branch_id, from, to);
        out.overdue = lease->reservations().overdue_at(branch_id, s.clock.now());
        // DOMAIN.md §15: the office brings the machine within the pickup window (an eve pickup's
        // is on the eve day) and fetches a round trip at the return deadline.
        for (auto& r : lease->reservations().deliveries_between(branch_id, from, to)) {
            const bool collect = r.delivery && r.delivery->mode == delivery_mode::round_trip &&
                                 r.plan.return_by >= from && r.plan.return_by < to;
            const bool bring = r.plan.pickup.from >= from && r.plan.pickup.from < to &&
                               r.state != status::checked_out;
            if (bring) {
                out.deliveries.push_back(r);
            }
            if (collect) {
                out.collections.push_back(std::move(r));
            }
        }
        lease->commit();
    }
    out.at_risk = at_risk_reservations(s, branch_id);
    return out;
}

std::optional<storage::reservation_row> find_reservation(services& s, std::string_view code) {
    auto lease = s.db.begin(storage::access::read);
    return lease->reservations().find_reservation(code);
}

std::vector<storage::history_entry> reservation_history(services& s, std::int64_t reservation_id) {
    auto lease = s.db.begin(storage::access::read);
    return lease->reservations().reservation_history(reservation_id);
}

std::optional<reservation_record> find_with_history(services& s, std::string_view code) {
    auto lease = s.db.begin(storage::access::read);
    auto found = lease->reservations().find_reservation_with_history(code);
    lease->commit();
    if (!found) {
        return std::nullopt;
    }
    return reservation_record{std::move(found->first), std::move(found->second)};
}

result<reservation_record> find_for_farmer_with_history(services& s, std::string_view code,
                                                        std::string_view phone) {
    auto lease = s.db.begin(storage::access::read);
    auto found = lease->reservations().find_reservation_with_history(code);
    lease->commit();
    // The same answer as farmers_reservation: a wrong phone is an unknown code.
    auto row = is_farmers(found ? std::optional{std::move(found->first)} : std::nullopt, phone);
    if (!row) {
        return row.error();
    }
    return reservation_record{std::move(*row), std::move(found->second)};
}

std::vector<storage::reservation_row> search_reservations(services& s,
                                                          const storage::reservation_filter& f) {
    auto lease = s.db.begin(storage::access::read);
    return lease->reservations().search_reservations(f);
}

} // namespace agrirent::app
