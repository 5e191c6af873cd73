#pragma once
// Validation of what people type (DOMAIN.md §8): phones, names, booking codes.
// Dates and times: common/time.hpp (parse_date, parse_instant).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace agrirent {

/// A Korean mobile number normalised to "010-1234-5678". Accepts spaces, dashes, dots, no
/// separators, and the +82 / 82 country prefix ("+82 10-1234-5678"). Legacy prefixes
/// 011/016/017/018/019 with 7 or 8 digits are kept as such ("011-123-4567").
std::optional<std::string> normalize_phone(std::string_view input);

/// Whether `s` is well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

/// `s` with every byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD: for
/// echoing untrusted input back in JSON, which must be UTF-8 (RFC 8259 §8.1).
std::string to_valid_utf8(std::string_view s);

/// Number of code points of valid UTF-8 `s`.
std::size_t utf8_length(std::string_view s) noexcept;

/// A person's name: trimmed of surrounding white space, 1 … max_chars code points, valid UTF-8,
/// no control characters (C0, DEL, C1, line/paragraph separators) nor bidi overrides.
std::optional<std::string> normalize_name(std::string_view input, std::size_t max_chars = 40);

/// Free text (notes, reasons, addresses): trimmed, valid UTF-8, ≤ max_chars, no control
/// characters except newline and tab.
std::optional<std::string> normalize_text(std::string_view input, std::size_t max_chars);

/// Booking codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S,
/// 8/B, U/V), easy to read over the phone.
inline constexpr std::string_view booking_code_alphabet = "ACDEFGHJKMNPQRTWXY34679";
inline constexpr std::size_t booking_code_length = 8;

/// A uniformly random code; `random_u32` returns uniformly distributed 32-bit values (the
/// server passes libsodium's randombytes_random; tests pass a seeded engine).
std::string make_booking_code(const std::function<std::uint32_t()>& random_u32);

/// Normalises what a farmer typed as a code: upper-cases, drops spaces and dashes; nullopt if
/// the result is not 8 characters of the alphabet.
std::optional<std::string> normalize_booking_code(std::string_view input);

} // namespace agrirent
