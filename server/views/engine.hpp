#pragma once
// The template engine behind every page. Views are pure functions from a view model to HTML:
// a view converts its typed view model into a `node` tree and renders a template with it.
// Only engine.cpp includes the mustache header (kainjow, which escapes by default).
//
// In every template:
//  - {{name}} is the model's field, HTML-escaped; templates never use {{{…}}} or {{&…}}
//    (a unit test checks), so user data can only ever appear as text;
//  - {{t.some.key}} is the catalogue text of "some.key" (server/i18n) in the page's language;
//    an unknown key renders as the key itself, which the tests look for;
//  - {{>name}} includes server/views/templates/name.mustache (an unknown one is an error);
//  - {{page.…}} is the layout's view model (views::page), e.g. {{page.csrf}}.
#include <string>
#include <string_view>
#include <vector>

#include "server/views/page.hpp"

namespace agrirent::views {

/// A view-model tree: an object (named fields), a list, a text or a flag (mustache data without
/// the mustache header).
class node {
  public:
    enum class kind { object, list, text, flag };

    node() = default;                                                      // an empty object
    node(std::string text) : kind_(kind::text), text_(std::move(text)) {}  // NOLINT: implicit
    node(std::string_view text) : kind_(kind::text), text_(text) {}        // NOLINT: implicit
    node(const char* text) : kind_(kind::text), text_(text) {}             // NOLINT: implicit
    node(bool flag) : kind_(kind::flag), flag_(flag) {}                    // NOLINT: implicit
    node(int number) : kind_(kind::text), text_(std::to_string(number)) {} // NOLINT: implicit

    /// An empty list.
    static node list() {
        node n;
        n.kind_ = kind::list;
        return n;
    }
    /// A list of texts.
    static node list_of(const std::vector<std::string>& texts) {
        node n = list();
        for (const auto& t : texts) {
            n.push(t);
        }
        return n;
    }

    /// Sets field `key` of an object (replacing an existing one); returns *this.
    node& set(std::string key, node value);
    /// Appends to a list; returns *this.
    node& push(node value);

    [[nodiscard]] kind type() const noexcept { return kind_; }
    [[nodiscard]] const std::string& text() const noexcept { return text_; }
    [[nodiscard]] bool flag() const noexcept { return flag_; }
    [[nodiscard]] const std::vector<node>& items() const noexcept { return items_; }
    [[nodiscard]] const std::vector<std::string>& keys() const noexcept { return keys_; }
    /// The field `key` of an object, or null.
    [[nodiscard]] const node* find(std::string_view key) const noexcept;

  private:
    kind kind_ = kind::object;
    std::string text_;
    bool flag_ = false;
    std::vector<node> items_;       // list items, or object values (parallel to keys_)
    std::vector<std::string> keys_; // object keys
};

/// A whole page: the layout (views::page in `chrome`) around template `name` with `model`.
std::string render_page(std::string_view name, const page& chrome, const node& model);

/// One template alone, e.g. a fragment, in `lang`.
std::string render_template(std::string_view name, std::string_view lang, const node& model);

} // namespace agrirent::views
