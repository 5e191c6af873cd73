#include "server/app/admin_support.hpp"

#include <charconv>

#include <boost/json.hpp>

#include "server/storage/admin_repository.hpp"
#include "server/storage/audit_repository.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::app::admin {

namespace json = boost::json;

write_unit::write_unit(services& s, actor who)
    : s_(s), who_(std::move(who)), now_(s.clock.now()), tx_(s.db.begin(storage::access::write)) {}

void write_unit::audit(std::string_view action, std::string_view entity, std::string_view key,
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

void write_unit::commit() {
    tx_->commit();
    s_.catalog.reload(*tx_);
}

refusal not_found(std::string_view field, std::string_view value) {
    return {reason::admin_not_found,
            {{"field", std::string{field}}, {"value", std::string{value}}}};
}

refusal duplicate(std::string_view field, std::string_view value) {
    return {reason::duplicate, {{"field", std::string{field}}, {"value", std::string{value}}}};
}

refusal invalid(std::string_view field, std::string_view problem) {
    return {reason::invalid_field,
            {{"field", std::string{field}}, {"problem", std::string{problem}}}};
}

refusal refused(reason r, std::vector<std::pair<std::string, std::string>> details) {
    return {r, std::move(details)};
}

result<storage::branch_record> find_branch(storage::repositories& repo, std::string_view code) {
    auto b = repo.admin().find_branch(code);
    if (!b) {
        return not_found("branch", code);
    }
    return std::move(*b);
}

result<storage::branch_record> active_branch(storage::repositories& repo, std::string_view code) {
    auto b = find_branch(repo, code);
    if (b && !b->active) {
        return refused(reason::branch_retired, {{"branch", std::string{code}}});
    }
    return b;
}

std::optional<std::int64_t> parse_id(std::string_view raw) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (ec != std::errc{} || end != raw.data() + raw.size() || v <= 0) {
        return std::nullopt;
    }
    return v;
}

const date::time_zone* office_zone() {
    static const date::time_zone* zone = date::locate_zone("Asia/Seoul"); // DOMAIN.md §1
    return zone;
}

local_days today(const services& s) {
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

json::array string_array(const std::vector<std::string>& items) {
    json::array a;
    for (const auto& item : items) {
        a.emplace_back(item);
    }
    return a;
}

json::object season_details(const storage::season_record& s) {
    return {{"id", s.id},
            {"branch", s.branch_code},
            {"from", format_date(s.days.from)},
            {"to", format_date(s.days.to)}};
}

json::object closure_details(const storage::closure_record& c) {
    return {{"id", c.id},
            {"branch", c.branch_code},
            {"date", format_date(c.date)},
            {"extra_opening", c.extra_opening},
            {"note", c.note}};
}

json::object discount_details(const storage::discount_record& d) {
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

json::object category_details(const storage::category_record& c) {
    return {
        {"code", c.code}, {"name_ko", c.name_ko}, {"name_en", c.name_en}, {"percent", c.percent}};
}

json::object unit_details(const storage::unit_record& u) {
    return {{"tag", u.tag},
            {"type", u.type_code},
            {"branch", u.branch_code},
            {"status", to_string(u.status)},
            {"hour_meter", u.hour_meter},
            {"notes", u.notes}};
}

} // namespace agrirent::app::admin
