// View models of the administration pages to template data (engine.hpp); no logic beyond
// shaping. Every key a template reads is set on every node (an empty text renders as nothing),
// so a name never falls through to an enclosing object: a form's error cannot show up in a row.
#include "server/views/admin_views.hpp"

#include "server/views/engine.hpp"

namespace agrirent::views::admin {
namespace {

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

node hiddens(const std::vector<hidden>& list) {
    node out = node::list();
    for (const auto& h : list) {
        out.push(node{}.set("name", h.name).set("value", h.value));
    }
    return out;
}

node to_node(const input& in) {
    node options = node::list();
    for (const auto& o : in.options) {
        options.push(
            node{}.set("value", o.value).set("label", o.label).set("selected", o.selected));
    }
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
    node inputs = node::list();
    for (const auto& in : f.inputs) {
        inputs.push(to_node(in));
    }
    return node{}
        .set("id", f.id)
        .set("heading", f.heading)
        .set("intro", f.intro)
        .set("get", f.get)
        .set("action", f.action)
        .set("hiddens", hiddens(f.hiddens))
        .set("inputs", std::move(inputs))
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
    node out = node::list();
    for (const auto& b : list) {
        out.push(to_node(b));
    }
    return out;
}

node to_node(const table& t) {
    node rows = node::list();
    for (const auto& r : t.rows) {
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
        rows.push(node{}
                      .set("id", r.id)
                      .set("cells", std::move(cells))
                      .set("buttons", buttons(r.buttons))
                      .set("muted", r.muted));
    }
    return node{}
        .set("caption", t.caption)
        .set("headers", node::list_of(t.headers))
        .set("rows", std::move(rows))
        .set("has_rows", !t.rows.empty())
        .set("empty", t.empty)
        .set("actions", t.actions);
}

node to_node(const section& s) {
    node facts = node::list();
    for (const auto& f : s.facts) {
        facts.push(node{}
                       .set("label", f.label)
                       .set("value", f.value)
                       .set("lines", node::list_of(f.lines)));
    }
    node tables = node::list();
    for (const auto& t : s.tables) {
        tables.push(to_node(t));
    }
    node forms = node::list();
    for (const auto& f : s.forms) {
        forms.push(to_node(f));
    }
    return node{}
        .set("id", s.id)
        .set("heading", s.heading)
        .set("intro", s.intro)
        .set("facts", std::move(facts))
        .set("has_facts", !s.facts.empty())
        .set("links", links(s.links))
        .set("has_links", !s.links.empty())
        .set("tables", std::move(tables))
        .set("buttons", buttons(s.buttons))
        .set("has_buttons", !s.buttons.empty())
        .set("forms", std::move(forms))
        .set("pager", links(s.pager))
        .set("has_pager", !s.pager.empty());
}

} // namespace

std::string render_admin(const page& p, const admin_view& v) {
    node sections = node::list();
    for (const auto& s : v.sections) {
        sections.push(to_node(s));
    }
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
    node groups = node::list();
    for (const auto& g : v.groups) {
        node cards = node::list();
        for (const auto& c : g.cards) {
            cards.push(node{}.set("href", c.href).set("title", c.title).set("text", c.text));
        }
        groups.push(node{}.set("heading", g.heading).set("cards", std::move(cards)));
    }
    return render_page(
        "admin_home", p,
        node{}.set("heading", v.heading).set("lead", v.lead).set("groups", std::move(groups)));
}

} // namespace agrirent::views::admin
