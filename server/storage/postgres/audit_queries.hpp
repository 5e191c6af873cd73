#pragma once
// The SQL of the audit repository: free functions on one connection, wrapped by
// pg_audit_repository (database.cpp).
#include "server/storage/audit_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

std::vector<audit_record> list_audit(pg::connection& conn, const audit_filter& f);

} // namespace agrirent::storage::postgres
