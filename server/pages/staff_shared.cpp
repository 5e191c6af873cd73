// What the staff pages share: the layout, query helpers, redirect notices, a reservation as a
// line of a list, and the action forms of a reservation (with a refusal and what was typed when
// the page is shown again after one).
#include <array>
#include <cmath>
#include <cstdio>

#include <boost/url.hpp>

#include "common/fees.hpp"
#include "common/lifecycle.hpp"
#include "common/time.hpp"
#include "server/app/extension.hpp"
#include "server/http/access.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/staff_pages.hpp"

namespace agrirent::pages {
namespace {

// The actions a redirect notice may name (?done=…): anything else shows no notice.
constexpr std::array done_actions{
    std::string_view{"confirm"},          std::string_view{"reject"},
    std::string_view{"cancel"},           std::string_view{"move"},
    std::string_view{"no_show"},          std::string_view{"checkout"},
    std::string_view{"checkin"},          std::string_view{"unit_available"},
    std::string_view{"unit_maintenance"}, std::string_view{"unit_maintenance_risk"},
    std::string_view{"extend"},
};

} // namespace

std::string form_feedback::value(std::string_view name, std::size_t max_chars) const {
    return typed != nullptr ? http::displayable(typed->value(name), max_chars) : std::string{};
}

bool form_feedback::ticked(std::string_view name) const {
    return typed != nullptr && typed->has(name);
}

std::string form_feedback::field_error(std::string_view name) const {
    const auto it = field_errors.find(name);
    return it == field_errors.end() ? std::string{} : it->second;
}

std::string_view query_value(const http::string_pairs& query, std::string_view name) {
    for (const auto& [k, v] : query) {
        if (k == name) {
            return v;
        }
    }
    return {};
}

std::pair<std::string, http::string_pairs> split_target(std::string_view target) {
    std::pair<std::string, http::string_pairs> out;
    const auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) {
        return out;
    }
    out.first = std::string{parsed->path()};
    for (const auto& p : parsed->params()) {
        out.second.emplace_back(p.key, p.value);
    }
    return out;
}

std::string with_params(std::string_view target,
                        const std::vector<std::pair<std::string, std::string>>& params) {
    boost::urls::url u;
    if (const auto parsed = boost::urls::parse_origin_form(target)) {
        u = *parsed;
    } else {
        u.set_path("/");
    }
    for (const auto& [k, v] : params) {
        u.params().set(k, v);
    }
    return std::string{u.encoded_target()};
}

std::string done_notice(const http::string_pairs& query, std::string_view lang) {
    const std::string_view done = query_value(query, "done");
    for (const auto action : done_actions) {
        if (done == action) {
            return i18n::format("staff.done." + std::string{action}, lang,
                                {{"code", http::displayable(query_value(query, "code"), 40)}});
        }
    }
    return {};
}

std::string shown_status(const storage::reservation_row& r, sys_seconds now) {
    return is_overdue(r.state, r.plan.return_by, now) ? std::string{"overdue"}
                                                      : std::string{to_string(r.state)};
}

views::reservation_line line_of(const storage::reservation_row& r, const app::catalog& cat,
                                sys_seconds now, std::string_view lang) {
    views::reservation_line l;
    l.code = r.code;
    l.href = "/staff/reservations/" + r.code;
    l.farmer = r.farmer_name;
    l.phone = r.phone;
    l.group = group_text(r.group_id.has_value(), r.group_name.value_or(""), lang);
    l.status = shown_status(r, now);
    l.status_label = text("status." + l.status, lang);
    l.usage = usage_text(r.plan.usage, lang);
    const auto* branch = cat.branch_by_id(r.branch_id);
    const auto* type = cat.type_by_id(r.type_id);
    if (branch == nullptr || type == nullptr) {
        return l;
    }
    const auto* zone = branch->calendar.zone;
    l.where = branch->name(lang) + " · " + type->name(lang);
    l.pickup = pickup_window_text(zone, r.plan.pickup, lang);
    l.return_by = instant_text(zone, r.plan.return_by, lang);
    if (r.plan.eve) {
        l.note = text("staff.line.eve", lang);
    }
    if (r.plan.half) {
        // DOMAIN.md §11: "반일: 오전 09:00–13:00" (the pickup and return times are the slot's).
        l.usage +=
            " · " + i18n::format("half.label", lang, {{"slot", half_text(zone, r.plan, lang)}});
    }
    return l;
}

