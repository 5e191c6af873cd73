#include "server/app/booking_service.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/json.hpp>

#include "common/booking_rules.hpp"
#include "common/delivery.hpp"
#include "common/lifecycle.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/metrics.hpp"
#include "server/app/notices.hpp"
#include "server/app/phone_verification.hpp"
#include "server/app/waitlist.hpp"
#include "server/storage/database.hpp"
#include "server/storage/outbox_repository.hpp"
#include "server/storage/people_repository.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::app {
namespace {

refusal not_found(std::string_view what, std::string_view value) {
    return {reason::not_found, {{"field", std::string{what}}, {"value", std::string{value}}}};
}

struct resolved {
    const branch_info* branch = nullptr;
    const type_info* type = nullptr;
};

result<resolved> resolve(const catalog& cat, std::string_view branch, std::string_view type) {
    const auto* b = cat.branch(branch);
    if (b == nullptr || !b->active) {
        return not_found("branch", branch);
    }
    const auto* t = cat.type(type);
    if (t == nullptr || !t->active) {
        return not_found("type", type);
    }
    return resolved{b, t};
}

farmer_record record_of(storage::repositories& conn, const storage::farmer_row& f) {
    farmer_record rec;
    rec.training_completed_on = f.training_completed_on;
    rec.suspended_until = f.suspended_until;
    rec.live = conn.reservations().live_holdings(f.id);
    return rec;
}

/// Inserts `row` under a fresh booking code (set in `row`), returning its id. 23^8 ≈ 7.8e10
/// codes: a collision is rare, but never assumed away: a taken code fails the insert
/// (storage::duplicate_key, the statement alone, not the transaction), and another is drawn.
/// No look-up first: that would be one more round trip under the writer lock for every booking.
std::int64_t insert_with_new_code(services& s, storage::repositories& conn,
                                  storage::reservation_row& row) {
    for (int attempt = 1;; ++attempt) {
        row.code = make_booking_code(s.random);
        try {
            return conn.reservations().insert_reservation(row);
        } catch (const storage::duplicate_key&) {
            // Taken: draw again. Eight taken codes in a row is not chance but another unique
            // key: let it fail instead of looping.
            if (attempt == 8) {
                throw;
            }
        }
    }
}

/// DOMAIN.md §16: a group booking is for group_min_days … group_max_days usage days, which
/// replace the type's max_days (decisions.md "Issue 15 — groups"), of a type that allows group
/// rentals. Sets `planned.max_days` to the group's maximum; the same for the quote and the
/// booking.
std::optional<refusal> group_length(const type_info& type, const settings& config, period usage,
                                    machine_type& planned) {
    if (!type.type.group_rental) {
        return refusal{
            reason::type_not_offered,
            {{"reason", "no_group_rental"}, {"field", "group"}, {"type", type.type.code.value}}};
    }
    const auto days = usage.length_days();
    if (usage.start <= usage.end &&
        (days < config.group_min_days || days > config.group_max_days)) {
        return refusal{reason::group_days_out_of_range,
                       {{"min_days", std::to_string(config.group_min_days)},
                        {"max_days", std::to_string(config.group_max_days)},
                        {"days", std::to_string(days)}}};
    }
    planned.max_days = config.group_max_days;
    return std::nullopt;
}

refusal not_representative(std::int64_t group) {
    return {reason::not_group_representative,
            {{"field", "phone"}, {"group", std::to_string(group)}}};
}

refusal group_full(std::int64_t group, int limit) {
    return {reason::too_many_reservations,
            {{"reason", "group"},
             {"group", std::to_string(group)},
             {"max_live", std::to_string(limit)}}};
}

} // namespace

fee_quote plan_fee(const catalog& cat, const type_info& type, const branch_info& branch,
                   const rental_plan& plan, std::span<const std::string> categories) {
    auto fee = quote_fee(type.type, branch.code, plan.usage, cat.adjustments(), categories);
    if (plan.half) {
        fee = half_day_fee(std::move(fee), cat.config().half_day_fee_pct);
    }
    return fee;
}

