#include "server/storage/postgres/reservation_queries.hpp"

#include <boost/json.hpp>

#include "common/time.hpp"
#include "server/storage/postgres/columns.hpp"
#include "server/storage/postgres/pq.hpp"
#include "server/storage/sql/statuses.hpp"

namespace agrirent::storage::postgres {
namespace {

std::optional<std::string> delivery_mode_text(const reservation_row& r) {
    if (!r.delivery) {
        return std::nullopt;
    }
    return std::string{to_string(r.delivery->mode)};
}

std::optional<std::string> delivery_text(const reservation_row& r,
                                         std::string delivery_request::*field) {
    if (!r.delivery) {
        return std::nullopt;
    }
    return (*r.delivery).*field;
}

/// The half column: 'am' or 'pm' for a half day (DOMAIN.md §11), NULL for whole days.
std::optional<std::string> half_text(const rental_plan& plan) {
    if (!plan.half) {
        return std::nullopt;
    }
    return std::string{to_string(*plan.half)};
}

constexpr std::string_view select_farmer =
    "SELECT id, phone, name, farm_id, district, training_completed_on, suspended_until, "
    "suspension_reason, created_at FROM farmers ";

farmer_row read_farmer(pg::connection& conn, const pg::statement& st) {
    farmer_row f;
    f.id = st.int64(0);
    f.phone = st.text(1);
    f.name = st.text(2);
    f.farm_id = st.optional_text(3);
    f.district = st.optional_text(4);
    f.training_completed_on = optional_date(st, 5);
    f.suspended_until = optional_date(st, 6);
    f.suspension_reason = st.optional_text(7);
    f.created_at = instant(st.int64(8));
    auto& cats =
        conn.prepare_cached("SELECT c.code FROM farmer_category_members m JOIN farmer_categories c "
                            "ON c.id = m.category_id WHERE m.farmer_id = ? ORDER BY c.code");
    cats.bind_all(f.id);
    while (cats.step()) {
        f.categories.push_back(cats.text(0));
    }
    return f;
}

constexpr std::string_view select_reservation =
    "SELECT r.id, r.code, r.branch_id, r.type_id, r.farmer_id, r.farmer_name, f.phone, "
    "r.start_date, r.end_date, r.eve, r.pickup_from, r.pickup_to, r.return_by, r.status, "
    "r.channel, r.daily_fee, r.fee_gross, r.fee_discount, r.fee_surcharge, r.fee_net, "
    "r.fee_days, r.created_at, r.created_by, r.unit_id, u.tag, r.checked_out_at, "
    "r.hour_meter_out, r.checklist_out, r.paid, r.override_reason, r.returned_at, "
    "r.hour_meter_in, r.checklist_in, r.damage_notes, r.farmer_at_fault, r.late_days, "
    "r.late_fee, r.status_reason, r.delivery_mode, r.delivery_address, r.delivery_area, "
    "r.delivery_fee, r.group_id, g.name, r.half, r.phone_verified "
    "FROM reservations r JOIN farmers f ON f.id = r.farmer_id "
    "LEFT JOIN units u ON u.id = r.unit_id LEFT JOIN farmer_groups g ON g.id = r.group_id ";

reservation_row read_reservation_columns(const pg::statement& st) {
    reservation_row r;
    r.id = st.int64(0);
    r.code = st.text(1);
    r.branch_id = st.int64(2);
    r.type_id = st.int64(3);
    r.farmer_id = st.int64(4);
    r.farmer_name = st.text(5);
    r.phone = st.text(6);
    r.plan.usage = {date_column(st, 7), date_column(st, 8)};
    r.plan.eve = st.int64(9) != 0;
    r.plan.pickup = {instant(st.int64(10)), instant(st.int64(11))};
    r.plan.return_by = instant(st.int64(12));
    r.state = parse_status(st.text_view(13)).value_or(status::requested);
    r.via = parse_channel(st.text_view(14)).value_or(channel::web);
    r.daily_fee = won{st.int64(15)};
    r.fee.gross = won{st.int64(16)};
    r.fee.discount = won{st.int64(17)};
    r.fee.surcharge = won{st.int64(18)};
    r.fee.net = won{st.int64(19)};
    r.fee.days = fee_days_from_json(st.text_view(20));
    r.created_at = instant(st.int64(21));
    r.created_by = st.text(22);
    r.unit_id = st.optional_int64(23);
    r.unit_tag = st.optional_text(24);
    r.checked_out_at = optional_instant(st, 25);
    r.hour_meter_out = optional_real(st, 26);
    r.checklist_out = st.optional_text(27);
    r.paid = optional_bool(st, 28);
    r.override_reason = st.optional_text(29);
    r.returned_at = optional_instant(st, 30);
    r.hour_meter_in = optional_real(st, 31);
    r.checklist_in = st.optional_text(32);
    r.damage_notes = st.optional_text(33);
    r.farmer_at_fault = optional_bool(st, 34);
    r.late_days = st.is_null(35) ? 0 : st.int32(35);
    r.late_fee = won{st.is_null(36) ? 0 : st.int64(36)};
    r.status_reason = st.optional_text(37);
    if (const auto mode = st.optional_text(38)) {
        r.delivery = delivery_request{parse_delivery_mode(*mode).value_or(delivery_mode::one_way),
                                      st.text(39), st.text(40)};
    }
    r.fee.delivery = won{st.int64(41)};
    r.group_id = st.optional_int64(42);
    r.group_name = st.optional_text(43);
    if (const auto half = st.optional_text(44)) {
        r.plan.half = parse_half_day(*half);
    }
    r.phone_verified = st.int64(45) != 0;
    return r;
}

std::vector<reservation_row> read_reservations(pg::statement& st) {
    std::vector<reservation_row> out;
    while (st.step()) {
        out.push_back(read_reservation_columns(st));
    }
    return out;
}

} // namespace

unit_counts count_units(pg::connection& conn, std::int64_t branch_id, std::int64_t type_id) {
    auto& st = conn.prepare_cached(
        "SELECT count(*), coalesce(count(*) FILTER (WHERE status <> 'maintenance'), 0) FROM units "
        "WHERE branch_id = ? AND type_id = ? AND status <> 'retired'");
    st.bind_all(branch_id, type_id);
    st.step();
    unit_counts c{st.int32(0), st.int32(1)};
    st.reset();
    return c;
}

std::vector<std::pair<std::int64_t, unit_counts>> count_units_by_type(pg::connection& conn,
                                                                      std::int64_t branch_id) {
    auto& st = conn.prepare_cached("SELECT type_id, count(*), coalesce(count(*) FILTER (WHERE "
                                   "status <> 'maintenance'), 0) FROM units "
                                   "WHERE branch_id = ? AND status <> 'retired' GROUP BY type_id");
    st.bind_all(branch_id);
    std::vector<std::pair<std::int64_t, unit_counts>> out;
    while (st.step()) {
        out.push_back({st.int64(0), unit_counts{st.int32(1), st.int32(2)}});
    }
    return out;
}

std::vector<interval> live_occupancies(pg::connection& conn, std::int64_t branch_id,
                                       std::int64_t type_id, interval window) {
    static const std::string sql =
        "SELECT pickup_from, return_by FROM reservations "
        "WHERE branch_id = ?1 AND type_id = ?2 AND status IN " +
        std::string{sql::live_statuses} +
        " AND return_by > ?3 AND pickup_from < ?4 "
        // DOMAIN.md §13: a held waitlist offer counts against capacity like a booking.
        "UNION ALL SELECT hold_from, hold_to FROM waitlist WHERE branch_id = ?1 AND type_id = ?2 "
        "AND status = 'offered' AND hold_to > ?3 AND hold_from < ?4";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, type_id, seconds(window.from), seconds(window.to));
    std::vector<interval> out;
    while (st.step()) {
        out.push_back({instant(st.int64(0)), instant(st.int64(1))});
    }
    return out;
}

