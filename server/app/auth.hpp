#pragma once
// Staff access (issue 4, DOMAIN.md §8): argon2id password hashes (libsodium), sessions with
// random 128-bit ids stored hashed, idle and absolute timeouts on the injectable clock, a CSRF
// token per session, and login throttling per account and per client address.
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "server/app/services.hpp"
#include "server/storage/staff_repository.hpp"

namespace agrirent::app {

/// argon2id with at least OWASP's minimum (19 MiB, 2 passes, 1 lane), libsodium's encoded
/// string (salt and parameters included). Slow on purpose: call on a worker thread.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

/// A password staff may choose: 10–128 characters, valid UTF-8, not all one character.
bool acceptable_password(std::string_view password);

/// A random string of `bytes` random bytes, URL-safe base64 without padding.
std::string random_token(std::size_t bytes);

struct staff_session {
    storage::staff_row user;
    std::string id_hash;
    std::string csrf_token;
    sys_seconds created_at{};
    sys_seconds last_seen{};
};

struct login_outcome {
    std::string token; // the session id: cookie value and bearer token
    staff_session session;
};

/// Why a login was refused. `throttled` carries how long to wait.
struct login_refusal {
    bool throttled = false;
    std::chrono::seconds retry_after{0};
};

/// Checks the password (refusing the same way whether the user exists or not), throttles
/// repeated failures per account and per address (loopback addresses are not throttled per
/// address, API.md), and on success opens a new session (a fresh id: rotation at login).
std::variant<login_outcome, login_refusal>
login(services& s, std::string_view username, std::string_view password, std::string_view address);

/// The session for a token if it exists and has not passed its idle (30 min) or absolute (12 h)
/// timeout; refreshes last_seen (at most once a minute, to spare the database).
std::optional<staff_session> authenticate(services& s, std::string_view token);

/// Ends the session of `token` (logout), recorded in the audit log.
void logout(services& s, std::string_view token, std::string_view address = {});

/// Creates a staff user (hashing the password); returns its id. Throws storage::duplicate_key on a
/// duplicate username.
std::int64_t create_staff(storage::repositories& conn, std::string_view username,
                          std::string_view password, role who,
                          std::optional<std::int64_t> branch_id, std::string_view display_name,
                          sys_seconds now);

/// True for 127.0.0.0/8 and ::1 (API.md: address limits do not apply to loopback clients).
bool is_loopback(std::string_view address) noexcept;

} // namespace agrirent::app
