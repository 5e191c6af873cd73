#include "server/views/nodes.hpp"

#include <string>

#include "server/i18n/messages.hpp"

namespace agrirent::views {
namespace {

/// The eve-pickup sentence split around its pickup day and window, so that part can be set
/// large: {before, pickup, day, hours, after}, the hours (the end of the pickup text) kept on
/// one line. Without the pickup text in it, the whole sentence is `before`.
node eve_parts(const std::string& note, const std::string& pickup, const std::string& hours) {
    const auto at = pickup.empty() ? std::string::npos : note.find(pickup);
    if (at == std::string::npos) {
        return node{}
            .set("before", note)
            .set("pickup", std::string{})
            .set("day", std::string{})
            .set("hours", std::string{})
            .set("after", std::string{});
    }
    const bool split = !hours.empty() && pickup.ends_with(hours);
    return node{}
        .set("before", note.substr(0, at))
        .set("pickup", pickup)
        .set("day", split ? pickup.substr(0, pickup.size() - hours.size()) : pickup)
        .set("hours", split ? hours : std::string{})
        .set("after", note.substr(at + pickup.size()));
}

} // namespace

node to_node(const link& l) {
    return node{}.set("href", l.href).set("label", l.label).set("current", l.current);
}

node links(const std::vector<link>& list) {
    return list_node(list, [](const link& l) { return to_node(l); });
}

node choices(const std::vector<choice>& list) {
    return list_node(list, [](const choice& c) {
        return node{}
            .set("value", c.value)
            .set("label", c.label)
            .set("detail", c.detail)
            .set("selected", c.selected);
    });
}

node to_node(const plan_view& p) {
    return node{}
        .set("branch", p.branch)
        .set("type", p.type)
        .set("usage", p.usage)
        .set("pickup", p.pickup)
        .set("eve_note", p.eve_note)
        .set("eve", eve_parts(p.eve_note, p.eve_pickup, p.eve_hours))
        .set("return_by", p.return_by)
        .set("days", list_node(p.days,
                               [](const fee_line& d) {
                                   return node{}
                                       .set("date", d.date)
                                       .set("daily_fee", d.daily_fee)
                                       .set("discount", d.discount)
                                       .set("amount", d.amount);
                               }))
        .set("gross", p.gross)
        .set("discount", p.discount)
        .set("surcharge", p.surcharge)
        .set("total", p.total)
        .set("delivery", !p.delivery_mode.empty())
        .set("delivery_mode", p.delivery_mode)
        .set("delivery_address", p.delivery_address)
        .set("delivery_when", p.delivery_when)
        .set("delivery_fee", p.delivery_fee);
}

node field_node(const field& f) {
    return node{}.set("value", f.value).set("error", f.error);
}

node input_node(const field_spec& spec, const field& f, std::string_view lang) {
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

} // namespace agrirent::views
