#pragma once
// The SQL of the reports repository: free functions on one connection, wrapped by
// sqlite_report_repository (database.cpp).
#include "server/storage/report_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage::sqlite {

std::vector<usage_span> usage_overlapping(db::connection& conn,
                                          std::optional<std::int64_t> branch_id, date_range days);
std::vector<unit_total> units_not_retired(db::connection& conn,
                                          std::optional<std::int64_t> branch_id);
std::vector<revenue_total> revenue_by_branch_type(db::connection& conn,
                                                  std::optional<std::int64_t> branch_id,
                                                  date_range days);
std::vector<export_row> reservations_for_export(db::connection& conn, const export_filter& f);

} // namespace agrirent::storage::sqlite
