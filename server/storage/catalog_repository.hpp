#pragma once
// Everything the catalog snapshot is built from (server/app/catalog.hpp): branches with their
// calendars, machine types, categories, discounts, holiday overrides and settings, read in one
// go so that the snapshot is consistent.
#include <string>
#include <utility>
#include <vector>

#include "server/storage/admin_repository.hpp"

namespace agrirent::storage {

struct catalog_branch {
    branch_record record;
    std::string zone; // IANA name
};

struct catalog_rows {
    std::vector<holiday_override> holiday_overrides;
    std::vector<int> known_years;
    std::vector<catalog_branch> branches;                      // by id
    std::vector<season_record> seasons;                        // by branch, then first day
    std::vector<closure_record> closures;                      // closures and extra openings
    std::vector<type_record> types;                            // by id, retired ones included
    std::vector<category_record> categories;                   // by id
    std::vector<discount_record> discounts;                    // by first day, then id
    std::vector<std::pair<std::string, std::string>> settings; // key, value
    std::vector<fee_band> fee_bands;                           // by price_from
};

/// The catalog part of the storage port (server/storage/database.hpp).
class catalog_repository {
  public:
    virtual ~catalog_repository() = default;

    /// All of it, from one snapshot (the unit of work's, or one of its own after a commit).
    virtual catalog_rows load_catalog() = 0;

  protected:
    catalog_repository() = default;
    catalog_repository(const catalog_repository&) = default;
    catalog_repository& operator=(const catalog_repository&) = default;
};

} // namespace agrirent::storage
