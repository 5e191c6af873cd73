// Half-day rentals (반일 임대, DOMAIN.md §11, issue 14): the plan of a morning or an afternoon, its
// refusals, the booking window until the slot starts, capacity shared by the two halves, the
// fee at the half-day rate (a worked example table), chaining and availability's slot counts.
#include <catch2/catch.hpp>

#include "common/booking_rules.hpp"
#include "common/fees.hpp"
#include "common/planning.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

machine_type cultivator() {
    machine_type t;
    t.code = type_code{"CULTIVATOR"};
    t.name_ko = "관리기";
    t.name_en = "Cultivator";
    t.daily_fee = won{20000};
    t.half_day = true;
    return t;
}

rental_plan half(const std::string& day, half_day h, const branch_calendar& cal) {
    const auto p = plan_half_day(cal, cultivator(), d(day), h);
    REQUIRE(p);
    return *p;
}

rental_plan half(const std::string& day, half_day h) {
    return half(day, h, reference_branch());
}

rental_plan whole(const std::string& start, const std::string& end) {
    const auto p = plan_rental(reference_branch(), cultivator(), {d(start), d(end)});
    REQUIRE(p);
    return *p;
}

fee_adjustment percent(int pct, std::string category = {}) {
    fee_adjustment a;
    a.name_ko = "감면";
    a.name_en = "reduction";
    a.percent = pct;
    a.category = std::move(category);
    return a;
}

} // namespace

TEST_CASE("half day: the plan is the slot of one operating day", "[half_day]") {
    const auto am = half("2020-05-12", half_day::am);
    CHECK(am.half == half_day::am);
    CHECK(am.usage == period{d("2020-05-12"), d("2020-05-12")});
    CHECK_FALSE(am.eve);
    CHECK(am.pickup == interval{kst("2020-05-12 09:00"), kst("2020-05-12 13:00")});
    CHECK(am.return_by == kst("2020-05-12 13:00"));
    CHECK(am.occupancy() == interval{kst("2020-05-12 09:00"), kst("2020-05-12 13:00")});
    CHECK(am.billable_days() == 1);

    const auto pm = half("2020-05-12", half_day::pm);
    CHECK(pm.occupancy() == interval{kst("2020-05-12 14:00"), kst("2020-05-12 18:00")});
    // An in-season Saturday is an operating day.
    CHECK(half("2020-05-23", half_day::pm).return_by == kst("2020-05-23 18:00"));

    // The branch's own slots (Goseong: 09:00–13:00; here an afternoon until 17:00).
    auto cal = reference_branch();
    cal.half_days = {time_of_day{8 * 60}, time_of_day{12 * 60}, time_of_day{13 * 60},
                     time_of_day{17 * 60}};
    CHECK(half("2020-05-12", half_day::pm, cal).occupancy() ==
          interval{kst("2020-05-12 13:00"), kst("2020-05-12 17:00")});
    // plan_booking picks the half-day plan when asked for one.
    const auto b = plan_booking(reference_branch(), cultivator(),
                                {d("2020-05-12"), d("2020-05-12")}, half_day::am);
    REQUIRE(b);
    CHECK(*b == am);
    const auto w = plan_booking(reference_branch(), cultivator(),
                                {d("2020-05-12"), d("2020-05-12")}, std::nullopt);
    REQUIRE(w);
    CHECK_FALSE(w->half);
    CHECK(w->return_by == kst("2020-05-12 17:00"));
}

TEST_CASE("half day: refused for types without half days and on days that are not operating",
          "[half_day]") {
    auto cal = reference_branch();
    auto p = plan_half_day(cal, tractor(), d("2020-05-12"), half_day::am);
    REQUIRE_FALSE(p);
    CHECK(p.error().code == reason::half_day_not_offered);
    CHECK(p.error().detail("field") == "half");
    // Sunday, an out-of-season Saturday, a public holiday, a closure: no eve pickup for halves.
    for (const auto* day : {"2020-05-10", "2020-05-09", "2020-05-05"}) {
        p = plan_half_day(cal, cultivator(), d(day), half_day::pm);
        REQUIRE_FALSE(p);
        CHECK(p.error().code == reason::booking_closed);
        CHECK(p.error().detail("reason") == "not_operating_day");
        CHECK(p.error().detail("date") == day);
    }
    cal.closures[d("2020-05-13")] = {d("2020-05-13"), false, "재고 조사"};
    p = plan_half_day(cal, cultivator(), d("2020-05-13"), half_day::am);
    REQUIRE_FALSE(p);
    CHECK(p.error().code == reason::booking_closed);
    // An unknown year.
    p = plan_half_day(cal, cultivator(), d("2031-05-13"), half_day::am);
    REQUIRE_FALSE(p);
    CHECK(p.error().code == reason::calendar_unknown);
}

