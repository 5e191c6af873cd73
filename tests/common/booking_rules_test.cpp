#include <catch2/catch.hpp>

#include "common/booking_rules.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

rental_plan plan_of(const branch_calendar& cal, const std::string& start, const std::string& end) {
    auto p = plan_rental(cal, transplanter(), {d(start), d(end)});
    REQUIRE(p.has_value());
    return *p;
}

std::optional<reason> window_refusal(const std::string& start, const std::string& now,
                                     int horizon = 30) {
    const auto cal = reference_branch();
    const auto plan = plan_of(cal, start, start);
    const auto r = check_booking_window(cal, plan, kst(now), booking_policy{horizon, 3});
    return r ? std::optional{r->code} : std::nullopt;
}

} // namespace

TEST_CASE("booking window: regular pickups until 17:00 of start (DOMAIN.md §5.3)",
          "[booking_rules]") {
    const auto [start, now, expected] =
        GENERATE(table<std::string, std::string, std::optional<reason>>({
            {"2020-05-12", "2020-05-11 20:00", std::nullopt},
            {"2020-05-12", "2020-05-12 08:00", std::nullopt}, // before opening, same day
            {"2020-05-12", "2020-05-12 16:59", std::nullopt},
            {"2020-05-12", "2020-05-12 17:00", reason::booking_closed},
            {"2020-05-12", "2020-05-12 17:30", reason::booking_closed},
            {"2020-05-12", "2020-05-13 09:00", reason::in_past},
        }));
    CAPTURE(start, now);
    CHECK(window_refusal(start, now) == expected);
}

TEST_CASE("booking window: an eve pickup cannot be booked once its window opened",
          "[booking_rules]") {
    // Sunday 2020-05-24: pickup Saturday 05-23 from 17:00.
    const auto [now, expected] = GENERATE(table<std::string, std::optional<reason>>({
        {"2020-05-22 10:00", std::nullopt},
        {"2020-05-23 16:59", std::nullopt},
        {"2020-05-23 17:00", reason::booking_closed},
        {"2020-05-23 17:45", reason::booking_closed},
        {"2020-05-24 08:00", reason::booking_closed}, // the usage day itself
        {"2020-05-25 08:00", reason::in_past},
    }));
    CAPTURE(now);
    CHECK(window_refusal("2020-05-24", now) == expected);
}

TEST_CASE("booking window: start at most 30 days ahead (per-branch horizon)", "[booking_rules]") {
    CHECK(window_refusal("2020-06-11", "2020-05-12 10:00") == std::nullopt); // 30 days
    CHECK(window_refusal("2020-06-12", "2020-05-12 10:00") == reason::beyond_horizon);
    CHECK(window_refusal("2020-06-12", "2020-05-12 10:00", 31) == std::nullopt);
    CHECK(window_refusal("2020-05-15", "2020-05-12 10:00", 2) == reason::beyond_horizon);
}

