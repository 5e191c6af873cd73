#include "server/pages/admin_page_support.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include <boost/url.hpp>

#include "common/time.hpp"
#include "common/unavailable.hpp"
#include "common/validation.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

constexpr std::string_view home_href = "/staff/admin";

bool has_text(std::string_view key, std::string_view lang) {
    return i18n::text(key, lang) != key;
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view space = " \t\r\n";
    const auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

/// "hours.open" → {"hours": {"open": v}} inside `o`.
void put(json::object& o, std::string_view path, json::value v) {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos) {
        o[path] = std::move(v);
        return;
    }
    auto& child = o[path.substr(0, dot)];
    if (!child.is_object()) {
        child = json::object{};
    }
    put(child.as_object(), path.substr(dot + 1), std::move(v));
}

std::vector<std::string> split_items(std::string_view raw) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= raw.size()) {
        const auto end = raw.find_first_of(",\n", start);
        const auto item =
            trim(raw.substr(start, end == std::string_view::npos ? raw.npos : end - start));
        if (!item.empty()) {
            out.emplace_back(item);
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

std::vector<std::string> all_values(const http::form& form, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& [k, v] : form.fields()) {
        if (k == name) {
            out.push_back(v);
        }
    }
    return out;
}

/// What was typed, safe to show again; multi-line texts keep their lines.
std::string shown_again(std::string_view raw, kind k) {
    if (k != kind::textarea && k != kind::lines) {
        return http::displayable(raw, 200);
    }
    std::string out;
    std::size_t start = 0;
    int lines = 0;
    while (start <= raw.size() && lines < 60) {
        const auto end = raw.find('\n', start);
        const auto line = raw.substr(start, end == std::string_view::npos ? raw.npos : end - start);
        out += (lines == 0 ? "" : "\n") + http::displayable(line, 300);
        ++lines;
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

std::string_view kind_name(kind k) {
    switch (k) {
    case kind::text:
        return "text";
    case kind::textarea:
    case kind::lines:
        return "textarea";
    case kind::number:
        return "number";
    case kind::decimal:
        return "decimal";
    case kind::date:
        return "date";
    case kind::time:
        return "time";
    case kind::password:
        return "password";
    case kind::checkbox:
        return "checkbox";
    case kind::select:
        return "select";
    case kind::multi:
        return "multi";
    }
    return "text";
}

std::string input_id(std::string_view form_id, std::string_view name) {
    std::string id = "f-" + std::string{form_id} + "-" + std::string{name};
    std::replace(id.begin(), id.end(), '.', '-');
    return id;
}

/// A page with a heading and a sentence only (a form that could not be read).
http::response short_page(const http::context& ctx, int status, std::string_view heading_key,
                          std::string_view text_key) {
    auto p = make_page(ctx, std::string{i18n::text(heading_key, ctx.lang)}, home_href);
    p.body_class = "page-admin";
    av::admin_view v;
    v.heading = std::string{i18n::text(heading_key, ctx.lang)};
    v.lead = std::string{i18n::text(text_key, ctx.lang)};
    return html(ctx, status, views::admin::render_admin(p, v));
}

/// The admin-only gate: the staff pages' own (page_support.hpp require_staff_page) — a /staff/*
/// page without a session redirects to /staff/login?next=… and comes back after the login, a
/// signed-in staff member without the admin role gets the 403 page. After a POST the way back is
/// the admin home: a POST itself cannot be repeated.
std::optional<http::response> admin_gate(const http::context& ctx) {
    const bool get = ctx.req.method == "GET" || ctx.req.method == "HEAD";
    return require_staff_page(ctx, {role::admin}, get ? std::string_view{} : home_href);
}

} // namespace

// ---- env -----------------------------------------------------------------------------------

std::string env::t(std::string_view key) const {
    return std::string{i18n::text(key, lang)};
}

std::string env::f(std::string_view key,
                   const std::vector<std::pair<std::string, std::string>>& v) const {
    return i18n::format(key, lang, v);
}

std::string_view env::posted(std::string_view name) const {
    return form ? form->value(name) : std::string_view{};
}

std::string_view env::query(std::string_view name) const {
    return ctx.query_value(name).value_or(std::string_view{});
}

app::actor env::who() const {
    return http::actor_of(ctx, channel::counter);
}

// ---- calling the services --------------------------------------------------------------------

namespace {

/// Details echo what was typed: kept valid UTF-8, as in the API's JSON.
std::vector<std::pair<std::string, std::string>>
valid_details(const std::vector<std::pair<std::string, std::string>>& details) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : details) {
        out.emplace_back(to_valid_utf8(k), to_valid_utf8(v));
    }
    return out;
}

/// A refusal as the API would answer it: `status`, `code`, `message` and the details, `field`
/// the one they name.
api_result refusal_of(int status, std::string_view code, std::string message,
                      const std::vector<std::pair<std::string, std::string>>& details) {
    api_result out;
    out.status = status;
    out.code = std::string{code};
    out.message = std::move(message);
    for (const auto& [k, v] : details) {
        out.details[k] = v;
    }
    if (const auto* f = out.details.if_contains("field"); f != nullptr && f->is_string()) {
        out.field = std::string{f->get_string()};
    }
    return out;
}

} // namespace

