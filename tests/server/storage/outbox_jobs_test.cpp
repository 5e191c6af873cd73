// The outbox, jobs, audit and report parts of the storage port, on every engine.
#include <algorithm>
#include <string>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

struct office {
    world w;
    std::int64_t farmer_id = 0;
    storage::reservation_row confirmed; // 20–21 May, transplanter, GS
    storage::reservation_row requested; // 27 May, transplanter, GS
    storage::reservation_row out;       // 13 May, tractor, GS, checked out
    storage::reservation_row cancelled; // 20 May, tractor, BB
};

office open_office(storage::database& db) {
    return write(db, [](auto& r) {
        office o;
        o.w = seed(r);
        r.admin().insert_unit(unit("GS-TR-X", o.w.tractor, o.w.gs, unit_status::retired));
        r.admin().insert_unit(unit("BB-TR-0", o.w.tractor, o.w.bb));
        o.farmer_id = r.reservations().insert_farmer(farmer("010-1234-5678"));
        o.confirmed = reservation("CONF0001", o.w.gs, o.w.transplanter, o.farmer_id,
                                  days("2020-05-20", "2020-05-21"));
        o.confirmed.id = r.reservations().insert_reservation(o.confirmed);
        o.requested = reservation("REQU0001", o.w.gs, o.w.transplanter, o.farmer_id,
                                  days("2020-05-27", "2020-05-27"), status::requested);
        o.requested.id = r.reservations().insert_reservation(o.requested);
        o.out = reservation("OUTT0001", o.w.gs, o.w.tractor, o.farmer_id,
                            days("2020-05-13", "2020-05-13"), status::confirmed, tractor());
        o.out.id = r.reservations().insert_reservation(o.out);
        const auto unit_id = r.admin().find_unit_record("GS-TR-0")->id;
        REQUIRE(r.reservations().record_checkout(o.out.id, unit_id, o.out.plan.pickup.from, 10,
                                                 "{}", true, std::nullopt));
        o.out.state = status::checked_out;
        o.cancelled = reservation("CANC0001", o.w.bb, o.w.tractor, o.farmer_id,
                                  days("2020-05-20", "2020-05-20"), status::cancelled, tractor());
        o.cancelled.id = r.reservations().insert_reservation(o.cancelled);
        return o;
    });
}

} // namespace

