#include <catch2/catch.hpp>

#include "common/fee_bands.hpp"

using namespace agrirent;

namespace {

std::int64_t band_fee_of(std::int64_t price) {
    const auto* b = band_for(shipped_fee_bands(), won{price});
    REQUIRE(b != nullptr);
    return b->daily_fee.value;
}

} // namespace

TEST_CASE("the shipped table is DOMAIN.md §17's 18 rows and passes its own check", "[fee_bands]") {
    const auto& t = shipped_fee_bands();
    REQUIRE(t.size() == 18);
    CHECK_FALSE(check_fee_table(t));
    CHECK(t.front() == fee_band{won{0}, won{1'000'000}, won{10'000}});
    CHECK(t[7] == fee_band{won{7'000'000}, won{8'000'000}, won{36'500}});
    CHECK(t.back() == fee_band{won{45'000'000}, std::nullopt, won{210'000}});
}

TEST_CASE("band lookup: lower bound inclusive, upper exclusive (DOMAIN.md §17)", "[fee_bands]") {
    const auto [price, fee] = GENERATE(table<std::int64_t, std::int64_t>({
        {0, 10'000},
        {999'999, 10'000},
        {1'000'000, 12'000},
        {1'999'999, 12'000},
        {2'000'000, 15'000},
        {7'500'000, 36'500},
        {9'999'999, 46'000},
        {10'000'000, 65'000},
        {14'999'999, 65'000},
        {15'000'000, 85'000},
        {39'999'999, 185'000},
        {40'000'000, 195'000},
        {44'999'999, 195'000},
        {45'000'000, 210'000},
        {900'000'000, 210'000},
    }));
    CAPTURE(price);
    CHECK(band_fee_of(price) == fee);
}

TEST_CASE("no band for a negative price or a table that does not cover it", "[fee_bands]") {
    CHECK(band_for(shipped_fee_bands(), won{-1}) == nullptr);
    const std::vector<fee_band> partial{{won{0}, won{100}, won{5}}};
    CHECK(band_for(partial, won{100}) == nullptr);
    CHECK_FALSE(range_for(partial, won{100}));
}

TEST_CASE("allowed range: band fee ±15 %, each bound rounded to the won, halves up",
          "[fee_bands]") {
    CHECK(allowed_range(won{10'000}) == fee_range{won{10'000}, won{8'500}, won{11'500}});
    CHECK(allowed_range(won{36'500}) == fee_range{won{36'500}, won{31'025}, won{41'975}});
    CHECK(allowed_range(won{210'000}) == fee_range{won{210'000}, won{178'500}, won{241'500}});
    // 12,345 × 0.85 = 10,493.25 → 10,493; × 1.15 = 14,196.75 → 14,197.
    CHECK(allowed_range(won{12'345}) == fee_range{won{12'345}, won{10'493}, won{14'197}});
    // Exact halves go up: 10 × 0.85 = 8.5 → 9; 10 × 1.15 = 11.5 → 12.
    CHECK(allowed_range(won{10}) == fee_range{won{10}, won{9}, won{12}});
    // 30 × 0.85 = 25.5 → 26; 30 × 1.15 = 34.5 → 35.
    CHECK(allowed_range(won{30}) == fee_range{won{30}, won{26}, won{35}});
}

TEST_CASE("the fee check: inside the range passes, one won outside is refused with the range",
          "[fee_bands]") {
    const auto& t = shipped_fee_bands();
    // 45,000,000: band 210,000, range 178,500 … 241,500.
    CHECK_FALSE(check_fee_in_band(t, won{45'000'000}, won{178'500}));
    CHECK_FALSE(check_fee_in_band(t, won{45'000'000}, won{241'500}));
    const auto low = check_fee_in_band(t, won{45'000'000}, won{178'499});
    REQUIRE(low);
    CHECK(low->code == reason::fee_out_of_band);
    CHECK(low->detail("band_fee") == "210000");
    CHECK(low->detail("min") == "178500");
    CHECK(low->detail("max") == "241500");
    CHECK(low->detail("purchase_price") == "45000000");
    CHECK(low->detail("daily_fee") == "178499");
    CHECK(low->detail("field") == "daily_fee");
    CHECK(check_fee_in_band(t, won{45'000'000}, won{241'501}));
    // 44,999,999: band 195,000, range 165,750 … 224,250.
    CHECK(check_fee_in_band(t, won{44'999'999}, won{241'500})->detail("max") == "224250");
    CHECK_FALSE(check_fee_in_band(t, won{44'999'999}, won{224'250}));
    // 999,999 / 1,000,000: 10,000 (8,500 … 11,500) / 12,000 (10,200 … 13,800).
    CHECK_FALSE(check_fee_in_band(t, won{999'999}, won{11'500}));
    CHECK(check_fee_in_band(t, won{999'999}, won{11'501}));
    CHECK(check_fee_in_band(t, won{1'000'000}, won{10'199}));
    CHECK_FALSE(check_fee_in_band(t, won{1'000'000}, won{10'200}));
    // Without a purchase price nothing is checked.
    CHECK_FALSE(check_fee_in_band(t, std::nullopt, won{0}));
    CHECK_FALSE(check_fee_in_band(t, std::nullopt, won{99'999'999}));
}

TEST_CASE("an edited table must be contiguous, open-ended and have positive fees", "[fee_bands]") {
    using p = std::pair<std::string, std::string>;
    const auto problem = [](const std::vector<fee_band>& t) {
        const auto r = check_fee_table(t);
        REQUIRE(r);
        CHECK(r->code == reason::invalid_field);
        return p{std::string{r->detail("field")}, std::string{r->detail("problem")}};
    };
    CHECK_FALSE(check_fee_table(std::vector<fee_band>{{won{0}, std::nullopt, won{1}}}));
    CHECK(problem({}) == p{"bands", "empty"});
    CHECK(problem({{won{1}, std::nullopt, won{10}}}) == p{"bands[0].price_from", "must_be_zero"});
    CHECK(problem({{won{0}, won{10}, won{10}}, {won{10}, std::nullopt, won{0}}}) ==
          p{"bands[1].daily_fee", "not_positive"});
    CHECK(problem({{won{0}, won{10}, won{10}}, {won{11}, std::nullopt, won{20}}}) ==
          p{"bands[1].price_from", "gap"});
    CHECK(problem({{won{0}, won{10}, won{10}}, {won{9}, std::nullopt, won{20}}}) ==
          p{"bands[1].price_from", "overlap"});
    CHECK(problem({{won{0}, std::nullopt, won{10}}, {won{10}, std::nullopt, won{20}}}) ==
          p{"bands[0].price_to", "missing"});
    CHECK(problem({{won{0}, won{10}, won{10}}, {won{10}, won{20}, won{20}}}) ==
          p{"bands[1].price_to", "must_be_open"});
    CHECK(problem({{won{0}, won{0}, won{10}}, {won{0}, std::nullopt, won{20}}}) ==
          p{"bands[0].price_to", "not_above_price_from"});
}

TEST_CASE("the CSV parser refuses malformed data files", "[fee_bands]") {
    std::vector<fee_band> out;
    CHECK_FALSE(parse_fee_band_csv("# c\nprice_from,price_to,daily_fee\n0,,5\n", out));
    CHECK(out == std::vector<fee_band>{{won{0}, std::nullopt, won{5}}});
    CHECK(parse_fee_band_csv("0,,5\n", out));
    CHECK(parse_fee_band_csv("price_from,price_to,daily_fee\n0,x,5\n", out));
    CHECK(parse_fee_band_csv("price_from,price_to,daily_fee\n0,10,5\n", out)); // not open-ended
    CHECK(parse_fee_band_csv("price_from,price_to,daily_fee\n0,,5,6\n", out));
    CHECK(parse_fee_band_csv("price_from,price_to,daily_fee\n", out)); // empty
}
