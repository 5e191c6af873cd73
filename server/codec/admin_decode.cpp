#include "server/codec/admin_decode.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include <boost/json.hpp>

#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/admin_support.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"

namespace agrirent::codec::admin {

// ---- helpers -------------------------------------------------------------------------------

bool has_field(const json::object& o, std::string_view key) {
    return o.contains(key);
}

bool is_null_field(const json::object& o, std::string_view key) {
    const auto it = o.find(key);
    return it != o.end() && it->value().is_null();
}

bool is_code(std::string_view s, std::size_t max_len) noexcept {
    if (s.empty() || s.size() > max_len || s.front() < 'A' || s.front() > 'Z') {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string required_code(const json::object& o, std::string_view key, std::size_t max_len) {
    auto code = http::required_string(o, key);
    if (!is_code(code, max_len)) {
        throw http::bad_field(std::string{key}, "not_a_code");
    }
    return code;
}

std::optional<std::string> optional_name(const json::object& o, std::string_view key,
                                         std::size_t max_chars) {
    const auto raw = http::optional_string(o, key);
    if (!raw) {
        return std::nullopt;
    }
    auto name = normalize_name(*raw, max_chars);
    if (!name) {
        throw http::bad_field(std::string{key}, "invalid_name");
    }
    return name;
}

std::string required_name(const json::object& o, std::string_view key, std::size_t max_chars) {
    auto name = optional_name(o, key, max_chars);
    if (!name) {
        throw http::bad_field(std::string{key}, "missing");
    }
    return std::move(*name);
}

std::optional<std::string> optional_text(const json::object& o, std::string_view key,
                                         std::size_t max_chars) {
    const auto raw = http::optional_string(o, key);
    if (!raw) {
        return std::nullopt;
    }
    auto text = normalize_text(*raw, max_chars);
    if (!text) {
        throw http::bad_field(std::string{key}, "invalid_text");
    }
    return text;
}

std::optional<std::vector<std::string>> optional_name_list(const json::object& o,
                                                           std::string_view key,
                                                           std::size_t max_items,
                                                           std::size_t max_chars) {
    const auto it = o.find(key);
    if (it == o.end()) {
        return std::nullopt;
    }
    if (it->value().is_null()) {
        throw http::bad_field(std::string{key}, "null");
    }
    if (!it->value().is_array()) {
        throw http::bad_field(std::string{key}, "not_an_array");
    }
    const auto& a = it->value().get_array();
    if (a.size() > max_items) {
        throw http::bad_field(std::string{key}, "too_many_items");
    }
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& v : a) {
        if (!v.is_string()) {
            throw http::bad_field(std::string{key}, "not_a_string");
        }
        auto name = normalize_name(v.get_string(), max_chars);
        if (!name) {
            throw http::bad_field(std::string{key}, "invalid_name");
        }
        if (!seen.insert(*name).second) {
            throw http::bad_field(std::string{key}, "duplicate_item");
        }
        out.push_back(std::move(*name));
    }
    return out;
}

std::optional<time_of_day> optional_time(const json::object& o, std::string_view key) {
    const auto raw = http::optional_string(o, key);
    if (!raw) {
        return std::nullopt;
    }
    const auto t = parse_time_of_day(*raw);
    if (!t) {
        throw http::bad_field(std::string{key}, "not_a_time");
    }
    return t;
}

// ---- the calendar --------------------------------------------------------------------------

namespace {

int year_of(local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

local_days calendar_date(const json::object& body, std::string_view key) {
    const auto d = http::required_date(body, key);
    if (year_of(d) < app::admin::min_year || year_of(d) > app::admin::max_year) {
        throw http::bad_field(std::string{key}, "out_of_range");
    }
    return d;
}

} // namespace

app::admin::season_input decode_season(const json::object& body) {
    reject_unknown_fields(body, {"branch", "from", "to"});
    app::admin::season_input in;
    in.branch = http::required_string(body, "branch");
    in.days = {http::required_date(body, "from"), http::required_date(body, "to")};
    if (in.days.to < in.days.from) {
        throw http::bad_field("to", "before_from");
    }
    if ((in.days.to - in.days.from).count() + 1 > app::admin::max_season_days) {
        throw http::bad_field("to", "season_too_long");
    }
    return in;
}

app::admin::holiday_input decode_holiday(const json::object& body) {
    reject_unknown_fields(body, {"date", "name_ko", "name_en"});
    app::admin::holiday_input in;
    in.date = calendar_date(body, "date");
    in.name_ko = required_name(body, "name_ko", 80);
    in.name_en = required_name(body, "name_en", 80);
    return in;
}

int decode_holiday_year(const json::object& body) {
    reject_unknown_fields(body, {"year"});
    return static_cast<int>(
        http::required_int(body, "year", app::admin::min_year, app::admin::max_year));
}

app::admin::closure_input decode_closure(const json::object& body) {
    reject_unknown_fields(body, {"branch", "date", "extra_opening", "note"});
    app::admin::closure_input in;
    in.branch = http::required_string(body, "branch");
    in.date = calendar_date(body, "date");
    in.extra_opening = http::optional_bool(body, "extra_opening").value_or(false);
    in.note = optional_text(body, "note", app::admin::max_note).value_or("");
    return in;
}

} // namespace agrirent::codec::admin

// ---- the catalogue -------------------------------------------------------------------------

namespace agrirent::codec::admin {
namespace {

constexpr std::size_t max_name = 80;
constexpr std::size_t max_address = 200;
constexpr std::size_t max_notes = 1000;
constexpr double max_hour_meter = 1'000'000;

/// An office phone number (landlines too, so not normalize_phone): digits with spaces, dashes,
/// dots, parentheses or a leading '+', 7 to 15 digits.
bool is_office_phone(std::string_view p) {
    int digits = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
                     (c == '+' && i == 0))) {
            return false;
        }
    }
    return digits >= 7 && digits <= 15 && p.size() <= 24;
}

/// A branch's delivery (DOMAIN.md §15): null = none; else {area: [names] (1 … 100, required),
/// one_way_fee, round_trip_fee (won, required), lead_days (0 … 60, default 3), hours: {from, to}
/// (default 09:00–18:00, from < to)}.
/// Runs `read`, naming a 400's field with `prefix` (a nested object's path, e.g. "delivery.").
template <class F>
auto with_field_prefix(std::string_view prefix, F&& read) {
    try {
        return read();
    } catch (const http::api_error& e) {
        std::string field;
        std::string problem = "invalid";
        for (const auto& [key, value] : e.details()) {
            if (key == "field") {
                field = value;
            } else if (key == "problem") {
                problem = value;
            }
        }
        if (field.empty() || field.starts_with(prefix)) {
            throw;
        }
        throw http::bad_field(std::string{prefix} + field, problem);
    }
}

std::optional<branch_delivery> delivery_fields(const json::object& body) {
    const auto& v = body.at("delivery");
    if (v.is_null()) {
        return std::nullopt;
    }
    if (!v.is_object()) {
        throw http::bad_field("delivery", "not_an_object");
    }
    const auto& o = v.get_object();
    reject_unknown_fields(o, {"area", "one_way_fee", "round_trip_fee", "lead_days", "hours"},
                          "delivery.");
    branch_delivery d;
    with_field_prefix("delivery.", [&] {
        auto area = optional_name_list(o, "area", 100, 40);
        if (!area) {
            throw http::bad_field("area", "missing");
        }
        if (area->empty()) {
            throw http::bad_field("area", "empty");
        }
        d.area = std::move(*area);
        d.one_way_fee = won{http::required_int(o, "one_way_fee", 0, 10'000'000)};
        d.round_trip_fee = won{http::required_int(o, "round_trip_fee", 0, 10'000'000)};
        if (const auto lead = http::optional_int(o, "lead_days", 0, 60)) {
            d.lead_days = static_cast<int>(*lead);
        }
        if (const auto* hours = http::optional_object(o, "hours")) {
            reject_unknown_fields(*hours, {"from", "to"}, "delivery.hours.");
            with_field_prefix("delivery.hours.", [&] {
                d.from = optional_time(*hours, "from").value_or(d.from);
                d.to = optional_time(*hours, "to").value_or(d.to);
            });
        }
    });
    if (d.to <= d.from) {
        throw http::bad_field("delivery.hours.to", "not_after_from");
    }
    return d;
}

/// The fields shared by create and update (all optional here).
app::admin::branch_fields branch_fields(const json::object& body) {
    app::admin::branch_fields f;
    f.name_ko = optional_name(body, "name_ko", max_name);
    f.name_en = optional_name(body, "name_en", max_name);
    if (auto v = optional_name_list(body, "phones", 8, 24)) {
        for (const auto& p : *v) {
            if (!is_office_phone(p)) {
                throw http::bad_field("phones", "not_a_phone_number");
            }
        }
        f.phones = std::move(*v);
    }
    f.address_ko = optional_text(body, "address_ko", max_address);
    f.address_en = optional_text(body, "address_en", max_address);
    if (const auto* hours = http::optional_object(body, "hours")) {
        reject_unknown_fields(
            *hours, {"open", "close", "eve_pickup_from", "return_by", "booking_cutoff"}, "hours.");
        f.hours.open = optional_time(*hours, "open");
        f.hours.close = optional_time(*hours, "close");
        f.hours.eve_pickup_from = optional_time(*hours, "eve_pickup_from");
        f.hours.return_by = optional_time(*hours, "return_by");
        f.hours.booking_cutoff = optional_time(*hours, "booking_cutoff");
    }
    if (const auto v = http::optional_int(body, "horizon_days", 0, 366)) {
        f.horizon_days = static_cast<int>(*v);
    }
    if (has_field(body, "delivery")) {
        f.delivery = delivery_fields(body);
    }
    // DOMAIN.md §11: {am: {from, to}, pm: {from, to}}, each time optional (the service checks
    // that they fit together).
    if (const auto* slots = http::optional_object(body, "half_day_slots")) {
        reject_unknown_fields(*slots, {"am", "pm"}, "half_day_slots.");
        if (const auto* am = http::optional_object(*slots, "am")) {
            reject_unknown_fields(*am, {"from", "to"}, "half_day_slots.am.");
            with_field_prefix("half_day_slots.am.", [&] {
                f.half_days.am_from = optional_time(*am, "from");
                f.half_days.am_to = optional_time(*am, "to");
            });
        }
        if (const auto* pm = http::optional_object(*slots, "pm")) {
            reject_unknown_fields(*pm, {"from", "to"}, "half_day_slots.pm.");
            with_field_prefix("half_day_slots.pm.", [&] {
                f.half_days.pm_from = optional_time(*pm, "from");
                f.half_days.pm_to = optional_time(*pm, "to");
            });
        }
    }
    return f;
}

constexpr std::int64_t max_price = 100'000'000'000; // 1,000억 won: no rental machine costs more

app::admin::type_fields type_fields(const json::object& body) {
    app::admin::type_fields f;
    f.name_ko = optional_name(body, "name_ko", max_name);
    f.name_en = optional_name(body, "name_en", max_name);
    f.daily_fee = http::optional_int(body, "daily_fee", 0, 100'000'000);
    if (const auto v = http::optional_int(body, "max_days", 1, 31)) {
        f.max_days = static_cast<int>(*v);
    }
    f.needs_training = http::optional_bool(body, "needs_training");
    f.needs_approval = http::optional_bool(body, "needs_approval");
    f.checklist = optional_name_list(body, "checklist", 30, 60);
    // DOMAIN.md §17: whole won or null (no purchase price: the fee is not checked).
    if (is_null_field(body, "purchase_price")) {
        f.purchase_price = std::optional<std::int64_t>{};
    } else if (const auto v = http::optional_int(body, "purchase_price", 0, max_price)) {
        f.purchase_price = v;
    }
    f.deliverable = http::optional_bool(body, "deliverable");
    f.group_rental = http::optional_bool(body, "group_rental");
    f.half_day = http::optional_bool(body, "half_day");
    return f;
}

/// Asset tags appear in paths: ASCII letters, digits, '.', '_', '-', 1 … 32 characters.
bool is_tag(std::string_view t) {
    if (t.empty() || t.size() > 32 || t.front() == '.' || t.front() == '-') {
        return false;
    }
    for (const char c : t) {
        const bool ok_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                             (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok_char) {
            return false;
        }
    }
    return true;
}

app::admin::discount_fields discount_fields(const json::object& body) {
    app::admin::discount_fields f;
    f.name_ko = optional_name(body, "name_ko", max_name);
    f.name_en = optional_name(body, "name_en", max_name);
    if (const auto v = http::optional_int(body, "percent", 0, 100)) {
        f.percent = static_cast<int>(*v);
    }
    f.from = http::optional_date(body, "from");
    f.to = http::optional_date(body, "to");
    f.branches = optional_name_list(body, "branches", 50, 16);
    f.types = optional_name_list(body, "types", 100, 32);
    f.active = http::optional_bool(body, "active");
    return f;
}

} // namespace

