#include "server/codec/admin_json.hpp"

#include "server/app/admin_support.hpp"
#include "server/codec/catalog_json.hpp"

namespace agrirent::codec::admin {

json::array string_array(const std::vector<std::string>& items) {
    return app::admin::string_array(items);
}

// ---- the calendar --------------------------------------------------------------------------

json::object season_json(const storage::season_record& s) {
    return app::admin::season_details(s); // the audit trail keeps the same shape
}

json::array seasons_json(const std::vector<storage::season_record>& list) {
    json::array out;
    for (const auto& s : list) {
        out.push_back(season_json(s));
    }
    return out;
}

json::object closure_json(const storage::closure_record& c) {
    return app::admin::closure_details(c);
}

json::array closures_json(const std::vector<storage::closure_record>& list) {
    json::array out;
    for (const auto& c : list) {
        out.push_back(closure_json(c));
    }
    return out;
}

json::object closure_change_json(const app::admin::closure_change& c) {
    auto out = closure_json(c.closure);
    out["affected_reservations"] = string_array(c.affected);
    return out;
}

json::object holiday_json(const app::admin::holiday_entry& h) {
    return {{"date", format_date(h.date)},
            {"name_ko", h.name_ko},
            {"name_en", h.name_en},
            {"source", h.source},
            {"removed", h.removed}};
}

json::object holiday_change_json(const app::admin::holiday_change& c) {
    auto out = holiday_json(c.holiday);
    if (c.known) {
        out["known"] = *c.known;
    }
    out["affected_reservations"] = string_array(c.affected);
    return out;
}

namespace {
json::value source_json(const std::optional<std::string>& source) {
    return source ? json::value(*source) : json::value(nullptr);
}
} // namespace

json::object holiday_year_json(const app::admin::holiday_year& y) {
    json::array list;
    for (const auto& h : y.holidays) {
        list.push_back(holiday_json(h));
    }
    return {{"year", y.year},
            {"known", y.source.has_value()},
            {"source", source_json(y.source)},
            {"holidays", std::move(list)}};
}

json::array known_years_json(const std::vector<app::admin::known_year>& years) {
    json::array out;
    for (const auto& y : years) {
        out.push_back(json::object{{"year", y.year}, {"source", source_json(y.source)}});
    }
    return out;
}

} // namespace agrirent::codec::admin

// ---- the catalogue -------------------------------------------------------------------------

namespace agrirent::codec::admin {

json::object branch_admin_json(const app::branch_info& b) {
    // The public API's shape of a branch (GET /api/v1/branches), then what only admins see.
    json::object o = codec::branch_json(b);
    o["address_ko"] = b.address_ko;
    o["active"] = b.active;
    return o;
}

json::object type_admin_json(const app::type_info& t) {
    json::object o = codec::type_json(t);
    o["active"] = t.active;
    return o;
}

json::object unit_json(const storage::unit_record& u) {
    return app::admin::unit_details(u);
}

json::object discount_json(const storage::discount_record& d) {
    return app::admin::discount_details(d);
}

json::array discounts_json(const std::vector<storage::discount_record>& list) {
    json::array out;
    for (const auto& d : list) {
        out.push_back(discount_json(d));
    }
    return out;
}

json::object category_json(const storage::category_record& c) {
    return app::admin::category_details(c);
}

json::array categories_json(const std::vector<storage::category_record>& list) {
    json::array out;
    for (const auto& c : list) {
        out.push_back(category_json(c));
    }
    return out;
}

json::object settings_json(const app::settings& c) {
    json::object o;
    for (const auto& d : app::admin::setting_defs()) {
        o[d.key] = d.flag ? json::value(d.get(c) != 0) : json::value(d.get(c));
    }
    return o;
}

} // namespace agrirent::codec::admin

// ---- people --------------------------------------------------------------------------------

