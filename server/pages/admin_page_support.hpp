#pragma once
// What the administration pages share (internal to server/pages/admin_*): the admin-only gate,
// the per-request environment, calling the services (a decoder's or a service's refusal read as
// the API would answer it), form specifications translated to the JSON the codec decoders
// expect and read back from the renderings, the view of a form (current values, or what was
// typed and the refusal beside the field), the areas and the pieces of their pages, the routes
// of a list and its items as tables of form POSTs, redirects with a notice, and reading JSON.
// admin_pages.cpp explains the pattern.
#include <array>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "common/result.hpp"
#include "server/app/services.hpp"
#include "server/http/errors.hpp"
#include "server/http/form.hpp"
#include "server/http/router.hpp"
#include "server/views/admin_views.hpp"

namespace agrirent::pages {

/// What a change or a read for a page answered, in the API's terms: on success the JSON
/// rendering of the service's value (server/codec/admin_json.hpp), else the status, code,
/// message and details the API would answer (server/http/errors.cpp).
struct api_result {
    int status = 0;
    boost::json::value body; // the rendering (null when there is none)
    std::string code;        // error.code ("" on success)
    std::string message;     // error.message, in the request's language
    std::string field;       // error.details.field, or ""
    boost::json::object details;

    [[nodiscard]] bool ok() const noexcept { return status >= 200 && status < 300; }
    /// A refusal of the request as made (bad input, not found, conflict …), as opposed to a
    /// failure of the server.
    [[nodiscard]] bool refused() const noexcept { return status >= 400 && status < 500; }
};

} // namespace agrirent::pages

namespace agrirent::pages::admin {

namespace json = boost::json;
namespace av = views::admin;

// ---- the request ---------------------------------------------------------------------------

/// One admin page request: who, in which language, the services, and the posted form.
struct env {
    http::context& ctx;
    app::services& s;
    std::string lang;
    std::optional<http::form> form; // POST: the decoded urlencoded body

    /// The catalogue text of `key` in the page's language.
    [[nodiscard]] std::string t(std::string_view key) const;
    /// The same with {placeholders}.
    [[nodiscard]] std::string f(std::string_view key,
                                const std::vector<std::pair<std::string, std::string>>& v) const;
    /// A posted field ("" when absent or not a POST).
    [[nodiscard]] std::string_view posted(std::string_view name) const;
    /// A query parameter ("" when absent).
    [[nodiscard]] std::string_view query(std::string_view name) const;
    /// The admin making the change (the audit trail's actor, at the counter).
    [[nodiscard]] app::actor who() const;
};

using handler = std::function<http::response(env&)>;

/// Wraps an admin page handler: a person without a staff session goes to the login page (and
/// comes back), a staff member who is not an admin gets the 403 page, a POST whose body is not
/// a form gets 400, a `not_found` thrown by the handler the 404 page, anything else the error
/// page.
http::route_handler admin_route(app::services& s, handler h);

/// Thrown by a handler when the thing in the URL does not exist (the 404 page).
struct not_found {};

// ---- calling the services --------------------------------------------------------------------

/// A change that succeeded, with the JSON rendering of what the service returned (its
/// `affected_reservations` go into the notice).
api_result success(json::value body = nullptr);
/// A refusal as the API would answer it (server/http/errors.cpp: status, code, message in the
/// page's language, details and the field they name).
api_result refusal_result(const env& e, const refusal& r);
/// A decoder's http::api_error (bad input) the same way.
api_result error_result(const env& e, const http::api_error& err);

/// A service's result: success with `render(value)`, or the refusal.
template <class T, class Render>
api_result outcome_of(const env& e, const result<T>& r, Render&& render) {
    if (!r) {
        return refusal_result(e, r.error());
    }
    return success(render(r.value()));
}

/// Runs a change made for a page — the codec decoder, then the service — turning what the
/// decoder throws for bad input into the refusal shown beside the field.
api_result attempt(const env& e, const std::function<api_result()>& f);

/// A read the page needs: `render(value)`, or the 404 page for a not-found refusal; any other
/// refusal is an error.
template <class T, class Render>
auto must(const result<T>& r, Render&& render) {
    if (!r) {
        if (http::status_of(r.error().code) == http::status_of(reason::not_found)) {
            throw not_found{};
        }
        throw std::runtime_error("refused: " + std::string{to_string(r.error().code)});
    }
    return render(r.value());
}

/// A change: the posted form's JSON (admin_pages.cpp) → decoder → service → api_result.
using change_op = api_result (*)(env& e, const json::object& body);
/// A change of one item named in the address (<href>/<key>…).
using item_op = api_result (*)(env& e, const std::string& key, const json::object& body);

// ---- forms ---------------------------------------------------------------------------------

enum class kind {
    text,
    textarea,
    number,   // an integer: sent as a JSON number when it reads as one
    decimal,  // a number with a fraction (hour meters)
    date,     // YYYY-MM-DD, sent as a string
    time,     // HH:MM, sent as a string
    password, // never shown again; empty: not sent
    checkbox, // sent as true / false
    select,   // one of the options, sent as a string
    multi,    // ticked options, sent as an array of strings
    lines,    // one item per line or comma, sent as an array of strings (absent: not sent)
};

/// What an empty field means: leave it out (the service keeps or defaults it), null (clear it) or
/// the empty string (an empty text).
enum class when_empty { omit, null, blank };

struct field {
    std::string_view name; // the form field and the JSON path: "daily_fee", "hours.open"
    kind k = kind::text;
    std::string_view label_key;
    std::string_view hint_key = {};
    when_empty empty = when_empty::omit;
    bool required = false; // marked for people; the decoder decides
};

/// `first`, then `rest`: a create form is the code, then the fields of the edit form.
template <std::size_t N>
constexpr std::array<field, N + 1> prepend(const field& first, const std::array<field, N>& rest) {
    std::array<field, N + 1> out{};
    out[0] = first;
    for (std::size_t i = 0; i < N; ++i) {
        out[i + 1] = rest[i];
    }
    return out;
}

/// `rest`, then `last`: an edit form with a field the create form has not.
template <std::size_t N>
constexpr std::array<field, N + 1> append(const std::array<field, N>& rest, const field& last) {
    std::array<field, N + 1> out{};
    for (std::size_t i = 0; i < N; ++i) {
        out[i] = rest[i];
    }
    out[N] = last;
    return out;
}

/// A form's current values (GET: from the service's rendering) and the options of its selects.
struct values {
    std::map<std::string, std::string, std::less<>> text; // text-like and checkbox ("on")
    std::map<std::string, std::vector<std::string>, std::less<>> multi;  // multi: ticked values
    std::map<std::string, std::vector<av::option>, std::less<>> options; // select and multi