app::admin::branch_create decode_branch_create(const json::object& body) {
    reject_unknown_fields(body, {"code", "name_ko", "name_en", "phones", "address_ko", "address_en",
                                 "hours", "horizon_days", "delivery", "half_day_slots"});
    app::admin::branch_create in;
    in.code = required_code(body, "code", 16);
    required_name(body, "name_ko", max_name);
    required_name(body, "name_en", max_name);
    in.fields = branch_fields(body);
    return in;
}

app::admin::branch_update decode_branch_update(const json::object& body) {
    reject_unknown_fields(body, {"name_ko", "name_en", "phones", "address_ko", "address_en",
                                 "hours", "horizon_days", "active", "delivery", "half_day_slots"});
    app::admin::branch_update in;
    in.malformed = deferred([&] {
        in.fields = branch_fields(body);
        in.active = http::optional_bool(body, "active");
    });
    return in;
}

app::admin::type_create decode_type_create(const json::object& body) {
    reject_unknown_fields(body, {"code", "name_ko", "name_en", "daily_fee", "max_days",
                                 "needs_training", "needs_approval", "checklist", "purchase_price",
                                 "deliverable", "group_rental", "half_day"});
    app::admin::type_create in;
    in.code = required_code(body, "code", 32);
    required_name(body, "name_ko", max_name);
    required_name(body, "name_en", max_name);
    http::required_int(body, "daily_fee", 0, 100'000'000);
    in.fields = type_fields(body);
    return in;
}

