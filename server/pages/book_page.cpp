// /book: the booking flow on one page, driven by plain GET parameters so that it works with
// links and forms alone (JavaScript only refreshes the free counts):
//   1. branch and machine type (?branch=GS&type=RICE_TRANSPLANTER)
//   2. a month of availability (&month=2020-05); clicking days sets &start= and &end=
//   3. the quote for those days: pickup window (eve pickups said in words), return deadline,
//      fee per day with the discount
//   4. the farmer's form, POSTed: name, phone, district. The form repeats the dates it was
//      quoted for (quoted_start/quoted_end); if the farmer changed the dates, the page shows
//      the new quote instead of booking, so nobody books a price they have not seen.
// Refusals of the booking rules appear next to the fields they concern, with what was typed.
#include <algorithm>

#include <boost/json.hpp>
#include <date/tz.h>

#include "common/booking_rules.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/availability.hpp"
#include "server/app/booking_service.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/form.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/static_assets.hpp"

namespace agrirent::pages {
namespace {

using date::days;

/// The flow's parameters as received (query or form), not yet checked.
struct book_request {
    std::string branch;
    std::string type;
    std::string month; // "2020-05"
    std::string start;
    std::string end;
    bool change = false;    // show the branch/type choice again
    bool submitted = false; // the choice form was sent (so a missing choice is an error)
    // Delivery (DOMAIN.md §15): "" or "pickup" = the farmer comes to the office.
    std::string delivery_mode;
    std::string delivery_address;
    std::string delivery_area;
    bool group = false; // rental=group: a group booking (DOMAIN.md §16) by its representative
    std::string half;   // DOMAIN.md §11: "" (full day), "am" or "pm"
};

/// The page being built, and what the POST handler needs from it.
struct book_state {
    views::book_view view;
    // Keeps the snapshot that branch and type point into alive: the cache may swap in a newer
    // one at any moment (an admin change, or another server's, issue 12).
    std::shared_ptr<const app::catalog> catalog;
    const app::branch_info* branch = nullptr;
    const app::type_info* type = nullptr;
    std::optional<period> usage;
    std::optional<delivery_request> delivery; // as decoded, when the farmer asked for one
    bool group = false; // a group booking: the group's length rule, resolved from the phone
    std::optional<half_day> half; // as decoded (DOMAIN.md §11)
    int status = http::status::ok;
};

std::optional<date::year_month> parse_month(std::string_view s) {
    if (s.size() != 7 || s[4] != '-') {
        return std::nullopt;
    }
    const auto d = parse_date(std::string{s} + "-01");
    if (!d) {
        return std::nullopt;
    }
    const date::year_month_day ymd{*d};
    return date::year_month{ymd.year(), ymd.month()};
}

std::string month_param(date::year_month ym) {
    return format_date(local_days{ym / 1}).substr(0, 7);
}

/// A /book URL with these parameters (empty ones left out) and an optional #fragment.
std::string book_href(const book_state& st, std::string_view month, std::string_view start,
                      std::string_view end, std::string_view fragment = {}) {
    std::string href = "/book" + query_string({{"branch", st.view.branch_code},
                                               {"type", st.view.type_code},
                                               {"month", std::string{month}},
                                               {"start", std::string{start}},
                                               {"end", std::string{end}},
                                               {"rental", st.view.rental}});
    if (!fragment.empty()) {
        href += "#" + std::string{fragment};
    }
    return href;
}

std::string short_status(const day_info& d, std::string_view lang) {
    switch (d.why) {
    case day_reason::weekday:
    case day_reason::saturday_season:
        return {};
    case day_reason::saturday:
        return text("cal.short.saturday", lang);
    case day_reason::sunday:
        return text("cal.short.sunday", lang);
    case day_reason::holiday: {
        const auto& name = lang == "en" ? d.note_en : d.note_ko;
        return name.empty() ? text("cal.short.holiday", lang) : name;
    }
    case day_reason::closure:
        return text("cal.short.closure", lang);
    case day_reason::extra_opening:
        return text("cal.short.extra", lang);
    case day_reason::unknown:
        return text("cal.short.unknown", lang);
    }
    return {};
}

std::string long_reason(const day_info& d, std::string_view lang) {
    const auto& note = lang == "en" ? d.note_en : d.note_ko;
    switch (d.why) {
    case day_reason::weekday:
        return text("cal.reason.open", lang);
    case day_reason::saturday_season:
        return text("cal.reason.saturday_season", lang);
    case day_reason::saturday:
        return text("cal.reason.saturday", lang);
    case day_reason::sunday:
        return text("cal.reason.sunday", lang);
    case day_reason::holiday:
        return i18n::format("cal.reason.holiday", lang, {{"name", note}});
    case day_reason::closure:
        return note.empty() ? text("cal.reason.closure_plain", lang)
                            : i18n::format("cal.reason.closure", lang, {{"note", note}});
    case day_reason::extra_opening:
        return text("cal.reason.extra", lang);
    case day_reason::unknown:
        return text("cal.reason.unknown", lang);
    }
    return {};
}

/// The type's availability at the branch over the month shown (DOMAIN.md §3).
app::type_availability month_availability(app::services& s, const app::catalog& cat,
                                          const app::branch_info& b, const app::type_info& t,
                                          date::year_month ym) {
    auto all =
        app::branch_availability(s, cat, b, &t, {local_days{ym / 1}, local_days{ym / date::last}});
    if (all.empty()) {
        return {&t, 0, 0, {}};
    }
    return std::move(all.front());
}

views::calendar_view calendar_of(const book_state& st, date::year_month ym,
                                 const app::type_availability& h, local_days today,
                                 local_days horizon, std::string_view lang) {
    const auto& b = *st.branch;
    const local_days first{ym / 1};
    const local_days last{ym / date::last};
    // (A plain date and a flag rather than an optional: GCC 12 at -O2 wrongly warns that the
    // optional's value may be used uninitialised.)
    const bool has_start = st.usage.has_value();
    const local_days chosen_start = has_start ? st.usage->start : local_days{};
    const bool explicit_end = st.usage && st.usage->end != st.usage->start;

    views::calendar_view c;
    c.title = month_year_text(ym, lang);
    const date::year_month today_month{date::year_month_day{today}.year(),
                                       date::year_month_day{today}.month()};
    const date::year_month horizon_month{date::year_month_day{horizon}.year(),
                                         date::year_month_day{horizon}.month()};
    const std::string start_text = has_start ? format_date(chosen_start) : std::string{};
    const std::string end_text = explicit_end ? format_date(st.usage->end) : std::string{};
    if (ym > today_month) {
        const auto prev = ym - date::months{1};
        c.prev_href = book_href(st, month_param(prev), start_text, end_text);
        c.prev_label = month_text(prev.month(), lang);
    }
    if (ym < horizon_month) {
        const auto next = ym + date::months{1};
        c.next_href = book_href(st, month_param(next), start_text, end_text);
        c.next_label = month_text(next.month(), lang);
    }
    for (unsigned wd = 0; wd < 7; ++wd) {
        c.weekdays.push_back(weekday_text(date::weekday{wd}, lang));
    }

    const auto& days_info = h.days;
    std::vector<views::calendar_cell> week;
    views::calendar_cell blank;
    blank.blank = true;
    for (unsigned i = 0; i < date::weekday{first}.c_encoding(); ++i) {
        week.push_back(blank);
    }
    const std::string month_text_param = month_param(ym);
    for (const auto& a : days_info) {
        const local_days d = a.day.date;
        views::calendar_cell cell;
        cell.day = static_cast<int>(static_cast<unsigned>(date::year_month_day{d}.day()));
        cell.date = format_date(d);
        cell.weekday = weekday_text(date::weekday{d}, lang);
        cell.today = d == today;
        cell.short_status = a.day.operating && a.day.why != day_reason::extra_opening
                                ? std::string{}
                                : short_status(a.day, lang);
        std::string reason = long_reason(a.day, lang);
        std::string free_long;
        if (d < today) {
            cell.state = "past";
            cell.short_status.clear();
            reason = text("cal.reason.past", lang);
        } else if (!a.day.known) {
            cell.state = "unknown";
        } else if (d > horizon) {
            cell.state = "later";
            reason += ", " + text("cal.reason.later", lang);
        } else if (a.not_bookable && a.not_bookable->code == reason::booking_closed) {
            // Offered, then refused, is worse: say it is closed and why (issue 13).
            cell.state = "booking-closed";
            cell.free = text("cal.booking_closed", lang);
            free_long = http::refusal_message(*a.not_bookable, lang);
            c.closed_days.push_back(day_text(d, lang) + ": " + free_long);
        } else if ((!a.plannable || a.available == 0) && a.half &&
                   (a.half->am > 0 || a.half->pm > 0)) {
            // DOMAIN.md §11: no full day left, but a morning or an afternoon is: the day can be
            // chosen for a half day.
            cell.state = "open";
            cell.free = text("half.free_short", lang);
            free_long = i18n::format(
                "half.free_long", lang,
                {{"am", std::to_string(a.half->am)}, {"pm", std::to_string(a.half->pm)}});
            // The link quotes the free half (the morning when both are).
            cell.href = book_href(st, month_text_param, cell.date, {}) +
                        "&half=" + (a.half->am > 0 ? "am" : "pm") + "#quote";
        } else if (!a.plannable || a.available == 0) {
            cell.state = "full";
            cell.free = text("cal.full", lang);
            free_long = text("cal.full_long", lang);
            if (a.plannable) { // a full day: choosing it offers "대기 신청" (DOMAIN.md §13)
                cell.href = book_href(st, month_text_param, cell.date, {}, "quote");
            }
        } else {
            cell.state = a.day.operating ? "open" : "closed";
            cell.free = i18n::format("cal.free", lang, {{"n", std::to_string(a.available)}});
            free_long = i18n::format("cal.free_long", lang, {{"n", std::to_string(a.available)}});
            // What a click does: DOMAIN.md §4 usage days start..end (the end day is inclusive).
            std::string next_start = cell.date;
            std::string next_end;
            if (has_start && !explicit_end && d > chosen_start) {
                next_start = start_text;
                next_end = cell.date;
            }
            cell.href = book_href(st, month_text_param, next_start, next_end, "quote");
        }
        if (st.usage && st.usage->start <= d && d <= st.usage->end) {
            cell.selected = true;
        }
        cell.label = day_text(d, lang) + ", " + reason;
        if (!free_long.empty()) {
            cell.label += ", " + free_long;
        }
        if (cell.selected) {
            cell.label += ", " + text("cal.selected", lang);
        }
        if ((a.day.why == day_reason::holiday || a.day.why == day_reason::closure) &&
            !a.day.operating) {
            c.closed_days.push_back(day_text(d, lang) + ": " + long_reason(a.day, lang));
        }
        week.push_back(std::move(cell));
        if (week.size() == 7) {
            c.weeks.push_back(std::move(week));
            week.clear();
        }
    }
    if (!week.empty()) {
        while (week.size() < 7) {
            week.push_back(blank);
        }
        c.weeks.push_back(std::move(week));
    }

    // The Saturday season shown: the one touching this month, else the next one.
    std::optional<date_range> season;
    for (const auto& sr : b.calendar.saturday_seasons) {
        const bool touches = sr.from <= last && first <= sr.to;
        if (touches || (sr.to >= today && (!season || sr.from < season->from))) {
            season = sr;
            if (touches) {
                break;
            }
        }
    }
    c.saturday_note =
        season ? i18n::format("cal.saturday_season", lang, {{"range", range_text(*season, lang)}})
               : text("cal.saturday_closed", lang);

    if (!has_start) {
        c.hint = text("cal.hint.pick_start", lang);
    } else if (!explicit_end) {
        const int max_days =
            st.group ? st.catalog->config().group_max_days : st.type->type.max_days;
        c.hint = i18n::format("cal.hint.pick_end", lang, {{"max_days", std::to_string(max_days)}});
        c.clear_href = book_href(st, month_text_param, {}, {});
    } else {
        c.hint = text("cal.hint.repick", lang);
        c.clear_href = book_href(st, month_text_param, {}, {});
    }
    c.api_branch = b.code.value;
    c.api_type = st.type->type.code.value;
    c.api_from = format_date(first);
    c.api_to = format_date(last);
    c.unit_word = i18n::format("cal.free", lang, {{"n", "#"}});
    return c;
}

/// Everything /book shows for these parameters (GET, and the POST's re-display).
bool is_delivery_refusal(reason r) {
    return r == reason::delivery_not_offered || r == reason::delivery_lead_time ||
           r == reason::outside_delivery_area;
}

/// The delivery part of the farmer's form (DOMAIN.md §15), when the type is deliverable and the
/// branch delivers: 직접 수령 / 배달 / 배달·회수 with their fees, the branch's 읍·면·동 and an
/// address. What the farmer chose is decoded by the API's decoder into st.delivery.
void delivery_choice(book_state& st, const book_request& rq, std::string_view lang) {
    auto& v = st.view;
    const auto& b = *st.branch;
    const auto& t = *st.type;
    if (!t.type.deliverable || !b.delivery) {
        return; // a stray delivery_mode is ignored: this page never offered one
    }
    v.delivery_offered = true;
    const std::string mode = rq.delivery_mode == "pickup" ? std::string{} : rq.delivery_mode;
    auto form = delivery_form_of(*b.delivery, mode, rq.delivery_area, lang);
    v.delivery_modes = std::move(form.modes);
    v.delivery_areas = std::move(form.areas);
    v.delivery_note = std::move(form.note);
    v.delivery_address.value = http::displayable(rq.delivery_address, 200);
    if (mode.empty()) {
        return;
    }
    const auto given = [](const std::string& value) -> std::optional<std::string> {
        if (value.empty()) {
            return std::nullopt;
        }
        return value;
    };
    try {
        st.delivery =
            codec::delivery_request_of(mode, given(rq.delivery_address), given(rq.delivery_area),
                                       {"delivery_mode", "delivery_address", "delivery_area"});
    } catch (const http::api_error& e) {
        std::string field;
        for (const auto& [key, value] : e.details()) {
            if (key == "field") {
                field = value;
            }
        }
        if (field == "delivery_address") {
            v.delivery_address.error = text("page.book.delivery_address_missing", lang);
        } else if (field == "delivery_area") {
            v.delivery_error = text("page.book.delivery_area_missing", lang);
        } else {
            v.delivery_error = text("page.book.delivery_mode_invalid", lang);
        }
    }
}

/// Individual or group rental (DOMAIN.md §16), when the type allows group rentals: two links
/// (the calendar's hint and the quote follow the group's length rule). Which group is not asked
/// here: the server finds it from the phone when the form is sent (submit_group).
void rental_choice(book_state& st, const book_request& rq, std::string_view lang) {
    auto& v = st.view;
    if (!st.type->type.group_rental) {
        return;
    }
    v.group_offered = true;
    st.group = rq.group;
    v.rental = st.group ? "group" : "";
    const auto& config = st.catalog->config();
    v.rental_note = i18n::format("page.book.rental_group_note", lang,
                                 {{"min", std::to_string(config.group_min_days)},
                                  {"max", std::to_string(config.group_max_days)}});
    const auto href = [&](std::string_view rental) {
        return "/book" + query_string({{"branch", v.branch_code},
                                       {"type", v.type_code},
                                       {"start", rq.start},
                                       {"end", rq.end},
                                       {"rental", std::string{rental}}});
    };
    v.rental_individual_href = href("");
    v.rental_group_href = href("group");
}

/// The half-day part of the farmer's form (DOMAIN.md §11), when the type allows half days:
/// 종일 / 오전 / 오후 with the branch's slots. Decoded by the API's decoder into st.half.
void half_choice(book_state& st, const book_request& rq, const app::catalog& cat,
                 std::string_view lang) {
    auto& v = st.view;
    if (!st.type->type.half_day) {
        return; // a stray half is ignored: this page never offered one
    }
    const auto& slots = st.branch->calendar.half_days;
    const auto span = [](time_of_day from, time_of_day to) {
        return format_time_of_day(from) + "–" + format_time_of_day(to);
    };
    v.half_offered = true;
    v.half_choices = {
        {"", text("half.full", lang), {}, rq.half.empty()},
        {"am", text("half.am", lang), span(slots.am_from, slots.am_to), rq.half == "am"},
        {"pm", text("half.pm", lang), span(slots.pm_from, slots.pm_to), rq.half == "pm"},
    };
    v.half_note = i18n::format("page.book.half_note", lang,
                               {{"pct", std::to_string(cat.config().half_day_fee_pct)}});
    if (rq.half.empty() || !st.usage) {
        return;
    }
    try {
        st.half = codec::half_of(rq.half, *st.usage);
    } catch (const http::api_error& e) {
        std::string field;
        for (const auto& [key, value] : e.details()) {
            if (key == "field") {
                field = value;
            }
        }
        v.half_error =
            text(field == "end" ? "page.book.half_one_day" : "page.book.half_invalid", lang);
    }
}

/// A period refused for no_capacity may be waited for (DOMAIN.md §13): "대기 신청" beside the
/// dates, to the join page (server/pages/waitlist_pages.cpp) with this branch, type and period
/// (a half day keeps its slot). Group and delivery bookings are not waited for
/// (app::join_waitlist).
void offer_waitlist(book_state& st, reason why) {
    if (why != reason::no_capacity || !st.usage || st.group || st.delivery) {
        return;
    }
    st.view.waitlist_offered = true;
    std::vector<std::pair<std::string, std::string>> query{{"branch", st.view.branch_code},
                                                           {"type", st.view.type_code},
                                                           {"start", format_date(st.usage->start)},
                                                           {"end", format_date(st.usage->end)}};
    if (st.half) {
        query.emplace_back("half", std::string{to_string(*st.half)});
    }
    st.view.waitlist_href = "/waitlist/join" + query_string(query);
}

book_state build(http::context& ctx, app::services& s, const book_request& rq) {
    const auto cat = s.catalog.get();
    const std::string_view lang = ctx.lang;
    const local_days today = office_today(s);
    book_state st;
    st.catalog = cat;
    auto& v = st.view;

    for (const auto& b : cat->branches()) {
        if (b.active) {
            v.branches.push_back(
                {b.code.value, b.name(lang), b.address(lang), b.code.value == rq.branch});
        }
    }
    for (const auto& t : cat->types()) {
        if (t.active) {
            v.types.push_back({t.type.code.value, t.name(lang),
                               i18n::format("page.book.fee_per_day", lang,
                                            {{"fee", won_text(t.type.daily_fee, lang)}}),
                               t.type.code.value == rq.type});
        }
    }
    if (const auto* b = cat->branch(rq.branch); b != nullptr && b->active) {
        st.branch = b;
    } else if (!rq.branch.empty() || rq.submitted) {
        v.branch.error =
            text(rq.branch.empty() ? "form.branch_missing" : "form.branch_unknown", lang);
    }
    if (const auto* t = cat->type(rq.type); t != nullptr && t->active) {
        st.type = t;
    } else if (!rq.type.empty() || rq.submitted) {
        v.type.error = text(rq.type.empty() ? "form.type_missing" : "form.type_unknown", lang);
    }

    // Dates as typed (kept in the form whatever happens).
    v.start.value = http::displayable(rq.start, 10);
    v.end.value = http::displayable(rq.end, 10);
    std::optional<local_days> start;
    std::optional<local_days> end;
    if (!rq.start.empty()) {
        start = parse_date(rq.start);
        if (!start) {
            v.start.error = text("form.date_invalid", lang);
        }
    }
    if (!rq.end.empty()) {
        end = parse_date(rq.end);
        if (!end) {
            v.end.error = text("form.date_invalid", lang);
        }
    }
    if (start && (rq.end.empty() || end)) {
        st.usage = period{*start, end.value_or(*start)};
    }

    if (st.branch == nullptr || st.type == nullptr) {
        return st;
    }
    const auto& b = *st.branch;
    const auto& t = *st.type;
    const local_days horizon = today + days{b.horizon_days};
    v.min_date = format_date(today);
    v.max_date = format_date(horizon);

    // The month shown: asked for, else the chosen start's, else this month; within the window
    // a farmer can book (this month … the horizon's month).
    date::year_month ym{date::year_month_day{today}.year(), date::year_month_day{today}.month()};
    const date::year_month first_month = ym;
    const date::year_month last_month{date::year_month_day{horizon}.year(),
                                      date::year_month_day{horizon}.month()};
    if (const auto asked = parse_month(rq.month)) {
        ym = *asked;
    } else if (st.usage) {
        ym = {date::year_month_day{st.usage->start}.year(),
              date::year_month_day{st.usage->start}.month()};
    }
    ym = std::clamp(ym, first_month, last_month);

    const auto h = month_availability(s, *cat, b, t, ym);
    if (h.offered == 0) {
        v.type.error = http::refusal_message({reason::type_not_offered, {}}, lang);
        st.type = nullptr;
        return st;
    }
    v.branch_code = b.code.value;
    v.type_code = t.type.code.value;
    v.chosen_summary = b.name(lang) + " · " + t.name(lang);
    v.change_href =
        "/book" + query_string({{"branch", v.branch_code}, {"type", v.type_code}, {"change", "1"}});
    if (rq.change) {
        // Back to step 1 with the current choice ticked.
        v.branch_code.clear();
        v.type_code.clear();
        return st;
    }
    rental_choice(st, rq, lang);
    v.calendar = calendar_of(st, ym, h, today, horizon, lang);
    delivery_choice(st, rq, lang);
    half_choice(st, rq, *cat, lang);

    if (!st.usage) {
        v.show_form = !v.start.error.empty() || !v.end.error.empty();
        return st;
    }
    v.show_form = true;
    if (!v.half_error.empty()) {
        return st;
    }
    // A group quote follows the group's length rule; the group itself is known only from the
    // phone, when the form is sent.
    const auto q = app::quote(s, b.code.value, t.type.code.value, *st.usage, st.delivery,
                              st.group ? std::optional{app::quote_group{}} : std::nullopt, st.half);
    if (q && q->refused && is_delivery_refusal(q->refused->code)) {
        // The dates are fine: the delivery is not. Said beside the delivery choice.
        v.delivery_error = http::refusal_message(*q->refused, lang);
        st.status = http::status_of(q->refused->code);
        return st;
    }
    if (!q) {
        v.dates_error = http::refusal_message(q.error(), lang);
        st.status = http::status_of(q.error().code);
        return st;
    }
    if (q->refused) {
        v.dates_error = http::refusal_message(*q->refused, lang);
        st.status = http::status_of(q->refused->code);
        offer_waitlist(st, q->refused->code);
        return st;
    }
    v.quote = plan_view_of(b, t, *q->plan, *q->fee, lang, st.delivery ? &*st.delivery : nullptr);
    v.quoted_delivery = st.delivery ? std::string{to_string(st.delivery->mode)} : std::string{};
    v.quoted_half = st.half ? std::string{to_string(*st.half)} : std::string{};
    v.available = i18n::format("page.book.available", lang, {{"n", std::to_string(q->available)}});
    if (t.type.needs_approval || st.group) {
        v.approval_note =
            text(st.group ? "page.book.group_needs_approval" : "page.book.needs_approval", lang);
    }
    if (t.type.needs_training) {
        v.approval_note +=
            (v.approval_note.empty() ? "" : " ") + text("page.book.needs_training", lang);
    }
    v.quoted_start = format_date(st.usage->start);
    v.quoted_end = format_date(st.usage->end);
    return st;
}

views::page book_chrome(http::context& ctx, const book_state& st) {
    auto page = make_page_for(
        ctx, text("page.book.title", ctx.lang), "/book",
        "/book" + query_string({{"branch", st.view.branch_code},
                                {"type", st.view.type_code},
                                {"start", st.usage ? format_date(st.usage->start) : std::string{}},
                                {"end", st.usage ? format_date(st.usage->end) : std::string{}},
                                {"rental", st.view.rental}}));
    page.body_class = "page-book";
    page.scripts.push_back(asset_href("app.js"));
    return page;
}

void collect_errors(views::book_view& v) {
    v.errors.clear();
    add_errors(v.errors,
               {&v.branch.error, &v.type.error, &v.start.error, &v.end.error, &v.dates_error,
                &v.name.error, &v.phone.error, &v.district.error, &v.delivery_address.error,
                &v.delivery_error, &v.group_error, &v.half_error});
}

} // namespace

delivery_form delivery_form_of(const branch_delivery& offer, std::string_view mode,
                               std::string_view area, std::string_view lang) {
    delivery_form out;
    const std::string chosen = mode == "pickup" ? std::string{} : std::string{mode};
    out.modes = {
        {"pickup", text("page.book.delivery_pickup", lang), {}, chosen.empty()},
        {"one_way", text("page.book.delivery_one_way", lang),
         i18n::format("page.book.delivery_one_way_detail", lang,
                      {{"fee", won_text(offer.one_way_fee, lang)}}),
         chosen == "one_way"},
        {"round_trip", text("page.book.delivery_round_trip", lang),
         i18n::format("page.book.delivery_round_trip_detail", lang,
                      {{"fee", won_text(offer.round_trip_fee, lang)}}),
         chosen == "round_trip"},
    };
    for (const auto& a : offer.area) {
        out.areas.push_back({a, a, {}, a == area});
    }
    out.note = i18n::format(
        "page.book.delivery_note", lang,
        {{"lead_days", std::to_string(offer.lead_days)},
         {"hours", format_time_of_day(offer.from) + "~" + format_time_of_day(offer.to)}});
    return out;
}

http::response book_page(http::context& ctx, app::services& s) {
    book_request rq;
    rq.branch = std::string{ctx.query_value("branch").value_or("")};
    rq.type = std::string{ctx.query_value("type").value_or("")};
    rq.month = std::string{ctx.query_value("month").value_or("")};
    rq.start = std::string{ctx.query_value("start").value_or("")};
    rq.end = std::string{ctx.query_value("end").value_or("")};
    rq.change = ctx.query_value("change").has_value();
    rq.delivery_mode = std::string{ctx.query_value("delivery_mode").value_or("")};
    rq.delivery_address = std::string{ctx.query_value("delivery_address").value_or("")};
    rq.delivery_area = std::string{ctx.query_value("delivery_area").value_or("")};
    rq.group = ctx.query_value("rental") == "group";
    rq.half = std::string{ctx.query_value("half").value_or("")};
    rq.submitted = ctx.query_value("branch").has_value() || ctx.query_value("type").has_value();
    auto st = build(ctx, s, rq);
    // A refused quote is still a good answer to a GET: the page explains it next to the dates.
    return html(ctx, http::status::ok, views::render_book(book_chrome(ctx, st), st.view));
}

http::response book_submit(http::context& ctx, app::services& s, const booking_grants& grants) {
    const std::string_view lang = ctx.lang;
    const auto form = http::form_body(ctx.req);
    if (!form) {
        auto page = make_page(ctx, text("page.error.title", lang));
        return html(ctx, http::status::bad_request,
                    views::render_message(
                        page, {text("page.error.title", lang), text("form.unreadable", lang)}));
    }
    book_request rq;
    rq.branch = std::string{form->value("branch")};
    rq.type = std::string{form->value("type")};
    rq.start = std::string{form->value("start")};
    rq.end = std::string{form->value("end")};
    rq.delivery_mode = std::string{form->value("delivery_mode")};
    rq.delivery_address = std::string{form->value("delivery_address")};
    rq.delivery_area = std::string{form->value("delivery_area")};
    rq.group = form->value("rental") == "group";
    rq.half = std::string{form->value("half")};
    rq.submitted = true;
    for (auto* raw : {&rq.delivery_mode, &rq.delivery_area, &rq.half}) {
        if (!http::is_clean_text(*raw)) {
            *raw = "?"; // not a mode / not an area: refused as such
        }
    }
    if (!http::is_clean_text(rq.delivery_address)) {
        rq.delivery_address.clear(); // asked again, as a missing address
    }
    for (auto* raw : {&rq.branch, &rq.type, &rq.start, &rq.end}) {
        if (!http::is_clean_text(*raw)) {
            *raw = http::displayable(*raw, 20); // shown as not a date / not a choice
        }
    }
    auto st = build(ctx, s, rq);
    auto& v = st.view;
    v.show_form = st.branch != nullptr && st.type != nullptr;
    if (v.start.value.empty() && v.start.error.empty()) {
        v.start.error = text("form.start_missing", lang);
    }

    // The farmer's fields: clean text first (no invalid UTF-8, no control characters), then
    // their own rules. What was typed is kept, made safe to show.
    const auto name = checked_name(form->value("name"), v.name, lang);
    const auto phone = checked_phone(form->value("phone"), v.phone, lang);
    const auto raw_district = form->value("district");
    v.district.value = http::displayable(raw_district, 40);
    std::optional<std::string> district;
    if (!http::is_clean_text(raw_district)) {
        v.district.error = text("form.bad_characters", lang);
    } else if (!raw_district.empty()) {
        district = normalize_name(raw_district, 40);
        if (!district) {
            v.district.error = text("form.district_invalid", lang);
        }
    }
    if (phone) {
        v.phone.value = *phone;
    }

    const bool field_errors =
        !v.branch.error.empty() || !v.type.error.empty() || !v.start.error.empty() ||
        !v.end.error.empty() || !v.name.error.empty() || !v.phone.error.empty() ||
        !v.district.error.empty() || !v.delivery_address.error.empty() || !v.half_error.empty() ||
        (!v.delivery_error.empty() && st.status == http::status::ok);
    if (field_errors || !v.dates_error.empty() || !v.delivery_error.empty() || !st.usage) {
        collect_errors(v);
        const int status = field_errors                    ? http::status::bad_request
                           : st.status == http::status::ok ? http::status::unprocessable
                                                           : st.status;
        return html(ctx, status, views::render_book(book_chrome(ctx, st), v));
    }
    // The farmer confirms the price they saw: other dates than the quoted ones get a new quote.
    if (form->value("quoted_start") != v.quoted_start ||
        form->value("quoted_end") != v.quoted_end ||
        form->value("quoted_delivery") != v.quoted_delivery ||
        form->value("quoted_half") != v.quoted_half) {
        const bool same_dates = form->value("quoted_start") == v.quoted_start &&
                                form->value("quoted_end") == v.quoted_end;
        const bool same_delivery = form->value("quoted_delivery") == v.quoted_delivery;
        v.form_notice = text(!same_dates      ? "page.book.requoted"
                             : !same_delivery ? "page.book.requoted_delivery"
                                              : "page.book.half_requote",
                             lang);
        return html(ctx, http::status::ok, views::render_book(book_chrome(ctx, st), v));
    }

    // A group booking (DOMAIN.md §16): the group whose representative has this phone, found only
    // now that the form is sent; a representative of several groups chooses among them.
    std::optional<std::int64_t> group;
    if (st.group) {
        const auto groups = app::groups_represented_by(s, *phone);
        const std::string_view chosen = form->value("group");
        for (const auto& g : groups) {
            const std::string id = std::to_string(g.id);
            if (groups.size() == 1 || id == chosen) {
                group = g.id;
            }
            v.groups.push_back({id, g.name, {}, id == chosen});
        }
        if (groups.empty()) {
            v.phone.error = http::refusal_message({reason::not_group_representative, {}}, lang);
            collect_errors(v);
            return html(ctx, http::status_of(reason::not_group_representative),
                        views::render_book(book_chrome(ctx, st), v));
        }
        v.choose_group = groups.size() > 1;
        if (!group) {
            if (!chosen.empty()) {
                v.group_error = text("page.book.group_choose", lang);
                collect_errors(v);
            }
            v.form_notice = text("page.book.group_choose_notice", lang);
            return html(ctx, http::status::ok, views::render_book(book_chrome(ctx, st), v));
        }
    }

    // The same request as POST /api/v1/reservations, through the same decoder.
    boost::json::object farmer{{"name", *name}, {"phone", *phone}};
    if (district) {
        farmer["district"] = *district;
    }
    app::booking_input in;
    try {
        boost::json::object body{{"branch", st.branch->code.value},
                                 {"type", st.type->type.code.value},
                                 {"start", format_date(st.usage->start)},
                                 {"end", format_date(st.usage->end)},
                                 {"farmer", std::move(farmer)}};
        if (group) {
            body["group"] = *group;
        }
        in = codec::booking_request_of(body).input;
        in.delivery = st.delivery; // decoded by the same decoder in delivery_choice
        in.half = st.half;         // and the half day in half_choice

    } catch (const http::api_error& e) {
        const auto placed = form_error_of(page_form::farmer_booking, e, lang);
        place_error(v, placed);
        collect_errors(v);
        if (placed.field.empty()) {
            v.errors.push_back(placed.message);
        }
        return html(ctx, http::status::bad_request, views::render_book(book_chrome(ctx, st), v));
    }
    // DOMAIN.md §14: the code step first (none when the setting is off).
    auto step = phone_code_step(ctx, s, grants, *form, in.phone);
    if (step.view.shown) {
        v.code_step = std::move(step.view);
        return html(ctx, step.status, views::render_book(book_chrome(ctx, st), v));
    }
    in.verification = step.verification;
    const auto& access = http::state_of(ctx);
    const auto booked =
        app::book(s, in,
                  app::actor::web(access.client_address.empty() ? ctx.req.remote_address
                                                                : access.client_address));
    if (!booked && booked.error().code == reason::phone_unverified) {
        // The remembered verification ran out (or another server gave it): the code again.
        v.code_step.shown = true;
        v.code_step.hint = i18n::format("page.verify.hint", lang, {{"phone", in.phone}});
        v.code_step.error = http::refusal_message(booked.error(), lang);
        return html(ctx, http::status_of(booked.error().code),
                    views::render_book(book_chrome(ctx, st), v));
    }
    if (!booked) {
        const auto& r = booked.error();
        const auto placed = form_error_of(page_form::farmer_booking, r, lang);
        place_error(v, placed);
        collect_errors(v);
        if (placed.field.empty()) {
            v.errors.push_back(placed.message);
        }
        // The capacity or a rule may have changed since the quote: it no longer stands.
        if (r.code == reason::no_capacity || placed.field == "dates") {
            v.quote.reset();
            v.available.clear();
        }
        offer_waitlist(st, r.code);
        return html(ctx, http::status_of(r.code), views::render_book(book_chrome(ctx, st), v));
    }
    // POST-redirect-GET to the booking's own page, which the grant cookie lets this browser see
    // without the phone number in the URL (booking_grant.hpp).
    auto res = see_other(ctx, "/booking/" + booked->code + "?new=1");
    res.headers.push_back({"set-cookie", grants.set_cookie(booked->code, booked->phone,
                                                           s.clock.now(), is_secure(ctx))});
    if (step.set_cookie) {
        res.headers.push_back({"set-cookie", std::move(*step.set_cookie)});
    }
    return res;
}

} // namespace agrirent::pages
