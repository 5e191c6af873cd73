#pragma once
// What the page tests over HTTP share (pages_test, staff_pages_test, admin_pages_test): forms
// sent as a browser sends them (application/x-www-form-urlencoded, with the session cookie and
// the CSRF token), and URL decoding.
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/server/html_checks.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

namespace agrirent::test {

using form_fields = std::vector<std::pair<std::string, std::string>>;

/// `s` as a form value: letters, digits and -_. as they are, a space as '+', the rest %XX.
inline std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
            out += ch;
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

inline std::string url_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(std::string{s.substr(i + 1, 2)}, nullptr, 16));
            i += 2;
        } else {
            out += s[i] == '+' ? ' ' : s[i];
        }
    }
    return out;
}

/// "a=1&b=x+y": the body of a urlencoded form.
inline std::string form_body(const form_fields& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
    }
    return out;
}

/// A urlencoded form POST with `headers` (e.g. a cookie).
inline http_reply post_form(const server_process& s, std::string_view target,
                            const form_fields& fields, header_list headers = {}) {
    headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return http_request(s.port(), "POST", target, form_body(fields), headers);
}

/// A form POST as a signed-in browser sends it: the session cookie, and the CSRF token as the
/// form's `csrf` field (unless `csrf` is empty: a forged form).
inline http_reply post_form_as(const server_process& s, std::string_view target, form_fields fields,
                               std::string_view cookie, std::string_view csrf) {
    if (!csrf.empty()) {
        fields.emplace_back("csrf", std::string{csrf});
    }
    return post_form(s, target, fields, {{"Cookie", std::string{cookie}}});
}

} // namespace agrirent::test
