#include "server/api/admin_support.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/api/access.hpp"
#include "server/api/json_views.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::api::admin {

// ---- writing -------------------------------------------------------------------------------

write_scope::write_scope(app::services& s, const http::context& ctx)
    : s_(s), who_(actor_of(ctx, channel::counter)), now_(s.clock.now()),
      tx_(s.db.begin(storage::access::write)) {}

void write_scope::audit(std::string_view action, std::string_view entity, std::string_view key,
                        const json::object& details) {
    storage::audit_entry e;
    e.at = now_;
    e.actor = who_.name;
    e.role = std::string{to_string(who_.who)};
    e.via = std::string{to_string(who_.via)};
    e.action = action;
    e.entity = entity;
    e.entity_key = key;
    e.details = json::serialize(details);
    e.address = who_.address;
    tx_->reservations().append_audit(e);
}

void write_scope::commit() {
    tx_->commit();
    s_.catalog.reload(*tx_);
}

// ---- errors --------------------------------------------------------------------------------

void throw_not_found(std::string_view field, std::string_view value) {
    throw http::api_error{404,
                          "not_found",
                          "admin.not_found",
                          {{"field", std::string{field}}, {"value", std::string{value}}}};
}

void throw_duplicate(std::string_view field, std::string_view value) {
    throw http::api_error{409,
                          "conflict",
                          "admin.duplicate",
                          {{"field", std::string{field}}, {"value", std::string{value}}}};
}

void throw_conflict(std::string_view message_key,
                    std::vector<std::pair<std::string, std::string>> details) {
    throw http::api_error{409, "conflict", std::string{message_key}, std::move(details)};
}

storage::branch_record branch_or_404(storage::repositories& conn, std::string_view code) {
    auto b = conn.admin().find_branch(code);
    if (!b) {
        throw_not_found("branch", code);
    }
    return std::move(*b);
}

storage::branch_record active_branch(storage::repositories& conn, std::string_view code) {
    auto b = branch_or_404(conn, code);
    if (!b.active) {
        throw_conflict("admin.branch_retired", {{"branch", std::string{code}}});
    }
    return b;
}

// ---- decoding ------------------------------------------------------------------------------

void reject_unknown_fields(const json::object& o, std::initializer_list<std::string_view> allowed) {
    for (const auto& kv : o) {
        if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
            throw http::bad_field(std::string{kv.key()}, "unknown_field");
        }
    }
}

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
    if (it == o.end() || it->value().is_null()) {
        return std::nullopt;
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

namespace {

std::optional<std::int64_t> positive_int(std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || v <= 0) {
        return std::nullopt;
    }
    return v;
}

} // namespace

std::int64_t id_param(const http::context& ctx, std::string_view name, std::string_view field) {
    const std::string_view raw = ctx.param(name);
    const auto id = positive_int(raw);
    if (!id) {
        throw_not_found(field, raw); // cannot exist
    }
    return *id;
}

int limit_param(const http::context& ctx, int fallback, int max) {
    const auto raw = ctx.query_value("limit");
    if (!raw || raw->empty()) {
        return fallback;
    }
    const auto v = positive_int(*raw);
    if (!v || *v > max) {
        throw http::bad_field("limit", "out_of_range");
    }
    return static_cast<int>(*v);
}

std::optional<std::int64_t> cursor_param(const http::context& ctx) {
    const auto raw = ctx.query_value("cursor");
    if (!raw || raw->empty()) {
        return std::nullopt;
    }
    const auto v = positive_int(*raw);
    if (!v) {
        throw http::bad_field("cursor", "invalid");
    }
    return v;
}

const date::time_zone* office_zone() {
    static const date::time_zone* zone = date::locate_zone("Asia/Seoul"); // DOMAIN.md §1
    return zone;
}

local_days today(const app::services& s) {
    return local_date_of(office_zone(), s.clock.now());
}

json::object changes(const json::object& before, const json::object& after) {
    json::object out;
    for (const auto& kv : after) {
        const auto* old = before.if_contains(kv.key());
        if (old == nullptr || *old != kv.value()) {
            out[kv.key()] = json::object{{"from", old != nullptr ? *old : json::value(nullptr)},
                                         {"to", kv.value()}};
        }
    }
    return out;
}

// ---- rendering -----------------------------------------------------------------------------

http::response ok(const json::value& v, int status) {
    return json_ok(v, status);
}

http::response created(const json::value& v) {
    return ok(v, 201);
}

http::response no_content() {
    http::response res;
    res.status = 204;
    res.set_header("cache-control", "no-store");
    return res;
}

json::array string_array(const std::vector<std::string>& items) {
    json::array a;
    for (const auto& item : items) {
        a.emplace_back(item);
    }
    return a;
}

json::object branch_admin_json(const app::branch_info& b) {
    auto o = branch_json(b);
    o["address_ko"] = b.address_ko;
    o["active"] = b.active;
    return o;
}

json::object type_admin_json(const app::type_info& t) {
    auto o = type_json(t);
    o["active"] = t.active;
    return o;
}

json::object unit_json(const storage::unit_record& u) {
    return {{"tag", u.tag},
            {"type", u.type_code},
            {"branch", u.branch_code},
            {"status", to_string(u.status)},
            {"hour_meter", u.hour_meter},
            {"notes", u.notes}};
}

json::object season_json(const storage::season_record& s) {
    return {{"id", s.id},
            {"branch", s.branch_code},
            {"from", format_date(s.days.from)},
            {"to", format_date(s.days.to)}};
}

json::object closure_json(const storage::closure_record& c) {
    return {{"id", c.id},
            {"branch", c.branch_code},
            {"date", format_date(c.date)},
            {"extra_opening", c.extra_opening},
            {"note", c.note}};
}

json::object discount_json(const storage::discount_record& d) {
    return {{"id", d.id},
            {"name_ko", d.name_ko},
            {"name_en", d.name_en},
            {"percent", d.percent},
            {"from", format_date(d.days.from)},
            {"to", format_date(d.days.to)},
            {"branches", string_array(d.branches)},
            {"types", string_array(d.types)},
            {"active", d.active}};
}

json::object category_json(const storage::category_record& c) {
    return {
        {"code", c.code}, {"name_ko", c.name_ko}, {"name_en", c.name_en}, {"percent", c.percent}};
}

json::object staff_json(const storage::staff_row& u, const app::catalog& cat) {
    const auto* branch = u.branch_id ? cat.branch_by_id(*u.branch_id) : nullptr;
    return {{"username", u.username},
            {"display_name", u.display_name},
            {"role", to_string(u.who)},
            {"branch", branch != nullptr ? json::value(branch->code.value) : nullptr},
            {"active", u.active},
            {"created_at", format_instant(office_zone(), u.created_at)}};
}

json::object audit_json(const storage::audit_record& a) {
    boost::system::error_code ec;
    auto details = json::parse(a.details, ec);
    if (ec || !details.is_object()) {
        details = json::object{{"raw", a.details}};
    }
    return {{"id", a.id},
            {"at", format_instant(office_zone(), a.at)},
            {"actor", a.actor},
            {"role", a.role},
            {"channel", a.via},
            {"action", a.action},
            {"reservation",
             a.reservation_code ? json::value(*a.reservation_code) : json::value(nullptr)},
            {"entity", a.entity},
            {"entity_key", a.entity_key},
            {"details", std::move(details)},
            {"address", a.address}};
}

} // namespace agrirent::api::admin
