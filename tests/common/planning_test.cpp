#include <catch2/catch.hpp>

#include "common/planning.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

struct expected_plan {
    std::string start, end;
    std::string pickup_from, pickup_to; // "YYYY-MM-DD HH:MM" KST
    std::string return_by;
    bool eve;
    int billable;
};

void check_plan(const branch_calendar& cal, const machine_type& type, const expected_plan& e) {
    CAPTURE(e.start, e.end);
    const auto plan = plan_rental(cal, type, {d(e.start), d(e.end)});
    REQUIRE(plan.has_value());
    CHECK(plan->pickup.from == kst(e.pickup_from));
    CHECK(plan->pickup.to == kst(e.pickup_to));
    CHECK(plan->return_by == kst(e.return_by));
    CHECK(plan->eve == e.eve);
    CHECK(plan->billable_days() == e.billable);
    CHECK(plan->occupancy() == interval{kst(e.pickup_from), kst(e.return_by)});
}

} // namespace

TEST_CASE("rental planning: the worked examples of DOMAIN.md §4", "[planning]") {
    const auto cal = reference_branch();
    const auto e = GENERATE(values<expected_plan>({
        // Tue 2020-05-12
        {"2020-05-12", "2020-05-12", "2020-05-12 09:00", "2020-05-12 18:00", "2020-05-12 17:00",
         false, 1},
        // Sat 2020-05-23 (in season)
        {"2020-05-23", "2020-05-23", "2020-05-23 09:00", "2020-05-23 18:00", "2020-05-23 17:00",
         false, 1},
        // Sun 2020-05-24: eve pickup on the in-season Saturday
        {"2020-05-24", "2020-05-24", "2020-05-23 17:00", "2020-05-23 18:00", "2020-05-25 09:00",
         true, 1},
        // Sun 2020-05-10 (Sat 05-09 out of season): eve pickup on Friday
        {"2020-05-10", "2020-05-10", "2020-05-08 17:00", "2020-05-08 18:00", "2020-05-11 09:00",
         true, 1},
        // Fri 2020-05-29 … Sun 05-31
        {"2020-05-29", "2020-05-31", "2020-05-29 09:00", "2020-05-29 18:00", "2020-06-01 09:00",
         false, 3},
        // Sat 2020-06-06 (Memorial Day, in season)
        {"2020-06-06", "2020-06-06", "2020-06-05 17:00", "2020-06-05 18:00", "2020-06-08 09:00",
         true, 1},
        // Thu 2020-10-01 … Sat 10-03 (Chuseok, Foundation Day)
        {"2020-10-01", "2020-10-03", "2020-09-29 17:00", "2020-09-29 18:00", "2020-10-05 09:00",
         true, 3},
    }));
    check_plan(cal, tractor(), e);
}

TEST_CASE("rental planning: more than max_days is refused (DOMAIN.md §4 last row)", "[planning]") {
    const auto cal = reference_branch();
    const auto plan = plan_rental(cal, tractor(), {d("2020-05-11"), d("2020-05-14")});
    REQUIRE_FALSE(plan.has_value());
    CHECK(plan.error().code == reason::max_days_exceeded);
    CHECK(plan.error().detail("max_days") == "3");

    // A type allowing 5 days takes the same request.
    machine_type longer = tractor();
    longer.max_days = 5;
    CHECK(plan_rental(cal, longer, {d("2020-05-11"), d("2020-05-14")}).has_value());
}

TEST_CASE("rental planning: reversed ranges are refused", "[planning]") {
    const auto plan =
        plan_rental(reference_branch(), tractor(), {d("2020-05-14"), d("2020-05-12")});
    REQUIRE_FALSE(plan.has_value());
    CHECK(plan.error().code == reason::start_after_end);
}

TEST_CASE("rental planning: multi-day holidays push the eve pickup and the return", "[planning]") {
    const auto cal = reference_branch();
    // Seollal 2020: Fri 01-24 … Sun 01-26 and the substitute holiday Mon 01-27.
    check_plan(cal, tractor(),
               {"2020-01-26", "2020-01-26", "2020-01-23 17:00", "2020-01-23 18:00",
                "2020-01-28 09:00", true, 1});
    // Chuseok 2020 starts Wed 09-30: a rental of the holidays starts on Tue 09-29 17:00.
    check_plan(cal, tractor(),
               {"2020-09-30", "2020-10-02", "2020-09-29 17:00", "2020-09-29 18:00",
                "2020-10-05 09:00", true, 3});
}

