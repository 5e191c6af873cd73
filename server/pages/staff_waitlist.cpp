// One waitlist entry for staff (대기자, DOMAIN.md §13, issue 14):
//   GET  /staff/waitlist/{code}                  the entry: status, position, an offer's hold,
//                                                 the answers staff give for a caller on the phone
//   POST /staff/waitlist/{code}/accept|decline|cancel
// Thin adapters over app:: with the staff actor (the same calls as the farmer's pages and
// server/api/waitlist_api.cpp): no phone code for staff (DOMAIN.md §14); a clerk only for their
// own branch (app::find_waitlist_entry and the actions refuse another branch's entry). The
// forms carry the session's CSRF token like every staff form (the access filter refuses them
// without). Joining for a caller is on the booking page (staff_board.cpp, POST /staff/waitlist).
#include <variant>

#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/waitlist.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/staff_pages.hpp"

namespace agrirent::pages {
namespace {

constexpr std::initializer_list<role> waitlist_roles{role::operator_, role::admin, role::clerk};

std::string entry_path(std::string_view code) {
    return "/staff/waitlist/" + std::string{code};
}

views::action_button answer_button(std::string_view code, std::string_view what,
                                   std::string_view label_key, std::string css,
                                   std::string_view back, std::string_view lang) {
    views::action_button b;
    b.action = entry_path(code) + "/" + std::string{what};
    b.back = std::string{back};
    b.label = text(label_key, lang);
    b.css = std::move(css);
    return b;
}

views::staff_waitlist_view view_of(const app::catalog& cat, const app::staff_session& staff,
                                   const app::waitlist_view& w, const http::string_pairs& query,
                                   std::string_view lang) {
    const auto& e = w.entry;
    views::staff_waitlist_view v;
    v.code = e.code;
    v.code_spoken = spoken_code(e.code);
    v.status = std::string{to_string(e.state)};
    v.status_label = text("wl.status." + v.status, lang);
    v.farmer = e.name;
    v.phone = e.phone;
    const auto* branch = cat.branch_by_id(e.branch_id);
    v.summary = waitlist_summary(cat, e.branch_id, e.type_id, e.usage, e.half, lang);
    const date::time_zone* zone =
        branch != nullptr ? branch->calendar.zone : date::locate_zone("Asia/Seoul");

    std::string back{safe_local_path(query_value(query, "back")).value_or("")};
    if (back.empty()) {
        back = staff_home(staff);
    }
    v.back_href = back;
    v.back_label = text(back.starts_with("/staff/day") ? "staff.reservation.back_day"
                                                       : "staff.reservation.back_board",
                        lang);
    // The answers come back here (with the same way back).
    const std::string self = entry_path(e.code) + query_string({{"back", back}});

    switch (e.state) {
    case app::waitlist_state::waiting:
        if (w.position) {
            v.position =
                i18n::format("wl.page.position", lang, {{"n", std::to_string(*w.position)}});
        }
        v.next = i18n::format("staff.wl.next_waiting", lang,
                              {{"minutes", std::to_string(cat.config().offer_hold_minutes)}});
        v.cancel = answer_button(e.code, "cancel", "staff.wl.cancel", "button-danger", self, lang);
        break;
    case app::waitlist_state::offered:
        if (e.offer_expires_at) {
            v.offer_until =
                i18n::format("wl.page.offer_until", lang,
                             {{"until", instant_text(zone, *e.offer_expires_at, lang)}});
        }
        v.next = text("staff.wl.next_offered", lang);
        v.accept = answer_button(e.code, "accept", "staff.wl.accept", "button-primary", self, lang);
        v.decline = answer_button(e.code, "decline", "wl.page.decline", "", self, lang);
        v.cancel = answer_button(e.code, "cancel", "staff.wl.cancel", "button-danger", self, lang);
        break;
    case app::waitlist_state::booked:
        if (e.reservation_code) {
            v.reservation_code = *e.reservation_code;
            v.reservation_href = "/staff/reservations/" + *e.reservation_code;
        }
        v.next = text("wl.page.next_booked", lang);
        break;
    default:
        v.next = text("wl.page.next_closed", lang);
        break;
    }

    v.facts.push_back({text("staff.wl.fact_joined", lang),
                       instant_text(zone, e.created_at, lang) + " · " + e.created_by});
    v.facts.push_back(
        {text("staff.fact.channel", lang), text_or("staff.via." + e.via, e.via, lang)});
    if (e.offer_expires_at && e.state != app::waitlist_state::offered) {
        v.facts.push_back({text("staff.wl.fact_offered_until", lang),
                           instant_text(zone, *e.offer_expires_at, lang)});
    }

    v.just_joined = query_value(query, "new") == "1";
    const std::string_view done = query_value(query, "done");
    if (v.just_joined) {
        v.notice = text("staff.wl.joined", lang);
    } else if (done == "declined" || done == "cancelled") {
        v.notice = text("staff.wl.done_" + std::string{done}, lang);
    }
    return v;
}

/// The entry's page (a refusal of the last answer in `error`), with `status`.
http::response show_entry(http::context& ctx, app::services& s, const app::waitlist_view& w,
                          const http::string_pairs& query, int status, std::string error = {}) {
    const auto* staff = http::staff_of(ctx);
    auto v = view_of(*s.catalog.get(), *staff, w, query, ctx.lang);
    v.error = std::move(error);
    auto page = staff_chrome(ctx, text("staff.wl.heading", ctx.lang), "/staff/board",
                             entry_path(w.entry.code), "page-staff-waitlist");
    return html(ctx, status, views::render_staff_waitlist(page, v));
}

/// The entry of the path's code as this staff member may see it, or the page to answer with:
/// 404 for an unknown code, 403 for a clerk of another branch.
std::variant<app::waitlist_view, http::response> entry_of(http::context& ctx, app::services& s) {
    const std::string_view raw = ctx.param("code");
    const auto code = normalize_booking_code(raw);
    if (!code) {
        return not_found_page(ctx);
    }
    auto found = app::find_waitlist_entry(s, *code, "", http::actor_of(ctx));
    if (!found) {
        if (found.error().code == reason::forbidden) {
            return forbidden_page(ctx, text("staff.forbidden.other_branch", ctx.lang));
        }
        return not_found_page(ctx);
    }
    return std::move(*found);
}

} // namespace

http::response staff_waitlist_page(http::context& ctx, app::services& s) {
    if (auto gate = require_staff_page(ctx, waitlist_roles)) {
        return std::move(*gate);
    }
    auto found = entry_of(ctx, s);
    if (auto* answer = std::get_if<http::response>(&found)) {
        return std::move(*answer);
    }
    const auto& w = std::get<app::waitlist_view>(found);
    if (ctx.param("code") != w.entry.code) {
        return see_other(ctx, entry_path(w.entry.code));
    }
    return show_entry(ctx, s, w, ctx.query, http::status::ok);
}

http::response staff_waitlist_action(http::context& ctx, app::services& s,
                                     std::string_view action) {
    const auto form = http::form_body(ctx.req).value_or(http::form{});
    // Where the page was (the way back of the entry's page), checked.
    const std::string back{safe_local_path(form.value("back")).value_or("")};
    if (auto gate = require_staff_page(ctx, waitlist_roles,
                                       back.empty() ? entry_path(ctx.param("code")) : back)) {
        return std::move(*gate);
    }
    auto found = entry_of(ctx, s);
    if (auto* answer = std::get_if<http::response>(&found)) {
        return std::move(*answer);
    }
    auto w = std::get<app::waitlist_view>(std::move(found));
    const std::string code = w.entry.code;
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in the lambda.
    const http::string_pairs query = split_target(back).second;
    const auto who = http::actor_of(ctx);
    // A refusal: the entry as it now is (the hold may have lapsed meanwhile), the reason on it.
    const auto refused = [&](const refusal& why) {
        if (auto now = app::find_waitlist_entry(s, code, "", who)) {
            w = std::move(*now);
        }
        return show_entry(ctx, s, w, query, http::status_of(why.code),
                          http::refusal_message(why, ctx.lang));
    };
    if (action == "accept") {
        const auto booked = app::accept_offer(s, code, "", who);
        if (!booked) {
            return refused(booked.error());
        }
        // The reservation's page shows the code in large type, to read out to the caller.
        return see_other(ctx, "/staff/reservations/" + booked->code +
                                  query_string({{"booked", "1"}, {"back", entry_path(code)}}));
    }
    const bool decline = action == "decline";
    const auto done = decline ? app::decline_offer(s, code, "", who)
                              : app::cancel_waitlist_entry(s, code, "", who);
    if (!done) {
        return refused(done.error());
    }
    const std::string back_to = query_value(query, "back").empty()
                                    ? std::string{}
                                    : std::string{query_value(query, "back")};
    return see_other(
        ctx, entry_path(code) +
                 query_string({{"done", decline ? "declined" : "cancelled"}, {"back", back_to}}));
}

} // namespace agrirent::pages
