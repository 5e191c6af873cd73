#pragma once
// Handlers of the staff pages (issue 5 "Staff") and what they share (internal to
// server/pages/staff_*.cpp; routes.cpp registers them).
//
// The pattern, the same on every staff page:
//  - a GET shows the page: require_staff_page() first (no session: 303 to the login with the
//    page as `next`; another role: 403), then the services of server/app, then a view model in
//    the request's language (STYLE.md: handlers are thin);
//  - every action is a small urlencoded POST form with the session's CSRF token (the access
//    filter refuses it without) and a `back` field: the page the form is on. On success the
//    answer is 303 to `back` with ?done=<action>&code=<code> (a notice; POST-redirect-GET); on
//    a refusal of the domain, the page `back` names is shown again with the refusal in plain
//    words beside the form that was sent and what was typed (show_back()), with the status of
//    the refusal. A POST whose session has ended goes to the login with `back` as `next`.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "server/app/auth.hpp"
#include "server/app/catalog.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/app/services.hpp"
#include "server/app/unit_ops.hpp"
#include "server/http/form.hpp"
#include "server/http/router.hpp"
#include "server/views/staff_views.hpp"

namespace agrirent::pages {

// ---- handlers ------------------------------------------------------------------------------

// staff_login.cpp
http::response login_page(http::context& ctx, app::services& s);
http::response login_submit(http::context& ctx, app::services& s);
http::response logout_submit(http::context& ctx, app::services& s);

// staff_board.cpp: the operators' board and booking for a caller
http::response board_page(http::context& ctx, app::services& s);

/// The operator's booking form (/staff/book) as typed, name and phone already checked.
struct staff_booking_form {
    std::string branch;
    std::string type;
    local_days start;
    local_days end;
    std::string name;              // normalised
    std::string phone;             // normalised
    bool delivery_offered = false; // the form had the delivery part (DOMAIN.md §15)
    std::string delivery_mode;     // "" or "pickup" = at the office
    std::string delivery_area;
    std::string delivery_address;
    std::optional<std::int64_t> group; // DOMAIN.md §16
    std::optional<half_day> half;      // DOMAIN.md §11: a morning or afternoon of `start`
};

/// The body of POST /api/v1/reservations that the form stands for, to go through the API's
/// decoder (codec::booking_request_of): channel `phone`; `delivery` only when a mode other than
/// pickup is chosen, its empty fields left out so that the decoder names the missing one;
/// `group` when a group is chosen.
boost::json::object staff_booking_body(const staff_booking_form& f);
http::response staff_book_page(http::context& ctx, app::services& s);
http::response staff_book_submit(http::context& ctx, app::services& s);
/// POST /staff/waitlist: the caller joins the waitlist for the period the booking page refused
/// for no_capacity (DOMAIN.md §13); refusals beside the waitlist form of the booking page.
http::response staff_waitlist_submit(http::context& ctx, app::services& s);

// staff_waitlist.cpp: one waitlist entry for a caller on the phone
http::response staff_waitlist_page(http::context& ctx, app::services& s);
/// POST /staff/waitlist/{code}/{action}: accept, decline, cancel.
http::response staff_waitlist_action(http::context& ctx, app::services& s, std::string_view action);

// staff_reservation.cpp: one reservation and every action on it
http::response staff_reservation_page(http::context& ctx, app::services& s);
/// POST /staff/reservations/{code}/{action}: confirm, reject, cancel, move, no-show, checkout,
/// checkin.
http::response reservation_action(http::context& ctx, app::services& s, std::string_view action);

// staff_day.cpp: the clerk's day sheet and the units' one-click status changes
http::response day_page(http::context& ctx, app::services& s);
http::response unit_status_submit(http::context& ctx, app::services& s);

// ---- re-showing a page with a refused form -------------------------------------------------

/// A form the domain refused: which one, why, and what was typed.
struct form_feedback {
    std::string form;  // confirm, reject, cancel, move, no_show, checkout, checkin, unit
    std::string code;  // the reservation's code, or the unit's tag
    std::string error; // the refusal in plain words (above the form's fields)
    std::map<std::string, std::string, std::less<>> field_errors; // beside a field
    const http::form* typed = nullptr;
    /// An extension's dry run (DOMAIN.md §12), shown with its confirm button: the new end, the
    /// added days, fee and new return deadline, in words.
    std::string extend_end, extend_added, extend_fee, extend_return_by;
    /// Set once a form on the page took the error; otherwise the page shows it on top (the
    /// form may be gone: someone else changed the reservation meanwhile).
    mutable bool shown = false;

