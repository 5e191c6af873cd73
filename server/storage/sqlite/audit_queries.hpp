#pragma once
// The SQL of the audit repository: free functions on one connection, wrapped by
// sqlite_audit_repository (database.cpp).
#include "server/storage/audit_repository.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::storage::sqlite {

std::vector<audit_record> list_audit(db::connection& conn, const audit_filter& f);

} // namespace agrirent::storage::sqlite
