// View models of the farmers' pages to template data (engine.hpp); no logic beyond shaping.
#include "server/views/farmer_views.hpp"

#include "server/views/nodes.hpp"

namespace agrirent::views {
namespace {

node texts(const std::vector<std::string>& items) {
    return node::list_of(items);
}

node phones(const std::vector<phone_link>& list) {
    return list_node(
        list, [](const phone_link& p) { return node{}.set("text", p.text).set("tel", p.tel); });
}

node to_node(const calendar_view& c) {
    node weeks = list_node(c.weeks, [](const std::vector<calendar_cell>& week) {
        return node{}.set("days", list_node(week, [](const calendar_cell& d) {
                              return node{}
                                  .set("blank", d.blank)
                                  .set("day", d.blank ? std::string{} : std::to_string(d.day))
                                  .set("date", d.date)
                                  .set("weekday", d.weekday)
                                  .set("state", d.state)
                                  .set("short_status", d.short_status)
                                  .set("free", d.free)
                                  .set("label", d.label)
                                  .set("href", d.href)
                                  .set("selected", d.selected)
                                  .set("today", d.today);
                          }));
    });
    return node{}
        .set("title", c.title)
        .set("prev_href", c.prev_href)
        .set("next_href", c.next_href)
        .set("prev_label", c.prev_label)
        .set("next_label", c.next_label)
        .set("weekdays", texts(c.weekdays))
        .set("weeks", std::move(weeks))
        .set("closed_days", texts(c.closed_days))
        .set("saturday_note", c.saturday_note)
        .set("hint", c.hint)
        .set("clear_href", c.clear_href)
        .set("api_branch", c.api_branch)
        .set("api_type", c.api_type)
        .set("api_from", c.api_from)
        .set("api_to", c.api_to)
        .set("unit_word", c.unit_word);
}

constexpr field_spec name_spec{"name", "form.name", "form.name_hint", "text", "name", "", true, 40};
constexpr field_spec phone_spec{"phone", "form.phone", "form.phone_hint", "tel", "tel", "tel", true,
                                20};
constexpr field_spec district_spec{
    "district", "form.district", "form.district_hint", "text", "address-level3", "", false, 40};
constexpr field_spec code_spec{"code", "form.code", "form.code_hint", "text", "off", "", true, 12};
constexpr field_spec wl_code_spec{"code", "wl.code", "", "text", "off", "", true, 12};

} // namespace

// DOMAIN.md §14: the code step's section ({{#code_step}}), false when not shown.
static node code_step_node(const code_step_view& c) {
    if (!c.shown) {
        return node{false};
    }
    node n;
    n.set("hint", c.hint).set("notice", c.notice).set("error", c.error);
    return n;
}

std::string render_home(const page& p, const home_view& v) {
    node branches = list_node(v.branches, [](const branch_card& b) {
        return node{}
            .set("name", b.name)
            .set("address", b.address)
            .set("phones", phones(b.phones))
            .set("hours", b.hours)
            .set("saturday_season", b.saturday_season)
            .set("discounts", texts(b.discounts))
            .set("has_discounts", !b.discounts.empty())
            .set("book_href", b.book_href);
    });
    node types = list_node(v.types, [](const type_row& t) {
        return node{}
            .set("name", t.name)
            .set("daily_fee", t.daily_fee)
            .set("fee_today", t.fee_today)
            .set("max_days", t.max_days)
            .set("notes", texts(t.notes));
    });
    return render_page("home", p,
                       node{}
                           .set("today", v.today)
                           .set("branches", std::move(branches))
                           .set("types", std::move(types)));
}

std::string render_book(const page& p, const book_view& v) {
    node model;
    model.set("branches", choices(v.branches))
        .set("types", choices(v.types))
        .set("branch_error", v.branch.error)
        .set("type_error", v.type.error)
        .set("branch_code", v.branch_code)
        .set("type_code", v.type_code)
        .set("chosen", !v.branch_code.empty() && !v.type_code.empty())
        .set("chosen_summary", v.chosen_summary)
        .set("change_href", v.change_href)
        .set("available", v.available)
        .set("approval_note", v.approval_note)
        .set("show_form", v.show_form)
        .set("form_notice", v.form_notice)
        .set("errors", texts(v.errors))
        .set("has_errors", !v.errors.empty())
        .set("start", field_node(v.start))
        .set("end", field_node(v.end))
        .set("dates_error", v.dates_error)
        .set("dates_invalid",
             !v.dates_error.empty() || !v.start.error.empty() || !v.end.error.empty())
        .set("name_field", input_node(name_spec, v.name, p.lang))
        .set("phone_field", input_node(phone_spec, v.phone, p.lang))
        .set("district_field", input_node(district_spec, v.district, p.lang))
        .set("quoted_start", v.quoted_start)
        .set("quoted_end", v.quoted_end)
        .set("delivery_offered", v.delivery_offered)
        .set("delivery_modes", choices(v.delivery_modes))
        .set("delivery_areas", choices(v.delivery_areas))
        .set("delivery_address", field_node(v.delivery_address))
        .set("delivery_error", v.delivery_error)
        .set("delivery_note", v.delivery_note)
        .set("quoted_delivery", v.quoted_delivery)
        .set("group_offered", v.group_offered)
        .set("rental", v.rental)
        .set("rental_group", !v.rental.empty())
        .set("rental_individual_href", v.rental_individual_href)
        .set("rental_group_href", v.rental_group_href)
        .set("rental_note", v.rental_note)
        .set("choose_group", v.choose_group)
        .set("groups", choices(v.groups))
        .set("group_error", v.group_error)
        .set("half_offered", v.half_offered)
        .set("half_choices", choices(v.half_choices))
        .set("half_note", v.half_note)
        .set("half_error", v.half_error)
        .set("quoted_half", v.quoted_half)
        .set("waitlist_offered", v.waitlist_offered)
        .set("waitlist_href", v.waitlist_href)
        .set("min_date", v.min_date)
        .set("max_date", v.max_date)
        .set("code_step", code_step_node(v.code_step));
    model.set("calendar", v.calendar ? to_node(*v.calendar) : node{false});
    model.set("quote", v.quote.has_value()); // the plan partial reads {{plan.…}}
    model.set("plan", v.quote ? to_node(*v.quote) : node{false});
    return render_page("book", p, model);
}

std::string render_booking(const page& p, const booking_view& v) {
    return render_page(
        "booking", p,
        booking_node(v)
            .set("awaiting_approval", v.status == "requested")
            .set("just_cancelled", v.just_cancelled)
            .set("come", v.come)
            .set("bring", texts(v.bring))
            .set("office_name", v.office_name)
            .set("office_address", v.office_address)
            .set("office_phones", phones(v.office_phones))
            .set("ics_href", v.ics_href)
            .set("can_cancel", v.can_cancel)
            .set("cancel_href", v.cancel_href)
            .set("cancel_until", v.cancel_until)
            .set("cancel_error", v.cancel_error)
            .set("print_hint", v.print_hint)
            .set("can_extend", v.can_extend)
            .set("just_extended", v.just_extended)
            .set("extend_action", v.extend_action)
            .set("extend_days", choices(v.extend_days))
            .set("extend_limit_note", v.extend_limit_note)
            .set("extend_error", v.extend_error)
            .set("extend_quoted", !v.extend_end.empty())
            .set("extend_end", v.extend_end)
            .set("extend_added", v.extend_added)
            .set("extend_fee", v.extend_fee)
            .set("extend_return_by", v.extend_return_by)
            .set("code_step", code_step_node(v.extend_step))
            .set("extend_step_quote", v.extend_step.shown && !v.extend_step_confirm)
            .set("extend_step_confirm", v.extend_step.shown && v.extend_step_confirm));
}

std::string render_cancel(const page& p, const cancel_view& v) {
    return render_page("cancel", p,
                       node{}
                           .set("code", v.code)
                           .set("summary", v.summary)
                           .set("action", v.action)
                           .set("back_href", v.back_href)
                           .set("code_step", code_step_node(v.code_step)));
}

std::string render_lookup(const page& p, const lookup_view& v) {
    return render_page("lookup", p,
                       node{}
                           .set("intro", v.intro)
                           .set("code_field", input_node(code_spec, v.code, p.lang))
                           .set("phone_field", input_node(phone_spec, v.phone, p.lang))
                           .set("errors", texts(v.errors))
                           .set("has_errors", !v.errors.empty()));
}

std::string render_waitlist_join(const page& p, const waitlist_join_view& v) {
    return render_page("waitlist_join", p,
                       node{}
                           .set("branch", v.branch)
                           .set("type", v.type)
                           .set("start", v.start)
                           .set("end", v.end)
                           .set("half", v.half)
                           .set("summary", v.summary)
                           .set("back_href", v.back_href)
                           .set("name_field", input_node(name_spec, v.name, p.lang))
                           .set("phone_field", input_node(phone_spec, v.phone, p.lang))
                           .set("errors", texts(v.errors))
                           .set("has_errors", !v.errors.empty())
                           .set("code_step", code_step_node(v.code_step)));
}

std::string render_waitlist_entry(const page& p, const waitlist_entry_view& v) {
    return render_page("waitlist_entry", p,
                       node{}
                           .set("notice", v.notice)
                           .set("code", v.code)
                           .set("code_spoken", v.code_spoken)
                           .set("status", v.status)
                           .set("status_label", v.status_label)
                           .set("summary", v.summary)
                           .set("farmer", v.farmer)
                           .set("phone", v.phone)
                           .set("position", v.position)
                           .set("next", v.next)
                           .set("offer_until", v.offer_until)
                           .set("offered", v.offered)
                           .set("can_cancel", v.can_cancel)
                           .set("accept_action", v.accept_action)
                           .set("decline_action", v.decline_action)
                           .set("cancel_action", v.cancel_action)
                           .set("reservation_href", v.reservation_href)
                           .set("reservation_code", v.reservation_code)
                           .set("error", v.error)
                           .set("code_step", code_step_node(v.code_step))
                           .set("step_accept", v.code_step.shown && v.step_action == "accept")
                           .set("step_decline", v.code_step.shown && v.step_action == "decline")
                           .set("step_cancel", v.code_step.shown && v.step_action == "cancel"));
}

std::string render_waitlist_lookup(const page& p, const waitlist_lookup_view& v) {
    return render_page("waitlist_lookup", p,
                       node{}
                           .set("intro", v.intro)
                           .set("code_field", input_node(wl_code_spec, v.code, p.lang))
                           .set("phone_field", input_node(phone_spec, v.phone, p.lang))
                           .set("errors", texts(v.errors))
                           .set("has_errors", !v.errors.empty()));
}

std::string render_message(const page& p, const message_view& v) {
    return render_page("message", p, node{}.set("heading", v.heading).set("text", v.text));
}

} // namespace agrirent::views
