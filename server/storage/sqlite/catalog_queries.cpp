#include "server/storage/sqlite/catalog_queries.hpp"

#include <optional>

#include "server/storage/sqlite/admin_queries.hpp"
#include "server/storage/sqlite/columns.hpp"
#include "server/storage/sqlite/json_columns.hpp"
#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::storage::sqlite {

catalog_rows load_catalog(db::connection& conn) {
    std::optional<db::transaction> tx;
    if (!conn.in_transaction()) {
        tx.emplace(conn, db::transaction_mode::deferred);
    }
    catalog_rows rows;
    {
        auto& st =
            conn.prepare_cached("SELECT date, removed, name_ko, name_en FROM holiday_overrides");
        while (st.step()) {
            rows.holiday_overrides.push_back(
                {date_column(st, 0), st.int64(1) != 0, st.text(2), st.text(3)});
        }
    }
    rows.known_years = list_known_years(conn);
    {
        auto& st = conn.prepare_cached(
            "SELECT id, code, name_ko, name_en, phones, address_ko, address_en, zone, open_min, "
            "close_min, eve_pickup_min, return_by_min, cutoff_min, horizon_days, active "
            "FROM branches ORDER BY id");
        while (st.step()) {
            catalog_branch cb;
            branch_record& b = cb.record;
            b.id = st.int64(0);
            b.code = st.text(1);
            b.name_ko = st.text(2);
            b.name_en = st.text(3);
            b.phones = parse_string_array(st.text_view(4));
            b.address_ko = st.text(5);
            b.address_en = st.text(6);
            cb.zone = st.text(7);
            b.hours.open = time_of_day{st.int32(8)};
            b.hours.close = time_of_day{st.int32(9)};
            b.hours.eve_pickup_from = time_of_day{st.int32(10)};
            b.hours.return_by = time_of_day{st.int32(11)};
            b.hours.booking_cutoff = time_of_day{st.int32(12)};
            b.horizon_days = st.int32(13);
            b.active = st.int64(14) != 0;
            rows.branches.push_back(std::move(cb));
        }
    }
    {
        auto& st = conn.prepare_cached(
            "SELECT id, branch_id, from_date, to_date FROM saturday_seasons ORDER BY from_date");
        while (st.step()) {
            season_record s;
            s.id = st.int64(0);
            s.branch_id = st.int64(1);
            s.days = {date_column(st, 2), date_column(st, 3)};
            rows.seasons.push_back(std::move(s));
        }
    }
    {
        auto& st =
            conn.prepare_cached("SELECT id, branch_id, date, extra_opening, note FROM closures");
        while (st.step()) {
            closure_record c;
            c.id = st.int64(0);
            c.branch_id = st.int64(1);
            c.date = date_column(st, 2);
            c.extra_opening = st.int64(3) != 0;
            c.note = st.text(4);
            rows.closures.push_back(std::move(c));
        }
    }
    rows.types = list_types(conn);
    rows.categories = list_categories(conn);
    rows.discounts = list_discounts(conn);
    {
        auto& st = conn.prepare_cached("SELECT key, value FROM settings");
        while (st.step()) {
            rows.settings.emplace_back(st.text(0), st.text(1));
        }
    }
    if (tx) {
        tx->commit();
    }
    return rows;
}

} // namespace agrirent::storage::sqlite
