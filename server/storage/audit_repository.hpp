#pragma once
// Reading the append-only audit trail (DOMAIN.md §6, issue 4 "Audit: viewable by admins").
// Writing it: reservation_repository.hpp append_audit.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/types.hpp"

namespace agrirent::storage {

struct audit_filter {
    std::optional<sys_seconds> from; // at >= from
    std::optional<sys_seconds> to;   // at < to
    std::optional<std::string> actor;
    std::optional<std::string> action;        // exact
    std::optional<std::string> action_prefix; // e.g. "unit."
    std::optional<std::string> reservation_code;
    std::optional<std::string> entity;
    std::optional<std::string> entity_key;
    std::optional<std::int64_t> before_id; // cursor: entries with a smaller id
    int limit = 50;
};

struct audit_record {
    std::int64_t id = 0;
    sys_seconds at{};
    std::string actor;
    std::string role;
    std::string via;
    std::string action;
    std::optional<std::string> reservation_code;
    std::string entity;
    std::string entity_key;
    std::string details; // JSON object
    std::string address;
};

/// The audit part of the storage port (server/storage/database.hpp); every call runs inside
/// the unit of work it was reached through.
class audit_repository {
  public:
    virtual ~audit_repository() = default;

    /// Matching entries, newest first (by id), at most `limit`.
    virtual std::vector<audit_record> list_audit(const audit_filter& f) = 0;

  protected:
    audit_repository() = default;
    audit_repository(const audit_repository&) = default;
    audit_repository& operator=(const audit_repository&) = default;
};

} // namespace agrirent::storage
