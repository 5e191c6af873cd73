#pragma once
// The database schema as numbered migrations (PRAGMA user_version), applied at start.
#include <span>
#include <string_view>

namespace agrirent::storage::sqlite {

/// Migration i (1-based) is element i-1. Never edit a released migration; append a new one.
std::span<const std::string_view> migrations() noexcept;

} // namespace agrirent::storage::sqlite
