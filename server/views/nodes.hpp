#pragma once
// Template data (engine.hpp) that more than one view builds: links, choices, the rental plan
// (the "plan" partial), a form field (the "field" partial), and a list of any view models.
// Internal to server/views/.
#include <string_view>
#include <vector>

#include "server/views/engine.hpp"
#include "server/views/farmer_views.hpp"
#include "server/views/page.hpp"

namespace agrirent::views {

/// A list with `to(item)` for each of `items`.
template <class T, class F>
node list_node(const std::vector<T>& items, F&& to) {
    node out = node::list();
    for (const auto& item : items) {
        out.push(to(item));
    }
    return out;
}

node to_node(const link& l);
node links(const std::vector<link>& list);
node choices(const std::vector<choice>& list);
node to_node(const plan_view& p);
/// A field as typed and its error: {{value}}, {{error}}.
node field_node(const field& f);

/// A text input for the "field" partial (the farmers' and the staff forms); its id is
/// "f-<name>".
struct field_spec {
    std::string_view name;
    std::string_view label_key; // catalogue key
    std::string_view hint_key;  // catalogue key or ""
    std::string_view type;      // text, tel, password
    std::string_view autocomplete;
    std::string_view inputmode;
    bool required = true;
    int maxlength = 40;
};

node input_node(const field_spec& spec, const field& f, std::string_view lang);

/// One booking as the farmer's booking page and the staff's reservation page both show it
/// (`View`: booking_view, staff_reservation_view): its code in large type and spelled out, its
/// status, the farmer, the plan.
template <class View>
node booking_node(const View& v) {
    return node{}
        .set("just_booked", v.just_booked)
        .set("code", v.code)
        .set("code_spoken", v.code_spoken)
        .set("status", v.status)
        .set("status_label", v.status_label)
        .set("status_note", v.status_note)
        .set("farmer", v.farmer)
        .set("phone", v.phone)
        .set("group", v.group)
        .set("plan", to_node(v.plan));
}

} // namespace agrirent::views
