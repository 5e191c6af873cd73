#pragma once
// The demo data of DOMAIN.md §10: the reference customer (two branches of a city's rental
// office), its catalogue, seasons, the April–July discount, farmers and some bookings around
// the reference date 2020-05-20 and around today.
#include "common/types.hpp"

namespace agrirent::db {
class connection;
}

namespace agrirent::app {

/// True when the database has no branches yet (a fresh file).
bool database_is_empty(db::connection& conn);

/// Loads the demo data into an empty database in one transaction. `now` places the "around
/// today" bookings.
void load_demo(db::connection& conn, sys_seconds now);

} // namespace agrirent::app
