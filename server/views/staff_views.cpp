// View models of the staff pages to template data (engine.hpp); no logic beyond shaping.
#include "server/views/staff_views.hpp"

#include "server/views/nodes.hpp"

namespace agrirent::views {
namespace {

node to_node(const reservation_line& l) {
    return node{}
        .set("code", l.code)
        .set("href", l.href)
        .set("farmer", l.farmer)
        .set("phone", l.phone)
        .set("group", l.group)
        .set("where", l.where)
        .set("usage", l.usage)
        .set("pickup", l.pickup)
        .set("return_by", l.return_by)
        .set("status", l.status)
        .set("status_label", l.status_label)
        .set("note", l.note);
}

node lines(const std::vector<reservation_line>& list) {
    return list_node(list, [](const reservation_line& l) { return to_node(l); });
}

node to_node(const action_button& b) {
    return node{}
        .set("action", b.action)
        .set("back", b.back)
        .set("hidden", list_node(b.hidden,
                                 [](const hidden_field& h) {
                                     return node{}.set("name", h.name).set("value", h.value);
                                 }))
        .set("label", b.label)
        .set("css", b.css)
        .set("error", b.error);
}

node to_node(const reason_form& f) {
    return node{}
        .set("action", f.action)
        .set("back", f.back)
        .set("id", f.id)
        .set("label", f.label)
        .set("button", f.button)
        .set("css", f.css)
        .set("value", f.value)
        .set("error", f.error);
}

node to_node(const move_form& f) {
    return node{}
        .set("action", f.action)
        .set("back", f.back)
        .set("id", f.id)
        .set("branches", choices(f.branches))
        .set("start", f.start)
        .set("end", f.end)
        .set("error", f.error);
}

node checks(const std::vector<check_item>& items) {
    return list_node(items, [](const check_item& c) {
        return node{}.set("name", c.name).set("label", c.label).set("checked", c.checked);
    });
}

node to_node(const checkout_form& f) {
    return node{}
        .set("action", f.action)
        .set("back", f.back)
        .set("id", f.id)
        .set("units", choices(f.units))
        .set("has_units", !f.units.empty())
        .set("hour_meter", field_node(f.hour_meter))
        .set("hour_meter_hint", f.hour_meter_hint)
        .set("checklist", checks(f.checklist))
        .set("has_checklist", !f.checklist.empty())
        .set("paid", f.paid)
        .set("paid_error", f.paid_error)
        .set("needs_override", f.needs_override)
        .set("override_hint", f.override_hint)
        .set("override_reason", field_node(f.override_reason))
        .set("error", f.error)
        .set("open", f.open);
}

node to_node(const checkin_form& f) {
    return node{}
        .set("action", f.action)
        .set("back", f.back)
        .set("id", f.id)
        .set("hour_meter", field_node(f.hour_meter))
        .set("hour_meter_hint", f.hour_meter_hint)
        .set("checklist", checks(f.checklist))
        .set("has_checklist", !f.checklist.empty())
        .set("damage_notes", field_node(f.damage_notes))
        .set("at_fault", f.at_fault)
        .set("late_preview", f.late_preview)
        .set("error", f.error)
        .set("open", f.open);
}

node to_node(const extend_form& f) {
    return node{}
        .set("action", f.action)
        .set("back", f.back)
        .set("id", f.id)
        .set("open", f.open)
        .set("days", choices(f.days))
        .set("limit_note", f.limit_note)
        .set("error", f.error)
        .set("quoted", !f.quoted_end.empty())
        .set("quoted_end", f.quoted_end)
        .set("added", f.added)
        .set("fee", f.fee)
        .set("return_by", f.return_by);
}

template <class T>
node optional_node(const std::optional<T>& v) {
    return v ? to_node(*v) : node{false};
}

node to_node(const day_item& d) {
    return node{}
        .set("line", to_node(d.line))
        .set("checkout", optional_node(d.checkout))
        .set("checkin", optional_node(d.checkin))
        .set("no_show", optional_node(d.no_show))
        .set("extend", optional_node(d.extend))
        .set("has_work", d.checkout || d.checkin || d.no_show || d.extend);
}

node day_items(const std::vector<day_item>& items) {
    return list_node(items, [](const day_item& d) { return to_node(d); });
}

/// The board's search results, each with its extension control when checked out (§12).
node search_results(const board_view& v) {
    node out = node::list();
    for (std::size_t i = 0; i < v.results.size(); ++i) {
        out.push(to_node(v.results[i])
                     .set("extend", i < v.result_extends.size() ? optional_node(v.result_extends[i])
                                                                : node{false}));
    }
    return out;
}

} // namespace

std::string render_staff_message(const page& p, const staff_message_view& v) {
    return render_page(
        "staff_message", p,
        node{}.set("heading", v.heading).set("text", v.text).set("links", links(v.links)));
}

std::string render_login(const page& p, const login_view& v) {
    constexpr field_spec username{
        "username", "staff.login.username", "", "text", "username", "", true, 64};
    constexpr field_spec password{
        "password", "staff.login.password", "", "password", "current-password", "", true, 1024};
    return render_page(
        "staff_login", p,
        node{}
            .set("username_field", input_node(username, v.username, p.lang))
            // A password is never sent back to the browser.
            .set("password_field", input_node(password, {"", v.password_error}, p.lang))
            .set("next", v.next)
            .set("intro", v.intro)
            .set("alert", v.alert));
}

std::string render_board(const page& p, const board_view& v) {
    node days = list_node(v.days, [](const board_day& d) {
        return node{}
            .set("day", d.day)
            .set("weekday", d.weekday)
            .set("label", d.label)
            .set("today", d.today)
            .set("weekend", d.weekend);
    });
    node branches = list_node(v.branches, [&](const board_branch& b) {
        node rows = list_node(b.rows, [](const board_row& r) {
            return node{}
                .set("type", r.type)
                .set("cells", list_node(r.cells, [](const board_cell& c) {
                         return node{}
                             .set("text", c.text)
                             .set("state", c.state)
                             .set("closed", c.closed)
                             .set("tag", c.tag)
                             .set("href", c.href)
                             .set("label", c.label)
                             .set("half", !c.half_am.empty())
                             .set("half_am", c.half_am)
                             .set("half_pm", c.half_pm);
                     }));
        });
        return node{}
            .set("name", b.name)
            .set("rows", std::move(rows))
            .set("colspan", static_cast<int>(v.days.size()) + 1);
    });
    node approvals = list_node(v.approvals, [](const approval_item& a) {
        return node{}
            .set("line", to_node(a.line))
            .set("confirm", to_node(a.confirm))
            .set("reject", to_node(a.reject));
    });
    node risks = list_node(v.at_risk, [](const risk_item& r) {
        return node{}
            .set("line", to_node(r.line))
            .set("move", to_node(r.move))
            .set("cancel", to_node(r.cancel));
    });
    return render_page("staff_board", p,
                       node{}
                           .set("range", v.range)
                           .set("from", v.from)
                           .set("prev_href", v.prev_href)
                           .set("next_href", v.next_href)
                           .set("today_href", v.today_href)
                           .set("days", std::move(days))
                           .set("branches", std::move(branches))
                           .set("query", field_node(v.query))
                           .set("searched", v.searched)
                           .set("results", search_results(v))
                           .set("has_results", !v.results.empty())
                           .set("approvals", std::move(approvals))
                           .set("approval_count", static_cast<int>(v.approvals.size()))
                           .set("has_approvals", !v.approvals.empty())
                           .set("at_risk", std::move(risks))
                           .set("risk_count", static_cast<int>(v.at_risk.size()))
                           .set("has_risks", !v.at_risk.empty())
                           .set("waitlist", list_node(v.waitlist,
                                                      [](const waitlist_line& w) {
                                                          return node{}
                                                              .set("position", w.position)
                                                              .set("code", w.code)
                                                              .set("farmer", w.farmer)
                                                              .set("where", w.where)
                                                              .set("period", w.period)
                                                              .set("status", w.status)
                                                              .set("href", w.href);
                                                      }))
                           .set("waitlist_count", static_cast<int>(v.waitlist.size()))
                           .set("has_waitlist", !v.waitlist.empty())
                           .set("alert", v.alert));
}

std::string render_staff_book(const page& p, const staff_book_view& v) {
    constexpr field_spec name{"name", "staff.book.name", "", "text", "off", "", true, 40};
    constexpr field_spec phone{
        "phone", "staff.book.phone", "staff.book.phone_hint", "tel", "off", "tel", true, 20};
    // The waitlist form's own fields (ids f-wl_name, f-wl_phone: the booking form has its own).
    constexpr field_spec wl_name{"wl_name", "staff.book.name", "", "text", "off", "", true, 40};
    constexpr field_spec wl_phone{
        "wl_phone", "staff.book.phone", "staff.book.phone_hint", "tel", "off", "tel", true, 20};
    node model;
    model.set("summary", v.summary)
        .set("back_href", v.back_href)
        .set("lengths", links(v.lengths))
        .set("quote", v.quote.has_value())
        .set("available", v.available)
        .set("dates_error", v.dates_error)
        .set("show_form", v.show_form)
        .set("errors", node::list_of(v.errors))
        .set("has_errors", !v.errors.empty())
        .set("branch", v.branch)
        .set("type", v.type)
        .set("start", v.start)
        .set("end", v.end)
        .set("half", v.half)
        .set("from", v.from)
        .set("name_field", input_node(name, v.name, p.lang))
        .set("phone_field", input_node(phone, v.phone, p.lang))
        .set("group_offered", v.group_offered)
        .set("groups", choices(v.groups))
        .set("group", v.group)
        .set("group_note", v.group_note)
        .set("delivery_offered", v.delivery_offered)
        .set("delivery_modes", choices(v.delivery_modes))
        .set("delivery_areas", choices(v.delivery_areas))
        .set("delivery_address", field_node(v.delivery_address))
        .set("delivery_error", v.delivery_error)
        .set("delivery_note", v.delivery_note)
        .set("holders_heading", v.holders_heading)
        .set("holders", lines(v.holders))
        .set("has_holders", !v.holders.empty())
        .set("waitlist_offered", v.waitlist_offered)
        .set("wl_name_field", input_node(wl_name, v.wl_name, p.lang))
        .set("wl_phone_field", input_node(wl_phone, v.wl_phone, p.lang))
        .set("wl_error", v.wl_error)
        .set("wl_errors", node::list_of(v.wl_errors))
        .set("wl_has_errors", !v.wl_errors.empty());
    if (v.quote) {
        model.set("plan", to_node(*v.quote)); // the plan partial reads {{plan.…}}
    }
    return render_page("staff_book", p, model);
}

std::string render_staff_reservation(const page& p, const staff_reservation_view& v) {
    node facts = list_node(
        v.facts, [](const fact& f) { return node{}.set("label", f.label).set("value", f.value); });
    node history = list_node(v.history, [](const history_row& h) {
        return node{}
            .set("when", h.when)
            .set("who", h.who)
            .set("action", h.action)
            .set("details", h.details);
    });
    const bool operator_actions = v.confirm || v.reject || v.cancel || v.move;
    const bool clerk_actions = v.no_show || v.checkout || v.checkin || v.extend;
    return render_page("staff_reservation", p,
                       booking_node(v)
                           .set("phone_search_href", v.phone_search_href)
                           .set("facts", std::move(facts))
                           .set("returned", v.returned)
                           .set("result_highlight", v.result_highlight)
                           .set("late_fee", v.late_fee)
                           .set("late_days", v.late_days)
                           .set("late", v.late)
                           .set("confirm", optional_node(v.confirm))
                           .set("reject", optional_node(v.reject))
                           .set("cancel", optional_node(v.cancel))
                           .set("move", optional_node(v.move))
                           .set("no_show", optional_node(v.no_show))
                           .set("checkout", optional_node(v.checkout))
                           .set("checkin", optional_node(v.checkin))
                           .set("extend", optional_node(v.extend))
                           .set("has_actions", operator_actions || clerk_actions)
                           .set("history", std::move(history))
                           .set("has_history", !v.history.empty())
                           .set("back_href", v.back_href)
                           .set("back_label", v.back_label)
                           .set("alert", v.alert));
}

std::string render_day(const page& p, const day_view& v) {
    node units = list_node(v.units, [](const unit_line& u) {
        return node{}
            .set("tag", u.tag)
            .set("type", u.type)
            .set("status", u.status)
            .set("status_label", u.status_label)
            .set("hour_meter", u.hour_meter)
            .set("notes", u.notes)
            .set("actions",
                 list_node(u.actions, [](const action_button& a) { return to_node(a); }));
    });
    node runs = list_node(v.runs, [](const run_area& a) {
        return node{}.set("area", a.area).set("stops", list_node(a.stops, [](const run_stop& r) {
                                                  return node{}
                                                      .set("kind", r.kind)
                                                      .set("kind_label", r.kind_label)
                                                      .set("when", r.when)
                                                      .set("code", r.code)
                                                      .set("href", r.href)
                                                      .set("farmer", r.farmer)
                                                      .set("phone", r.phone)
                                                      .set("machine", r.machine)
                                                      .set("unit", r.unit)
                                                      .set("address", r.address)
                                                      .set("status_label", r.status_label);
                                              }));
    });
    return render_page("staff_day", p,
                       node{}
                           .set("runs", std::move(runs))
                           .set("has_runs", !v.runs.empty())
                           .set("run_count", v.run_count)
                           .set("runs_only", v.runs_only)
                           .set("runs_href", v.runs_href)
                           .set("branch_name", v.branch_name)
                           .set("branch_code", v.branch_code)
                           .set("date", v.date)
                           .set("date_title", v.date_title)
                           .set("day_status", v.day_status)
                           .set("prev_href", v.prev_href)
                           .set("next_href", v.next_href)
                           .set("today_href", v.today_href)
                           .set("branches", links(v.branches))
                           .set("has_branches", !v.branches.empty())
                           .set("can_act", v.can_act)
                           .set("pickups", day_items(v.pickups))
                           .set("has_pickups", !v.pickups.empty())
                           .set("pickup_count", static_cast<int>(v.pickups.size()))
                           .set("return_count", static_cast<int>(v.returns.size()))
                           .set("overdue_count", static_cast<int>(v.overdue.size()))
                           .set("returns", day_items(v.returns))
                           .set("has_returns", !v.returns.empty())
                           .set("overdue", day_items(v.overdue))
                           .set("has_overdue", !v.overdue.empty())
                           .set("out", day_items(v.out))
                           .set("out_count", static_cast<int>(v.out.size()))
                           .set("has_out", !v.out.empty())
                           .set("at_risk", lines(v.at_risk))
                           .set("has_risks", !v.at_risk.empty())
                           .set("units", std::move(units))
                           .set("printed", v.printed)
                           .set("alert", v.alert));
}

std::string render_staff_waitlist(const page& p, const staff_waitlist_view& v) {
    node facts = list_node(
        v.facts, [](const fact& f) { return node{}.set("label", f.label).set("value", f.value); });
    return render_page("staff_waitlist", p,
                       node{}
                           .set("just_joined", v.just_joined)
                           .set("notice", v.notice)
                           .set("code", v.code)
                           .set("code_spoken", v.code_spoken)
                           .set("status", v.status)
                           .set("status_label", v.status_label)
                           .set("position", v.position)
                           .set("summary", v.summary)
                           .set("farmer", v.farmer)
                           .set("phone", v.phone)
                           .set("offer_until", v.offer_until)
                           .set("next", v.next)
                           .set("facts", std::move(facts))
                           .set("reservation_code", v.reservation_code)
                           .set("reservation_href", v.reservation_href)
                           .set("accept", optional_node(v.accept))
                           .set("decline", optional_node(v.decline))
                           .set("cancel", optional_node(v.cancel))
                           .set("has_actions", v.accept || v.decline || v.cancel)
                           .set("error", v.error)
                           .set("back_href", v.back_href)
                           .set("back_label", v.back_label));
}

} // namespace agrirent::views
