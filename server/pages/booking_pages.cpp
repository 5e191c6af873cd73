// One booking as its farmer sees it: /booking/{code} (the result page after booking, and the
// page a look-up leads to), cancelling it, and the look-up by code and phone (/my).
// A farmer sees a booking only with its code and phone (DOMAIN.md §8): the phone comes from
// the form, or from the short-lived signed grant cookie those forms hand out (booking_grant.hpp).
#include <functional>

#include <boost/json.hpp>

#include "common/lifecycle.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/extension.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/form.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages {
namespace {

views::booking_view booking_view_of(const storage::reservation_row& r, const app::catalog& cat,
                                    sys_seconds now, std::string_view lang) {
    views::booking_view v;
    const auto* branch = cat.branch_by_id(r.branch_id);
    const auto* type = cat.type_by_id(r.type_id);
    v.code = r.code;
    v.code_spoken = spoken_code(r.code);
    v.status = std::string{to_string(r.state)};
    if (is_overdue(r.state, r.plan.return_by, now)) {
        v.status = "overdue";
    }
    v.status_label = text("status." + v.status, lang);
    if (r.state == status::requested) {
        v.status_note = text("status_note.requested", lang);
    } else if (r.state == status::rejected && r.status_reason) {
        v.status_note = *r.status_reason;
    }
    v.farmer = r.farmer_name;
    v.phone = r.phone;
    v.group = group_text(r.group_id.has_value(), r.group_name.value_or(""), lang);
    if (branch == nullptr || type == nullptr) {
        return v; // the catalogue lost them: show what we can
    }
    v.plan = plan_view_of(*branch, *type, r.plan, r.fee, lang, r.delivery ? &*r.delivery : nullptr);
    if (r.state == status::requested || r.state == status::confirmed) {
        v.come = i18n::format("page.booking.come", lang,
                              {{"pickup", v.plan.pickup}, {"branch", branch->name(lang)}});
    }
    v.bring = {text("page.booking.bring.id", lang), text("page.booking.bring.fee", lang),
               text("page.booking.bring.truck", lang)};
    if (type->type.needs_training) {
        v.bring.push_back(text("page.booking.bring.training", lang));
    }
    v.bring.push_back(text("page.booking.bring.reduction", lang));
    v.office_name = branch->name(lang);
    v.office_address = branch->address(lang);
    v.office_phones = phone_links(branch->phones);
    // API.md's .ics link needs the phone: it sits in this page's HTML only (not in the address
    // bar or history unless followed), and Referrer-Policy keeps it on this site.
    v.ics_href = "/api/v1/reservations/" + r.code + ".ics" +
                 query_string({{"phone", r.phone}, {"lang", std::string{lang}}});
    v.can_cancel = (r.state == status::requested || r.state == status::confirmed) &&
                   farmer_may_cancel(r.plan, now);
    if (v.can_cancel) {
        v.cancel_href = "/booking/" + r.code + "/cancel";
        v.cancel_until =
            i18n::format("page.booking.cancel_until", lang,
                         {{"when", instant_text(branch->calendar.zone, r.plan.pickup.from, lang)}});
    }
    v.print_hint = text("page.booking.print_hint", lang);
    // Extension (DOMAIN.md §12): a checked-out rental, to a new end within the limit. Whether it
    // was extended already, or the days are free, the dry run says.
    if (app::may_be_extended(r)) {
        const int max_days = cat.config().extension_max_days;
        const local_days last = r.plan.usage.start + date::days{max_days - 1};
        for (local_days d = r.plan.usage.end + date::days{1}; d <= last; d += date::days{1}) {
            v.extend_days.push_back({format_date(d),
                                     usage_text({r.plan.usage.start, d}, lang),
                                     {},
                                     v.extend_days.empty()});
        }
        v.can_extend = !v.extend_days.empty();
        v.extend_action = "/booking/" + r.code + "/extend";
        v.extend_limit_note =
            i18n::format("ext.page.limit_note", lang, {{"max_days", std::to_string(max_days)}});
    }
    return v;
}

views::page booking_chrome(http::context& ctx, std::string_view code) {
    auto page = make_page_for(ctx, text("page.booking.title", ctx.lang), {},
                              "/booking/" + std::string{code});
    page.body_class = "page-booking";
    return page;
}

http::response show_booking(http::context& ctx, app::services& s, const storage::reservation_row& r,
                            int status, std::string cancel_error = {},
                            const std::function<void(views::booking_view&)>& more = {}) {
    auto v = booking_view_of(r, *s.catalog.get(), s.clock.now(), ctx.lang);
    v.just_booked = ctx.query_value("new").has_value();
    v.just_cancelled = ctx.query_value("done") == "cancelled";
    v.just_extended = ctx.query_value("done") == "extended";
    v.cancel_error = std::move(cancel_error);
    if (more) {
        more(v);
    }
    return html(ctx, status, views::render_booking(booking_chrome(ctx, r.code), v));
}

http::response show_lookup(http::context& ctx, views::lookup_view v, int status) {
    auto page = make_page_for(ctx, text("page.lookup.title", ctx.lang), "/my", "/my");
    page.body_class = "page-lookup";
    if (v.intro.empty()) {
        v.intro = text("page.lookup.intro", ctx.lang);
    }
    return html(ctx, status, views::render_lookup(page, v));
}

/// The look-up form for `code`, when this browser holds no (valid) grant for it.
http::response ask_for_phone(http::context& ctx, std::string_view code) {
    views::lookup_view v;
    v.intro = text("page.lookup.intro_grant", ctx.lang);
    v.code.value = std::string{code};
    return show_lookup(ctx, std::move(v), http::status::ok);
}

std::string actor_address(const http::context& ctx) {
    const auto& a = http::state_of(ctx).client_address;
    return a.empty() ? ctx.req.remote_address : a;
}

/// The booking the request may see: the code from the path and the phone from a grant.
struct granted {
    std::string code;
    std::optional<storage::reservation_row> row;
    std::optional<http::response> answer; // set when the request cannot go on
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
    if (*code != raw) { // "k7m2-q9xw": the grant cookie's path is the canonical one
        g.answer = see_other(ctx, "/booking/" + *code);
        return g;
    }
    const auto phone = grants.phone_for(ctx.req, *code, s.clock.now());
    if (!phone) {
        g.answer = ask_for_phone(ctx, *code);
        return g;
    }
    auto found = app::find_for_farmer(s, *code, *phone);
    if (!found) {
        g.answer = ask_for_phone(ctx, *code);
        return g;
    }
    g.row = std::move(*found);
    return g;
}

} // namespace

