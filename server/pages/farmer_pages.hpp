#pragma once
// Handlers of the farmers' pages and what they share (internal to server/pages/; routes.hpp
// registers them). Each handler decodes the request, asks the booking services, builds a view
// model in the request's language and renders it (STYLE.md: handlers are thin).
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/fees.hpp"
#include "common/planning.hpp"
#include "common/refusal.hpp"
#include "server/app/catalog.hpp"
#include "server/app/services.hpp"
#include "server/app/waitlist.hpp"
#include "server/http/form.hpp"
#include "server/http/router.hpp"
#include "server/pages/booking_grant.hpp"
#include "server/pages/form_errors.hpp"
#include "server/views/farmer_views.hpp"

namespace agrirent::pages {

// ---- verified phones (DOMAIN.md §14) -------------------------------------------------------

/// The code step of a farmer's own action on `phone` (normalised), from the action's form
/// (fields verify=send and verify_code): go ahead with `verification` (none needed when the
/// setting is off), or answer with the form and `view` (a code sent, or why not) at `status`.
struct phone_step {
    std::optional<std::string> verification;
    std::optional<std::string> set_cookie; // add to the answer (a code was just confirmed)
    views::code_step_view view;            // shown: the action waits for the code
    int status = 200;
};
phone_step phone_code_step(http::context& ctx, app::services& s, const booking_grants& grants,
                           const http::form& form, std::string_view phone);
/// The step shown again when the service still refused the action for `phone` with
/// phone_unverified (the remembered verification ran out meanwhile): `why` in words.
void ask_code_again(phone_step& step, const http::context& ctx, std::string_view phone,
                    const refusal& why);
/// `res` with the step's cookie when a code was just confirmed (remembered even when the action
/// itself was refused).
http::response with_step_cookie(http::response res, phone_step& step);

// ---- handlers ------------------------------------------------------------------------------

/// GET /: branches, machine types, the discount in force, the big "Book" button.
http::response home_page(http::context& ctx, app::services& s);

/// GET /book: choose branch and type, the month calendar, the quote, the farmer form.
http::response book_page(http::context& ctx, app::services& s);
/// POST /book: book (303 to the booking's page) or show the form again with the errors.
http::response book_submit(http::context& ctx, app::services& s, const booking_grants& grants);

/// GET /booking/{code}: the booking (with a grant) or the look-up form for it.
http::response booking_page(http::context& ctx, app::services& s, const booking_grants& grants);
/// GET /booking/{code}/cancel: "really cancel?"; POST: cancel.
http::response cancel_page(http::context& ctx, app::services& s, const booking_grants& grants);
http::response cancel_submit(http::context& ctx, app::services& s, const booking_grants& grants);

/// GET /my: code + phone; POST /my: look the booking up (303 to its page with a grant).
http::response lookup_page(http::context& ctx, app::services& s);
http::response lookup_submit(http::context& ctx, app::services& s, const booking_grants& grants);

/// POST /booking/{code}/extend (DOMAIN.md §12): the new end → a dry run shown on the booking
/// page; with confirm=1 the extension itself (303 to the booking).
http::response extend_submit(http::context& ctx, app::services& s, const booking_grants& grants);

// The waitlist (DOMAIN.md §13, waitlist_pages.cpp).
http::response waitlist_join_page(http::context& ctx, app::services& s);
http::response waitlist_join_submit(http::context& ctx, app::services& s,
                                    const booking_grants& grants);
http::response waitlist_lookup_page(http::context& ctx, app::services& s);
http::response waitlist_lookup_submit(http::context& ctx, app::services& s,
                                      const booking_grants& grants);
http::response waitlist_entry_page(http::context& ctx, app::services& s,
                                   const booking_grants& grants);
/// `action`: accept, decline or cancel.
http::response waitlist_action(http::context& ctx, app::services& s, const booking_grants& grants,
                               std::string_view action);

// ---- shared --------------------------------------------------------------------------------

/// THE page-level proof of a farmer's phone (DOMAIN.md §14) for every farmer action of the pages
/// that passes app::check_farmer_action (waitlist join, accept, decline, cancel; extension): the
/// verification of the code step (phone_code_step above: the signed cookie, or the code just
/// confirmed; none when the setting is off). Only when the step is not shown.
app::farmer_proof farmer_proof_of(const phone_step& step);

/// The actor of a farmer's page action: always a farmer on the web (a staff session in the same
/// browser does not make a farmer's page act as staff).
app::actor farmer_actor(const http::context& ctx);

/// The civil date today at the offices (Asia/Seoul, DOMAIN.md §1) on the injectable clock.
local_days office_today(const app::services& s);

/// "tel:" links for phone numbers as the office writes them.
std::vector<views::phone_link> phone_links(const std::vector<std::string>& phones);

/// "K 7 M 2, Q 9 X W": a screen reader spells a booking code out in two halves.
std::string spoken_code(std::string_view code);

/// "5월 22일 (금), 1일" / "5월 22일 (금) ~ 5월 24일 (일), 3일".
std::string usage_text(period usage, std::string_view lang);
/// "공동 이용: 새마을작목반" for a group booking (DOMAIN.md §16), "" for others.
std::string group_text(bool group_booking, std::string_view name, std::string_view lang);

/// "5월 23일 (토) 17:00~18:00": the pickup window's day and hours in the branch's zone.
std::string pickup_window_text(const date::time_zone* zone, interval pickup, std::string_view lang);

// The fields a farmer's name, phone and booking code are typed into (the farmers' and the staff
// booking forms, the look-up): `f` gets what was typed, made safe to show, and what is wrong
// with it in plain words (characters that are not clean text, nothing typed, not valid); the
// normalised value is returned when it is valid.
std::optional<std::string> checked_name(std::string_view raw, views::field& f,
                                        std::string_view lang);
std::optional<std::string> checked_phone(std::string_view raw, views::field& f,
                                         std::string_view lang);
std::optional<std::string> checked_code(std::string_view raw, views::field& f,
                                        std::string_view lang);

/// A refusal beside its field of a booking form (`View`: views::book_view,
/// views::staff_book_view), as the pages' table placed it (form_errors.hpp); a summary (no
/// field) is the caller's to show.
template <class View>
void place_error(View& v, const form_error& e) {
    if (e.field == "dates") {
        v.dates_error = e.message;
    } else if (e.field == "phone") {
        v.phone.error = e.message;
    } else if (e.field == "name") {
        v.name.error = e.message;
    } else if (e.field == "district") {
        if constexpr (requires { v.district.error; }) {
            v.district.error = e.message;
        }
    } else if (e.field == "delivery") {
        v.delivery_error = e.message;
    } else if (e.field == "delivery_address") {
        v.delivery_address.error = e.message;
    }
}

/// The errors of `fields` that are not empty, in order, added to `summary` (the list above a
/// form).
void add_errors(std::vector<std::string>& summary,
                std::initializer_list<const std::string*> fields);

/// A plan and its fee as the quote and the booking page show them.
/// With `delivery` (DOMAIN.md §15), the plan also says where and when the office brings (and
/// fetches) the machine, and the fee its delivery line.
views::plan_view plan_view_of(const app::branch_info& branch, const app::type_info& type,
                              const rental_plan& plan, const fee_quote& fee, std::string_view lang,
                              const delivery_request* delivery = nullptr);

/// A half day's slot as stored in `plan` (DOMAIN.md §11): "오전 09:00–13:00" / "Afternoon
/// 14:00–18:00"; "" for whole days.
std::string half_text(const date::time_zone* zone, const rental_plan& plan, std::string_view lang);

/// " · 오전 09:00–13:00" for a half day with the branch's slot (DOMAIN.md §11), else "".
std::string slot_suffix(const app::branch_info* branch, std::optional<half_day> half,
                        std::string_view lang);
/// A waitlist entry's "branch · type · period[ · slot]" (farmer's and staff's entry pages).
std::string waitlist_summary(const app::catalog& cat, std::int64_t branch_id, std::int64_t type_id,
                             period usage, std::optional<half_day> half, std::string_view lang);

/// An eve pickup's day and window, the day named: "금요일(12월 18일) 오후 5시~6시".
std::string eve_pickup_text(const app::branch_info& branch, const rental_plan& plan,
                            std::string_view lang);
/// The eve-pickup sentence, or "" for a regular pickup (DOMAIN.md §4: the previous operating day,
/// from 17:00).
std::string eve_note(const app::branch_info& branch, const rental_plan& plan,
                     std::string_view lang);

/// The delivery part of a booking form (DOMAIN.md §15), on the farmer's page and the operator's
/// board alike: 직접 수령 / 배달 / 배달·회수 with their fees (`mode` chosen; "" or "pickup" = at
/// the office), the branch's 읍·면·동 (`area` chosen) and the note on lead time and hours.
struct delivery_form {
    std::vector<views::choice> modes;
    std::vector<views::choice> areas;
    std::string note;
};
delivery_form delivery_form_of(const branch_delivery& offer, std::string_view mode,
                               std::string_view area, std::string_view lang);

} // namespace agrirent::pages
