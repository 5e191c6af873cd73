#include "server/api/json_views.hpp"

#include <boost/json.hpp>

#include "common/time.hpp"
#include "server/http/errors.hpp"

namespace agrirent::api {

namespace json = boost::json;

json::object pickup_json(const date::time_zone* zone, const rental_plan& plan) {
    return {{"from", format_instant(zone, plan.pickup.from)},
            {"to", format_instant(zone, plan.pickup.to)},
            {"eve", plan.eve}};
}

json::object fee_json(const fee_quote& fee) {
    json::array days;
    for (const auto& d : fee.days) {
        json::object day{
            {"date", format_date(d.date)},
            {"daily_fee", d.daily_fee.value},
            {"discount_pct", d.discount_pct},
            {"discount_name", d.discount_pct > 0 ? json::value(d.discount_name_ko) : nullptr},
            {"discount_name_en", d.discount_pct > 0 ? json::value(d.discount_name_en) : nullptr},
            {"amount", d.amount.value},
        };
        if (d.surcharge_pct > 0) {
            day["surcharge_pct"] = d.surcharge_pct;
            day["surcharge_name"] = d.surcharge_name_ko;
            day["surcharge_name_en"] = d.surcharge_name_en;
        }
        days.push_back(std::move(day));
    }
    return {{"gross", fee.gross.value},         {"discount", fee.discount.value},
            {"surcharge", fee.surcharge.value}, {"net", fee.net.value},
            {"delivery", fee.delivery.value},   {"days", std::move(days)}};
}

json::object delivery_json(const delivery_request& d, won fee, const date::time_zone* zone,
                           const std::optional<interval>& slot, const rental_plan& plan) {
    json::object o{
        {"mode", to_string(d.mode)}, {"address", d.address}, {"area", d.area}, {"fee", fee.value}};
    o["window"] = slot ? json::value(json::object{{"from", format_instant(zone, slot->from)},
                                                  {"to", format_instant(zone, slot->to)}})
                       : json::value(nullptr);
    o["collect_at"] = d.mode == delivery_mode::round_trip
                          ? json::value(format_instant(zone, plan.return_by))
                          : json::value(nullptr);
    return o;
}

std::optional<interval> delivery_window(const app::branch_info* branch, const rental_plan& plan) {
    if (branch == nullptr || !branch->delivery) {
        return interval{plan.pickup.from, plan.pickup.to};
    }
    return delivery_slot(branch->calendar, *branch->delivery, plan);
}

json::object refusal_json(const refusal& r, std::string_view lang) {
    json::object details;
    for (const auto& [k, v] : r.details) {
        details[k] = v;
    }
    return {{"code", to_string(r.code)},
            {"message", http::refusal_message(r, lang)},
            {"details", std::move(details)}};
}

json::object quote_json(const app::quote_outcome& q, std::string_view lang) {
    const auto* zone = q.branch->calendar.zone;
    json::object o{
        {"branch", q.branch->code.value},
        {"type", q.type->type.code.value},
        {"start", format_date(q.usage.start)},
        {"end", format_date(q.usage.end)},
        {"pickup", q.plan ? json::value(pickup_json(zone, *q.plan)) : nullptr},
        {"return_by", q.plan ? json::value(format_instant(zone, q.plan->return_by)) : nullptr},
        {"fee", q.fee ? json::value(fee_json(*q.fee)) : nullptr},
        {"capacity", q.capacity},
        {"available", q.available},
        {"needs_approval", q.type->type.needs_approval},
        {"needs_training", q.type->type.needs_training},
        {"refusal", q.refused ? json::value(refusal_json(*q.refused, lang)) : nullptr},
    };
    o["half"] = q.half ? json::value(to_string(*q.half)) : json::value(nullptr); // DOMAIN.md §11
    o["delivery"] = q.delivery && q.plan
                        ? json::value(delivery_json(*q.delivery, q.fee ? q.fee->delivery : won{},
                                                    zone, q.delivery_slot, *q.plan))
                        : json::value(nullptr);
    o["group"] = q.group ? json::value(*q.group) : json::value(nullptr);
    return o;
}

json::object day_json(const day_info& d) {
    std::string reason_text{to_string(d.why)};
    if (d.why == day_reason::holiday || d.why == day_reason::closure) {
        reason_text += ":" + (d.note_en.empty() ? d.note_ko : d.note_en);
    }
    json::object o{{"date", format_date(d.date)},
                   {"known", d.known},
                   {"operating", d.operating},
                   {"open", d.operating ? json::value(format_time_of_day(d.open)) : nullptr},
                   {"close", d.operating ? json::value(format_time_of_day(d.close)) : nullptr},
                   {"reason", reason_text}};
    if (!d.note_ko.empty()) {
        o["name_ko"] = d.note_ko;
        o["name_en"] = d.note_en;
    }
    return o;
}

json::object reservation_json(const storage::reservation_row& r, const app::catalog& cat,
                              const std::vector<storage::history_entry>& history,
                              bool with_history) {
    const auto* branch = cat.branch_by_id(r.branch_id);
    const auto* type = cat.type_by_id(r.type_id);
    const date::time_zone* zone =
        branch != nullptr ? branch->calendar.zone : date::locate_zone("Asia/Seoul");
    json::object o{
        {"code", r.code},
        {"status", to_string(r.state)},
        {"branch", branch != nullptr ? branch->code.value : std::string{}},
        {"type", type != nullptr ? type->type.code.value : std::string{}},
        {"start", format_date(r.plan.usage.start)},
        {"end", format_date(r.plan.usage.end)},
        {"pickup", pickup_json(zone, r.plan)},
        {"return_by", format_instant(zone, r.plan.return_by)},
        {"fee", fee_json(r.fee)},
        {"farmer", json::object{{"name", r.farmer_name}, {"phone", r.phone}}},
        {"channel", to_string(r.via)},
        {"unit", r.unit_tag ? json::value(*r.unit_tag) : nullptr},
        {"created_at", format_instant(zone, r.created_at)},
    };
    o["half"] = r.plan.half ? json::value(to_string(*r.plan.half)) : json::value(nullptr);
    o["delivery"] = r.delivery ? json::value(delivery_json(*r.delivery, r.fee.delivery, zone,
                                                           delivery_window(branch, r.plan), r.plan))
                               : json::value(nullptr);
    // DOMAIN.md §16: a group booking shows its group.
    o["group"] =
        r.group_id
            ? json::value(json::object{{"id", *r.group_id}, {"name", r.group_name.value_or("")}})
            : json::value(nullptr);
    if (r.status_reason) {
        o["reason"] = *r.status_reason;
    }
    if (r.checked_out_at) {
        o["checked_out_at"] = format_instant(zone, *r.checked_out_at);
        o["hour_meter_out"] = r.hour_meter_out.value_or(0);
        o["paid"] = r.paid.value_or(false);
        if (r.override_reason) {
            o["override_reason"] = *r.override_reason;
        }
    }
    if (r.returned_at) {
        o["returned_at"] = format_instant(zone, *r.returned_at);
        o["hour_meter_in"] = r.hour_meter_in.value_or(0);
        o["late_days"] = r.late_days;
        o["late_fee"] = r.late_fee.value;
        o["damage_notes"] = r.damage_notes.value_or("");
        o["farmer_at_fault"] = r.farmer_at_fault.value_or(false);
    }
    if (with_history) {
        json::array h;
        for (const auto& e : history) {
            json::object entry{{"at", format_instant(zone, e.at)},
                               {"action", e.action},
                               {"by", e.actor},
                               {"role", e.role},
                               {"channel", e.via}};
            boost::system::error_code ec;
            auto details = json::parse(e.details, ec);
            if (!ec && details.is_object() && !details.get_object().empty()) {
                entry["details"] = std::move(details);
            }
            h.push_back(std::move(entry));
        }
        o["history"] = std::move(h);
    }
    return o;
}

} // namespace agrirent::api