app::admin::type_update decode_type_update(const json::object& body) {
    reject_unknown_fields(body, {"name_ko", "name_en", "daily_fee", "max_days", "needs_training",
                                 "needs_approval", "checklist", "active", "purchase_price",
                                 "deliverable", "group_rental", "half_day"});
    app::admin::type_update in;
    in.malformed = deferred([&] {
        in.fields = type_fields(body);
        in.active = http::optional_bool(body, "active");
    });
    return in;
}

app::admin::unit_create decode_unit_create(const json::object& body) {
    reject_unknown_fields(body, {"tag", "type", "branch", "hour_meter", "notes"});
    app::admin::unit_create in;
    in.tag = http::required_string(body, "tag");
    if (!is_tag(in.tag)) {
        throw http::bad_field("tag", "not_a_tag");
    }
    in.type = http::required_string(body, "type");
    in.branch = http::required_string(body, "branch");
    in.hour_meter = http::optional_number(body, "hour_meter", 0, max_hour_meter).value_or(0);
    in.notes = optional_text(body, "notes", max_notes).value_or("");
    return in;
}

app::admin::unit_update decode_unit_update(const json::object& body) {
    reject_unknown_fields(body, {"branch", "notes", "hour_meter"});
    app::admin::unit_update in;
    in.branch = http::optional_string(body, "branch");
    in.notes = optional_text(body, "notes", max_notes);
    in.hour_meter = http::optional_number(body, "hour_meter", 0, max_hour_meter);
    return in;
}

