// The operators' board (issue 5 "Staff"): one screen for answering a phone call fast.
//   /staff/board       free units per branch × machine type × 14 days (from today, ?from= to
//                      move), each cell a link to book for the caller or see who holds it;
//                      search by phone or code; approvals waiting; at-risk reservations.
//   /staff/book        booking for a caller: the quote first (pickup window, the eve pickup in
//                      words, return deadline, fee), the end day as links (at most the type's
//                      max days), name and phone; POST books with channel `phone` and shows the
//                      code in large type (the reservation's page). Below: who holds that
//                      (branch, type, day).
#include <algorithm>
#include <charconv>

#include <boost/json.hpp>
#include <date/tz.h>

#include "common/booking_rules.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/admin_people.hpp"
#include "server/app/availability.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/app/waitlist.hpp"
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

using date::days;

constexpr int board_days = 14;

std::string board_href(local_days from, std::string_view q = {}) {
    return "/staff/board" + query_string({{"from", format_date(from)}, {"q", std::string{q}}});
}

/// DOMAIN.md §11, a type with half days: the morning and afternoon free counts in the cell
/// ("오전 1 · 오후 0"), and when no whole day is free but a half is, the link books that half.
void half_cell(views::board_cell& cell, std::string& said, const day_availability::half_free& free,
               std::string_view lang) {
    const std::vector<std::pair<std::string, std::string>> counts{{"am", std::to_string(free.am)},
                                                                  {"pm", std::to_string(free.pm)}};
    cell.half_am = i18n::format("staff.board.cell_half_am", lang, counts);
    cell.half_pm = i18n::format("staff.board.cell_half_pm", lang, counts);
    said += ", " + i18n::format("staff.board.cell_half_said", lang, counts);
    if (cell.state == "none" && (free.am > 0 || free.pm > 0)) {
        cell.state = "part"; // only a half day is free
        cell.href += "&half=" + std::string{free.am > 0 ? "am" : "pm"};
    }
}

