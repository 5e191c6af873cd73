#include "server/storage/sqlite/admin_queries.hpp"

#include <stdexcept>

#include "common/time.hpp"
#include "server/storage/json_columns.hpp"
#include "server/storage/sql/statuses.hpp"
#include "server/storage/sqlite/columns.hpp"
#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::storage::sqlite {
namespace {

int minutes_of(time_of_day t) {
    return static_cast<int>(t.count());
}

/// A branch's delivery settings, or the columns' defaults for a branch that does not deliver.
const branch_delivery& delivery_of(const branch_record& b) {
    static const branch_delivery none;
    return b.delivery ? *b.delivery : none;
}

/// The delivery_area column: NULL for a branch that does not deliver.
std::optional<std::string> delivery_area_of(const branch_record& b) {
    if (!b.delivery) {
        return std::nullopt;
    }
    return to_json_array(b.delivery->area);
}

// ---- SQL, named next to the functions that run it (STYLE.md) --------------------------------

constexpr std::string_view insert_branch_sql =
    "INSERT INTO branches (code, name_ko, name_en, phones, address_ko, address_en, open_min, "
    "close_min, eve_pickup_min, return_by_min, cutoff_min, horizon_days, active, delivery_area, "
    "delivery_one_way_fee, delivery_round_trip_fee, delivery_lead_days, delivery_from_min, "
    "delivery_to_min, half_am_from_min, half_am_to_min, half_pm_from_min, half_pm_to_min) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view update_branch_sql =
    "UPDATE branches SET name_ko = ?, name_en = ?, phones = ?, address_ko = ?, address_en = ?, "
    "open_min = ?, close_min = ?, eve_pickup_min = ?, return_by_min = ?, cutoff_min = ?, "
    "horizon_days = ?, active = ?, delivery_area = ?, delivery_one_way_fee = ?, "
    "delivery_round_trip_fee = ?, delivery_lead_days = ?, delivery_from_min = ?, "
    "delivery_to_min = ?, half_am_from_min = ?, half_am_to_min = ?, half_pm_from_min = ?, "
    "half_pm_to_min = ? WHERE id = ?";

constexpr std::string_view select_seasons =
    "SELECT s.id, s.branch_id, b.code, s.from_date, s.to_date FROM saturday_seasons s "
    "JOIN branches b ON b.id = s.branch_id ";

constexpr std::string_view select_closures =
    "SELECT c.id, c.branch_id, b.code, c.date, c.extra_opening, c.note FROM closures c "
    "JOIN branches b ON b.id = c.branch_id ";

constexpr std::string_view type_columns =
    "SELECT id, code, name_ko, name_en, daily_fee, max_days, needs_training, needs_approval, "
    "checklist, active, purchase_price, deliverable, group_rental, half_day FROM machine_types ";

type_record read_type(const db::statement& st) {
    type_record t;
    t.id = st.int64(0);
    t.type.code = type_code{st.text(1)};
    t.type.name_ko = st.text(2);
    t.type.name_en = st.text(3);
    t.type.daily_fee = won{st.int64(4)};
    t.type.max_days = st.int32(5);
    t.type.needs_training = st.int64(6) != 0;
    t.type.needs_approval = st.int64(7) != 0;
    t.type.checklist = parse_string_array(st.text_view(8));
    t.active = st.int64(9) != 0;
    if (const auto price = st.optional_int64(10)) {
        t.type.purchase_price = won{*price};
    }
    t.type.deliverable = st.int64(11) != 0;
    t.type.group_rental = st.int64(12) != 0;
    t.type.half_day = st.int64(13) != 0;
    return t;
}

constexpr std::string_view select_unit =
    "SELECT u.id, u.tag, u.type_id, t.code, u.branch_id, b.code, u.status, u.hour_meter, u.notes "
    "FROM units u JOIN machine_types t ON t.id = u.type_id JOIN branches b ON b.id = u.branch_id "
    "WHERE u.tag = ?";

constexpr std::string_view select_discounts =
    "SELECT id, name_ko, name_en, percent, from_date, to_date, branches, types, active "
    "FROM discounts ";

constexpr std::string_view select_categories =
    "SELECT id, code, name_ko, name_en, percent FROM farmer_categories ";

season_record read_season(const db::statement& st) {
    return {st.int64(0), st.int64(1), st.text(2), {date_column(st, 3), date_column(st, 4)}};
}

closure_record read_closure(const db::statement& st) {
    return {st.int64(0), st.int64(1), st.text(2), date_column(st, 3), st.int64(4) != 0, st.text(5)};
}

discount_record read_discount(const db::statement& st) {
    discount_record d;
    d.id = st.int64(0);
    d.name_ko = st.text(1);
    d.name_en = st.text(2);
    d.percent = st.int32(3);
    d.days = {date_column(st, 4), date_column(st, 5)};
    d.branches = parse_string_array(st.text_view(6));
    d.types = parse_string_array(st.text_view(7));
    d.active = st.int64(8) != 0;
    return d;
}

category_record read_category(const db::statement& st) {
    return {st.int64(0), st.text(1), st.text(2), st.text(3), st.int32(4)};
}

std::int64_t count_one(db::connection& conn, std::string_view sql, std::int64_t key) {
    auto& st = conn.prepare_cached(sql);
    st.bind_all(key);
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

} // namespace

// ---- branches ------------------------------------------------------------------------------

branch_record read_branch_columns(const db::statement& st) {
    branch_record b;
    b.id = st.int64(0);
    b.code = st.text(1);
    b.name_ko = st.text(2);
    b.name_en = st.text(3);
    b.phones = parse_string_array(st.text_view(4));
    b.address_ko = st.text(5);
    b.address_en = st.text(6);
    b.hours.open = time_of_day{st.int32(7)};
    b.hours.close = time_of_day{st.int32(8)};
    b.hours.eve_pickup_from = time_of_day{st.int32(9)};
    b.hours.return_by = time_of_day{st.int32(10)};
    b.hours.booking_cutoff = time_of_day{st.int32(11)};
    b.horizon_days = st.int32(12);
    b.active = st.int64(13) != 0;
    if (!st.is_null(14)) {
        branch_delivery d;
        d.area = parse_string_array(st.text_view(14));
        d.one_way_fee = won{st.int64(15)};
        d.round_trip_fee = won{st.int64(16)};
        d.lead_days = st.int32(17);
        d.from = time_of_day{st.int32(18)};
        d.to = time_of_day{st.int32(19)};
        b.delivery = std::move(d);
    }
    b.half_days = {time_of_day{st.int32(20)}, time_of_day{st.int32(21)}, time_of_day{st.int32(22)},
                   time_of_day{st.int32(23)}};
    return b;
}

std::optional<branch_record> find_branch(db::connection& conn, std::string_view code) {
    static const std::string sql =
        "SELECT " + std::string{branch_columns} + " FROM branches WHERE code = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(code);
    if (!st.step()) {
        return std::nullopt;
    }
    branch_record b = read_branch_columns(st);
    st.reset();
    return b;
}

std::int64_t insert_branch(db::connection& conn, const branch_record& b) {
    auto& st = conn.prepare_cached(insert_branch_sql);
    st.bind_all(
        b.code, b.name_ko, b.name_en, to_json_array(b.phones), b.address_ko, b.address_en,
        minutes_of(b.hours.open), minutes_of(b.hours.close), minutes_of(b.hours.eve_pickup_from),
        minutes_of(b.hours.return_by), minutes_of(b.hours.booking_cutoff), b.horizon_days, b.active,
        delivery_area_of(b), delivery_of(b).one_way_fee.value, delivery_of(b).round_trip_fee.value,
        delivery_of(b).lead_days, minutes_of(delivery_of(b).from), minutes_of(delivery_of(b).to),
        minutes_of(b.half_days.am_from), minutes_of(b.half_days.am_to),
        minutes_of(b.half_days.pm_from), minutes_of(b.half_days.pm_to));
    st.step();
    return conn.last_insert_rowid();
}

void update_branch(db::connection& conn, const branch_record& b) {
    auto& st = conn.prepare_cached(update_branch_sql);
    st.bind_all(
        b.name_ko, b.name_en, to_json_array(b.phones), b.address_ko, b.address_en,
        minutes_of(b.hours.open), minutes_of(b.hours.close), minutes_of(b.hours.eve_pickup_from),
        minutes_of(b.hours.return_by), minutes_of(b.hours.booking_cutoff), b.horizon_days, b.active,
        delivery_area_of(b), delivery_of(b).one_way_fee.value, delivery_of(b).round_trip_fee.value,
        delivery_of(b).lead_days, minutes_of(delivery_of(b).from), minutes_of(delivery_of(b).to),
        minutes_of(b.half_days.am_from), minutes_of(b.half_days.am_to),
        minutes_of(b.half_days.pm_from), minutes_of(b.half_days.pm_to), b.id);
    st.step();
}

std::int64_t count_live_at_branch(db::connection& conn, std::int64_t branch_id) {
    static const std::string sql =
        "SELECT count(*) FROM reservations WHERE branch_id = ? AND status IN " +
        std::string{sql::live_statuses};
    return count_one(conn, sql, branch_id);
}

std::int64_t count_live_of_type(db::connection& conn, std::int64_t type_id) {
    static const std::string sql =
        "SELECT count(*) FROM reservations WHERE type_id = ? AND status IN " +
        std::string{sql::live_statuses};
    return count_one(conn, sql, type_id);
}

std::vector<std::string> live_touching(db::connection& conn, std::optional<std::int64_t> branch_id,
                                       interval window) {
    static const std::string sql =
        "SELECT code FROM reservations WHERE status IN " + std::string{sql::live_statuses} +
        " AND (?1 IS NULL OR branch_id = ?1) AND ((pickup_from >= ?2 AND pickup_from < ?3) OR "
        "(return_by >= ?2 AND return_by < ?3)) ORDER BY pickup_from, id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, seconds(window.from), seconds(window.to));
    std::vector<std::string> out;
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

// ---- Saturday seasons ----------------------------------------------------------------------

std::vector<season_record> list_seasons(db::connection& conn,
                                        std::optional<std::int64_t> branch_id) {
    static const std::string sql = std::string{select_seasons} +
                                   "WHERE (?1 IS NULL OR s.branch_id = ?1) "
                                   "ORDER BY b.code, s.from_date, s.id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id);
    std::vector<season_record> out;
    while (st.step()) {
        out.push_back(read_season(st));
    }
    return out;
}

std::optional<season_record> find_season(db::connection& conn, std::int64_t id) {
    static const std::string sql = std::string{select_seasons} + "WHERE s.id = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(id);
    if (!st.step()) {
        return std::nullopt;
    }
    auto s = read_season(st);
    st.reset();
    return s;
}

std::int64_t insert_season(db::connection& conn, std::int64_t branch_id, date_range days) {
    auto& st = conn.prepare_cached(
        "INSERT INTO saturday_seasons (branch_id, from_date, to_date) VALUES (?, ?, ?)");
    st.bind_all(branch_id, format_date(days.from), format_date(days.to));
    st.step();
    return conn.last_insert_rowid();
}

void delete_season(db::connection& conn, std::int64_t id) {
    auto& st = conn.prepare_cached("DELETE FROM saturday_seasons WHERE id = ?");
    st.bind_all(id);
    st.step();
}

// ---- closures ------------------------------------------------------------------------------

std::vector<closure_record> list_closures(db::connection& conn,
                                          std::optional<std::int64_t> branch_id,
                                          std::optional<date_range> days) {
    static const std::string sql = std::string{select_closures} +
                                   "WHERE (?1 IS NULL OR c.branch_id = ?1) AND "
                                   "(?2 IS NULL OR c.date >= ?2) AND (?3 IS NULL OR c.date <= ?3) "
                                   "ORDER BY c.date, b.code";
    auto& st = conn.prepare_cached(sql);
    const auto text = [&](bool from) -> std::optional<std::string> {
        if (!days) {
            return std::nullopt;
        }
        return format_date(from ? days->from : days->to);
    };
    st.bind_all(branch_id, text(true), text(false));
    std::vector<closure_record> out;
    while (st.step()) {
        out.push_back(read_closure(st));
    }
    return out;
}

std::optional<closure_record> find_closure(db::connection& conn, std::int64_t id) {
    static const std::string sql = std::string{select_closures} + "WHERE c.id = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(id);
    if (!st.step()) {
        return std::nullopt;
    }
    auto c = read_closure(st);
    st.reset();
    return c;
}

std::int64_t insert_closure(db::connection& conn, const closure_record& c) {
    auto& st = conn.prepare_cached(
        "INSERT INTO closures (branch_id, date, extra_opening, note) VALUES (?, ?, ?, ?)");
    st.bind_all(c.branch_id, format_date(c.date), c.extra_opening, c.note);
    st.step();
    return conn.last_insert_rowid();
}

void delete_closure(db::connection& conn, std::int64_t id) {
    auto& st = conn.prepare_cached("DELETE FROM closures WHERE id = ?");
    st.bind_all(id);
    st.step();
}

// ---- holidays ------------------------------------------------------------------------------

std::vector<holiday_override> list_holiday_overrides(db::connection& conn, int year) {
    auto& st = conn.prepare_cached("SELECT date, removed, name_ko, name_en FROM holiday_overrides "
                                   "WHERE date >= ? AND date < ? ORDER BY date");
    st.bind_all(std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01");
    std::vector<holiday_override> out;
    while (st.step()) {
        out.push_back({date_column(st, 0), st.int64(1) != 0, st.text(2), st.text(3)});
    }
    return out;
}

std::optional<holiday_override> find_holiday_override(db::connection& conn, local_days date) {
    auto& st = conn.prepare_cached(
        "SELECT date, removed, name_ko, name_en FROM holiday_overrides WHERE date = ?");
    st.bind_all(format_date(date));
    if (!st.step()) {
        return std::nullopt;
    }
    holiday_override h{date_column(st, 0), st.int64(1) != 0, st.text(2), st.text(3)};
    st.reset();
    return h;
}

void put_holiday_override(db::connection& conn, const holiday_override& h) {
    auto& st = conn.prepare_cached(
        "INSERT INTO holiday_overrides (date, removed, name_ko, name_en) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (date) DO UPDATE SET removed = excluded.removed, name_ko = excluded.name_ko, "
        "name_en = excluded.name_en");
    st.bind_all(format_date(h.date), h.removed, h.name_ko, h.name_en);
    st.step();
}

std::vector<int> list_known_years(db::connection& conn) {
    auto& st = conn.prepare_cached("SELECT year FROM known_years ORDER BY year");
    std::vector<int> out;
    while (st.step()) {
        out.push_back(st.int32(0));
    }
    return out;
}

void insert_known_year(db::connection& conn, int year) {
    auto& st = conn.prepare_cached("INSERT INTO known_years (year) VALUES (?)");
    st.bind_all(year);
    st.step();
}

bool delete_known_year(db::connection& conn, int year) {
    auto& st = conn.prepare_cached("DELETE FROM known_years WHERE year = ?");
    st.bind_all(year);
    st.step();
    return conn.changes() > 0;
}

// ---- machine types -------------------------------------------------------------------------

std::optional<std::int64_t> price_of(const type_record& t) {
    if (t.type.purchase_price) {
        return t.type.purchase_price->value;
    }
    return std::nullopt;
}

std::optional<type_record> find_type(db::connection& conn, std::string_view code) {
    static const std::string sql = std::string{type_columns} + "WHERE code = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(code);
    if (!st.step()) {
        return std::nullopt;
    }
    auto t = read_type(st);
    st.reset();
    return t;
}

std::vector<type_record> list_types(db::connection& conn) {
    static const std::string sql = std::string{type_columns} + "ORDER BY id";
    auto& st = conn.prepare_cached(sql);
    std::vector<type_record> out;
    while (st.step()) {
        out.push_back(read_type(st));
    }
    return out;
}

std::int64_t insert_type(db::connection& conn, const type_record& t) {
    auto& st = conn.prepare_cached(
        "INSERT INTO machine_types (code, name_ko, name_en, daily_fee, max_days, needs_training, "
        "needs_approval, checklist, active, purchase_price, deliverable, group_rental, half_day) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind_all(t.type.code.value, t.type.name_ko, t.type.name_en, t.type.daily_fee.value,
                t.type.max_days, t.type.needs_training, t.type.needs_approval,
                to_json_array(t.type.checklist), t.active, price_of(t), t.type.deliverable,
                t.type.group_rental, t.type.half_day);
    st.step();
    return conn.last_insert_rowid();
}

void update_type(db::connection& conn, const type_record& t) {
    auto& st = conn.prepare_cached(
        "UPDATE machine_types SET name_ko = ?, name_en = ?, daily_fee = ?, max_days = ?, "
        "needs_training = ?, needs_approval = ?, checklist = ?, active = ?, purchase_price = ?, "
        "deliverable = ?, group_rental = ?, half_day = ? WHERE id = ?");
    st.bind_all(t.type.name_ko, t.type.name_en, t.type.daily_fee.value, t.type.max_days,
                t.type.needs_training, t.type.needs_approval, to_json_array(t.type.checklist),
                t.active, price_of(t), t.type.deliverable, t.type.group_rental, t.type.half_day,
                t.id);
    st.step();
}

// ---- units ---------------------------------------------------------------------------------

std::optional<unit_record> find_unit_record(db::connection& conn, std::string_view tag) {
    auto& st = conn.prepare_cached(select_unit);
    st.bind_all(tag);
    if (!st.step()) {
        return std::nullopt;
    }
    unit_record u;
    u.id = st.int64(0);
    u.tag = st.text(1);
    u.type_id = st.int64(2);
    u.type_code = st.text(3);
    u.branch_id = st.int64(4);
    u.branch_code = st.text(5);
    u.status = parse_unit_status(st.text_view(6)).value_or(unit_status::maintenance);
    u.hour_meter = st.real(7);
    u.notes = st.text(8);
    st.reset();
    return u;
}

std::int64_t insert_unit(db::connection& conn, const unit_record& u) {
    auto& st = conn.prepare_cached(
        "INSERT INTO units (tag, type_id, branch_id, status, hour_meter, notes) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind_all(u.tag, u.type_id, u.branch_id, to_string(u.status), u.hour_meter, u.notes);
    st.step();
    return conn.last_insert_rowid();
}

void update_unit_record(db::connection& conn, const unit_record& u) {
    auto& st = conn.prepare_cached(
        "UPDATE units SET branch_id = ?, status = ?, hour_meter = ?, notes = ? WHERE id = ?");
    st.bind_all(u.branch_id, to_string(u.status), u.hour_meter, u.notes, u.id);
    st.step();
}

// ---- discounts -----------------------------------------------------------------------------

std::vector<discount_record> list_discounts(db::connection& conn) {
    static const std::string sql = std::string{select_discounts} + "ORDER BY from_date, id";
    auto& st = conn.prepare_cached(sql);
    std::vector<discount_record> out;
    while (st.step()) {
        out.push_back(read_discount(st));
    }
    return out;
}

std::optional<discount_record> find_discount(db::connection& conn, std::int64_t id) {
    static const std::string sql = std::string{select_discounts} + "WHERE id = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(id);
    if (!st.step()) {
        return std::nullopt;
    }
    auto d = read_discount(st);
    st.reset();
    return d;
}

std::int64_t insert_discount(db::connection& conn, const discount_record& d) {
    auto& st = conn.prepare_cached(
        "INSERT INTO discounts (name_ko, name_en, percent, from_date, to_date, branches, types, "
        "active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind_all(d.name_ko, d.name_en, d.percent, format_date(d.days.from), format_date(d.days.to),
                to_json_array(d.branches), to_json_array(d.types), d.active);
    st.step();
    return conn.last_insert_rowid();
}

void update_discount(db::connection& conn, const discount_record& d) {
    auto& st = conn.prepare_cached(
        "UPDATE discounts SET name_ko = ?, name_en = ?, percent = ?, from_date = ?, to_date = ?, "
        "branches = ?, types = ?, active = ? WHERE id = ?");
    st.bind_all(d.name_ko, d.name_en, d.percent, format_date(d.days.from), format_date(d.days.to),
                to_json_array(d.branches), to_json_array(d.types), d.active, d.id);
    st.step();
}

// ---- farmer categories ---------------------------------------------------------------------

std::vector<category_record> list_categories(db::connection& conn) {
    static const std::string sql = std::string{select_categories} + "ORDER BY id";
    auto& st = conn.prepare_cached(sql);
    std::vector<category_record> out;
    while (st.step()) {
        out.push_back(read_category(st));
    }
    return out;
}

std::optional<category_record> find_category(db::connection& conn, std::string_view code) {
    static const std::string sql = std::string{select_categories} + "WHERE code = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(code);
    if (!st.step()) {
        return std::nullopt;
    }
    auto c = read_category(st);
    st.reset();
    return c;
}

std::int64_t insert_category(db::connection& conn, const category_record& c) {
    auto& st = conn.prepare_cached(
        "INSERT INTO farmer_categories (code, name_ko, name_en, percent) VALUES (?, ?, ?, ?)");
    st.bind_all(c.code, c.name_ko, c.name_en, c.percent);
    st.step();
    return conn.last_insert_rowid();
}

void update_category(db::connection& conn, const category_record& c) {
    auto& st = conn.prepare_cached(
        "UPDATE farmer_categories SET name_ko = ?, name_en = ?, percent = ? WHERE id = ?");
    st.bind_all(c.name_ko, c.name_en, c.percent, c.id);
    st.step();
}

void delete_category(db::connection& conn, std::int64_t id) {
    auto& st = conn.prepare_cached("DELETE FROM farmer_categories WHERE id = ?");
    st.bind_all(id);
    st.step();
}

std::int64_t count_category_members(db::connection& conn, std::int64_t category_id) {
    return count_one(conn, "SELECT count(*) FROM farmer_category_members WHERE category_id = ?",
                     category_id);
}

// ---- settings ------------------------------------------------------------------------------

void put_setting(db::connection& conn, std::string_view key, std::string_view value) {
    auto& st = conn.prepare_cached("INSERT INTO settings (key, value) VALUES (?, ?) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    st.bind_all(key, value);
    st.step();
}

// ---- fee bands (DOMAIN.md §17) -------------------------------------------------------------

std::vector<fee_band> list_fee_bands(db::connection& conn) {
    auto& st = conn.prepare_cached(
        "SELECT price_from, price_to, daily_fee FROM fee_bands ORDER BY price_from");
    std::vector<fee_band> out;
    while (st.step()) {
        const auto to = st.optional_int64(1);
        out.push_back(
            {won{st.int64(0)}, to ? std::optional<won>{won{*to}} : std::nullopt, won{st.int64(2)}});
    }
    return out;
}

void replace_fee_bands(db::connection& conn, std::span<const fee_band> bands) {
    conn.prepare_cached("DELETE FROM fee_bands").step();
    auto& st = conn.prepare_cached(
        "INSERT INTO fee_bands (price_from, price_to, daily_fee) VALUES (?, ?, ?)");
    for (const auto& b : bands) {
        const std::optional<std::int64_t> to =
            b.price_to ? std::optional<std::int64_t>{b.price_to->value} : std::nullopt;
        st.bind_all(b.price_from.value, to, b.daily_fee.value);
        st.step();
        st.reset();
    }
}

} // namespace agrirent::storage::sqlite