namespace agrirent::codec::admin {
namespace {

json::value date_or_null(const std::optional<local_days>& d) {
    return d ? json::value(format_date(*d)) : json::value(nullptr);
}

json::value text_or_null(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

json::value cursor_json(const std::optional<std::int64_t>& next) {
    return next ? json::value(std::to_string(*next)) : json::value(nullptr);
}

} // namespace

json::object group_json(const storage::group_row& g) {
    json::array members;
    for (const auto& p : g.member_phones) {
        members.emplace_back(p);
    }
    return {{"id", g.id},
            {"name", g.name},
            {"representative_phone", g.representative_phone},
            {"member_phones", std::move(members)}};
}

json::object groups_json(const std::vector<storage::group_row>& groups) {
    json::array out;
    for (const auto& g : groups) {
        out.emplace_back(group_json(g));
    }
    return {{"groups", std::move(out)}};
}

json::object farmer_json(const app::admin::farmer_detail& d) {
    const auto& f = d.row;
    const auto* zone = app::admin::office_zone();
    json::object o{{"name", f.name},
                   {"farm_id", text_or_null(f.farm_id)},
                   {"district", text_or_null(f.district)},
                   {"training_completed_on", date_or_null(f.training_completed_on)},
                   {"categories", string_array(f.categories)}};
    o["phone"] = f.phone;
    o["suspension"] = f.suspended_until
                          ? json::value(json::object{{"until", format_date(*f.suspended_until)},
                                                     {"reason", text_or_null(f.suspension_reason)}})
                          : json::value(nullptr);
    o["suspended"] = d.suspended;
    json::array strikes;
    for (const auto& st : d.strikes) {
        strikes.push_back(json::object{{"kind", st.kind},
                                       {"at", format_instant(zone, st.at)},
                                       {"reservation", text_or_null(st.reservation_code)}});
    }
    o["strikes"] = std::move(strikes);
    o["live_reservations"] = d.live_reservations;
    o["created_at"] = format_instant(zone, f.created_at);
    return o;
}

json::object farmer_page_json(const app::admin::farmer_page& p) {
    json::array out;
    for (const auto& f : p.farmers) {
        out.push_back(farmer_json(f));
    }
    return {{"farmers", std::move(out)}, {"next_cursor", cursor_json(p.next_cursor)}};
}

json::object staff_json(const storage::staff_row& u, const app::catalog& cat) {
    const auto* branch = u.branch_id ? cat.branch_by_id(*u.branch_id) : nullptr;
    return {{"username", u.username},
            {"display_name", u.display_name},
            {"role", to_string(u.who)},
            {"branch", branch != nullptr ? json::value(branch->code.value) : nullptr},
            {"active", u.active},
            {"created_at", format_instant(app::admin::office_zone(), u.created_at)}};
}

json::array users_json(const std::vector<storage::staff_row>& users, const app::catalog& cat) {
    json::array out;
    for (const auto& u : users) {
        out.push_back(staff_json(u, cat));
    }
    return out;
}

json::object audit_json(const storage::audit_record& a) {
    boost::system::error_code ec;
    auto details = json::parse(a.details, ec);
    if (ec || !details.is_object()) {
        details = json::object{{"raw", a.details}};
    }
    return {{"id", a.id},
            {"at", format_instant(app::admin::office_zone(), a.at)},
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

json::object audit_page_json(const app::admin::audit_page& p) {
    json::array out;
    for (const auto& a : p.entries) {
        out.push_back(audit_json(a));
    }
    return {{"entries", std::move(out)}, {"next_cursor", cursor_json(p.next_cursor)}};
}

} // namespace agrirent::codec::admin

// ---- backups -------------------------------------------------------------------------------

namespace agrirent::codec::admin {

json::object backup_json(const app::backup_file& b) {
    return {{"file", b.name},
            {"bytes", b.bytes},
            {"created_at", format_instant(app::admin::office_zone(), b.created_at)}};
}

json::object backup_folder_json(const app::admin::backup_folder& f) {
    json::array list;
    for (const auto& b : f.backups) {
        list.push_back(backup_json(b));
    }
    return {{"folder", f.folder}, {"backups", std::move(list)}};
}

} // namespace agrirent::codec::admin
