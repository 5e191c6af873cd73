#pragma once
// HTML forms: application/x-www-form-urlencoded bodies decoded with Boost.URL ('+' is a space,
// percent escapes decoded). Decoded values are raw bytes: they may be invalid UTF-8 or hold
// control characters, so each field is checked where it is used (a field error next to the
// field, never stored), and what is shown back in a form goes through displayable().
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/message.hpp"
#include "server/http/router.hpp"

namespace agrirent::http {

class form {
  public:
    /// At most this many fields are kept; the rest of a longer body is ignored.
    static constexpr std::size_t max_fields = 64;

    /// Decodes a urlencoded string ("a=1&b=x+y"); nullopt when it is not well-formed (a bad
    /// percent escape).
    static std::optional<form> parse(std::string_view encoded);

    /// The first value named `name`; empty when absent.
    [[nodiscard]] std::string_view value(std::string_view name) const noexcept;
    [[nodiscard]] bool has(std::string_view name) const noexcept;
    [[nodiscard]] const string_pairs& fields() const noexcept { return fields_; }

  private:
    string_pairs fields_;
};

/// The form a POST carries: nullopt unless its content type is
/// application/x-www-form-urlencoded and the body decodes.
std::optional<form> form_body(const request& req);

/// Whether a typed value is acceptable text: valid UTF-8 without control characters (C0, DEL,
/// C1, line and paragraph separators), checked before any field-specific rule.
bool is_clean_text(std::string_view s) noexcept;

/// What a person typed, made safe to show again in a form field: invalid UTF-8 becomes U+FFFD,
/// control characters are dropped, and it is cut to `max_chars` code points. (The HTML escaping
/// itself is the template's job.)
std::string displayable(std::string_view raw, std::size_t max_chars = 100);

} // namespace agrirent::http
