// View models of the administration pages to template data (engine.hpp); no logic beyond
// shaping. Every key a template reads is set on every node (an empty text renders as nothing),
// so a name never falls through to an enclosing object: a form's error cannot show up in a row.
#include "server/views/admin_views.hpp"

#include "server/views/nodes.hpp"

namespace agrirent::views::admin {
namespace {

node hiddens(const std::vector<hidden>& list) {
    return list_node(
        list, [](const hidden& h) { return node{}.set("name", h.name).set("value", h.value); });
}

node to_node(const input& in) {
    node options = list_node(in.options, [](const option& o) {
        return node{}.set("value", o.value).set("label", o.label).set("selected", o.selected);
    });
    const bool textual =
        in.kind != "textarea" && in.kind != "checkbox" && in.kind != "select" && in.kind != "multi";
    // Numbers are text fields: people write fees as "60,000", and a browser's number field
    // would drop what it cannot read instead of letting the API say what is wrong with it.
    std::string type = in.kind;
    std::string inputmode;
    if (in.kind == "number") {
        type = "text";
    } else if (in.kind == "decimal") {
        type = "text";
        inputmode = "decimal";
    }
    return node{}
        .set("id", in.id)
        .set("name", in.name)
        .set("label", in.label)
        .set("hint", in.hint)
        .set("value", in.value)
        .set("checked", in.checked)
        .set("required", in.required)
        .set("error", in.error)
        .set("autocomplete", in.autocomplete)
        .set("is_input", textual)
        .set("input_type", type)
        .set("inputmode", inputmode)
        .set("is_textarea", in.kind == "textarea")
        .set("is_checkbox", in.kind == "checkbox")
        .set("is_select", in.kind == "select")
        .set("is_multi", in.kind == "multi")
        .set("options", std::move(options));
}

node to_node(const form& f) {
    return node{}
        .set("id", f.id)
        .set("heading", f.heading)
        .set("intro", f.intro)
        .set("get", f.get)
        .set("action", f.action)
        .set("hiddens", hiddens(f.hiddens))
        .set("inputs", list_node(f.inputs, [](const input& in) { return to_node(in); }))
        .set("submit", f.submit)
        .set("danger", f.danger)
        .set("compact", f.compact)
        .set("error", f.error)
        .set("reset_href", f.reset_href)
        .set("reset_label", f.reset_label);
}

node to_node(const button& b) {
    return node{}
        .set("label", b.label)
        .set("action", b.action)
        .set("hiddens", hiddens(b.hiddens))
        .set("danger", b.danger)
        .set("described_by", b.described_by);
}

node buttons(const std::vector<button>& list) {
    return list_node(list, [](const button& b) { return to_node(b); });
}

node to_node(const table& t) {
    node rows = list_node(t.rows, [](const row& r) {
        node cells = node::list();
        bool first = true;
        for (const auto& c : r.cells) {
            cells.push(node{}
                           .set("head", first)
                           .set("text", c.text)
                           .set("href", c.href)
                           .set("lines", node::list_of(c.lines))
                           .set("badge", c.badge)
                           .set("number", c.number));
            first = false;
        }
        return node{}
            .set("id", r.id)
            .set("cells", std::move(cells))
            .set("buttons", buttons(r.buttons))
            .set("muted", r.muted);
    });
    return node{}
        .set("caption", t.caption)
        .set("headers", node::list_of(t.headers))
        .set("rows", std::move(rows))
        .set("has_rows", !t.rows.empty())
        .set("empty", t.empty)
        .set("actions", t.actions);
}

node to_node(const section& s) {
    return node{}
        .set("id", s.id)
        .set("heading", s.heading)
        .set("intro", s.intro)
        .set("facts", list_node(s.facts,
                                [](const fact& f) {
                                    return node{}
                                        .set("label", f.label)
                                        .set("value", f.value)
                                        .set("lines", node::list_of(f.lines));
                                }))
        .set("has_facts", !s.facts.empty())
        .set("links", links(s.links))
        .set("has_links", !s.links.empty())
        .set("tables", list_node(s.tables, [](const table& t) { return to_node(t); }))
        .set("buttons", buttons(s.buttons))
        .set("has_buttons", !s.buttons.empty())
        .set("forms", list_node(s.forms, [](const form& f) { return to_node(f); }))
        .set("pager", links(s.pager))
        .set("has_pager", !s.pager.empty());
}

} // namespace

std::string render_admin(const page& p, const admin_view& v) {
    node sections = list_node(v.sections, [](const section& s) { return to_node(s); });
    return render_page("admin", p,
                       node{}
                           .set("heading", v.heading)
                           .set("lead", v.lead)
                           .set("areas", links(v.areas))
                           .set("has_areas", !v.areas.empty())
                           .set("crumbs", links(v.crumbs))
                           .set("has_crumbs", !v.crumbs.empty())
                           .set("notice", v.notice)
                           .set("notice_lines", node::list_of(v.notice_lines))
                           .set("error", v.error)
                           .set("error_href", v.error_href)
                           .set("sections", std::move(sections)));
}

std::string render_admin_home(const page& p, const home_view& v) {
    node groups = list_node(v.groups, [](const home_group& g) {
        return node{}
            .set("heading", g.heading)
            .set("cards", list_node(g.cards, [](const home_card& c) {
                     return node{}.set("href", c.href).set("title", c.title).set("text", c.text);
                 }));
    });
    return render_page(
        "admin_home", p,
        node{}.set("heading", v.heading).set("lead", v.lead).set("groups", std::move(groups)));
}

} // namespace agrirent::views::admin
