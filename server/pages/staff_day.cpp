// The clerk's day sheet (issue 5 "Staff"): /staff/day?date=…(&branch=… for operators and
// admins; a clerk sees their own branch, another one is 403). Pickups of the day with their
// windows and a check-out form each (a no-show button once the window closed), returns due and
// overdue ones with a check-in form each, reservations at risk, and the branch's units with
// one-click status changes: cleaned → available, to maintenance and back. It prints on A4
// (app.css @media print: no navigation, no forms, tables with borders).
#include <algorithm>

#include <boost/json.hpp>
#include <date/tz.h>

#include "common/calendar.hpp"
#include "common/delivery.hpp"
#include "common/lifecycle.hpp"
#include "common/time.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/app/unit_ops.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/staff_pages.hpp"

namespace agrirent::pages {
namespace {

using date::days;

std::string day_href(const app::branch_info& b, local_days d, bool with_branch) {
    return "/staff/day" + query_string({{"branch", with_branch ? b.code.value : std::string{}},
                                        {"date", format_date(d)}});
}

/// "09:00~18:00 운영" or "휴무 (일요일)".
std::string day_status(const app::branch_info& b, local_days d, std::string_view lang) {
    const auto info = classify_day(b.calendar, d);
    if (!info.known) {
        return text("cal.reason.unknown", lang);
    }
    if (info.operating) {
        return i18n::format("staff.day.open", lang,
                            {{"from", clock_text(info.open)}, {"to", clock_text(info.close)}});
    }
    const auto& note = lang == "en" ? info.note_en : info.note_ko;
    std::string why;
    switch (info.why) {
    case day_reason::sunday:
        why = text("cal.reason.sunday", lang);
        break;
    case day_reason::saturday:
        why = text("cal.reason.saturday", lang);
        break;
    case day_reason::holiday:
        why = i18n::format("cal.reason.holiday", lang, {{"name", note}});
        break;
    case day_reason::closure:
        why = note.empty() ? text("cal.reason.closure_plain", lang)
                           : i18n::format("cal.reason.closure", lang, {{"note", note}});
        break;
    default:
        why = text("cal.short.closure", lang);
        break;
    }
    return i18n::format("staff.day.closed", lang, {{"why", why}});
}

/// The one-click status changes a clerk makes on a unit (app::clerk_may_set_unit_status).
std::vector<views::action_button> unit_actions(const storage::unit_row& u, std::string_view back,
                                               const form_feedback* fb, std::string_view lang) {
    std::vector<views::action_button> out;
    const auto add = [&](unit_status to, std::string_view label_key, std::string_view css) {
        if (!app::clerk_may_set_unit_status(u.state, to)) {
            return;
        }
        views::action_button b;
        b.action = "/staff/units/" + u.tag + "/status";
        b.back = std::string{back};
        b.hidden = {{"status", std::string{to_string(to)}}};
        b.label = text(label_key, lang);
        b.css = std::string{css};
        if (fb != nullptr && fb->about("unit", u.tag) && fb->value("status", 20) == to_string(to)) {
            b.error = fb->take_error();
        }
        out.push_back(std::move(b));
    };
    if (u.state == unit_status::cleaning) {
        add(unit_status::available, "staff.unit.cleaned", "button-primary");
    } else {
        add(unit_status::available, "staff.unit.repaired", "button-primary");
    }
    add(unit_status::maintenance, "staff.unit.to_maintenance", "");
    return out;
}

/// The branch's other rentals out now (checked out, not listed as due or overdue today), each
/// with the extension control (DOMAIN.md §12: a farmer calls to keep the machine longer).
void out_now(app::services& s, const app::staff_session& staff, const app::catalog& cat,
             const app::branch_info& branch, const app::day_schedule& sched, sys_seconds now,
             std::string_view back, const form_feedback* fb, std::string_view lang,
             views::day_view& v) {
    storage::reservation_filter f;
    f.branch_id = branch.id;
    f.state = status::checked_out;
    f.limit = 200;
    auto rows = app::search_reservations(s, f);
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.plan.return_by < b.plan.return_by; });
    const auto listed = [&](const storage::reservation_row& r) {
        const auto same = [&](const storage::reservation_row& o) { return o.id == r.id; };
        return std::any_of(sched.returns.begin(), sched.returns.end(), same) ||
               std::any_of(sched.overdue.begin(), sched.overdue.end(), same);
    };
    for (const auto& r : rows) {
        if (listed(r)) {
            continue;
        }
        views::day_item item{line_of(r, cat, now, lang), {}, {}, {}, {}};
        if (r.unit_tag) {
            item.line.note = i18n::format("staff.day.unit_out", lang, {{"unit", *r.unit_tag}});
        }
        item.extend = extend_form_of(staff, r, cat, back, fb, lang);
        v.out.push_back(std::move(item));
    }
}

} // namespace

