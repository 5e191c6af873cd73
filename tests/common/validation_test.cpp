#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "common/numbers.hpp"
#include "common/validation.hpp"

using namespace agrirent;

TEST_CASE("phones: Korean mobile numbers are normalised to 010-XXXX-XXXX (DOMAIN.md §8)",
          "[validation]") {
    const auto [input, expected] = GENERATE(table<std::string, std::optional<std::string>>({
        {"010-1234-5678", "010-1234-5678"},
        {"01012345678", "010-1234-5678"},
        {"010 1234 5678", "010-1234-5678"},
        {"010.1234.5678", "010-1234-5678"},
        {" 010-1234-5678 ", "010-1234-5678"},
        {"+82 10-1234-5678", "010-1234-5678"},
        {"+821012345678", "010-1234-5678"},
        {"82-10-1234-5678", "010-1234-5678"},
        {"+82 010-1234-5678", "010-1234-5678"},
        {"011-123-4567", "011-123-4567"}, // legacy 10-digit numbers
        {"0161234567", "016-123-4567"},
        {"019-1234-5678", "019-1234-5678"},
        {"010-123-4567", std::nullopt}, // 010 numbers have 8 digits after the prefix
        {"062-613-5328", std::nullopt}, // a landline
        {"02-123-4567", std::nullopt},
        {"+1 650 555 1234", std::nullopt},
        {"010-1234-567a", std::nullopt},
        {"010-1234-56789", std::nullopt},
        {"", std::nullopt},
        {"'; DROP TABLE farmers; --", std::nullopt},
    }));
    CAPTURE(input);
    CHECK(normalize_phone(input) == expected);
}

TEST_CASE("names: trimmed, limited, no control characters", "[validation]") {
    CHECK(normalize_name("  홍길동 ") == "홍길동");
    CHECK(normalize_name("Kim Min-su") == "Kim Min-su");
    CHECK(normalize_name("\xe3\x80\x80김철수\xc2\xa0") == "김철수"); // ideographic space, NBSP
    CHECK(normalize_name("O'Brien; DROP TABLE x") == "O'Brien; DROP TABLE x"); // data, not SQL
    CHECK(normalize_name("<script>alert(1)</script>") == "<script>alert(1)</script>");
    CHECK_FALSE(normalize_name(""));
    CHECK_FALSE(normalize_name("   "));
    CHECK_FALSE(normalize_name("홍\n길동"));
    CHECK_FALSE(normalize_name("홍\t길동"));
    CHECK_FALSE(normalize_name(std::string("홍\0길동", 8)));
    CHECK_FALSE(normalize_name("a\x7f"));
    CHECK_FALSE(normalize_name("abc\xe2\x80\xae"
                               "def"));          // right-to-left override
    CHECK_FALSE(normalize_name("\xff\xfe"));     // invalid UTF-8
    CHECK_FALSE(normalize_name("\xc0\xaf"));     // overlong '/'
    CHECK_FALSE(normalize_name("\xed\xa0\x80")); // UTF-16 surrogate
    CHECK_FALSE(normalize_name("\xe4\xb8"));     // truncated sequence
    // Length counts characters, not bytes: 40 Hangul syllables fit, 41 do not.
    std::string forty;
    for (int i = 0; i < 40; ++i) {
        forty += "가";
    }
    CHECK(normalize_name(forty) == forty);
    CHECK_FALSE(normalize_name(forty + "가"));
}

TEST_CASE("free text keeps newlines but not other control characters", "[validation]") {
    CHECK(normalize_text(" 타이어 펑크\n오른쪽 뒤 ", 200) == "타이어 펑크\n오른쪽 뒤");
    CHECK(normalize_text("", 200) == "");
    CHECK_FALSE(normalize_text("bell\a", 200));
    CHECK_FALSE(normalize_text("abcdef", 5));
}