STORAGE_CONTRACT("outbox: enqueue, claim what is due, sent and failed attempts",
                 "[storage][outbox]") {
    store<TestType> s;
    const office o = open_office(s.db());
    const auto t0 = kst("2020-05-11 10:00");
    write(s.db(), [&](auto& r) {
        r.outbox().enqueue_message(o.confirmed.id, "010-1234-5678", "confirmation", "확정", t0);
        r.outbox().enqueue_message(std::nullopt, "010-9999-0000", "reminder", "알림",
                                   t0 + std::chrono::minutes{1});
        r.outbox().enqueue_message(o.confirmed.id, "010-1234-5678", "moved", "변경",
                                   t0 + std::chrono::minutes{2});
    });
    const auto at = t0 + std::chrono::minutes{5};
    const auto held = at + std::chrono::minutes{10};
    const auto claim = [&](sys_seconds now, int limit) {
        return write(s.db(),
                     [&](auto& r) { return r.outbox().claim_due_messages(now, limit, held); });
    };
    CHECK(claim(t0 - std::chrono::seconds{1}, 10).empty());
    const auto first = claim(at, 2);
    REQUIRE(first.size() == 2);
    // A claimed message is nobody else's until its claim lapses: a second sender (another
    // server) gets only the third.
    const auto second = claim(at, 10);
    REQUIRE(second.size() == 1);
    CHECK(claim(at + std::chrono::minutes{9}, 10).empty());
    const std::vector<storage::outbox_message> due{first[0], first[1], second[0]};
    CHECK(due[0].kind == "confirmation"); // oldest first
    CHECK(due[1].kind == "reminder");
    CHECK(due[2].kind == "moved");
    CHECK(due[0].reservation_id == o.confirmed.id);
    CHECK(due[0].phone == "010-1234-5678");
    CHECK(due[0].body == "확정");
    CHECK(due[0].state == "pending");
    CHECK(due[0].attempts == 0);
    CHECK(due[0].created_at == t0);
    CHECK_FALSE(due[1].reservation_id);

    const auto later = t0 + std::chrono::minutes{10};
    write(s.db(), [&](auto& r) {
        r.outbox().mark_sent(due[0].id, later);
        r.outbox().mark_attempt_failed(due[1].id, "timeout", later + std::chrono::minutes{1},
                                       false);
        r.outbox().mark_attempt_failed(due[2].id, "no such phone", later, true);
    });
    // The retried one is due again at its retry time only; the others never.
    CHECK(claim(later, 10).empty());
    const auto again = claim(later + std::chrono::minutes{1}, 10);
    REQUIRE(again.size() == 1);
    CHECK(again[0].id == due[1].id);
    CHECK(again[0].attempts == 1);
    CHECK(again[0].last_error == "timeout");
    // Claimed and never marked (its sender died): due again once the claim lapses.
    CHECK(claim(held - std::chrono::seconds{1}, 10).empty());
    const auto lapsed = claim(held, 10);
    REQUIRE(lapsed.size() == 1);
    CHECK(lapsed[0].id == due[1].id);
    read(s.db(), [&](auto& r) {
        const auto mine = r.outbox().messages_for_reservation(o.confirmed.id);
        REQUIRE(mine.size() == 2);
        CHECK(mine[0].state == "sent");
        CHECK(mine[0].sent_at == later);
        CHECK(mine[0].attempts == 1);
        CHECK(mine[1].state == "failed");
        CHECK(mine[1].last_error == "no such phone");

        const auto recent = r.outbox().recent_messages(2);
        REQUIRE(recent.size() == 2);
        CHECK(recent[0].id == due[2].id); // newest first

        storage::outbox_filter f;
        CHECK(r.jobs().list_outbox(f).size() == 3);
        f.reservation_id = o.confirmed.id;
        const auto listed = r.jobs().list_outbox(f);
        REQUIRE(listed.size() == 2);
        CHECK(listed[0].reservation_code == "CONF0001");
        f.state = "failed";
        CHECK(r.jobs().list_outbox(f).size() == 1);
        storage::outbox_filter pending;
        pending.state = "pending";
        CHECK(r.jobs().list_outbox(pending).size() == 1);
    });
}

STORAGE_CONTRACT("jobs: sweeps find closed windows, reminders and overdue returns, claims once",
                 "[storage][jobs]") {
    store<TestType> s;
    const office o = open_office(s.db());
    read(s.db(), [&](auto& r) {
        // The pickup windows of CONF0001 and REQU0001 close within 05-19 … 05-28.
        const auto closed =
            r.jobs().closed_pickup_windows(kst("2020-05-15 00:00"), kst("2020-05-28 00:00"), 10);
        REQUIRE(closed.size() == 2);
        CHECK(closed[0].code == "CONF0001"); // oldest window first
        CHECK(closed[0].state == status::confirmed);
        CHECK(closed[0].branch_id == o.w.gs);
        CHECK(closed[0].pickup_to == o.confirmed.plan.pickup.to);
        CHECK(closed[0].return_by == o.confirmed.plan.return_by);
        CHECK(closed[1].code == "REQU0001");
        CHECK(r.jobs()
                  .closed_pickup_windows(kst("2020-05-15 00:00"), kst("2020-05-28 00:00"), 1)
                  .size() == 1);
        // Reminders: confirmed only, window still to close before the horizon.
        const auto remind =
            r.jobs().reminder_candidates(kst("2020-05-15 00:00"), kst("2020-05-30 00:00"), 10);
        REQUIRE(remind.size() == 1);
        CHECK(remind[0].id == o.confirmed.id);
        // Overdue: checked out, deadline passed.
        CHECK(r.jobs()
                  .overdue_candidates(o.out.plan.return_by - std::chrono::seconds{1}, 10)
                  .empty());
        const auto overdue = r.jobs().overdue_candidates(o.out.plan.return_by, 10);
        REQUIRE(overdue.size() == 1);
        CHECK(overdue[0].code == "OUTT0001");
    });
    write(s.db(), [&](auto& r) {
        CHECK(r.jobs().claim_reminder(o.confirmed.id));
        CHECK_FALSE(r.jobs().claim_reminder(o.confirmed.id)); // once
        CHECK_FALSE(r.jobs().claim_reminder(o.requested.id)); // not confirmed
        CHECK(r.jobs().claim_overdue_notice(o.out.id));
        CHECK_FALSE(r.jobs().claim_overdue_notice(o.out.id));
        CHECK_FALSE(r.jobs().claim_overdue_notice(o.confirmed.id)); // not out
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.jobs()
                  .reminder_candidates(kst("2020-05-15 00:00"), kst("2020-05-30 00:00"), 10)
                  .empty());
        CHECK(r.jobs().overdue_candidates(o.out.plan.return_by, 10).empty());
    });
    // A move queues the reminder again.
    write(s.db(), [&](auto& r) {
        r.reservations().replan_reservation(o.confirmed.id, o.w.gs, o.confirmed.plan,
                                            o.confirmed.fee);
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.jobs()
                  .reminder_candidates(kst("2020-05-15 00:00"), kst("2020-05-30 00:00"), 10)
                  .size() == 1);
    });
}

