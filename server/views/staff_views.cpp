// View models of the staff pages to template data (engine.hpp); no logic beyond shaping.
#include "server/views/staff_views.hpp"

#include "server/i18n/messages.hpp"
#include "server/views/engine.hpp"

namespace agrirent::views {
namespace {

/// A text input for the "field" partial (the same partial as the farmers' forms).
struct input_spec {
    std::string_view id;
    std::string_view name;
    std::string_view label_key;
    std::string_view hint_key; // or ""
    std::string_view type;     // text, tel, password
    std::string_view autocomplete;
    std::string_view inputmode;
    int maxlength = 40;
};

node input(const input_spec& spec, const field& f, std::string_view lang) {
    return node{}
        .set("id", spec.id)
        .set("name", spec.name)
        .set("label", i18n::text(spec.label_key, lang))
        .set("hint", spec.hint_key.empty() ? std::string_view{} : i18n::text(spec.hint_key, lang))
        .set("input_type", spec.type)
        .set("autocomplete", spec.autocomplete)
        .set("inputmode", spec.inputmode)
        .set("required", true)
        .set("maxlength", spec.maxlength)
        .set("value", f.value)
        .set("error", f.error);
}

node field_node(const field& f) {
    return node{}.set("value", f.value).set("error", f.error);
}

node to_node(const link& l) {
    return node{}.set("href", l.href).set("label", l.label).set("current", l.current);
}

node links(const std::vector<link>& list) {
    node out = node::list();
    for (const auto& l : list) {
        out.push(to_node(l));
    }
    return out;
}

node choices(const std::vector<choice>& list) {
    node out = node::list();
    for (const auto& c : list) {
        out.push(node{}
                     .set("value", c.value)
                     .set("label", c.label)
                     .set("detail", c.detail)
                     .set("selected", c.selected));
    }
    return out;
}

node to_node(const reservation_line& l) {
    return node{}
        .set("code", l.code)
        .set("href", l.href)
        .set("farmer", l.farmer)
        .set("phone", l.phone)
        .set("where", l.where)
        .set("usage", l.usage)
        .set("pickup", l.pickup)
        .set("return_by", l.return_by)
        .set("status", l.status)
        .set("status_label", l.status_label)
        .set("note", l.note);
}

node lines(const std::vector<reservation_line>& list) {
    node out = node::list();
    for (const auto& l : list) {
        out.push(to_node(l));
    }
    return out;
}

node to_node(const action_button& b) {
    node hidden = node::list();
    for (const auto& h : b.hidden) {
        hidden.push(node{}.set("name", h.name).set("value", h.value));
    }
    return node{}
        .set("action", b.action)
        .set("back", b.back)
        .set("hidden", std::move(hidden))
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
    node out = node::list();
    for (const auto& c : items) {
        out.push(node{}.set("name", c.name).set("label", c.label).set("checked", c.checked));
    }
    return out;
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

template <class T>
node optional_node(const std::optional<T>& v) {
    return v ? to_node(*v) : node{false};
}

node to_node(const plan_view& p) {
    node days = node::list();
    for (const auto& d : p.days) {
        days.push(node{}
                      .set("date", d.date)
                      .set("daily_fee", d.daily_fee)
                      .set("discount", d.discount)
                      .set("amount", d.amount));
    }
    return node{}
        .set("branch", p.branch)
        .set("type", p.type)
        .set("usage", p.usage)
        .set("pickup", p.pickup)
        .set("eve_note", p.eve_note)
        .set("return_by", p.return_by)
        .set("days", std::move(days))
        .set("gross", p.gross)
        .set("discount", p.discount)
        .set("surcharge", p.surcharge)
        .set("total", p.total);
}

node to_node(const day_item& d) {
    return node{}
        .set("line", to_node(d.line))
        .set("checkout", optional_node(d.checkout))
        .set("checkin", optional_node(d.checkin))
        .set("no_show", optional_node(d.no_show))
        .set("has_work", d.checkout || d.checkin || d.no_show);
}

node day_items(const std::vector<day_item>& items) {
    node out = node::list();
    for (const auto& d : items) {
        out.push(to_node(d));
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
    constexpr input_spec username{
        "f-username", "username", "staff.login.username", "", "text", "username", "", 64};
    constexpr input_spec password{"f-password", "password", "staff.login.password",
                                  "",           "password", "current-password",
                                  "",           1024};
    return render_page("staff_login", p,
                       node{}
                           .set("username_field", input(username, v.username, p.lang))
                           // A password is never sent back to the browser.
                           .set("password_field", input(password, {"", v.password_error}, p.lang))
                           .set("next", v.next)
                           .set("intro", v.intro)
                           .set("alert", v.alert));
}

std::string render_board(const page& p, const board_view& v) {
    node days = node::list();
    for (const auto& d : v.days) {
        days.push(node{}
                      .set("day", d.day)
                      .set("weekday", d.weekday)
                      .set("label", d.label)
                      .set("today", d.today)
                      .set("weekend", d.weekend));
    }
    node branches = node::list();
    for (const auto& b : v.branches) {
        node rows = node::list();
        for (const auto& r : b.rows) {
            node cells = node::list();
            for (const auto& c : r.cells) {
                cells.push(node{}
                               .set("text", c.text)
                               .set("state", c.state)
                               .set("closed", c.closed)
                               .set("tag", c.tag)
                               .set("href", c.href)
                               .set("label", c.label));
            }
            rows.push(node{}.set("type", r.type).set("cells", std::move(cells)));
        }
        branches.push(node{}
                          .set("name", b.name)
                          .set("rows", std::move(rows))
                          .set("colspan", static_cast<int>(v.days.size()) + 1));
    }
    node approvals = node::list();
    for (const auto& a : v.approvals) {
        approvals.push(node{}
                           .set("line", to_node(a.line))
                           .set("confirm", to_node(a.confirm))
                           .set("reject", to_node(a.reject)));
    }
    node risks = node::list();
    for (const auto& r : v.at_risk) {
        risks.push(node{}
                       .set("line", to_node(r.line))
                       .set("move", to_node(r.move))
                       .set("cancel", to_node(r.cancel)));
    }
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
                           .set("results", lines(v.results))
                           .set("has_results", !v.results.empty())
                           .set("approvals", std::move(approvals))
                           .set("approval_count", static_cast<int>(v.approvals.size()))
                           .set("has_approvals", !v.approvals.empty())
                           .set("at_risk", std::move(risks))
                           .set("risk_count", static_cast<int>(v.at_risk.size()))
                           .set("has_risks", !v.at_risk.empty())
                           .set("alert", v.alert));
}

std::string render_staff_book(const page& p, const staff_book_view& v) {
    constexpr input_spec name{"f-name", "name", "staff.book.name", "", "text", "off", "", 40};
    constexpr input_spec phone{
        "f-phone", "phone", "staff.book.phone", "staff.book.phone_hint", "tel", "off", "tel", 20};
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
        .set("from", v.from)
        .set("name_field", input(name, v.name, p.lang))
        .set("phone_field", input(phone, v.phone, p.lang))
        .set("holders_heading", v.holders_heading)
        .set("holders", lines(v.holders))
        .set("has_holders", !v.holders.empty());
    if (v.quote) {
        model.set("plan", to_node(*v.quote)); // the plan partial reads {{plan.…}}
    }
    return render_page("staff_book", p, model);
}

std::string render_staff_reservation(const page& p, const staff_reservation_view& v) {
    node facts = node::list();
    for (const auto& f : v.facts) {
        facts.push(node{}.set("label", f.label).set("value", f.value));
    }
    node history = node::list();
    for (const auto& h : v.history) {
        history.push(node{}
                         .set("when", h.when)
                         .set("who", h.who)
                         .set("action", h.action)
                         .set("details", h.details));
    }
    const bool operator_actions = v.confirm || v.reject || v.cancel || v.move;
    const bool clerk_actions = v.no_show || v.checkout || v.checkin;
    return render_page("staff_reservation", p,
                       node{}
                           .set("just_booked", v.just_booked)
                           .set("code", v.code)
                           .set("code_spoken", v.code_spoken)
                           .set("status", v.status)
                           .set("status_label", v.status_label)
                           .set("status_note", v.status_note)
                           .set("farmer", v.farmer)
                           .set("phone", v.phone)
                           .set("phone_search_href", v.phone_search_href)
                           .set("plan", to_node(v.plan))
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
                           .set("has_actions", operator_actions || clerk_actions)
                           .set("history", std::move(history))
                           .set("has_history", !v.history.empty())
                           .set("back_href", v.back_href)
                           .set("back_label", v.back_label)
                           .set("alert", v.alert));
}

std::string render_day(const page& p, const day_view& v) {
    node units = node::list();
    for (const auto& u : v.units) {
        node actions = node::list();
        for (const auto& a : u.actions) {
            actions.push(to_node(a));
        }
        units.push(node{}
                       .set("tag", u.tag)
                       .set("type", u.type)
                       .set("status", u.status)
                       .set("status_label", u.status_label)
                       .set("hour_meter", u.hour_meter)
                       .set("notes", u.notes)
                       .set("actions", std::move(actions)));
    }
    return render_page("staff_day", p,
                       node{}
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
                           .set("at_risk", lines(v.at_risk))
                           .set("has_risks", !v.at_risk.empty())
                           .set("units", std::move(units))
                           .set("printed", v.printed)
                           .set("alert", v.alert));
}

} // namespace agrirent::views