TEST_CASE("UTF-8 helpers", "[validation]") {
    CHECK(is_valid_utf8("홍길동 abc"));
    CHECK(is_valid_utf8("\xf0\x9f\x9a\x9c"));       // U+1F69C tractor
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80")); // beyond U+10FFFF
    CHECK(utf8_length("홍길동") == 3);
    CHECK(utf8_length("ab") == 2);
}

TEST_CASE("invalid UTF-8 is replaced by U+FFFD before it is echoed in JSON", "[validation]") {
    CHECK(to_valid_utf8("홍길동 abc") == "홍길동 abc");
    CHECK(to_valid_utf8("\xff\xfe") == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(to_valid_utf8("a\xC0\xAF"
                        "b") == "a\xEF\xBF\xBD\xEF\xBF\xBD"
                                "b");                                               // overlong '/'
    CHECK(to_valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    CHECK(to_valid_utf8("\xEA\xB8") == "\xEF\xBF\xBD\xEF\xBF\xBD");                 // cut short
    CHECK(is_valid_utf8(to_valid_utf8("\xf4\x90\x80\x80 \x80")));
}

TEST_CASE("booking codes: 8 unambiguous characters from a random source (DOMAIN.md §8)",
          "[validation]") {
    std::mt19937 engine{42};
    const auto random = [&] { return static_cast<std::uint32_t>(engine()); };
    std::set<std::string> seen;
    std::array<int, 256> counts{};
    for (int i = 0; i < 2000; ++i) {
        const auto code = make_booking_code(random);
        REQUIRE(code.size() == 8);
        for (const char c : code) {
            REQUIRE(booking_code_alphabet.find(c) != std::string_view::npos);
            ++counts[static_cast<unsigned char>(c)];
        }
        seen.insert(code);
    }
    CHECK(seen.size() == 2000); // no collisions in 2000 draws from 23^8
    for (const char c : std::string_view{"0O1IL2Z5S8BUV"}) {
        CHECK(booking_code_alphabet.find(c) == std::string_view::npos);
    }
    // Every character of the alphabet appears, roughly evenly (16000 / 23 ≈ 696 each).
    for (const char c : booking_code_alphabet) {
        CAPTURE(c);
        CHECK(counts[static_cast<unsigned char>(c)] > 500);
        CHECK(counts[static_cast<unsigned char>(c)] < 900);
    }
}

TEST_CASE("booking codes: values that would bias the choice are drawn again", "[validation]") {
    // The top of the 32-bit range is rejected; the source must be asked again.
    std::vector<std::uint32_t> values(8, UINT32_MAX);
    for (std::uint32_t i = 0; i < 8; ++i) {
        values.push_back(i);
    }
    std::size_t next = 0;
    const auto code = make_booking_code([&] { return values[next++]; });
    CHECK(next == 16);
    CHECK(code == std::string(booking_code_alphabet.substr(0, 8)));
}

TEST_CASE("booking codes: what a farmer types is normalised", "[validation]") {
    CHECK(normalize_booking_code("k7m2q9xw") == std::nullopt); // 2 is not in the alphabet
    CHECK(normalize_booking_code("acde-fghj") == "ACDEFGHJ");
    CHECK(normalize_booking_code(" ACDE FGHJ ") == "ACDEFGHJ");
    CHECK_FALSE(normalize_booking_code("ACDEFGH"));
    CHECK_FALSE(normalize_booking_code("ACDEFGHJK"));
    CHECK_FALSE(normalize_booking_code("ACDEFGH0"));
    CHECK_FALSE(normalize_booking_code("ACDEFGH'"));
}

TEST_CASE("decimal_text: the shortest plain decimal, never scientific", "[numbers]") {
    CHECK(agrirent::decimal_text(157.5) == "157.5");
    CHECK(agrirent::decimal_text(520.0) == "520");
    CHECK(agrirent::decimal_text(0.1) == "0.1");
    CHECK(agrirent::decimal_text(1000000.0) == "1000000");
    CHECK(agrirent::decimal_text(-2.25) == "-2.25");
}
