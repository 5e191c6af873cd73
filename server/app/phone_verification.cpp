#include "server/app/phone_verification.hpp"

#include <array>
#include <stdexcept>

#include <sodium.h>

#include "server/app/log.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {
namespace {

using namespace std::chrono_literals;

std::string hex_of(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

/// generichash of `message` keyed with `key` (empty: unkeyed), as hex.
std::string keyed_hash(std::string_view key, std::string_view message) {
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
                       key.size());
    return hex_of(digest.data(), digest.size());
}

std::string code_hash(std::string_view salt_hex, std::string_view phone, std::string_view code) {
    std::string message{phone};
    message += '\n';
    message += code;
    return keyed_hash(salt_hex, message);
}

bool same_hex(std::string_view a, std::string_view b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

refusal unverified(std::string_view why) {
    return refusal{reason::phone_unverified, {{"reason", std::string{why}}}};
}

} // namespace

std::string verification_token_hash(std::string_view token) {
    return keyed_hash({}, token);
}

std::optional<refusal> request_phone_code(services& s, std::string_view phone) {
    const sys_seconds now = s.clock.now();
    char digits[7];
    std::snprintf(digits, sizeof digits, "%06u", randombytes_uniform(1000000));
    const std::string code{digits, 6};
    std::array<unsigned char, 16> salt{};
    randombytes_buf(salt.data(), salt.size());
    {
        auto tx = s.db.begin(storage::access::write);
        auto& phones = tx->phones();
        // The hour before: a code sent exactly an hour ago no longer counts.
        const auto sent = phones.code_times(phone, now - 1h + 1s);
        if (!sent.empty() && now - sent.front() < phone_code_min_interval) {
            const auto wait = phone_code_min_interval - (now - sent.front());
            return refusal{
                reason::rate_limited,
                {{"reason", "per_minute"}, {"retry_after", std::to_string(wait.count())}}};
        }
        if (static_cast<int>(sent.size()) >= phone_codes_per_hour) {
            const auto wait = std::chrono::duration_cast<std::chrono::seconds>(
                sent[phone_codes_per_hour - 1] + 1h - now);
            return refusal{reason::rate_limited,
                           {{"reason", "per_hour"},
                            {"retry_after", std::to_string(std::max<long long>(1, wait.count()))}}};
        }
        phones.kill_codes(phone);
        storage::phone_code_row row;
        row.phone = std::string{phone};
        row.salt = hex_of(salt.data(), salt.size());
        row.code_hash = code_hash(row.salt, phone, code);
        row.created_at = now;
        row.expires_at = now + phone_code_ttl;
        phones.insert_code(row);
        phones.delete_older(now - std::chrono::hours{24});
        tx->commit();
    }
    if (s.send_now) {
        storage::outbox_message m;
        m.created_at = now;
        m.phone = std::string{phone};
        m.kind = "verification_code";
        m.body = "[농기계임대] 인증번호 " + code +
                 " (5분 안에 입력하세요. 다른 사람에게 알려주지 "
                 "마세요.) Verification code " +
                 code + " (valid 5 minutes).";
        m.state = "pending";
        m.next_attempt = now;
        if (const auto failed = s.send_now(m)) {
            // The code itself is never logged; the farmer asks for another one.
            log::warn("verification code message not delivered: " + *failed);
        }
    }
    return std::nullopt;
}

result<phone_verification> confirm_phone_code(services& s, std::string_view phone,
                                              std::string_view code) {
    const sys_seconds now = s.clock.now();
    auto tx = s.db.begin(storage::access::write);
    auto& phones = tx->phones();
    auto latest = phones.latest_code(phone);
    if (!latest) {
        return unverified("no_code");
    }
    if (latest->tries >= phone_code_max_tries) {
        return unverified("too_many_tries");
    }
    if (latest->dead) {
        return unverified("no_code");
    }
    if (now >= latest->expires_at) {
        return unverified("expired");
    }
    if (!same_hex(code_hash(latest->salt, phone, code), latest->code_hash)) {
        const int tries = latest->tries + 1;
        const bool dead = tries >= phone_code_max_tries;
        phones.update_code(latest->id, tries, dead);
        tx->commit();
        if (dead) {
            return unverified("too_many_tries");
        }
        auto r = unverified("wrong_code");
        r.details.emplace_back("tries_left", std::to_string(phone_code_max_tries - tries));
        return r;
    }
    phones.update_code(latest->id, latest->tries, true); // used: never twice
    std::array<unsigned char, 32> raw{};
    randombytes_buf(raw.data(), raw.size());
    phone_verification v{hex_of(raw.data(), raw.size()), now + phone_verification_ttl};
    phones.insert_verification(
        {verification_token_hash(v.token), std::string{phone}, now, v.expires_at});
    tx->commit();
    return v;
}

std::optional<refusal> require_verified_phone(storage::repositories& repos, const settings& config,
                                              std::string_view phone,
                                              const std::optional<std::string>& verification,
                                              sys_seconds now) {
    if (!config.verify_farmer_phone) {
        return std::nullopt;
    }
    return check_verification(repos, phone, verification, now);
}

std::optional<refusal> check_verification(storage::repositories& repos, std::string_view phone,
                                          const std::optional<std::string>& verification,
                                          sys_seconds now) {
    if (!verification || verification->empty()) {
        return unverified("missing");
    }
    const auto found = repos.phones().find_verification(verification_token_hash(*verification));
    if (!found) {
        return unverified("unknown");
    }
    if (now >= found->expires_at) {
        return unverified("expired");
    }
    if (found->phone != phone) {
        return unverified("other_phone");
    }
    return std::nullopt;
}

std::array<unsigned char, 32> page_signing_key(services& s) {
    std::array<unsigned char, 32> fresh{};
    randombytes_buf(fresh.data(), fresh.size());
    std::string stored;
    {
        auto tx = s.db.begin(storage::access::write);
        stored = tx->phones().server_secret("page_signing_key", hex_of(fresh.data(), fresh.size()));
        tx->commit();
    }
    sodium_memzero(fresh.data(), fresh.size());
    std::array<unsigned char, 32> key{};
    std::size_t length = 0;
    if (sodium_hex2bin(key.data(), key.size(), stored.data(), stored.size(), nullptr, &length,
                       nullptr) != 0 ||
        length != key.size()) {
        // Never the value itself in the message.
        throw std::runtime_error("server_secrets: page_signing_key is not 32 bytes of hex");
    }
    sodium_memzero(stored.data(), stored.size());
    return key;
}

} // namespace agrirent::app
