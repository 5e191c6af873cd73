#pragma once
// Statutory fee bands (DOMAIN.md §17, 농업기계화 촉진법 시행규칙, 임대사업 시행기준): the daily fee
// of a rental machine follows from its purchase price; an office may charge the band's fee
// ±15 %. Pure functions over the table; the table itself ships as common/data/fee_bands_kr.csv
// (embedded in the build) and lives in the database, where an admin may edit it.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/refusal.hpp"
#include "common/types.hpp"

namespace agrirent {

/// One row: purchase prices price_from (inclusive) … price_to (exclusive; none = no upper bound)
/// have the statutory daily fee `daily_fee`.
struct fee_band {
    won price_from;
    std::optional<won> price_to;
    won daily_fee;
    friend bool operator==(const fee_band&, const fee_band&) = default;
};

/// The daily fees a type with a purchase price in a band may have: min … max, both inclusive.
struct fee_range {
    won band_fee;
    won min;
    won max;
    friend bool operator==(const fee_range&, const fee_range&) = default;
};

/// The office's latitude, ±15 % (DOMAIN.md §17). The ±30 % for rentals of 30 days or more does
/// not apply: a type has one daily fee, whatever the length (docs/decisions.md, issue 15).
inline constexpr int band_latitude_pct = 15;

/// band_fee ×0.85 … ×1.15, each rounded to the nearest won, halves up (integer arithmetic, so
/// 12,345 gives 10,493 … 14,197).
fee_range allowed_range(won band_fee) noexcept;

/// The band the price falls in; nullptr for a negative price or a table that does not cover it.
const fee_band* band_for(std::span<const fee_band> table, won purchase_price) noexcept;

/// allowed_range() of band_for(); nullopt when no band covers the price.
std::optional<fee_range> range_for(std::span<const fee_band> table, won purchase_price) noexcept;

/// fee_out_of_band (details band_fee, min, max, purchase_price, daily_fee) when a type with a
/// purchase price has a daily fee outside its band's range; nothing without a price.
std::optional<refusal> check_fee_in_band(std::span<const fee_band> table,
                                         std::optional<won> purchase_price, won daily_fee);

/// A table an admin may save: at least one row; the first starts at 0; each row's price_to is
/// above its price_from and equal to the next row's price_from (contiguous, no overlap); only the
/// last row is open-ended; every fee is positive. invalid_field with details field
/// ("bands[3].price_from") and problem ("gap", "overlap", "not_positive", …) otherwise.
std::optional<refusal> check_fee_table(std::span<const fee_band> table);

/// Parses the shipped CSV: comment lines ('#'), the header `price_from,price_to,daily_fee`, then
/// one band a line; the rows must pass check_fee_table. Returns a message on malformed input.
struct fee_band_parse_error {
    int line = 0;
    std::string message;
};
std::optional<fee_band_parse_error> parse_fee_band_csv(std::string_view text,
                                                       std::vector<fee_band>& into);

/// common/data/fee_bands_kr.csv, embedded at build time.
std::string_view shipped_fee_band_csv() noexcept;

/// The shipped table, parsed once. Aborts if the embedded data is malformed (the unit tests pin
/// that it is not).
const std::vector<fee_band>& shipped_fee_bands();

} // namespace agrirent
