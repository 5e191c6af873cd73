#include "server/app/waitlist.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "common/booking_rules.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/notices.hpp"
#include "server/app/phone_verification.hpp"
#include "server/i18n/messages.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {
namespace {

namespace json = boost::json;
using storage::waitlist_row;
using storage::waitlist_status;

refusal entry_not_found() {
    return {reason::not_found, {{"field", "code"}}};
}

void audit(storage::repositories& c, const actor& who, sys_seconds now, std::string action,
           const waitlist_row& e, json::object details = {}) {
    details["branch_id"] = e.branch_id;
    details["type_id"] = e.type_id;
    details["start"] = format_date(e.usage.start);
    details["end"] = format_date(e.usage.end);
    details["status"] = to_string(e.state);
    c.reservations().append_audit({now, who.name, std::string{to_string(who.who)},
                                   std::string{to_string(who.via)}, std::move(action),
                                   e.reservation_id, "waitlist", e.code, json::serialize(details),
                                   who.address});
}

std::optional<int> position_of(storage::repositories& c, const waitlist_row& e) {
    if (e.state != waitlist_status::waiting) {
        return std::nullopt;
    }
    return c.waitlist().waiting_ahead(e.branch_id, e.type_id, e.id, e.usage, e.half) + 1;
}

/// The instant the §5.3 booking window of `plan` closes: the eve window's opening for an eve
/// pickup, the slot's start for a half day (§11), else the branch's same-day cutoff of start.
sys_seconds window_closes(const branch_calendar& cal, const rental_plan& plan) {
    if (plan.eve || plan.half) {
        return plan.pickup.from;
    }
    return to_instant(cal.zone, plan.usage.start, cal.hours.booking_cutoff);
}

/// Staff may act on an entry: operators and admins on every branch, a clerk on their own.
std::optional<refusal> staff_may(const actor& who, std::int64_t branch_id) {
    if (who.who == role::clerk && who.branch_id != branch_id) {
        return refusal{reason::forbidden, {{"reason", "other_branch"}}};
    }
    return std::nullopt;
}

/// The entry with `code` as `who` may act on it: a farmer's only with its phone.
result<waitlist_row> entry_for(storage::repositories& c, std::string_view code,
                               std::string_view phone, const actor& who) {
    auto e = c.waitlist().find_entry(code);
    if (!e) {
        return entry_not_found();
    }
    if (who.who == role::farmer) {
        if (e->phone != phone) {
            return entry_not_found(); // the same answer as a wrong code (like a reservation)
        }
    } else if (auto refused = staff_may(who, e->branch_id)) {
        return *refused;
    }
    return std::move(*e);
}

std::int64_t insert_with_new_code(services& s, storage::repositories& c, waitlist_row& e) {
    for (int attempt = 1;; ++attempt) {
        e.code = make_booking_code(s.random);
        try {
            return c.waitlist().insert_entry(e);
        } catch (const storage::duplicate_key&) {
            if (attempt == 8) {
                throw;
            }
        }
    }
}

/// offered → `to` (declined, cancelled) or waiting → cancelled, then the capacity to the next.
result<waitlist_view> end_entry(services& s, std::string_view code, std::string_view phone,
                                const actor& who, const farmer_proof& proof, waitlist_status to) {
    const auto cat = s.catalog.get();
    auto tx = s.db.begin(storage::access::write);
    auto e = entry_for(*tx, code, phone, who);
    if (!e) {
        return e.error();
    }
    if (auto refused = check_farmer_action(s, *tx, who, e->phone, proof)) {
        return *refused;
    }
    const waitlist_status from = e->state;
    const bool allowed = to == waitlist_status::declined ? from == waitlist_status::offered
                                                         : (from == waitlist_status::offered ||
                                                            from == waitlist_status::waiting);
    if (!allowed) {
        if (to == waitlist_status::declined) {
            return refusal{reason::offer_expired,
                           {{"field", "code"}, {"status", std::string{to_string(from)}}}};
        }
        return refusal{reason::invalid_transition,
                       {{"status", std::string{to_string(from)}}, {"action", "cancel"}}};
    }
    const sys_seconds now = s.clock.now();
    if (!tx->waitlist().set_entry_status(e->id, from, to)) {
        return refusal{reason::conflict, {}};
    }
    e->state = to;
    audit(*tx, who, now, to == waitlist_status::declined ? "waitlist.decline" : "waitlist.cancel",
          *e, {{"from", to_string(from)}});
    if (from == waitlist_status::offered) {
        offer_freed(s, *tx, *cat, e->branch_id, e->type_id, now);
    }
    tx->commit();
    return waitlist_view{std::move(*e), std::nullopt};
}

} // namespace

