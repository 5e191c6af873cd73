#pragma once
// Staff users, their sessions and failed logins (issue 4 "Access").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.hpp"

namespace agrirent::storage {

struct staff_row {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    role who = role::operator_;
    std::optional<std::int64_t> branch_id; // clerks
    std::string password_hash;             // argon2id, libsodium's encoded form
    bool active = true;
    sys_seconds created_at{};
};

struct session_row {
    std::string id_hash;
    std::int64_t user_id = 0;
    std::string csrf_token;
    sys_seconds created_at{};
    sys_seconds last_seen{};
};

/// Failures for `key` since `since`, and the time of the latest.
struct failure_stats {
    int count = 0;
    std::optional<sys_seconds> latest;
};

/// The staff part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class staff_repository {
  public:
    virtual ~staff_repository() = default;

    virtual std::optional<staff_row> find_staff(std::string_view username) = 0;
    virtual std::optional<staff_row> find_staff_by_id(std::int64_t id) = 0;
    virtual std::vector<staff_row> list_staff() = 0;
    virtual std::int64_t insert_staff(const staff_row& s) = 0;
    /// Updates everything but the id and created_at.
    virtual void update_staff(const staff_row& s) = 0;
    virtual std::int64_t count_staff() = 0;
    virtual void insert_session(const session_row& s) = 0;
    virtual std::optional<session_row> find_session(std::string_view id_hash) = 0;
    virtual void touch_session(std::string_view id_hash, sys_seconds at) = 0;
    virtual void delete_session(std::string_view id_hash) = 0;
    virtual void delete_sessions_of(std::int64_t user_id) = 0;
    /// Removes sessions idle since before `idle_before` or created before `created_before`.
    virtual void delete_expired_sessions(sys_seconds idle_before, sys_seconds created_before) = 0;
    virtual void record_login_failure(std::string_view key, sys_seconds at) = 0;
    virtual failure_stats login_failures(std::string_view key, sys_seconds since) = 0;
    virtual void clear_login_failures(std::string_view key) = 0;

  protected:
    staff_repository() = default;
    staff_repository(const staff_repository&) = default;
    staff_repository& operator=(const staff_repository&) = default;
};

} // namespace agrirent::storage
