// Half days (issue 14, DOMAIN.md §11) in the storage port, on every engine: a branch's slots and
// a type's flag read back as written (also through the catalog's read, with the zone after the
// slot columns), a half-day reservation keeps its half and its slot as occupancy, and a move
// re-plans it to a whole day (half cleared) or to another half.
#include <algorithm>
#include <string>

#include "common/booking_rules.hpp"
#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

const half_day_slots goseong{time_of_day{8 * 60}, time_of_day{12 * 60}, time_of_day{13 * 60},
                             time_of_day{17 * 60}};

machine_type half_day_transplanter() {
    auto t = transplanter();
    t.half_day = true;
    return t;
}

/// What the reservations table keeps of a plan (pickup_day and return_day are not stored).
void check_stored(const rental_plan& stored, const rental_plan& plan) {
    CHECK(stored.usage == plan.usage);
    CHECK(stored.half == plan.half);
    CHECK(stored.eve == plan.eve);
    CHECK(stored.pickup == plan.pickup);
    CHECK(stored.return_by == plan.return_by);
}

} // namespace

STORAGE_CONTRACT("half days: a branch's slots and a type's flag read back", "[storage][half_day]") {
    store<TestType> s;
    write(s.db(), [](auto& r) { seed(r); });
    read(s.db(), [&](auto& r) {
        // The defaults.
        CHECK(r.admin().find_branch("GS")->half_days == half_day_slots{});
        CHECK_FALSE(r.admin().find_type("TRACTOR")->type.half_day);
    });
    write(s.db(), [&](auto& r) {
        auto gs = *r.admin().find_branch("GS");
        gs.half_days = goseong;
        r.admin().update_branch(gs);
        auto t = *r.admin().find_type("TRACTOR");
        t.type.half_day = true;
        r.admin().update_type(t);
        auto b = branch("NS");
        b.half_days = goseong;
        r.admin().insert_branch(b);
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.admin().find_branch("GS")->half_days == goseong);
        CHECK(r.admin().find_branch("NS")->half_days == goseong);
        CHECK(r.admin().find_branch("BB")->half_days == half_day_slots{});
        CHECK(r.admin().find_type("TRACTOR")->type.half_day);
        CHECK_FALSE(r.admin().find_type("RICE_TRANSPLANTER")->type.half_day);
        const auto rows = r.catalog().load_catalog();
        REQUIRE(rows.branches.size() == 3);
        CHECK(rows.branches[0].record.half_days == goseong);
        CHECK(rows.branches[0].zone == "Asia/Seoul");
        CHECK(rows.branches[1].record.half_days == half_day_slots{});
    });
}

STORAGE_CONTRACT("half days: a reservation keeps its half and its slot, and a move re-plans it",
                 "[storage][half_day]") {
    store<TestType> s;
    const auto [w, farmer_id] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r, 1);
        return std::pair{seeded, r.reservations().insert_farmer(farmer("010-1234-5678"))};
    });
    const auto plan =
        plan_half_day(reference_branch(), half_day_transplanter(), d("2020-05-12"), half_day::pm);
    REQUIRE(plan);
    auto am =
        reservation("HALFAM01", w.gs, w.transplanter, farmer_id, days("2020-05-12", "2020-05-12"));
    am.plan =
        *plan_half_day(reference_branch(), half_day_transplanter(), d("2020-05-12"), half_day::am);
    auto pm = am;
    pm.code = "HALFPM01";
    pm.plan = *plan;
    write(s.db(), [&](auto& r) {
        r.reservations().insert_reservation(am);
        r.reservations().insert_reservation(pm);
        r.reservations().insert_reservation(reservation("WHOLE001", w.gs, w.transplanter, farmer_id,
                                                        days("2020-05-13", "2020-05-13")));
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation("HALFPM01");
        REQUIRE(row);
        check_stored(row->plan, *plan);
        CHECK(row->plan.half == half_day::pm);
        CHECK(r.reservations().find_reservation("HALFAM01")->plan.half == half_day::am);
        CHECK_FALSE(r.reservations().find_reservation("WHOLE001")->plan.half);
        // The occupancies are the slots: the morning and the afternoon never overlap.
        const interval day{kst("2020-05-12 00:00"), kst("2020-05-13 00:00")};
        auto live = r.reservations().units_and_occupancies(w.gs, w.transplanter, day).live;
        std::sort(live.begin(), live.end(),
                  [](const interval& a, const interval& b) { return a.from < b.from; });
        REQUIRE(live.size() == 2);
        CHECK(live[0] == interval{kst("2020-05-12 09:00"), kst("2020-05-12 13:00")});
        CHECK(live[1] == interval{kst("2020-05-12 14:00"), kst("2020-05-12 18:00")});
        CHECK(peak_overlap(
                  plan_rental(reference_branch(), transplanter(), days("2020-05-12", "2020-05-12"))
                      ->occupancy(),
                  live) == 1);
    });
    // A move to whole days clears the half; a move to another half sets it.
    const auto whole =
        plan_rental(reference_branch(), transplanter(), days("2020-05-14", "2020-05-15"));
    REQUIRE(whole);
    const auto morning =
        plan_half_day(reference_branch(), half_day_transplanter(), d("2020-05-19"), half_day::am);
    REQUIRE(morning);
    write(s.db(), [&](auto& r) {
        r.reservations().replan_reservation(r.reservations().find_reservation("HALFPM01")->id, w.gs,
                                            *whole, pm.fee);
        r.reservations().replan_reservation(r.reservations().find_reservation("WHOLE001")->id, w.gs,
                                            *morning, pm.fee);
    });
    read(s.db(), [&](auto& r) {
        const auto moved = r.reservations().find_reservation("HALFPM01");
        CHECK_FALSE(moved->plan.half);
        check_stored(moved->plan, *whole);
        const auto halved = r.reservations().find_reservation("WHOLE001");
        CHECK(halved->plan.half == half_day::am);
        check_stored(halved->plan, *morning);
    });
}

STORAGE_CONTRACT("half days: revenue counts half-day bookings and their rental apart",
                 "[storage][half_day][reports]") {
    store<TestType> s;
    const auto [w, farmer_id] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r, 2);
        return std::pair{seeded, r.reservations().insert_farmer(farmer("010-1234-5678"))};
    });
    auto am =
        reservation("HALFAM02", w.gs, w.transplanter, farmer_id, days("2020-05-12", "2020-05-12"));
    am.plan =
        *plan_half_day(reference_branch(), half_day_transplanter(), d("2020-05-12"), half_day::am);
    am.fee.net = won{6000};
    am.fee.gross = won{6000};
    auto pm = am;
    pm.code = "HALFPM02";
    pm.plan =
        *plan_half_day(reference_branch(), half_day_transplanter(), d("2020-05-12"), half_day::pm);
    auto gone = pm; // cancelled: earns nothing, counts nowhere
    gone.code = "HALFPM03";
    gone.state = status::cancelled;
    auto whole =
        reservation("WHOLE002", w.gs, w.transplanter, farmer_id, days("2020-05-13", "2020-05-13"));
    write(s.db(), [&](auto& r) {
        for (const auto* row : {&am, &pm, &gone, &whole}) {
            r.reservations().insert_reservation(*row);
        }
    });
    read(s.db(), [&](auto& r) {
        const auto rows =
            r.reports().revenue_by_branch_type(w.gs, {d("2020-05-11"), d("2020-05-17")});
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].bookings == 3);
        CHECK(rows[0].half_day_bookings == 2);
        CHECK(rows[0].half_day_rental == won{12000});
        CHECK(rows[0].rental_net == won{12000} + whole.fee.net);
    });
}
