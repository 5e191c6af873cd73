#include "server/views/nodes.hpp"

#include <string>

#include "server/i18n/messages.hpp"

namespace agrirent::views {

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
        .set("total", p.total);
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
