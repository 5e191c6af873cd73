#include "server/codec/catalog_json.hpp"

#include "common/time.hpp"

namespace agrirent::codec {

namespace json = boost::json;

json::object hours_json(const branch_hours& h) {
    return {{"open", format_time_of_day(h.open)},
            {"close", format_time_of_day(h.close)},
            {"eve_pickup_from", format_time_of_day(h.eve_pickup_from)},
            {"return_by", format_time_of_day(h.return_by)},
            {"booking_cutoff", format_time_of_day(h.booking_cutoff)}};
}

json::value branch_delivery_json(const std::optional<branch_delivery>& d) {
    if (!d) {
        return nullptr;
    }
    json::array area;
    for (const auto& a : d->area) {
        area.emplace_back(a);
    }
    return json::object{{"area", std::move(area)},
                        {"one_way_fee", d->one_way_fee.value},
                        {"round_trip_fee", d->round_trip_fee.value},
                        {"lead_days", d->lead_days},
                        {"hours", json::object{{"from", format_time_of_day(d->from)},
                                               {"to", format_time_of_day(d->to)}}}};
}

json::object half_day_slots_json(const half_day_slots& s) {
    return {{"am", json::object{{"from", format_time_of_day(s.am_from)},
                                {"to", format_time_of_day(s.am_to)}}},
            {"pm", json::object{{"from", format_time_of_day(s.pm_from)},
                                {"to", format_time_of_day(s.pm_to)}}}};
}

json::object branch_json(const app::branch_info& b) {
    json::array phones;
    for (const auto& p : b.phones) {
        phones.emplace_back(p);
    }
    json::array seasons;
    for (const auto& s : b.calendar.saturday_seasons) {
        seasons.push_back(json::object{{"from", format_date(s.from)}, {"to", format_date(s.to)}});
    }
    return {
        {"code", b.code.value},
        {"name_ko", b.name_ko},
        {"name_en", b.name_en},
        {"phones", std::move(phones)},
        {"address", b.address_ko},
        {"address_en", b.address_en},
        {"hours", hours_json(b.calendar.hours)},
        {"horizon_days", b.horizon_days},
        {"saturday_seasons", std::move(seasons)},
        {"delivery", branch_delivery_json(b.delivery)},
        {"half_day_slots", half_day_slots_json(b.calendar.half_days)},
    };
}

json::object type_json(const app::type_info& t) {
    json::array checklist;
    for (const auto& item : t.type.checklist) {
        checklist.emplace_back(item);
    }
    json::object o{
        {"code", t.type.code.value},
        {"name_ko", t.type.name_ko},
        {"name_en", t.type.name_en},
        {"daily_fee", t.type.daily_fee.value},
        {"max_days", t.type.max_days},
        {"needs_approval", t.type.needs_approval},
        {"needs_training", t.type.needs_training},
        {"deliverable", t.type.deliverable},
        {"half_day", t.type.half_day},
        {"group_rental", t.type.group_rental},
        {"checklist", std::move(checklist)},
    };
    o["purchase_price"] =
        t.type.purchase_price ? json::value(t.type.purchase_price->value) : json::value(nullptr);
    if (t.fee_band) {
        o["fee_band"] = fee_range_json(*t.fee_band);
    }
    return o;
}

json::object fee_range_json(const fee_range& r) {
    return {{"band_fee", r.band_fee.value}, {"min", r.min.value}, {"max", r.max.value}};
}

json::object fee_bands_json(const std::vector<fee_band>& table) {
    json::array bands;
    for (const auto& b : table) {
        const auto r = allowed_range(b.daily_fee);
        bands.push_back(json::object{
            {"price_from", b.price_from.value},
            {"price_to", b.price_to ? json::value(b.price_to->value) : json::value(nullptr)},
            {"daily_fee", b.daily_fee.value},
            {"min", r.min.value},
            {"max", r.max.value}});
    }
    return {{"latitude_pct", band_latitude_pct}, {"bands", std::move(bands)}};
}

} // namespace agrirent::codec
