// GET /: what a farmer needs before booking — where the offices are, when they are open, what
// they rent out for how much, and the discount in force today.
#include <algorithm>

#include "common/time.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages {
namespace {

bool applies_to_branch(const fee_adjustment& a, const branch_code& b) {
    return a.branches.empty() ||
           std::find(a.branches.begin(), a.branches.end(), b) != a.branches.end();
}

/// Discounts (not farmer categories) in force on `today` at `branch`.
std::vector<std::string> discounts_today(const app::catalog& cat, const app::branch_info& branch,
                                         local_days today, std::string_view lang) {
    std::vector<std::string> out;
    for (const auto& d : cat.discounts()) {
        const auto& a = d.adjustment;
        if (!d.active || a.percent <= 0 || !a.category.empty() ||
            (a.days && !a.days->contains(today)) || !applies_to_branch(a, branch.code)) {
            continue;
        }
        std::string text = i18n::format(
            "page.home.discount_text", lang,
            {{"name", lang == "en" ? a.name_en : a.name_ko}, {"pct", std::to_string(a.percent)}});
        if (a.days) {
            text += " · " + range_text(*a.days, lang);
        }
        if (!a.types.empty()) {
            std::string names;
            for (const auto& code : a.types) {
                if (const auto* t = cat.type(code.value)) {
                    names += (names.empty() ? "" : ", ") + t->name(lang);
                }
            }
            text += " · " + i18n::format("page.home.discount_types", lang, {{"types", names}});
        }
        out.push_back(std::move(text));
    }
    return out;
}

/// The Saturday season in force today or the next one, as a date range text; "" if none.
std::string saturday_season(const app::branch_info& branch, local_days today,
                            std::string_view lang) {
    std::optional<date_range> next;
    for (const auto& season : branch.calendar.saturday_seasons) {
        if (season.to >= today && (!next || season.from < next->from)) {
            next = season;
        }
    }
    if (!next) {
        return {};
    }
    return i18n::format("page.home.saturday_text", lang, {{"range", range_text(*next, lang)}});
}

} // namespace

http::response home_page(http::context& ctx, app::services& s) {
    const auto cat = s.catalog.get();
    const std::string_view lang = ctx.lang;
    const local_days today = office_today(s);

    views::home_view v;
    v.today = day_text_year(today, lang);
    std::vector<const app::branch_info*> active;
    for (const auto& b : cat->branches()) {
        if (!b.active) {
            continue;
        }
        active.push_back(&b);
        views::branch_card card;
        card.name = b.name(lang);
        card.address = b.address(lang);
        card.phones = phone_links(b.phones);
        card.hours = i18n::format("page.home.hours_text", lang,
                                  {{"open", clock_text(b.calendar.hours.open)},
                                   {"close", clock_text(b.calendar.hours.close)}});
        card.saturday_season = saturday_season(b, today, lang);
        card.discounts = discounts_today(*cat, b, today, lang);
        card.book_href = "/book" + query_string({{"branch", b.code.value}});
        v.branches.push_back(std::move(card));
    }

    for (const auto& t : cat->types()) {
        if (!t.active) {
            continue;
        }
        views::type_row row;
        row.name = t.name(lang);
        row.daily_fee = won_text(t.type.daily_fee, lang);
        row.max_days =
            i18n::format("page.home.max_days_text", lang, {{"n", std::to_string(t.type.max_days)}});
        // Today's price when every office gives the same reduction today (else the booking
        // quote shows it per office).
        std::optional<fee_day> today_fee;
        bool same_everywhere = !active.empty();
        for (const auto* b : active) {
            const auto q = quote_fee(t.type, b->code, {today, today}, cat->adjustments(), {});
            if (!today_fee) {
                today_fee = q.days.front();
            } else if (q.days.front().amount != today_fee->amount) {
                same_everywhere = false;
            }
        }
        if (same_everywhere && today_fee && today_fee->discount_pct > 0) {
            row.fee_today = i18n::format("page.home.fee_today", lang,
                                         {{"amount", won_text(today_fee->amount, lang)},
                                          {"pct", std::to_string(today_fee->discount_pct)}});
        }
        if (t.type.needs_training) {
            row.notes.emplace_back(i18n::text("page.home.needs_training", lang));
        }
        if (t.type.needs_approval) {
            row.notes.emplace_back(i18n::text("page.home.needs_approval", lang));
        }
        v.types.push_back(std::move(row));
    }

    auto page = make_page(ctx, std::string{i18n::text("page.home.title", lang)}, "/");
    page.body_class = "page-home";
    return html(ctx, http::status::ok, views::render_home(page, v));
}

} // namespace agrirent::pages