http::response booking_page(http::context& ctx, app::services& s, const booking_grants& grants) {
    auto g = resolve(ctx, s, grants);
    if (g.answer) {
        return std::move(*g.answer);
    }
    return show_booking(ctx, s, *g.row, http::status::ok);
}

static views::cancel_view cancel_view_of(const http::context& ctx, app::services& s,
                                         const storage::reservation_row& r) {
    const auto cat = s.catalog.get();
    const auto* branch = cat->branch_by_id(r.branch_id);
    const auto* type = cat->type_by_id(r.type_id);
    views::cancel_view v;
    v.code = r.code;
    if (branch != nullptr && type != nullptr) {
        v.summary = branch->name(ctx.lang) + " · " + type->name(ctx.lang) + " · " +
                    plan_view_of(*branch, *type, r.plan, r.fee, ctx.lang).usage;
    }
    v.action = "/booking/" + r.code + "/cancel";
    v.back_href = "/booking/" + r.code;
    return v;
}

static http::response cancel_outcome(http::context& ctx, app::services& s,
                                     const storage::reservation_row& row, const std::string& code,
                                     const result<storage::reservation_row>& cancelled,
                                     std::optional<std::string> set_cookie);

http::response cancel_page(http::context& ctx, app::services& s, const booking_grants& grants) {
    auto g = resolve(ctx, s, grants);
    if (g.answer) {
        return std::move(*g.answer);
    }
    const auto& r = *g.row;
    const auto now = s.clock.now();
    if (!(r.state == status::requested || r.state == status::confirmed) ||
        !farmer_may_cancel(r.plan, now)) {
        const refusal why{reason::invalid_transition,
                          {{"status", text("status." + std::string{to_string(r.state)}, ctx.lang)},
                           {"reason", is_live(r.state) ? "pickup_window_open" : ""}}};
        return show_booking(ctx, s, r, http::status_of(why.code),
                            http::refusal_message(why, ctx.lang));
    }
    auto v = cancel_view_of(ctx, s, r);
    auto page = make_page_for(ctx, text("page.cancel.title", ctx.lang), {}, v.action);
    page.body_class = "page-cancel";
    return html(ctx, http::status::ok, views::render_cancel(page, v));
}

