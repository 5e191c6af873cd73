#include "common/validation.hpp"

#include <cstdint>

namespace agrirent {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or -1 if invalid.
std::int32_t decode_utf8(std::string_view s, std::size_t& i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    std::size_t n = 0;
    std::int32_t cp = 0;
    std::int32_t min = 0;
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    if ((b0 & 0xE0) == 0xC0) {
        n = 1;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        n = 2;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        n = 3;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return -1;
    }
    for (std::size_t k = 1; k <= n; ++k) {
        if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) {
            return -1;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1;
    }
    i += n + 1;
    return cp;
}

bool is_control(std::int32_t cp) noexcept {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           // bidi embeddings, overrides and isolates: they can disguise text on screen
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool is_space(std::int32_t cp) noexcept {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000;
}

// Trims white space (ASCII, NBSP, ideographic space) at both ends of valid UTF-8.
std::string_view trim(std::string_view s) noexcept {
    std::size_t begin = 0;
    while (begin < s.size()) {
        std::size_t next = begin;
        if (!is_space(decode_utf8(s, next))) {
            break;
        }
        begin = next;
    }
    std::size_t end = begin;
    std::size_t last_non_space_end = begin;
    while (end < s.size()) {
        const std::int32_t cp = decode_utf8(s, end);
        if (!is_space(cp)) {
            last_non_space_end = end;
        }
    }
    return s.substr(begin, last_non_space_end - begin);
}

std::optional<std::string> normalize(std::string_view input, std::size_t max_chars,
                                     bool allow_newlines) {
    if (!is_valid_utf8(input)) {
        return std::nullopt;
    }
    const std::string_view t = trim(input);
    std::size_t count = 0;
    for (std::size_t i = 0; i < t.size();) {
        const std::int32_t cp = decode_utf8(t, i);
        const bool allowed_ws = allow_newlines && (cp == '\n' || cp == '\t' || cp == '\r');
        if (is_control(cp) && !allowed_ws) {
            return std::nullopt;
        }
        ++count;
    }
    if (count > max_chars) {
        return std::nullopt;
    }
    return std::string{t};
}

} // namespace

bool is_valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        if (decode_utf8(s, i) < 0) {
            return false;
        }
    }
    return true;
}

std::string to_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        if (decode_utf8(s, i) < 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(s.substr(start, i - start));
        }
    }
    return out;
}

std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (const char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

std::optional<std::string> normalize_name(std::string_view input, std::size_t max_chars) {
    auto name = normalize(input, max_chars, false);
    if (!name || name->empty()) {
        return std::nullopt;
    }
    return name;
}

std::optional<std::string> normalize_text(std::string_view input, std::size_t max_chars) {
    return normalize(input, max_chars, true);
}

std::optional<std::string> normalize_phone(std::string_view input) {
    if (input.size() > 32) {
        return std::nullopt;
    }
    std::string digits;
    bool international = false;
    for (std::size_t i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c == '+' && i == 0) {
            international = true;
        } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
            continue;
        } else {
            return std::nullopt;
        }
    }
    // +82 10 1234 5678 / 82-10-… → 010…; "+82 010-…" (a common slip) is accepted as well.
    if (digits.starts_with("82") && (international || digits.size() >= 11)) {
        digits = digits.substr(2);
        if (!digits.starts_with("0")) {
            digits.insert(digits.begin(), '0');
        }
    } else if (international) {
        return std::nullopt;
    }
    if (digits.size() == 11 && digits.starts_with("010")) {
        return digits.substr(0, 3) + "-" + digits.substr(3, 4) + "-" + digits.substr(7, 4);
    }
    const bool legacy = digits.starts_with("011") || digits.starts_with("016") ||
                        digits.starts_with("017") || digits.starts_with("018") ||
                        digits.starts_with("019");
    if (legacy && digits.size() == 10) {
        return digits.substr(0, 3) + "-" + digits.substr(3, 3) + "-" + digits.substr(6, 4);
    }
    if (legacy && digits.size() == 11) {
        return digits.substr(0, 3) + "-" + digits.substr(3, 4) + "-" + digits.substr(7, 4);
    }
    return std::nullopt;
}

std::string make_booking_code(const std::function<std::uint32_t()>& random_u32) {
    // Rejection sampling: values at or above the largest multiple of the alphabet size are
    // drawn again, so every character is equally likely.
    const auto n = static_cast<std::uint32_t>(booking_code_alphabet.size());
    const std::uint32_t limit = UINT32_MAX - (UINT32_MAX % n);
    std::string code;
    code.reserve(booking_code_length);
    while (code.size() < booking_code_length) {
        const std::uint32_t r = random_u32();
        if (r >= limit) {
            continue;
        }
        code.push_back(booking_code_alphabet[r % n]);
    }
    return code;
}

std::optional<std::string> normalize_booking_code(std::string_view input) {
    if (input.size() > 32) {
        return std::nullopt;
    }
    std::string code;
    for (const char c : input) {
        if (c == ' ' || c == '-') {
            continue;
        }
        const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (booking_code_alphabet.find(upper) == std::string_view::npos) {
            return std::nullopt;
        }
        code.push_back(upper);
    }
    if (code.size() != booking_code_length) {
        return std::nullopt;
    }
    return code;
}

} // namespace agrirent
