#pragma once
// A machine type (기종, DOMAIN.md §3).
#include <optional>
#include <string>
#include <vector>

#include "common/types.hpp"

namespace agrirent {

struct machine_type {
    type_code code;
    std::string name_ko;
    std::string name_en;
    won daily_fee{0};
    int max_days = 3;                   // DOMAIN.md §4: default 3
    bool needs_training = false;        // only farmers with recorded safety training
    bool needs_approval = false;        // web bookings wait for an operator
    bool deliverable = false;           // DOMAIN.md §15: branches that deliver may bring it
    bool group_rental = false;          // DOMAIN.md §16: groups may book it (4–15 days)
    bool half_day = false;              // DOMAIN.md §11: may be booked for a morning or afternoon
    std::vector<std::string> checklist; // check-out / check-in items, e.g. "tyres", "oil"
    std::optional<won> purchase_price;  // DOMAIN.md §17: fixes the fee band; none = not checked
};

} // namespace agrirent
