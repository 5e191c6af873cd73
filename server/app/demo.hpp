#pragma once
// The demo data of DOMAIN.md §10: the reference customer (two branches of a city's rental
// office), its catalogue, seasons, the April–July discount, farmers and some bookings around
// the reference date 2020-05-20 and around today.
#include "common/types.hpp"

namespace agrirent::storage {
class database;
}

namespace agrirent::app {

/// True when the database has no branches yet (a fresh file).
bool database_is_empty(storage::database& db);

/// Loads the demo data into an empty database. `now` places the "around
/// today" bookings.
void load_demo(storage::database& db, sys_seconds now);

} // namespace agrirent::app
