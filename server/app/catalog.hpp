#pragma once
// An immutable in-memory snapshot of what changes rarely: branches with their calendars,
// machine types, holidays, discounts, farmer categories and settings. Requests read it without
// touching SQLite; an admin write reloads it (catalog_cache::reload) after its commit.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/booking_rules.hpp"
#include "common/calendar.hpp"
#include "common/delivery.hpp"
#include "common/fee_bands.hpp"
#include "common/fees.hpp"
#include "common/lifecycle.hpp"
#include "common/machine_type.hpp"

namespace agrirent::storage {
class repositories;
}

namespace agrirent::app {

struct branch_info {
    std::int64_t id = 0;
    branch_code code;
    std::string name_ko;
    std::string name_en;
    std::vector<std::string> phones;
    std::string address_ko;
    std::string address_en;
    std::string zone_name;
    branch_calendar calendar; // points into the owning catalog's holidays
    int horizon_days = 30;
    bool active = true;
    std::optional<branch_delivery> delivery; // DOMAIN.md §15; none = does not deliver

    [[nodiscard]] const std::string& name(std::string_view lang) const {
        return lang == "en" ? name_en : name_ko;
    }
    [[nodiscard]] const std::string& address(std::string_view lang) const {
        return lang == "en" && !address_en.empty() ? address_en : address_ko;
    }
};

struct type_info {
    std::int64_t id = 0;
    machine_type type;
    bool active = true;
    /// DOMAIN.md §17: the band of the purchase price, when the type records one.
    std::optional<fee_range> fee_band;
    [[nodiscard]] const std::string& name(std::string_view lang) const {
        return lang == "en" ? type.name_en : type.name_ko;
    }
    /// A purchase price whose band the daily fee lies outside (after a table or price edit).
    [[nodiscard]] bool outside_band() const {
        return fee_band && (type.daily_fee < fee_band->min || fee_band->max < type.daily_fee);
    }
};

struct category_info {
    std::int64_t id = 0;
    std::string code;
    std::string name_ko;
    std::string name_en;
    int percent = 0; // > 0 reduction, < 0 surcharge
};

struct discount_info {
    std::int64_t id = 0;
    fee_adjustment adjustment;
    bool active = true;
};

/// Office-wide settings (DOMAIN.md: "setting"), stored in the settings table.
struct settings {
    int max_live = 3;
    int max_types_per_farmer = 0; // DOMAIN.md §18: 0 = no limit
    int group_min_days = 4;       // DOMAIN.md §16: usage days of a group booking
    int group_max_days = 15;
    int group_live_limit = 1;  // live group bookings per group and type
    int half_day_fee_pct = 50; // DOMAIN.md §11: a half day costs this % of the day's amount
    late_policy late;
    strike_policy strikes;
    int public_rate_per_minute = 30;    // booking form requests per client address
    int login_failures_per_account = 5; // within login_window_minutes
    int login_failures_per_address = 20;
    int login_window_minutes = 15;
    int session_idle_minutes = 30;
    int session_absolute_hours = 12;
    int waitlist_per_farmer = 3;     // DOMAIN.md §13: live waitlist entries per farmer
    int offer_hold_minutes = 120;    // DOMAIN.md §13: how long an offer holds capacity
    int extension_max_days = 6;      // DOMAIN.md §12: usage days of an extended reservation
    bool verify_farmer_phone = true; // DOMAIN.md §14: farmers' own actions need a verified phone
};

class catalog {
  public:
    catalog() = default;
    catalog(const catalog&) = delete; // branch calendars point at holidays_
    catalog& operator=(const catalog&) = delete;

    [[nodiscard]] const branch_info* branch(std::string_view code) const;
    [[nodiscard]] const branch_info* branch_by_id(std::int64_t id) const;
    [[nodiscard]] const type_info* type(std::string_view code) const;
    [[nodiscard]] const type_info* type_by_id(std::int64_t id) const;
    [[nodiscard]] const category_info* category(std::string_view code) const;

    [[nodiscard]] const std::vector<branch_info>& branches() const { return branches_; }
    [[nodiscard]] const std::vector<type_info>& types() const { return types_; }
    [[nodiscard]] const std::vector<category_info>& categories() const { return categories_; }
    [[nodiscard]] const std::vector<discount_info>& discounts() const { return discounts_; }
    [[nodiscard]] const holiday_calendar& holidays() const { return holidays_; }
    [[nodiscard]] const settings& config() const { return settings_; }
    /// The statutory fee bands (DOMAIN.md §17), by price_from.
    [[nodiscard]] const std::vector<fee_band>& fee_bands() const { return fee_bands_; }

    /// Active discounts and every category's adjustment, for quote_fee.
    [[nodiscard]] const std::vector<fee_adjustment>& adjustments() const { return adjustments_; }

    [[nodiscard]] booking_policy policy_for(const branch_info& b) const {
        return {b.horizon_days, settings_.max_live, settings_.max_types_per_farmer};
    }

    /// Reads a fresh snapshot from the database.
    static std::shared_ptr<const catalog> load(storage::repositories& repos);

  private:
    std::vector<branch_info> branches_;
    std::vector<type_info> types_;
    std::vector<category_info> categories_;
    std::vector<discount_info> discounts_;
    std::vector<fee_adjustment> adjustments_;
    holiday_calendar holidays_;
    settings settings_;
    std::vector<fee_band> fee_bands_;
};

/// The current snapshot, swapped atomically on reload.
class catalog_cache {
  public:
    [[nodiscard]] std::shared_ptr<const catalog> get() const { return current_.load(); }
    void reload(storage::repositories& repos) { current_.store(catalog::load(repos)); }

  private:
    std::atomic<std::shared_ptr<const catalog>> current_;
};

} // namespace agrirent::app