http::response render_day_page(http::context& ctx, app::services& s,
                               const http::string_pairs& query, const form_feedback* fb, int status,
                               std::string_view self) {
    if (auto gate = require_staff_page(ctx, {role::clerk, role::operator_, role::admin}, self)) {
        return std::move(*gate);
    }
    const auto& staff = *http::staff_of(ctx);
    const std::string_view lang = ctx.lang;
    const auto cat = s.catalog.get();
    const sys_seconds now = s.clock.now();

    // The branch: a clerk's own (another one is refused), or the one asked for.
    const app::branch_info* branch = nullptr;
    const std::string_view asked = query_value(query, "branch");
    if (!asked.empty()) {
        branch = cat->branch(asked);
        if (branch == nullptr) {
            return not_found_page(ctx);
        }
        if (!http::may_act_on_branch(staff, branch->id)) {
            return forbidden_page(ctx, text("staff.forbidden.other_branch", lang));
        }
    } else if (staff.user.branch_id) {
        branch = cat->branch_by_id(*staff.user.branch_id);
    } else {
        for (const auto& b : cat->branches()) {
            if (b.active) {
                branch = &b;
                break;
            }
        }
    }
    if (branch == nullptr) {
        return not_found_page(ctx);
    }
    const local_days today = local_date_of(branch->calendar.zone, now);
    const local_days day = parse_date(query_value(query, "date")).value_or(today);
    const bool choose_branch = staff.user.who != role::clerk;
    const std::string back = day_href(*branch, day, choose_branch);
    // Check-out and check-in: clerks of this branch and admins (DOMAIN.md §6); operators read.
    const bool can_act = staff.user.who == role::admin ||
                         (staff.user.who == role::clerk && staff.user.branch_id == branch->id);

    views::day_view v;
    v.branch_name = branch->name(lang);
    v.branch_code = branch->code.value;
    v.date = format_date(day);
    v.date_title = day_text_year(day, lang);
    v.day_status = day_status(*branch, day, lang);
    v.prev_href = day_href(*branch, day - days{1}, choose_branch);
    v.next_href = day_href(*branch, day + days{1}, choose_branch);
    v.today_href = day_href(*branch, today, choose_branch);
    if (choose_branch) {
        for (const auto& b : cat->branches()) {
            if (b.active) {
                v.branches.push_back({day_href(b, day, true), b.name(lang), b.id == branch->id});
            }
        }
    }
    v.can_act = can_act;
    v.printed = i18n::format(
        "staff.day.printed", lang,
        {{"when", instant_text(branch->calendar.zone, now, lang)},
         {"who", staff.user.display_name.empty() ? staff.user.username : staff.user.display_name}});

    const auto sched = app::schedule_for(s, branch->id, day);
    std::vector<storage::unit_row> units;
    {
        storage::unit_filter f;
        f.branch_id = branch->id;
        units = app::list_units(s, f);
    }
    const auto available_of = [&](std::int64_t type_id) {
        std::vector<storage::unit_row> out;
        for (const auto& u : units) {
            if (u.type_id == type_id && u.state == unit_status::available) {
                out.push_back(u);
            }
        }
        return out;
    };

    for (const auto& r : sched.pickups) {
        views::day_item item{line_of(r, *cat, now, lang), {}, {}, {}, {}};
        const auto* type = cat->type_by_id(r.type_id);
        if (r.state == status::requested) {
            item.line.note = text("staff.day.needs_confirmation", lang);
        } else if (can_act && type != nullptr && r.state == status::confirmed) {
            item.checkout =
                checkout_form_of(r, *branch, *type, available_of(r.type_id), now, back, fb, lang);
            if (pickup_window_closed(r.plan, now)) {
                item.no_show = no_show_button(r, back, fb, lang);
                item.line.note = text("staff.day.window_closed", lang);
            }
        }
        v.pickups.push_back(std::move(item));
    }
    const auto checkin_item = [&](const storage::reservation_row& r) {
        views::day_item item{line_of(r, *cat, now, lang), {}, {}, {}, {}};
        if (r.unit_tag) {
            item.line.note = i18n::format("staff.day.unit_out", lang, {{"unit", *r.unit_tag}});
        }
        const auto* type = cat->type_by_id(r.type_id);
        if (can_act && type != nullptr) {
            item.checkin = checkin_form_of(r, *cat, *type, now, back, fb, lang);
        }
        item.extend = extend_form_of(staff, r, *cat, back, fb, lang);
        return item;
    };
    for (const auto& r : sched.overdue) {
        v.overdue.push_back(checkin_item(r));
    }
    for (const auto& r : sched.returns) {
        bool overdue = false;
        for (const auto& o : sched.overdue) {
            overdue = overdue || o.id == r.id;
        }
        if (!overdue) { // shown once, with the overdue ones
            v.returns.push_back(checkin_item(r));
        }
    }
    out_now(s, staff, *cat, *branch, sched, now, back, fb, lang, v);
    for (const auto& r : sched.at_risk) {
        v.at_risk.push_back(line_of(r, *cat, now, lang));
    }
    // The run sheet (DOMAIN.md §15): what to bring within the pickup window (an eve pickup's on
    // the eve day) and what to fetch at the return deadline, grouped by 읍·면·동.
    const auto* zone = branch->calendar.zone;
    const auto stop_of = [&](const storage::reservation_row& r, bool collect) {
        const auto line = line_of(r, *cat, now, lang);
        const auto* type = cat->type_by_id(r.type_id);
        views::run_stop stop;
        stop.kind = collect ? "collection" : "delivery";
        stop.kind_label =
            text(collect ? "staff.day.run_collection" : "staff.day.run_delivery", lang);
        if (collect) {
            stop.when = clock_text(local_time_of_day(zone, r.plan.return_by));
        } else {
            interval slot = r.plan.pickup;
            if (branch->delivery) {
                slot = delivery_slot(branch->calendar, *branch->delivery, r.plan).value_or(slot);
            }
            stop.when = clock_text(local_time_of_day(zone, slot.from)) + "~" +
                        clock_text(local_time_of_day(zone, slot.to));
        }
        stop.code = line.code;
        stop.href = line.href;
        stop.farmer = line.farmer;
        stop.phone = line.phone;
        stop.machine = type != nullptr ? type->name(lang) : std::string{};
        stop.unit = r.unit_tag.value_or("");
        stop.address = r.delivery ? r.delivery->address : std::string{};
        stop.status_label = line.status_label;
        return stop;
    };
    const auto area_of = [&](const std::string& area) -> views::run_area& {
        for (auto& a : v.runs) {
            if (a.area == area) {
                return a;
            }
        }
        return v.runs.emplace_back(views::run_area{area, {}});
    };
    for (const auto& r : sched.deliveries) {
        area_of(r.delivery ? r.delivery->area : std::string{}).stops.push_back(stop_of(r, false));
        ++v.run_count;
    }
    for (const auto& r : sched.collections) {
        area_of(r.delivery ? r.delivery->area : std::string{}).stops.push_back(stop_of(r, true));
        ++v.run_count;
    }
    std::sort(v.runs.begin(), v.runs.end(),
              [](const views::run_area& a, const views::run_area& b) { return a.area < b.area; });
    v.runs_only = query_value(query, "view") == "runs";
    v.runs_href = with_params(back, {{"view", "runs"}});
    for (const auto& u : units) {
        if (u.state == unit_status::retired) {
            continue;
        }
        const auto* type = cat->type_by_id(u.type_id);
        v.units.push_back(
            {u.tag, type != nullptr ? type->name(lang) : std::string{},
             std::string{to_string(u.state)},
             text("staff.unit_status." + std::string{to_string(u.state)}, lang),
             meter_text(u.hour_meter), u.notes,
             can_act ? unit_actions(u, back, fb, lang) : std::vector<views::action_button>{}});
    }

    if (fb != nullptr && !fb->shown) {
        v.alert = fb->error;
    }
    auto p = staff_chrome(ctx, text("staff.day.title", lang) + " · " + branch->name(lang),
                          "/staff/day", self, "page-staff-day");
    p.notice = done_notice(query, lang);
    return html(ctx, status, views::render_day(p, v));
}

