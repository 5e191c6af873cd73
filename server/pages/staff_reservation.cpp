// One reservation for staff: /staff/reservations/{code} with its status, plan, fee, farmer,
// check-out and check-in record, late fee, history (the audit rows), and the actions the
// viewer's role allows (DOMAIN.md §6 lifecycle, §8 roles): operators and admins confirm,
// reject, move and cancel; clerks of its branch and admins check out, check in, mark a no-show
// and cancel. Every action is a POST to /staff/reservations/{code}/{action} (staff_pages.hpp
// explains the pattern), on the same services as the JSON API.
#include <boost/json.hpp>

#include "common/lifecycle.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/extension.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/staff_pages.hpp"

namespace agrirent::pages {
namespace {

namespace json = boost::json;

std::string yes_no(bool b, std::string_view lang) {
    return text(b ? "staff.yes" : "staff.no", lang);
}

/// An audit row's details as a short line: "unit: GS-TRACTOR-01 · hour meter: 520.5".
std::string details_text(std::string_view details_json, std::string_view lang) {
    boost::system::error_code ec;
    const auto v = json::parse(details_json, ec);
    if (ec || !v.is_object()) {
        return {};
    }
    const auto value_text = [&](std::string_view key, const json::value& x) -> std::string {
        if (x.is_string()) {
            const std::string s{x.as_string()};
            if (key == "from" || key == "to" || key == "status") {
                return text_or("status." + s, s, lang);
            }
            return s;
        }
        if (x.is_bool()) {
            return yes_no(x.as_bool(), lang);
        }
        if (x.is_int64()) {
            return key == "late_fee" || key == "fee_before" || key == "fee_after"
                       ? won_text(won{x.as_int64()}, lang)
                       : std::to_string(x.as_int64());
        }
        if (x.is_double()) {
            return meter_text(x.as_double());
        }
        if (x.is_array()) {
            std::string out;
            for (const auto& item : x.as_array()) {
                out += (out.empty() ? "" : ", ") +
                       (item.is_string() ? text_or("staff.strike." + std::string{item.as_string()},
                                                   item.as_string(), lang)
                                         : json::serialize(item));
            }
            return out;
        }
        if (x.is_object()) { // a checklist: item ✓ / item ✗
            std::string out;
            for (const auto& kv : x.as_object()) {
                out += (out.empty() ? "" : ", ") + std::string{kv.key()} +
                       (kv.value().is_bool() && kv.value().as_bool() ? " ✓" : " ✗");
            }
            return out;
        }
        return json::serialize(x);
    };
    std::string out;
    for (const auto& kv : v.as_object()) {
        const std::string key{kv.key()};
        if (key == "demo") {
            continue;
        }
        out += (out.empty() ? "" : " · ") + text_or("staff.detail." + key, key, lang) + ": " +
               value_text(key, kv.value());
    }
    return out;
}

/// The checklist as the API takes it: every item of the reservation's type, ticked or not (the
/// form's check_0, check_1 … follow the order of the type's checklist).
boost::json::object checklist_from(app::services& s, std::string_view code,
                                   const http::form& form) {
    boost::json::object out;
    const auto row = app::find_reservation(s, code);
    const auto cat = s.catalog.get();
    if (const auto* type = row ? cat->type_by_id(row->type_id) : nullptr) {
        for (std::size_t i = 0; i < type->type.checklist.size(); ++i) {
            out[type->type.checklist[i]] = form.has("check_" + std::to_string(i));
        }
    }
    return out;
}

bool is_operator(const app::staff_session& st) {
    return st.user.who == role::operator_ || st.user.who == role::admin;
}

bool is_counter(const app::staff_session& st) {
    return st.user.who == role::clerk || st.user.who == role::admin;
}

views::staff_reservation_view view_of(app::services& s, const app::staff_session& staff,
                                      const storage::reservation_row& r,
                                      const std::vector<storage::history_entry>& history,
                                      const http::string_pairs& query, std::string_view self,
                                      const form_feedback* fb, std::string_view lang) {
    const auto cat = s.catalog.get();
    const sys_seconds now = s.clock.now();
    const auto* branch = cat->branch_by_id(r.branch_id);
    const auto* type = cat->type_by_id(r.type_id);
    const auto* zone = branch != nullptr ? branch->calendar.zone : date::locate_zone("Asia/Seoul");

    views::staff_reservation_view v;
    v.just_booked = query_value(query, "booked") == "1";
    v.code = r.code;
    v.code_spoken = spoken_code(r.code);
    v.status = shown_status(r, now);
    v.status_label = text("status." + v.status, lang);
    if (r.status_reason && (r.state == status::rejected || r.state == status::cancelled)) {
        v.status_note = *r.status_reason;
    }
    v.farmer = r.farmer_name;
    v.phone = r.phone;
    v.group = group_text(r.group_id.has_value(), r.group_name.value_or(""), lang);
    v.phone_search_href = "/staff/board" + query_string({{"q", r.phone}});
    if (branch != nullptr && type != nullptr) {
        v.plan =
            plan_view_of(*branch, *type, r.plan, r.fee, lang, r.delivery ? &*r.delivery : nullptr);
    }

    const auto when = [&](sys_seconds t) { return instant_text(zone, t, lang); };
    const auto at_meter = [&](sys_seconds t, std::optional<double> hours) {
        return i18n::format("staff.fact.at_meter", lang,
                            {{"when", when(t)}, {"hours", meter_text(hours.value_or(0))}});
    };
    v.facts.push_back(
        {text("staff.fact.channel", lang),
         text_or("staff.via." + std::string{to_string(r.via)}, to_string(r.via), lang)});
    v.facts.push_back(
        {text("staff.fact.created", lang), when(r.created_at) + " · " + r.created_by});
    if (r.unit_tag) {
        v.facts.push_back({text("staff.fact.unit", lang), *r.unit_tag});
    }
    if (r.checked_out_at) {
        v.facts.push_back(
            {text("staff.fact.checked_out", lang), at_meter(*r.checked_out_at, r.hour_meter_out)});
        v.facts.push_back({text("staff.fact.paid", lang), yes_no(r.paid.value_or(false), lang)});
    }
    if (r.override_reason) {
        v.facts.push_back({text("staff.fact.override", lang), *r.override_reason});
    }
    if (r.returned_at) {
        v.facts.push_back(
            {text("staff.fact.returned", lang), at_meter(*r.returned_at, r.hour_meter_in)});
        v.facts.push_back(
            {text("staff.fact.damage", lang), r.damage_notes && !r.damage_notes->empty()
                                                  ? *r.damage_notes
                                                  : text("staff.fact.no_damage", lang)});
        v.facts.push_back(
            {text("staff.fact.at_fault", lang), yes_no(r.farmer_at_fault.value_or(false), lang)});
        // The check-in's result in large type (DOMAIN.md §7 late fee).
        v.returned = true;
        v.late = r.late_days > 0;
        v.result_highlight = query_value(query, "done") == "checkin";
        v.late_fee = r.late_fee.value > 0 ? won_text(r.late_fee, lang)
                                          : text("staff.reservation.no_late_fee", lang);
        v.late_days = r.late_days > 0 ? i18n::format("staff.reservation.days_late", lang,
                                                     {{"n", std::to_string(r.late_days)}})
                                      : text("staff.reservation.on_time", lang);
    }

    // The actions this person may take now (the services decide again).
    const bool own_branch = http::may_act_on_branch(staff, r.branch_id);
    const std::string back{self};
    if (is_operator(staff)) {
        if (r.state == status::requested) {
            v.confirm = confirm_button(r, back, fb, lang);
            v.reject = reject_form(r, back, fb, lang);
        }
        if (r.state == status::requested || r.state == status::confirmed) {
            v.move = move_form_of(r, *cat, back, fb, lang);
        }
    }
    if (is_counter(staff) && own_branch && type != nullptr && branch != nullptr) {
        if (r.state == status::confirmed) {
            std::vector<storage::unit_row> units;
            {
                storage::unit_filter f;
                f.branch_id = r.branch_id;
                f.type_id = r.type_id;
                f.state = unit_status::available;
                units = app::list_units(s, f);
            }
            v.checkout = checkout_form_of(r, *branch, *type, units, now, back, fb, lang);
            v.checkout->open = true;
            if (pickup_window_closed(r.plan, now)) {
                v.no_show = no_show_button(r, back, fb, lang);
            }
        }
        if (r.state == status::checked_out) {
            v.checkin = checkin_form_of(r, *cat, *type, now, back, fb, lang);
            v.checkin->open = true;
        }
    }
    if (own_branch && (r.state == status::requested || r.state == status::confirmed)) {
        v.cancel = cancel_form(r, back, fb, lang);
    }
    // Extension (DOMAIN.md §12): operators and admins, and clerks of its branch.
    v.extend = extend_form_of(staff, r, *cat, back, fb, lang);
    if (v.extend) {
        v.extend->open = true;
    }

    for (const auto& h : history) {
        const std::string who = h.actor + " (" + text_or("staff.role." + h.role, h.role, lang) +
                                " · " + text_or("staff.via." + h.via, h.via, lang) + ")";
        v.history.push_back({when(h.at), who, text_or("staff.action." + h.action, h.action, lang),
                             details_text(h.details, lang)});
    }
    if (const auto b = safe_local_path(query_value(query, "back"))) {
        v.back_href = *b;
        v.back_label = text(b->starts_with("/staff/day") ? "staff.reservation.back_day"
                                                         : "staff.reservation.back_board",
                            lang);
    } else {
        v.back_href = staff_home(staff);
        v.back_label = text(staff.user.who == role::clerk ? "staff.reservation.back_day"
                                                          : "staff.reservation.back_board",
                            lang);
    }
    return v;
}

} // namespace

http::response render_reservation_page(http::context& ctx, app::services& s,
                                       std::string_view raw_code, const http::string_pairs& query,
                                       const form_feedback* fb, int status, std::string_view self) {
    if (auto gate = require_staff_page(ctx, {role::operator_, role::clerk, role::admin}, self)) {
        return std::move(*gate);
    }
    const auto& staff = *http::staff_of(ctx);
    const auto code = normalize_booking_code(raw_code);
    if (!code) {
        return not_found_page(ctx);
    }
    const auto found = app::find_with_history(s, *code);
    if (!found) {
        return not_found_page(ctx);
    }
    const auto* row = &found->row;
    const auto& history = found->history;
    // DOMAIN.md §8: a clerk sees their own branch's reservations only.
    if (!http::may_act_on_branch(staff, row->branch_id)) {
        return forbidden_page(ctx, text("staff.forbidden.other_branch", ctx.lang));
    }
    // Forms here come back to this page (keeping where "back" leads).
    std::string here = "/staff/reservations/" + row->code;
    if (const auto b = safe_local_path(query_value(query, "back"))) {
        here += query_string({{"back", *b}});
    }
    auto v = view_of(s, staff, *row, history, query, here, fb, ctx.lang);
    if (fb != nullptr && !fb->shown) {
        v.alert = fb->error;
    }
    auto p = staff_chrome(ctx, text("staff.reservation.title", ctx.lang) + " " + row->code, {},
                          self, "page-staff-reservation");
    p.notice = done_notice(query, ctx.lang);
    return html(ctx, status, views::render_staff_reservation(p, v));
}

http::response staff_reservation_page(http::context& ctx, app::services& s) {
    const auto code = normalize_booking_code(ctx.param("code"));
    if (code && *code != ctx.param("code")) { // "k7m2-q9xw": the canonical address
        return see_other(ctx, "/staff/reservations/" + *code);
    }
    return render_reservation_page(ctx, s, ctx.param("code"), ctx.query, nullptr, http::status::ok,
                                   ctx.req.target);
}

http::response reservation_action(http::context& ctx, app::services& s, std::string_view action) {
    const std::string_view lang = ctx.lang;
    const auto form = http::form_body(ctx.req);
    const auto code = normalize_booking_code(ctx.param("code"));
    const std::string own_page =
        code ? "/staff/reservations/" + *code : std::string{"/staff/board"};
    std::string back = own_page;
    if (form) {
        if (auto b = safe_local_path(form->value("back"))) {
            back = std::move(*b);
        }
    }
    // Who may send which form (the services check again, with the branch).
    const bool operators_only = action == "confirm" || action == "reject" || action == "move";
    const bool counter_only = action == "checkout" || action == "checkin" || action == "no-show";
    std::optional<http::response> gate;
    if (operators_only) {
        gate = require_staff_page(ctx, {role::operator_, role::admin}, back);
    } else if (counter_only) {
        gate = require_staff_page(ctx, {role::clerk, role::admin}, back);
    } else {
        gate = require_staff_page(ctx, {role::operator_, role::clerk, role::admin}, back);
    }
    if (gate) {
        return std::move(*gate);
    }
    if (!form) {
        return forbidden_page(ctx, text("form.unreadable", lang));
    }
    if (!code) {
        return not_found_page(ctx);
    }

    form_feedback fb;
    fb.form = action == "no-show" ? "no_show" : std::string{action};
    fb.code = *code;
    fb.typed = &*form;
    const auto refuse_fields = [&]() {
        fb.error = text("staff.form.fix_fields", lang);
        return show_back(ctx, s, back, fb, http::status::bad_request);
    };
    const auto reason_text = [&]() -> std::optional<std::string> {
        const auto raw = form->value("reason");
        auto clean = http::is_clean_text(raw) ? normalize_text(raw, 200) : std::nullopt;
        if (!clean || clean->empty()) {
            fb.error =
                text(raw.empty() ? "staff.form.reason_missing" : "form.bad_characters", lang);
            return std::nullopt;
        }
        return clean;
    };

    // The audit trail's channel: the counter for a clerk's work, the phone for an operator's.
    const bool at_counter = counter_only || http::staff_of(ctx)->user.who == role::clerk;
    const auto who = http::actor_of(ctx, at_counter ? channel::counter : channel::phone);
    // The form's fields are checked here first, to say beside each what is wrong in the page's
    // words; the request then goes through the API's decoder (server/codec) like a JSON body.
    std::optional<result<storage::reservation_row>> done;
    try {
        if (action == "confirm") {
            done = app::confirm_reservation(s, *code, who);
        } else if (action == "reject" || action == "cancel") {
            const auto reason = reason_text();
            if (!reason) {
                return show_back(ctx, s, back, fb, http::status::bad_request);
            }
            const boost::json::object body{{"reason", *reason}};
            done = action == "reject"
                       ? app::reject_reservation(s, *code, codec::reject_reason_of(body), who)
                       : app::cancel_by_staff(s, *code, codec::staff_cancel_reason_of(body), who);
        } else if (action == "no-show") {
            done = app::mark_no_show(s, *code, who);
        } else if (action == "move") {
            boost::json::object body{{"start", form->value("start")}};
            if (!form->value("end").empty()) {
                body["end"] = form->value("end");
            }
            if (!form->value("branch").empty()) {
                body["branch"] = form->value("branch");
            }
            done = app::move_reservation(s, *code, codec::move_input_of(body), who);
        } else if (action == "checkout") {
            boost::json::object body{{"unit", form->value("unit")}};
            const auto meter = parse_meter(form->value("hour_meter"));
            if (!meter) {
                fb.field_errors["hour_meter"] = text("staff.form.meter_invalid", lang);
            }
            // Offices release machines only once paid (DOMAIN.md §6).
            const bool paid = form->has("paid");
            if (!paid) {
                fb.field_errors["paid"] = text("staff.checkout.not_paid", lang);
            }
            const auto override_raw = form->value("override_reason");
            if (!override_raw.empty()) {
                auto clean = http::is_clean_text(override_raw) ? normalize_text(override_raw, 200)
                                                               : std::nullopt;
                if (!clean) {
                    fb.field_errors["override_reason"] = text("form.bad_characters", lang);
                } else if (!clean->empty()) {
                    body["override_reason"] = *clean;
                }
            }
            if (!fb.field_errors.empty()) {
                return refuse_fields();
            }
            body["hour_meter"] = *meter;
            body["paid"] = paid;
            body["checklist"] = checklist_from(s, *code, *form);
            done = app::check_out(s, *code, codec::checkout_input_of(body), who);
        } else if (action == "extend") {
            const auto end = parse_date(form->value("end"));
            if (!end) {
                fb.error = text("ext.page.end_missing", lang);
                return show_back(ctx, s, back, fb, http::status::bad_request);
            }
            app::extension_input in;
            in.code = *code;
            in.end = *end;
            in.dry_run = form->value("confirm") != "1";
            auto ext = app::extend_reservation(s, in, who);
            if (ext && ext->dry_run) {
                const auto cat = s.catalog.get();
                const auto* branch = cat->branch_by_id(ext->row.branch_id);
                fb.extend_end = format_date(*end);
                fb.extend_added = usage_text(ext->added, lang);
                fb.extend_fee = won_text(ext->added_fee.net, lang);
                if (branch != nullptr) {
                    fb.extend_return_by = i18n::format(
                        "plan.return_by_text", lang,
                        {{"when", instant_text(branch->calendar.zone, ext->return_by, lang)}});
                }
                return show_back(ctx, s, back, fb, http::status::ok);
            }
            if (!ext) {
                auto why = ext.error();
                if (const auto r = why.detail("reason");
                    r == "already_extended" || r == "half_day") {
                    fb.error = text("ext.page." + std::string{r}, lang);
                    return show_back(ctx, s, back, fb, http::status_of(why.code));
                }
                done = std::move(why);
            } else {
                done = std::move(ext->row);
            }
        } else if (action == "checkin") {
            const auto meter = parse_meter(form->value("hour_meter"));
            if (!meter) {
                fb.field_errors["hour_meter"] = text("staff.form.meter_invalid", lang);
            }
            // A textarea sends line breaks as CR LF; normalize_text allows the LF and refuses
            // every other control character.
            std::string notes_raw{form->value("damage_notes")};
            std::erase(notes_raw, '\r');
            auto notes = normalize_text(notes_raw, 2000);
            if (!notes) {
                fb.field_errors["damage_notes"] = text("form.bad_characters", lang);
            }
            if (!fb.field_errors.empty()) {
                return refuse_fields();
            }
            const boost::json::object body{{"hour_meter", *meter},
                                           {"damage_notes", *notes},
                                           {"farmer_at_fault", form->has("farmer_at_fault")},
                                           {"checklist", checklist_from(s, *code, *form)}};
            done = app::check_in(s, *code, codec::checkin_input_of(body), who);
        } else {
            return not_found_page(ctx);
        }
    } catch (const http::api_error& e) {
        const auto placed = form_error_of(page_form::reservation, e, lang);
        if (!placed.field.empty()) {
            fb.field_errors[placed.field] = placed.message;
        }
        fb.error = placed.message;
        return show_back(ctx, s, back, fb, http::status::bad_request);
    }

    if (!*done) {
        const auto& r = done->error();
        if (r.code == reason::forbidden) {
            return forbidden_page(ctx, r.detail("reason") == "other_branch"
                                           ? text("staff.forbidden.other_branch", lang)
                                           : http::refusal_message(r, lang));
        }
        if (r.code == reason::not_found && r.detail("field") == "code") {
            return not_found_page(ctx);
        }
        if (const auto placed = form_error_of(page_form::reservation, r, lang);
            !placed.field.empty()) {
            fb.field_errors[placed.field] = placed.message;
        }
        fb.error = http::refusal_message(r, lang);
        return show_back(ctx, s, back, fb, http::status_of(r.code));
    }
    if (action == "checkin") {
        // The result page: the late fee and the days late in large type, with the way back to
        // where the clerk came from (the day sheet, or wherever the reservation's page led).
        const auto [path, query] = split_target(back);
        std::string onward = path == own_page ? std::string{query_value(query, "back")} : back;
        if (!safe_local_path(onward)) {
            onward.clear();
        }
        return see_other(
            ctx, "/staff/reservations/" + *code +
                     query_string({{"done", "checkin"}, {"code", *code}, {"back", onward}}));
    }
    return see_other(ctx, with_params(back, {{"done", fb.form}, {"code", *code}}));
}

} // namespace agrirent::pages