http::response cancel_submit(http::context& ctx, app::services& s, const booking_grants& grants) {
    auto g = resolve(ctx, s, grants);
    if (g.answer) {
        return std::move(*g.answer);
    }
    // The same request as POST /api/v1/reservations/{code}/cancel, the phone from the grant.
    const auto phone = codec::farmer_cancel_phone_of({{"phone", g.row->phone}});
    // DOMAIN.md §14: the code step first (none when the setting is off).
    const auto form = http::form_body(ctx.req).value_or(http::form{});
    auto step = phone_code_step(ctx, s, grants, form, phone);
    if (!step.view.shown) {
        const auto cancelled = app::cancel_by_farmer(
            s, g.code, phone, app::actor::web(actor_address(ctx)), step.verification);
        if (cancelled || cancelled.error().code != reason::phone_unverified) {
            return cancel_outcome(ctx, s, *g.row, g.code, cancelled, std::move(step.set_cookie));
        }
        step.view.shown = true;
        step.view.hint = i18n::format("page.verify.hint", ctx.lang, {{"phone", phone}});
        step.view.error = http::refusal_message(cancelled.error(), ctx.lang);
        step.status = http::status_of(cancelled.error().code);
    }
    auto v = cancel_view_of(ctx, s, *g.row);
    v.code_step = std::move(step.view);
    auto page = make_page_for(ctx, text("page.cancel.title", ctx.lang), {}, v.action);
    page.body_class = "page-cancel";
    return html(ctx, step.status, views::render_cancel(page, v));
}

static http::response cancel_outcome(http::context& ctx, app::services& s,
                                     const storage::reservation_row& row, const std::string& code,
                                     const result<storage::reservation_row>& cancelled,
                                     std::optional<std::string> set_cookie) {
    if (!cancelled) {
        auto why = cancelled.error();
        for (auto& [k, v] : why.details) {
            if (k == "status") { // the status in words, not the code
                v = text("status." + v, ctx.lang);
            }
        }
        return show_booking(ctx, s, row, http::status_of(why.code),
                            http::refusal_message(why, ctx.lang));
    }
    auto res = see_other(ctx, "/booking/" + code + "?done=cancelled");
    if (set_cookie) {
        res.headers.push_back({"set-cookie", std::move(*set_cookie)});
    }
    return res;
}