result<quote_outcome> quote(services& s, std::string_view branch, std::string_view type,
                            period usage, const std::optional<delivery_request>& delivery,
                            const std::optional<quote_group>& group, std::optional<half_day> half) {
    quote_outcome q;
    q.cat = s.catalog.get();
    const auto r = resolve(*q.cat, branch, type);
    if (!r) {
        return r.error();
    }
    q.branch = r->branch;
    q.type = r->type;
    q.usage = usage;
    machine_type planned_type = q.type->type;
    if (group) {
        q.group = group->id;
        if (auto refused = group_length(*q.type, q.cat->config(), usage, planned_type)) {
            q.refused = std::move(refused);
            return q;
        }
    }
    q.half = half;
    auto plan = plan_booking(q.branch->calendar, planned_type, usage, half);
    if (!plan) {
        q.refused = plan.error();
        return q;
    }
    q.plan = *plan;
    q.fee = plan_fee(*q.cat, *q.type, *q.branch, *plan, {});
    q.delivery = delivery;
    std::optional<refusal> delivery_refused;
    if (delivery) {
        const branch_delivery* offer = q.branch->delivery ? &*q.branch->delivery : nullptr;
        delivery_refused = check_delivery(q.branch->calendar, offer, q.type->type, *delivery, *plan,
                                          local_date_of(q.branch->calendar.zone, s.clock.now()));
        if (offer != nullptr) {
            q.delivery_slot = delivery_slot(q.branch->calendar, *offer, *plan);
            if (!delivery_refused) {
                q.fee = with_delivery(*q.fee, delivery_fee(*offer, delivery->mode));
            }
        }
    }

    auto lease = s.db.begin(storage::access::read);
    // The group named (DOMAIN.md §16), read like the booking reads it: not cached.
    std::optional<refusal> group_refused;
    if (group && group->id) {
        const auto g = lease->people().find_group(*group->id);
        if (!g) {
            return not_found("group", std::to_string(*group->id));
        }
        const int limit = q.cat->config().group_live_limit;
        if (group->phone && *group->phone != g->representative_phone) {
            group_refused = not_representative(g->id);
        } else if (lease->people().count_live_of_group(g->id, q.type->id) >= limit) {
            group_refused = group_full(g->id, limit);
        }
    }
    const auto [counts, live] =
        lease->reservations().units_and_occupancies(q.branch->id, q.type->id, plan->occupancy());
    lease->commit();
    q.capacity = counts.capacity;
    q.available = std::max(0, counts.capacity - peak_overlap(plan->occupancy(), live));
    if (counts.offered == 0) {
        q.refused = refusal{reason::type_not_offered, {}};
        return q;
    }
    const booking_request req{q.branch->calendar,           q.type->type,    *plan, s.clock.now(),
                              q.cat->policy_for(*q.branch), counts.capacity, live,  nullptr};
    // The order of book(): the booking window, then the delivery, then capacity.
    q.refused = check_booking_window(q.branch->calendar, *plan, s.clock.now(), req.policy);
    if (!q.refused) {
        q.refused = delivery_refused;
    }
    // The group's checks where book() makes them: the representative before capacity, the
    // group's live limit after it.
    const bool not_rep = group_refused && group_refused->code == reason::not_group_representative;
    if (!q.refused && not_rep) {
        q.refused = group_refused;
    }
    if (!q.refused) {
        q.refused = check_booking(req);
    }
    if (!q.refused) {
        q.refused = group_refused;
    }
    return q;
}