std::string meter_text(double hours) {
    char buf[32];
    if (std::floor(hours) == hours) {
        std::snprintf(buf, sizeof buf, "%.0f", hours);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f", hours);
    }
    return buf;
}

std::optional<double> parse_meter(std::string_view typed) {
    // Digits with at most one decimal point: what a clerk reads off a meter.
    while (!typed.empty() && typed.front() == ' ') {
        typed.remove_prefix(1);
    }
    while (!typed.empty() && typed.back() == ' ') {
        typed.remove_suffix(1);
    }
    if (typed.empty() || typed.size() > 12) {
        return std::nullopt;
    }
    int points = 0;
    int digits = 0;
    for (const char c : typed) {
        if (c == '.') {
            ++points;
        } else if (c >= '0' && c <= '9') {
            ++digits;
        } else {
            return std::nullopt;
        }
    }
    if (points > 1 || digits == 0) {
        return std::nullopt;
    }
    const double v = std::stod(std::string{typed});
    if (v > 1000000) {
        return std::nullopt;
    }
    return v;
}

views::page staff_chrome(const http::context& ctx, std::string title, std::string_view current,
                         std::string_view self, std::string_view body) {
    auto p = make_page_for(ctx, std::move(title), current, self);
    p.body_class = "staff " + std::string{body};
    return p;
}

// ---- the action forms ----------------------------------------------------------------------

namespace {

std::string action_of(const storage::reservation_row& r, std::string_view what) {
    return "/staff/reservations/" + r.code + "/" + std::string{what};
}

/// What a form on a reservation starts with (`Form`: a reason, move, check-out or check-in
/// form): it posts to the reservation's `what`, comes back to `back`, and its id is
/// <id_prefix>-<code>. Whether the refusal the page shows is about this form.
template <class Form>
bool start_form(Form& f, const storage::reservation_row& r, std::string_view what,
                std::string_view id_prefix, std::string_view back, const form_feedback* fb) {
    f.action = action_of(r, what);
    f.back = std::string{back};
    f.id = std::string{id_prefix} + "-" + r.code;
    return fb != nullptr && fb->about(what, r.code);
}

/// A one-button form on a reservation: POST to its `what` (`form` in a refusal).
views::action_button action_button_of(const storage::reservation_row& r, std::string_view what,
                                      std::string_view form, std::string_view label_key,
                                      std::string css, std::string_view back,
                                      const form_feedback* fb, std::string_view lang) {
    views::action_button b;
    b.action = action_of(r, what);
    b.back = std::string{back};
    b.label = text(label_key, lang);
    b.css = std::move(css);
    if (fb != nullptr && fb->about(form, r.code)) {
        b.error = fb->take_error();
    }
    return b;
}

/// A form asking for the reason to reject or cancel (`what`, also the refused form's name).
views::reason_form reason_form_of(const storage::reservation_row& r, std::string_view what,
                                  std::string_view label_key, std::string_view submit_key,
                                  std::string_view back, const form_feedback* fb,
                                  std::string_view lang) {
    views::reason_form f;
    const bool refused = start_form(f, r, what, what, back, fb);
    f.label = text(label_key, lang);
    f.button = text(submit_key, lang);
    f.css = "button-danger";
    if (refused) {
        f.value = fb->value("reason");
        f.error = fb->take_error();
    }
    return f;
}

/// The type's checklist as check_0, check_1 … (ticked as sent when the form was refused).
std::vector<views::check_item> checklist_of(const app::type_info& type, bool refused,
                                            const form_feedback* fb) {
    std::vector<views::check_item> out;
    for (std::size_t i = 0; i < type.type.checklist.size(); ++i) {
        const std::string name = "check_" + std::to_string(i);
        out.push_back({name, type.type.checklist[i], refused && fb->ticked(name)});
    }
    return out;
}

} // namespace