http::response extend_submit(http::context& ctx, app::services& s, const booking_grants& grants) {
    auto g = resolve(ctx, s, grants);
    if (g.answer) {
        return std::move(*g.answer);
    }
    const std::string_view lang = ctx.lang;
    const auto form = http::form_body(ctx.req);
    const auto end = form ? parse_date(form->value("end")) : std::nullopt;
    const auto show_error = [&](int status, std::string message) {
        return show_booking(ctx, s, *g.row, status, {}, [&](views::booking_view& v) {
            v.extend_error = std::move(message);
            for (auto& c : v.extend_days) {
                c.selected = end && c.value == format_date(*end);
            }
        });
    };
    if (!end) {
        return show_error(http::status::bad_request, text("ext.page.end_missing", lang));
    }
    const bool confirm = form->value("confirm") == "1";
    // DOMAIN.md §14: the code step first (none when the setting is off or the verification is
    // remembered), inside the form pressed: the quote's, or the confirmation's (the end kept).
    const auto phone = codec::farmer_cancel_phone_of({{"phone", g.row->phone}});
    auto step = phone_code_step(ctx, s, grants, *form, phone);
    const auto ask_code = [&] {
        return show_booking(ctx, s, *g.row, step.status, {}, [&](views::booking_view& v) {
            for (auto& c : v.extend_days) {
                c.selected = c.value == format_date(*end);
            }
            if (confirm) {
                v.extend_end = format_date(*end);
            }
            v.extend_step = std::move(step.view);
            v.extend_step_confirm = confirm;
        });
    };
    if (step.view.shown) {
        return ask_code();
    }
    // The same call as POST /api/v1/reservations/{code}/extend, the phone from the grant.
    app::extension_input in;
    in.code = g.code;
    in.end = *end;
    in.phone = g.row->phone;
    in.dry_run = !confirm;
    in.proof = farmer_proof_of(step);
    const auto done = app::extend_reservation(s, in, farmer_actor(ctx));
    if (!done) {
        auto why = done.error();
        if (why.code == reason::phone_unverified) {
            ask_code_again(step, ctx, phone, why);
            return ask_code();
        }
        for (auto& [k, val] : why.details) {
            if (k == "status") {
                val = text("status." + val, lang);
            }
        }
        std::string message = http::refusal_message(why, lang);
        for (const auto& [k, val] : why.details) {
            if (k == "reason" && (val == "already_extended" || val == "half_day")) {
                message = text("ext.page." + val, lang);
            }
        }
        return with_step_cookie(show_error(http::status_of(why.code), std::move(message)), step);
    }
    if (!done->dry_run) {
        return with_step_cookie(see_other(ctx, "/booking/" + g.code + "?done=extended#extend"),
                                step);
    }
    const auto cat = s.catalog.get();
    const auto* branch = cat->branch_by_id(done->row.branch_id);
    return with_step_cookie(
        show_booking(ctx, s, *g.row, http::status::ok, {},
                     [&](views::booking_view& v) {
                         v.extend_end = format_date(*end);
                         for (auto& c : v.extend_days) {
                             c.selected = c.value == v.extend_end;
                         }
                         v.extend_added = usage_text(done->added, lang);
                         v.extend_fee = won_text(done->added_fee.net, lang);
                         if (branch != nullptr) {
                             v.extend_return_by =
                                 i18n::format("plan.return_by_text", lang,
                                              {{"when", instant_text(branch->calendar.zone,
                                                                     done->return_by, lang)}});
                         }
                     }),
        step);
}

http::response lookup_page(http::context& ctx, app::services&) {
    views::lookup_view v;
    if (const auto code = ctx.query_value("code")) {
        v.code.value = http::displayable(*code, 12);
    }
    return show_lookup(ctx, std::move(v), http::status::ok);
}

http::response lookup_submit(http::context& ctx, app::services& s, const booking_grants& grants) {
    const std::string_view lang = ctx.lang;
    views::lookup_view v;
    const auto form = http::form_body(ctx.req);
    if (!form) {
        v.errors.push_back(text("form.unreadable", lang));
        return show_lookup(ctx, std::move(v), http::status::bad_request);
    }
    // The look-up shows the phone as it was typed (not normalised).
    const auto code = checked_code(form->value("code"), v.code, lang);
    const auto phone = checked_phone(form->value("phone"), v.phone, lang);
    if (!v.code.error.empty() || !v.phone.error.empty()) {
        add_errors(v.errors, {&v.code.error, &v.phone.error});
        return show_lookup(ctx, std::move(v), http::status::bad_request);
    }
    const auto found = app::find_for_farmer(s, *code, *phone);
    if (!found) {
        // A wrong phone looks exactly like a wrong code (API.md).
        v.code.error = http::refusal_message(found.error(), lang);
        v.errors.push_back(v.code.error);
        return show_lookup(ctx, std::move(v), http::status_of(found.error().code));
    }
    auto res = see_other(ctx, "/booking/" + found->code);
    res.headers.push_back({"set-cookie", grants.set_cookie(found->code, found->phone, s.clock.now(),
                                                           is_secure(ctx))});
    return res;
}

} // namespace agrirent::pages
