#include "server/app/catalog.hpp"

#include <charconv>
#include <stdexcept>

#include "common/time.hpp"
#include "server/storage/admin_repository.hpp"
#include "server/storage/columns.hpp"
#include "server/storage/json_columns.hpp"
#include "server/storage/sqlite.hpp"

namespace agrirent::app {
namespace {

void load_settings(db::connection& conn, settings& s) {
    auto& st = conn.prepare_cached("SELECT key, value FROM settings");
    while (st.step()) {
        const std::string_view key = st.text_view(0);
        const std::string_view text = st.text_view(1);
        int v = 0;
        if (std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc{}) {
            continue;
        }
        if (key == "max_live") {
            s.max_live = v;
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

std::shared_ptr<const catalog> catalog::load(db::connection& conn) {
    auto c = std::make_shared<catalog>();
    const auto branch_by_id = [&](std::int64_t id) -> branch_info* {
        for (auto& b : c->branches_) {
            if (b.id == id) {
                return &b;
            }
        }
        return nullptr;
    };
    db::transaction tx{conn, db::transaction_mode::deferred};

    // Holidays: the shipped file, then what admins added or removed (DOMAIN.md §2).
    c->holidays_ = shipped_holidays();
    {
        auto& st =
            conn.prepare_cached("SELECT date, removed, name_ko, name_en FROM holiday_overrides");
        while (st.step()) {
            const local_days d = storage::date_column(st, 0);
            c->holidays_.remove(d);
            if (st.int64(1) == 0) {
                c->holidays_.add({d, st.text(2), st.text(3)});
            }
        }
        auto& years = conn.prepare_cached("SELECT year FROM known_years");
        while (years.step()) {
            c->holidays_.add_known_year(years.int32(0));
        }
    }

    {
        auto& st = conn.prepare_cached(
            "SELECT id, code, name_ko, name_en, phones, address_ko, address_en, zone, open_min, "
            "close_min, eve_pickup_min, return_by_min, cutoff_min, horizon_days, active "
            "FROM branches ORDER BY id");
        while (st.step()) {
            branch_info b;
            b.id = st.int64(0);
            b.code = branch_code{st.text(1)};
            b.name_ko = st.text(2);
            b.name_en = st.text(3);
            b.phones = storage::parse_string_array(st.text_view(4));
            b.address_ko = st.text(5);
            b.address_en = st.text(6);
            b.zone_name = st.text(7);
            b.calendar.zone = date::locate_zone(b.zone_name);
            b.calendar.hours.open = time_of_day{st.int32(8)};
            b.calendar.hours.close = time_of_day{st.int32(9)};
            b.calendar.hours.eve_pickup_from = time_of_day{st.int32(10)};
            b.calendar.hours.return_by = time_of_day{st.int32(11)};
            b.calendar.hours.booking_cutoff = time_of_day{st.int32(12)};
            b.horizon_days = st.int32(13);
            b.active = st.int64(14) != 0;
            b.calendar.holidays = &c->holidays_;
            c->branches_.push_back(std::move(b));
        }
    }
    {
        auto& st = conn.prepare_cached(
            "SELECT branch_id, from_date, to_date FROM saturday_seasons ORDER BY from_date");
        while (st.step()) {
            if (auto* b = branch_by_id(st.int64(0))) {
                b->calendar.saturday_seasons.push_back(
                    {storage::date_column(st, 1), storage::date_column(st, 2)});
            }
        }
    }
    {
        auto& st = conn.prepare_cached("SELECT branch_id, date, extra_opening, note FROM closures");
        while (st.step()) {
            if (auto* b = branch_by_id(st.int64(0))) {
                const local_days d = storage::date_column(st, 1);
                b->calendar.closures[d] = closure{d, st.int64(2) != 0, st.text(3)};
            }
        }
    }
    for (auto& t : storage::list_types(conn)) {
        c->types_.push_back({t.id, std::move(t.type), t.active});
    }
    {
        auto& st = conn.prepare_cached(
            "SELECT id, code, name_ko, name_en, percent FROM farmer_categories ORDER BY id");
        while (st.step()) {
            category_info cat{st.int64(0), st.text(1), st.text(2), st.text(3), st.int32(4)};
            fee_adjustment a;
            a.name_ko = cat.name_ko;
            a.name_en = cat.name_en;
            a.percent = cat.percent;
            a.category = cat.code;
            c->adjustments_.push_back(a);
            c->categories_.push_back(std::move(cat));
        }
    }
    {
        auto& st = conn.prepare_cached(
            "SELECT id, name_ko, name_en, percent, from_date, to_date, branches, types, active "
            "FROM discounts ORDER BY from_date, id");
        while (st.step()) {
            discount_info d;
            d.id = st.int64(0);
            d.adjustment.name_ko = st.text(1);
            d.adjustment.name_en = st.text(2);
            d.adjustment.percent = st.int32(3);
            d.adjustment.days =
                date_range{storage::date_column(st, 4), storage::date_column(st, 5)};
            for (auto& code : storage::parse_string_array(st.text_view(6))) {
                d.adjustment.branches.emplace_back(std::move(code));
            }
            for (auto& code : storage::parse_string_array(st.text_view(7))) {
                d.adjustment.types.emplace_back(std::move(code));
            }
            d.active = st.int64(8) != 0;
            if (d.active) {
                c->adjustments_.push_back(d.adjustment);
            }
            c->discounts_.push_back(std::move(d));
        }
    }
    load_settings(conn, c->settings_);
    tx.commit();
    return c;
}

} // namespace agrirent::app