api_result success(json::value body) {
    api_result out;
    out.status = http::status::ok;
    out.body = std::move(body);
    return out;
}

api_result refusal_result(const env& e, const refusal& r) {
    // The one table (server/http/errors.cpp): the status, API code and message of the reason.
    const refusal valid{r.code, valid_details(r.details)};
    return refusal_of(http::status_of(valid.code), http::api_code_of(valid.code),
                      http::refusal_message(valid, e.lang), valid.details);
}

api_result error_result(const env& e, const http::api_error& err) {
    const auto details = valid_details(err.details());
    return refusal_of(err.status(), err.code(), i18n::format(err.message_key(), e.lang, details),
                      details);
}

api_result attempt(const env& e, const std::function<api_result()>& f) {
    try {
        return f();
    } catch (const http::api_error& err) {
        return error_result(e, err);
    }
}

http::route_handler admin_route(app::services& s, handler h) {
    return [&s, h = std::move(h)](http::context& ctx) -> http::response {
        try {
            if (auto gate = admin_gate(ctx)) {
                return std::move(*gate);
            }
            env e{ctx, s, ctx.lang, std::nullopt};
            if (ctx.req.method == "POST") {
                e.form = http::form_body(ctx.req);
                if (!e.form) {
                    return short_page(ctx, http::status::bad_request, "adm.unreadable.heading",
                                      "adm.unreadable.text");
                }
            }
            return h(e);
        } catch (const not_found&) {
            return not_found_page(ctx);
        } catch (const temporarily_unavailable&) {
            return unavailable_page(ctx);
        } catch (const std::exception& ex) {
            std::fprintf(stderr, "error: %s %s: %s\n", ctx.req.method.c_str(), ctx.path.c_str(),
                         ex.what());
            return error_page(ctx);
        }
    };
}

// ---- forms ---------------------------------------------------------------------------------

