#include "server/app/admin_fee_bands.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "server/app/admin_support.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app::admin {
namespace {

namespace json = boost::json;

json::array table_details(const std::vector<fee_band>& bands) {
    json::array out;
    for (const auto& b : bands) {
        out.push_back(json::object{
            {"price_from", b.price_from.value},
            {"price_to", b.price_to ? json::value(b.price_to->value) : json::value(nullptr)},
            {"daily_fee", b.daily_fee.value}});
    }
    return out;
}

} // namespace

void ensure_fee_bands(storage::database& db) {
    const auto tx = db.begin(storage::access::write);
    if (!tx->admin().list_fee_bands().empty()) {
        return;
    }
    tx->admin().replace_fee_bands(shipped_fee_bands());
    tx->commit();
}

in_catalog<std::vector<fee_band>> fee_band_table(services& s) {
    auto cat = s.catalog.get();
    const auto* table = &cat->fee_bands();
    return {std::move(cat), table};
}

result<in_catalog<std::vector<fee_band>>> replace_fee_table(services& s, const actor& who,
                                                            const std::vector<fee_band>& bands) {
    if (auto why = check_fee_table(bands)) {
        return std::move(*why);
    }
    write_unit w{s, who};
    auto before = w.repo().admin().list_fee_bands();
    if (before != bands) {
        w.repo().admin().replace_fee_bands(bands);
        w.audit("fee_bands.update", "fee_bands", "",
                {{"from", table_details(before)}, {"to", table_details(bands)}});
    }
    w.commit();
    return fee_band_table(s);
}

outside_band_report types_outside_band(services& s) {
    outside_band_report r{s.catalog.get(), {}};
    for (const auto& t : r.snapshot->types()) {
        if (t.active && t.outside_band()) {
            r.types.push_back(&t);
        }
    }
    std::ranges::sort(r.types, [](const type_info* a, const type_info* b) {
        return a->type.code < b->type.code;
    });
    return r;
}

} // namespace agrirent::app::admin