result<storage::reservation_row> book(services& s, const booking_input& in, const actor& who,
                                      std::vector<storage::history_entry>* history) {
    const auto cat = s.catalog.get();
    const auto outcome = [&](result<storage::reservation_row> r) {
        s.metrics.count_booking(r ? "created" : to_string(r.error().code));
        return r;
    };
    const auto r = resolve(*cat, in.branch, in.type);
    if (!r) {
        return outcome(r.error());
    }
    const branch_info& branch = *r->branch;
    const type_info& type = *r->type;
    const settings& config = cat->config();
    // DOMAIN.md §16: a group booking is for group_min_days … group_max_days usage days, which
    // replace the type's max_days (decisions.md "Issue 15 — groups").
    machine_type planned_type = type.type;
    if (in.group) {
        if (auto refused = group_length(type, config, in.usage, planned_type)) {
            return outcome(*refused);
        }
    }
    const auto plan = plan_booking(branch.calendar, planned_type, in.usage, in.half);
    if (!plan) {
        return outcome(plan.error());
    }
    const sys_seconds now = s.clock.now();
    const booking_policy policy = cat->policy_for(branch);
    // The window depends only on the clock: refuse before taking the write lock.
    if (auto refused = check_booking_window(branch.calendar, *plan, now, policy)) {
        return outcome(*refused);
    }
    // Delivery (DOMAIN.md §15) depends on the catalogue and the clock only: also before the lock.
    won delivery{0};
    if (in.delivery) {
        const branch_delivery* offer = branch.delivery ? &*branch.delivery : nullptr;
        if (auto refused = check_delivery(branch.calendar, offer, type.type, *in.delivery, *plan,
                                          local_date_of(branch.calendar.zone, now))) {
            return outcome(*refused);
        }
        delivery = delivery_fee(*offer, in.delivery->mode);
    }

    // Checks 4–7 read the database. They run twice: first on a read snapshot without the write
    // lock, so the many refusals (no capacity, chaining, training) never queue behind other
    // bookings' commits; then again inside BEGIN IMMEDIATE with the insert, which is the decision
    // that counts (DOMAIN.md §5: two requests racing for the last unit, exactly one wins).
    struct facts {
        std::optional<storage::farmer_row> farmer;
        std::optional<storage::group_row> group;
        std::optional<storage::waitlist_row> entry; // the accepted offer (DOMAIN.md §13)
        bool phone_verified = true; // DOMAIN.md §14: staff, or a farmer with a verification
    };
    const auto decide = [&](storage::repositories& conn) -> result<facts> {
        facts f;
        const std::string& phone = in.phone;
        // DOMAIN.md §14: a farmer's own booking (also a representative's group booking) needs a
        // verified phone; staff book for callers without one.
        if (who.who == role::farmer) {
            // require_verified_phone, and what the reservation records for strikes: with the
            // setting off a farmer's booking counts as verified only with a verification.
            const auto unverified = check_verification(conn, phone, in.verification, now);
            if (unverified && config.verify_farmer_phone) {
                return *unverified;
            }
            f.phone_verified = !unverified;
        }
        if (in.group) {
            // Groups are read here, inside the transaction, not from the catalogue cache: a
            // representative changed by staff a moment ago is the one that counts.
            f.group = conn.people().find_group(*in.group);
            if (!f.group) {
                return not_found("group", std::to_string(*in.group));
            }
            if (phone != f.group->representative_phone) {
                return not_representative(f.group->id);
            }
        }
        auto [counts, live] =
            conn.reservations().units_and_occupancies(branch.id, type.id, plan->occupancy());
        if (counts.offered == 0) {
            return refusal{reason::type_not_offered, {}};
        }
        if (in.waitlist_code) {
            // DOMAIN.md §13: the offer's hold is among the live occupancies; it is the capacity
            // this booking uses, so it is left out of the check (once).
            f.entry = conn.waitlist().find_entry(*in.waitlist_code);
            if (!f.entry || f.entry->state != storage::waitlist_status::offered ||
                !f.entry->offer_expires_at || now >= *f.entry->offer_expires_at || !f.entry->hold) {
                return refusal{reason::offer_expired, {{"field", "code"}}};
            }
            if (const auto held = std::find(live.begin(), live.end(), *f.entry->hold);
                held != live.end()) {
                live.erase(held);
            }
        }
        f.farmer = conn.reservations().find_farmer_by_phone(phone);
        farmer_record record = f.farmer ? record_of(conn, *f.farmer) : farmer_record{};
        if (f.group) {
            // DOMAIN.md §16: the group's own live limit instead of the representative's (who
            // stays bound by suspension and training); live_holdings leaves group bookings out.
            record.live.clear();
        }
        const booking_request req{branch.calendar, type.type,       *plan, now,
                                  policy,          counts.capacity, live,  &record};
        if (auto refused = check_booking(req)) {
            return *refused;
        }
        if (f.group &&
            conn.people().count_live_of_group(f.group->id, type.id) >= config.group_live_limit) {
            return group_full(f.group->id, config.group_live_limit);
        }
        return f;
    };

    // DOMAIN.md §6: web bookings of types needing approval wait for an operator; staff who book
    // for a caller are the approval.
    // DOMAIN.md §16: a group booking always waits for an operator, also when staff make it.
    const status state = in.group || (type.type.needs_approval && who.who == role::farmer)
                             ? status::requested
                             : status::confirmed;
    const notice kind = state == status::requested ? notice::request : notice::confirmation;
    // The message is written outside the unit of work; only the code, drawn inside, is added.
    // With the delivery and the group's name, which the snapshot's decision read (a rename in
    // between would only change the message's wording, not the booking).
    std::string message;
    {
        // A first decision on a snapshot, so that refusals never wait for the writers.
        const auto snapshot = s.db.begin(storage::access::read);
        const auto first = decide(*snapshot);
        if (!first) {
            return outcome(first.error());
        }
        message = notice_text_before_code(
            kind, *plan, branch, type,
            {in.delivery, first->group ? std::optional{first->group->name} : std::nullopt});
    }
    // The decision that counts: the checks again and the insert, in one transaction shared with
    // the bookings that arrive at the same moment (group commit: one fsync for all of them), each
    // in its own savepoint, so a refusal rolls back only itself. Acknowledged after the commit.
    // Set by the job below, which always runs before write_in_group returns (or it throws).
    std::optional<storage::reservation_row> booked;
    std::optional<refusal> refused;
    s.db.write_grouped([&](storage::repositories& c) {
        const auto decided = decide(c);
        if (!decided) {
            refused = decided.error();
            return false; // this savepoint rolls back: nothing changed
        }
        auto farmer = decided->farmer;
        const auto& group = decided->group;
        const std::string& phone = in.phone;
        const std::string& name = in.name;

        if (!farmer) {
            storage::farmer_row f;
            f.phone = phone;
            f.name = name;
            f.farm_id = in.farm_id;
            f.district = in.district;
            f.created_at = now;
            f.id = c.reservations().insert_farmer(f);
            farmer = std::move(f);
        }

        storage::reservation_row row;
        row.branch_id = branch.id;
        row.type_id = type.id;
        row.farmer_id = farmer->id;
        row.farmer_name = name;
        row.phone = phone;
        row.plan = *plan;
        row.state = state;
        row.via = who.via;
        row.daily_fee = type.type.daily_fee;
        row.fee = with_delivery(plan_fee(*cat, type, branch, *plan, farmer->categories), delivery);
        row.delivery = in.delivery;
        if (group) {
            row.group_id = group->id;
            row.group_name = group->name;
        }
        row.created_at = now;
        row.created_by = who.name;
        // DOMAIN.md §14: strikes only for a verified phone or a staff booking; with the setting
        // off a farmer's booking without a verification proved nothing (decisions.md, issue 14).
        row.phone_verified = decided->phone_verified;
        row.id = insert_with_new_code(s, c, row);

        storage::audit_entry created{
            now,
            who.name,
            std::string{to_string(who.who)},
            std::string{to_string(who.via)},
            "create",
            row.id,
            "reservation",
            row.code,
            boost::json::serialize(boost::json::object{{"status", to_string(row.state)}}),
            who.address};
        if (history != nullptr) {
            // The reservation's whole history at this commit: the entry written here.
            *history = {{created.at, created.actor, created.role, created.via, created.action,
                         created.details}};
        }
        c.reservations().append_audit(created);
        if (decided->entry) {
            if (!c.waitlist().set_entry_status(decided->entry->id,
                                               storage::waitlist_status::offered,
                                               storage::waitlist_status::booked, row.id)) {
                throw std::logic_error("waitlist entry changed under the write lock");
            }
            c.reservations().append_audit(
                {now, who.name, std::string{to_string(who.who)}, std::string{to_string(who.via)},
                 "waitlist.accept", row.id, "waitlist", decided->entry->code,
                 boost::json::serialize(boost::json::object{{"reservation", row.code}}),
                 who.address});
        }
        c.outbox().enqueue_message(row.id, row.phone, to_string(kind),
                                   with_booking_code(message, row.code, branch), now);
        booked = std::move(row);
        return true;
    });
    if (booked) {
        return outcome(std::move(*booked));
    }
    return outcome(refused.value());
}

