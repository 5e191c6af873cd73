#pragma once
// Verified phones (DOMAIN.md §14, issue 14): the one-time codes sent to a phone and the
// verifications a confirmed code gives. Only keyed hashes are stored (hex text), never a code
// or a token (server/app/phone_verification.hpp makes and checks them). Every call runs inside
// the unit of work it was reached through; the counting of tries runs in a write unit of work,
// so two confirmations of the same phone never both see the same count.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.hpp"

namespace agrirent::storage {

struct phone_code_row {
    std::int64_t id = 0;
    std::string phone;     // normalised
    std::string salt;      // hex: the key of the keyed hash, random per code
    std::string code_hash; // hex
    sys_seconds created_at{};
    sys_seconds expires_at{};
    int tries = 0;     // wrong tries so far
    bool dead = false; // used, replaced or too many wrong tries
};

struct phone_verification_row {
    std::string token_hash; // hex
    std::string phone;      // normalised
    sys_seconds created_at{};
    sys_seconds expires_at{};
};

class phone_repository {
  public:
    virtual ~phone_repository() = default;

    /// When codes were sent to `phone` at or after `since`, newest first (the resend limits).
    virtual std::vector<sys_seconds> code_times(std::string_view phone, sys_seconds since) = 0;
    /// Inserts a code (its id is returned).
    virtual std::int64_t insert_code(const phone_code_row& c) = 0;
    /// The newest code sent to `phone` (dead or not).
    virtual std::optional<phone_code_row> latest_code(std::string_view phone) = 0;
    /// Records the tries of a code and whether it is dead.
    virtual void update_code(std::int64_t id, int tries, bool dead) = 0;
    /// Marks every live code of `phone` dead (a new code replaces them).
    virtual void kill_codes(std::string_view phone) = 0;
    virtual void insert_verification(const phone_verification_row& v) = 0;
    virtual std::optional<phone_verification_row>
    find_verification(std::string_view token_hash) = 0;
    /// Deletes codes sent and verifications expired before `before` (housekeeping).
    virtual void delete_older(sys_seconds before) = 0;
    /// The server-wide secret `name` (table server_secrets; e.g. the pages' signing key): the one
    /// stored, or `candidate` stored now when there is none, so every server on the database
    /// gets the same value however many start at once (INSERT … ON CONFLICT DO NOTHING, then
    /// read). Call in a write unit of work. Never shown by any API nor written to any log.
    virtual std::string server_secret(std::string_view name, std::string_view candidate) = 0;

  protected:
    phone_repository() = default;
    phone_repository(const phone_repository&) = default;
    phone_repository& operator=(const phone_repository&) = default;
};

} // namespace agrirent::storage
