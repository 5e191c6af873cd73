// Korean public holidays (DOMAIN.md §2): the shipped data and its parser.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "common/holidays.hpp"
#include "common/time.hpp"

namespace {

using agrirent::holiday;
using agrirent::holiday_calendar;
using agrirent::local_days;

local_days day(std::string_view s) {
    const auto d = agrirent::parse_date(s);
    REQUIRE(d.has_value());
    return *d;
}

constexpr std::string_view header = "date,name_ko,name_en\n";

} // namespace

TEST_CASE("shipped holiday data parses", "[holidays]") {
    holiday_calendar calendar;
    const auto error = agrirent::parse_holiday_csv(agrirent::shipped_holiday_csv(), calendar);
    if (error) {
        FAIL("line " << error->line << ": " << error->message);
    }
    CHECK(calendar.all() == agrirent::shipped_holidays().all());
    CHECK(calendar.known_years() == agrirent::shipped_holidays().known_years());
}

TEST_CASE("shipped holidays cover 2018-2027, 2017 and 2028 are unknown", "[holidays]") {
    const auto& calendar = agrirent::shipped_holidays();
    for (int year = 2018; year <= 2027; ++year) {
        CAPTURE(year);
        CHECK(calendar.is_known_year(year));
    }
    struct row {
        std::string_view date;
        bool known;
    };
    const std::vector<row> table{
        {"2017-12-31", false}, {"2018-01-01", true},  {"2027-12-31", true},
        {"2028-01-01", false}, {"2017-10-04", false}, {"2028-01-27", false},
    };
    for (const auto& r : table) {
        CAPTURE(r.date);
        CHECK(calendar.is_known(day(r.date)) == r.known);
    }
}

TEST_CASE("every known year holds the fixed-date holidays", "[holidays]") {
    const auto& calendar = agrirent::shipped_holidays();
    const std::vector<std::string_view> month_days{"01-01", "03-01", "05-05", "06-06",
                                                   "08-15", "10-03", "10-09", "12-25"};
    for (const int year : calendar.known_years()) {
        for (const auto md : month_days) {
            const auto date = std::to_string(year) + "-" + std::string(md);
            CAPTURE(date);
            CHECK(calendar.find(day(date)) != nullptr);
        }
    }
}

TEST_CASE("shipped holidays match the official almanac", "[holidays]") {
    struct row {
        std::string_view date;
        std::string_view name_ko;
        std::string_view name_en;
    };
    const std::vector<row> table{
        // 2020, the reference customer's year: every kind of holiday.
        {"2020-01-01", "1월 1일", "New Year's Day"},
        {"2020-01-24", "설날 전날", "Seollal"},
        {"2020-01-25", "설날", "Seollal"},
        {"2020-01-26", "설날 다음 날", "Seollal"},
        {"2020-01-27", "대체공휴일(설날)", "Substitute Holiday (Seollal)"},
        {"2020-03-01", "3ㆍ1절", "Independence Movement Day"},
        {"2020-04-15", "제21대 국회의원선거", "Election Day"},
        {"2020-04-30", "부처님 오신 날", "Buddha's Birthday"},
        {"2020-05-05", "어린이날", "Children's Day"},
        {"2020-06-06", "현충일", "Memorial Day"},
        {"2020-08-15", "광복절", "Liberation Day"},
        {"2020-08-17", "임시공휴일", "Temporary Holiday"},
        {"2020-09-30", "추석 전날", "Chuseok"},
        {"2020-10-01", "추석", "Chuseok"},
        {"2020-10-02", "추석 다음 날", "Chuseok"},
        {"2020-10-03", "개천절", "National Foundation Day"},
        {"2020-10-09", "한글날", "Hangul Day"},
        {"2020-12-25", "기독탄신일", "Christmas Day"},
        // Other years: elections, temporary and substitute holidays, lunar dates.
        {"2018-06-13", "전국동시지방선거", "Election Day"},
        {"2018-09-26", "대체공휴일(추석)", "Substitute Holiday (Chuseok)"},
        {"2021-08-16", "대체공휴일(광복절)", "Substitute Holiday (Liberation Day)"},
        {"2022-03-09", "대통령선거", "Election Day"},
        {"2022-06-01", "전국동시지방선거", "Election Day"},
        {"2023-05-29", "대체공휴일(부처님 오신 날)", "Substitute Holiday (Buddha's Birthday)"},
        {"2023-10-02", "임시공휴일", "Temporary Holiday"},
        {"2024-04-10", "제22대국회의원선거", "Election Day"},
        {"2024-10-01", "임시공휴일", "Temporary Holiday"},
        {"2025-01-27", "임시공휴일", "Temporary Holiday"},
        {"2025-03-03", "대체공휴일(3ㆍ1절)", "Substitute Holiday (Independence Movement Day)"},
        {"2025-05-05", "어린이날 · 부처님 오신 날", "Children's Day / Buddha's Birthday"},
        {"2025-06-03", "임시공휴일(대통령선거)", "Election Day"},
        {"2025-10-08", "대체공휴일(추석)", "Substitute Holiday (Chuseok)"},
        {"2027-02-06", "설날 전날", "Seollal"},
        {"2027-02-07", "설날", "Seollal"},
        {"2027-02-08", "설날 다음 날", "Seollal"},
        {"2027-02-09", "대체공휴일(설날)", "Substitute Holiday (Seollal)"},
        {"2027-12-27", "대체공휴일(기독탄신일)", "Substitute Holiday (Christmas Day)"},
    };
    const auto& calendar = agrirent::shipped_holidays();
    for (const auto& r : table) {
        CAPTURE(r.date);
        const holiday* h = calendar.find(day(r.date));
        REQUIRE(h != nullptr);
        CHECK(h->date == day(r.date));
        CHECK(h->name_ko == r.name_ko);
        CHECK(h->name_en == r.name_en);
    }
}

