#include <catch2/catch.hpp>

#include "common/fees.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

fee_adjustment spring_2020() {
    fee_adjustment a;
    a.name_ko = "한시적 임대료 50% 감면";
    a.name_en = "Temporary 50% fee reduction";
    a.percent = 50;
    a.days = date_range{d("2020-04-01"), d("2020-07-31")};
    return a;
}

const branch_code gs{"GS"};
const branch_code bb{"BB"};

} // namespace

TEST_CASE("fees: sum of daily fees over the usage days (DOMAIN.md §7)", "[fees]") {
    const auto q = quote_fee(tractor(), gs, {d("2020-03-30"), d("2020-03-31")}, {}, {});
    CHECK(q.gross == won{200000});
    CHECK(q.discount == won{0});
    CHECK(q.net == won{200000});
    REQUIRE(q.days.size() == 2);
    CHECK(q.days[0].date == d("2020-03-30"));
    CHECK(q.days[0].amount == won{100000});
    CHECK(q.days[0].discount_pct == 0);
}

TEST_CASE("fees: the April–July 2020 reduction applies per usage day", "[fees]") {
    const fee_adjustment adj[] = {spring_2020()};
    // 2020-03-31 … 2020-04-02: the first day is full price, the other two halved.
    const auto q = quote_fee(tractor(), gs, {d("2020-03-31"), d("2020-04-02")}, adj, {});
    CHECK(q.gross == won{300000});
    CHECK(q.discount == won{100000});
    CHECK(q.net == won{200000});
    CHECK(q.days[0].discount_pct == 0);
    CHECK(q.days[1].discount_pct == 50);
    CHECK(q.days[1].discount_name_en == "Temporary 50% fee reduction");
    CHECK(q.days[1].amount == won{50000});
    // Last day of July still discounted, August not.
    const auto edge = quote_fee(tractor(), gs, {d("2020-07-31"), d("2020-08-01")}, adj, {});
    CHECK(edge.days[0].amount == won{50000});
    CHECK(edge.days[1].amount == won{100000});
}

TEST_CASE("fees: the largest applicable reduction wins, no stacking", "[fees]") {
    fee_adjustment small = spring_2020();
    small.percent = 20;
    small.name_en = "small";
    fee_adjustment big = spring_2020();
    big.percent = 30;
    big.name_en = "big";
    fee_adjustment category;
    category.percent = 50;
    category.name_en = "veteran";
    category.category = "veteran";
    const fee_adjustment adj[] = {small, big, category};

    const auto plain = quote_fee(tractor(), gs, {d("2020-05-12"), d("2020-05-12")}, adj, {});
    CHECK(plain.days[0].discount_pct == 30);
    CHECK(plain.days[0].discount_name_en == "big");
    CHECK(plain.net == won{70000});

    const std::string cats[] = {"veteran"};
    const auto veteran = quote_fee(tractor(), gs, {d("2020-05-12"), d("2020-05-12")}, adj, cats);
    CHECK(veteran.days[0].discount_pct == 50);
    CHECK(veteran.days[0].discount_name_en == "veteran");
    CHECK(veteran.net == won{50000});
}

TEST_CASE("fees: discounts can be limited to branches and types", "[fees]") {
    fee_adjustment a = spring_2020();
    a.branches = {bb};
    a.types = {transplanter().code};
    const fee_adjustment adj[] = {a};
    const period day{d("2020-05-12"), d("2020-05-12")};
    CHECK(quote_fee(transplanter(), bb, day, adj, {}).net == won{25000});
    CHECK(quote_fee(transplanter(), gs, day, adj, {}).net == won{50000});
    CHECK(quote_fee(tractor(), bb, day, adj, {}).net == won{100000});
}

TEST_CASE("fees: a surcharge applies on top of the best reduction", "[fees]") {
    fee_adjustment nonresident;
    nonresident.name_en = "non-resident";
    nonresident.percent = -50; // +50 % surcharge
    nonresident.category = "nonresident";
    const fee_adjustment adj[] = {spring_2020(), nonresident};
    const std::string cats[] = {"nonresident"};
    const period day{d("2020-05-12"), d("2020-05-12")};
    const auto q = quote_fee(tractor(), gs, day, adj, cats);
    CHECK(q.days[0].discount_pct == 50);
    CHECK(q.days[0].surcharge_pct == 50);
    CHECK(q.days[0].amount == won{75000}); // 100 000 × 0.5 × 1.5
    CHECK(q.gross == won{100000});
    CHECK(q.discount == won{50000});
    CHECK(q.surcharge == won{25000});
    CHECK(q.net == q.gross - q.discount + q.surcharge);
    // Outside the discount period the surcharge alone applies.
    const auto august = quote_fee(tractor(), gs, {d("2020-08-03"), d("2020-08-03")}, adj, cats);
    CHECK(august.net == won{150000});
    // Farmers outside the category pay no surcharge.
    CHECK(quote_fee(tractor(), gs, day, adj, {}).net == won{50000});
}

TEST_CASE("fees: each day's amount is rounded down to the won", "[fees]") {
    machine_type odd = transplanter();
    odd.daily_fee = won{33333};
    fee_adjustment a = spring_2020();
    a.percent = 15;
    const fee_adjustment adj[] = {a};
    const auto q = quote_fee(odd, gs, {d("2020-05-12"), d("2020-05-14")}, adj, {});
    // 33333 × 0.85 = 28333.05 → 28333 each day; the total is the sum of rounded days.
    for (const auto& day : q.days) {
        CHECK(day.amount == won{28333});
    }
    CHECK(q.net == won{84999});
    CHECK(q.discount == won{3 * (33333 - 28333)});
}

TEST_CASE("late fee: grace, started days, multiplier (DOMAIN.md §7)", "[fees]") {
    const sys_seconds deadline = kst("2020-05-12 17:00");
    const won daily{100000};
    const late_policy policy; // 1 h grace, ×1
    const auto [returned, days, fee] = GENERATE(table<std::string, int, std::int64_t>({
        {"2020-05-12 16:00", 0, 0},
        {"2020-05-12 17:59", 0, 0},      // within the grace
        {"2020-05-12 18:00", 0, 0},      // exactly at the end of the grace
        {"2020-05-12 18:01", 1, 100000}, // past the grace: first started day
        {"2020-05-13 17:00", 1, 100000}, // exactly one day late
        {"2020-05-13 17:01", 2, 200000}, // a second day has started
        {"2020-05-15 09:00", 3, 300000},
    }));
    CAPTURE(returned);
    const auto r = late_fee(deadline, kst(returned), daily, policy);
    CHECK(r.days_late == days);
    CHECK(r.fee == won{fee});

    late_policy strict;
    strict.grace = std::chrono::minutes{0};
    strict.multiplier_pct = 150;
    const auto s = late_fee(deadline, kst("2020-05-12 17:30"), won{33333}, strict);
    CHECK(s.days_late == 1);
    CHECK(s.fee == won{49999}); // 33333 × 1.5 rounded down
}