    values& set(std::string name, std::string v) {
        text[std::move(name)] = std::move(v);
        return *this;
    }
    values& check(std::string name, bool on) {
        text[std::move(name)] = on ? "on" : "";
        return *this;
    }
};

/// A form's current values from the rendered object, each field read by its name and kind: texts,
/// dates, times and choices as text, numbers as typed back (number_text), checkboxes ticked,
/// lists one item per line, multi choices ticked; a nested name ("hours.open") reads inside its
/// object; a password is never shown. `v` may already hold the options of the selects.
values values_of(std::span<const field> fields, const json::value& o, values v = {});

/// A form POST that was refused: which form on the page, and what the refusal said.
struct failure {
    std::string form_id;
    const http::form* typed = nullptr;
    api_result result;
};

/// The JSON object for the decoder from a posted form: each field by its kind (admin_pages.cpp).
/// A value that is not valid UTF-8 cannot travel as JSON: its field's name is returned in
/// `bad` and nothing should be sent.
json::object to_json(std::span<const field> fields, const http::form& form, std::string* bad);

struct form_spec {
    std::string id = {}; // unique in the page
    std::string heading_key = {};
    std::string intro_key = {};
    std::string action = {};
    std::string submit_key = {};
    std::span<const field> fields = {};
    bool danger = false;
    bool get = false;
    bool compact = false;
    std::vector<av::hidden> hiddens = {};
};

/// The form as shown: the current values, or — when `failed` is about this form — what was
/// typed with the refusal's message beside the field it names (or above the form when it names
/// none of its fields).
av::form build_form(std::string_view lang, const form_spec& spec, const values& current,
                    const failure* failed);

/// The message to show for a refusal: a plain text for the API's problem code when the
/// catalogue has one (adm.problem.*), else the API's own message.
std::string refusal_text(std::string_view lang, const api_result& r);

/// The id of the input the refusal concerns in this form, or "".
std::string input_id_for(const form_spec& spec, const api_result& r);

// ---- the pages -----------------------------------------------------------------------------

/// An area of the admin pages: its list page, its name (heading, sub-navigation, crumb) and the
/// sentence under the heading on the list page.
struct area {
    std::string_view href;     // "/staff/admin/branches"; an item's page is <href>/<key>
    std::string_view name_key; // "adm.area.branches"
    std::string_view lead_key; // "adm.branches.lead"
};

// The areas (admin_page_support.cpp), and the groups the admin home shows them in; the
// sub-navigation lists them in the same order.
extern const area branches_area;
extern const area seasons_area;
extern const area holidays_area;
extern const area closures_area;
extern const area types_area;
extern const area fee_bands_area;
extern const area units_area;
extern const area discounts_area;
extern const area categories_area;
extern const area farmers_area;
extern const area groups_area;
extern const area users_area;
extern const area settings_area;
extern const area audit_area;

struct area_group {
    std::string_view key; // "adm.group.offices"
    std::vector<const area*> areas;
};
const std::vector<area_group>& area_groups();

/// The list page of an area: heading, lead, sub-navigation, Administration › <area>.
av::admin_view area_page(const env& e, const area& a);
/// An item's page: `heading`, sub-navigation, Administration › <area> › <crumb>.
av::admin_view item_page(const env& e, const area& a, std::string heading, std::string crumb);

/// <href>/<key>: the page of one item of an area.
std::string item_href(std::string_view href, std::string_view key);

/// The list of an area behind its filter or search form (a GET form, `spec` with the values
/// `shown`): `res` is what the read answered (the decoder of the filter, then the service) and
/// the form. When the filter was refused, the refusal is the page's error (`v.error`: the page
/// answers 400) and shows beside its field.
struct filtered {
    api_result res;
    av::form form;
};
filtered filtered_get(env& e, av::admin_view& v, api_result res, form_spec spec,
                      const values& shown);

/// The item of a list (there is no read of one item) whose `key` reads `wanted`; not_found
/// when there is none.
json::value find_in(const json::value& all, std::string_view key, std::string_view wanted);

// ---- cells and sections --------------------------------------------------------------------

/// A list's table: its caption (in the page's language), the column headers, the sentence when
/// there are no rows, whether the rows have buttons.
av::table list_table(const env& e, std::string caption,
                     std::initializer_list<std::string_view> header_keys,
                     std::string_view empty_key, bool actions = false);

/// The section under an area's list with the form that adds to it (form "add", posted to the
/// list page).
av::section add_section(const env& e, const area& a, std::string_view heading_key,
                        std::string_view intro_key, std::string_view submit_key,
                        std::span<const field> fields, const values& current,
                        const failure* failed);

/// The name in the page's language (name_ko / name_en of `o`).
std::string local_name(const env& e, const json::value& o);
/// The name in the page's language, the other language's name as a second line.
av::cell name_cell(const env& e, const json::value& o, std::string href = {});
/// In use (ok) or retired (off) by default, or the texts of `on_key` / `off_key`.
av::cell state_cell(const env& e, bool active, std::string_view on_key = "adm.state.active",
                    std::string_view off_key = "adm.state.retired");
/// A one-button POST form that deletes the row `described_by` (with `hiddens`).
av::button delete_button(const env& e, std::string action, std::string described_by,
                         std::vector<av::hidden> hiddens = {});
/// The state of a branch or machine type, with the button that retires it (its own words: the
/// intro and the button's label) or reactivates it; `href` is the item's page.
av::section state_section(const env& e, const std::string& href, bool active,
                          std::string_view retire_intro_key, std::string_view retire_key);
/// `items` joined with `sep`.
std::string joined(const std::vector<std::string>& items, std::string_view sep);

// ---- routes --------------------------------------------------------------------------------

/// The page of an area's list, or of one item, built again with a refused form (or nullptr).
using list_builder = av::admin_view (*)(env& e, const failure* failed);
using item_builder = av::admin_view (*)(env& e, const std::string& key, const failure* failed);

/// A form POST to an area's list page (add, the settings) and the service call it makes; the page
/// goes back to the list.
struct list_post {
    std::string_view method; // POST, PATCH
    std::span<const field> fields;
    std::string_view form_id;
    std::string_view done_key;
    change_op op; // the decoder and the service
};

/// GET <href>: the list (400 when its filter was refused); with `post`, POST <href> too.
void add_list_pages(http::router& r, app::services& s, std::string_view href, list_builder list,
                    std::optional<list_post> post = std::nullopt);

/// Which page: the area's list or the item's own.
enum class page_of { list, item };

/// A form POST to <href>/<key><suffix> and the service call it makes on the item <key>.
struct item_action {
    std::string_view suffix = {}; // "" (the item's edit form), "/retire", "/transfer" …
    std::string_view method = {}; // PATCH, DELETE
    std::span<const field> fields = {};
    json::object extra = {}; // fixed members of the body ({"active": true})
    std::string_view form_id = {};
    std::string_view done_key = {};
    page_of back = page_of::list;  // where the browser goes after the change
    page_of again = page_of::item; // the page shown again with a refusal
    item_op op = nullptr;          // the decoder and the service (required)
};

/// The items of an area: GET <href>/{<param>} shows one, and each action is a POST under it.
struct item_routes {
    std::string_view href;  // the area's list page
    std::string_view param; // the key's name in the route: "code", "tag" …
    list_builder list;
    item_builder item;
};

void add_item_pages(http::router& r, app::services& s, const item_routes& routes,
                    const std::vector<item_action>& actions);

// ---- answers -------------------------------------------------------------------------------

/// The areas of the admin pages, for the sub-navigation; `current` is an area's href.
std::vector<views::link> areas(const env& e, std::string_view current);
/// Administration › <area> (› <item>).
std::vector<views::link> crumbs(const env& e, std::string_view area_href, std::string_view area_key,
                                std::string item = {});

/// The page with the layout. `self` is the page's GET address (the language switch after a
/// POST); the notice of a redirect (?done=…) is added here.
http::response show(env& e, av::admin_view v, int status, std::string_view self);

/// After a change: 303 to `location` with ?done=<key> for the notice `done_key` (a fixed
/// catalogue key adm.done.<key>) and the reservations it concerns (booking codes).
http::response done(const env& e, std::string location, std::string_view done_key,
                    const json::value& affected = nullptr);

/// After a refusal: the page again (built with the failure) with the API's status, the error
/// summary on top linking to the field.
http::response refused(env& e, const api_result& r, std::string form_id,
                       const std::function<av::admin_view(const failure*)>& build,
                       std::string_view self);

/// A form POST turned into one service call (admin_pages.cpp, the pattern).
struct submission {
    std::string_view method;            // POST, PATCH, DELETE (no body)
    std::span<const field> fields = {}; // the posted fields that make the body
    json::object extra = {};            // fixed members of the body ({"active": false})
    std::string form_id;                // the form on the page, for a refusal
    std::string back;                   // the page to return to after the change
    std::string_view done_key;          // the notice: "adm.done.saved"
    std::function<api_result(const json::object& body)> op; // decoder + service
};

/// Sends the submission: 303 to `back` with the notice on success (with the reservations the
/// service says the change concerns, `affected_reservations`), else the page built by `build` with
/// the refusal beside the field; `self` is that page's GET address.
http::response submit(env& e, const submission& sub,
                      const std::function<av::admin_view(const failure*)>& build,
                      std::string_view self);

/// The query of a GET filter form as a form (a refused filter is shown like a refused POST).
http::form query_form(const http::context& ctx);

/// One path segment, percent-encoded ("010-1234-5678", "GS-TRACTOR-01", a username).
std::string path_segment(std::string_view raw);

// ---- JSON ----------------------------------------------------------------------------------

std::string str(const json::value& o, std::string_view key);
std::int64_t integer(const json::value& o, std::string_view key);
bool flag(const json::value& o, std::string_view key);
const json::array& list(const json::value& o, std::string_view key);
std::vector<std::string> strings(const json::value& o, std::string_view key);
/// A number as typed back into a form ("60000", "520.5").
std::string number_text(const json::value& o, std::string_view key);

// ---- small things --------------------------------------------------------------------------

/// `raw` if it looks like a code (A–Z, 0–9, _; for links built from form input), else "".
std::string safe_code(std::string_view raw);
/// "2020-05-24" as "2020년 5월 24일 (일)" / "Sun 24 May 2020" (the raw text if not a date).
std::string date_text(const env& e, std::string_view iso);
/// "2020-05-12T10:00:00+09:00" as "2020-05-12 10:00".
std::string instant_short(std::string_view rfc3339);
/// "60,000원" / "₩60,000".
std::string money(const env& e, std::int64_t amount);
/// A status badge cell: ok (in use), off (retired), warn.
av::cell badge(std::string text, std::string kind);
/// A branch or type name in the page's language from the catalog ("" code: "").
std::string branch_name(const env& e, std::string_view code);
std::string type_name(const env& e, std::string_view code);
/// Options of every branch / type (retired ones marked), with an optional empty first option.
std::vector<av::option> branch_options(const env& e, std::string_view empty_key = {},
                                       bool active_only = true);
std::vector<av::option> type_options(const env& e, std::string_view empty_key = {},
                                     bool active_only = true);
/// Today in the offices (Asia/Seoul) on the injectable clock.
local_days today(const env& e);

// ---- the areas (one file each) -------------------------------------------------------------

void add_catalog_pages(http::router& r, app::services& s);  // admin_catalog_pages.cpp
void add_calendar_pages(http::router& r, app::services& s); // admin_calendar_pages.cpp
void add_people_pages(http::router& r, app::services& s);   // admin_people_pages.cpp
void add_fee_band_pages(http::router& r, app::services& s); // admin_fee_band_pages.cpp

} // namespace agrirent::pages::admin