std::optional<refusal> check_farmer_action(services& s, storage::repositories& repos,
                                           const actor& who, std::string_view phone,
                                           const farmer_proof& proof) {
    if (who.who != role::farmer) {
        return std::nullopt; // staff act for a caller: no proof of the phone (DOMAIN.md §14)
    }
    return require_verified_phone(repos, s.catalog.get()->config(), phone, proof.verification,
                                  s.clock.now());
}

result<waitlist_view> join_waitlist(services& s, const waitlist_input& in, const actor& who,
                                    const farmer_proof& proof) {
    // The order of book(): the catalogue and the plan (they reveal nothing about the farmer)
    // before the write unit of work, whose first check is the verified phone (DOMAIN.md §14),
    // before anything is read about this phone (decisions.md "Issue 14 — waitlist").
    const auto cat = s.catalog.get();
    const auto* branch = cat->branch(in.branch);
    if (branch == nullptr || !branch->active) {
        return refusal{reason::not_found, {{"field", "branch"}, {"value", in.branch}}};
    }
    const auto* type = cat->type(in.type);
    if (type == nullptr || !type->active) {
        return refusal{reason::not_found, {{"field", "type"}, {"value", in.type}}};
    }
    if (auto refused = staff_may(who, branch->id); refused && who.who != role::farmer) {
        return *refused;
    }
    const auto plan = plan_booking(branch->calendar, type->type, in.usage, in.half);
    if (!plan) {
        return plan.error();
    }
    const sys_seconds now = s.clock.now();
    const booking_policy policy = cat->policy_for(*branch);
    const settings& config = cat->config();

    auto tx = s.db.begin(storage::access::write);
    storage::repositories& c = *tx;
    if (auto refused = check_farmer_action(s, c, who, in.phone, proof)) {
        return *refused;
    }
    // Every rule of a booking (DOMAIN.md §5), with this farmer's record: only no_capacity lets
    // the farmer wait.
    const auto [counts, live] =
        c.reservations().units_and_occupancies(branch->id, type->id, plan->occupancy());
    if (counts.offered == 0) {
        return refusal{reason::type_not_offered, {}};
    }
    farmer_record record;
    if (const auto farmer = c.reservations().find_farmer_by_phone(in.phone)) {
        record.training_completed_on = farmer->training_completed_on;
        record.suspended_until = farmer->suspended_until;
        record.live = c.reservations().live_holdings(farmer->id);
    }
    const booking_request req{branch->calendar, type->type,      *plan, now,
                              policy,           counts.capacity, live,  &record};
    const auto refused = check_booking(req);
    if (!refused) {
        // It fits: there is nothing to wait for (decisions.md "Issue 14 — waitlist").
        return refusal{reason::conflict, {{"reason", "bookable"}}};
    }
    if (refused->code != reason::no_capacity) {
        return *refused;
    }
    if (c.waitlist().count_live_of_phone(in.phone) >= config.waitlist_per_farmer) {
        return refusal{reason::waitlist_limit,
                       {{"max_entries", std::to_string(config.waitlist_per_farmer)}}};
    }
    if (c.waitlist().live_entry_overlaps(in.phone, branch->id, type->id, in.usage, in.half)) {
        return refusal{reason::conflict, {{"reason", "waitlist_duplicate"}}};
    }
    waitlist_row e;
    e.branch_id = branch->id;
    e.type_id = type->id;
    e.usage = in.usage;
    e.half = in.half;
    e.name = in.name;
    e.phone = in.phone;
    e.state = waitlist_status::waiting;
    e.via = std::string{to_string(who.via == channel::system ? channel::web : who.via)};
    e.created_by = who.name;
    e.created_at = now;
    e.id = insert_with_new_code(s, c, e);
    audit(c, who, now, "waitlist.join", e);
    const auto position = position_of(c, e);
    tx->commit();
    return waitlist_view{std::move(e), position};
}