json::object to_json(std::span<const field> fields, const http::form& form, std::string* bad) {
    json::object out;
    const auto check = [&](std::string_view name, std::string_view v) {
        if (!is_valid_utf8(v) && bad != nullptr && bad->empty()) {
            *bad = std::string{name};
        }
    };
    for (const auto& f : fields) {
        const std::string_view raw = form.value(f.name);
        check(f.name, raw);
        const auto empty_value = [&]() -> std::optional<json::value> {
            switch (f.empty) {
            case when_empty::omit:
                return std::nullopt;
            case when_empty::null:
                return json::value(nullptr);
            case when_empty::blank:
                return json::value("");
            }
            return std::nullopt;
        };
        std::optional<json::value> v;
        switch (f.k) {
        case kind::checkbox:
            v = form.has(f.name);
            break;
        case kind::multi: {
            json::array a;
            for (const auto& item : all_values(form, f.name)) {
                check(f.name, item);
                if (!trim(item).empty()) {
                    a.emplace_back(trim(item));
                }
            }
            v = std::move(a);
            break;
        }
        case kind::lines: {
            if (!form.has(f.name)) {
                break; // not in the form at all: leave the list as it is
            }
            json::array a;
            for (const auto& item : split_items(raw)) {
                a.emplace_back(item);
            }
            v = std::move(a);
            break;
        }
        case kind::number:
        case kind::decimal: {
            if (f.empty == when_empty::null && !form.has(f.name)) {
                break; // not in the form at all: leave it as it is (an empty field clears it)
            }
            // Thousands separators as people write fees ("60,000") are not part of the number.
            std::string digits;
            for (const char c : trim(raw)) {
                if (c != ',') {
                    digits += c;
                }
            }
            if (digits.empty()) {
                v = empty_value();
                break;
            }
            const char* first = digits.data() + (digits.front() == '+' ? 1 : 0);
            const char* last = digits.data() + digits.size();
            if (f.k == kind::number) {
                std::int64_t n = 0;
                const auto [end, ec] = std::from_chars(first, last, n);
                if (ec == std::errc{} && end == last) {
                    v = n;
                    break;
                }
            } else {
                double d = 0;
                const auto [end, ec] = std::from_chars(first, last, d);
                if (ec == std::errc{} && end == last) {
                    v = d;
                    break;
                }
            }
            // Not a number: the decoder names the field and says so.
            v = json::value(trim(raw));
            break;
        }
        case kind::password:
            if (!raw.empty()) {
                v = json::value(raw);
            }
            break;
        case kind::text:
        case kind::textarea:
            if (trim(raw).empty()) {
                v = empty_value();
            } else {
                v = json::value(raw); // the decoder normalises names and texts
            }
            break;
        case kind::date:
        case kind::time:
        case kind::select:
            if (trim(raw).empty()) {
                v = empty_value();
            } else {
                v = json::value(trim(raw));
            }
            break;
        }
        if (v) {
            put(out, f.name, std::move(*v));
        }
    }
    return out;
}

std::string refusal_text(std::string_view lang, const api_result& r) {
    if (const auto* p = r.details.if_contains("problem"); p != nullptr && p->is_string()) {
        const std::string key = "adm.problem." + std::string{p->get_string()};
        if (has_text(key, lang)) {
            return std::string{i18n::text(key, lang)};
        }
    }
    // admin.duplicate and admin.not_found name the field and the value: say it without the
    // field's JSON name, since the text stands beside the field.
    const auto* value = r.details.if_contains("value");
    if (value != nullptr && value->is_string() && !r.field.empty()) {
        const std::string v{value->get_string()};
        if (r.code == "conflict") {
            return i18n::format("adm.problem.duplicate", lang, {{"value", v}});
        }
        if (r.code == "not_found") {
            return i18n::format("adm.problem.not_found", lang, {{"value", v}});
        }
    }
    return r.message.empty() ? std::string{i18n::text("adm.error.unexpected", lang)} : r.message;
}

std::string input_id_for(const form_spec& spec, const api_result& r) {
    if (r.field.empty()) {
        return {};
    }
    const std::string_view wanted = r.field;
    const auto id_of = [&](const field& f) { return input_id(spec.id, f.name); };
    for (const auto& f : spec.fields) {
        if (f.name == wanted) {
            return id_of(f);
        }
    }
    // A nested field names only its own key ("open" of "hours"), a whole object its name.
    for (const auto& f : spec.fields) {
        if (f.name.ends_with(std::string{"."} + std::string{wanted})) {
            return id_of(f);
        }
    }
    for (const auto& f : spec.fields) {
        if (f.name.starts_with(std::string{wanted} + ".")) {
            return id_of(f);
        }
    }
    return {};
}

