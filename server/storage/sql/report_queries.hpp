#pragma once
// The SQL of the reports repository: free functions on one connection, wrapped by
// the report_repository of each engine (database.cpp).
// One source for both engines: function templates over the connection (sql/engine.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/report_repository.hpp"
#include "server/storage/sql/columns.hpp"
#include "server/storage/sql/engine.hpp"

namespace agrirent::storage::sql {

// Dates are 'YYYY-MM-DD' text: they compare as dates (schema.cpp conventions).
template <connection C>
std::vector<usage_span> usage_overlapping(C& conn, std::optional<std::int64_t> branch_id,
                                          date_range days) {
    auto& st = conn.prepare_cached(
        "SELECT branch_id, type_id, status, start_date, end_date FROM reservations "
        "WHERE status IN ('requested', 'confirmed', 'checked_out', 'returned') "
        "AND (?1 IS NULL OR branch_id = ?1) AND start_date <= ?3 AND end_date >= ?2");
    st.bind_all(branch_id, format_date(days.from), format_date(days.to));
    std::vector<usage_span> out;
    while (st.step()) {
        usage_span u;
        u.branch_id = st.int64(0);
        u.type_id = st.int64(1);
        u.state = parse_status(st.text_view(2)).value_or(status::requested);
        u.usage = {date_column(st, 3), date_column(st, 4)};
        out.push_back(u);
    }
    return out;
}

template <connection C>
std::vector<unit_total> units_not_retired(C& conn, std::optional<std::int64_t> branch_id) {
    auto& st = conn.prepare_cached("SELECT branch_id, type_id, count(*) FROM units "
                                   "WHERE status <> 'retired' AND (?1 IS NULL OR branch_id = ?1) "
                                   "GROUP BY branch_id, type_id ORDER BY branch_id, type_id");
    st.bind_all(branch_id);
    std::vector<unit_total> out;
    while (st.step()) {
        out.push_back({st.int64(0), st.int64(1), st.int32(2)});
    }
    return out;
}

template <connection C>
std::vector<revenue_total> revenue_by_branch_type(C& conn, std::optional<std::int64_t> branch_id,
                                                  date_range days) {
    auto& st = conn.prepare_cached(
        "SELECT branch_id, type_id, count(*), sum(fee_gross), sum(fee_discount), "
        "sum(fee_surcharge), sum(fee_net - delivery_fee), coalesce(sum(late_fee), 0), "
        "sum(delivery_fee), sum(CASE WHEN half IS NULL THEN 0 ELSE 1 END), "
        "sum(CASE WHEN half IS NULL THEN 0 ELSE fee_net - delivery_fee END) FROM reservations "
        "WHERE status NOT IN ('cancelled', 'rejected', 'no_show') "
        "AND (?1 IS NULL OR branch_id = ?1) AND start_date BETWEEN ?2 AND ?3 "
        "GROUP BY branch_id, type_id ORDER BY branch_id, type_id");
    st.bind_all(branch_id, format_date(days.from), format_date(days.to));
    std::vector<revenue_total> out;
    while (st.step()) {
        revenue_total t;
        t.branch_id = st.int64(0);
        t.type_id = st.int64(1);
        t.bookings = st.int64(2);
        t.gross = won{st.int64(3)};
        t.discount = won{st.int64(4)};
        t.surcharge = won{st.int64(5)};
        t.rental_net = won{st.int64(6)};
        t.late_fees = won{st.int64(7)};
        t.delivery = won{st.int64(8)};
        t.half_day_bookings = st.int64(9);
        t.half_day_rental = won{st.int64(10)};
        out.push_back(t);
    }
    return out;
}

template <connection C>
std::vector<export_row> reservations_for_export(C& conn, const export_filter& f) {
    auto& st = conn.prepare_cached(
        "SELECT r.code, r.status, r.branch_id, r.type_id, r.start_date, r.end_date, r.eve, "
        "r.pickup_from, r.pickup_to, r.return_by, r.farmer_name, f.phone, r.channel, "
        "r.daily_fee, r.fee_gross, r.fee_discount, r.fee_surcharge, r.fee_net, "
        "coalesce(r.late_fee, 0), u.tag, r.checked_out_at, r.returned_at, r.created_at, "
        "r.status_reason, r.delivery_mode, r.delivery_area, r.delivery_address, "
        "coalesce(r.delivery_fee, 0), g.name, r.half "
        "FROM reservations r JOIN farmers f ON f.id = r.farmer_id "
        "LEFT JOIN units u ON u.id = r.unit_id LEFT JOIN farmer_groups g ON g.id = r.group_id "
        "WHERE (?1 IS NULL OR r.branch_id = ?1) AND (?2 IS NULL OR r.status = ?2) "
        "AND r.start_date <= ?4 AND r.end_date >= ?3 "
        "ORDER BY r.start_date, r.code LIMIT ?5");
    std::optional<std::string> state;
    if (f.state) {
        state = std::string{to_string(*f.state)};
    }
    st.bind_all(f.branch_id, state, format_date(f.days.from), format_date(f.days.to), f.limit);
    std::vector<export_row> out;
    while (st.step()) {
        export_row r;
        r.code = st.text(0);
        r.state = parse_status(st.text_view(1)).value_or(status::requested);
        r.branch_id = st.int64(2);
        r.type_id = st.int64(3);
        r.usage = {date_column(st, 4), date_column(st, 5)};
        r.eve = st.int64(6) != 0;
        r.pickup = {instant(st.int64(7)), instant(st.int64(8))};
        r.return_by = instant(st.int64(9));
        r.farmer_name = st.text(10);
        r.phone = st.text(11);
        r.via = parse_channel(st.text_view(12)).value_or(channel::web);
        r.daily_fee = won{st.int64(13)};
        r.gross = won{st.int64(14)};
        r.discount = won{st.int64(15)};
        r.surcharge = won{st.int64(16)};
        r.net = won{st.int64(17)};
        r.late_fee = won{st.int64(18)};
        r.unit_tag = st.optional_text(19);
        r.checked_out_at = optional_instant(st, 20);
        r.returned_at = optional_instant(st, 21);
        r.created_at = instant(st.int64(22));
        r.status_reason = st.optional_text(23);
        r.delivery_mode = st.optional_text(24);
        r.delivery_area = st.optional_text(25);
        r.delivery_address = st.optional_text(26);
        r.delivery_fee = won{st.int64(27)};
        r.group_name = st.optional_text(28);
        if (const auto half = st.optional_text(29)) {
            r.half = parse_half_day(*half);
        }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace agrirent::storage::sql