STORAGE_CONTRACT("audit: appended entries are listed newest first, by every filter",
                 "[storage][audit]") {
    store<TestType> s;
    const office o = open_office(s.db());
    write(s.db(), [&](auto& r) {
        r.reservations().append_audit({kst("2020-05-11 10:00"), "operator1", "operator", "phone",
                                       "create", o.confirmed.id, "reservation", "CONF0001",
                                       R"({"status":"confirmed"})", "10.0.0.1"});
        r.reservations().append_audit({kst("2020-05-12 10:00"), "admin", "admin", "web",
                                       "unit.update", std::nullopt, "unit", "GS-TR-0", "{}", ""});
        r.reservations().append_audit({kst("2020-05-13 10:00"), "admin", "admin", "web",
                                       "unit.create", std::nullopt, "unit", "GS-TR-9", "{}", ""});
    });
    read(s.db(), [&](auto& r) {
        storage::audit_filter all;
        const auto entries = r.audit().list_audit(all);
        REQUIRE(entries.size() == 3);
        CHECK(entries[0].action == "unit.create"); // newest first
        CHECK(entries[2].actor == "operator1");
        CHECK(entries[2].role == "operator");
        CHECK(entries[2].via == "phone");
        CHECK(entries[2].reservation_code == "CONF0001");
        CHECK(entries[2].entity == "reservation");
        CHECK(entries[2].entity_key == "CONF0001");
        CHECK(entries[2].details == R"({"status":"confirmed"})");
        CHECK(entries[2].address == "10.0.0.1");
        CHECK(entries[2].at == kst("2020-05-11 10:00"));
        CHECK_FALSE(entries[0].reservation_code);

        storage::audit_filter f;
        f.actor = "admin";
        CHECK(r.audit().list_audit(f).size() == 2);
        f = {};
        f.action = "unit.update";
        CHECK(r.audit().list_audit(f).size() == 1);
        f = {};
        f.action_prefix = "unit.";
        CHECK(r.audit().list_audit(f).size() == 2);
        f = {};
        f.reservation_code = "CONF0001";
        CHECK(r.audit().list_audit(f).size() == 1);
        f = {};
        f.entity = "unit";
        f.entity_key = "GS-TR-9";
        CHECK(r.audit().list_audit(f).size() == 1);
        f = {};
        f.from = kst("2020-05-12 00:00");
        f.to = kst("2020-05-13 10:00");
        const auto window = r.audit().list_audit(f);
        REQUIRE(window.size() == 1);
        CHECK(window[0].action == "unit.update");
        f = {};
        f.limit = 2;
        const auto page = r.audit().list_audit(f);
        REQUIRE(page.size() == 2);
        f.before_id = page.back().id;
        const auto next = r.audit().list_audit(f);
        REQUIRE(next.size() == 1);
        CHECK(next[0].action == "create");
    });
}