result<waitlist_view> find_waitlist_entry(services& s, std::string_view code,
                                          std::string_view phone, const actor& who) {
    auto lease = s.db.begin(storage::access::read);
    auto e = entry_for(*lease, code, phone, who);
    if (!e) {
        return e.error();
    }
    const auto position = position_of(*lease, *e);
    return waitlist_view{std::move(*e), position};
}

result<storage::reservation_row> accept_offer(services& s, std::string_view code,
                                              std::string_view phone, const actor& who,
                                              const farmer_proof& proof) {
    const auto cat = s.catalog.get();
    std::optional<waitlist_row> e;
    {
        auto lease = s.db.begin(storage::access::read);
        auto found = entry_for(*lease, code, phone, who);
        if (!found) {
            return found.error();
        }
        e = std::move(*found);
    }
    // The verified phone (DOMAIN.md §14) is checked once, by book() for a farmer, which also
    // records it on the reservation (strikes). The entry's status is no secret to whoever holds
    // its code and phone (GET /api/v1/waitlist/{code}?phone= shows it without a verification).
    if (e->state != waitlist_status::offered) {
        return refusal{reason::offer_expired,
                       {{"field", "code"}, {"status", std::string{to_string(e->state)}}}};
    }
    const auto* branch = cat->branch_by_id(e->branch_id);
    const auto* type = cat->type_by_id(e->type_id);
    if (branch == nullptr || type == nullptr) {
        return entry_not_found();
    }
    booking_input in;
    in.branch = branch->code.value;
    in.type = type->type.code.value;
    in.usage = e->usage;
    in.half = e->half; // a half-day entry books its slot (DOMAIN.md §11, the half-day fee)
    in.name = e->name;
    in.phone = e->phone;
    in.waitlist_code = e->code;
    in.verification = proof.verification; // book() records the verified phone (strikes, §14)
    // book() rechecks every rule of §5 and that the offer still holds, under the write lock.
    return book(s, in, who);
}

result<waitlist_view> decline_offer(services& s, std::string_view code, std::string_view phone,
                                    const actor& who, const farmer_proof& proof) {
    return end_entry(s, code, phone, who, proof, waitlist_status::declined);
}

result<waitlist_view> cancel_waitlist_entry(services& s, std::string_view code,
                                            std::string_view phone, const actor& who,
                                            const farmer_proof& proof) {
    return end_entry(s, code, phone, who, proof, waitlist_status::cancelled);
}

result<std::vector<waitlist_view>> list_waitlist(services& s, storage::waitlist_filter f,
                                                 const actor& who) {
    if (who.who == role::clerk) {
        if (f.branch_id && f.branch_id != who.branch_id) {
            return refusal{reason::forbidden, {{"reason", "other_branch"}}};
        }
        f.branch_id = who.branch_id;
    }
    auto lease = s.db.begin(storage::access::read);
    std::vector<waitlist_view> out;
    for (auto& e : lease->waitlist().list_entries(f)) {
        auto position = position_of(*lease, e);
        out.push_back({std::move(e), position});
    }
    return out;
}

