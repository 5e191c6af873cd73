// Delivery (DOMAIN.md §15, issue 15): the lead time on the office calendar, the delivery slot
// within the pickup window, the refusals and the fee line that no discount reduces.
#include <catch2/catch.hpp>

#include "common/delivery.hpp"
#include "common/fees.hpp"
#include "common/planning.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

branch_delivery gwangsan() {
    return {{"임곡동", "본량동"}, won{20000},          won{40000}, 3,
            time_of_day{9 * 60},  time_of_day{18 * 60}};
}

machine_type deliverable_tractor() {
    auto t = tractor();
    t.deliverable = true;
    return t;
}

rental_plan plan_of(const std::string& start, const std::string& end) {
    const auto p = plan_rental(reference_branch(), tractor(), {d(start), d(end)});
    REQUIRE(p);
    return *p;
}

const delivery_request to_imgok{delivery_mode::round_trip, "임곡동 마을회관", "임곡동"};

} // namespace

TEST_CASE("delivery: the lead time counts calendar days before start, closed days too",
          "[delivery]") {
    // lead 3: usage from Thu 2020-05-14 can be booked with delivery until Mon 05-11, any hour.
    CHECK(last_delivery_booking_day(d("2020-05-14"), 3) == d("2020-05-11"));
    // Over a weekend: Mon 06-01 → Fri 05-29 (Saturday and Sunday count as days).
    CHECK(last_delivery_booking_day(d("2020-06-01"), 3) == d("2020-05-29"));
    CHECK(last_delivery_booking_day(d("2020-05-14"), 0) == d("2020-05-14"));
    CHECK(last_delivery_booking_day(d("2020-05-14"), -2) == d("2020-05-14"));

    const auto cal = reference_branch();
    const auto offer = gwangsan();
    const auto plan = plan_of("2020-05-14", "2020-05-14");
    CHECK_FALSE(
        check_delivery(cal, &offer, deliverable_tractor(), to_imgok, plan, d("2020-05-11")));
    CHECK_FALSE(
        check_delivery(cal, &offer, deliverable_tractor(), to_imgok, plan, d("2020-05-01")));
    const auto late =
        check_delivery(cal, &offer, deliverable_tractor(), to_imgok, plan, d("2020-05-12"));
    REQUIRE(late);
    CHECK(late->code == reason::delivery_lead_time);
    CHECK(late->detail("lead_days") == "3");
    CHECK(late->detail("last_day") == "2020-05-11");
    CHECK(late->detail("field") == "delivery");
}

TEST_CASE("delivery: the lead time counts to start, also for an eve pickup", "[delivery]") {
    // Sun 2020-05-10: eve pickup Fri 05-08 17:00; the last booking day is Thu 05-07.
    const auto plan = plan_of("2020-05-10", "2020-05-10");
    REQUIRE(plan.eve);
    const auto offer = gwangsan();
    const auto cal = reference_branch();
    CHECK_FALSE(
        check_delivery(cal, &offer, deliverable_tractor(), to_imgok, plan, d("2020-05-07")));
    CHECK(
        check_delivery(cal, &offer, deliverable_tractor(), to_imgok, plan, d("2020-05-08"))->code ==
        reason::delivery_lead_time);
}

TEST_CASE("delivery: refusals in order: not offered, area, lead time", "[delivery]") {
    const auto cal = reference_branch();
    const auto offer = gwangsan();
    const auto plan = plan_of("2020-05-14", "2020-05-14");
    const auto too_late = d("2020-05-13");

    const auto not_deliverable = check_delivery(cal, &offer, tractor(), to_imgok, plan, too_late);
    REQUIRE(not_deliverable);
    CHECK(not_deliverable->code == reason::delivery_not_offered);
    CHECK(not_deliverable->detail("reason") == "type_not_deliverable");

    const auto no_branch =
        check_delivery(cal, nullptr, deliverable_tractor(), to_imgok, plan, too_late);
    REQUIRE(no_branch);
    CHECK(no_branch->code == reason::delivery_not_offered);
    CHECK(no_branch->detail("reason") == "branch_not_delivering");

    auto elsewhere = to_imgok;
    elsewhere.area = "용전동";
    const auto outside =
        check_delivery(cal, &offer, deliverable_tractor(), elsewhere, plan, too_late);
    REQUIRE(outside);
    CHECK(outside->code == reason::outside_delivery_area);
    CHECK(outside->detail("field") == "delivery.area");
    CHECK(outside->detail("area") == "용전동");
}