reservation_repository::units_and_live units_and_occupancies(pg::connection& conn,
                                                             std::int64_t branch_id,
                                                             std::int64_t type_id,
                                                             interval window) {
    // One row per live occupancy (or one row of NULLs), each carrying the unit counts.
    static const std::string sql =
        "SELECT u.offered, u.capacity, r.pickup_from, r.return_by FROM (SELECT count(*) AS "
        "offered, coalesce(count(*) FILTER (WHERE status <> 'maintenance'), 0) AS capacity FROM "
        "units WHERE branch_id = ?1 AND type_id = ?2 AND status <> 'retired') u LEFT JOIN "
        "(SELECT pickup_from, return_by FROM reservations WHERE branch_id = ?1 AND type_id = ?2 "
        "AND status IN " +
        std::string{sql::live_statuses} +
        " AND return_by > ?3 AND pickup_from < ?4 "
        // DOMAIN.md §13: a held waitlist offer counts against capacity like a booking.
        "UNION ALL SELECT hold_from, hold_to FROM waitlist WHERE branch_id = ?1 AND type_id = ?2 "
        "AND status = 'offered' AND hold_to > ?3 AND hold_from < ?4) r ON true";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, type_id, seconds(window.from), seconds(window.to));
    reservation_repository::units_and_live out;
    while (st.step()) {
        out.counts = {st.int32(0), st.int32(1)};
        if (!st.is_null(2)) {
            out.live.push_back({instant(st.int64(2)), instant(st.int64(3))});
        }
    }
    return out;
}

