#include "server/storage/postgres/catalog_queries.hpp"

#include <optional>
#include <string>

#include "server/storage/postgres/admin_queries.hpp"
#include "server/storage/postgres/columns.hpp"
#include "server/storage/postgres/pq.hpp"

namespace agrirent::storage::postgres {

catalog_rows load_catalog(pg::connection& conn) {
    std::optional<pg::transaction> tx;
    if (!conn.in_transaction()) {
        tx.emplace(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
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
        static const std::string sql =
            "SELECT " + std::string{branch_columns} + ", zone FROM branches ORDER BY id";
        auto& st = conn.prepare_cached(sql);
        while (st.step()) {
            rows.branches.push_back({read_branch_columns(st), st.text(branch_column_count)});
        }
    }
    // Every branch's seasons and closures (the admin lists' queries, unfiltered).
    rows.seasons = list_seasons(conn, std::nullopt);
    rows.closures = list_closures(conn, std::nullopt, std::nullopt);
    rows.types = list_types(conn);
    rows.categories = list_categories(conn);
    rows.discounts = list_discounts(conn);
    rows.fee_bands = list_fee_bands(conn);
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

} // namespace agrirent::storage::postgres
