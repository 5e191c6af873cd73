#include <catch2/catch.hpp>

#include "common/time.hpp"
#include "fixtures.hpp"

using namespace agrirent;
using namespace agrirent::test;

TEST_CASE("dates are strict YYYY-MM-DD of a real date", "[time][validation]") {
    const auto [text, valid] = GENERATE(table<std::string, bool>({
        {"2020-05-12", true},
        {"2020-02-29", true}, // leap year
        {"2019-02-29", false},
        {"2020-02-30", false},
        {"2020-13-01", false},
        {"2020-00-10", false},
        {"2020-5-12", false},
        {"2020/05/12", false},
        {"20200512", false},
        {" 2020-05-12", false},
        {"2020-05-12 ", false},
        {"2020-05-1x", false},
        {"+020-05-12", false},
        {"", false},
    }));
    CAPTURE(text);
    CHECK(parse_date(text).has_value() == valid);
}

TEST_CASE("dates round-trip through format_date", "[time]") {
    CHECK(format_date(d("2020-05-12")) == "2020-05-12");
    CHECK(format_date(d("1999-12-31")) == "1999-12-31");
}

TEST_CASE("instants are shown in KST with the +09:00 offset", "[time]") {
    const sys_seconds t = to_instant(seoul(), d("2020-05-23"), time_of_day{17 * 60});
    CHECK(format_instant(seoul(), t) == "2020-05-23T17:00:00+09:00");
    // 17:00 KST is 08:00 UTC.
    CHECK(t == date::sys_days{date::year{2020} / 5 / 23} + std::chrono::hours{8});
    CHECK(local_date_of(seoul(), t) == d("2020-05-23"));
    CHECK(local_time_of_day(seoul(), t) == time_of_day{17 * 60});
    // 23:30 UTC is already the next day in Seoul.
    const sys_seconds late_utc = date::sys_days{date::year{2020} / 5 / 23} +
                                 std::chrono::hours{23} + std::chrono::minutes{30};
    CHECK(local_date_of(seoul(), late_utc) == d("2020-05-24"));
}

TEST_CASE("RFC 3339 instants parse with offsets and Z", "[time]") {
    const auto expected = kst("2020-05-12 10:00");
    CHECK(parse_instant("2020-05-12T10:00:00+09:00") == expected);
    CHECK(parse_instant("2020-05-12T01:00:00Z") == expected);
    CHECK(parse_instant("2020-05-12T01:00:00.250Z") == expected);
    CHECK(parse_instant("2020-05-11T21:00:00-04:00") == expected);
    CHECK_FALSE(parse_instant("2020-05-12T10:00:00"));
    CHECK_FALSE(parse_instant("2020-05-12T25:00:00Z"));
    CHECK_FALSE(parse_instant("2020-02-30T10:00:00Z"));
    CHECK_FALSE(parse_instant("2020-05-12T10:00:00+0900"));
    CHECK_FALSE(parse_instant("yesterday"));
}

TEST_CASE("times of day are strict HH:MM", "[time]") {
    CHECK(parse_time_of_day("17:00") == time_of_day{1020});
    CHECK(parse_time_of_day("00:00") == time_of_day{0});
    CHECK(parse_time_of_day("24:00") == time_of_day{1440});
    CHECK_FALSE(parse_time_of_day("24:01"));
    CHECK_FALSE(parse_time_of_day("9:00"));
    CHECK_FALSE(parse_time_of_day("09:60"));
    CHECK(format_time_of_day(time_of_day{17 * 60 + 5}) == "17:05");
}
