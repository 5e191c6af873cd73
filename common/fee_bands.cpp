#include "common/fee_bands.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace agrirent {
namespace {

// n × pct / 100, rounded to the nearest integer, halves up (n ≥ 0).
std::int64_t percent_of(std::int64_t n, std::int64_t pct) noexcept {
    return (n * pct + 50) / 100;
}

refusal bad_row(std::size_t index, std::string_view member, std::string_view problem) {
    return refusal{reason::invalid_field,
                   {{"field", "bands[" + std::to_string(index) + "]." + std::string{member}},
                    {"problem", std::string{problem}}}};
}

std::optional<std::int64_t> parse_amount(std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || v < 0) {
        return std::nullopt;
    }
    return v;
}

} // namespace

fee_range allowed_range(won band_fee) noexcept {
    return {band_fee, won{percent_of(band_fee.value, 100 - band_latitude_pct)},
            won{percent_of(band_fee.value, 100 + band_latitude_pct)}};
}

const fee_band* band_for(std::span<const fee_band> table, won purchase_price) noexcept {
    if (purchase_price.value < 0) {
        return nullptr;
    }
    for (const auto& b : table) {
        if (b.price_from <= purchase_price && (!b.price_to || purchase_price < *b.price_to)) {
            return &b;
        }
    }
    return nullptr;
}

std::optional<fee_range> range_for(std::span<const fee_band> table, won purchase_price) noexcept {
    if (const auto* b = band_for(table, purchase_price)) {
        return allowed_range(b->daily_fee);
    }
    return std::nullopt;
}

std::optional<refusal> check_fee_in_band(std::span<const fee_band> table,
                                         std::optional<won> purchase_price, won daily_fee) {
    if (!purchase_price) {
        return std::nullopt;
    }
    const auto range = range_for(table, *purchase_price);
    if (!range || (range->min <= daily_fee && daily_fee <= range->max)) {
        // A table that passed check_fee_table covers every price ≥ 0; prices are never negative.
        return std::nullopt;
    }
    return refusal{reason::fee_out_of_band,
                   {{"field", "daily_fee"}, // what to fix (the admin form marks that field)
                    {"band_fee", std::to_string(range->band_fee.value)},
                    {"min", std::to_string(range->min.value)},
                    {"max", std::to_string(range->max.value)},
                    {"purchase_price", std::to_string(purchase_price->value)},
                    {"daily_fee", std::to_string(daily_fee.value)}}};
}

std::optional<refusal> check_fee_table(std::span<const fee_band> table) {
    if (table.empty()) {
        return refusal{reason::invalid_field, {{"field", "bands"}, {"problem", "empty"}}};
    }
    if (table.front().price_from != won{0}) {
        return bad_row(0, "price_from", "must_be_zero");
    }
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& b = table[i];
        if (b.daily_fee.value <= 0) {
            return bad_row(i, "daily_fee", "not_positive");
        }
        const bool last = i + 1 == table.size();
        if (!b.price_to) {
            if (!last) {
                return bad_row(i, "price_to", "missing");
            }
            continue;
        }
        if (last) {
            return bad_row(i, "price_to", "must_be_open"); // every price has a band
        }
        if (*b.price_to <= b.price_from) {
            return bad_row(i, "price_to", "not_above_price_from");
        }
        const won next = table[i + 1].price_from;
        if (next < *b.price_to) {
            return bad_row(i + 1, "price_from", "overlap");
        }
        if (next > *b.price_to) {
            return bad_row(i + 1, "price_from", "gap");
        }
    }
    return std::nullopt;
}

std::optional<fee_band_parse_error> parse_fee_band_csv(std::string_view text,
                                                       std::vector<fee_band>& into) {
    constexpr std::string_view header = "price_from,price_to,daily_fee";
    std::vector<fee_band> rows;
    bool header_seen = false;
    int line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto fail = [&](std::string message) {
            return fee_band_parse_error{line_no, std::move(message)};
        };
        if (!header_seen) {
            if (line != header) {
                return fail("expected the header \"" + std::string{header} + "\"");
            }
            header_seen = true;
            continue;
        }
        const auto c1 = line.find(',');
        const auto c2 = c1 == std::string_view::npos ? c1 : line.find(',', c1 + 1);
        if (c2 == std::string_view::npos || line.find(',', c2 + 1) != std::string_view::npos) {
            return fail("expected 3 fields (price_from,price_to,daily_fee)");
        }
        const auto from = parse_amount(line.substr(0, c1));
        const auto to_text = line.substr(c1 + 1, c2 - c1 - 1);
        const auto to = to_text.empty() ? std::optional<std::int64_t>{} : parse_amount(to_text);
        const auto fee = parse_amount(line.substr(c2 + 1));
        if (!from || (!to_text.empty() && !to) || !fee) {
            return fail("expected whole won amounts");
        }
        rows.push_back({won{*from}, to ? std::optional<won>{won{*to}} : std::nullopt, won{*fee}});
    }
    if (!header_seen) {
        return fee_band_parse_error{0, "missing the header \"" + std::string{header} + "\""};
    }
    if (const auto why = check_fee_table(rows)) {
        return fee_band_parse_error{0, std::string{why->detail("field")} + ": " +
                                           std::string{why->detail("problem")}};
    }
    into = std::move(rows);
    return std::nullopt;
}

const std::vector<fee_band>& shipped_fee_bands() {
    static const std::vector<fee_band> table = [] {
        std::vector<fee_band> parsed;
        if (const auto error = parse_fee_band_csv(shipped_fee_band_csv(), parsed)) {
            std::fprintf(stderr, "agrirent: embedded common/data/fee_bands_kr.csv, line %d: %s\n",
                         error->line, error->message.c_str());
            std::abort();
        }
        return parsed;
    }();
    return table;
}

} // namespace agrirent
