#pragma once
// The numbered migrations of the PostgreSQL schema (pg::migrate applies them in order).
#include <span>
#include <string_view>

namespace agrirent::storage::postgres {

std::span<const std::string_view> migrations() noexcept;

} // namespace agrirent::storage::postgres
