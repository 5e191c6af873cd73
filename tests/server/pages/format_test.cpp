// Dates, times and money as the pages write them (server/pages/format.hpp), without a server.
#include <catch2/catch.hpp>

#include "server/pages/format.hpp"

using namespace agrirent;

TEST_CASE("format: dates, times and money in both languages", "[views]") {
    const local_days d{date::year{2020} / 5 / 24};
    CHECK(pages::day_text(d, "ko") == "5월 24일 (일)");
    CHECK(pages::day_text(d, "en") == "Sun 24 May");
    CHECK(pages::day_inline(d, "ko") == "5월 24일 일");
    CHECK(pages::day_text_year(d, "en") == "Sun 24 May 2020");
    CHECK(pages::won_text(won{30000}, "ko") == "30,000원");
    CHECK(pages::won_text(won{1234567}, "en") == "₩1,234,567");
    CHECK(pages::won_text(won{0}, "ko") == "0원");
    CHECK(pages::spoken_span(time_of_day{17 * 60}, time_of_day{18 * 60}, "ko") == "오후 5시~6시");
    CHECK(pages::spoken_span(time_of_day{9 * 60}, time_of_day{18 * 60}, "ko") ==
          "오전 9시~오후 6시");
    CHECK(pages::spoken_span(time_of_day{17 * 60 + 30}, time_of_day{18 * 60}, "en") == "5:30–6 pm");
    CHECK(pages::month_year_text(date::year{2020} / 5, "ko") == "2020년 5월");
    CHECK(pages::month_year_text(date::year{2020} / 5, "en") == "May 2020");
}