TEST_CASE("ordinary days are not holidays", "[holidays]") {
    const std::vector<std::string_view> table{
        "2020-05-12", // a Tuesday (DOMAIN.md §4 worked example)
        "2020-05-23", // a Saturday: closed or not is the branch calendar's business
        "2020-05-24", // a Sunday
        "2020-01-23", // the day before Seollal's eve
        "2020-01-28", // the day after the substitute holiday
        "2020-10-05", // Monday after Foundation Day (Saturday): no substitute in 2020
        "2019-05-07", // after the 2019 Children's Day substitute
        "2025-05-07", // after the 2025 substitute for Buddha's Birthday
    };
    const auto& calendar = agrirent::shipped_holidays();
    for (const auto date : table) {
        CAPTURE(date);
        CHECK(calendar.is_known(day(date)));
        CHECK(calendar.find(day(date)) == nullptr);
    }
}

TEST_CASE("the holiday parser refuses malformed input with the line number", "[holidays]") {
    struct row {
        std::string_view what;
        std::string text;
        int line;
    };
    const std::string years = "# years: 2020-2020\n";
    const std::vector<row> table{
        {"missing header", years + "2020-01-01,1월 1일,New Year's Day\n", 2},
        {"wrong header", "date,name\n", 1},
        {"no header at all", years, 0},
        {"empty input", "", 0},
        {"bad date", years + std::string(header) + "2020-01-01,a,b\n2020-02-30,a,b\n", 4},
        {"date not ISO", years + std::string(header) + "2020-1-1,a,b\n", 3},
        {"two fields", years + std::string(header) + "2020-01-01,1월 1일\n", 3},
        {"four fields", years + std::string(header) + "2020-01-01,a,b,c\n", 3},
        {"empty Korean name", years + std::string(header) + "\n2020-01-01,,New Year's Day\n", 4},
        {"empty English name", years + std::string(header) + "2020-01-01,1월 1일,\n", 3},
        {"padded name", years + std::string(header) + "2020-01-01, 1월 1일,a\n", 3},
        {"outside declared years", years + std::string(header) + "2021-01-01,1월 1일,a\n", 3},
        {"no years declared", std::string(header) + "2020-01-01,1월 1일,a\n", 2},
        {"years declared too late",
         std::string(header) + "2020-01-01,1월 1일,a\n# years: 2020-2020\n", 2},
        {"malformed years", "# years: 2027-2018\n" + std::string(header), 1},
        {"years not numbers", "# years: twenty\n" + std::string(header), 1},
        {"duplicate holiday", years + std::string(header) + "2020-01-01,a,b\n2020-01-01,a,c\n", 4},
    };
    for (const auto& r : table) {
        CAPTURE(r.what, r.text);
        holiday_calendar calendar;
        calendar.add({day("2019-01-01"), "기존", "existing"});
        const auto error = agrirent::parse_holiday_csv(r.text, calendar);
        REQUIRE(error.has_value());
        CHECK(error->line == r.line);
        CHECK_FALSE(error->message.empty());
        // Nothing of a malformed text reaches the calendar.
        CHECK(calendar.all().size() == 1);
        CHECK(calendar.known_years().empty());
    }
}

TEST_CASE("the holiday parser accepts comments, blank lines and CRLF", "[holidays]") {
    const std::string text = "\xEF\xBB\xBF# shipped holidays\r\n"
                             "# years: 2020-2021\r\n"
                             "\r\n"
                             "date,name_ko,name_en\r\n"
                             "2020-01-01,1월 1일,New Year's Day\r\n"
                             "   \n"
                             "# a comment between holidays\n"
                             "2021-01-01,1월 1일,New Year's Day"; // no final newline
    holiday_calendar calendar;
    const auto error = agrirent::parse_holiday_csv(text, calendar);
    CHECK_FALSE(error.has_value());
    CHECK(calendar.known_years() == std::set<int>{2020, 2021});
    REQUIRE(calendar.all().size() == 2);
    REQUIRE(calendar.find(day("2021-01-01")) != nullptr);
    CHECK(calendar.find(day("2021-01-01"))->name_en == "New Year's Day");
    CHECK(calendar.find(day("2020-01-01"))->name_ko == "1월 1일");
}