av::form build_form(std::string_view lang, const form_spec& spec, const values& current,
                    const failure* failed) {
    const auto t = [&](std::string_view key) { return std::string{i18n::text(key, lang)}; };
    const bool mine = failed != nullptr && failed->form_id == spec.id && failed->typed != nullptr;
    av::form out;
    out.id = spec.id;
    out.heading = spec.heading_key.empty() ? std::string{} : t(spec.heading_key);
    out.intro = spec.intro_key.empty() ? std::string{} : t(spec.intro_key);
    out.get = spec.get;
    out.action = spec.action;
    out.hiddens = spec.hiddens;
    out.submit = t(spec.submit_key);
    out.danger = spec.danger;
    out.compact = spec.compact;
    const std::string target = mine ? input_id_for(spec, failed->result) : std::string{};
    for (const auto& f : spec.fields) {
        av::input in;
        in.id = input_id(spec.id, f.name);
        in.name = std::string{f.name};
        in.kind = std::string{kind_name(f.k)};
        in.label = t(f.label_key);
        in.hint = f.hint_key.empty() ? std::string{} : t(f.hint_key);
        in.required = f.required;
        if (f.k == kind::password) {
            in.autocomplete = "new-password";
        }
        if (const auto it = current.options.find(f.name); it != current.options.end()) {
            in.options = it->second;
        }
        std::set<std::string> ticked;
        std::string value;
        if (mine) {
            const auto& typed = *failed->typed;
            in.checked = typed.has(f.name);
            for (const auto& v : all_values(typed, f.name)) {
                ticked.insert(v);
            }
            value = f.k == kind::password ? std::string{} : shown_again(typed.value(f.name), f.k);
        } else {
            if (const auto it = current.text.find(f.name); it != current.text.end()) {
                value = it->second;
            }
            in.checked = value == "on";
            if (const auto it = current.multi.find(f.name); it != current.multi.end()) {
                ticked.insert(it->second.begin(), it->second.end());
            }
        }
        if (f.k == kind::select) {
            for (auto& o : in.options) {
                o.selected = o.value == value;
            }
        } else if (f.k == kind::multi) {
            for (auto& o : in.options) {
                o.selected = ticked.contains(o.value);
            }
        } else if (f.k != kind::checkbox) {
            in.value = std::move(value);
        }
        if (mine && in.id == target) {
            in.error = refusal_text(lang, failed->result);
        }
        out.inputs.push_back(std::move(in));
    }
    if (mine && target.empty()) {
        out.error = refusal_text(lang, failed->result);
    }
    return out;
}

// ---- answers -------------------------------------------------------------------------------

const area branches_area{"/staff/admin/branches", "adm.area.branches", "adm.branches.lead"};
const area seasons_area{"/staff/admin/seasons", "adm.area.seasons", "adm.seasons.lead"};
const area holidays_area{"/staff/admin/holidays", "adm.area.holidays", "adm.holidays.lead"};
const area closures_area{"/staff/admin/closures", "adm.area.closures", "adm.closures.lead"};
const area types_area{"/staff/admin/types", "adm.area.types", "adm.types.lead"};
const area fee_bands_area{"/staff/admin/fee-bands", "adm.area.fee_bands", "adm.fee_bands.lead"};
const area units_area{"/staff/admin/units", "adm.area.units", "adm.units.lead"};
const area discounts_area{"/staff/admin/discounts", "adm.area.discounts", "adm.discounts.lead"};
const area categories_area{"/staff/admin/categories", "adm.area.categories", "adm.categories.lead"};
const area farmers_area{"/staff/admin/farmers", "adm.area.farmers", "adm.farmers.lead"};
const area groups_area{"/staff/admin/groups", "adm.area.groups", "adm.groups.lead"};
const area users_area{"/staff/admin/users", "adm.area.users", "adm.users.lead"};
const area settings_area{"/staff/admin/settings", "adm.area.settings", "adm.settings.lead"};
const area audit_area{"/staff/admin/audit", "adm.area.audit", "adm.audit.lead"};

const std::vector<area_group>& area_groups() {
    static const std::vector<area_group> groups{
        {"adm.group.offices", {&branches_area, &seasons_area, &holidays_area, &closures_area}},
        {"adm.group.machines", {&types_area, &units_area, &fee_bands_area}},
        {"adm.group.fees", {&discounts_area, &categories_area}},
        {"adm.group.people", {&farmers_area, &groups_area, &users_area}},
        {"adm.group.system", {&settings_area, &audit_area}},
    };
    return groups;
}

std::vector<views::link> areas(const env& e, std::string_view current) {
    std::vector<views::link> out;
    for (const auto& g : area_groups()) {
        for (const auto* a : g.areas) {
            out.push_back({std::string{a->href}, e.t(a->name_key), a->href == current});
        }
    }
    return out;
}

std::vector<views::link> crumbs(const env& e, std::string_view area_href, std::string_view area_key,
                                std::string item) {
    std::vector<views::link> out{{std::string{home_href}, e.t("adm.home.heading"), false}};
    if (item.empty()) {
        out.push_back({"", e.t(area_key), true});
    } else {
        out.push_back({std::string{area_href}, e.t(area_key), false});
        out.push_back({"", std::move(item), true});
    }
    return out;
}

