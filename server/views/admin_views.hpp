#pragma once
// The administration pages (issue 5, "Admin pages") as pure functions from a view model to HTML.
// Every admin page is the same kit: a heading, the admin areas' sub-navigation, a status notice
// or an error summary, then sections of facts, tables (with per-row links and one-button POST
// forms) and forms (inputs with their label, hint, value and the error beside them). Every text
// in a view model is already in the page's language and plain text: the templates escape it,
// and every POST form carries the session's CSRF token ({{>csrf_field}}).
#include <string>
#include <vector>

#include "server/views/page.hpp"

namespace agrirent::views::admin {

struct option {
    std::string value;
    std::string label;
    bool selected = false; // select: the chosen one; multi: each ticked box
};

/// One form control with its label, hint and the error shown beside it.
struct input {
    std::string id;   // unique in the page: "f-<form>-<name>"
    std::string name; // the form field's name
    /// text, number, decimal, date, time, password, textarea, checkbox, select, multi
    std::string kind = "text";
    std::string label;
    std::string hint;
    std::string value; // as shown (display-safe)
    bool checked = false;
    bool required = false;       // marked for people; the API decides
    std::vector<option> options; // select, multi
    std::string error;           // beside the field, in plain words
    std::string autocomplete;    // e.g. "new-password", "off"
};

struct hidden {
    std::string name;
    std::string value;
};

struct form {
    std::string id; // anchor: "form-<id>"
    std::string heading;
    std::string intro;
    bool get = false; // a GET filter/search form (no CSRF token); otherwise POST
    std::string action;
    std::vector<hidden> hiddens;
    std::vector<input> inputs;
    std::string submit;
    bool danger = false;    // a destructive submit button
    bool compact = false;   // fields side by side (filters)
    std::string error;      // a refusal that names no field of this form
    std::string reset_href; // filters: "show all" link, or ""
    std::string reset_label;
};

/// A POST form with a single button (retire, delete, lift …), e.g. in a table row.
struct button {
    std::string label;
    std::string action;
    std::vector<hidden> hiddens;
    bool danger = false;
    std::string described_by; // for screen readers: what the button acts on
};

// Members default to empty, so a cell or a section names only what it has: {.text = …}.
struct cell {
    std::string text = {};
    std::string href = {};               // a link (text is its label)
    std::vector<std::string> lines = {}; // further lines under the text (small)
    std::string badge = {};              // css suffix of a status badge: ok, off, warn
    bool number = false;                 // right-aligned, tabular figures
};

struct row {
    std::string id;
    std::vector<cell> cells;
    std::vector<button> buttons;
    bool muted = false; // retired, inactive, removed
};

struct table {
    std::string caption;
    std::vector<std::string> headers;
    std::vector<row> rows;
    std::string empty;    // shown when there are no rows
    bool actions = false; // a last column of buttons
};

struct fact {
    std::string label;
    std::string value;
    std::vector<std::string> lines;
};

struct section {
    std::string id = {};
    std::string heading = {};
    std::string intro = {};
    std::vector<fact> facts = {};
    std::vector<link> links = {}; // e.g. year navigation, related pages
    std::vector<table> tables = {};
    std::vector<button> buttons = {}; // section-level actions (retire this branch)
    std::vector<form> forms = {};
    std::vector<link> pager = {}; // "next page" links after the tables
};

/// Any admin page but the home page.
struct admin_view {
    std::string heading;
    std::string lead;
    std::vector<link> areas;               // the admin areas, the current one marked
    std::vector<link> crumbs;              // Administration › Branches › GS
    std::string notice;                    // a change went through (role=status)
    std::vector<std::string> notice_lines; // e.g. reservations to call about
    std::string error;                     // the refusal (role=alert)
    std::string error_href;                // "#f-…": the field it concerns, or ""
    std::vector<section> sections;
};

struct home_card {
    std::string href;
    std::string title;
    std::string text;
};

struct home_group {
    std::string heading;
    std::vector<home_card> cards;
};

struct home_view {
    std::string heading;
    std::string lead;
    std::vector<home_group> groups;
};

std::string render_admin(const page& p, const admin_view& v);
std::string render_admin_home(const page& p, const home_view& v);

} // namespace agrirent::views::admin
