#pragma once
// Fees (DOMAIN.md §7): per-day breakdown, best discount per day, surcharges on top, whole won
// rounded down per day, late fee.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/machine_type.hpp"
#include "common/types.hpp"

namespace agrirent {

/// A fee adjustment: a time-limited discount, or a farmer category's reduction or surcharge.
/// percent > 0 reduces the day's fee, percent < 0 is a surcharge (DOMAIN.md §7: a surcharge is
/// a negative discount). Empty scope lists mean "all".
struct fee_adjustment {
    std::string name_ko;
    std::string name_en;
    int percent = 0;                   // -100 … 100
    std::optional<date_range> days;    // usage days it applies to; none = always
    std::vector<branch_code> branches; // empty = every branch
    std::vector<type_code> types;      // empty = every type
    std::string category;              // empty = every farmer; else farmers of this category
};

struct fee_day {
    local_days date;
    won daily_fee;
    int discount_pct = 0; // best reduction that day (0 = none)
    std::string discount_name_ko;
    std::string discount_name_en;
    int surcharge_pct = 0; // largest surcharge that day, as a positive number (50 = +50 %)
    std::string surcharge_name_ko;
    std::string surcharge_name_en;
    won amount; // floor(daily_fee × (100 − discount) × (100 + surcharge) / 10000)
    friend bool operator==(const fee_day&, const fee_day&) = default;
};

struct fee_quote {
    won gross;     // Σ daily fees
    won discount;  // Σ reductions
    won surcharge; // Σ surcharges
    won net;       // Σ amounts + delivery = gross − discount + surcharge + delivery
    won delivery;  // the delivery line (DOMAIN.md §15), never discounted; 0 without delivery
    std::vector<fee_day> days;
    friend bool operator==(const fee_quote&, const fee_quote&) = default;
};

/// Quotes usage days `usage` of `type` at `branch` for a farmer in `farmer_categories`.
/// For each day the largest applicable reduction wins (no stacking); the largest applicable
/// surcharge is then applied on top of the reduced fee.
fee_quote quote_fee(const machine_type& type, const branch_code& branch, period usage,
                    std::span<const fee_adjustment> adjustments,
                    std::span<const std::string> farmer_categories);

/// A half day's fee (DOMAIN.md §11): `whole` is the quote of its one usage day (§7: best discount,
/// surcharge on top); each amount becomes floor(amount × pct / 100), and gross, discount and
/// surcharge are scaled the same way (floor each), so that net = gross − discount + surcharge
/// still holds. A delivery line (§15) is not scaled: apply with_delivery afterwards.
fee_quote half_day_fee(fee_quote whole, int pct);

struct late_policy {
    std::chrono::minutes grace{60}; // DOMAIN.md §7: 1 hour
    int multiplier_pct = 100;       // each started late day costs this % of the daily fee
    friend bool operator==(const late_policy&, const late_policy&) = default;
};

struct late_fee_result {
    int days_late = 0; // started days after the deadline; 0 within the grace
    won fee{0};
    friend bool operator==(const late_fee_result&, const late_fee_result&) = default;
};

/// Late fee for a return at `returned_at` against `return_by`: nothing within the grace;
/// beyond it, every started day of lateness (counted from the deadline) costs one undiscounted
/// daily fee × multiplier, rounded down to the won.
late_fee_result late_fee(sys_seconds return_by, sys_seconds returned_at, won daily_fee,
                         const late_policy& policy);

} // namespace agrirent
