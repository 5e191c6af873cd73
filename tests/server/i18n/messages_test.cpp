#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "common/refusal.hpp"
#include "server/i18n/messages.hpp"

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
