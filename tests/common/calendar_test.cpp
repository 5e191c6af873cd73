#include <catch2/catch.hpp>

#include "common/calendar.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

TEST_CASE("branch calendar: operating days and why (DOMAIN.md §2)", "[calendar]") {
    branch_calendar cal = reference_branch();
    cal.closures[d("2020-05-13")] = closure{d("2020-05-13"), false, "재고 조사"};
    cal.closures[d("2020-05-17")] = closure{d("2020-05-17"), true, "특별 개장"};
    cal.closures[d("2020-05-05")] = closure{d("2020-05-05"), true, "어린이날 특별 개장"};

    const auto [date_text, operating, why] = GENERATE(table<std::string, bool, day_reason>({
        {"2020-05-12", true, day_reason::weekday},         // Tuesday
        {"2020-05-23", true, day_reason::saturday_season}, // Saturday inside the season
        {"2020-05-18", true, day_reason::weekday},         // first day of the season, a Monday
        {"2020-06-20", true, day_reason::saturday_season}, // last day of the season
        {"2020-06-27", false, day_reason::saturday},       // after the season
        {"2020-05-09", false, day_reason::saturday},       // before the season
        {"2020-05-24", false, day_reason::sunday},
        {"2020-05-31", false, day_reason::sunday},  // Sundays stay closed in season
        {"2020-06-06", false, day_reason::holiday}, // Memorial Day on an in-season Saturday
        {"2020-04-15", false, day_reason::holiday}, // election day, a Wednesday
        {"2020-10-01", false, day_reason::holiday}, // Chuseok
        {"2020-05-13", false, day_reason::closure},
        {"2020-05-17", true, day_reason::extra_opening}, // a Sunday, opened ad hoc
        {"2020-05-05", true, day_reason::extra_opening}, // an ad-hoc opening beats a holiday
    }));
    CAPTURE(date_text);
    const day_info info = classify_day(cal, d(date_text));
    CHECK(info.known);
    CHECK(info.operating == operating);
    CHECK(info.why == why);
    CHECK(is_operating_day(cal, d(date_text)) == operating);
    if (operating) {
        CHECK(info.open == time_of_day{9 * 60});
        CHECK(info.close == time_of_day{18 * 60});
    }
}

TEST_CASE("branch calendar: holidays and closures carry their names", "[calendar]") {
    branch_calendar cal = reference_branch();
    cal.closures[d("2020-05-13")] = closure{d("2020-05-13"), false, "재고 조사"};
    const auto memorial = classify_day(cal, d("2020-06-06"));
    CHECK(memorial.note_ko == "현충일");
    CHECK(memorial.note_en == "Memorial Day");
    CHECK(classify_day(cal, d("2020-05-13")).note_ko == "재고 조사");
}

TEST_CASE("branch calendar: Saturday seasons and closures are per branch", "[calendar]") {
    branch_calendar gs = reference_branch();
    branch_calendar bb = reference_branch();
    bb.saturday_seasons = {{d("2020-04-01"), d("2020-04-30")}};
    gs.closures[d("2020-05-12")] = closure{d("2020-05-12"), false, "stock-taking"};
    CHECK(is_operating_day(gs, d("2020-05-23")));
    CHECK_FALSE(is_operating_day(bb, d("2020-05-23")));
    CHECK(is_operating_day(bb, d("2020-04-25")));
    CHECK_FALSE(is_operating_day(gs, d("2020-04-25")));
    CHECK_FALSE(is_operating_day(gs, d("2020-05-12")));
    CHECK(is_operating_day(bb, d("2020-05-12")));
}

TEST_CASE("branch calendar: years without holiday data are unknown, never guessed", "[calendar]") {
    branch_calendar cal = reference_branch();
    for (const char* text : {"2017-06-01", "2028-03-02", "2030-01-07"}) {
        CAPTURE(text);
        const auto info = classify_day(cal, d(text));
        CHECK_FALSE(info.known);
        CHECK_FALSE(info.operating);
        CHECK(info.why == day_reason::unknown);
    }
    // Even an ad-hoc entry does not make an unknown year known.
    cal.closures[d("2028-03-02")] = closure{d("2028-03-02"), true, ""};
    CHECK_FALSE(classify_day(cal, d("2028-03-02")).known);
    // An admin who enters a year's holidays can declare the year known.
    holiday_calendar extended = shipped_holidays();
    extended.add_known_year(2028);
    cal.holidays = &extended;
    CHECK(classify_day(cal, d("2028-03-02")).known);
}

TEST_CASE("branch hours must make sense", "[calendar]") {
    CHECK(validate_hours(branch_hours{}).empty());
    branch_hours h;
    h.open = time_of_day{18 * 60};
    CHECK_FALSE(validate_hours(h).empty());
    h = branch_hours{};
    h.eve_pickup_from = time_of_day{18 * 60};
    CHECK_FALSE(validate_hours(h).empty());
    h = branch_hours{};
    h.return_by = time_of_day{19 * 60};
    CHECK_FALSE(validate_hours(h).empty());
    h = branch_hours{};
    h.booking_cutoff = time_of_day{8 * 60};
    CHECK_FALSE(validate_hours(h).empty());
}
