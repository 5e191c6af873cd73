#pragma once
// Verified phones for farmers' own actions (DOMAIN.md §14, issue 14).
//
// A farmer asks for a code (request_phone_code): six random digits, sent to the phone by
// message, valid 5 minutes, at most 5 wrong tries; a new code at most once a minute and 5 an
// hour per phone. A confirmed code (confirm_phone_code) gives a verification: a random token
// valid 30 minutes for that phone only. Codes and tokens are stored only as keyed hashes
// (libsodium generichash; a code's key is a random salt of its own), never logged and never put
// in a URL. Everything lives in the database (phone_repository), so any server of a PostgreSQL
// deployment accepts a verification another one gave.
//
// Every farmer's own write action (booking, cancelling, extending, the waitlist) asks
// require_verified_phone inside its unit of work before it changes anything.
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "server/app/catalog.hpp"
#include "server/app/services.hpp"

namespace agrirent::storage {
class repositories;
}

namespace agrirent::app {

inline constexpr std::chrono::minutes phone_code_ttl{5};
inline constexpr std::chrono::minutes phone_verification_ttl{30};
inline constexpr int phone_code_max_tries = 5;
inline constexpr int phone_codes_per_hour = 5;
inline constexpr std::chrono::seconds phone_code_min_interval{60};

/// POST /api/v1/phone-verifications: draws a code for `phone` (normalised), stores its hash
/// (the phone's older codes die) and sends it at once through services::send_now — not through
/// the outbox, which keeps message bodies (docs/decisions.md, issue 14). Refuses rate_limited
/// (details: reason per_minute | per_hour, retry_after in seconds). Whether the phone belongs to
/// a known farmer makes no difference.
std::optional<refusal> request_phone_code(services& s, std::string_view phone);

struct phone_verification {
    std::string token; // give it back as `verification` or X-Phone-Verification
    sys_seconds expires_at;
};

/// POST /api/v1/phone-verifications/confirm: checks `code` against the phone's newest code, in
/// a write unit of work (two tries at once never see the same count). Refuses phone_unverified
/// with details reason: no_code (none sent, or already used or replaced), expired,
/// wrong_code (tries_left) or too_many_tries (the code is dead; even the right one is refused).
result<phone_verification> confirm_phone_code(services& s, std::string_view phone,
                                              std::string_view code);

/// THE check of DOMAIN.md §14, for every farmer's own write action: nullopt when the action may
/// go ahead — the setting verify_farmer_phone is off (`config`), or `verification` is a live
/// verification of `phone` at `now` — else phone_unverified with details reason: missing,
/// unknown (not a verification this office gave), expired or other_phone. Reads only; call it
/// inside the unit of work that then makes the change. Staff actions do not call it.
std::optional<refusal> require_verified_phone(storage::repositories& repos, const settings& config,
                                              std::string_view phone,
                                              const std::optional<std::string>& verification,
                                              sys_seconds now);

/// Whether `verification` is a live verification of `phone` at `now` whatever the setting says:
/// nullopt, else phone_unverified as require_verified_phone says. A farmer's booking records
/// the answer (reservations.phone_verified: strikes only then, DOMAIN.md §14), also when the
/// setting is off and the farmer verified anyway.
std::optional<refusal> check_verification(storage::repositories& repos, std::string_view phone,
                                          const std::optional<std::string>& verification,
                                          sys_seconds now);

/// The stored form of a verification token (hex of its generichash).
std::string verification_token_hash(std::string_view token);

/// The key that signs the pages' booking grants and the verified-phone cookie `pv`
/// (server/pages/booking_grant.hpp): 32 random bytes kept in the database (server_secrets,
/// "page_signing_key"), made by the first server that starts (two starting at once agree: the
/// port inserts if absent, then reads), so every server of a PostgreSQL deployment and every
/// restart accept each other's cookies. One write unit of work; call once at start-up. The key
/// is never logged nor shown by any API.
std::array<unsigned char, 32> page_signing_key(services& s);

} // namespace agrirent::app