http::response show(env& e, av::admin_view v, int status, std::string_view self) {
    const bool get = e.ctx.req.method == "GET" || e.ctx.req.method == "HEAD";
    if (get) {
        // The notice of a change just made (done()): a fixed text, never text from the URL.
        const auto key = e.query("done");
        const bool word = !key.empty() && key.size() <= 40 &&
                          std::all_of(key.begin(), key.end(),
                                      [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
        if (word && has_text("adm.done." + std::string{key}, e.lang)) {
            v.notice = e.t("adm.done." + std::string{key});
            std::string codes;
            for (const auto& item : split_items(e.query("affected"))) {
                if (const auto code = normalize_booking_code(item)) {
                    codes += (codes.empty() ? "" : ", ") + *code;
                }
            }
            if (!codes.empty()) {
                v.notice_lines.push_back(e.f("adm.done.affected", {{"codes", codes}}));
            }
        }
    }
    auto p = get ? make_page(e.ctx, v.heading, home_href)
                 : make_page_for(e.ctx, v.heading, home_href, self);
    p.body_class = "page-admin";
    return html(e.ctx, status, av::render_admin(p, v));
}

http::response done(const env& e, std::string location, std::string_view done_key,
                    const json::value& affected) {
    constexpr std::string_view prefix = "adm.done.";
    if (done_key.starts_with(prefix)) {
        done_key.remove_prefix(prefix.size());
    }
    location += location.find('?') == std::string::npos ? '?' : '&';
    location += "done=" + std::string{done_key};
    if (const auto* a = affected.if_array(); a != nullptr && !a->empty()) {
        std::string codes;
        int n = 0;
        for (const auto& c : *a) {
            if (c.is_string() && ++n <= 20) {
                codes += (codes.empty() ? "" : ",") + std::string{c.get_string()};
            }
        }
        if (!codes.empty()) {
            location += "&" + query_string({{"affected", codes}}).substr(1);
        }
    }
    return see_other(e.ctx, std::move(location));
}

http::response refused(env& e, const api_result& r, std::string form_id,
                       const std::function<av::admin_view(const failure*)>& build,
                       std::string_view self) {
    if (!r.refused()) {
        throw std::runtime_error("the change failed: " + std::to_string(r.status) + " " +
                                 r.message);
    }
    failure fl{std::move(form_id), e.form ? &*e.form : nullptr, r};
    auto v = build(&fl);
    v.error = refusal_text(e.lang, r);
    for (const auto& s : v.sections) {
        for (const auto& f : s.forms) {
            if (f.id != fl.form_id) {
                continue;
            }
            v.error_href = "#form-" + f.id;
            for (const auto& in : f.inputs) {
                if (!in.error.empty()) {
                    v.error_href = "#" + in.id;
                }
            }
        }
    }
    return show(e, std::move(v), r.status, self);
}

http::response submit(env& e, const submission& sub,
                      const std::function<av::admin_view(const failure*)>& build,
                      std::string_view self) {
    api_result res;
    if (sub.method == "DELETE") {
        res = attempt(e, [&] { return sub.op(json::object{}); });
    } else {
        std::string bad;
        json::object body = e.form ? to_json(sub.fields, *e.form, &bad) : json::object{};
        for (const auto& kv : sub.extra) {
            body[kv.key()] = kv.value();
        }
        if (!bad.empty()) {
            // Not valid UTF-8: it cannot be JSON, so it never reaches the decoder.
            return refused(e, error_result(e, http::bad_field(bad, "bad_characters")), sub.form_id,
                           build, self);
        }
        res = attempt(e, [&] { return sub.op(body); });
    }
    if (res.ok()) {
        const json::value* affected = nullptr;
        if (const auto* o = res.body.if_object()) {
            affected = o->if_contains("affected_reservations");
        }
        return done(e, sub.back, sub.done_key, affected != nullptr ? *affected : json::value{});
    }
    return refused(e, res, sub.form_id, build, self);
}

http::form query_form(const http::context& ctx) {
    const std::string_view target = ctx.req.target;
    const auto q = target.find('?');
    auto parsed =
        http::form::parse(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
    return parsed ? std::move(*parsed) : http::form{};
}

std::string path_segment(std::string_view raw) {
    return boost::urls::encode(raw, boost::urls::pchars);
}

// ---- JSON ----------------------------------------------------------------------------------

namespace {
const json::value* member(const json::value& o, std::string_view key) {
    const auto* obj = o.if_object();
    return obj != nullptr ? obj->if_contains(key) : nullptr;
}
} // namespace

std::string str(const json::value& o, std::string_view key) {
    const auto* v = member(o, key);
    if (v == nullptr || v->is_null()) {
        return {};
    }
    if (v->is_string()) {
        return std::string{v->get_string()};
    }
    return json::serialize(*v);
}

std::int64_t integer(const json::value& o, std::string_view key) {
    const auto* v = member(o, key);
    if (v == nullptr) {
        return 0;
    }
    if (v->is_int64()) {
        return v->get_int64();
    }
    if (v->is_uint64()) {
        return static_cast<std::int64_t>(v->get_uint64());
    }
    if (v->is_double()) {
        return static_cast<std::int64_t>(v->get_double());
    }
    return 0;
}

bool flag(const json::value& o, std::string_view key) {
    const auto* v = member(o, key);
    return v != nullptr && v->is_bool() && v->get_bool();
}

const json::array& list(const json::value& o, std::string_view key) {
    static const json::array none;
    const auto* v = member(o, key);
    return v != nullptr && v->is_array() ? v->get_array() : none;
}

std::vector<std::string> strings(const json::value& o, std::string_view key) {
    std::vector<std::string> out;
    for (const auto& item : list(o, key)) {
        if (item.is_string()) {
            out.emplace_back(item.get_string());
        }
    }
    return out;
}

std::string number_text(const json::value& o, std::string_view key) {
    const auto* v = member(o, key);
    if (v == nullptr || v->is_null()) {
        return {};
    }
    if (v->is_double()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", v->get_double());
        return buf;
    }
    return json::serialize(*v);
}

// ---- values, pages, cells ------------------------------------------------------------------

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : std::string{sep}) + i;
    }
    return out;
}