TEST_CASE("holidays on one date merge into one with joined names", "[holidays]") {
    SECTION("through the parser, in file order") {
        const std::string text = "# years: 2025-2025\n" + std::string(header) +
                                 "2025-05-05,어린이날,Children's Day\n"
                                 "2025-05-05,부처님 오신 날,Buddha's Birthday\n";
        holiday_calendar calendar;
        REQUIRE_FALSE(agrirent::parse_holiday_csv(text, calendar).has_value());
        REQUIRE(calendar.all().size() == 1);
        const holiday* h = calendar.find(day("2025-05-05"));
        REQUIRE(h != nullptr);
        CHECK(h->name_ko == "어린이날 · 부처님 오신 날");
        CHECK(h->name_en == "Children's Day / Buddha's Birthday");
    }
    SECTION("through add, where adding the same holiday again changes nothing") {
        holiday_calendar calendar;
        calendar.add({day("2020-06-03"), "개교기념일", "Founding Day"});
        calendar.add({day("2020-06-03"), "임시공휴일", "Temporary Holiday"});
        calendar.add({day("2020-06-03"), "개교기념일", "Founding Day"});
        calendar.add({day("2020-06-03"), "임시공휴일", "Temporary Holiday"});
        REQUIRE(calendar.all().size() == 1);
        const holiday* h = calendar.find(day("2020-06-03"));
        REQUIRE(h != nullptr);
        CHECK(h->name_ko == "개교기념일 · 임시공휴일");
        CHECK(h->name_en == "Founding Day / Temporary Holiday");
    }
}

TEST_CASE("admins add and remove holidays at run time", "[holidays]") {
    holiday_calendar calendar = agrirent::shipped_holidays();
    const auto before = calendar.all().size();

    // A temporary holiday declared after the data shipped.
    calendar.add({day("2020-05-12"), "임시공휴일", "Temporary Holiday"});
    REQUIRE(calendar.find(day("2020-05-12")) != nullptr);
    CHECK(calendar.find(day("2020-05-12"))->name_en == "Temporary Holiday");
    CHECK(calendar.all().size() == before + 1);

    // A temporary holiday that was cancelled.
    calendar.remove(day("2020-08-17"));
    CHECK(calendar.find(day("2020-08-17")) == nullptr);
    CHECK(calendar.all().size() == before);

    // Removing a day that is no holiday is harmless.
    calendar.remove(day("2020-05-13"));
    CHECK(calendar.all().size() == before);

    // Adding a holiday does not make its year known: the rest of 2028 is still unknown.
    calendar.add({day("2028-01-01"), "1월 1일", "New Year's Day"});
    CHECK(calendar.find(day("2028-01-01")) != nullptr);
    CHECK_FALSE(calendar.is_known(day("2028-01-01")));

    // The shipped calendar itself is untouched.
    CHECK(agrirent::shipped_holidays().find(day("2020-08-17")) != nullptr);
    CHECK(agrirent::shipped_holidays().find(day("2020-05-12")) == nullptr);
}

TEST_CASE("the calendar is known through the end of the run of known years from today",
          "[holidays]") {
    // Issue 13: the /metrics gauge and the staff pages' warning.
    const auto& shipped = agrirent::shipped_holidays();
    CHECK(agrirent::known_through(shipped, day("2026-12-06")) == day("2027-12-31"));
    CHECK(agrirent::known_through(shipped, day("2018-01-01")) == day("2027-12-31"));
    CHECK(agrirent::known_through(shipped, day("2027-12-31")) == day("2027-12-31"));
    // Today's year unknown: nothing from today on is known.
    CHECK(agrirent::known_through(shipped, day("2028-03-01")) == day("2028-02-29"));
    CHECK(agrirent::known_through(shipped, day("2017-06-01")) == day("2017-05-31"));

    // An admin declares 2028 complete: one more year; 2030 alone does not extend the run.
    holiday_calendar cal = shipped;
    cal.add_known_year(2028);
    cal.add_known_year(2030);
    CHECK(agrirent::known_through(cal, day("2026-12-06")) == day("2028-12-31"));
    CHECK(agrirent::known_through(cal, day("2030-01-01")) == day("2030-12-31"));
}

TEST_CASE("staff are warned from 12 months before the calendar runs out", "[holidays]") {
    struct row {
        std::string_view today;
        std::string_view known_through;
        bool due;
    };
    const std::vector<row> table{
        {"2026-12-06", "2027-12-31", false}, // the day issue 13 was filed
        {"2026-12-30", "2027-12-31", false},
        {"2026-12-31", "2027-12-31", true}, // exactly 12 months before
        {"2027-06-15", "2027-12-31", true},
        {"2027-12-31", "2027-12-31", true},
        {"2028-01-02", "2028-01-01", true},  // already run out
        {"2027-02-28", "2028-02-29", false}, // 2028-02-28 is before the 29th
        {"2027-03-01", "2028-02-29", true},
        {"2028-02-29", "2029-02-28", true}, // 2029 has no 29 February: the 28th
        {"2028-02-28", "2029-02-28", true},
        {"2028-02-27", "2029-02-28", false},
    };
    for (const auto& r : table) {
        CAPTURE(r.today, r.known_through);
        CHECK(agrirent::calendar_renewal_due(day(r.today), day(r.known_through)) == r.due);
    }
}