app::admin::discount_fields decode_discount_create(const json::object& body) {
    reject_unknown_fields(
        body, {"name_ko", "name_en", "percent", "from", "to", "branches", "types", "active"});
    required_name(body, "name_ko", max_name);
    required_name(body, "name_en", max_name);
    http::required_int(body, "percent", 0, 100);
    http::required_date(body, "from");
    http::required_date(body, "to");
    return discount_fields(body);
}

app::admin::discount_fields decode_discount_update(const json::object& body) {
    reject_unknown_fields(
        body, {"name_ko", "name_en", "percent", "from", "to", "branches", "types", "active"});
    app::admin::discount_fields in;
    in.malformed = deferred([&] { in = discount_fields(body); });
    return in;
}

storage::category_record decode_category_create(const json::object& body) {
    reject_unknown_fields(body, {"code", "name_ko", "name_en", "percent"});
    storage::category_record c;
    c.code = required_code(body, "code", 32);
    c.name_ko = required_name(body, "name_ko", max_name);
    c.name_en = required_name(body, "name_en", max_name);
    // DOMAIN.md §7: a negative percent is a surcharge.
    c.percent = static_cast<int>(http::required_int(body, "percent", -100, 100));
    return c;
}

app::admin::category_update decode_category_update(const json::object& body) {
    reject_unknown_fields(body, {"name_ko", "name_en", "percent"});
    app::admin::category_update in;
    in.malformed = deferred([&] {
        in.name_ko = optional_name(body, "name_ko", max_name);
        in.name_en = optional_name(body, "name_en", max_name);
        if (const auto v = http::optional_int(body, "percent", -100, 100)) {
            in.percent = static_cast<int>(*v);
        }
    });
    return in;
}