TEST_CASE("half day: the booking window closes when the slot starts", "[half_day]") {
    const auto cal = reference_branch();
    const booking_policy policy;
    const auto am = half("2020-05-12", half_day::am);
    const auto pm = half("2020-05-12", half_day::pm);
    CHECK_FALSE(check_booking_window(cal, am, kst("2020-05-12 08:59"), policy));
    const auto closed = check_booking_window(cal, am, kst("2020-05-12 09:00"), policy);
    REQUIRE(closed);
    CHECK(closed->code == reason::booking_closed);
    CHECK(closed->detail("reason") == "half_day_started");
    CHECK(closed->detail("closed_at") == "2020-05-12T09:00:00+09:00");
    CHECK_FALSE(check_booking_window(cal, pm, kst("2020-05-12 13:59"), policy));
    CHECK(check_booking_window(cal, pm, kst("2020-05-12 14:00"), policy));
    // The other window rules still hold: in the past, beyond the horizon.
    CHECK(check_booking_window(cal, pm, kst("2020-05-13 08:00"), policy)->code == reason::in_past);
    CHECK(check_booking_window(cal, pm, kst("2020-04-01 08:00"), policy)->code ==
          reason::beyond_horizon);
}

TEST_CASE("half day: a morning and an afternoon share a unit, a full day conflicts with both",
          "[half_day]") {
    const auto am = half("2020-05-12", half_day::am).occupancy();
    const auto pm = half("2020-05-12", half_day::pm).occupancy();
    const auto day = whole("2020-05-12", "2020-05-12").occupancy();
    const std::vector<interval> morning{am};
    CHECK_FALSE(check_capacity(pm, 1, morning));
    CHECK(check_capacity(am, 1, morning));
    CHECK(check_capacity(day, 1, morning));
    const std::vector<interval> both{am, pm};
    CHECK(check_capacity(day, 1, both));
    CHECK_FALSE(check_capacity(day, 2, both)); // never more than one of them at a time
    const std::vector<interval> full{day};
    CHECK(check_capacity(am, 1, full));
    CHECK(check_capacity(pm, 1, full));
    // The day before (return 17:00) and after (pickup 09:00) leave the slots free.
    const std::vector<interval> around{whole("2020-05-11", "2020-05-11").occupancy(),
                                       whole("2020-05-13", "2020-05-13").occupancy()};
    CHECK_FALSE(check_capacity(am, 1, around));
    CHECK_FALSE(check_capacity(pm, 1, around));
    // An eve pickup from 17:00 for Sunday takes Friday's afternoon unit.
    const std::vector<interval> eve{whole("2020-05-10", "2020-05-10").occupancy()};
    CHECK(check_capacity(half("2020-05-08", half_day::pm).occupancy(), 1, eve));
    CHECK_FALSE(check_capacity(half("2020-05-08", half_day::am).occupancy(), 1, eve));
}

TEST_CASE("half day: fee worked examples, rounded down to the won", "[half_day][fees]") {
    // | daily fee | reduction | surcharge | rate | day amount | half day |
    // | 20,000    | –         | –         | 50 % | 20,000     | 10,000   |
    // | 20,000    | 50 %      | –         | 50 % | 10,000     | 5,000    |
    // | 20,001    | –         | –         | 50 % | 20,001     | 10,000   | (10,000.5)
    // | 20,001    | 50 %      | –         | 50 % | 10,000     | 5,000    | (10,000.5 → 10,000)
    // | 20,001    | –         | +50 %     | 33 % | 30,001     | 9,900    | (9,900.33)
    // | 15,000    | 50 %      | +50 %     | 50 % | 11,250     | 5,625    |
    // | 15,001    | 30 %      | –         | 70 % | 10,500     | 7,350    | (10,500.7 → 10,500)
    // | 10,000    | 100 %     | –         | 50 % | 0          | 0        |
    struct row {
        std::int64_t daily_fee;
        int reduction;
        int surcharge;
        int rate;
        std::int64_t day_amount;
        std::int64_t half_amount;
    };
    const row rows[] = {
        {20000, 0, 0, 50, 20000, 10000}, {20000, 50, 0, 50, 10000, 5000},
        {20001, 0, 0, 50, 20001, 10000}, {20001, 50, 0, 50, 10000, 5000},
        {20001, 0, 50, 33, 30001, 9900}, {15000, 50, 50, 50, 11250, 5625},
        {15001, 30, 0, 70, 10500, 7350}, {10000, 100, 0, 50, 0, 0},
    };
    for (const auto& r : rows) {
        auto type = cultivator();
        type.daily_fee = won{r.daily_fee};
        std::vector<fee_adjustment> adj;
        if (r.reduction != 0) {
            adj.push_back(percent(r.reduction));
        }
        if (r.surcharge != 0) {
            adj.push_back(percent(-r.surcharge, "NONRESIDENT"));
        }
        const std::vector<std::string> categories{"NONRESIDENT"};
        const auto whole_day =
            quote_fee(type, branch_code{"GS"}, {d("2020-05-12"), d("2020-05-12")}, adj, categories);
        INFO("daily fee " << r.daily_fee << ", " << r.reduction << " % off, +" << r.surcharge
                          << " %, rate " << r.rate << " %");
        CHECK(whole_day.net.value == r.day_amount);
        const auto h = half_day_fee(whole_day, r.rate);
        CHECK(h.net.value == r.half_amount);
        REQUIRE(h.days.size() == 1);
        CHECK(h.days[0].amount.value == r.half_amount);
        CHECK(h.days[0].daily_fee.value == r.daily_fee); // the day's list price, as before
        CHECK(h.days[0].discount_pct == whole_day.days[0].discount_pct);
        // The totals still add up: net = gross − discount + surcharge.
        CHECK(h.gross.value - h.discount.value + h.surcharge.value == h.net.value);
        CHECK(h.gross.value == r.daily_fee * r.rate / 100);
        CHECK(h.discount.value >= 0);
        CHECK(h.surcharge.value >= 0);
    }
}

