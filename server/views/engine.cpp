// The one translation unit that includes the mustache header (engine.hpp explains the rules
// every template follows).
#include "server/views/engine.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include <kainjow/mustache.hpp>

#include "server/i18n/messages.hpp"
#include "server/views/embedded.hpp"
#include "server/views/nodes.hpp"

namespace agrirent::views {

namespace mst = kainjow::mustache;

node& node::set(std::string key, node value) {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) {
            items_[i] = std::move(value);
            return *this;
        }
    }
    keys_.push_back(std::move(key));
    items_.push_back(std::move(value));
    return *this;
}

node& node::push(node value) {
    items_.push_back(std::move(value));
    return *this;
}

const node* node::find(std::string_view key) const noexcept {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) {
            return &items_[i];
        }
    }
    return nullptr;
}

std::string_view template_text(std::string_view name) noexcept {
    for (const auto& f : templates()) {
        const std::string_view stem = f.name.substr(0, f.name.rfind('.'));
        if (stem == name) {
            return f.bytes;
        }
    }
    return {};
}

namespace {

mst::data to_data(const node& n) {
    switch (n.type()) {
    case node::kind::text:
        // Mustache treats every string as true in {{#section}}: an empty one becomes false, so
        // {{#notice}}…{{/notice}} shows only when there is something to show.
        return n.text().empty() ? mst::data{false} : mst::data{n.text()};
    case node::kind::flag:
        return mst::data{n.flag()};
    case node::kind::list: {
        mst::data out{mst::data::type::list};
        for (const auto& item : n.items()) {
            out.push_back(to_data(item));
        }
        return out;
    }
    case node::kind::object:
        break;
    }
    mst::data out{mst::data::type::object};
    for (std::size_t i = 0; i < n.keys().size(); ++i) {
        out.set(n.keys()[i], to_data(n.items()[i]));
    }
    return out;
}

node to_node(const page& p) {
    return node{}
        .set("lang", p.lang)
        .set("title", p.title)
        .set("nav", links(p.nav))
        .set("has_nav", !p.nav.empty())
        .set("lang_switch", to_node(p.lang_switch))
        .set("other_lang", p.other_lang)
        .set("css_href", p.css_href)
        .set("icon_href", p.icon_href)
        .set("scripts",
             list_node(p.scripts, [](const std::string& s) { return node{}.set("src", s); }))
        .set("csrf", p.csrf)
        .set("signed_in_as", p.signed_in_as)
        .set("logout_action", p.logout_action)
        .set("notice", p.notice)
        .set("warning", p.warning)
        .set("warning_link", to_node(p.warning_link))
        .set("body_class", p.body_class);
}

/// The catalogue as mustache strings, one table per language, built once.
const std::unordered_map<std::string, mst::data>& texts(std::string_view lang) {
    static const auto build = [](std::string_view l) {
        std::unordered_map<std::string, mst::data> m;
        for (const auto& e : i18n::all()) {
            m.emplace(std::string{e.key}, mst::data{std::string{l == "en" ? e.en : e.ko}});
        }
        return m;
    };
    static const auto ko = build("ko");
    static const auto en = build("en");
    return lang == "en" ? en : ko;
}

/// Every template as a mustache string (a partial may be a string), built once.
const std::map<std::string, mst::data, std::less<>>& partials() {
    static const auto table = [] {
        std::map<std::string, mst::data, std::less<>> m;
        for (const auto& f : templates()) {
            m.emplace(std::string{f.name.substr(0, f.name.rfind('.'))},
                      mst::data{std::string{f.bytes}});
        }
        return m;
    }();
    return table;
}

/// Name lookup as mustache's own context does it, plus {{t.key}} for catalogue texts and
/// {{>content}} for the page template inside the layout.
class view_context final : public mst::basic_context<std::string> {
  public:
    view_context(const mst::data* root, std::string_view lang, std::string content)
        : texts_(texts(lang)), content_(std::move(content)) {
        items_.push_back(root);
    }

    void push(const mst::data* data) override { items_.insert(items_.begin(), data); }
    void pop() override { items_.erase(items_.begin()); }

    const mst::data* get(const std::string& name) const override {
        if (name.size() == 1 && name[0] == '.') {
            return items_.front();
        }
        if (name.starts_with("t.")) {
            const std::string key = name.substr(2);
            if (const auto it = texts_.find(key); it != texts_.end()) {
                return &it->second;
            }
            // An unknown key shows as itself, so a missing text is visible (and tested).
            return &missing_.try_emplace(key, mst::data{key}).first->second;
        }
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (;;) {
            const auto dot = name.find('.', start);
            parts.push_back(name.substr(start, dot == std::string::npos ? dot : dot - start));
            if (dot == std::string::npos) {
                break;
            }
            start = dot + 1;
        }
        for (const auto* item : items_) {
            const mst::data* var = item;
            for (const auto& p : parts) {
                var = var->get(p);
                if (var == nullptr) {
                    break;
                }
            }
            if (var != nullptr) {
                return var;
            }
        }
        return nullptr;
    }

    const mst::data* get_partial(const std::string& name) const override {
        const std::string& wanted = name == "content" ? content_ : name;
        const auto& table = partials();
        const auto it = table.find(wanted);
        if (it == table.end()) {
            throw std::logic_error("no template named '" + wanted + "'");
        }
        return &it->second;
    }

  private:
    std::vector<const mst::data*> items_;
    const std::unordered_map<std::string, mst::data>& texts_;
    mutable std::unordered_map<std::string, mst::data> missing_;
    std::string content_;
};

std::string render_with(std::string_view name, std::string_view lang, const mst::data& root,
                        std::string content) {
    const std::string_view text = template_text(name);
    if (text.empty()) {
        throw std::logic_error("no template named '" + std::string{name} + "'");
    }
    mst::mustache tmpl{std::string{text}};
    if (!tmpl.is_valid()) {
        throw std::logic_error("template " + std::string{name} + ": " + tmpl.error_message());
    }
    view_context ctx{&root, lang, std::move(content)};
    std::string out = tmpl.render(ctx);
    if (!tmpl.is_valid()) { // an error inside a partial
        throw std::logic_error("template " + std::string{name} + ": " + tmpl.error_message());
    }
    return out;
}

} // namespace

std::string render_page(std::string_view name, const page& chrome, const node& model) {
    mst::data root = to_data(model);
    root.set("page", to_data(to_node(chrome)));
    return render_with("layout", chrome.lang, root, std::string{name});
}

std::string render_template(std::string_view name, std::string_view lang, const node& model) {
    return render_with(name, lang, to_data(model), {});
}

} // namespace agrirent::views