TEST_CASE("rental planning: a closure right before an eve pickup moves it earlier", "[planning]") {
    auto cal = reference_branch();
    cal.closures[d("2020-05-23")] = closure{d("2020-05-23"), false, "stock-taking"};
    check_plan(cal, tractor(),
               {"2020-05-24", "2020-05-24", "2020-05-22 17:00", "2020-05-22 18:00",
                "2020-05-25 09:00", true, 1});
    // A closure on the day after the end moves the return deadline one more day.
    cal.closures[d("2020-05-25")] = closure{d("2020-05-25"), false, "stock-taking"};
    check_plan(cal, tractor(),
               {"2020-05-24", "2020-05-24", "2020-05-22 17:00", "2020-05-22 18:00",
                "2020-05-26 09:00", true, 1});
    // An extra opening on a Sunday makes it a regular pickup.
    cal.closures[d("2020-05-10")] = closure{d("2020-05-10"), true, "planting rush"};
    check_plan(cal, tractor(),
               {"2020-05-10", "2020-05-10", "2020-05-10 09:00", "2020-05-10 18:00",
                "2020-05-10 17:00", false, 1});
}

TEST_CASE("rental planning: across the year boundary", "[planning]") {
    const auto cal = reference_branch();
    // New Year's Day 2021 is a Friday: eve pickup on Thu 2020-12-31, return Mon 2021-01-04.
    check_plan(cal, tractor(),
               {"2021-01-01", "2021-01-01", "2020-12-31 17:00", "2020-12-31 18:00",
                "2021-01-04 09:00", true, 1});
    check_plan(cal, tractor(),
               {"2020-12-31", "2021-01-02", "2020-12-31 09:00", "2020-12-31 18:00",
                "2021-01-04 09:00", false, 3});
}

TEST_CASE("rental planning: per-branch times differ from the defaults", "[planning]") {
    auto cal = reference_branch();
    cal.hours.open = time_of_day{8 * 60};
    cal.hours.close = time_of_day{19 * 60};
    cal.hours.eve_pickup_from = time_of_day{16 * 60};
    cal.hours.return_by = time_of_day{18 * 60};
    check_plan(cal, tractor(),
               {"2020-05-24", "2020-05-24", "2020-05-23 16:00", "2020-05-23 19:00",
                "2020-05-25 08:00", true, 1});
    check_plan(cal, tractor(),
               {"2020-05-12", "2020-05-12", "2020-05-12 08:00", "2020-05-12 19:00",
                "2020-05-12 18:00", false, 1});
}

TEST_CASE("rental planning: the calendar must be known for every day the plan needs",
          "[planning]") {
    const auto cal = reference_branch();
    // Usage day in a year without holiday data.
    auto plan = plan_rental(cal, tractor(), {d("2028-03-02"), d("2028-03-02")});
    REQUIRE_FALSE(plan.has_value());
    CHECK(plan.error().code == reason::calendar_unknown);
    CHECK(plan.error().detail("date") == "2028-03-02");
    // Usage inside the data, but the eve pickup would fall in 2017 (2018-01-01 is a Monday
    // holiday; the last operating day before it is Fri 2017-12-29).
    plan = plan_rental(cal, tractor(), {d("2018-01-01"), d("2018-01-01")});
    REQUIRE_FALSE(plan.has_value());
    CHECK(plan.error().code == reason::calendar_unknown);
    CHECK(plan.error().detail("date") == "2017-12-31");
    // The return after the last known day would fall in 2028.
    // 2027-12-31 is an ordinary Friday: returned the same day, nothing in 2028 is needed.
    CHECK(plan_rental(cal, tractor(), {d("2027-12-31"), d("2027-12-31")}).has_value());
    plan = plan_rental(cal, tractor(), {d("2027-12-31"), d("2028-01-01")});
    REQUIRE_FALSE(plan.has_value());
    CHECK(plan.error().code == reason::calendar_unknown);
}

TEST_CASE("rental planning: a branch closed for weeks cannot hand over", "[planning]") {
    auto cal = reference_branch();
    for (local_days day = d("2020-07-01"); day <= d("2020-08-31"); day += date::days{1}) {
        cal.closures[day] = closure{day, false, "renovation"};
    }
    const auto plan = plan_rental(cal, tractor(), {d("2020-08-01"), d("2020-08-01")});
    REQUIRE_FALSE(plan.has_value());
    CHECK(plan.error().code == reason::booking_closed);
    CHECK(plan.error().detail("reason") == "no_operating_day");
}