views::action_button confirm_button(const storage::reservation_row& r, std::string_view back,
                                    const form_feedback* fb, std::string_view lang) {
    return action_button_of(r, "confirm", "confirm", "staff.action_button.confirm",
                            "button-primary", back, fb, lang);
}

views::reason_form reject_form(const storage::reservation_row& r, std::string_view back,
                               const form_feedback* fb, std::string_view lang) {
    return reason_form_of(r, "reject", "staff.reject.label", "staff.reject.submit", back, fb, lang);
}

views::reason_form cancel_form(const storage::reservation_row& r, std::string_view back,
                               const form_feedback* fb, std::string_view lang) {
    return reason_form_of(r, "cancel", "staff.cancel.label", "staff.cancel.submit", back, fb, lang);
}

views::move_form move_form_of(const storage::reservation_row& r, const app::catalog& cat,
                              std::string_view back, const form_feedback* fb,
                              std::string_view lang) {
    views::move_form f;
    const bool refused = start_form(f, r, "move", "move", back, fb);
    const std::string chosen = refused ? fb->value("branch", 10) : std::string{};
    for (const auto& b : cat.branches()) {
        if (b.active) {
            f.branches.push_back({b.code.value,
                                  b.name(lang),
                                  {},
                                  chosen.empty() ? b.id == r.branch_id : b.code.value == chosen});
        }
    }
    if (refused) {
        f.start = fb->value("start", 10);
        f.end = fb->value("end", 10);
        f.error = fb->take_error();
    } else {
        f.start = format_date(r.plan.usage.start);
        f.end = format_date(r.plan.usage.end);
    }
    return f;
}

views::action_button no_show_button(const storage::reservation_row& r, std::string_view back,
                                    const form_feedback* fb, std::string_view lang) {
    return action_button_of(r, "no-show", "no_show", "staff.action_button.no_show", "button-danger",
                            back, fb, lang);
}

views::checkout_form checkout_form_of(const storage::reservation_row& r,
                                      const app::branch_info& branch, const app::type_info& type,
                                      const std::vector<storage::unit_row>& available,
                                      sys_seconds now, std::string_view back,
                                      const form_feedback* fb, std::string_view lang) {
    views::checkout_form f;
    const bool refused = start_form(f, r, "checkout", "co", back, fb);
    const std::string chosen = refused ? fb->value("unit", 40) : std::string{};
    for (const auto& u : available) {
        f.units.push_back({u.tag,
                           i18n::format("staff.checkout.unit_option", lang,
                                        {{"tag", u.tag}, {"hours", meter_text(u.hour_meter)}}),
                           {},
                           u.tag == chosen});
    }
    f.hour_meter_hint = text("staff.checkout.meter_hint", lang);
    f.checklist = checklist_of(type, refused, fb);
    // DOMAIN.md §6: outside the pickup window only with a logged reason.
    f.needs_override = !within_pickup_window(r.plan, now);
    if (f.needs_override) {
        f.override_hint = i18n::format(
            "staff.checkout.override_hint", lang,
            {{"window", pickup_window_text(branch.calendar.zone, r.plan.pickup, lang)}});
    }
    if (refused) {
        f.hour_meter = {fb->value("hour_meter", 12), fb->field_error("hour_meter")};
        f.paid = fb->ticked("paid");
        f.paid_error = fb->field_error("paid");
        f.override_reason = {fb->value("override_reason"), fb->field_error("override_reason")};
        f.error = fb->take_error();
        f.open = true;
    }
    return f;
}

