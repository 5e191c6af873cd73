#pragma once
// The SQL of the catalog repository (catalog_queries.cpp).
#include "server/storage/catalog_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

/// Everything of catalog_rows from one snapshot: the caller's transaction, or a deferred one of
/// its own when none is open.
catalog_rows load_catalog(pg::connection& conn);

} // namespace agrirent::storage::postgres
