#include "common/fees.hpp"

#include <algorithm>

namespace agrirent {
namespace {

bool applies(const fee_adjustment& a, const type_code& type, const branch_code& branch,
             local_days day, std::span<const std::string> farmer_categories) {
    if (a.days && !a.days->contains(day)) {
        return false;
    }
    if (!a.branches.empty() &&
        std::find(a.branches.begin(), a.branches.end(), branch) == a.branches.end()) {
        return false;
    }
    if (!a.types.empty() && std::find(a.types.begin(), a.types.end(), type) == a.types.end()) {
        return false;
    }
    if (!a.category.empty() && std::find(farmer_categories.begin(), farmer_categories.end(),
                                         a.category) == farmer_categories.end()) {
        return false;
    }
    return true;
}

} // namespace

fee_quote quote_fee(const machine_type& type, const branch_code& branch, period usage,
                    std::span<const fee_adjustment> adjustments,
                    std::span<const std::string> farmer_categories) {
    fee_quote q;
    for (local_days d = usage.start; d <= usage.end; d += date::days{1}) {
        fee_day day;
        day.date = d;
        day.daily_fee = type.daily_fee;
        const fee_adjustment* best = nullptr;      // largest reduction: no stacking (§7)
        const fee_adjustment* surcharge = nullptr; // largest surcharge, applied on top
        for (const auto& a : adjustments) {
            if (a.percent == 0 || !applies(a, type.code, branch, d, farmer_categories)) {
                continue;
            }
            if (a.percent > 0 && (best == nullptr || a.percent > best->percent)) {
                best = &a;
            } else if (a.percent < 0 && (surcharge == nullptr || a.percent < surcharge->percent)) {
                surcharge = &a;
            }
        }
        if (best != nullptr) {
            day.discount_pct = std::min(best->percent, 100);
            day.discount_name_ko = best->name_ko;
            day.discount_name_en = best->name_en;
        }
        if (surcharge != nullptr) {
            day.surcharge_pct = std::min(-surcharge->percent, 100);
            day.surcharge_name_ko = surcharge->name_ko;
            day.surcharge_name_en = surcharge->name_en;
        }
        // Whole won, rounded down once per day (§7).
        const std::int64_t fee = type.daily_fee.value;
        const std::int64_t reduced = fee * (100 - day.discount_pct) / 100;
        day.amount = won{fee * (100 - day.discount_pct) * (100 + day.surcharge_pct) / 10000};
        q.gross += won{fee};
        q.discount += won{fee - reduced};
        q.surcharge += won{day.amount.value - reduced};
        q.net += day.amount;
        q.days.push_back(std::move(day));
    }
    return q;
}

fee_quote half_day_fee(fee_quote whole, int pct) {
    fee_quote q;
    q.delivery = whole.delivery;
    q.net = whole.delivery;
    for (auto& day : whole.days) {
        const std::int64_t fee = day.daily_fee.value;
        const std::int64_t reduced = fee * (100 - day.discount_pct) / 100;
        const std::int64_t half_gross = fee * pct / 100;
        const std::int64_t half_reduced = reduced * pct / 100;
        day.amount = won{day.amount.value * pct / 100};
        q.gross += won{half_gross};
        q.discount += won{half_gross - half_reduced};
        q.surcharge += won{day.amount.value - half_reduced};
        q.net += day.amount;
        q.days.push_back(std::move(day));
    }
    return q;
}

late_fee_result late_fee(sys_seconds return_by, sys_seconds returned_at, won daily_fee,
                         const late_policy& policy) {
    late_fee_result r;
    if (returned_at <= return_by + policy.grace) {
        return r;
    }
    // Every started day of lateness, counted from the deadline itself.
    const auto late = returned_at - return_by;
    const std::chrono::seconds day{24 * 3600};
    r.days_late = static_cast<int>((late + day - std::chrono::seconds{1}) / day);
    r.fee = won{daily_fee.value * r.days_late * policy.multiplier_pct / 100};
    return r;
}

} // namespace agrirent