views::checkin_form checkin_form_of(const storage::reservation_row& r, const app::catalog& cat,
                                    const app::type_info& type, sys_seconds now,
                                    std::string_view back, const form_feedback* fb,
                                    std::string_view lang) {
    views::checkin_form f;
    const bool refused = start_form(f, r, "checkin", "ci", back, fb);
    f.hour_meter_hint = i18n::format(
        "staff.checkin.meter_hint", lang,
        {{"unit", r.unit_tag.value_or("")}, {"hours", meter_text(r.hour_meter_out.value_or(0))}});
    f.checklist = checklist_of(type, refused, fb);
    // What the late fee would be if the machine came back now (DOMAIN.md §7).
    const auto late = late_fee(r.plan.return_by, now, r.daily_fee, cat.config().late);
    if (late.days_late > 0) {
        f.late_preview = i18n::format(
            "staff.checkin.late_preview", lang,
            {{"fee", won_text(late.fee, lang)}, {"days", std::to_string(late.days_late)}});
    } else if (now > r.plan.return_by) {
        f.late_preview = text("staff.checkin.within_grace", lang);
    }
    if (refused) {
        f.hour_meter = {fb->value("hour_meter", 12), fb->field_error("hour_meter")};
        f.damage_notes = {fb->value("damage_notes", 2000), fb->field_error("damage_notes")};
        f.at_fault = fb->ticked("farmer_at_fault");
        f.error = fb->take_error();
        f.open = true;
    }
    return f;
}

std::string text_or(const std::string& key, std::string_view fallback, std::string_view lang) {
    const std::string_view t = i18n::text(key, lang);
    return t == key ? std::string{fallback} : std::string{t};
}

std::optional<views::extend_form> extend_form_of(const app::staff_session& staff,
                                                 const storage::reservation_row& r,
                                                 const app::catalog& cat, std::string_view back,
                                                 const form_feedback* fb, std::string_view lang) {
    // DOMAIN.md §12: operators and admins, and clerks of its branch (the service checks again).
    const bool operator_or_admin =
        staff.user.who == role::operator_ || staff.user.who == role::admin;
    if (!app::may_be_extended(r) ||
        !(operator_or_admin || http::may_act_on_branch(staff, r.branch_id))) {
        return std::nullopt;
    }
    views::extend_form e;
    e.action = action_of(r, "extend");
    e.back = std::string{back};
    e.id = "ext-" + r.code;
    const int max_days = cat.config().extension_max_days;
    const bool about = fb != nullptr && fb->about("extend", r.code);
    const std::string chosen = about ? fb->value("end", 10) : std::string{};
    // The new end: each day after the current end up to the limit (whole usage days).
    for (local_days d = r.plan.usage.end + date::days{1};
         d <= r.plan.usage.start + date::days{max_days - 1}; d += date::days{1}) {
        const std::string value = format_date(d);
        e.days.push_back({value,
                          usage_text({r.plan.usage.start, d}, lang),
                          {},
                          chosen.empty() ? e.days.empty() : value == chosen});
    }
    e.limit_note =
        i18n::format("ext.page.limit_note", lang, {{"max_days", std::to_string(max_days)}});
    if (about) {
        e.error = fb->take_error();
        e.quoted_end = fb->extend_end;
        e.added = fb->extend_added;
        e.fee = fb->extend_fee;
        e.return_by = fb->extend_return_by;
        e.open = true;
    }
    if (e.days.empty() && e.error.empty()) {
        return std::nullopt; // at the limit already
    }
    return e;
}

http::response show_back(http::context& ctx, app::services& s, std::string_view back,
                         const form_feedback& fb, int status) {
    const auto [path, query] = split_target(back);
    if (path == "/staff/board") {
        return render_board_page(ctx, s, query, &fb, status, back);
    }
    if (path == "/staff/day") {
        return render_day_page(ctx, s, query, &fb, status, back);
    }
    constexpr std::string_view prefix = "/staff/reservations/";
    if (path.starts_with(prefix) && path.find('/', prefix.size()) == std::string::npos) {
        return render_reservation_page(ctx, s, std::string_view{path}.substr(prefix.size()), query,
                                       &fb, status, back);
    }
    // Any other page: the day sheet for a unit, else the reservation the form was about.
    if (fb.form == "unit") {
        return render_day_page(ctx, s, {}, &fb, status, "/staff/day");
    }
    return render_reservation_page(ctx, s, fb.code, {}, &fb, status,
                                   "/staff/reservations/" + fb.code);
}

} // namespace agrirent::pages
