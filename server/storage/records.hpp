#pragma once
// Rows as the server uses them: plain values, loaded and stored by the repositories.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/delivery.hpp"
#include "common/fees.hpp"
#include "common/planning.hpp"
#include "common/types.hpp"

namespace agrirent::storage {

struct farmer_row {
    std::int64_t id = 0;
    std::string phone;
    std::string name;
    std::optional<std::string> farm_id;
    std::optional<std::string> district;
    std::optional<local_days> training_completed_on;
    std::optional<local_days> suspended_until;
    std::optional<std::string> suspension_reason;
    std::vector<std::string> categories; // category codes
    sys_seconds created_at{};
};

struct reservation_row {
    std::int64_t id = 0;
    std::string code;
    std::int64_t branch_id = 0;
    std::int64_t type_id = 0;
    std::int64_t farmer_id = 0;
    std::string farmer_name;
    std::string phone; // the farmer's phone (joined)
    rental_plan plan;
    status state = status::requested;
    channel via = channel::web;
    won daily_fee{0};
    fee_quote fee; // fee.delivery is the delivery line, included in fee.net
    std::optional<delivery_request> delivery; // DOMAIN.md §15; none = picked up at the office
    std::optional<std::int64_t> group_id;     // DOMAIN.md §16: a group booking
    std::optional<std::string> group_name;    // joined
    sys_seconds created_at{};
    std::string created_by;
    // Check-out and check-in (DOMAIN.md §6).
    std::optional<std::int64_t> unit_id;
    std::optional<std::string> unit_tag; // joined
    std::optional<sys_seconds> checked_out_at;
    std::optional<double> hour_meter_out;
    std::optional<std::string> checklist_out; // JSON object {item: bool}
    std::optional<bool> paid;
    std::optional<std::string> override_reason;
    std::optional<sys_seconds> returned_at;
    std::optional<double> hour_meter_in;
    std::optional<std::string> checklist_in;
    std::optional<std::string> damage_notes;
    std::optional<bool> farmer_at_fault;
    int late_days = 0;
    won late_fee{0};
    std::optional<std::string> status_reason; // why cancelled / rejected
    /// DOMAIN.md §14: the farmer's phone was verified by a code, or staff made the booking; only
    /// then does the reservation earn strikes (§8).
    bool phone_verified = true;
};

/// A farmer group (작목반, 영농조합; DOMAIN.md §16): a representative and members, by phone.
struct group_row {
    std::int64_t id = 0;
    std::string name;
    std::int64_t representative_id = 0;
    std::string representative_phone; // joined
    std::vector<std::int64_t> member_ids;
    std::vector<std::string> member_phones; // joined, in phone order
    sys_seconds created_at{};
};

/// A live reservation as the capacity rules see it.
struct live_occupancy {
    std::int64_t id = 0;
    std::int64_t type_id = 0;
    status state = status::requested;
    interval occupancy;
    sys_seconds created_at{};
};

struct history_entry {
    sys_seconds at{};
    std::string actor;   // "web", a staff username, "system"
    std::string role;    // farmer, operator, clerk, admin, system
    std::string via;     // channel
    std::string action;  // create, confirm, cancel, checkout, …
    std::string details; // JSON object
};

} // namespace agrirent::storage
