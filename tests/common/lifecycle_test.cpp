#include <catch2/catch.hpp>

#include "common/lifecycle.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

TEST_CASE("lifecycle: allowed transitions and who may make them (DOMAIN.md §6)", "[lifecycle]") {
    const auto [from, act, actor, expected] =
        GENERATE(table<status, action, role, std::optional<status>>({
            {status::requested, action::confirm, role::operator_, status::confirmed},
            {status::requested, action::confirm, role::admin, status::confirmed},
            {status::requested, action::reject, role::operator_, status::rejected},
            {status::requested, action::cancel, role::farmer, status::cancelled},
            {status::confirmed, action::cancel, role::farmer, status::cancelled},
            {status::confirmed, action::cancel, role::clerk, status::cancelled},
            {status::confirmed, action::check_out, role::clerk, status::checked_out},
            {status::confirmed, action::no_show, role::clerk, status::no_show},
            {status::confirmed, action::no_show, role::system, status::no_show},
            {status::checked_out, action::check_in, role::clerk, status::returned},
            {status::checked_out, action::check_in, role::admin, status::returned},
        }));
    const auto r = apply_action(from, act, actor);
    REQUIRE(r.has_value());
    CHECK(*r == *expected);
}

TEST_CASE("lifecycle: anything else is invalid_transition or forbidden", "[lifecycle]") {
    const auto [from, act, actor, code] = GENERATE(table<status, action, role, reason>({
        {status::confirmed, action::confirm, role::operator_, reason::invalid_transition},
        {status::checked_out, action::cancel, role::admin, reason::invalid_transition},
        {status::checked_out, action::cancel, role::farmer, reason::invalid_transition},
        {status::returned, action::check_in, role::clerk, reason::invalid_transition},
        {status::cancelled, action::confirm, role::admin, reason::invalid_transition},
        {status::requested, action::check_out, role::clerk, reason::invalid_transition},
        {status::no_show, action::check_out, role::clerk, reason::invalid_transition},
        {status::rejected, action::cancel, role::farmer, reason::invalid_transition},
        {status::requested, action::confirm, role::farmer, reason::forbidden},
        {status::requested, action::confirm, role::clerk, reason::forbidden},
        {status::confirmed, action::check_out, role::operator_, reason::forbidden},
        {status::confirmed, action::check_out, role::farmer, reason::forbidden},
        {status::confirmed, action::no_show, role::farmer, reason::forbidden},
    }));
    CAPTURE(to_string(from), to_string(act), to_string(actor));
    const auto r = apply_action(from, act, actor);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == code);
}

TEST_CASE("lifecycle: the table has one edge per (status, action)", "[lifecycle]") {
    const auto all = transitions();
    for (std::size_t i = 0; i < all.size(); ++i) {
        for (std::size_t j = i + 1; j < all.size(); ++j) {
            CHECK_FALSE((all[i].from == all[j].from && all[i].act == all[j].act));
        }
        CHECK(is_live(all[i].from)); // terminal states have no way out
    }
}

TEST_CASE("lifecycle: time conditions around the pickup window", "[lifecycle]") {
    const auto cal = reference_branch();
    const auto plan = *plan_rental(cal, tractor(), {d("2020-05-24"), d("2020-05-24")}); // eve
    CHECK(farmer_may_cancel(plan, kst("2020-05-23 16:59")));
    CHECK_FALSE(farmer_may_cancel(plan, kst("2020-05-23 17:00")));
    CHECK_FALSE(within_pickup_window(plan, kst("2020-05-23 16:59")));
    CHECK(within_pickup_window(plan, kst("2020-05-23 17:00")));
    CHECK(within_pickup_window(plan, kst("2020-05-23 17:59")));
    CHECK_FALSE(within_pickup_window(plan, kst("2020-05-23 18:00")));
    CHECK_FALSE(pickup_window_closed(plan, kst("2020-05-23 17:59")));
    CHECK(pickup_window_closed(plan, kst("2020-05-23 18:00")));
    CHECK_FALSE(is_overdue(status::checked_out, plan.return_by, kst("2020-05-25 09:00")));
    CHECK(is_overdue(status::checked_out, plan.return_by, kst("2020-05-25 09:01")));
    CHECK_FALSE(is_overdue(status::returned, plan.return_by, kst("2020-05-26 09:00")));
}

TEST_CASE("strikes: a return more than a day late is a strike (DOMAIN.md §8)", "[lifecycle]") {
    const auto deadline = kst("2020-05-12 17:00");
    CHECK_FALSE(is_late_strike(deadline, kst("2020-05-13 17:00")));
    CHECK(is_late_strike(deadline, kst("2020-05-13 17:01")));
}

TEST_CASE("strikes: the third within 12 months suspends for 6 months (DOMAIN.md §8)",
          "[lifecycle]") {
    const strike_policy policy;
    const auto now = kst("2020-05-12 18:00");
    SECTION("three within the window") {
        const sys_seconds strikes[] = {kst("2019-06-01 10:00"), kst("2020-01-10 10:00"), now};
        const auto until = suspension_after_strike(strikes, now, seoul(), policy);
        REQUIRE(until);
        CHECK(*until == d("2020-11-11"));
    }
    SECTION("two is not enough") {
        const sys_seconds strikes[] = {kst("2020-01-10 10:00"), now};
        CHECK_FALSE(suspension_after_strike(strikes, now, seoul(), policy));
    }
    SECTION("strikes older than 12 months do not count") {
        const sys_seconds strikes[] = {kst("2019-05-01 10:00"), kst("2020-01-10 10:00"), now};
        CHECK_FALSE(suspension_after_strike(strikes, now, seoul(), policy));
    }
    SECTION("settings change the numbers") {
        const sys_seconds strikes[] = {kst("2020-01-10 10:00"), now};
        const auto until = suspension_after_strike(strikes, now, seoul(), strike_policy{2, 12, 1});
        REQUIRE(until);
        CHECK(*until == d("2020-06-11"));
    }
    SECTION("month ends are clamped") {
        const auto aug31 = kst("2020-08-31 12:00");
        const sys_seconds strikes[] = {aug31, aug31, aug31};
        CHECK(suspension_after_strike(strikes, aug31, seoul(), policy) == d("2021-02-27"));
    }
    CHECK(is_suspended(d("2020-05-12"), d("2020-05-12")));
    CHECK_FALSE(is_suspended(d("2020-05-12"), d("2020-05-13")));
    CHECK_FALSE(is_suspended(std::nullopt, d("2020-05-13")));
}