std::vector<fee_band> decode_fee_bands(const json::object& body) {
    reject_unknown_fields(body, {"bands"});
    const auto it = body.find("bands");
    if (it == body.end()) {
        throw http::bad_field("bands", "missing");
    }
    if (!it->value().is_array()) {
        throw http::bad_field("bands", it->value().is_null() ? "null" : "not_an_array");
    }
    const auto& a = it->value().get_array();
    if (a.size() > 100) {
        throw http::bad_field("bands", "too_many_items");
    }
    std::vector<fee_band> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string prefix = "bands[" + std::to_string(i) + "].";
        if (!a[i].is_object()) {
            throw http::bad_field("bands[" + std::to_string(i) + "]", "not_an_object");
        }
        const auto& row = a[i].get_object();
        reject_unknown_fields(row, {"price_from", "price_to", "daily_fee"}, prefix);
        const auto int_of = [&](std::string_view key,
                                bool required) -> std::optional<std::int64_t> {
            try {
                if (required) {
                    return http::required_int(row, key, 0, max_price);
                }
                return http::optional_int(row, key, 0, max_price);
            } catch (const http::api_error& e) {
                // The row's own field name, e.g. "bands[2].daily_fee".
                throw http::bad_field(prefix + std::string{key},
                                      e.details().empty() ? "invalid" : e.details().back().second);
            }
        };
        fee_band b;
        b.price_from = won{*int_of("price_from", true)};
        if (!is_null_field(row, "price_to")) {
            if (const auto to = int_of("price_to", false)) {
                b.price_to = won{*to};
            }
        }
        b.daily_fee = won{*int_of("daily_fee", true)};
        out.push_back(b);
    }
    return out;
}