TEST_CASE("delivery: the slot is the delivery hours within the pickup window", "[delivery]") {
    const auto cal = reference_branch();
    auto offer = gwangsan();
    offer.from = time_of_day{10 * 60};
    offer.to = time_of_day{16 * 60};
    // Regular pickup on Thu 05-14 09:00–18:00 → 10:00–16:00.
    const auto regular = delivery_slot(cal, offer, plan_of("2020-05-14", "2020-05-14"));
    REQUIRE(regular);
    CHECK(regular->from == kst("2020-05-14 10:00"));
    CHECK(regular->to == kst("2020-05-14 16:00"));
    // Eve pickup Fri 05-08 17:00–18:00: delivery hours end at 16:00, no slot → not offered.
    const auto eve_plan = plan_of("2020-05-10", "2020-05-10");
    CHECK_FALSE(delivery_slot(cal, offer, eve_plan));
    const auto refused =
        check_delivery(cal, &offer, deliverable_tractor(), to_imgok, eve_plan, d("2020-05-01"));
    REQUIRE(refused);
    CHECK(refused->detail("reason") == "no_delivery_hours");
    // With the default hours the eve slot is the eve window, on the eve day.
    const auto eve = delivery_slot(cal, gwangsan(), eve_plan);
    REQUIRE(eve);
    CHECK(eve->from == kst("2020-05-08 17:00"));
    CHECK(eve->to == kst("2020-05-08 18:00"));
}

TEST_CASE("delivery: the fee line is added to net, and no discount or category reduces it",
          "[delivery][fees]") {
    CHECK(delivery_fee(gwangsan(), delivery_mode::one_way) == won{20000});
    CHECK(delivery_fee(gwangsan(), delivery_mode::round_trip) == won{40000});

    fee_adjustment half;
    half.name_en = "spring";
    half.percent = 50;
    fee_adjustment veteran;
    veteran.name_en = "veteran";
    veteran.percent = 100;
    veteran.category = "VETERAN";
    fee_adjustment nonresident;
    nonresident.name_en = "non-resident";
    nonresident.percent = -50;
    nonresident.category = "NONRESIDENT";
    const fee_adjustment adj[] = {half, veteran, nonresident};
    const branch_code gs{"GS"};
    const period two_days{d("2020-05-12"), d("2020-05-13")};

    const std::string vet[] = {"VETERAN"};
    const auto free_rental =
        with_delivery(quote_fee(tractor(), gs, two_days, adj, vet), won{40000});
    CHECK(free_rental.gross == won{200000});
    CHECK(free_rental.discount == won{200000});
    CHECK(free_rental.delivery == won{40000});
    CHECK(free_rental.net == won{40000}); // a 100 % category leaves the delivery to pay

    const std::string non[] = {"NONRESIDENT"};
    const auto surcharged = with_delivery(quote_fee(tractor(), gs, two_days, adj, non), won{20000});
    // 50 % off, then +50 %: 75,000 a day; the delivery is neither halved nor surcharged.
    CHECK(surcharged.net == won{150000 + 20000});
    CHECK(surcharged.delivery == won{20000});
    for (const auto& day : surcharged.days) {
        CHECK(day.amount == won{75000});
    }
    // Applying it again replaces the line rather than adding it twice.
    const auto again = with_delivery(surcharged, won{40000});
    CHECK(again.net == won{150000 + 40000});
    CHECK(with_delivery(again, won{0}).net == won{150000});
}

TEST_CASE("delivery: modes parse and print", "[delivery]") {
    CHECK(parse_delivery_mode("one_way") == delivery_mode::one_way);
    CHECK(parse_delivery_mode("round_trip") == delivery_mode::round_trip);
    CHECK_FALSE(parse_delivery_mode("ROUND_TRIP"));
    CHECK_FALSE(parse_delivery_mode(""));
    CHECK(to_string(delivery_mode::round_trip) == "round_trip");
}