TEST_CASE("farmer rules: suspension, training, chaining, live limit (DOMAIN.md §5.5–5.7)",
          "[booking_rules]") {
    const auto cal = reference_branch();
    const booking_policy policy;
    const local_days today = d("2020-05-12");
    const auto plan = plan_of(cal, "2020-05-20", "2020-05-21");

    SECTION("suspended through the last day, inclusive") {
        farmer_record f;
        f.suspended_until = d("2020-05-12");
        auto r = check_farmer(f, transplanter(), plan, today, policy);
        REQUIRE(r);
        CHECK(r->code == reason::farmer_suspended);
        CHECK(r->detail("until") == "2020-05-12");
        CHECK_FALSE(check_farmer(f, transplanter(), plan, d("2020-05-13"), policy));
    }
    SECTION("training is needed for types that require it") {
        farmer_record f;
        auto r = check_farmer(f, tractor(), plan, today, policy);
        REQUIRE(r);
        CHECK(r->code == reason::training_required);
        f.training_completed_on = d("2020-05-13"); // recorded for tomorrow: not yet
        CHECK(check_farmer(f, tractor(), plan, today, policy)->code == reason::training_required);
        f.training_completed_on = d("2019-03-02");
        CHECK_FALSE(check_farmer(f, tractor(), plan, today, policy));
        CHECK_FALSE(check_farmer(farmer_record{}, transplanter(), plan, today, policy));
    }
    SECTION("no chaining of the same type: overlapping or touching usage days") {
        // New booking: 05-20 … 05-21.
        const auto [held_start, held_end, same_type, refused] =
            GENERATE(table<std::string, std::string, bool, bool>({
                {"2020-05-18", "2020-05-19", true, true},   // ends the day before: touching
                {"2020-05-22", "2020-05-23", true, true},   // starts the day after: touching
                {"2020-05-21", "2020-05-21", true, true},   // overlapping
                {"2020-05-17", "2020-05-18", true, false},  // one free day (05-19) between
                {"2020-05-23", "2020-05-25", true, false},  // one free day (05-22) between
                {"2020-05-20", "2020-05-21", false, false}, // another type may overlap
            }));
        CAPTURE(held_start, held_end, same_type);
        farmer_record f;
        f.live.push_back(
            {same_type ? transplanter().code : tractor().code, {d(held_start), d(held_end)}});
        const auto r = check_farmer(f, transplanter(), plan, today, policy);
        CHECK(bool(r) == refused);
        if (r) {
            CHECK(r->code == reason::chained_booking);
        }
    }
    SECTION("at most 3 live reservations in total") {
        farmer_record f;
        f.live = {{tractor().code, {d("2020-05-13"), d("2020-05-13")}},
                  {type_code{"CULTIVATOR"}, {d("2020-05-14"), d("2020-05-14")}}};
        CHECK_FALSE(check_farmer(f, transplanter(), plan, today, policy));
        f.live.push_back({type_code{"BALER"}, {d("2020-05-30"), d("2020-05-30")}});
        const auto r = check_farmer(f, transplanter(), plan, today, policy);
        REQUIRE(r);
        CHECK(r->code == reason::too_many_reservations);
        CHECK(r->detail("max_live") == "3");
        CHECK_FALSE(check_farmer(f, transplanter(), plan, today, booking_policy{30, 4}));
    }
    SECTION("max_types: different types among the live reservations (DOMAIN.md §18)") {
        farmer_record f;
        f.training_completed_on = d("2019-03-02"); // tractors need it
        f.live = {{tractor().code, {d("2020-05-13"), d("2020-05-13")}},
                  {tractor().code, {d("2020-05-25"), d("2020-05-25")}}};
        // 0 = no limit
        CHECK_FALSE(check_farmer(f, transplanter(), plan, today, booking_policy{30, 10, 0}));
        // One type held (twice): a second type is refused with 1, allowed with 2.
        const auto r = check_farmer(f, transplanter(), plan, today, booking_policy{30, 10, 1});
        REQUIRE(r);
        CHECK(r->code == reason::too_many_types);
        CHECK(r->detail("max_types") == "1");
        CHECK_FALSE(check_farmer(f, transplanter(), plan, today, booking_policy{30, 10, 2}));
        // Another booking of a type already held adds no type.
        CHECK_FALSE(check_farmer(f, tractor(), plan, today, booking_policy{30, 10, 1}));
        // Two types held, limit 2: a third is refused, the held ones still pass.
        f.live.push_back({type_code{"CULTIVATOR"}, {d("2020-05-30"), d("2020-05-30")}});
        CHECK(check_farmer(f, transplanter(), plan, today, booking_policy{30, 10, 2})->code ==
              reason::too_many_types);
        CHECK_FALSE(check_farmer(f, tractor(), plan, today, booking_policy{30, 10, 2}));
        // Nothing held: any type passes with 1.
        CHECK_FALSE(
            check_farmer(farmer_record{}, transplanter(), plan, today, booking_policy{30, 10, 1}));
    }
}

TEST_CASE("capacity: half-open occupancies hand a unit over without conflict (DOMAIN.md §4)",
          "[booking_rules][capacity]") {
    const auto cal = reference_branch();
    // Sat 05-23 (in season) returns 17:00; the Sunday rental's eve pickup starts 17:00 that day.
    const auto saturday = plan_of(cal, "2020-05-23", "2020-05-23");
    const auto sunday = plan_of(cal, "2020-05-24", "2020-05-24");
    REQUIRE(saturday.return_by == sunday.pickup.from);
    const interval held[] = {saturday.occupancy()};
    CHECK_FALSE(check_capacity(sunday.occupancy(), 1, held));

    // The Sunday rental returns Mon 09:00; a Monday rental picks up from 09:00.
    const auto monday = plan_of(cal, "2020-05-25", "2020-05-25");
    const interval held2[] = {sunday.occupancy()};
    CHECK_FALSE(check_capacity(monday.occupancy(), 1, held2));

    // Friday–Sunday holds the unit until Mon 09:00: a Sunday rental collides.
    const auto weekend = plan_of(cal, "2020-05-22", "2020-05-24");
    const interval held3[] = {weekend.occupancy()};
    const auto r = check_capacity(sunday.occupancy(), 1, held3);
    REQUIRE(r);
    CHECK(r->code == reason::no_capacity);
    CHECK_FALSE(check_capacity(sunday.occupancy(), 2, held3));
}