std::vector<live_occupancy> live_in_branch(pg::connection& conn, std::int64_t branch_id,
                                           interval window) {
    static const std::string sql =
        "SELECT id, type_id, status, pickup_from, return_by, created_at FROM reservations "
        "WHERE branch_id = ? AND status IN " +
        std::string{sql::live_statuses} + " AND return_by > ? AND pickup_from < ? ORDER BY id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, seconds(window.from), seconds(window.to));
    std::vector<live_occupancy> out;
    while (st.step()) {
        out.push_back({st.int64(0),
                       st.int64(1),
                       parse_status(st.text_view(2)).value(),
                       {instant(st.int64(3)), instant(st.int64(4))},
                       instant(st.int64(5))});
    }
    return out;
}

std::optional<farmer_row> find_farmer_by_phone(pg::connection& conn, std::string_view phone) {
    static const std::string sql = std::string{select_farmer} + "WHERE phone = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(phone);
    if (!st.step()) {
        return std::nullopt;
    }
    auto f = read_farmer(conn, st);
    st.reset();
    return f;
}

std::optional<farmer_row> find_farmer(pg::connection& conn, std::int64_t id) {
    static const std::string sql = std::string{select_farmer} + "WHERE id = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(id);
    if (!st.step()) {
        return std::nullopt;
    }
    auto f = read_farmer(conn, st);
    st.reset();
    return f;
}

std::int64_t insert_farmer(pg::connection& conn, const farmer_row& f) {
    auto& st = conn.prepare_cached(
        "INSERT INTO farmers (phone, name, farm_id, district, training_completed_on, "
        "suspended_until, suspension_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING RETURNING id");
    st.bind_all(f.phone, f.name, f.farm_id, f.district, date_text(f.training_completed_on),
                date_text(f.suspended_until), f.suspension_reason, seconds(f.created_at));
    return inserted_id(st);
}

std::vector<held_reservation> live_holdings(pg::connection& conn, std::int64_t farmer_id,
                                            std::int64_t except_id) {
    static const std::string sql =
        "SELECT t.code, r.start_date, r.end_date FROM reservations r "
        "JOIN machine_types t ON t.id = r.type_id "
        "WHERE r.farmer_id = ? AND r.id <> ? AND r.group_id IS NULL AND r.status IN " +
        std::string{sql::live_statuses};
    auto& st = conn.prepare_cached(sql);
    st.bind_all(farmer_id, except_id);
    std::vector<held_reservation> out;
    while (st.step()) {
        out.push_back({type_code{st.text(0)}, {date_column(st, 1), date_column(st, 2)}});
    }
    return out;
}