std::vector<storage::group_row> groups_represented_by(services& s, std::string_view phone) {
    auto groups = s.db.begin(storage::access::read)->people().list_groups();
    std::erase_if(groups,
                  [&](const storage::group_row& g) { return g.representative_phone != phone; });
    return groups;
}

result<storage::reservation_row> is_farmers(std::optional<storage::reservation_row> row,
                                            std::string_view phone) {
    if (!row || row->phone != phone) {
        return refusal{reason::not_found, {{"field", "code"}}};
    }
    return std::move(*row);
}

result<storage::reservation_row>
farmers_reservation(storage::repositories& repos, std::string_view code, std::string_view phone) {
    return is_farmers(repos.reservations().find_reservation(code), phone);
}

result<storage::reservation_row> find_for_farmer(services& s, std::string_view code,
                                                 std::string_view phone) {
    return farmers_reservation(*s.db.begin(storage::access::read), code, phone);
}

result<storage::reservation_row> cancel_by_farmer(services& s, std::string_view code,
                                                  std::string_view phone, const actor& who,
                                                  const std::optional<std::string>& verification) {
    const auto cat = s.catalog.get();
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    if (auto refused =
            require_verified_phone(conn, cat->config(), phone, verification, s.clock.now())) {
        return *refused;
    }
    auto row = farmers_reservation(conn, code, phone);
    if (!row) {
        return row.error();
    }
    const auto next = apply_action(row->state, action::cancel, role::farmer);
    if (!next) {
        return next.error();
    }
    const sys_seconds now = s.clock.now();
    if (!farmer_may_cancel(row->plan, now)) {
        return refusal{reason::invalid_transition,
                       {{"status", std::string{to_string(row->state)}},
                        {"action", "cancel"},
                        {"reason", "pickup_window_open"}}};
    }
    if (!conn.reservations().update_status(row->id, row->state, *next, std::string{"farmer"})) {
        return refusal{reason::conflict, {}};
    }
    row->state = *next;
    row->status_reason = "farmer";
    conn.reservations().append_audit({now, who.name, std::string{to_string(who.who)},
                                      std::string{to_string(who.via)}, "cancel", row->id,
                                      "reservation", row->code, "{}", who.address});
    const auto* branch = cat->branch_by_id(row->branch_id);
    const auto* type = cat->type_by_id(row->type_id);
    if (branch != nullptr && type != nullptr) {
        conn.outbox().enqueue_message(row->id, row->phone, to_string(notice::cancellation),
                                      notice_text(notice::cancellation, *row, *branch, *type), now);
    }
    // DOMAIN.md §13: the freed capacity is offered to the waitlist in this transaction.
    offer_freed(s, conn, *cat, row->branch_id, row->type_id, now);
    tx->commit();
    return std::move(*row);
}

} // namespace agrirent::app
