#pragma once
// Extension of a checked-out rental (연장, DOMAIN.md §12, issue 14): once, by whole usage days
// after its end, by staff (operator, admin, a clerk of its branch) or by the farmer (code and
// phone; the farmer's action passes app::check_farmer_action).
#include <optional>
#include <string>

#include "common/fees.hpp"
#include "common/result.hpp"
#include "server/app/services.hpp"
#include "server/app/waitlist.hpp"
#include "server/storage/records.hpp"

namespace agrirent::app {

struct extension_input {
    std::string code;
    local_days end;    // the new last usage day
    std::string phone; // a farmer's (empty for staff)
    bool dry_run = false;
    farmer_proof proof;
};

struct extension_outcome {
    storage::reservation_row row; // as extended (or as it would be, for a dry run)
    period added;                 // the added usage days
    fee_quote added_fee;          // priced today (DOMAIN.md §7), added to the stored fee
    sys_seconds return_by{};      // the new return deadline (§4)
    bool dry_run = false;
};

/// Whether `r` may be offered an extension at all (DOMAIN.md §11–12): checked out, and not a
/// half day (which ends at its slot's end). The pages show the 연장 control only then;
/// extend_reservation refuses the rest (invalid_transition) and checks the other rules.
inline bool may_be_extended(const storage::reservation_row& r) noexcept {
    return r.state == status::checked_out && !r.plan.half;
}

/// Refusals: not_found (code, or a farmer's wrong phone), forbidden (a clerk of another branch),
/// invalid_transition (not checked out; reason already_extended; reason half_day: a half-day
/// rental is not extended), bad_request (end not after the
/// current end), extension_limit (details max_days), no_capacity, someone_waiting. A dry run
/// checks everything and changes nothing.
result<extension_outcome> extend_reservation(services& s, const extension_input& in,
                                             const actor& who);

} // namespace agrirent::app