std::int64_t insert_reservation(pg::connection& conn, const reservation_row& r) {
    auto& st = conn.prepare_cached(
        "INSERT INTO reservations (code, branch_id, type_id, farmer_id, farmer_name, start_date, "
        "end_date, eve, pickup_from, pickup_to, return_by, status, channel, daily_fee, fee_gross, "
        "fee_discount, fee_surcharge, fee_net, fee_days, created_at, created_by, delivery_mode, "
        "delivery_address, delivery_area, delivery_fee, group_id, half, phone_verified) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?) "
        "ON CONFLICT DO NOTHING RETURNING id");
    st.bind_all(r.code, r.branch_id, r.type_id, r.farmer_id, r.farmer_name,
                format_date(r.plan.usage.start), format_date(r.plan.usage.end), r.plan.eve,
                seconds(r.plan.pickup.from), seconds(r.plan.pickup.to), seconds(r.plan.return_by),
                to_string(r.state), to_string(r.via), r.daily_fee.value, r.fee.gross.value,
                r.fee.discount.value, r.fee.surcharge.value, r.fee.net.value,
                fee_days_to_json(r.fee.days), seconds(r.created_at), r.created_by,
                delivery_mode_text(r), delivery_text(r, &delivery_request::address),
                delivery_text(r, &delivery_request::area), r.fee.delivery.value, r.group_id,
                half_text(r.plan), r.phone_verified);
    return inserted_id(st);
}

std::optional<std::pair<reservation_row, std::vector<history_entry>>>
find_reservation_with_history(pg::connection& conn, std::string_view code) {
    // The reservation's columns on every row of its history (a reservation has a few entries),
    // the history's six after them.
    static const std::string sql = [] {
        std::string q{select_reservation};
        const auto from = q.find(" FROM reservations r");
        q.insert(from, ", a.at, a.actor, a.role, a.channel, a.action, a.details");
        return q +
               "LEFT JOIN audit_log a ON a.reservation_id = r.id WHERE r.code = ? ORDER BY a.id";
    }();
    auto& st = conn.prepare_cached(sql);
    st.bind_all(code);
    std::optional<std::pair<reservation_row, std::vector<history_entry>>> out;
    while (st.step()) {
        if (!out) {
            out.emplace(read_reservation_columns(st), std::vector<history_entry>{});
        }
        const int h = st.columns() - 6; // the history's columns come last
        if (!st.is_null(h)) {
            out->second.push_back({instant(st.int64(h)), st.text(h + 1), st.text(h + 2),
                                   st.text(h + 3), st.text(h + 4), st.text(h + 5)});
        }
    }
    return out;
}

std::optional<reservation_row> find_reservation(pg::connection& conn, std::string_view code) {
    static const std::string sql = std::string{select_reservation} + "WHERE r.code = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(code);
    if (!st.step()) {
        return std::nullopt;
    }
    auto r = read_reservation_columns(st);
    st.reset();
    return r;
}

std::optional<reservation_row> find_reservation_by_id(pg::connection& conn, std::int64_t id) {
    static const std::string sql = std::string{select_reservation} + "WHERE r.id = ?";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(id);
    if (!st.step()) {
        return std::nullopt;
    }
    auto r = read_reservation_columns(st);
    st.reset();
    return r;
}

bool update_status(pg::connection& conn, std::int64_t id, status from, status to,
                   const std::optional<std::string>& reason) {
    auto& st = conn.prepare_cached(
        "UPDATE reservations SET status = ?, status_reason = coalesce(?, status_reason) "
        "WHERE id = ? AND status = ?");
    st.bind_all(to_string(to), reason, id, to_string(from));
    st.step();
    return conn.changes() == 1;
}

bool record_checkout(pg::connection& conn, std::int64_t id, std::int64_t unit_id, sys_seconds at,
                     double hour_meter, std::string_view checklist_json, bool paid,
                     const std::optional<std::string>& override_reason) {
    auto& st = conn.prepare_cached(
        "UPDATE reservations SET status = 'checked_out', unit_id = ?, checked_out_at = ?, "
        "hour_meter_out = ?, checklist_out = ?, paid = ?, override_reason = ? "
        "WHERE id = ? AND status = 'confirmed'");
    st.bind_all(unit_id, seconds(at), hour_meter, checklist_json, paid, override_reason, id);
    st.step();
    return conn.changes() == 1;
}

