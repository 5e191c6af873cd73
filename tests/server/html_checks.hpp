#pragma once
// Checks on rendered HTML that the view tests (tests/server/views) and the page tests over HTTP
// (tests/server/integration) share: catalogue keys left in a page, Hangul in an English page, the
// forms of a page.
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

namespace agrirent::test {

// The first part of the catalogue keys (server/i18n) a page may show when a text is missing.
inline constexpr std::string_view farmer_keys =
    "site|nav|page|form|plan|cal|status|status_note|date|time|money|reason|error";
inline constexpr std::string_view staff_keys =
    "site|nav|page|form|plan|cal|status|status_note|date|time|money|reason|error|staff";
inline constexpr std::string_view admin_keys = "adm";
inline constexpr std::string_view admin_page_keys =
    "adm|site|nav|page|form|staff|status|date|money|error";

/// Strings in `html` that look like catalogue keys starting with one of `prefixes` ("a|b"): an
/// unknown text renders as its key.
inline std::vector<std::string> leftover_keys(const std::string& html, std::string_view prefixes) {
    static std::map<std::string, std::regex, std::less<>> patterns;
    auto it = patterns.find(prefixes);
    if (it == patterns.end()) {
        it = patterns
                 .emplace(std::string{prefixes},
                          std::regex{"(?:^|[^A-Za-z0-9_/.-])((?:" + std::string{prefixes} +
                                     ")\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)*)"})
                 .first;
    }
    std::vector<std::string> out;
    for (auto m = std::sregex_iterator(html.begin(), html.end(), it->second);
         m != std::sregex_iterator(); ++m) {
        out.push_back((*m)[1]);
    }
    return out;
}

/// Whether `s` holds a Hangul syllable.
inline bool has_hangul(const std::string& s) {
    static const std::regex hangul{"[\xEA-\xED][\x80-\xBF][\x80-\xBF]"};
    return std::regex_search(s, hangul);
}

/// Every <form …>…</form> of a page (without the closing tag).
inline std::vector<std::string> forms_of(const std::string& html) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = html.find("<form", at)) != std::string::npos) {
        const auto end = html.find("</form>", at);
        REQUIRE(end != std::string::npos);
        out.push_back(html.substr(at, end - at));
        at = end;
    }
    return out;
}

/// The forms of a page whose opening tag says method="post".
inline std::vector<std::string> post_forms(const std::string& html) {
    std::vector<std::string> out;
    for (auto& form : forms_of(html)) {
        const auto open_end = form.find('>');
        REQUIRE(open_end != std::string::npos);
        if (form.substr(0, open_end).find("method=\"post\"") != std::string::npos) {
            out.push_back(std::move(form));
        }
    }
    return out;
}

/// A field's error stands beside it: `field`, then `error`, then `next` (the next field) in
/// `html`, the first two there. Where the error is.
inline std::size_t check_error_beside(const std::string& html, std::string_view field,
                                      std::string_view error, std::string_view next) {
    const auto field_at = html.find(field);
    const auto error_at = html.find(error);
    const auto next_at = html.find(next);
    REQUIRE(field_at != std::string::npos);
    REQUIRE(error_at != std::string::npos);
    CHECK(field_at < error_at);
    CHECK(error_at < next_at);
    return error_at;
}

} // namespace agrirent::test