    /// The error, for the form that shows it.
    [[nodiscard]] std::string take_error() const {
        shown = true;
        return error;
    }
    [[nodiscard]] bool about(std::string_view f, std::string_view c) const {
        return form == f && code == c;
    }
    /// What was typed into `name` (display-safe), or "".
    [[nodiscard]] std::string value(std::string_view name, std::size_t max_chars = 200) const;
    [[nodiscard]] bool ticked(std::string_view name) const;
    [[nodiscard]] std::string field_error(std::string_view name) const;
};

/// The page `back` points to (board, day sheet, a reservation) rendered again with `fb` beside
/// its form, with `status`.
http::response show_back(http::context& ctx, app::services& s, std::string_view back,
                         const form_feedback& fb, int status);

/// The pages as show_back() needs them: from a query (the page's own, or `back`'s).
http::response render_board_page(http::context& ctx, app::services& s,
                                 const http::string_pairs& query, const form_feedback* fb,
                                 int status, std::string_view self);
http::response render_day_page(http::context& ctx, app::services& s,
                               const http::string_pairs& query, const form_feedback* fb, int status,
                               std::string_view self);
http::response render_reservation_page(http::context& ctx, app::services& s, std::string_view code,
                                       const http::string_pairs& query, const form_feedback* fb,
                                       int status, std::string_view self);

// ---- shared pieces (staff_shared.cpp) ------------------------------------------------------

/// The value of `name` in `query`, or "".
std::string_view query_value(const http::string_pairs& query, std::string_view name);
/// The path and decoded query of a local target ("/staff/day?date=…").
std::pair<std::string, http::string_pairs> split_target(std::string_view target);
/// `target` with `params` set (replacing any of the same name).
std::string with_params(std::string_view target,
                        const std::vector<std::pair<std::string, std::string>>& params);

/// The notice for ?done=<action>&code=<code> after a redirect (a fixed text), or "".
std::string done_notice(const http::string_pairs& query, std::string_view lang);

/// "overdue" for a checked-out reservation past its deadline, else its status.
std::string shown_status(const storage::reservation_row& r, sys_seconds now);

views::reservation_line line_of(const storage::reservation_row& r, const app::catalog& cat,
                                sys_seconds now, std::string_view lang);

/// "157.5" (hour meters: one decimal, none when whole).
std::string meter_text(double hours);
/// A typed hour meter: a non-negative decimal ("520.5", "520"), at most 1,000,000.
std::optional<double> parse_meter(std::string_view typed);

// The forms of a reservation, as the day sheet and the reservation's page show them.
views::action_button confirm_button(const storage::reservation_row& r, std::string_view back,
                                    const form_feedback* fb, std::string_view lang);
views::reason_form reject_form(const storage::reservation_row& r, std::string_view back,
                               const form_feedback* fb, std::string_view lang);
views::reason_form cancel_form(const storage::reservation_row& r, std::string_view back,
                               const form_feedback* fb, std::string_view lang);
views::move_form move_form_of(const storage::reservation_row& r, const app::catalog& cat,
                              std::string_view back, const form_feedback* fb,
                              std::string_view lang);
views::action_button no_show_button(const storage::reservation_row& r, std::string_view back,
                                    const form_feedback* fb, std::string_view lang);
views::checkout_form checkout_form_of(const storage::reservation_row& r,
                                      const app::branch_info& branch, const app::type_info& type,
                                      const std::vector<storage::unit_row>& available,
                                      sys_seconds now, std::string_view back,
                                      const form_feedback* fb, std::string_view lang);
views::checkin_form checkin_form_of(const storage::reservation_row& r, const app::catalog& cat,
                                    const app::type_info& type, sys_seconds now,
                                    std::string_view back, const form_feedback* fb,
                                    std::string_view lang);

/// The catalogue text of `key`, or `fallback` when there is none (a status, role or channel
/// the catalogue does not name).
std::string text_or(const std::string& key, std::string_view fallback, std::string_view lang);

/// The extension control of a checked-out rental (DOMAIN.md §12) as `staff` may use it
/// (operators and admins, clerks of its branch), posting to /staff/reservations/{code}/extend
/// and coming back to `back` (the reservation's page, the board or the day sheet): the new end
/// up to the limit, and after a dry run its quote with the confirm button. nullopt when the
/// rental is not out, `staff` may not extend it, or no day is left within the limit.
std::optional<views::extend_form> extend_form_of(const app::staff_session& staff,
                                                 const storage::reservation_row& r,
                                                 const app::catalog& cat, std::string_view back,
                                                 const form_feedback* fb, std::string_view lang);

/// The layout for a staff page: `current` marks the navigation, `self` is the page's GET
/// address (the language switch after a POST), `body` its css class.
views::page staff_chrome(const http::context& ctx, std::string title, std::string_view current,
                         std::string_view self, std::string_view body);

} // namespace agrirent::pages
