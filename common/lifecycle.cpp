#include "common/lifecycle.hpp"

#include <algorithm>
#include <array>

#include "common/time.hpp"

namespace agrirent {
namespace {

constexpr role_set farmer = role_bit(role::farmer);
constexpr role_set operator_ = role_bit(role::operator_);
constexpr role_set clerk = role_bit(role::clerk);
constexpr role_set admin = role_bit(role::admin);
constexpr role_set system = role_bit(role::system);

// DOMAIN.md §6. Clerks act only on their own branch (checked by the server). A requested booking
// nobody confirmed before its pickup window closed is rejected by the system (not the farmer's
// fault, so no strike).
constexpr std::array table{
    transition{status::requested, action::confirm, status::confirmed, operator_ | admin},
    transition{status::requested, action::reject, status::rejected, operator_ | admin | system},
    transition{status::requested, action::cancel, status::cancelled,
               farmer | operator_ | clerk | admin},
    transition{status::confirmed, action::cancel, status::cancelled,
               farmer | operator_ | clerk | admin},
    transition{status::confirmed, action::check_out, status::checked_out, clerk | admin},
    transition{status::confirmed, action::no_show, status::no_show, clerk | admin | system},
    transition{status::checked_out, action::check_in, status::returned, clerk | admin},
};

} // namespace

std::string_view to_string(action a) noexcept {
    switch (a) {
    case action::confirm:
        return "confirm";
    case action::reject:
        return "reject";
    case action::cancel:
        return "cancel";
    case action::check_out:
        return "checkout";
    case action::check_in:
        return "checkin";
    case action::no_show:
        return "no_show";
    }
    return "?";
}

std::span<const transition> transitions() noexcept {
    return table;
}

result<status> apply_action(status from, action act, role actor) {
    const auto it = std::find_if(table.begin(), table.end(), [&](const transition& t) {
        return t.from == from && t.act == act;
    });
    if (it == table.end()) {
        return refusal{
            reason::invalid_transition,
            {{"status", std::string{to_string(from)}}, {"action", std::string{to_string(act)}}}};
    }
    if ((it->allowed & role_bit(actor)) == 0) {
        return reason::forbidden;
    }
    return it->to;
}

bool farmer_may_cancel(const rental_plan& plan, sys_seconds now) noexcept {
    return now < plan.pickup.from;
}

bool within_pickup_window(const rental_plan& plan, sys_seconds now) noexcept {
    return plan.pickup.from <= now && now < plan.pickup.to;
}

bool pickup_window_closed(const rental_plan& plan, sys_seconds now) noexcept {
    return now >= plan.pickup.to;
}

bool is_overdue(status s, sys_seconds return_by, sys_seconds now) noexcept {
    return s == status::checked_out && now > return_by;
}

std::string_view to_string(strike_kind k) noexcept {
    switch (k) {
    case strike_kind::no_show:
        return "no_show";
    case strike_kind::late_return:
        return "late_return";
    case strike_kind::damage:
        return "damage";
    }
    return "?";
}

bool is_late_strike(sys_seconds return_by, sys_seconds returned_at) noexcept {
    return returned_at - return_by > std::chrono::hours{24};
}

namespace {

// `d` moved by `months` calendar months, clamped to the end of a shorter month.
local_days add_months(local_days d, int months) {
    date::year_month_day ymd{d};
    const date::year_month ym = date::year_month{ymd.year(), ymd.month()} + date::months{months};
    const auto last = date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}};
    const date::day day = std::min(ymd.day(), last.day());
    return local_days{ym.year() / ym.month() / day};
}

} // namespace

std::optional<local_days> suspension_after_strike(std::span<const sys_seconds> strikes,
                                                  sys_seconds now, const date::time_zone* zone,
                                                  const strike_policy& policy) {
    const local_days today = local_date_of(zone, now);
    const sys_seconds window_start =
        to_instant(zone, add_months(today, -policy.window_months), time_of_day{0});
    const auto within = std::count_if(strikes.begin(), strikes.end(),
                                      [&](sys_seconds s) { return s >= window_start && s <= now; });
    if (within < policy.strikes_to_suspend) {
        return std::nullopt;
    }
    return add_months(today, policy.suspension_months) - date::days{1};
}

} // namespace agrirent
