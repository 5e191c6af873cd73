#include "server/http/form.hpp"

#include <boost/url.hpp>

namespace agrirent::http {
namespace {

/// Length of the valid UTF-8 sequence at the start of `s` (1–4), or 0 if it is not one
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence(std::string_view s, char32_t& cp) noexcept {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = b(0);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    std::size_t n = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (s.size() < n) {
        return 0;
    }
    for (std::size_t i = 1; i < n; ++i) {
        if ((b(i) & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b(i) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

bool is_control(char32_t cp) noexcept {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

} // namespace

std::optional<form> form::parse(std::string_view encoded) {
    form f;
    if (encoded.empty()) {
        return f;
    }
    // Boost 1.81's parse_query (which params_view's constructor calls too) measures its input
    // with strlen(s.data()) instead of s.size(): on a view that is not NUL-terminated it reads
    // past the end, and decodes whatever follows (found by tests/fuzz/fuzz_form). A string of
    // our own is NUL-terminated, and a well-formed query has no NUL byte, so both agree there.
    const std::string text{encoded};
    if (!boost::urls::parse_query(text)) {
        return std::nullopt;
    }
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true; // HTML form encoding
    // Boost 1.81 defines the (string_view, encoding_opts) constructor (the one taking a
    // params_view does not link); the string was checked just above, so it does not throw.
    const boost::urls::params_view params{text, opts};
    for (const auto& p : params) {
        if (f.fields_.size() == max_fields) {
            break;
        }
        f.fields_.emplace_back(p.key, p.value);
    }
    return f;
}

std::string_view form::value(std::string_view name) const noexcept {
    for (const auto& [k, v] : fields_) {
        if (k == name) {
            return v;
        }
    }
    return {};
}

bool form::has(std::string_view name) const noexcept {
    for (const auto& [k, v] : fields_) {
        if (k == name) {
            return true;
        }
    }
    return false;
}

std::optional<form> form_body(const request& req) {
    const std::string_view type = req.header_value("content-type");
    if (!type.starts_with("application/x-www-form-urlencoded")) {
        return std::nullopt;
    }
    return form::parse(req.body);
}

bool is_clean_text(std::string_view s) noexcept {
    while (!s.empty()) {
        char32_t cp = 0;
        const std::size_t n = utf8_sequence(s, cp);
        if (n == 0 || is_control(cp)) {
            return false;
        }
        s.remove_prefix(n);
    }
    return true;
}

std::string displayable(std::string_view raw, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    while (!raw.empty() && chars < max_chars) {
        char32_t cp = 0;
        const std::size_t n = utf8_sequence(raw, cp);
        if (n == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            raw.remove_prefix(1);
            ++chars;
            continue;
        }
        if (!is_control(cp)) {
            out.append(raw.substr(0, n));
            ++chars;
        }
        raw.remove_prefix(n);
    }
    return out;
}

} // namespace agrirent::http