bool record_checkin(pg::connection& conn, std::int64_t id, sys_seconds at, double hour_meter,
                    std::string_view checklist_json, std::string_view damage_notes,
                    bool farmer_at_fault, int late_days, won late_fee) {
    auto& st = conn.prepare_cached(
        "UPDATE reservations SET status = 'returned', returned_at = ?, hour_meter_in = ?, "
        "checklist_in = ?, damage_notes = ?, farmer_at_fault = ?, late_days = ?, late_fee = ? "
        "WHERE id = ? AND status = 'checked_out'");
    st.bind_all(seconds(at), hour_meter, checklist_json, damage_notes, farmer_at_fault, late_days,
                late_fee.value, id);
    st.step();
    return conn.changes() == 1;
}

void replan_reservation(pg::connection& conn, std::int64_t id, std::int64_t branch_id,
                        const rental_plan& plan, const fee_quote& fee) {
    auto& st = conn.prepare_cached(
        "UPDATE reservations SET branch_id = ?, start_date = ?, end_date = ?, eve = ?, "
        "pickup_from = ?, pickup_to = ?, return_by = ?, fee_gross = ?, fee_discount = ?, "
        "fee_surcharge = ?, fee_net = ?, fee_days = ?, delivery_fee = ?, half = ?, "
        "reminder_queued = 0 "
        "WHERE id = ?");
    st.bind_all(branch_id, format_date(plan.usage.start), format_date(plan.usage.end), plan.eve,
                seconds(plan.pickup.from), seconds(plan.pickup.to), seconds(plan.return_by),
                fee.gross.value, fee.discount.value, fee.surcharge.value, fee.net.value,
                fee_days_to_json(fee.days), fee.delivery.value, half_text(plan), id);
    st.step();
}

std::vector<reservation_row> pickups_between(pg::connection& conn, std::int64_t branch_id,
                                             sys_seconds from, sys_seconds to) {
    static const std::string sql =
        std::string{select_reservation} +
        "WHERE r.branch_id = ? AND r.status IN ('requested', 'confirmed') "
        "AND r.pickup_from >= ? AND r.pickup_from < ? ORDER BY r.pickup_from, r.id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, seconds(from), seconds(to));
    return read_reservations(st);
}

std::vector<reservation_row> returns_between(pg::connection& conn, std::int64_t branch_id,
                                             sys_seconds from, sys_seconds to) {
    static const std::string sql =
        std::string{select_reservation} +
        "WHERE r.branch_id = ? AND r.status = 'checked_out' "
        "AND r.return_by >= ? AND r.return_by < ? ORDER BY r.return_by, r.id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, seconds(from), seconds(to));
    return read_reservations(st);
}

std::vector<reservation_row> deliveries_between(pg::connection& conn, std::int64_t branch_id,
                                                sys_seconds from, sys_seconds to) {
    static const std::string sql =
        std::string{select_reservation} +
        "WHERE r.branch_id = ? AND r.delivery_mode IS NOT NULL AND r.status IN " +
        std::string{sql::live_statuses} +
        " AND ((r.pickup_from >= ? AND r.pickup_from < ?) OR (r.delivery_mode = 'round_trip' "
        "AND r.return_by >= ? AND r.return_by < ?)) ORDER BY r.delivery_area, r.pickup_from, r.id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, seconds(from), seconds(to), seconds(from), seconds(to));
    return read_reservations(st);
}

std::vector<reservation_row> overdue_at(pg::connection& conn, std::int64_t branch_id,
                                        sys_seconds now) {
    static const std::string sql =
        std::string{select_reservation} +
        "WHERE r.branch_id = ? AND r.status = 'checked_out' AND r.return_by < ? "
        "ORDER BY r.return_by, r.id";
    auto& st = conn.prepare_cached(sql);
    st.bind_all(branch_id, seconds(now));
    return read_reservations(st);
}

std::vector<reservation_row> search_reservations(pg::connection& conn,
                                                 const reservation_filter& f) {
    static const std::string sql =
        std::string{select_reservation} +
        "WHERE (?1 IS NULL OR r.branch_id = ?1) AND (?2 IS NULL OR r.type_id = ?2) "
        "AND (?3 IS NULL OR r.status = ?3) AND (?4 IS NULL OR f.phone = ?4) "
        "AND (?5 IS NULL OR r.code = ?5) AND (?6 IS NULL OR r.end_date >= ?6) "
        "AND (?7 IS NULL OR r.start_date <= ?7) AND (?8 IS NULL OR r.id < ?8) "
        "ORDER BY r.id DESC LIMIT ?9";
    auto& st = conn.prepare_cached(sql);
    std::optional<std::string> state;
    if (f.state) {
        state = std::string{to_string(*f.state)};
    }
    st.bind_all(f.branch_id, f.type_id, state, f.phone, f.code, date_text(f.from), date_text(f.to),
                f.before_id, f.limit);
    return read_reservations(st);
}

