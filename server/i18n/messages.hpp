#pragma once
// The one message catalogue: every user-facing text in Korean and English (STYLE.md).
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agrirent::i18n {

struct entry {
    std::string_view key;
    std::string_view ko;
    std::string_view en;
};

/// Every entry (a test checks both languages are present and keys are unique).
std::span<const entry> all() noexcept;

/// The text of `key` in `lang` ("ko" or "en"); an unknown key is returned as is.
std::string_view text(std::string_view key, std::string_view lang) noexcept;

/// text() with "{name}" placeholders replaced from `values`.
std::string format(std::string_view key, std::string_view lang,
                   const std::vector<std::pair<std::string, std::string>>& values);

} // namespace agrirent::i18n
