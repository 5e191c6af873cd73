// The farmer's waitlist pages (대기자, DOMAIN.md §13, issue 14):
//   GET  /waitlist/join?branch&type&start&end  the period the booking page refused for
//                                               no_capacity, the farmer's name and phone
//   POST /waitlist/join                          join (303 to the entry's page with a grant)
//   GET  /waitlist, POST /waitlist               look an entry up by code and phone
//   GET  /waitlist/{code}                        the entry: status, position, an offer's hold
//   POST /waitlist/{code}/accept|decline|cancel  the farmer's answers
// Thin adapters over app:: (the same calls as server/api/waitlist_api.cpp). The phone comes from
// the form, then from a signed grant cookie (booking_grant.hpp) scoped to /waitlist/{code}.
// Every farmer action (join, accept, decline, cancel) asks for the code first
// (phone_code_step, DOMAIN.md §14, inside the action's own form) and passes farmer_proof_of()
// (farmer_pages.hpp): the one place where the proof of the phone is made.
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/waitlist.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/form.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages {

app::actor farmer_actor(const http::context& ctx) {
    const auto& a = http::state_of(ctx).client_address;
    return app::actor::web(a.empty() ? ctx.req.remote_address : a);
}

/// " · 오전 09:00–13:00" for a half day with the branch's slot (DOMAIN.md §11), else "".
std::string slot_suffix(const app::branch_info* branch, std::optional<half_day> half,
                        std::string_view lang) {
    if (!half || branch == nullptr) {
        return {};
    }
    const auto& slots = branch->calendar.half_days;
    const bool am = *half == half_day::am;
    return " · " + i18n::format(am ? "half.am_slot" : "half.pm_slot", lang,
                                {{"from", format_time_of_day(am ? slots.am_from : slots.pm_from)},
                                 {"to", format_time_of_day(am ? slots.am_to : slots.pm_to)}});
}

std::string waitlist_summary(const app::catalog& cat, std::int64_t branch_id, std::int64_t type_id,
                             period usage, std::optional<half_day> half, std::string_view lang) {
    const auto* branch = cat.branch_by_id(branch_id);
    const auto* type = cat.type_by_id(type_id);
    std::string out;
    if (branch != nullptr) {
        out += branch->name(lang) + " · ";
    }
    if (type != nullptr) {
        out += type->name(lang) + " · ";
    }
    return out + usage_text(usage, lang) + slot_suffix(branch, half, lang);
}

namespace {

/// The grant of an entry: its code prefixed so that it can never stand for a booking's.
std::string grant_key(std::string_view code) {
    return "W" + std::string{code};
}

std::string entry_path(std::string_view code) {
    return "/waitlist/" + std::string{code};
}

http::response show_join(http::context& ctx, views::waitlist_join_view v, int status) {
    auto page = make_page_for(ctx, text("wl.page.join_heading", ctx.lang), {},
                              "/waitlist/join" + query_string({{"branch", v.branch},
                                                               {"type", v.type},
                                                               {"start", v.start},
                                                               {"end", v.end},
                                                               {"half", v.half}}));
    page.body_class = "page-waitlist";
    return html(ctx, status, views::render_waitlist_join(page, v));
}

/// The join page's period: codes of an active branch and type, the dates and the half day
/// ("am"/"pm" of one day, or "" for whole days; DOMAIN.md §11), else nothing.
bool fill_join(views::waitlist_join_view& v, const app::catalog& cat, std::string_view branch,
               std::string_view type, std::string_view start, std::string_view end,
               std::string_view half, std::string_view lang) {
    const auto* b = cat.branch(std::string{branch});
    const auto* t = cat.type(std::string{type});
    const auto from = parse_date(start);
    const auto to = end.empty() ? from : parse_date(end);
    if (b == nullptr || t == nullptr || !from || !to || *to < *from) {
        return false;
    }
    std::optional<half_day> slot;
    if (!half.empty()) {
        slot = parse_half_day(half);
        if (!slot || *to != *from) {
            return false;
        }
    }
    v.branch = b->code.value;
    v.type = t->type.code.value;
    v.start = format_date(*from);
    v.end = format_date(*to);
    v.half = slot ? std::string{to_string(*slot)} : std::string{};
    v.summary = b->name(lang) + " · " + t->name(lang) + " · " + usage_text({*from, *to}, lang) +
                slot_suffix(b, slot, lang);
    v.back_href = "/book" + query_string({{"branch", v.branch},
                                          {"type", v.type},
                                          {"start", v.start},
                                          {"end", v.end == v.start ? std::string{} : v.end},
                                          {"half", v.half}});
    return true;
}

views::waitlist_entry_view entry_view_of(const app::waitlist_view& w, const app::catalog& cat,
                                         std::string_view lang) {
    const auto& e = w.entry;
    views::waitlist_entry_view v;
    v.code = e.code;
    v.code_spoken = spoken_code(e.code);
    v.status = std::string{to_string(e.state)};
    v.status_label = text("wl.status." + v.status, lang);
    v.summary = waitlist_summary(cat, e.branch_id, e.type_id, e.usage, e.half, lang);
    v.farmer = e.name;
    v.phone = e.phone;
    const auto* branch = cat.branch_by_id(e.branch_id);
    const date::time_zone* zone = branch != nullptr ? branch->calendar.zone : nullptr;
    const std::string base = entry_path(e.code);
    switch (e.state) {
    case app::waitlist_state::waiting:
        if (w.position) {
            v.position =
                i18n::format("wl.page.position", lang, {{"n", std::to_string(*w.position)}});
        }
        v.next =
            i18n::format("wl.page.next_waiting", lang,
                         {{"hours", std::to_string((cat.config().offer_hold_minutes + 59) / 60)},
                          {"minutes", std::to_string(cat.config().offer_hold_minutes)}});
        v.can_cancel = true;
        break;
    case app::waitlist_state::offered:
        v.offered = true;
        v.can_cancel = true;
        if (e.offer_expires_at && zone != nullptr) {
            v.offer_until =
                i18n::format("wl.page.offer_until", lang,
                             {{"until", instant_text(zone, *e.offer_expires_at, lang)}});
        }
        v.next = text("wl.page.next_offered", lang);
        break;
    case app::waitlist_state::booked:
        if (e.reservation_code) {
            v.reservation_code = *e.reservation_code;
            v.reservation_href = "/booking/" + *e.reservation_code;
        }
        v.next = text("wl.page.next_booked", lang);
        break;
    default:
        v.next = text("wl.page.next_closed", lang);
        break;
    }
    v.accept_action = base + "/accept";
    v.decline_action = base + "/decline";
    v.cancel_action = base + "/cancel";
    return v;
}

/// `step`: the code step shown inside the form of `step_action` (accept, decline, cancel).
http::response show_entry(http::context& ctx, app::services& s, const app::waitlist_view& w,
                          int status, std::string error = {}, views::code_step_view step = {},
                          std::string_view step_action = {}) {
    auto v = entry_view_of(w, *s.catalog.get(), ctx.lang);
    v.code_step = std::move(step);
    v.step_action = std::string{step_action};
    const auto done = ctx.query_value("done");
    if (ctx.query_value("new")) {
        v.notice = text("wl.page.joined", ctx.lang);
    } else if (done == "declined" || done == "cancelled") {
        v.notice = text("wl.page.done_" + std::string{*done}, ctx.lang);
    }
    v.error = std::move(error);
    auto page =
        make_page_for(ctx, text("wl.page.entry_heading", ctx.lang), {}, entry_path(w.entry.code));
    page.body_class = "page-waitlist";
    return html(ctx, status, views::render_waitlist_entry(page, v));
}

http::response show_lookup(http::context& ctx, views::waitlist_lookup_view v, int status) {
    auto page = make_page_for(ctx, text("wl.page.lookup_heading", ctx.lang), {}, "/waitlist");
    page.body_class = "page-lookup";
    if (v.intro.empty()) {
        v.intro = text("wl.page.lookup_intro", ctx.lang);
    }
    return html(ctx, status, views::render_waitlist_lookup(page, v));
}

/// The entry the request may see: the code from the path, the phone from a grant.
struct granted {
    std::string code;
    std::string phone;
    std::optional<app::waitlist_view> entry;
    std::optional<http::response> answer;
};

granted resolve(http::context& ctx, app::services& s, const booking_grants& grants) {
    granted g;
    const std::string_view raw = ctx.param("code");
    const auto code = normalize_booking_code(raw);
    if (!code) {
        g.answer = not_found_page(ctx);
        return g;
    }
    g.code = *code;
    if (*code != raw) {
        g.answer = see_other(ctx, entry_path(*code));
        return g;
    }
    const auto ask = [&] {
        views::waitlist_lookup_view v;
        v.code.value = g.code;
        return show_lookup(ctx, std::move(v), http::status::ok);
    };
    const auto phone = grants.phone_for(ctx.req, grant_key(*code), s.clock.now());
    if (!phone) {
        g.answer = ask();
        return g;
    }
    auto found = app::find_waitlist_entry(s, *code, *phone, farmer_actor(ctx));
    if (!found) {
        g.answer = ask();
        return g;
    }
    g.phone = *phone;
    g.entry = std::move(*found);
    return g;
}

http::response entry_redirect(http::context& ctx, app::services& s, const booking_grants& grants,
                              std::string_view code, std::string_view phone,
                              std::string_view query) {
    auto res = see_other(ctx, entry_path(code) + std::string{query});
    res.headers.push_back({"set-cookie", grants.set_cookie(grant_key(code), phone, s.clock.now(),
                                                           is_secure(ctx), entry_path(code))});
    return res;
}

} // namespace

http::response waitlist_join_page(http::context& ctx, app::services& s) {
    views::waitlist_join_view v;
    const auto q = [&](std::string_view k) {
        const auto raw = ctx.query_value(k).value_or("");
        return http::is_clean_text(raw) ? std::string{raw} : std::string{};
    };
    if (!fill_join(v, *s.catalog.get(), q("branch"), q("type"), q("start"), q("end"), q("half"),
                   ctx.lang)) {
        return see_other(ctx, "/book");
    }
    return show_join(ctx, std::move(v), http::status::ok);
}

http::response waitlist_join_submit(http::context& ctx, app::services& s,
                                    const booking_grants& grants) {
    const std::string_view lang = ctx.lang;
    views::waitlist_join_view v;
    const auto form = http::form_body(ctx.req);
    const auto clean = [&](std::string_view k) {
        const auto raw = form ? form->value(k) : std::string_view{};
        return http::is_clean_text(raw) ? std::string{raw} : std::string{};
    };
    if (!form || !fill_join(v, *s.catalog.get(), clean("branch"), clean("type"), clean("start"),
                            clean("end"), clean("half"), lang)) {
        auto page = make_page(ctx, text("page.error.title", lang));
        return html(ctx, http::status::bad_request,
                    views::render_message(
                        page, {text("page.error.title", lang), text("form.unreadable", lang)}));
    }
    const auto name = checked_name(form->value("name"), v.name, lang);
    const auto phone = checked_phone(form->value("phone"), v.phone, lang);
    if (!name || !phone) {
        add_errors(v.errors, {&v.name.error, &v.phone.error});
        return show_join(ctx, std::move(v), http::status::bad_request);
    }
    app::waitlist_input in;
    in.branch = v.branch;
    in.type = v.type;
    in.usage = {*parse_date(v.start), *parse_date(v.end)};
    if (!v.half.empty()) {
        in.half = parse_half_day(v.half);
    }
    in.name = *name;
    in.phone = *phone;
    // DOMAIN.md §14: the code step first, for the phone typed (none when the setting is off).
    auto step = phone_code_step(ctx, s, grants, *form, *phone);
    if (!step.view.shown) {
        const auto joined = app::join_waitlist(s, in, farmer_actor(ctx), farmer_proof_of(step));
        if (joined) {
            return with_step_cookie(
                entry_redirect(ctx, s, grants, joined->entry.code, *phone, "?new=1"), step);
        }
        const auto& why = joined.error();
        if (why.code == reason::phone_unverified) {
            ask_code_again(step, ctx, *phone, why);
            v.code_step = std::move(step.view);
            return show_join(ctx, std::move(v), step.status);
        }
        std::string message = http::refusal_message(why, lang);
        for (const auto& [k, val] : why.details) {
            if (k == "reason" && val == "bookable") {
                message = text("reason.no_capacity.fits", lang);
            } else if (k == "reason" && val == "waitlist_duplicate") {
                message = text("reason.conflict.waitlist_duplicate", lang);
            }
        }
        v.errors.push_back(std::move(message));
        return with_step_cookie(show_join(ctx, std::move(v), http::status_of(why.code)), step);
    }
    v.code_step = std::move(step.view);
    return show_join(ctx, std::move(v), step.status);
}

http::response waitlist_lookup_page(http::context& ctx, app::services&) {
    views::waitlist_lookup_view v;
    if (const auto code = ctx.query_value("code")) {
        v.code.value = http::displayable(*code, 12);
    }
    return show_lookup(ctx, std::move(v), http::status::ok);
}

http::response waitlist_lookup_submit(http::context& ctx, app::services& s,
                                      const booking_grants& grants) {
    const std::string_view lang = ctx.lang;
    views::waitlist_lookup_view v;
    const auto form = http::form_body(ctx.req);
    if (!form) {
        v.errors.push_back(text("form.unreadable", lang));
        return show_lookup(ctx, std::move(v), http::status::bad_request);
    }
    const auto code = checked_code(form->value("code"), v.code, lang);
    const auto phone = checked_phone(form->value("phone"), v.phone, lang);
    if (!code || !phone) {
        add_errors(v.errors, {&v.code.error, &v.phone.error});
        return show_lookup(ctx, std::move(v), http::status::bad_request);
    }
    const auto found = app::find_waitlist_entry(s, *code, *phone, farmer_actor(ctx));
    if (!found) {
        v.code.error = http::refusal_message(found.error(), lang);
        v.errors.push_back(v.code.error);
        return show_lookup(ctx, std::move(v), http::status_of(found.error().code));
    }
    return entry_redirect(ctx, s, grants, found->entry.code, *phone, "");
}

http::response waitlist_entry_page(http::context& ctx, app::services& s,
                                   const booking_grants& grants) {
    auto g = resolve(ctx, s, grants);
    if (g.answer) {
        return std::move(*g.answer);
    }
    return show_entry(ctx, s, *g.entry, http::status::ok);
}

http::response waitlist_action(http::context& ctx, app::services& s, const booking_grants& grants,
                               std::string_view action) {
    auto g = resolve(ctx, s, grants);
    if (g.answer) {
        return std::move(*g.answer);
    }
    // DOMAIN.md §14: the code step first, inside the form of this action (none when the
    // setting is off or the verification is remembered).
    const auto form = http::form_body(ctx.req).value_or(http::form{});
    auto step = phone_code_step(ctx, s, grants, form, g.phone);
    const auto ask_code = [&] {
        return show_entry(ctx, s, *g.entry, step.status, {}, std::move(step.view), action);
    };
    if (step.view.shown) {
        return ask_code();
    }
    const auto proof = farmer_proof_of(step);
    const auto who = farmer_actor(ctx);
    const auto refused = [&](const refusal& why) {
        if (why.code == reason::phone_unverified) {
            ask_code_again(step, ctx, g.phone, why);
            return ask_code();
        }
        return with_step_cookie(show_entry(ctx, s, *g.entry, http::status_of(why.code),
                                           http::refusal_message(why, ctx.lang)),
                                step);
    };
    if (action == "accept") {
        const auto booked = app::accept_offer(s, g.code, g.phone, who, proof);
        if (!booked) {
            // Shown with the entry as it now is (the hold may have lapsed meanwhile).
            auto now = app::find_waitlist_entry(s, g.code, g.phone, who);
            if (now) {
                g.entry = std::move(*now);
            }
            return refused(booked.error());
        }
        auto res = see_other(ctx, "/booking/" + booked->code + "?new=1");
        res.headers.push_back({"set-cookie", grants.set_cookie(booked->code, booked->phone,
                                                               s.clock.now(), is_secure(ctx))});
        return with_step_cookie(std::move(res), step);
    }
    const bool decline = action == "decline";
    const auto done = decline ? app::decline_offer(s, g.code, g.phone, who, proof)
                              : app::cancel_waitlist_entry(s, g.code, g.phone, who, proof);
    if (!done) {
        return refused(done.error());
    }
    return with_step_cookie(
        see_other(ctx, entry_path(g.code) + (decline ? "?done=declined" : "?done=cancelled")),
        step);
}

} // namespace agrirent::pages
