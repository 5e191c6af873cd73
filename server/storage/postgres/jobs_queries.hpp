#pragma once
// The SQL of the jobs repository: free functions on one connection, wrapped by
// pg_jobs_repository (database.cpp).
#include "server/storage/jobs_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

std::vector<sweep_candidate> closed_pickup_windows(pg::connection& conn, sys_seconds closed_after,
                                                   sys_seconds now, int limit);
std::vector<sweep_candidate> reminder_candidates(pg::connection& conn, sys_seconds now,
                                                 sys_seconds closes_before, int limit);
std::vector<sweep_candidate> overdue_candidates(pg::connection& conn, sys_seconds deadline_before,
                                                int limit);
bool claim_reminder(pg::connection& conn, std::int64_t reservation_id);
bool claim_overdue_notice(pg::connection& conn, std::int64_t reservation_id);
int delete_login_failures_before(pg::connection& conn, sys_seconds before);
std::vector<outbox_listing> list_outbox(pg::connection& conn, const outbox_filter& f);

} // namespace agrirent::storage::postgres