/// Free units of one branch, every type it offers, over `range` (DOMAIN.md §3 capacity, the
/// same rule as the availability API).
views::board_branch branch_grid(app::services& s, const app::catalog& cat,
                                const app::branch_info& b, date_range range, local_days today,
                                std::string_view lang) {
    views::board_branch out;
    out.name = b.name(lang);
    for (const auto& c : app::branch_availability(s, cat, b, nullptr, range)) {
        if (c.offered == 0) {
            continue; // not offered at this branch
        }
        const auto& t = *c.type;
        views::board_row row;
        row.type = t.name(lang);
        for (const auto& a : c.days) {
            views::board_cell cell;
            const local_days d = a.day.date;
            const std::string day = day_text(d, lang);
            std::string said;
            if (!a.day.known) {
                cell.state = "unknown";
                cell.text = "?";
                said = text("staff.board.cell_unknown", lang);
            } else {
                cell.href = "/staff/book" + query_string({{"branch", b.code.value},
                                                          {"type", t.type.code.value},
                                                          {"start", format_date(d)},
                                                          {"from", format_date(range.from)}});
                const int n = a.plannable ? a.available : 0;
                if (d < today) {
                    cell.state = "past";
                    cell.text = "–";
                    said = text("staff.board.cell_past", lang);
                } else {
                    cell.state = n > 0 ? "free" : "none";
                    cell.text = std::to_string(n);
                    said = i18n::format(
                        "staff.board.cell_free", lang,
                        {{"n", std::to_string(n)}, {"capacity", std::to_string(c.capacity)}});
                }
                if (a.half && a.day.operating && d >= today) {
                    half_cell(cell, said, *a.half, lang);
                }
                if (!a.day.operating) {
                    // Closed days can still start a rental: the pickup is the evening before.
                    cell.closed = true;
                    cell.tag = text("staff.board.closed_tag", lang);
                    said += ", " + text("staff.board.cell_closed", lang);
                }
            }
            cell.label = i18n::format(
                "staff.board.cell_label", lang,
                {{"branch", out.name}, {"type", row.type}, {"day", day}, {"state", said}});
            row.cells.push_back(std::move(cell));
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

/// Search by phone or code: the matching reservations, newest first (also returned).
std::vector<storage::reservation_row> search(app::services& s, const app::catalog& cat,
                                             std::string_view raw, sys_seconds now,
                                             std::string_view lang, views::board_view& v) {
    v.query.value = http::displayable(raw, 20);
    if (raw.empty()) {
        return {};
    }
    storage::reservation_filter f;
    f.limit = 20;
    if (!http::is_clean_text(raw)) {
        v.query.error = text("staff.search.invalid", lang);
        return {};
    }
    if (const auto code = normalize_booking_code(raw)) {
        f.code = *code;
    } else if (const auto phone = normalize_phone(raw)) {
        f.phone = *phone;
        v.query.value = *phone;
    } else {
        v.query.error = text("staff.search.invalid", lang);
        return {};
    }
    v.searched = true;
    auto found = app::search_reservations(s, f);
    for (const auto& r : found) {
        v.results.push_back(line_of(r, cat, now, lang));
    }
    return found;
}

/// The extension control beside each search result that is checked out (DOMAIN.md §12): a
/// farmer calls to keep the machine longer; the form comes back to this board.
void result_extensions(const app::staff_session& staff, const app::catalog& cat,
                       const std::vector<storage::reservation_row>& found, std::string_view back,
                       const form_feedback* fb, std::string_view lang, views::board_view& v) {
    for (const auto& r : found) {
        v.result_extends.push_back(extend_form_of(staff, r, cat, back, fb, lang));
    }
}

} // namespace

http::response render_board_page(http::context& ctx, app::services& s,
                                 const http::string_pairs& query, const form_feedback* fb,
                                 int status, std::string_view self) {
    if (auto gate = require_staff_page(ctx, {role::operator_, role::admin}, self)) {
        return std::move(*gate);
    }
    const std::string_view lang = ctx.lang;
    const auto cat = s.catalog.get();
    const sys_seconds now = s.clock.now();
    const local_days today = office_today(s);
    const local_days from = parse_date(query_value(query, "from")).value_or(today);
    const date_range range{from, from + days{board_days - 1}};
    const std::string_view q = query_value(query, "q");
    // Forms on this page come back here, to the same two weeks (and the same search).
    const std::string back = board_href(from, q);

    views::board_view v;
    v.from = format_date(from);
    v.range =
        i18n::format("date.range", lang,
                     {{"from", day_text(range.from, lang)}, {"to", day_text(range.to, lang)}});
    v.prev_href = board_href(from - days{board_days}, q);
    v.next_href = board_href(from + days{board_days}, q);
    v.today_href = board_href(today, q);
    for (local_days d = range.from; d <= range.to; d += days{1}) {
        const date::weekday wd{d};
        v.days.push_back({std::to_string(static_cast<unsigned>(date::year_month_day{d}.day())),
                          weekday_text(wd, lang), day_text(d, lang), d == today,
                          wd == date::Saturday || wd == date::Sunday});
    }
    for (const auto& b : cat->branches()) {
        if (b.active) {
            v.branches.push_back(branch_grid(s, *cat, b, range, today, lang));
        }
    }
    result_extensions(*http::staff_of(ctx), *cat, search(s, *cat, q, now, lang, v), back, fb, lang,
                      v);

    // Approvals waiting: bookings of types that need an operator (DOMAIN.md §6).
    std::vector<storage::reservation_row> requested;
    {
        storage::reservation_filter f;
        f.state = status::requested;
        f.limit = 50;
        requested = app::search_reservations(s, f);
    }
    std::sort(requested.begin(), requested.end(),
              [](const auto& a, const auto& b) { return a.plan.pickup.from < b.plan.pickup.from; });
    for (const auto& r : requested) {
        v.approvals.push_back({line_of(r, *cat, now, lang), confirm_button(r, back, fb, lang),
                               reject_form(r, back, fb, lang)});
    }
    // At risk: capacity fell below what is booked (DOMAIN.md §3); move or cancel.
    for (const auto& r : app::at_risk_reservations(s, std::nullopt)) {
        v.at_risk.push_back({line_of(r, *cat, now, lang), move_form_of(r, *cat, back, fb, lang),
                             cancel_form(r, back, fb, lang)});
    }

    // The waitlist (DOMAIN.md §13): live entries of every branch and type, positions first.
    {
        std::vector<app::waitlist_view> live;
        for (const auto state : {app::waitlist_state::offered, app::waitlist_state::waiting}) {
            app::waitlist_query f;
            f.state = state;
            f.limit = 200;
            if (auto found = app::list_waitlist(s, f, http::actor_of(ctx))) {
                live.insert(live.end(), found->begin(), found->end());
            }
        }
        std::stable_sort(live.begin(), live.end(), [](const auto& a, const auto& b) {
            return std::tuple{a.entry.branch_id, a.entry.type_id, a.entry.id} <
                   std::tuple{b.entry.branch_id, b.entry.type_id, b.entry.id};
        });
        for (const auto& w : live) {
            const auto& e = w.entry;
            const auto* b = cat->branch_by_id(e.branch_id);
            const auto* t = cat->type_by_id(e.type_id);
            if (b == nullptr || t == nullptr) {
                continue;
            }
            views::waitlist_line line;
            line.position = w.position ? std::to_string(*w.position) : "";
            line.code = e.code;
            line.href = "/staff/waitlist/" + e.code;
            line.farmer = e.name + " " + e.phone;
            line.where = b->name(lang) + " · " + t->name(lang);
            line.period = e.usage.start == e.usage.end
                              ? day_text(e.usage.start, lang)
                              : range_text({e.usage.start, e.usage.end}, lang);
            line.period += slot_suffix(b, e.half, lang);
            line.status =
                e.offer_expires_at
                    ? i18n::format(
                          "wl.offer_until", lang,
                          {{"until", instant_text(b->calendar.zone, *e.offer_expires_at, lang)}})
                    : std::string{text("wl.status.waiting", lang)};
            v.waitlist.push_back(std::move(line));
        }
    }

    if (fb != nullptr && !fb->shown) {
        v.alert = fb->error;
    }
    auto p = staff_chrome(ctx, text("staff.board.title", lang), "/staff/board", self,
                          "page-staff-board");
    p.notice = done_notice(query, lang);
    return html(ctx, status, views::render_board(p, v));
}

http::response board_page(http::context& ctx, app::services& s) {
    return render_board_page(ctx, s, ctx.query, nullptr, http::status::ok, ctx.req.target);
}

// ---- booking for a caller ------------------------------------------------------------------

namespace {

struct book_params {
    const app::branch_info* branch = nullptr;
    const app::type_info* type = nullptr;
    local_days start;
    local_days end;
    std::optional<half_day> half; // DOMAIN.md §11: a morning or afternoon of `start`
    std::string from;             // the board's first day
    /// A group booking (DOMAIN.md §16): the group's id as given (checked by the quote and the
    /// booking), only for a type that allows group rentals.
    std::optional<std::int64_t> group;
    int min_days = 1; // the lengths offered: 1 … max_days, or the group's range
    int max_days = 1;
};

std::optional<std::int64_t> group_id_of(std::string_view raw) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
    if (raw.empty() || ec != std::errc{} || end != raw.data() + raw.size() || id < 1) {
        return std::nullopt;
    }
    return id;
}

/// The (branch, type, start, end, group) of the request, or nullopt when they do not name a
/// bookable slot (a hand-made URL: the 404 page).
std::optional<book_params> params_of(const app::catalog& cat, std::string_view branch,
                                     std::string_view type, std::string_view start,
                                     std::string_view end, std::string_view from,
                                     std::string_view group, std::string_view half) {
    book_params p;
    p.branch = cat.branch(branch);
    p.type = cat.type(type);
    const auto s = parse_date(start);
    if (p.branch == nullptr || p.type == nullptr || !p.branch->active || !p.type->active || !s) {
        return std::nullopt;
    }
    if (!group.empty()) {
        p.group = group_id_of(group);
        if (!p.group || !p.type->type.group_rental) {
            return std::nullopt;
        }
    }
    p.start = *s;
    p.min_days = p.group ? std::max(1, cat.config().group_min_days) : 1;
    p.max_days = p.group ? cat.config().group_max_days : p.type->type.max_days;
    p.end = parse_date(end).value_or(*s);
    // The lengths offered are min … max days; anything else is the first.
    if (p.end < p.start || p.end - p.start < days{p.min_days - 1} ||
        p.end - p.start >= days{p.max_days}) {
        p.end = p.start + days{p.min_days - 1};
    }
    if (parse_date(from)) {
        p.from = std::string{from};
    }
    // A half day (types that allow them) is one day; anything else is a whole day.
    if (p.type->type.half_day && !p.group) {
        p.half = parse_half_day(half);
        if (p.half) {
            p.end = p.start;
        }
    }
    return p;
}

std::string book_href(const book_params& p, local_days end,
                      std::optional<half_day> half = std::nullopt) {
    return "/staff/book" + query_string({{"branch", p.branch->code.value},
                                         {"type", p.type->type.code.value},
                                         {"start", format_date(p.start)},
                                         {"end", end == p.start ? std::string{} : format_date(end)},
                                         {"half", half ? std::string{to_string(*half)} : ""},
                                         {"from", p.from},
                                         {"group", p.group ? std::to_string(*p.group) : ""}});
}

/// What the operator typed into the booking form's delivery part (DOMAIN.md §15).
struct delivery_typed {
    std::string mode; // "" or "pickup" = at the office
    std::string area;
    std::string address;
};

/// The delivery part of the form, when the type is deliverable and the branch delivers: the
/// same choices as the farmer's page, with what was typed kept.
void delivery_choice(views::staff_book_view& v, const book_params& p, const delivery_typed& typed,
                     std::string_view lang) {
    const auto& b = *p.branch;
    if (!p.type->type.deliverable || !b.delivery) {
        return;
    }
    v.delivery_offered = true;
    auto form = delivery_form_of(*b.delivery, typed.mode, typed.area, lang);
    v.delivery_modes = std::move(form.modes);
    v.delivery_areas = std::move(form.areas);
    v.delivery_note = std::move(form.note);
    v.delivery_address.value = http::displayable(typed.address, 200);
}

/// The group part (DOMAIN.md §16), when the type allows group rentals: the office's groups to
/// choose from, and what the chosen one means.
void group_choice(app::services& s, views::staff_book_view& v, const book_params& p,
                  const app::catalog& cat, std::string_view lang) {
    if (!p.type->type.group_rental) {
        return;
    }
    v.group_offered = true;
    const auto& config = cat.config();
    const std::string min = std::to_string(config.group_min_days);
    const std::string max = std::to_string(config.group_max_days);
    v.group_note = i18n::format("staff.book.group_hint", lang, {{"min", min}, {"max", max}});
    for (const auto& g : app::admin::list_groups(s)) {
        const bool chosen = p.group && *p.group == g.id;
        v.groups.push_back({std::to_string(g.id), g.name, {}, chosen});
        if (chosen) {
            v.group = std::to_string(g.id);
            v.group_note = i18n::format(
                "staff.book.group_note", lang,
                {{"name", g.name}, {"phone", g.representative_phone}, {"min", min}, {"max", max}});
            if (v.phone.value.empty()) {
                v.phone.value = g.representative_phone; // booked in the representative's name
            }
        }
    }
}

/// The booking page for `p`: quote, lengths, holders; `v` may carry the form's values/errors.
http::response show_book(http::context& ctx, app::services& s, const book_params& p,
                         views::staff_book_view v, int status) {
    const std::string_view lang = ctx.lang;
    const auto cat = s.catalog.get();
    const sys_seconds now = s.clock.now();
    const auto& b = *p.branch;
    const auto& t = *p.type;

    v.summary = b.name(lang) + " · " + t.name(lang) + " · " + day_text(p.start, lang);
    v.back_href = "/staff/board" + query_string({{"from", p.from}});
    for (int n = p.min_days; n <= p.max_days; ++n) {
        const local_days end = p.start + days{n - 1};
        v.lengths.push_back({book_href(p, end),
                             i18n::format("staff.book.length_option", lang,
                                          {{"n", std::to_string(n)}, {"day", day_text(end, lang)}}),
                             end == p.end && !p.half});
    }
    if (t.type.half_day && !p.group) {
        // DOMAIN.md §11: a morning or an afternoon of the first day, with the branch's slots (not
        // for a group: its bookings are 4 days or more, §16).
        const auto& slots = b.calendar.half_days;
        for (const half_day h : {half_day::am, half_day::pm}) {
            const bool am = h == half_day::am;
            v.lengths.push_back(
                {book_href(p, p.start, h),
                 i18n::format(am ? "half.am_slot" : "half.pm_slot", lang,
                              {{"from", format_time_of_day(am ? slots.am_from : slots.pm_from)},
                               {"to", format_time_of_day(am ? slots.am_to : slots.pm_to)}}),
                 p.half == h});
        }
    }
    v.branch = b.code.value;
    v.type = t.type.code.value;
    v.start = format_date(p.start);
    v.end = format_date(p.end);
    v.half = p.half ? std::string{to_string(*p.half)} : std::string{};
    v.from = p.from;

    group_choice(s, v, p, *cat, lang);
    // The quote of the group's rule (DOMAIN.md §16) when a group is chosen: its length, its
    // live limit; the representative is checked when the form is sent.
    std::optional<app::quote_group> group;
    if (p.group) {
        group = app::quote_group{p.group, std::nullopt};
    }
    const auto q =
        app::quote(s, b.code.value, t.type.code.value, {p.start, p.end}, {}, group, p.half);
    if (!q) {
        v.dates_error = http::refusal_message(q.error(), lang);
    } else if (q->refused) {
        if (v.dates_error.empty()) {
            v.dates_error = http::refusal_message(*q->refused, lang);
        }
        // DOMAIN.md §13: a full period can be waited for (whole days or a half day of one
        // machine; a group booking is not waited for).
        if (q->refused->code == reason::no_capacity) {
            v.waitlist_offered = true;
        }
    } else {
        v.quote = plan_view_of(b, t, *q->plan, *q->fee, lang);
        v.available = i18n::format(
            "staff.book.available", lang,
            {{"n", std::to_string(q->available)}, {"capacity", std::to_string(q->capacity)}});
        v.show_form = true;
    }
    v.waitlist_offered = v.waitlist_offered && !p.group;
    v.holders_heading = i18n::format("staff.book.holders", lang,
                                     {{"day", day_text(p.start, lang)}, {"type", t.name(lang)}});
    for (const auto& r : app::holders_of(s, b, t, p.start)) {
        v.holders.push_back(line_of(r, *cat, now, lang));
    }
    auto page = staff_chrome(ctx, text("staff.book.title", lang), "/staff/board",
                             book_href(p, p.end, p.half), "page-staff-book");
    return html(ctx, status, views::render_staff_book(page, v));
}

} // namespace

boost::json::object staff_booking_body(const staff_booking_form& f) {
    boost::json::object body{{"branch", f.branch},
                             {"type", f.type},
                             {"start", format_date(f.start)},
                             {"end", format_date(f.end)},
                             {"farmer", {{"name", f.name}, {"phone", f.phone}}},
                             {"channel", "phone"}};
    if (f.delivery_offered && !f.delivery_mode.empty() && f.delivery_mode != "pickup") {
        boost::json::object d{{"mode", f.delivery_mode}};
        if (!f.delivery_address.empty()) {
            d["address"] = f.delivery_address;
        }
        if (!f.delivery_area.empty()) {
            d["area"] = f.delivery_area;
        }
        body["delivery"] = std::move(d);
    }
    if (f.group) {
        body["group"] = *f.group;
    }
    if (f.half) {
        body["half"] = std::string{to_string(*f.half)};
    }
    return body;
}

http::response staff_book_page(http::context& ctx, app::services& s) {
    if (auto gate = require_staff_page(ctx, {role::operator_, role::admin})) {
        return std::move(*gate);
    }
    const auto cat = s.catalog.get();
    const auto p =
        params_of(*cat, ctx.query_value("branch").value_or(""),
                  ctx.query_value("type").value_or(""), ctx.query_value("start").value_or(""),
                  ctx.query_value("end").value_or(""), ctx.query_value("from").value_or(""),
                  ctx.query_value("group").value_or(""), ctx.query_value("half").value_or(""));
    if (!p) {
        return not_found_page(ctx);
    }
    views::staff_book_view v;
    delivery_choice(v, *p, {}, ctx.lang);
    return show_book(ctx, s, *p, std::move(v), http::status::ok);
}

http::response staff_book_submit(http::context& ctx, app::services& s) {
    const std::string_view lang = ctx.lang;
    const auto form = http::form_body(ctx.req);
    if (auto gate = require_staff_page(ctx, {role::operator_, role::admin}, "/staff/board")) {
        return std::move(*gate);
    }
    if (!form) {
        return forbidden_page(ctx, text("form.unreadable", lang));
    }
    const auto cat = s.catalog.get();
    const auto p = params_of(*cat, form->value("branch"), form->value("type"), form->value("start"),
                             form->value("end"), form->value("from"), form->value("group"),
                             form->value("half"));
    if (!p) {
        return not_found_page(ctx);
    }
    views::staff_book_view v;
    // The delivery as typed; text that is not clean is sent as it is shown, and refused by the
    // decoder like any malformed value.
    delivery_typed typed{std::string{form->value("delivery_mode")},
                         std::string{form->value("delivery_area")},
                         std::string{form->value("delivery_address")}};
    for (auto* raw : {&typed.mode, &typed.area, &typed.address}) {
        if (!http::is_clean_text(*raw)) {
            *raw = http::displayable(*raw, 200);
        }
    }
    delivery_choice(v, *p, typed, lang);
    const auto name = checked_name(form->value("name"), v.name, lang);
    const auto phone = checked_phone(form->value("phone"), v.phone, lang);
    if (phone) {
        v.phone.value = *phone;
    }
    if (!name || !phone) {
        add_errors(v.errors, {&v.name.error, &v.phone.error});
        return show_book(ctx, s, *p, std::move(v), http::status::bad_request);
    }

    // The same request as POST /api/v1/reservations, through the same decoder: the delivery
    // (when a mode other than pickup is chosen; empty fields left out, so the decoder names the
    // missing one) and the group.
    const auto body = staff_booking_body({p->branch->code.value, p->type->type.code.value, p->start,
                                          p->end, *name, *phone, v.delivery_offered, typed.mode,
                                          typed.area, typed.address, p->group, p->half});
    codec::booking_request rq;
    try {
        rq = codec::booking_request_of(body);
    } catch (const http::api_error& e) {
        const auto placed = form_error_of(page_form::staff_booking, e, lang);
        place_error(v, placed);
        v.errors.push_back(placed.message);
        return show_book(ctx, s, *p, std::move(v), http::status::bad_request);
    }
    // Booked for a caller (API.md: channel phone); staff bookings are confirmed at once.
    const auto booked =
        app::book(s, rq.input, http::actor_of(ctx, rq.via.value_or(channel::phone)));
    if (!booked) {
        const auto& r = booked.error();
        const auto placed = form_error_of(page_form::staff_booking, r, lang);
        place_error(v, placed);
        v.errors.push_back(placed.message);
        if (r.code == reason::no_capacity) {
            // The caller may wait instead (DOMAIN.md §13): their name and phone carried over.
            v.waitlist_offered = true;
            v.wl_name.value = *name;
            v.wl_phone.value = *phone;
        }
        return show_book(ctx, s, *p, std::move(v), http::status_of(r.code));
    }
    // The reservation's page shows the code in large type, to read out to the caller.
    return see_other(
        ctx, "/staff/reservations/" + booked->code +
                 query_string({{"booked", "1"},
                               {"back", "/staff/board" + query_string({{"from", p->from}})}}));
}

// ---- the waitlist for a caller ------------------------------------------------------------

namespace {

/// A refusal of joining the waitlist, beside the waitlist form's field it is about.
void place_waitlist_error(views::staff_book_view& v, const form_error& placed) {
    if (placed.field == "phone") {
        v.wl_phone.error = placed.message;
    } else if (placed.field == "name") {
        v.wl_name.error = placed.message;
    } else {
        v.wl_error = placed.message;
    }
    v.wl_errors.push_back(placed.message);
}

/// Where app::join_waitlist's own refusals go: the farmer's limit and an entry already waiting
/// beside the phone (they are the phone's), "bookable now" beside the period; the booking rules
/// as the booking form places them.
form_error waitlist_error_of(const refusal& r, std::string_view lang) {
    if (r.code == reason::waitlist_limit) {
        return {"phone", http::refusal_message(r, lang)};
    }
    if (r.code == reason::conflict) {
        for (const auto& [k, val] : r.details) {
            if (k == "reason" && val == "bookable") {
                return {"", text("staff.wl.bookable", lang)};
            }
            if (k == "reason" && val == "waitlist_duplicate") {
                return {"phone", text("staff.wl.duplicate", lang)};
            }
        }
    }
    return form_error_of(page_form::staff_booking, r, lang);
}

} // namespace

http::response staff_waitlist_submit(http::context& ctx, app::services& s) {
    const std::string_view lang = ctx.lang;
    const auto form = http::form_body(ctx.req);
    if (auto gate = require_staff_page(ctx, {role::operator_, role::admin}, "/staff/board")) {
        return std::move(*gate);
    }
    if (!form) {
        return forbidden_page(ctx, text("form.unreadable", lang));
    }
    const auto cat = s.catalog.get();
    // Whole days or a half day (DOMAIN.md §11, §13); no group.
    const auto p = params_of(*cat, form->value("branch"), form->value("type"), form->value("start"),
                             form->value("end"), form->value("from"), {}, form->value("half"));
    if (!p) {
        return not_found_page(ctx);
    }
    views::staff_book_view v;
    delivery_choice(v, *p, {}, lang);
    v.waitlist_offered = true;
    const auto name = checked_name(form->value("wl_name"), v.wl_name, lang);
    const auto phone = checked_phone(form->value("wl_phone"), v.wl_phone, lang);
    if (phone) {
        v.wl_phone.value = *phone;
    }
    if (!name || !phone) {
        add_errors(v.wl_errors, {&v.wl_name.error, &v.wl_phone.error});
        return show_book(ctx, s, *p, std::move(v), http::status::bad_request);
    }
    // The same request as POST /api/v1/waitlist, through the same decoder.
    boost::json::object body{{"branch", p->branch->code.value},
                             {"type", p->type->type.code.value},
                             {"start", format_date(p->start)},
                             {"end", format_date(p->end)},
                             {"farmer", {{"name", *name}, {"phone", *phone}}},
                             {"channel", "phone"}};
    if (p->half) {
        body["half"] = std::string{to_string(*p->half)};
    }
    codec::waitlist_request rq;
    try {
        rq = codec::waitlist_request_of(body);
    } catch (const http::api_error& e) {
        place_waitlist_error(v, form_error_of(page_form::staff_booking, e, lang));
        return show_book(ctx, s, *p, std::move(v), http::status::bad_request);
    }
    // Staff act for a caller: no phone code (DOMAIN.md §14); a clerk only for their branch.
    const auto joined =
        app::join_waitlist(s, rq.input, http::actor_of(ctx, rq.via.value_or(channel::phone)));
    if (!joined) {
        place_waitlist_error(v, waitlist_error_of(joined.error(), lang));
        return show_book(ctx, s, *p, std::move(v), http::status_of(joined.error().code));
    }
    // The entry's page shows the code in large type, to read out to the caller.
    return see_other(
        ctx, "/staff/waitlist/" + joined->entry.code +
                 query_string(
                     {{"new", "1"}, {"back", "/staff/board" + query_string({{"from", p->from}})}}));
}

} // namespace agrirent::pages
