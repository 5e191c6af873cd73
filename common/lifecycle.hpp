#pragma once
// Reservation lifecycle (DOMAIN.md §6) and strikes (§8).
#include <optional>
#include <span>

#include <date/tz.h>

#include "common/planning.hpp"
#include "common/result.hpp"
#include "common/types.hpp"

namespace agrirent {

enum class action { confirm, reject, cancel, check_out, check_in, no_show };
std::string_view to_string(action a) noexcept;

/// Bit set of roles allowed to make a transition.
using role_set = unsigned;
constexpr role_set role_bit(role r) noexcept {
    return 1U << static_cast<unsigned>(r);
}

struct transition {
    status from;
    action act;
    status to;
    role_set allowed;
};

/// The table of allowed transitions with who may make each.
std::span<const transition> transitions() noexcept;

/// The status after `act` by `actor`, or invalid_transition (no such edge from `from`) or
/// forbidden (the edge exists but not for this role). Time conditions are separate below.
result<status> apply_action(status from, action act, role actor);

/// DOMAIN.md §6: a farmer may cancel their own booking until the pickup window opens.
bool farmer_may_cancel(const rental_plan& plan, sys_seconds now) noexcept;

/// DOMAIN.md §6: check-out happens within the pickup window unless staff override it.
bool within_pickup_window(const rental_plan& plan, sys_seconds now) noexcept;

/// DOMAIN.md §6: a confirmed reservation not checked out when its window closes is a no-show.
bool pickup_window_closed(const rental_plan& plan, sys_seconds now) noexcept;

/// Shown as overdue: checked out and the return deadline has passed.
bool is_overdue(status s, sys_seconds return_by, sys_seconds now) noexcept;

/// DOMAIN.md §8 strikes: a no-show, a return more than a day late, damage through the farmer's
/// fault.
enum class strike_kind { no_show, late_return, damage };
std::string_view to_string(strike_kind k) noexcept;

/// A return more than a day after the deadline is a strike.
bool is_late_strike(sys_seconds return_by, sys_seconds returned_at) noexcept;

struct strike_policy {
    int strikes_to_suspend = 3;
    int window_months = 12;
    int suspension_months = 6;
};

/// After a new strike at `now` (included in `strikes`, the farmer's strike instants): the last
/// day of the automatic suspension when this many strikes fall within the window, else nullopt.
/// The suspension runs from today for suspension_months (inclusive end: today + 6 months − 1 day).
std::optional<local_days> suspension_after_strike(std::span<const sys_seconds> strikes,
                                                  sys_seconds now, const date::time_zone* zone,
                                                  const strike_policy& policy);

/// Whether a farmer suspended until `until` (inclusive) is suspended on `today`.
constexpr bool is_suspended(std::optional<local_days> until, local_days today) noexcept {
    return until && today <= *until;
}

} // namespace agrirent
