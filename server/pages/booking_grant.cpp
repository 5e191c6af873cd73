#include "server/pages/booking_grant.hpp"

#include <algorithm>
#include <charconv>

#include <sodium.h>

#include "server/http/router.hpp"

namespace agrirent::pages {

std::string booking_grants::cookie_name(std::string_view code) {
    return "bk_" + std::string{code};
}

std::string booking_grants::mac_hex(std::string_view code, std::string_view phone,
                                    std::int64_t expires) const {
    const std::string message =
        std::string{code} + "|" + std::string{phone} + "|" + std::to_string(expires);
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(message.data()),
                           message.size(), key_.data());
    std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    return std::string{hex.data(), crypto_auth_hmacsha256_BYTES * 2};
}

std::string booking_grants::value(std::string_view code, std::string_view phone,
                                  sys_seconds expires) const {
    const auto t = expires.time_since_epoch().count();
    return std::string{phone} + "." + std::to_string(t) + "." + mac_hex(code, phone, t);
}

std::optional<std::string> booking_grants::verify(std::string_view value, std::string_view code,
                                                  sys_seconds now) const {
    const auto first = value.find('.');
    const auto second = first == std::string_view::npos ? first : value.find('.', first + 1);
    if (second == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view phone = value.substr(0, first);
    const std::string_view expiry = value.substr(first + 1, second - first - 1);
    const std::string_view mac = value.substr(second + 1);
    std::int64_t t = 0;
    const auto [end, ec] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), t);
    if (ec != std::errc{} || end != expiry.data() + expiry.size()) {
        return std::nullopt;
    }
    const std::string expected = mac_hex(code, phone, t);
    if (mac.size() != expected.size() ||
        sodium_memcmp(mac.data(), expected.data(), expected.size()) != 0) {
        return std::nullopt;
    }
    if (now.time_since_epoch().count() >= t) {
        return std::nullopt; // expired
    }
    return std::string{phone};
}

std::string booking_grants::set_cookie(std::string_view code, std::string_view phone,
                                       sys_seconds now, bool secure, std::string_view path) const {
    return cookie_name(code) + "=" + value(code, phone, now + ttl_) +
           "; Path=" + (path.empty() ? "/booking/" + std::string{code} : std::string{path}) +
           "; Max-Age=" + std::to_string(ttl_.count()) + "; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

std::optional<std::string> booking_grants::phone_for(const http::request& req,
                                                     std::string_view code, sys_seconds now) const {
    const auto cookie = http::cookie_value(req, cookie_name(code));
    if (!cookie) {
        return std::nullopt;
    }
    return verify(*cookie, code, now);
}

namespace {

constexpr std::string_view proof_cookie = "pv";

} // namespace

std::string booking_grants::phone_proof_cookie(std::string_view phone, std::string_view token,
                                               sys_seconds now, sys_seconds expires,
                                               bool secure) const {
    const auto t = expires.time_since_epoch().count();
    const std::string signed_part = std::string{phone} + "." + std::string{token};
    const auto age = std::max<std::int64_t>(0, (expires - now).count());
    std::string c = std::string{proof_cookie} + "=" + signed_part + "." + std::to_string(t) + "." +
                    mac_hex("pv", signed_part, t) + "; Path=/; Max-Age=" + std::to_string(age) +
                    "; HttpOnly; SameSite=Strict";
    if (secure) {
        c += "; Secure";
    }
    return c;
}

std::optional<std::string> booking_grants::phone_proof(const http::request& req,
                                                       std::string_view phone,
                                                       sys_seconds now) const {
    const auto value = http::cookie_value(req, proof_cookie);
    if (!value) {
        return std::nullopt;
    }
    // <phone>.<token>.<expiry>.<mac>: phones and tokens hold no dots.
    const std::string_view v = *value;
    const auto d1 = v.find('.');
    const auto d2 = d1 == std::string_view::npos ? d1 : v.find('.', d1 + 1);
    const auto d3 = d2 == std::string_view::npos ? d2 : v.find('.', d2 + 1);
    if (d3 == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view signed_part = v.substr(0, d2);
    const std::string_view expiry = v.substr(d2 + 1, d3 - d2 - 1);
    const std::string_view mac = v.substr(d3 + 1);
    std::int64_t t = 0;
    const auto [end, ec] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), t);
    if (ec != std::errc{} || end != expiry.data() + expiry.size()) {
        return std::nullopt;
    }
    const std::string expected = mac_hex("pv", signed_part, t);
    if (mac.size() != expected.size() ||
        sodium_memcmp(mac.data(), expected.data(), expected.size()) != 0 ||
        now.time_since_epoch().count() >= t || v.substr(0, d1) != phone) {
        return std::nullopt;
    }
    return std::string{v.substr(d1 + 1, d2 - d1 - 1)};
}

} // namespace agrirent::pages
