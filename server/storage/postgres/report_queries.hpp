#pragma once
// The SQL of the reports repository: free functions on one connection, wrapped by
// pg_report_repository (database.cpp).
#include "server/storage/report_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

std::vector<usage_span> usage_overlapping(pg::connection& conn,
                                          std::optional<std::int64_t> branch_id, date_range days);
std::vector<unit_total> units_not_retired(pg::connection& conn,
                                          std::optional<std::int64_t> branch_id);
std::vector<revenue_total> revenue_by_branch_type(pg::connection& conn,
                                                  std::optional<std::int64_t> branch_id,
                                                  date_range days);
std::vector<export_row> reservations_for_export(pg::connection& conn, const export_filter& f);

} // namespace agrirent::storage::postgres