values values_of(std::span<const field> fields, const json::value& o, values v) {
    for (const auto& f : fields) {
        // "hours.open": the member "open" of the object "hours".
        const json::value* at = &o;
        std::string_view key = f.name;
        for (auto dot = key.find('.'); dot != std::string_view::npos && at != nullptr;
             dot = key.find('.')) {
            at = member(*at, key.substr(0, dot));
            key.remove_prefix(dot + 1);
        }
        static const json::value none;
        const json::value& from = at != nullptr ? *at : none;
        const std::string name{f.name};
        switch (f.k) {
        case kind::number:
        case kind::decimal:
            v.set(name, number_text(from, key));
            break;
        case kind::checkbox:
            v.check(name, flag(from, key));
            break;
        case kind::lines:
            v.set(name, joined(strings(from, key), "\n"));
            break;
        case kind::multi:
            v.multi[name] = strings(from, key);
            break;
        case kind::password:
            break; // never shown again
        case kind::text:
        case kind::textarea:
        case kind::date:
        case kind::time:
        case kind::select:
            v.set(name, str(from, key));
            break;
        }
    }
    return v;
}

av::admin_view area_page(const env& e, const area& a) {
    av::admin_view v;
    v.heading = e.t(a.name_key);
    v.lead = e.t(a.lead_key);
    v.areas = areas(e, a.href);
    v.crumbs = crumbs(e, a.href, a.name_key);
    return v;
}

av::admin_view item_page(const env& e, const area& a, std::string heading, std::string crumb) {
    av::admin_view v;
    v.heading = std::move(heading);
    v.areas = areas(e, a.href);
    v.crumbs = crumbs(e, a.href, a.name_key, std::move(crumb));
    return v;
}

std::string item_href(std::string_view href, std::string_view key) {
    return std::string{href} + "/" + path_segment(key);
}