STORAGE_CONTRACT("reports: usage, units, revenue sums and the export rows", "[storage][reports]") {
    store<TestType> s;
    const office o = open_office(s.db());
    write(s.db(), [&](auto& r) {
        REQUIRE(r.reservations().record_checkin(o.out.id, kst("2020-05-14 10:00"), 11, "{}", "",
                                                false, 1, won{30000}));
    });
    const date_range may{d("2020-05-01"), d("2020-05-31")};
    read(s.db(), [&](auto& r) {
        // Usage: requested, confirmed, checked out and returned ones; not the cancelled one.
        const auto usage = r.reports().usage_overlapping(std::nullopt, may);
        CHECK(usage.size() == 3);
        CHECK(r.reports().usage_overlapping(o.w.bb, may).empty());
        const auto late_may =
            r.reports().usage_overlapping(o.w.gs, {d("2020-05-21"), d("2020-05-31")});
        CHECK(late_may.size() == 2);

        // Units not retired, per (branch, type).
        const auto units = r.reports().units_not_retired(std::nullopt);
        REQUIRE(units.size() == 3);
        const auto gs_tractors = std::find_if(units.begin(), units.end(), [&](const auto& u) {
            return u.branch_id == o.w.gs && u.type_id == o.w.tractor;
        });
        REQUIRE(gs_tractors != units.end());
        CHECK(gs_tractors->units == 2);
        CHECK(r.reports().units_not_retired(o.w.bb).size() == 1);

        // Revenue: by first usage day, without the cancelled one, late fees summed.
        const auto revenue = r.reports().revenue_by_branch_type(std::nullopt, may);
        REQUIRE(revenue.size() == 2);
        for (const auto& t : revenue) {
            CHECK(t.branch_id == o.w.gs);
            if (t.type_id == o.w.transplanter) {
                CHECK(t.bookings == 2);
                CHECK(t.gross == o.confirmed.fee.gross + o.requested.fee.gross);
                CHECK(t.rental_net == o.confirmed.fee.net + o.requested.fee.net);
                CHECK(t.late_fees == won{0});
            } else {
                CHECK(t.type_id == o.w.tractor);
                CHECK(t.bookings == 1);
                CHECK(t.gross == o.out.fee.gross);
                CHECK(t.discount == won{0});
                CHECK(t.surcharge == won{0});
                CHECK(t.late_fees == won{30000});
            }
        }
        CHECK(r.reports().revenue_by_branch_type(o.w.bb, may).empty());

        // The export: by first usage day, then code; with the filter's status and branch.
        storage::export_filter f;
        f.days = may;
        const auto rows = r.reports().reservations_for_export(f);
        REQUIRE(rows.size() == 4);
        CHECK(rows[0].code == "OUTT0001");
        CHECK(rows[0].state == status::returned);
        CHECK(rows[0].unit_tag == "GS-TR-0");
        CHECK(rows[0].late_fee == won{30000});
        CHECK(rows[0].returned_at == kst("2020-05-14 10:00"));
        CHECK(rows[1].code == "CANC0001"); // 20 May, C < C-O-N-F
        CHECK(rows[2].code == "CONF0001");
        CHECK(rows[2].usage == days("2020-05-20", "2020-05-21"));
        CHECK(rows[2].pickup == o.confirmed.plan.pickup);
        CHECK(rows[2].return_by == o.confirmed.plan.return_by);
        CHECK(rows[2].farmer_name == "홍길동");
        CHECK(rows[2].phone == "010-1234-5678");
        CHECK(rows[2].via == channel::phone);
        CHECK(rows[2].net == o.confirmed.fee.net);
        CHECK(rows[3].code == "REQU0001");
        f.state = status::cancelled;
        CHECK(r.reports().reservations_for_export(f).size() == 1);
        f.state = std::nullopt;
        f.branch_id = o.w.gs;
        f.limit = 2;
        CHECK(r.reports().reservations_for_export(f).size() == 2);
    });
}