http::response day_page(http::context& ctx, app::services& s) {
    return render_day_page(ctx, s, ctx.query, nullptr, http::status::ok, ctx.req.target);
}

http::response unit_status_submit(http::context& ctx, app::services& s) {
    const std::string_view lang = ctx.lang;
    const auto form = http::form_body(ctx.req);
    std::string back = "/staff/day";
    if (form) {
        if (auto b = safe_local_path(form->value("back"))) {
            back = std::move(*b);
        }
    }
    if (auto gate = require_staff_page(ctx, {role::clerk, role::admin}, back)) {
        return std::move(*gate);
    }
    if (!form) {
        return forbidden_page(ctx, text("form.unreadable", lang));
    }
    const std::string tag{ctx.param("tag")};
    form_feedback fb;
    fb.form = "unit";
    fb.code = tag;
    fb.typed = &*form;
    // The same request as POST /api/v1/units/{tag}/status, through the same decoder.
    codec::unit_status_request rq;
    try {
        rq = codec::unit_status_request_of({{"status", form->value("status")}});
    } catch (const http::api_error& e) {
        fb.error = form_error_of(page_form::unit, e, lang).message;
        return show_back(ctx, s, back, fb, http::status::bad_request);
    }
    const auto* to = &rq.to;
    const auto changed =
        app::set_unit_status(s, tag, *to, rq.note, http::actor_of(ctx, channel::counter));
    if (!changed) {
        const auto& r = changed.error();
        if (r.code == reason::forbidden) {
            return forbidden_page(ctx, text("staff.forbidden.other_branch", lang));
        }
        if (r.code == reason::not_found) {
            return not_found_page(ctx);
        }
        fb.error = http::refusal_message(r, lang);
        return show_back(ctx, s, back, fb, http::status_of(r.code));
    }
    std::string done = "unit_" + std::string{to_string(*to)};
    if (*to == unit_status::maintenance) {
        // DOMAIN.md §3: fewer units may leave bookings without a machine.
        for (const auto& r : app::at_risk_reservations(s, changed->branch_id)) {
            if (r.type_id == changed->type_id) {
                done = "unit_maintenance_risk";
                break;
            }
        }
    }
    return see_other(ctx, with_params(back, {{"done", done}, {"code", tag}}));
}

} // namespace agrirent::pages