filtered filtered_get(env& e, av::admin_view& v, api_result res, form_spec spec,
                      const values& shown) {
    const auto typed = query_form(e.ctx);
    filtered out;
    out.res = std::move(res);
    std::optional<failure> refused;
    if (!out.res.ok()) {
        if (!out.res.refused()) {
            throw std::runtime_error("the list failed: " + std::to_string(out.res.status));
        }
        refused = failure{spec.id, &typed, out.res};
        v.error = refusal_text(e.lang, out.res);
    }
    spec.get = true;
    spec.compact = true;
    out.form = build_form(e.lang, spec, shown, refused ? &*refused : nullptr);
    out.form.reset_href = spec.action;
    out.form.reset_label = e.t("adm.filter.reset");
    return out;
}

json::value find_in(const json::value& all, std::string_view key, std::string_view wanted) {
    const json::value* found = nullptr;
    for (const auto& item : all.as_array()) {
        if (str(item, key) == wanted) {
            found = &item;
        }
    }
    if (found == nullptr) {
        throw not_found{};
    }
    return *found;
}

av::table list_table(const env& e, std::string caption,
                     std::initializer_list<std::string_view> header_keys,
                     std::string_view empty_key, bool actions) {
    av::table t;
    t.caption = std::move(caption);
    for (const auto key : header_keys) {
        t.headers.push_back(e.t(key));
    }
    t.empty = e.t(empty_key);
    t.actions = actions;
    return t;
}

av::section add_section(const env& e, const area& a, std::string_view heading_key,
                        std::string_view intro_key, std::string_view submit_key,
                        std::span<const field> fields, const values& current,
                        const failure* failed) {
    return {.id = "add",
            .heading = e.t(heading_key),
            .forms = {build_form(e.lang,
                                 {"add", "", std::string{intro_key}, std::string{a.href},
                                  std::string{submit_key}, fields},
                                 current, failed)}};
}

std::string local_name(const env& e, const json::value& o) {
    return str(o, e.lang == "en" ? "name_en" : "name_ko");
}

av::cell name_cell(const env& e, const json::value& o, std::string href) {
    av::cell c;
    c.text = local_name(e, o);
    c.lines = {str(o, e.lang == "en" ? "name_ko" : "name_en")};
    c.href = std::move(href);
    return c;
}

av::cell state_cell(const env& e, bool active, std::string_view on_key, std::string_view off_key) {
    return badge(e.t(active ? on_key : off_key), active ? "ok" : "off");
}

av::button delete_button(const env& e, std::string action, std::string described_by,
                         std::vector<av::hidden> hiddens) {
    return {e.t("adm.action.delete"), std::move(action), std::move(hiddens), true,
            std::move(described_by)};
}

av::section state_section(const env& e, const std::string& href, bool active,
                          std::string_view retire_intro_key, std::string_view retire_key) {
    av::section state{.id = "state", .heading = e.t("adm.field.state")};
    state.facts.push_back(
        {e.t("adm.field.state"), e.t(active ? "adm.state.active" : "adm.state.retired"), {}});
    if (active) {
        state.intro = e.t(retire_intro_key);
        state.buttons.push_back({e.t(retire_key), href + "/retire", {}, true, ""});
    } else {
        state.buttons.push_back(
            {e.t("adm.action.reactivate"), href + "/reactivate", {}, false, ""});
    }
    return state;
}

// ---- routes --------------------------------------------------------------------------------

void add_list_pages(http::router& r, app::services& s, std::string_view href, list_builder list,
                    std::optional<list_post> post) {
    r.add("GET", std::string{href}, admin_route(s, [href, list](env& e) {
              auto v = list(e, nullptr);
              const int status = v.error.empty() ? 200 : 400; // a refused filter
              return show(e, std::move(v), status, href);
          }));
    if (!post) {
        return;
    }
    r.add("POST", std::string{href}, admin_route(s, [href, list, p = *post](env& e) {
              return submit(
                  e,
                  {p.method,
                   p.fields,
                   {},
                   std::string{p.form_id},
                   std::string{href},
                   p.done_key,
                   [&e, op = p.op](const json::object& body) { return op(e, body); }},
                  [&](const failure* f) { return list(e, f); }, href);
          }));
}

