// View models of the farmers' pages to template data (engine.hpp); no logic beyond shaping.
#include "server/views/farmer_views.hpp"

#include "server/i18n/messages.hpp"
#include "server/views/engine.hpp"

namespace agrirent::views {
namespace {

node texts(const std::vector<std::string>& items) {
    return node::list_of(items);
}

/// A form field for the "field" partial: id, name, label key, input type and autocomplete.
struct field_spec {
    std::string_view name;
    std::string_view label_key; // catalogue key
    std::string_view hint_key;  // catalogue key or ""
    std::string_view type;      // text, tel
    std::string_view autocomplete;
    std::string_view inputmode;
    bool required = true;
    int maxlength = 40;
};

node to_node(const field_spec& spec, const field& f, std::string_view lang) {
    return node{}
        .set("id", "f-" + std::string{spec.name})
        .set("name", spec.name)
        .set("label", i18n::text(spec.label_key, lang))
        .set("hint", spec.hint_key.empty() ? std::string_view{} : i18n::text(spec.hint_key, lang))
        .set("input_type", spec.type)
        .set("autocomplete", spec.autocomplete)
        .set("inputmode", spec.inputmode)
        .set("required", spec.required)
        .set("maxlength", spec.maxlength)
        .set("value", f.value)
        .set("error", f.error);
}

node to_node(const phone_link& p) {
    return node{}.set("text", p.text).set("tel", p.tel);
}

node phones(const std::vector<phone_link>& list) {
    node out = node::list();
    for (const auto& p : list) {
        out.push(to_node(p));
    }
    return out;
}

node to_node(const choice& c) {
    return node{}
        .set("value", c.value)
        .set("label", c.label)
        .set("detail", c.detail)
        .set("selected", c.selected);
}

node choices(const std::vector<choice>& list) {
    node out = node::list();
    for (const auto& c : list) {
        out.push(to_node(c));
    }
    return out;
}

node to_node(const calendar_view& c) {
    node weeks = node::list();
    for (const auto& week : c.weeks) {
        node days = node::list();
        for (const auto& d : week) {
            days.push(node{}
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
                          .set("today", d.today));
        }
        weeks.push(node{}.set("days", std::move(days)));
    }
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

constexpr field_spec name_spec{"name", "form.name", "form.name_hint", "text", "name", "", true, 40};
constexpr field_spec phone_spec{"phone", "form.phone", "form.phone_hint", "tel", "tel", "tel", true,
                                20};
constexpr field_spec district_spec{
    "district", "form.district", "form.district_hint", "text", "address-level3", "", false, 40};
constexpr field_spec code_spec{"code", "form.code", "form.code_hint", "text", "off", "", true, 12};

} // namespace

std::string render_home(const page& p, const home_view& v) {
    node branches = node::list();
    for (const auto& b : v.branches) {
        branches.push(node{}
                          .set("name", b.name)
                          .set("address", b.address)
                          .set("phones", phones(b.phones))
                          .set("hours", b.hours)
                          .set("saturday_season", b.saturday_season)
                          .set("discounts", texts(b.discounts))
                          .set("has_discounts", !b.discounts.empty())
                          .set("book_href", b.book_href));
    }
    node types = node::list();
    for (const auto& t : v.types) {
        types.push(node{}
                       .set("name", t.name)
                       .set("daily_fee", t.daily_fee)
                       .set("fee_today", t.fee_today)
                       .set("max_days", t.max_days)
                       .set("notes", texts(t.notes)));
    }
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
        .set("start", node{}.set("value", v.start.value).set("error", v.start.error))
        .set("end", node{}.set("value", v.end.value).set("error", v.end.error))
        .set("dates_error", v.dates_error)
        .set("dates_invalid",
             !v.dates_error.empty() || !v.start.error.empty() || !v.end.error.empty())
        .set("name_field", to_node(name_spec, v.name, p.lang))
        .set("phone_field", to_node(phone_spec, v.phone, p.lang))
        .set("district_field", to_node(district_spec, v.district, p.lang))
        .set("quoted_start", v.quoted_start)
        .set("quoted_end", v.quoted_end)
        .set("min_date", v.min_date)
        .set("max_date", v.max_date);
    model.set("calendar", v.calendar ? to_node(*v.calendar) : node{false});
    model.set("quote", v.quote.has_value()); // the plan partial reads {{plan.…}}
    model.set("plan", v.quote ? to_node(*v.quote) : node{false});
    return render_page("book", p, model);
}

std::string render_booking(const page& p, const booking_view& v) {
    return render_page("booking", p,
                       node{}
                           .set("just_booked", v.just_booked)
                           .set("just_cancelled", v.just_cancelled)
                           .set("code", v.code)
                           .set("code_spoken", v.code_spoken)
                           .set("status", v.status)
                           .set("status_label", v.status_label)
                           .set("status_note", v.status_note)
                           .set("farmer", v.farmer)
                           .set("phone", v.phone)
                           .set("plan", to_node(v.plan))
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
                           .set("print_hint", v.print_hint));
}

std::string render_cancel(const page& p, const cancel_view& v) {
    return render_page("cancel", p,
                       node{}
                           .set("code", v.code)
                           .set("summary", v.summary)
                           .set("action", v.action)
                           .set("back_href", v.back_href));
}

std::string render_lookup(const page& p, const lookup_view& v) {
    return render_page("lookup", p,
                       node{}
                           .set("intro", v.intro)
                           .set("code_field", to_node(code_spec, v.code, p.lang))
                           .set("phone_field", to_node(phone_spec, v.phone, p.lang))
                           .set("errors", texts(v.errors))
                           .set("has_errors", !v.errors.empty()));
}

std::string render_message(const page& p, const message_view& v) {
    return render_page("message", p, node{}.set("heading", v.heading).set("text", v.text));
}

} // namespace agrirent::views
