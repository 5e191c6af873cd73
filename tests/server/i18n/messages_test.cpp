#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "common/refusal.hpp"
#include "server/i18n/messages.hpp"
#include "server/i18n/when.hpp"

using namespace agrirent;

namespace {

std::set<std::string> placeholders(std::string_view text) {
    std::set<std::string> out;
    const std::string s{text};
    const std::regex re{"\\{([a-z_]+)\\}"};
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator();
         ++it) {
        out.insert((*it)[1]);
    }
    return out;
}

} // namespace

TEST_CASE("every message exists in Korean and English, with the same placeholders", "[i18n]") {
    std::set<std::string_view> keys;
    for (const auto& e : i18n::all()) {
        CAPTURE(e.key);
        CHECK(keys.insert(e.key).second); // unique
        CHECK_FALSE(e.ko.empty());
        CHECK_FALSE(e.en.empty());
        CHECK(placeholders(e.ko) == placeholders(e.en));
    }
}

TEST_CASE("every refusal reason has a message", "[i18n]") {
    for (int i = 0; i <= static_cast<int>(reason::forbidden); ++i) {
        const auto r = static_cast<reason>(i);
        const std::string key = "reason." + std::string{to_string(r)};
        CAPTURE(key);
        CHECK(i18n::text(key, "ko") != key);
        CHECK(i18n::text(key, "en") != key);
    }
}

TEST_CASE("placeholders are filled in", "[i18n]") {
    CHECK(i18n::format("reason.max_days_exceeded", "ko", {{"max_days", "3"}}) ==
          "최대 3일까지 예약할 수 있습니다.");
    CHECK(i18n::format("reason.max_days_exceeded", "en", {{"max_days", "3"}}) ==
          "You can book at most 3 days.");
    CHECK(i18n::text("no.such.key", "en") == "no.such.key");
}

TEST_CASE("deadlines in words: day, weekday and time, in Korean and English", "[i18n]") {
    using namespace date::literals;
    const local_days mon{2026_y / date::December / 14};
    CHECK(i18n::moment_text(mon, time_of_day{9 * 60}, "ko") == "12월 14일(월) 오전 9시");
    CHECK(i18n::moment_text(mon, time_of_day{9 * 60}, "en") == "Mon 14 Dec, 09:00");
    CHECK(i18n::moment_text(mon, time_of_day{17 * 60 + 30}, "ko") == "12월 14일(월) 오후 5시 30분");
    CHECK(i18n::moment_text(mon, time_of_day{17 * 60 + 30}, "en") == "Mon 14 Dec, 17:30");
}

TEST_CASE("a pickup window in words: one day, the hours, 오전/오후 once when they agree",
          "[i18n]") {
    using namespace date::literals;
    const local_days fri{2026_y / date::December / 18};
    CHECK(i18n::window_text(fri, time_of_day{17 * 60}, time_of_day{18 * 60}, "ko") ==
          "12월 18일(금) 오후 5시~6시");
    CHECK(i18n::window_text(fri, time_of_day{9 * 60}, time_of_day{18 * 60}, "ko") ==
          "12월 18일(금) 오전 9시~오후 6시");
    CHECK(i18n::window_text(fri, time_of_day{17 * 60}, time_of_day{18 * 60}, "en") ==
          "Fri 18 Dec, 17:00–18:00");
}