int offer_freed(services& s, storage::repositories& c, const catalog& cat, std::int64_t branch_id,
                std::int64_t type_id, sys_seconds now) {
    (void)s; // the services, for what an offer may need later (the clock is `now`)
    const auto queue = c.waitlist().waiting_queue(branch_id, type_id);
    if (queue.empty()) {
        return 0;
    }
    const auto* branch = cat.branch_by_id(branch_id);
    const auto* type = cat.type_by_id(type_id);
    if (branch == nullptr || type == nullptr) {
        return 0;
    }
    const auto counts = c.reservations().count_units(branch_id, type_id);
    const booking_policy policy = cat.policy_for(*branch);
    const std::chrono::minutes hold{cat.config().offer_hold_minutes};
    const actor system = actor::system();
    // Each entry's plan (a half-day entry's is its slot: the window closes when the slot starts,
    // and the occupancy held is the slot only, DOMAIN.md §11); nullopt when its period can no
    // longer be booked.
    std::vector<std::optional<rental_plan>> plans;
    plans.reserve(queue.size());
    std::optional<interval> span;
    for (const auto& e : queue) {
        auto plan = plan_booking(branch->calendar, type->type, e.usage, e.half);
        if (!plan || check_booking_window(branch->calendar, *plan, now, policy)) {
            plans.emplace_back();
            continue;
        }
        const interval occ = plan->occupancy();
        span = span ? interval{std::min(span->from, occ.from), std::max(span->to, occ.to)} : occ;
        plans.emplace_back(std::move(*plan));
    }
    // The live occupancies (bookings and held offers) over every entry's period, read once; each
    // offer made below is added to them, so a later entry sees the capacity it holds. (One read
    // instead of one per entry: a long queue cost a round trip per entry under the write lock.)
    std::vector<interval> live;
    if (span) {
        live = c.reservations().live_occupancies(branch_id, type_id, *span);
    }
    int offers = 0;
    for (std::size_t i = 0; i < queue.size(); ++i) {
        auto e = queue[i];
        const auto& plan = plans[i];
        if (!plan) {
            // Its period can no longer be booked (DOMAIN.md §13: entries whose period has
            // started without an offer lapse).
            if (c.waitlist().set_entry_status(e.id, waitlist_status::waiting,
                                              waitlist_status::lapsed)) {
                e.state = waitlist_status::lapsed;
                audit(c, system, now, "waitlist.lapse", e, {{"reason", "period_started"}});
            }
            continue;
        }
        const interval occupancy = plan->occupancy();
        if (check_capacity(occupancy, counts.capacity, live)) {
            continue; // its whole period does not fit (yet)
        }
        const sys_seconds expires = std::min(now + hold, window_closes(branch->calendar, *plan));
        if (!c.waitlist().make_offer(e.id, expires, occupancy)) {
            continue;
        }
        live.push_back(occupancy);
        e.state = waitlist_status::offered;
        e.offer_expires_at = expires;
        e.hold = occupancy;
        std::string days = e.usage.start == e.usage.end
                               ? korean_date(e.usage.start)
                               : korean_date(e.usage.start) + "~" + korean_date(e.usage.end);
        if (e.half) {
            // "5월 12일 오전" (DOMAIN.md §11)
            days += ' ';
            days += i18n::text(*e.half == half_day::am ? "half.am" : "half.pm", "ko");
        }
        const std::string text =
            i18n::format("wl.offer_message", "ko",
                         {{"type", type->type.name_ko},
                          {"branch", branch->name_ko},
                          {"days", days},
                          {"until", korean_instant(branch->calendar.zone, expires)},
                          {"code", e.code}});
        c.outbox().enqueue_message(std::nullopt, e.phone, "waitlist_offer", text, now);
        audit(c, system, now, "waitlist.offer", e,
              {{"offer_expires_at", format_instant(branch->calendar.zone, expires)}});
        ++offers;
    }
    return offers;
}

waitlist_sweep_report sweep_waitlist(services& s) {
    waitlist_sweep_report out;
    const auto cat = s.catalog.get();
    const sys_seconds now = s.clock.now();
    const actor system = actor::system();
    {
        // Nothing waiting and no offer lapsed (the usual case): no write, no writer lock.
        auto lease = s.db.begin(storage::access::read);
        if (lease->waitlist().lapsed_offers(now, 1).empty() &&
            lease->waitlist().waiting_branch_types().empty()) {
            return out;
        }
    }
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& c = *tx;
    std::set<std::pair<std::int64_t, std::int64_t>> freed;
    for (auto e : c.waitlist().lapsed_offers(now, 500)) {
        if (c.waitlist().set_entry_status(e.id, waitlist_status::offered,
                                          waitlist_status::lapsed)) {
            e.state = waitlist_status::lapsed;
            audit(c, system, now, "waitlist.lapse", e, {{"reason", "offer_expired"}});
            ++out.lapsed_offers;
            freed.insert({e.branch_id, e.type_id});
        }
    }
    // Every queue with waiting entries: lapses those whose window closed, offers what fits.
    for (const auto& bt : c.waitlist().waiting_branch_types()) {
        freed.insert(bt);
    }
    for (const auto& [b, t] : freed) {
        out.offers += offer_freed(s, c, *cat, b, t, now);
    }
    tx->commit();
    return out;
}

} // namespace agrirent::app
