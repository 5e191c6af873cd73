#pragma once
// Reservation statuses as the queries of every engine spell them in SQL.
#include <string_view>

namespace agrirent::storage::sql {

/// A live reservation holds its unit: the list for `status IN …`.
inline constexpr std::string_view live_statuses = "('requested', 'confirmed', 'checked_out')";

} // namespace agrirent::storage::sql
