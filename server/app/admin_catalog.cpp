#include "server/app/admin_catalog.hpp"

#include <algorithm>
#include <cmath>

#include <boost/json.hpp>

#include "common/calendar.hpp"
#include "server/app/admin_support.hpp"
#include "server/app/waitlist.hpp"

namespace agrirent::app::admin {
namespace {

namespace json = boost::json;

json::object hours_details(const branch_hours& h) {
    return {{"open", format_time_of_day(h.open)},
            {"close", format_time_of_day(h.close)},
            {"eve_pickup_from", format_time_of_day(h.eve_pickup_from)},
            {"return_by", format_time_of_day(h.return_by)},
            {"booking_cutoff", format_time_of_day(h.booking_cutoff)}};
}

// ---- branches ------------------------------------------------------------------------------

json::value delivery_details(const std::optional<branch_delivery>& d) {
    if (!d) {
        return nullptr;
    }
    return json::object{{"area", string_array(d->area)},
                        {"one_way_fee", d->one_way_fee.value},
                        {"round_trip_fee", d->round_trip_fee.value},
                        {"lead_days", d->lead_days},
                        {"hours", json::object{{"from", format_time_of_day(d->from)},
                                               {"to", format_time_of_day(d->to)}}}};
}

json::object half_day_slots_details(const half_day_slots& s) {
    return {{"am", json::object{{"from", format_time_of_day(s.am_from)},
                                {"to", format_time_of_day(s.am_to)}}},
            {"pm", json::object{{"from", format_time_of_day(s.pm_from)},
                                {"to", format_time_of_day(s.pm_to)}}}};
}

json::object branch_record_details(const storage::branch_record& b) {
    return {{"name_ko", b.name_ko},
            {"name_en", b.name_en},
            {"phones", string_array(b.phones)},
            {"address_ko", b.address_ko},
            {"address_en", b.address_en},
            {"hours", hours_details(b.hours)},
            {"horizon_days", b.horizon_days},
            {"delivery", delivery_details(b.delivery)},
            {"half_day_slots", half_day_slots_details(b.half_days)},
            {"active", b.active}};
}

/// The fields shared by create and update; refuses hours that do not fit together.
std::optional<refusal> apply(const branch_fields& in, storage::branch_record& b) {
    if (in.name_ko) {
        b.name_ko = *in.name_ko;
    }
    if (in.name_en) {
        b.name_en = *in.name_en;
    }
    if (in.phones) {
        b.phones = *in.phones;
    }
    if (in.address_ko) {
        b.address_ko = *in.address_ko;
    }
    if (in.address_en) {
        b.address_en = *in.address_en;
    }
    auto& h = b.hours;
    h.open = in.hours.open.value_or(h.open);
    h.close = in.hours.close.value_or(h.close);
    h.eve_pickup_from = in.hours.eve_pickup_from.value_or(h.eve_pickup_from);
    h.return_by = in.hours.return_by.value_or(h.return_by);
    h.booking_cutoff = in.hours.booking_cutoff.value_or(h.booking_cutoff);
    if (in.horizon_days) {
        b.horizon_days = *in.horizon_days;
    }
    if (in.delivery) {
        b.delivery = *in.delivery;
    }
    auto& slots = b.half_days;
    slots.am_from = in.half_days.am_from.value_or(slots.am_from);
    slots.am_to = in.half_days.am_to.value_or(slots.am_to);
    slots.pm_from = in.half_days.pm_from.value_or(slots.pm_from);
    slots.pm_to = in.half_days.pm_to.value_or(slots.pm_to);
    // DOMAIN.md §11: within the day, from before to, the morning before the afternoon.
    if (const auto field = validate_half_day_slots(slots); !field.empty()) {
        return invalid("half_day_slots." + field, "slot_order");
    }
    // DOMAIN.md §4: every time is a per-branch setting, but they must make sense together.
    if (const auto problem = validate_hours(b.hours); !problem.empty()) {
        return refused(reason::invalid_hours, {{"field", "hours"}, {"problem", problem}});
    }
    return std::nullopt;
}

std::optional<refusal> live_at_branch(storage::repositories& repo,
                                      const storage::branch_record& b) {
    if (const auto live = repo.admin().count_live_at_branch(b.id); live > 0) {
        return refused(reason::branch_has_live,
                       {{"branch", b.code}, {"count", std::to_string(live)}});
    }
    return std::nullopt;
}

// ---- machine types -------------------------------------------------------------------------

json::object type_record_details(const storage::type_record& t) {
    return {{"name_ko", t.type.name_ko},
            {"name_en", t.type.name_en},
            {"daily_fee", t.type.daily_fee.value},
            {"max_days", t.type.max_days},
            {"needs_training", t.type.needs_training},
            {"needs_approval", t.type.needs_approval},
            {"checklist", string_array(t.type.checklist)},
            {"purchase_price", t.type.purchase_price ? json::value(t.type.purchase_price->value)
                                                     : json::value(nullptr)},
            {"deliverable", t.type.deliverable},
            {"group_rental", t.type.group_rental},
            {"half_day", t.type.half_day},
            {"active", t.active}};
}

void apply(const type_fields& in, storage::type_record& t) {
    if (in.name_ko) {
        t.type.name_ko = *in.name_ko;
    }
    if (in.name_en) {
        t.type.name_en = *in.name_en;
    }
    if (in.daily_fee) {
        t.type.daily_fee = won{*in.daily_fee};
    }
    if (in.max_days) {
        t.type.max_days = *in.max_days;
    }
    if (in.needs_training) {
        t.type.needs_training = *in.needs_training;
    }
    if (in.needs_approval) {
        t.type.needs_approval = *in.needs_approval;
    }
    if (in.checklist) {
        t.type.checklist = *in.checklist;
    }
    if (in.deliverable) {
        t.type.deliverable = *in.deliverable;
    }
    if (in.group_rental) {
        t.type.group_rental = *in.group_rental;
    }
    if (in.half_day) {
        t.type.half_day = *in.half_day;
    }
    if (in.purchase_price) {
        t.type.purchase_price =
            *in.purchase_price ? std::optional<won>{won{**in.purchase_price}} : std::nullopt;
    }
}

/// DOMAIN.md §17 against the table as this transaction sees it (an admin editing the table at the
/// same moment cannot slip a fee past it).
std::optional<refusal> fee_in_band(storage::repositories& repo, const storage::type_record& t) {
    if (!t.type.purchase_price) {
        return std::nullopt;
    }
    auto table = repo.admin().list_fee_bands();
    if (table.empty()) {
        table = shipped_fee_bands();
    }
    return check_fee_in_band(table, t.type.purchase_price, t.type.daily_fee);
}

std::optional<refusal> live_of_type(storage::repositories& repo, const storage::type_record& t) {
    if (const auto live = repo.admin().count_live_of_type(t.id); live > 0) {
        return refused(reason::type_has_live,
                       {{"type", t.type.code.value}, {"count", std::to_string(live)}});
    }
    return std::nullopt;
}

// ---- units ---------------------------------------------------------------------------------

result<storage::unit_record> find_unit(storage::repositories& repo, std::string_view tag) {
    auto u = repo.admin().find_unit_record(tag);
    if (!u) {
        return not_found("unit", tag);
    }
    return std::move(*u);
}

/// DOMAIN.md §3: a unit that is out is with a farmer; it cannot move or be retired until
/// checked in.
std::optional<refusal> out_with_farmer(const storage::unit_record& u) {
    if (u.status == unit_status::out) {
        return refused(reason::unit_out, {{"unit", u.tag}});
    }
    return std::nullopt;
}

double hour_meter_of(double v) {
    return std::round(v * 10) / 10; // the meters show tenths of an hour
}

// ---- discounts -----------------------------------------------------------------------------

std::optional<refusal> apply(storage::repositories& repo, const discount_fields& in,
                             storage::discount_record& d) {
    if (in.name_ko) {
        d.name_ko = *in.name_ko;
    }
    if (in.name_en) {
        d.name_en = *in.name_en;
    }
    if (in.percent) {
        d.percent = *in.percent;
    }
    d.days.from = in.from.value_or(d.days.from);
    d.days.to = in.to.value_or(d.days.to);
    if (d.days.to < d.days.from) {
        return invalid("to", "before_from");
    }
    if (in.branches) {
        for (const auto& code : *in.branches) {
            if (!repo.admin().find_branch(code)) {
                return not_found("branches", code);
            }
        }
        d.branches = *in.branches;
    }
    if (in.types) {
        for (const auto& code : *in.types) {
            if (!repo.admin().find_type(code)) {
                return not_found("types", code);
            }
        }
        d.types = *in.types;
    }
    if (in.active) {
        d.active = *in.active;
    }
    return std::nullopt;
}

result<storage::discount_record> find_discount(storage::repositories& repo, std::string_view id) {
    const auto n = parse_id(id);
    if (!n) {
        return not_found("discount", id); // cannot exist
    }
    auto d = repo.admin().find_discount(*n);
    if (!d) {
        return not_found("discount", id);
    }
    return std::move(*d);
}

result<storage::category_record> find_category(storage::repositories& repo, std::string_view code) {
    auto c = repo.admin().find_category(code);
    if (!c) {
        return not_found("category", code);
    }
    return std::move(*c);
}

json::object settings_details(const settings& c) {
    json::object o;
    for (const auto& d : setting_defs()) {
        o[d.key] = d.flag ? json::value(d.get(c) != 0) : json::value(d.get(c));
    }
    return o;
}

} // namespace

// ---- branches ------------------------------------------------------------------------------

in_catalog<std::vector<branch_info>> all_branches(services& s) {
    auto cat = s.catalog.get();
    const auto* list = &cat->branches();
    return {std::move(cat), list};
}

result<in_catalog<branch_info>> branch_detail(services& s, std::string_view code) {
    auto cat = s.catalog.get();
    const auto* b = cat->branch(code);
    if (b == nullptr) {
        return not_found("branch", code);
    }
    return in_catalog<branch_info>{std::move(cat), b};
}

result<in_catalog<branch_info>> create_branch(services& s, const actor& who,
                                              const branch_create& in) {
    storage::branch_record b;
    b.code = in.code;
    if (auto why = apply(in.fields, b)) {
        return std::move(*why);
    }
    write_unit w{s, who};
    try {
        b.id = w.repo().admin().insert_branch(b);
    } catch (const storage::duplicate_key&) {
        return duplicate("code", b.code);
    }
    w.audit("branch.create", "branch", b.code, branch_record_details(b));
    w.commit();
    return branch_detail(s, b.code);
}

result<in_catalog<branch_info>> update_branch(services& s, const actor& who, std::string_view code,
                                              const branch_update& in) {
    write_unit w{s, who};
    auto b = find_branch(w.repo(), code);
    if (!b) {
        return b.error();
    }
    if (in.malformed) {
        return *in.malformed;
    }
    const auto before = branch_record_details(*b);
    if (auto why = apply(in.fields, *b)) {
        return std::move(*why);
    }
    if (in.active) {
        if (!*in.active && b->active) {
            if (auto why = live_at_branch(w.repo(), *b)) {
                return std::move(*why);
            }
        }
        b->active = *in.active;
    }
    const auto diff = changes(before, branch_record_details(*b));
    if (!diff.empty()) {
        w.repo().admin().update_branch(*b);
        w.audit("branch.update", "branch", code, diff);
    }
    w.commit();
    return branch_detail(s, code);
}

result<in_catalog<branch_info>> retire_branch(services& s, const actor& who,
                                              std::string_view code) {
    write_unit w{s, who};
    auto b = find_branch(w.repo(), code);
    if (!b) {
        return b.error();
    }
    if (b->active) {
        if (auto why = live_at_branch(w.repo(), *b)) {
            return std::move(*why);
        }
        b->active = false;
        w.repo().admin().update_branch(*b);
        w.audit("branch.retire", "branch", code, {});
    }
    w.commit();
    return branch_detail(s, code);
}

// ---- machine types -------------------------------------------------------------------------

in_catalog<std::vector<type_info>> all_types(services& s) {
    auto cat = s.catalog.get();
    const auto* list = &cat->types();
    return {std::move(cat), list};
}

result<in_catalog<type_info>> type_detail(services& s, std::string_view code) {
    auto cat = s.catalog.get();
    const auto* t = cat->type(code);
    if (t == nullptr) {
        return not_found("type", code);
    }
    return in_catalog<type_info>{std::move(cat), t};
}

result<in_catalog<type_info>> create_type(services& s, const actor& who, const type_create& in) {
    storage::type_record t;
    t.type.code = type_code{in.code};
    apply(in.fields, t);
    write_unit w{s, who};
    if (auto why = fee_in_band(w.repo(), t)) {
        return std::move(*why);
    }
    try {
        t.id = w.repo().admin().insert_type(t);
    } catch (const storage::duplicate_key&) {
        return duplicate("code", t.type.code.value);
    }
    w.audit("type.create", "machine_type", t.type.code.value, type_record_details(t));
    w.commit();
    return type_detail(s, t.type.code.value);
}

result<in_catalog<type_info>> update_type(services& s, const actor& who, std::string_view code,
                                          const type_update& in) {
    write_unit w{s, who};
    auto t = w.repo().admin().find_type(code);
    if (!t) {
        return not_found("type", code);
    }
    if (in.malformed) {
        return *in.malformed;
    }
    const auto before = type_record_details(*t);
    apply(in.fields, *t);
    if (in.active) {
        if (!*in.active && t->active) {
            if (auto why = live_of_type(w.repo(), *t)) {
                return std::move(*why);
            }
        }
        t->active = *in.active;
    }
    const auto diff = changes(before, type_record_details(*t));
    // Checked only when the fee or the price changes: a type left outside its band by a table
    // edit can still be renamed or retired (the report lists it until its fee is fixed).
    if (diff.contains("daily_fee") || diff.contains("purchase_price")) {
        if (auto why = fee_in_band(w.repo(), *t)) {
            return std::move(*why);
        }
    }
    if (!diff.empty()) {
        w.repo().admin().update_type(*t);
        w.audit("type.update", "machine_type", code, diff);
    }
    w.commit();
    return type_detail(s, code);
}

result<in_catalog<type_info>> retire_type(services& s, const actor& who, std::string_view code) {
    write_unit w{s, who};
    auto t = w.repo().admin().find_type(code);
    if (!t) {
        return not_found("type", code);
    }
    if (t->active) {
        if (auto why = live_of_type(w.repo(), *t)) {
            return std::move(*why);
        }
        t->active = false;
        w.repo().admin().update_type(*t);
        w.audit("type.retire", "machine_type", code, {});
    }
    w.commit();
    return type_detail(s, code);
}

// ---- units ---------------------------------------------------------------------------------

result<std::vector<storage::unit_record>> list_units(services& s, const unit_query& q) {
    const auto cat = s.catalog.get();
    storage::unit_filter f;
    if (!q.branch.empty()) {
        const auto* b = cat->branch(q.branch);
        if (b == nullptr) {
            return refusal{reason::not_found, {{"field", "branch"}, {"value", q.branch}}};
        }
        f.branch_id = b->id;
    }
    if (!q.type.empty()) {
        const auto* t = cat->type(q.type);
        if (t == nullptr) {
            return refusal{reason::not_found, {{"field", "type"}}};
        }
        f.type_id = t->id;
    }
    f.state = q.status;
    auto lease = s.db.begin(storage::access::read);
    std::vector<storage::unit_record> out;
    for (const auto& u : lease->units().list_units(f)) {
        const auto* b = cat->branch_by_id(u.branch_id);
        const auto* t = cat->type_by_id(u.type_id);
        storage::unit_record r;
        r.id = u.id;
        r.tag = u.tag;
        r.type_id = u.type_id;
        r.type_code = t != nullptr ? t->type.code.value : "";
        r.branch_id = u.branch_id;
        r.branch_code = b != nullptr ? b->code.value : "";
        r.status = u.state;
        r.hour_meter = u.hour_meter;
        r.notes = u.notes;
        out.push_back(std::move(r));
    }
    return out;
}

result<storage::unit_record> unit_detail(services& s, std::string_view tag) {
    auto lease = s.db.begin(storage::access::read);
    return find_unit(*lease, tag);
}

result<storage::unit_record> create_unit(services& s, const actor& who, const unit_create& in) {
    storage::unit_record u;
    u.tag = in.tag;
    u.hour_meter = hour_meter_of(in.hour_meter);
    u.notes = in.notes;
    write_unit w{s, who};
    const auto t = w.repo().admin().find_type(in.type);
    if (!t) {
        return not_found("type", in.type);
    }
    if (!t->active) {
        return refused(reason::type_retired, {{"type", in.type}});
    }
    u.type_id = t->id;
    const auto branch = active_branch(w.repo(), in.branch);
    if (!branch) {
        return branch.error();
    }
    u.branch_id = branch->id;
    try {
        w.repo().admin().insert_unit(u);
    } catch (const storage::duplicate_key&) {
        return duplicate("tag", u.tag);
    }
    auto stored = find_unit(w.repo(), u.tag);
    if (!stored) {
        return stored;
    }
    w.audit("unit.create", "unit", u.tag, unit_details(*stored));
    // DOMAIN.md §13: a new unit is new capacity for the waitlist.
    offer_freed(s, w.repo(), *s.catalog.get(), stored->branch_id, stored->type_id, w.now());
    w.commit();
    return stored;
}

result<storage::unit_record> update_unit(services& s, const actor& who, std::string_view tag,
                                         const unit_update& in) {
    write_unit w{s, who};
    auto found = find_unit(w.repo(), tag);
    if (!found) {
        return found;
    }
    auto u = std::move(found).value();
    const auto before = unit_details(u);
    // DOMAIN.md §3: a transfer is an explicit, logged action of its own (unit.transfer).
    if (in.branch && *in.branch != u.branch_code) {
        if (auto why = out_with_farmer(u)) {
            return std::move(*why);
        }
        if (u.status == unit_status::retired) {
            return refused(reason::unit_retired, {{"unit", u.tag}});
        }
        const auto to = active_branch(w.repo(), *in.branch);
        if (!to) {
            return to.error();
        }
        w.audit("unit.transfer", "unit", u.tag,
                {{"from", u.branch_code}, {"to", to->code}, {"status", to_string(u.status)}});
        u.branch_id = to->id;
        u.branch_code = to->code;
    }
    if (in.notes) {
        u.notes = *in.notes;
    }
    if (in.hour_meter) {
        u.hour_meter = hour_meter_of(*in.hour_meter);
    }
    const auto after = unit_details(u);
    if (before != after) {
        w.repo().admin().update_unit_record(u);
        auto diff = changes(before, after);
        diff.erase("branch"); // logged by unit.transfer
        if (!diff.empty()) {
            w.audit("unit.update", "unit", u.tag, diff);
        }
        // DOMAIN.md §13: a unit transferred in is new capacity at its new branch.
        offer_freed(s, w.repo(), *s.catalog.get(), u.branch_id, u.type_id, w.now());
    }
    w.commit();
    return u;
}

result<storage::unit_record> retire_unit(services& s, const actor& who, std::string_view tag) {
    write_unit w{s, who};
    auto found = find_unit(w.repo(), tag);
    if (!found) {
        return found;
    }
    auto u = std::move(found).value();
    if (u.status != unit_status::retired) {
        if (auto why = out_with_farmer(u)) {
            return std::move(*why);
        }
        w.audit("unit.retire", "unit", u.tag,
                {{"branch", u.branch_code}, {"from_status", to_string(u.status)}});
        u.status = unit_status::retired;
        w.repo().admin().update_unit_record(u);
    }
    w.commit();
    return u;
}

// ---- discounts -----------------------------------------------------------------------------

std::vector<storage::discount_record> list_discounts(services& s) {
    auto lease = s.db.begin(storage::access::read);
    return lease->admin().list_discounts();
}

result<storage::discount_record> create_discount(services& s, const actor& who,
                                                 const discount_fields& in) {
    storage::discount_record d;
    write_unit w{s, who};
    if (auto why = apply(w.repo(), in, d)) {
        return std::move(*why);
    }
    d.id = w.repo().admin().insert_discount(d);
    w.audit("discount.create", "discount", std::to_string(d.id), discount_details(d));
    w.commit();
    return d;
}

result<storage::discount_record> update_discount(services& s, const actor& who, std::string_view id,
                                                 const discount_fields& in) {
    write_unit w{s, who};
    auto found = find_discount(w.repo(), id);
    if (!found) {
        return found;
    }
    if (in.malformed) {
        return *in.malformed;
    }
    auto d = std::move(found).value();
    const auto before = discount_details(d);
    if (auto why = apply(w.repo(), in, d)) {
        return std::move(*why);
    }
    if (const auto diff = changes(before, discount_details(d)); !diff.empty()) {
        w.repo().admin().update_discount(d);
        w.audit("discount.update", "discount", std::to_string(d.id), diff);
    }
    w.commit();
    return d;
}

result<storage::discount_record> deactivate_discount(services& s, const actor& who,
                                                     std::string_view id) {
    write_unit w{s, who};
    auto found = find_discount(w.repo(), id);
    if (!found) {
        return found;
    }
    auto d = std::move(found).value();
    if (d.active) {
        d.active = false;
        w.repo().admin().update_discount(d);
        w.audit("discount.deactivate", "discount", std::to_string(d.id), {});
    }
    w.commit();
    return d;
}

// ---- farmer categories ---------------------------------------------------------------------

std::vector<storage::category_record> list_categories(services& s) {
    auto lease = s.db.begin(storage::access::read);
    return lease->admin().list_categories();
}

result<storage::category_record> create_category(services& s, const actor& who,
                                                 const storage::category_record& in) {
    auto c = in;
    write_unit w{s, who};
    try {
        c.id = w.repo().admin().insert_category(c);
    } catch (const storage::duplicate_key&) {
        return duplicate("code", c.code);
    }
    w.audit("category.create", "farmer_category", c.code, category_details(c));
    w.commit();
    return c;
}

result<storage::category_record> update_category(services& s, const actor& who,
                                                 std::string_view code, const category_update& in) {
    write_unit w{s, who};
    auto found = find_category(w.repo(), code);
    if (!found) {
        return found;
    }
    if (in.malformed) {
        return *in.malformed;
    }
    auto c = std::move(found).value();
    const auto before = category_details(c);
    c.name_ko = in.name_ko.value_or(c.name_ko);
    c.name_en = in.name_en.value_or(c.name_en);
    if (in.percent) {
        c.percent = *in.percent;
    }
    if (const auto diff = changes(before, category_details(c)); !diff.empty()) {
        w.repo().admin().update_category(c);
        w.audit("category.update", "farmer_category", c.code, diff);
    }
    w.commit();
    return c;
}

result<storage::category_record> delete_category(services& s, const actor& who,
                                                 std::string_view code) {
    write_unit w{s, who};
    const auto c = find_category(w.repo(), code);
    if (!c) {
        return c;
    }
    if (const auto members = w.repo().admin().count_category_members(c->id); members > 0) {
        return refused(reason::category_in_use,
                       {{"category", c->code}, {"count", std::to_string(members)}});
    }
    w.repo().admin().delete_category(c->id);
    w.audit("category.delete", "farmer_category", c->code, category_details(*c));
    w.commit();
    return c;
}

// ---- settings ------------------------------------------------------------------------------

const std::vector<setting_def>& setting_defs() {
    static const std::vector<setting_def> defs = {
        {"max_live", 1, 50, [](const settings& c) { return c.max_live; }},
        {"max_types_per_farmer", 0, 50, [](const settings& c) { return c.max_types_per_farmer; }},
        {"group_min_days", 1, 60, [](const settings& c) { return c.group_min_days; }},
        {"group_max_days", 1, 60, [](const settings& c) { return c.group_max_days; }},
        {"group_live_limit", 1, 50, [](const settings& c) { return c.group_live_limit; }},
        {"half_day_fee_pct", 1, 100, [](const settings& c) { return c.half_day_fee_pct; }},
        {"late_grace_minutes", 0, 1440,
         [](const settings& c) { return static_cast<int>(c.late.grace.count()); }},
        {"late_multiplier_pct", 0, 1000, [](const settings& c) { return c.late.multiplier_pct; }},
        {"strikes_to_suspend", 1, 100,
         [](const settings& c) { return c.strikes.strikes_to_suspend; }},
        {"strike_window_months", 1, 120, [](const settings& c) { return c.strikes.window_months; }},
        {"suspension_months", 1, 120,
         [](const settings& c) { return c.strikes.suspension_months; }},
        {"public_rate_per_minute", 1, 100000,
         [](const settings& c) { return c.public_rate_per_minute; }},
        {"login_failures_per_account", 1, 1000,
         [](const settings& c) { return c.login_failures_per_account; }},
        {"login_failures_per_address", 1, 100000,
         [](const settings& c) { return c.login_failures_per_address; }},
        {"login_window_minutes", 1, 1440, [](const settings& c) { return c.login_window_minutes; }},
        {"session_idle_minutes", 1, 1440, [](const settings& c) { return c.session_idle_minutes; }},
        {"session_absolute_hours", 1, 720,
         [](const settings& c) { return c.session_absolute_hours; }},
        {"waitlist_per_farmer", 0, 50, [](const settings& c) { return c.waitlist_per_farmer; }},
        {"offer_hold_minutes", 5, 10080, [](const settings& c) { return c.offer_hold_minutes; }},
        {"extension_max_days", 1, 60, [](const settings& c) { return c.extension_max_days; }},
        {"verify_farmer_phone", 0, 1,
         [](const settings& c) { return c.verify_farmer_phone ? 1 : 0; }, true},
    };
    return defs;
}

settings current_settings(services& s) {
    return s.catalog.get()->config();
}

result<settings> update_settings(services& s, const actor& who,
                                 const std::map<std::string, int, std::less<>>& values) {
    write_unit w{s, who};
    const auto current = settings_details(s.catalog.get()->config());
    json::object next = current;
    for (const auto& d : setting_defs()) {
        if (const auto it = values.find(d.key); it != values.end()) {
            next[d.key] = d.flag ? json::value(it->second != 0) : json::value(it->second);
        }
    }
    if (next.at("session_idle_minutes").as_int64() >
        next.at("session_absolute_hours").as_int64() * 60) {
        return invalid("session_idle_minutes", "longer_than_absolute");
    }
    const auto diff = changes(current, next);
    for (const auto& kv : diff) {
        const auto& v = next.at(kv.key());
        w.repo().admin().put_setting(kv.key(), v.is_bool() ? (v.as_bool() ? "1" : "0")
                                                           : std::to_string(v.as_int64()));
    }
    if (!diff.empty()) {
        w.audit("settings.update", "settings", "", diff);
    }
    w.commit();
    return current_settings(s);
}

} // namespace agrirent::app::admin