std::map<std::string, int, std::less<>> decode_settings(const json::object& body) {
    const auto& defs = app::admin::setting_defs();
    for (const auto& kv : body) {
        const auto known = std::find_if(defs.begin(), defs.end(),
                                        [&](const auto& d) { return d.key == kv.key(); });
        if (known == defs.end()) {
            throw http::bad_field(std::string{kv.key()}, "unknown_field");
        }
    }
    std::map<std::string, int, std::less<>> out;
    for (const auto& d : defs) {
        if (d.flag) {
            if (const auto v = http::optional_bool(body, d.key)) {
                out[std::string{d.key}] = *v ? 1 : 0;
            }
        } else if (const auto v = http::optional_int(body, d.key, d.min, d.max)) {
            out[std::string{d.key}] = static_cast<int>(*v);
        }
    }
    return out;
}

} // namespace agrirent::codec::admin

// ---- people --------------------------------------------------------------------------------

namespace agrirent::codec::admin {
namespace {

/// The first value of `key` in the query, when present and not empty.
std::optional<std::string_view> query_value(const http::string_pairs& q, std::string_view key) {
    for (const auto& [k, v] : q) {
        if (k == key) {
            return v.empty() ? std::nullopt : std::optional<std::string_view>{v};
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> positive_int(std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || v <= 0) {
        return std::nullopt;
    }
    return v;
}

/// `limit` (1 … max, default `fallback`).
int limit_of(const http::string_pairs& q, int fallback, int max) {
    const auto raw = query_value(q, "limit");
    if (!raw) {
        return fallback;
    }
    const auto v = positive_int(*raw);
    if (!v || *v > max) {
        throw http::bad_field("limit", "out_of_range");
    }
    return static_cast<int>(*v);
}

/// `cursor`: a positive id.
std::optional<std::int64_t> cursor_of(const http::string_pairs& q) {
    const auto raw = query_value(q, "cursor");
    if (!raw) {
        return std::nullopt;
    }
    const auto v = positive_int(*raw);
    if (!v) {
        throw http::bad_field("cursor", "invalid");
    }
    return v;
}

std::optional<local_days> query_date(const http::string_pairs& q, std::string_view key) {
    const auto v = query_value(q, key);
    if (!v) {
        return std::nullopt;
    }
    const auto d = parse_date(*v);
    if (!d) {
        throw http::bad_field(std::string{key}, "not_a_date");
    }
    return d;
}

std::optional<std::string> query_text(const http::string_pairs& q, std::string_view key,
                                      std::size_t max_len) {
    const auto v = query_value(q, key);
    if (!v) {
        return std::nullopt;
    }
    if (v->size() > max_len || !is_valid_utf8(*v)) {
        throw http::bad_field(std::string{key}, "invalid");
    }
    return std::string{*v};
}

/// An optional text field where null clears: nullopt = leave, {nullopt} = clear.
std::optional<std::optional<std::string>>
nullable_name(const json::object& body, std::string_view key, std::size_t max_chars) {
    if (!has_field(body, key)) {
        return std::nullopt;
    }
    if (is_null_field(body, key)) {
        return std::optional<std::optional<std::string>>{std::in_place, std::nullopt};
    }
    return std::optional<std::optional<std::string>>{std::in_place,
                                                     optional_name(body, key, max_chars)};
}

app::admin::farmer_changes farmer_changes(const json::object& body) {
    app::admin::farmer_changes in;
    in.name = optional_name(body, "name", 40);
    in.farm_id = nullable_name(body, "farm_id", 32);
    in.district = nullable_name(body, "district", 40);
    if (is_null_field(body, "training_completed_on")) {
        in.training_completed_on.emplace(std::nullopt); // clear it
    } else if (has_field(body, "training_completed_on")) {
        in.training_completed_on.emplace(http::optional_date(body, "training_completed_on"));
    }
    if (has_field(body, "categories")) {
        in.categories =
            optional_name_list(body, "categories", 20, 32).value_or(std::vector<std::string>{});
    }
    if (has_field(body, "suspension")) {
        if (is_null_field(body, "suspension")) {
            in.suspension.emplace(std::nullopt); // lift it
        } else {
            const auto* s = http::optional_object(body, "suspension");
            reject_unknown_fields(*s, {"until", "reason"}, "suspension.");
            const auto until = http::optional_date(*s, "until");
            if (!until) {
                throw http::bad_field("suspension.until", "missing");
            }
            auto reason = optional_text(*s, "reason", 200);
            if (!reason || reason->empty()) {
                throw http::bad_field("suspension.reason", "missing");
            }
            in.suspension.emplace(app::admin::suspension_input{*until, std::move(*reason)});
        }
    }
    return in;
}

/// Usernames: lower-case ASCII letters, digits, '.', '_', '-'; 2 … 32 characters.
bool is_username(std::string_view u) {
    if (u.size() < 2 || u.size() > 32) {
        return false;
    }
    const auto ok_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    };
    return std::all_of(u.begin(), u.end(), ok_char) && ok_char(u.front()) && u.front() != '.' &&
           u.front() != '-' && u.front() != '_';
}

role role_of(const json::object& body) {
    const auto raw = http::required_string(body, "role");
    const auto r = parse_role(raw);
    if (!r || (*r != role::admin && *r != role::operator_ && *r != role::clerk)) {
        throw http::bad_field("role", "not_a_staff_role");
    }
    return *r;
}

} // namespace

storage::farmer_search decode_farmer_query(const http::string_pairs& query) {
    storage::farmer_search q;
    if (const auto raw = query_value(query, "phone")) {
        // A whole number matches exactly; 4 or more digits match anywhere ("뒷자리 5678").
        if (auto phone = normalize_phone(*raw)) {
            q.phone = std::move(*phone);
        } else if (raw->size() >= 4 && raw->size() <= 11 &&
                   std::all_of(raw->begin(), raw->end(),
                               [](char c) { return c >= '0' && c <= '9'; })) {
            q.phone_digits = std::string{*raw};
        } else {
            throw http::bad_field("phone", "not_a_mobile_number");
        }
    }
    if (const auto raw = query_value(query, "name")) {
        auto name = normalize_name(*raw, 40);
        if (!name) {
            throw http::bad_field("name", "invalid_name");
        }
        q.name = std::move(*name);
    }
    q.limit = limit_of(query, app::admin::default_page, app::admin::max_page);
    q.before_id = cursor_of(query);
    return q;
}

app::admin::farmer_create decode_farmer_create(const json::object& body) {
    reject_unknown_fields(body, {"name", "phone", "farm_id", "district", "training_completed_on",
                                 "categories", "suspension"});
    app::admin::farmer_create in;
    auto phone = normalize_phone(http::required_string(body, "phone"));
    if (!phone) {
        throw http::bad_field("phone", "not_a_mobile_number");
    }
    in.phone = std::move(*phone);
    required_name(body, "name", 40);
    in.fields = farmer_changes(body);
    return in;
}

app::admin::farmer_changes decode_farmer_update(const json::object& body) {
    reject_unknown_fields(
        body, {"name", "farm_id", "district", "training_completed_on", "categories", "suspension"});
    app::admin::farmer_changes in;
    in.malformed = deferred([&] { in = farmer_changes(body); });
    return in;
}

app::admin::group_input decode_group(const json::object& body, bool create) {
    reject_unknown_fields(body, {"name", "representative_phone", "member_phones"});
    app::admin::group_input in;
    if (create) {
        in.name = required_name(body, "name", 60);
        http::required_string(body, "representative_phone");
    } else {
        in.name = optional_name(body, "name", 60);
    }
    if (const auto raw = http::optional_string(body, "representative_phone")) {
        auto phone = normalize_phone(*raw);
        if (!phone) {
            throw http::bad_field("representative_phone", "not_a_mobile_number");
        }
        in.representative_phone = std::move(*phone);
    }
    if (const auto it = body.find("member_phones"); it != body.end()) {
        if (!it->value().is_array()) {
            throw http::bad_field("member_phones", "not_an_array");
        }
        const auto& a = it->value().get_array();
        if (a.size() > 200) {
            throw http::bad_field("member_phones", "too_many_items");
        }
        std::vector<std::string> phones;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string field = "member_phones[" + std::to_string(i) + "]";
            if (!a[i].is_string()) {
                throw http::bad_field(field, "not_a_string");
            }
            auto phone = normalize_phone(a[i].get_string());
            if (!phone) {
                throw http::bad_field(field, "not_a_mobile_number");
            }
            phones.push_back(std::move(*phone));
        }
        in.member_phones = std::move(phones);
    } else if (create) {
        in.member_phones = std::vector<std::string>{};
    }
    return in;
}

app::admin::user_create decode_user_create(const json::object& body) {
    reject_unknown_fields(body, {"username", "password", "role", "branch", "display_name"});
    app::admin::user_create in;
    in.username = http::required_string(body, "username");
    if (!is_username(in.username)) {
        throw http::bad_field("username", "not_a_username");
    }
    in.who = role_of(body);
    in.branch = http::optional_string(body, "branch");
    if (in.who == role::clerk && !in.branch) {
        throw http::bad_field("branch", "required_for_clerks");
    }
    if (in.who != role::clerk && in.branch) {
        throw http::bad_field("branch", "only_for_clerks");
    }
    in.display_name = optional_name(body, "display_name", 60).value_or("");
    in.password = http::required_string(body, "password");
    return in;
}

app::admin::user_update decode_user_update(const json::object& body) {
    reject_unknown_fields(body, {"display_name", "role", "branch", "active", "password"});
    app::admin::user_update in;
    in.password = http::optional_string(body, "password");
    in.malformed = deferred([&] {
        in.display_name = optional_name(body, "display_name", 60);
        if (has_field(body, "role")) {
            in.who = role_of(body);
        }
        in.active = http::optional_bool(body, "active");
        in.branch = http::optional_string(body, "branch");
    });
    return in;
}

storage::audit_filter decode_audit_query(const http::string_pairs& query) {
    storage::audit_filter f;
    const auto* zone = app::admin::office_zone();
    if (const auto from = query_date(query, "from")) {
        f.from = to_instant(zone, *from, time_of_day{0});
    }
    if (const auto to = query_date(query, "to")) {
        f.to = to_instant(zone, *to + date::days{1}, time_of_day{0});
    }
    f.actor = query_text(query, "actor", 64);
    if (auto action = query_text(query, "action", 64)) {
        if (action->ends_with('*')) {
            action->pop_back();
            f.action_prefix = std::move(action);
        } else {
            f.action = std::move(action);
        }
    }
    if (auto code = query_text(query, "reservation", 32)) {
        auto normal = normalize_booking_code(*code);
        f.reservation_code = normal ? std::move(*normal) : std::move(*code);
    }
    f.entity = query_text(query, "entity", 64);
    f.entity_key = query_text(query, "entity_key", 128);
    f.limit = limit_of(query, app::admin::default_page, app::admin::max_page);
    f.before_id = cursor_of(query);
    return f;
}

} // namespace agrirent::codec::admin

namespace agrirent::codec::admin {

app::admin::unit_query decode_unit_query(const http::string_pairs& query) {
    app::admin::unit_query q;
    q.branch = std::string{query_value(query, "branch").value_or("")};
    q.type = std::string{query_value(query, "type").value_or("")};
    if (const auto st = query_value(query, "status")) {
        q.status = parse_unit_status(*st);
        if (!q.status) {
            throw http::bad_field("status", "unknown_status");
        }
    }
    return q;
}

} // namespace agrirent::codec::admin
