#pragma once
// A clerk's one-click unit changes (issue 4 "Clerks"): a cleaned unit back to `available`, a unit
// to `maintenance` and back. Check-out and check-in move units too (reservation_ops.hpp);
// retirement and transfers are admin actions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "server/app/services.hpp"
#include "server/storage/unit_repository.hpp"

namespace agrirent::app {

/// Whether a clerk may move a unit from `from` to `to`: available ← cleaning | maintenance,
/// maintenance ← available | cleaning.
bool clerk_may_set_unit_status(unit_status from, unit_status to) noexcept;

/// Sets the status of unit `tag` with an optional note, in one transaction with its audit row.
/// Refusals: not_found, forbidden (role, or a clerk of another branch), invalid_transition.
/// A unit sent to maintenance may put reservations at risk (at_risk_reservations shows them).
/// Units matching `f` (staff lists: the units page, the check-out form's choice).
std::vector<storage::unit_row> list_units(services& s, const storage::unit_filter& f);

result<storage::unit_row> set_unit_status(services& s, std::string_view tag, unit_status to,
                                          const std::optional<std::string>& note, const actor& who);

} // namespace agrirent::app