TEST_CASE("half day: the delivery line is not scaled", "[half_day][fees]") {
    auto whole_day =
        quote_fee(cultivator(), branch_code{"GS"}, {d("2020-05-12"), d("2020-05-12")}, {}, {});
    whole_day.net += won{40000};
    whole_day.delivery = won{40000};
    const auto h = half_day_fee(whole_day, 50);
    CHECK(h.delivery.value == 40000);
    CHECK(h.net.value == 10000 + 40000);
}

TEST_CASE("half day: chaining covers its usage day, and it counts as one live reservation",
          "[half_day]") {
    const booking_policy policy; // 3 live
    farmer_record farmer;
    farmer.live.push_back({type_code{"CULTIVATOR"}, {d("2020-05-12"), d("2020-05-12")}});
    const auto today = d("2020-05-01");
    // The afternoon of the same day, the next day: chained.
    auto r = check_farmer(farmer, cultivator(), half("2020-05-12", half_day::pm), today, policy);
    REQUIRE(r);
    CHECK(r->code == reason::chained_booking);
    r = check_farmer(farmer, cultivator(), half("2020-05-13", half_day::am), today, policy);
    REQUIRE(r);
    CHECK(r->code == reason::chained_booking);
    CHECK_FALSE(
        check_farmer(farmer, cultivator(), half("2020-05-14", half_day::am), today, policy));
    // Two more live reservations (any kind) make three: the next half day is one too many.
    farmer.live.push_back({type_code{"SEEDER"}, {d("2020-05-20"), d("2020-05-20")}});
    farmer.live.push_back({type_code{"TILLER"}, {d("2020-05-21"), d("2020-05-22")}});
    r = check_farmer(farmer, cultivator(), half("2020-05-26", half_day::am), today, policy);
    REQUIRE(r);
    CHECK(r->code == reason::too_many_reservations);
}

TEST_CASE("half day: availability counts free mornings and afternoons", "[half_day]") {
    const auto cal = reference_branch();
    const std::vector<interval> live{half("2020-05-12", half_day::am).occupancy()};
    const auto days = availability(cal, cultivator(), {d("2020-05-10"), d("2020-05-13")}, 1, live);
    REQUIRE(days.size() == 4);
    REQUIRE(days[2].half);
    CHECK(days[2].available == 0); // a full day would meet the morning
    CHECK(days[2].half->am == 0);
    CHECK(days[2].half->pm == 1);
    REQUIRE(days[3].half);
    CHECK(*days[3].half == day_availability::half_free{1, 1});
    REQUIRE(days[0].half); // Sunday: no half days
    CHECK(*days[0].half == day_availability::half_free{0, 0});
    // With "now": the morning's window has closed at 09:00.
    const auto now = availability(cal, cultivator(), {d("2020-05-13"), d("2020-05-13")}, 1, live,
                                  kst("2020-05-13 10:00"), booking_policy{});
    REQUIRE(now[0].half);
    CHECK(*now[0].half == day_availability::half_free{0, 1});
    // A type without half days has none.
    const auto t = availability(cal, tractor(), {d("2020-05-12"), d("2020-05-12")}, 1, live);
    CHECK_FALSE(t[0].half);
}

TEST_CASE("half day: slots are validated", "[half_day]") {
    CHECK(validate_half_day_slots({}).empty());
    const auto t = [](int h, int m = 0) { return time_of_day{h * 60 + m}; };
    CHECK(validate_half_day_slots({t(9), t(13), t(13), t(17)}).empty()); // touching is fine
    CHECK(validate_half_day_slots({t(13), t(13), t(14), t(18)}) == "am.to");
    CHECK(validate_half_day_slots({t(9), t(14, 30), t(14), t(18)}) == "pm.from");
    CHECK(validate_half_day_slots({t(9), t(13), t(14), t(14)}) == "pm.to");
    CHECK(validate_half_day_slots({t(9), t(13), t(14), t(24, 1)}) == "pm.to");
    CHECK(validate_half_day_slots({time_of_day{-1}, t(13), t(14), t(18)}) == "am.from");
}