TEST_CASE("capacity: only simultaneous overlap counts", "[booking_rules][capacity]") {
    const auto cal = reference_branch();
    const auto target = plan_of(cal, "2020-05-12", "2020-05-14").occupancy();
    // Two one-day rentals inside the target that do not overlap each other.
    const interval held[] = {plan_of(cal, "2020-05-12", "2020-05-12").occupancy(),
                             plan_of(cal, "2020-05-14", "2020-05-14").occupancy(),
                             plan_of(cal, "2020-05-19", "2020-05-19").occupancy()};
    CHECK(peak_overlap(target, held) == 1);
    CHECK_FALSE(check_capacity(target, 2, held));
    CHECK(check_capacity(target, 1, held));
    const interval stacked[] = {held[0], plan_of(cal, "2020-05-11", "2020-05-12").occupancy()};
    CHECK(peak_overlap(target, stacked) == 2);
    CHECK(check_capacity(target, 2, stacked));
    CHECK_FALSE(check_capacity(target, 3, stacked));
    CHECK(check_capacity(target, 0, {})); // no units at all
}

TEST_CASE("booking decision: window first, then the farmer, then capacity", "[booking_rules]") {
    const auto cal = reference_branch();
    const auto type = tractor();
    const auto plan = *plan_rental(cal, type, {d("2020-05-20"), d("2020-05-20")});
    farmer_record untrained;
    booking_request req{cal, type, plan, kst("2020-05-12 10:00"), {}, 0, {}, &untrained};
    CHECK(check_booking(req)->code == reason::training_required);
    req.farmer = nullptr; // a quote without a farmer
    CHECK(check_booking(req)->code == reason::no_capacity);
    req.capacity = 1;
    CHECK_FALSE(check_booking(req));
    req.now = kst("2020-05-21 10:00");
    CHECK(check_booking(req)->code == reason::in_past);
}

TEST_CASE("at risk: reservations that no longer fit after capacity drops (DOMAIN.md §3)",
          "[booking_rules][capacity]") {
    const auto cal = reference_branch();
    const interval live[] = {
        plan_of(cal, "2020-05-12", "2020-05-13").occupancy(), // 0 checked out, first
        plan_of(cal, "2020-05-13", "2020-05-13").occupancy(), // 1 overlaps 0
        plan_of(cal, "2020-05-13", "2020-05-14").occupancy(), // 2 overlaps 0 and 1
        plan_of(cal, "2020-05-19", "2020-05-19").occupancy(), // 3 alone
    };
    CHECK(find_at_risk(live, 3).empty());
    CHECK(find_at_risk(live, 2) == std::vector<std::size_t>{2});
    CHECK(find_at_risk(live, 1) == std::vector<std::size_t>{1, 2});
    CHECK(find_at_risk(live, 0) == std::vector<std::size_t>{0, 1, 2, 3});
}

TEST_CASE("availability: per day, how many more one-day reservations fit (API.md)",
          "[booking_rules][availability]") {
    const auto cal = reference_branch();
    const interval live[] = {
        plan_of(cal, "2020-05-22", "2020-05-24").occupancy(), // Fri–Sun, back Mon 09:00
        plan_of(cal, "2020-05-23", "2020-05-23").occupancy(), // Sat
    };
    const auto days =
        availability(cal, transplanter(), {d("2020-05-21"), d("2020-05-26")}, 2, live);
    REQUIRE(days.size() == 6);
    const int expected[] = {2, 1, 0, 1, 2, 2}; // Thu Fri Sat Sun Mon Tue
    // Sun: eve pickup Sat 17:00 overlaps Fri–Sun only (Saturday's rental is back at 17:00).
    for (std::size_t i = 0; i < days.size(); ++i) {
        CAPTURE(i);
        CHECK(days[i].available == expected[i]);
        CHECK(days[i].plannable);
    }
    CHECK(days[3].day.why == day_reason::sunday);
    CHECK_FALSE(days[3].day.operating);

    // Days in an unknown year cannot be planned: nothing available.
    const auto unknown =
        availability(cal, transplanter(), {d("2028-01-03"), d("2028-01-03")}, 2, {});
    REQUIRE(unknown.size() == 1);
    CHECK_FALSE(unknown[0].plannable);
    CHECK(unknown[0].available == 0);
}
