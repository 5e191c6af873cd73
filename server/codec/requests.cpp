#include "server/codec/requests.hpp"

#include "common/validation.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"

namespace agrirent::codec {

namespace json = boost::json;
using http::bad_field;

namespace {

std::string reason_field(const json::object& body, bool required) {
    auto text = http::optional_string(body, "reason");
    if (!text || text->empty()) {
        if (required) {
            throw bad_field("reason", "missing");
        }
        return {};
    }
    auto clean = normalize_text(*text, 500);
    if (!clean) {
        throw bad_field("reason", "invalid_text");
    }
    return std::move(*clean);
}

std::map<std::string, bool> checklist_field(const json::object& body) {
    std::map<std::string, bool> out;
    const auto* items = http::optional_object(body, "checklist");
    if (items == nullptr) {
        return out;
    }
    for (const auto& kv : *items) {
        if (!kv.value().is_bool()) {
            throw bad_field("checklist." + std::string{kv.key()}, "not_a_boolean");
        }
        out.emplace(std::string{kv.key()}, kv.value().get_bool());
    }
    return out;
}

double hour_meter_field(const json::object& body) {
    const auto v = http::optional_number(body, "hour_meter", 0, 1000000);
    if (!v) {
        throw bad_field("hour_meter", "missing");
    }
    return *v;
}

} // namespace

std::string phone_of(std::string_view raw) {
    auto phone = normalize_phone(raw);
    if (!phone) {
        throw bad_field("phone", "not_a_mobile_number");
    }
    return std::move(*phone);
}

std::optional<delivery_request> delivery_request_of(const std::optional<std::string>& mode,
                                                    const std::optional<std::string>& address,
                                                    const std::optional<std::string>& area,
                                                    const delivery_field_names& names) {
    if (!mode) {
        if (address || area) {
            throw bad_field(std::string{names.mode}, "missing");
        }
        return std::nullopt;
    }
    delivery_request out;
    const auto parsed = parse_delivery_mode(*mode);
    if (!parsed) {
        throw bad_field(std::string{names.mode}, "not_one_way_or_round_trip");
    }
    out.mode = *parsed;
    if (!address) {
        throw bad_field(std::string{names.address}, "missing");
    }
    auto a = normalize_name(*address, max_delivery_address);
    if (!a) {
        throw bad_field(std::string{names.address}, "invalid_address");
    }
    out.address = std::move(*a);
    if (!area) {
        throw bad_field(std::string{names.area}, "missing");
    }
    auto ar = normalize_name(*area, 40);
    if (!ar) {
        throw bad_field(std::string{names.area}, "invalid_area");
    }
    out.area = std::move(*ar);
    return out;
}

std::optional<delivery_request> delivery_request_of(const json::object& body) {
    const auto it = body.find("delivery");
    if (it == body.end()) {
        return std::nullopt;
    }
    if (it->value().is_null()) {
        throw bad_field("delivery", "null");
    }
    if (!it->value().is_object()) {
        throw bad_field("delivery", "not_an_object");
    }
    const auto& d = it->value().get_object();
    http::reject_unknown_fields(d, {"mode", "address", "area"}, "delivery.");
    const auto text = [&](std::string_view key) -> std::optional<std::string> {
        const auto member = d.find(key);
        if (member == d.end()) {
            return std::nullopt;
        }
        if (!member->value().is_string()) {
            throw bad_field("delivery." + std::string{key}, "not_a_string");
        }
        return std::string{member->value().get_string()};
    };
    auto out = delivery_request_of(text("mode"), text("address"), text("area"),
                                   {"delivery.mode", "delivery.address", "delivery.area"});
    if (!out) {
        throw bad_field("delivery.mode", "missing");
    }
    return out;
}

std::optional<half_day> half_of(const std::optional<std::string>& half, period usage) {
    if (!half || half->empty()) {
        return std::nullopt;
    }
    const auto parsed = parse_half_day(*half);
    if (!parsed) {
        throw bad_field("half", "not_am_or_pm");
    }
    if (usage.end != usage.start) {
        throw bad_field("end", "half_day_is_one_day");
    }
    return parsed;
}

namespace {

/// DOMAIN.md §11: the body's "am" | "pm"; left out for whole days (null, like every optional
/// field: 400).
std::optional<half_day> body_half(const json::object& body, period usage) {
    const auto h = body.find("half");
    if (h == body.end()) {
        return std::nullopt;
    }
    if (h->value().is_null()) {
        throw bad_field("half", "null");
    }
    if (!h->value().is_string()) {
        throw bad_field("half", "not_am_or_pm");
    }
    return half_of(std::string{h->value().get_string()}, usage);
}

} // namespace

booking_request booking_request_of(const json::object& body) {
    http::reject_unknown_fields(body, {"branch", "type", "start", "end", "farmer", "channel",
                                       "delivery", "group", "half", "verification"});
    booking_request out;
    app::booking_input& in = out.input;
    in.branch = http::required_string(body, "branch");
    in.type = http::required_string(body, "type");
    in.usage.start = http::required_date(body, "start");
    in.usage.end = http::optional_date(body, "end").value_or(in.usage.start);
    in.half = body_half(body, in.usage);
    const auto* farmer = http::optional_object(body, "farmer");
    if (farmer == nullptr) {
        throw bad_field("farmer", "missing");
    }
    http::reject_unknown_fields(*farmer, {"name", "phone", "farm_id", "district"}, "farmer.");
    auto name = normalize_name(http::required_string(*farmer, "name"));
    if (!name) {
        throw bad_field("farmer.name", "invalid_name");
    }
    in.name = std::move(*name);
    in.phone = phone_of(http::required_string(*farmer, "phone"));
    if (auto farm = http::optional_string(*farmer, "farm_id")) {
        auto v = normalize_name(*farm, 32);
        if (!v) {
            throw bad_field("farmer.farm_id", "invalid");
        }
        in.farm_id = std::move(v);
    }
    if (auto district = http::optional_string(*farmer, "district")) {
        auto v = normalize_name(*district, 40);
        if (!v) {
            throw bad_field("farmer.district", "invalid");
        }
        in.district = std::move(v);
    }
    if (const auto c = http::optional_string(body, "channel")) {
        const auto parsed = parse_channel(*c);
        if (!parsed || (*parsed != channel::phone && *parsed != channel::counter)) {
            throw bad_field("channel", "not_phone_or_counter");
        }
        out.via = *parsed;
    }
    in.delivery = delivery_request_of(body);
    // DOMAIN.md §16: a group booking names the group by its id.
    if (const auto g = body.find("group"); g != body.end()) {
        if (g->value().is_null()) {
            throw bad_field("group", "null");
        }
        if (!g->value().is_int64() || g->value().as_int64() < 1) {
            throw bad_field("group", "not_a_group_id");
        }
        in.group = g->value().as_int64();
    }
    in.verification = verification_of(body);
    return out;
}

std::string farmer_cancel_phone_of(const json::object& body) {
    http::reject_unknown_fields(body, {"phone", "verification"});
    verification_of(body); // checked here, read by the caller
    return phone_of(http::required_string(body, "phone"));
}

std::optional<std::string> verification_of(const json::object& body) {
    auto text = http::optional_string(body, "verification"); // null or not a string: 400
    if (text && text->size() > 128) {
        throw bad_field("verification", "too_long");
    }
    return text;
}

std::string phone_code_request_of(const json::object& body) {
    http::reject_unknown_fields(body, {"phone"});
    return phone_of(http::required_string(body, "phone"));
}

phone_confirm_request phone_confirm_request_of(const json::object& body) {
    http::reject_unknown_fields(body, {"phone", "code"});
    phone_confirm_request out;
    out.phone = phone_of(http::required_string(body, "phone"));
    const auto raw = http::required_string(body, "code");
    for (const char c : raw) {
        if (c >= '0' && c <= '9') {
            out.code += c;
        } else if (c != ' ' && c != '-') {
            throw bad_field("code", "not_six_digits");
        }
    }
    if (out.code.size() != 6) {
        throw bad_field("code", "not_six_digits");
    }
    return out;
}

std::string staff_cancel_reason_of(const json::object& body) {
    http::reject_unknown_fields(body, {"reason"});
    auto reason = http::optional_string(body, "reason");
    auto clean = reason ? normalize_text(*reason, 500) : std::nullopt;
    if (!clean || clean->empty()) {
        throw bad_field("reason", reason ? "invalid_text" : "missing");
    }
    return std::move(*clean);
}

std::string reject_reason_of(const json::object& body) {
    http::reject_unknown_fields(body, {"reason"});
    return reason_field(body, true);
}

app::checkout_input checkout_input_of(const json::object& body) {
    http::reject_unknown_fields(body,
                                {"unit", "hour_meter", "checklist", "paid", "override_reason"});
    app::checkout_input in;
    in.unit_tag = http::required_string(body, "unit");
    in.hour_meter = hour_meter_field(body);
    in.checklist = checklist_field(body);
    in.paid = http::optional_bool(body, "paid").value_or(false);
    if (auto reason = http::optional_string(body, "override_reason")) {
        auto clean = normalize_text(*reason, 500);
        if (!clean) {
            throw bad_field("override_reason", "invalid_text");
        }
        if (!clean->empty()) {
            in.override_reason = std::move(*clean);
        }
    }
    return in;
}

app::checkin_input checkin_input_of(const json::object& body) {
    http::reject_unknown_fields(body,
                                {"hour_meter", "checklist", "damage_notes", "farmer_at_fault"});
    app::checkin_input in;
    in.hour_meter = hour_meter_field(body);
    in.checklist = checklist_field(body);
    if (auto notes = http::optional_string(body, "damage_notes")) {
        auto clean = normalize_text(*notes, 2000);
        if (!clean) {
            throw bad_field("damage_notes", "invalid_text");
        }
        in.damage_notes = std::move(*clean);
    }
    in.farmer_at_fault = http::optional_bool(body, "farmer_at_fault").value_or(false);
    return in;
}

app::move_input move_input_of(const json::object& body) {
    http::reject_unknown_fields(body, {"branch", "start", "end"});
    app::move_input in;
    in.branch = http::optional_string(body, "branch");
    in.usage.start = http::required_date(body, "start");
    in.usage.end = http::optional_date(body, "end").value_or(in.usage.start);
    return in;
}

unit_status_request unit_status_request_of(const json::object& body) {
    http::reject_unknown_fields(body, {"status", "note"});
    unit_status_request out;
    const auto target = parse_unit_status(http::required_string(body, "status"));
    if (!target) {
        throw bad_field("status", "unknown_status");
    }
    out.to = *target;
    if (auto n = http::optional_string(body, "note")) {
        out.note = normalize_text(*n, 500);
        if (!out.note) {
            throw bad_field("note", "invalid_text");
        }
    }
    return out;
}

login_request login_request_of(const json::object& body) {
    http::reject_unknown_fields(body, {"username", "password"});
    login_request out;
    out.username = http::required_string(body, "username");
    out.password = http::required_string(body, "password");
    if (out.username.size() > 64 || out.password.size() > 1024) {
        throw bad_field(out.username.size() > 64 ? "username" : "password", "too_long");
    }
    return out;
}

waitlist_request waitlist_request_of(const json::object& body) {
    http::reject_unknown_fields(
        body, {"branch", "type", "start", "end", "half", "farmer", "channel", "verification"});
    waitlist_request out;
    app::waitlist_input& in = out.input;
    in.branch = http::required_string(body, "branch");
    in.type = http::required_string(body, "type");
    in.usage.start = http::required_date(body, "start");
    in.usage.end = http::optional_date(body, "end").value_or(in.usage.start);
    in.half = body_half(body, in.usage); // as for a booking
    const auto* farmer = http::optional_object(body, "farmer");
    if (farmer == nullptr) {
        throw bad_field("farmer", "missing");
    }
    http::reject_unknown_fields(*farmer, {"name", "phone"}, "farmer.");
    auto name = normalize_name(http::required_string(*farmer, "name"));
    if (!name) {
        throw bad_field("farmer.name", "invalid_name");
    }
    in.name = std::move(*name);
    in.phone = phone_of(http::required_string(*farmer, "phone"));
    if (const auto c = http::optional_string(body, "channel")) {
        const auto parsed = parse_channel(*c);
        if (!parsed || (*parsed != channel::phone && *parsed != channel::counter)) {
            throw bad_field("channel", "not_phone_or_counter");
        }
        out.via = *parsed;
    }
    out.proof.verification = verification_of(body);
    return out;
}

waitlist_action waitlist_action_of(const json::object& body) {
    http::reject_unknown_fields(body, {"phone", "verification"});
    waitlist_action out;
    if (const auto p = http::optional_string(body, "phone")) {
        out.phone = phone_of(*p);
    }
    out.proof.verification = verification_of(body);
    return out;
}

extension_request extension_request_of(const json::object& body) {
    http::reject_unknown_fields(body, {"end", "phone", "verification", "dry_run"});
    extension_request out;
    out.end = http::required_date(body, "end");
    if (const auto p = http::optional_string(body, "phone")) {
        out.phone = phone_of(*p);
    }
    out.proof.verification = verification_of(body);
    out.dry_run = http::optional_bool(body, "dry_run").value_or(false);
    return out;
}

} // namespace agrirent::codec
