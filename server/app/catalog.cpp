#include "server/app/catalog.hpp"

#include <charconv>
#include <stdexcept>

#include "common/time.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {
namespace {

void apply_settings(const std::vector<std::pair<std::string, std::string>>& rows, settings& s) {
    for (const auto& [key, text] : rows) {
        int v = 0;
        if (std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc{}) {
            continue;
        }
        if (key == "max_live") {
            s.max_live = v;
        } else if (key == "max_types_per_farmer") {
            s.max_types_per_farmer = v;
        } else if (key == "waitlist_per_farmer") {
            s.waitlist_per_farmer = v;
        } else if (key == "offer_hold_minutes") {
            s.offer_hold_minutes = v;
        } else if (key == "extension_max_days") {
            s.extension_max_days = v;
        } else if (key == "group_min_days") {
            s.group_min_days = v;
        } else if (key == "group_max_days") {
            s.group_max_days = v;
        } else if (key == "group_live_limit") {
            s.group_live_limit = v;
        } else if (key == "half_day_fee_pct") {
            s.half_day_fee_pct = v;
        } else if (key == "late_grace_minutes") {
            s.late.grace = std::chrono::minutes{v};
        } else if (key == "late_multiplier_pct") {
            s.late.multiplier_pct = v;
        } else if (key == "strikes_to_suspend") {
            s.strikes.strikes_to_suspend = v;
        } else if (key == "strike_window_months") {
            s.strikes.window_months = v;
        } else if (key == "suspension_months") {
            s.strikes.suspension_months = v;
        } else if (key == "public_rate_per_minute") {
            s.public_rate_per_minute = v;
        } else if (key == "login_failures_per_account") {
            s.login_failures_per_account = v;
        } else if (key == "login_failures_per_address") {
            s.login_failures_per_address = v;
        } else if (key == "login_window_minutes") {
            s.login_window_minutes = v;
        } else if (key == "session_idle_minutes") {
            s.session_idle_minutes = v;
        } else if (key == "session_absolute_hours") {
            s.session_absolute_hours = v;
        } else if (key == "verify_farmer_phone") {
            s.verify_farmer_phone = v != 0;
        }
    }
}

} // namespace

const branch_info* catalog::branch(std::string_view code) const {
    for (const auto& b : branches_) {
        if (b.code.value == code) {
            return &b;
        }
    }
    return nullptr;
}

const branch_info* catalog::branch_by_id(std::int64_t id) const {
    for (const auto& b : branches_) {
        if (b.id == id) {
            return &b;
        }
    }
    return nullptr;
}

const type_info* catalog::type(std::string_view code) const {
    for (const auto& t : types_) {
        if (t.type.code.value == code) {
            return &t;
        }
    }
    return nullptr;
}

const type_info* catalog::type_by_id(std::int64_t id) const {
    for (const auto& t : types_) {
        if (t.id == id) {
            return &t;
        }
    }
    return nullptr;
}

const category_info* catalog::category(std::string_view code) const {
    for (const auto& c : categories_) {
        if (c.code == code) {
            return &c;
        }
    }
    return nullptr;
}

std::shared_ptr<const catalog> catalog::load(storage::repositories& repos) {
    storage::catalog_rows rows = repos.catalog().load_catalog();
    auto c = std::make_shared<catalog>();
    const auto branch_by_id = [&](std::int64_t id) -> branch_info* {
        for (auto& b : c->branches_) {
            if (b.id == id) {
                return &b;
            }
        }
        return nullptr;
    };

    // Holidays: the shipped file, then what admins added or removed (DOMAIN.md §2).
    c->holidays_ = shipped_holidays();
    for (const auto& h : rows.holiday_overrides) {
        c->holidays_.remove(h.date);
        if (!h.removed) {
            c->holidays_.add({h.date, h.name_ko, h.name_en});
        }
    }
    for (const int year : rows.known_years) {
        c->holidays_.add_known_year(year);
    }
    for (auto& [r, zone] : rows.branches) {
        branch_info b;
        b.id = r.id;
        b.code = branch_code{std::move(r.code)};
        b.name_ko = std::move(r.name_ko);
        b.name_en = std::move(r.name_en);
        b.phones = std::move(r.phones);
        b.address_ko = std::move(r.address_ko);
        b.address_en = std::move(r.address_en);
        b.zone_name = zone;
        b.calendar.zone = date::locate_zone(b.zone_name);
        b.calendar.hours = r.hours;
        b.calendar.half_days = r.half_days;
        b.horizon_days = r.horizon_days;
        b.active = r.active;
        b.delivery = std::move(r.delivery);
        b.calendar.holidays = &c->holidays_;
        c->branches_.push_back(std::move(b));
    }
    for (const auto& season : rows.seasons) {
        if (auto* b = branch_by_id(season.branch_id)) {
            b->calendar.saturday_seasons.push_back(season.days);
        }
    }
    for (auto& cl : rows.closures) {
        if (auto* b = branch_by_id(cl.branch_id)) {
            b->calendar.closures[cl.date] = closure{cl.date, cl.extra_opening, std::move(cl.note)};
        }
    }
    // DOMAIN.md §17: the table in the database (copied from the shipped file on the first start);
    // the shipped one for a database no server has started on yet.
    c->fee_bands_ = rows.fee_bands.empty() ? shipped_fee_bands() : std::move(rows.fee_bands);
    for (auto& t : rows.types) {
        type_info info{t.id, std::move(t.type), t.active, std::nullopt};
        if (info.type.purchase_price) {
            info.fee_band = range_for(c->fee_bands_, *info.type.purchase_price);
        }
        c->types_.push_back(std::move(info));
    }
    for (auto& r : rows.categories) {
        category_info cat{r.id, std::move(r.code), std::move(r.name_ko), std::move(r.name_en),
                          r.percent};
        fee_adjustment a;
        a.name_ko = cat.name_ko;
        a.name_en = cat.name_en;
        a.percent = cat.percent;
        a.category = cat.code;
        c->adjustments_.push_back(a);
        c->categories_.push_back(std::move(cat));
    }
    for (auto& r : rows.discounts) {
        discount_info d;
        d.id = r.id;
        d.adjustment.name_ko = std::move(r.name_ko);
        d.adjustment.name_en = std::move(r.name_en);
        d.adjustment.percent = r.percent;
        d.adjustment.days = r.days;
        for (auto& code : r.branches) {
            d.adjustment.branches.emplace_back(std::move(code));
        }
        for (auto& code : r.types) {
            d.adjustment.types.emplace_back(std::move(code));
        }
        d.active = r.active;
        if (d.active) {
            c->adjustments_.push_back(d.adjustment);
        }
        c->discounts_.push_back(std::move(d));
    }
    apply_settings(rows.settings, c->settings_);
    return c;
}

} // namespace agrirent::app