void insert_strike(pg::connection& conn, std::int64_t farmer_id, std::int64_t reservation_id,
                   sys_seconds at, std::string_view kind) {
    auto& st = conn.prepare_cached(
        "INSERT INTO strikes (farmer_id, reservation_id, at, kind) VALUES (?, ?, ?, ?)");
    st.bind_all(farmer_id, reservation_id, seconds(at), kind);
    st.step();
}

std::vector<sys_seconds> strike_times(pg::connection& conn, std::int64_t farmer_id) {
    auto& st = conn.prepare_cached("SELECT at FROM strikes WHERE farmer_id = ? ORDER BY at");
    st.bind_all(farmer_id);
    std::vector<sys_seconds> out;
    while (st.step()) {
        out.push_back(instant(st.int64(0)));
    }
    return out;
}

void set_suspension(pg::connection& conn, std::int64_t farmer_id, std::optional<local_days> until,
                    std::optional<std::string> reason) {
    auto& st = conn.prepare_cached(
        "UPDATE farmers SET suspended_until = ?, suspension_reason = ? WHERE id = ?");
    st.bind_all(date_text(until), reason, farmer_id);
    st.step();
}

void append_audit(pg::connection& conn, const audit_entry& e) {
    auto& st = conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, role, channel, action, reservation_id, entity, "
        "entity_key, details, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind_all(seconds(e.at), e.actor, e.role, e.via, e.action, e.reservation_id, e.entity,
                e.entity_key, e.details, e.address);
    st.run_later(); // with the next round trip: nothing waits for its answer
}

std::vector<history_entry> reservation_history(pg::connection& conn, std::int64_t reservation_id) {
    auto& st =
        conn.prepare_cached("SELECT at, actor, role, channel, action, details FROM audit_log "
                            "WHERE reservation_id = ? ORDER BY id");
    st.bind_all(reservation_id);
    std::vector<history_entry> out;
    while (st.step()) {
        out.push_back(
            {instant(st.int64(0)), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    }
    return out;
}

std::string fee_days_to_json(const std::vector<fee_day>& days) {
    boost::json::array a;
    for (const auto& d : days) {
        a.push_back(boost::json::object{
            {"date", format_date(d.date)},
            {"daily_fee", d.daily_fee.value},
            {"discount_pct", d.discount_pct},
            {"discount_name_ko", d.discount_name_ko},
            {"discount_name_en", d.discount_name_en},
            {"surcharge_pct", d.surcharge_pct},
            {"surcharge_name_ko", d.surcharge_name_ko},
            {"surcharge_name_en", d.surcharge_name_en},
            {"amount", d.amount.value},
        });
    }
    return boost::json::serialize(a);
}

std::vector<fee_day> fee_days_from_json(std::string_view json) {
    std::vector<fee_day> out;
    boost::system::error_code ec;
    const auto v = boost::json::parse(json, ec);
    if (ec || !v.is_array()) {
        return out;
    }
    for (const auto& item : v.get_array()) {
        const auto& o = item.as_object();
        fee_day d;
        d.date = parse_date(o.at("date").as_string()).value_or(local_days{});
        d.daily_fee = won{o.at("daily_fee").to_number<std::int64_t>()};
        d.discount_pct = o.at("discount_pct").to_number<int>();
        d.discount_name_ko = o.at("discount_name_ko").as_string();
        d.discount_name_en = o.at("discount_name_en").as_string();
        d.surcharge_pct = o.at("surcharge_pct").to_number<int>();
        d.surcharge_name_ko = o.at("surcharge_name_ko").as_string();
        d.surcharge_name_en = o.at("surcharge_name_en").as_string();
        d.amount = won{o.at("amount").to_number<std::int64_t>()};
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace agrirent::storage::postgres