void add_item_pages(http::router& r, app::services& s, const item_routes& routes,
                    const std::vector<item_action>& actions) {
    const std::string one = std::string{routes.href} + "/{" + std::string{routes.param} + "}";
    r.add("GET", one, admin_route(s, [routes](env& e) {
              const std::string key{e.ctx.param(routes.param)};
              return show(e, routes.item(e, key, nullptr), http::status::ok,
                          item_href(routes.href, key));
          }));
    for (const auto& a : actions) {
        r.add(
            "POST", one + std::string{a.suffix}, admin_route(s, [routes, a](env& e) {
                const std::string key{e.ctx.param(routes.param)};
                const std::string item = item_href(routes.href, key);
                const std::string list{routes.href};
                const bool again_item = a.again == page_of::item;
                return submit(
                    e,
                    {a.method, a.fields, a.extra, std::string{a.form_id},
                     a.back == page_of::item ? item : list, a.done_key,
                     [&e, &key, op = a.op](const json::object& body) { return op(e, key, body); }},
                    [&](const failure* f) {
                        return again_item ? routes.item(e, key, f) : routes.list(e, f);
                    },
                    again_item ? item : list);
            }));
    }
}

// ---- small things --------------------------------------------------------------------------

std::string safe_code(std::string_view raw) {
    if (raw.empty() || raw.size() > 32 || raw.front() < 'A' || raw.front() > 'Z') {
        return {};
    }
    const bool ok = std::all_of(raw.begin(), raw.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    return ok ? std::string{raw} : std::string{};
}

std::string date_text(const env& e, std::string_view iso) {
    if (const auto d = parse_date(iso)) {
        return day_text_year(*d, e.lang);
    }
    return std::string{iso};
}

std::string instant_short(std::string_view rfc3339) {
    if (rfc3339.size() < 16) {
        return std::string{rfc3339};
    }
    return std::string{rfc3339.substr(0, 10)} + " " + std::string{rfc3339.substr(11, 5)};
}

std::string money(const env& e, std::int64_t amount) {
    return won_text(agrirent::won{amount}, e.lang);
}

av::cell badge(std::string text, std::string kind) {
    av::cell c;
    c.text = std::move(text);
    c.badge = std::move(kind);
    return c;
}

namespace {

/// The name of the catalogue entry (branch, type) `find` looks up by `code`, in the page's
/// language: "" for no code, the code itself when the catalogue does not know it.
template <class Find>
std::string catalog_name(const env& e, std::string_view code, Find find) {
    if (code.empty()) {
        return {};
    }
    const auto cat = e.s.catalog.get();
    const auto* entry = find(*cat, code);
    return entry != nullptr ? entry->name(e.lang) : std::string{code};
}

/// Options of catalogue entries (branches, types): "name (CODE)", retired ones marked.
template <class Entry, class Code>
std::vector<av::option> catalog_options(const env& e, const std::vector<Entry>& entries,
                                        Code code_of, std::string_view empty_key,
                                        bool active_only) {
    std::vector<av::option> out;
    if (!empty_key.empty()) {
        out.push_back({"", e.t(empty_key), false});
    }
    for (const auto& entry : entries) {
        if (entry.active || !active_only) {
            const std::string code = code_of(entry);
            std::string label = entry.name(e.lang) + " (" + code + ")";
            if (!entry.active) {
                label += " · " + e.t("adm.state.retired");
            }
            out.push_back({code, std::move(label), false});
        }
    }
    return out;
}

} // namespace

std::string branch_name(const env& e, std::string_view code) {
    return catalog_name(e, code,
                        [](const app::catalog& c, std::string_view k) { return c.branch(k); });
}

std::string type_name(const env& e, std::string_view code) {
    return catalog_name(e, code,
                        [](const app::catalog& c, std::string_view k) { return c.type(k); });
}

std::vector<av::option> branch_options(const env& e, std::string_view empty_key, bool active_only) {
    const auto code = [](const app::branch_info& b) { return b.code.value; };
    return catalog_options(e, e.s.catalog.get()->branches(), code, empty_key, active_only);
}

std::vector<av::option> type_options(const env& e, std::string_view empty_key, bool active_only) {
    const auto code = [](const app::type_info& t) { return t.type.code.value; };
    return catalog_options(e, e.s.catalog.get()->types(), code, empty_key, active_only);
}

local_days today(const env& e) {
    static const date::time_zone* zone = date::locate_zone("Asia/Seoul"); // DOMAIN.md §1
    return local_date_of(zone, e.s.clock.now());
}

} // namespace agrirent::pages::admin
