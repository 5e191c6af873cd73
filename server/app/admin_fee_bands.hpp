#pragma once
// The statutory fee bands (DOMAIN.md §17, issue 15): the table an admin may edit if the law
// changes, and the report of machine types whose daily fee lies outside their band.
#include <vector>

#include "common/fee_bands.hpp"
#include "common/result.hpp"
#include "server/app/admin_catalog.hpp"
#include "server/app/services.hpp"

namespace agrirent::storage {
class database;
}

namespace agrirent::app::admin {

/// On every start: copies the shipped table (common/data/fee_bands_kr.csv) into an empty
/// fee_bands table, so that admins edit the database's copy. Does nothing once it has rows.
void ensure_fee_bands(storage::database& db);

/// The table in force (the catalog snapshot's).
in_catalog<std::vector<fee_band>> fee_band_table(services& s);

/// Replaces the whole table; refuses one that check_fee_table refuses (invalid_field with
/// details field, problem). Types the new table puts outside their band stay as they are and
/// appear in types_outside_band (the fees are the office's to fix, one by one).
result<in_catalog<std::vector<fee_band>>> replace_fee_table(services& s, const actor& who,
                                                            const std::vector<fee_band>& bands);

/// Active types with a purchase price whose daily fee lies outside their band, by code.
struct outside_band_report {
    std::shared_ptr<const catalog> snapshot;
    std::vector<const type_info*> types;
};
outside_band_report types_outside_band(services& s);

} // namespace agrirent::app::admin
