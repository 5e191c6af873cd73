#include "server/app/auth.hpp"

#include <sodium.h>

#include "common/validation.hpp"
#include "server/app/log.hpp"
#include "server/storage/database.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::app {
namespace {

// OWASP Password Storage Cheat Sheet minimum for argon2id: m = 19 MiB, t = 2, p = 1
// (libsodium always uses one lane).
constexpr unsigned long long ops_limit = 2;
constexpr std::size_t mem_limit = 19U * 1024U * 1024U;

std::string sha256_hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// A hash of a random password: unknown users are "checked" against it so a refusal takes as
// long whether the user exists or not.
const std::string& dummy_hash() {
    static const std::string h = hash_password(random_token(16));
    return h;
}

} // namespace

std::string hash_password(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_limit, mem_limit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return out;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
    const std::string h{encoded_hash}; // libsodium wants a NUL-terminated string
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool acceptable_password(std::string_view password) {
    if (!is_valid_utf8(password)) {
        return false;
    }
    const auto n = utf8_length(password);
    if (n < 10 || n > 128) {
        return false;
    }
    return password.find_first_not_of(password.front()) != std::string_view::npos;
}

std::string random_token(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                      raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

bool is_loopback(std::string_view address) noexcept {
    return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

std::variant<login_outcome, login_refusal>
login(services& s, std::string_view username, std::string_view password, std::string_view address) {
    const auto cat = s.catalog.get();
    const settings& cfg = cat->config();
    const sys_seconds now = s.clock.now();
    const sys_seconds since = now - std::chrono::minutes{cfg.login_window_minutes};
    const std::string account_key = "user:" + std::string{username};
    const std::string address_key = "addr:" + std::string{address};
    const bool limit_address = !is_loopback(address);

    auto lease = s.db.begin(storage::access::read);

    // Throttling before the password is even checked (issue 4): after 3 failures each further
    // try must wait 30 s × 2^(n-3) since the last failure ("slowed"); at the limit, refused
    // until enough failures have left the window.
    const auto throttle = [&](const std::string& key, int limit) -> std::optional<login_refusal> {
        const auto f = lease->staff().login_failures(key, since);
        if (f.count >= limit && f.latest) {
            return login_refusal{
                true, std::chrono::duration_cast<std::chrono::seconds>(
                          *f.latest + std::chrono::minutes{cfg.login_window_minutes} - now)};
        }
        if (f.count >= 3 && f.latest) {
            const std::chrono::seconds wait{30LL << std::min(f.count - 3, 6)};
            if (now < *f.latest + wait) {
                return login_refusal{true, *f.latest + wait - now};
            }
        }
        return std::nullopt;
    };
    if (auto r = throttle(account_key, cfg.login_failures_per_account)) {
        return *r;
    }
    if (limit_address) {
        if (auto r = throttle(address_key, cfg.login_failures_per_address)) {
            return *r;
        }
    }

    const auto user = lease->staff().find_staff(username);
    lease.reset(); // no connection held while the password hash is computed
    const bool ok = user ? verify_password(user->password_hash, password)
                         : (verify_password(dummy_hash(), password), false);
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    if (!ok || !user->active) {
        conn.staff().record_login_failure(account_key, now);
        if (limit_address) {
            conn.staff().record_login_failure(address_key, now);
        }
        conn.reservations().append_audit({now, std::string{username}, "staff", "counter",
                                          "login_failed", std::nullopt, "staff_user",
                                          std::string{username}, "{}", std::string{address}});
        tx->commit();
        return login_refusal{};
    }
    conn.staff().clear_login_failures(account_key);
    login_outcome out;
    out.token = random_token(16); // 128 random bits
    out.session.user = *user;
    out.session.id_hash = sha256_hex(out.token);
    out.session.csrf_token = random_token(16);
    out.session.created_at = now;
    out.session.last_seen = now;
    conn.staff().insert_session({out.session.id_hash, user->id, out.session.csrf_token, now, now});
    conn.staff().delete_expired_sessions(now - std::chrono::minutes{cfg.session_idle_minutes},
                                         now - std::chrono::hours{cfg.session_absolute_hours});
    conn.reservations().append_audit({now, user->username, std::string{to_string(user->who)},
                                      "counter", "login", std::nullopt, "staff_user",
                                      user->username, "{}", std::string{address}});
    tx->commit();
    return out;
}

std::optional<staff_session> authenticate(services& s, std::string_view token) {
    if (token.empty() || token.size() > 64) {
        return std::nullopt;
    }
    const auto cat = s.catalog.get();
    const settings& cfg = cat->config();
    const sys_seconds now = s.clock.now();
    const std::string id_hash = sha256_hex(token);
    auto lease = s.db.begin(storage::access::read);
    storage::repositories& conn = *lease;
    const auto row = conn.staff().find_session(id_hash);
    if (!row) {
        return std::nullopt;
    }
    if (now - row->last_seen > std::chrono::minutes{cfg.session_idle_minutes} ||
        now - row->created_at > std::chrono::hours{cfg.session_absolute_hours} ||
        now < row->created_at - std::chrono::minutes{5}) {
        return std::nullopt; // expired (or the test clock went back before it existed)
    }
    auto user = conn.staff().find_staff_by_id(row->user_id);
    if (!user || !user->active) {
        return std::nullopt;
    }
    if (now - row->last_seen >= std::chrono::minutes{1}) {
        lease.reset(); // a reader's connection is never held while waiting for the writer
        const auto tx = s.db.begin(storage::access::write);
        tx->staff().touch_session(id_hash, now);
        tx->commit();
    }
    return staff_session{std::move(*user), id_hash, row->csrf_token, row->created_at, now};
}

void logout(services& s, std::string_view token, std::string_view address) {
    const std::string id_hash = sha256_hex(token);
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    const auto session = conn.staff().find_session(id_hash);
    if (!session) {
        return;
    }
    conn.staff().delete_session(id_hash);
    if (const auto user = conn.staff().find_staff_by_id(session->user_id)) {
        conn.reservations().append_audit(
            {s.clock.now(), user->username, std::string{to_string(user->who)}, "counter", "logout",
             std::nullopt, "staff_user", user->username, "{}", std::string{address}});
    }
    tx->commit();
}

std::int64_t create_staff(storage::repositories& conn, std::string_view username,
                          std::string_view password, role who,
                          std::optional<std::int64_t> branch_id, std::string_view display_name,
                          sys_seconds now) {
    storage::staff_row row;
    row.username = username;
    row.display_name = display_name;
    row.who = who;
    row.branch_id = branch_id;
    row.password_hash = hash_password(password);
    row.created_at = now;
    return conn.staff().insert_staff(row);
}

} // namespace agrirent::app
