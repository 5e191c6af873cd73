#pragma once
// Who may see a booking's page without typing the phone number again.
//
// DOMAIN.md §8: a farmer sees a booking only with its code *and* the phone number. After a
// booking (or a look-up) the browser is sent, POST-redirect-GET, to /booking/{code}; that page
// needs the phone. Putting it in the URL (/my?code=…&phone=…) would leave the phone number in
// the history, in bookmarks, in proxy and server logs and in Referer headers. Instead the
// server hands out a *grant*: a short-lived cookie, signed with a key only the servers know
// (HMAC-SHA256), that says "this browser showed code C with phone P until T":
//
//   Set-Cookie: bk_<CODE>=<phone>.<expiry>.<mac>; Path=/booking/<CODE>; Max-Age=3600;
//               HttpOnly; SameSite=Strict
//
// - Path keeps it off every other URL; HttpOnly keeps it from scripts; SameSite=Strict keeps a
//   cross-site page from using it (the cancel POST relies on it, so this is also the CSRF
//   defence there: a forged cross-site POST arrives without the cookie).
// - It expires after an hour on the injectable clock. The key is random, made once and kept in
//   the database (app::page_signing_key), so every server of a PostgreSQL deployment accepts
//   the grants of the others, and a restart keeps them. A grant that does not verify falls back
//   to the look-up form with the code filled in: nothing is lost but one retyped phone number.
// - The phone in it is the farmer's own, on their own device; nothing is stored on the server.
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/types.hpp"
#include "server/http/message.hpp"

namespace agrirent::pages {

class booking_grants {
  public:
    using key_type = std::array<unsigned char, 32>;

    explicit booking_grants(const key_type& key,
                            std::chrono::seconds ttl = std::chrono::hours{1}) noexcept
        : key_(key), ttl_(ttl) {}

    /// "bk_K7M2Q9XW".
    static std::string cookie_name(std::string_view code);

    /// The signed value: "<phone>.<expiry seconds>.<hex mac>".
    [[nodiscard]] std::string value(std::string_view code, std::string_view phone,
                                    sys_seconds expires) const;

    /// The phone a value grants for `code`, if its signature is right and it has not expired.
    [[nodiscard]] std::optional<std::string> verify(std::string_view value, std::string_view code,
                                                    sys_seconds now) const;

    /// The Set-Cookie header value granting `code` (with `phone`) from `now` for the lifetime.
    /// `path`: the cookie's Path (default /booking/<code>; the waitlist's pages grant their
    /// entries as "W<code>" on /waitlist/<code>).
    [[nodiscard]] std::string set_cookie(std::string_view code, std::string_view phone,
                                         sys_seconds now, bool secure,
                                         std::string_view path = {}) const;

    /// The phone of a valid grant for `code` that the request carries.
    [[nodiscard]] std::optional<std::string>
    phone_for(const http::request& req, std::string_view code, sys_seconds now) const;

    // ---- verified phones (DOMAIN.md §14, issue 14) --------------------------------------------
    // After a confirmed code the pages remember the verification for its 30 minutes in a cookie
    // signed with the same key (crypto_auth, another message prefix):
    //   pv=<phone>.<token>.<expiry>.<mac>; Path=/; Max-Age=1800; HttpOnly; SameSite=Strict[;
    //   Secure]
    // The token is checked against the database again on every use (phone_verification.hpp);
    // the signature keeps a forged or altered cookie from being looked up at all. Every server
    // on the database shares the key, so the cookie is good on any of them.

    /// The Set-Cookie header value remembering `token` for `phone` until `expires`.
    [[nodiscard]] std::string phone_proof_cookie(std::string_view phone, std::string_view token,
                                                 sys_seconds now, sys_seconds expires,
                                                 bool secure) const;
    /// The token of a valid, unexpired phone-proof cookie for `phone` that the request carries.
    [[nodiscard]] std::optional<std::string>
    phone_proof(const http::request& req, std::string_view phone, sys_seconds now) const;

  private:
    [[nodiscard]] std::string mac_hex(std::string_view code, std::string_view phone,
                                      std::int64_t expires) const;

    key_type key_;
    std::chrono::seconds ttl_;
};

} // namespace agrirent::pages
