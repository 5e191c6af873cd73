// What the farmers' pages share: today at the offices, phone links, the plan and fee view.
#include <date/tz.h>

#include "common/time.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"

namespace agrirent::pages {

local_days office_today(const app::services& s) {
    static const date::time_zone* const seoul = date::locate_zone("Asia/Seoul");
    return local_date_of(seoul, s.clock.now());
}

std::vector<views::phone_link> phone_links(const std::vector<std::string>& phones) {
    std::vector<views::phone_link> out;
    for (const auto& p : phones) {
        std::string digits;
        for (const char c : p) {
            if ((c >= '0' && c <= '9') || c == '+') {
                digits += c;
            }
        }
        out.push_back({p, "tel:" + digits});
    }
    return out;
}

// The pickup day is taken from the pickup instant: a stored reservation keeps the instants
// (plan.pickup, plan.return_by), not the derived civil days.
std::string eve_note(const app::branch_info& branch, const rental_plan& plan,
                     std::string_view lang) {
    if (!plan.eve) {
        return {};
    }
    const auto* zone = branch.calendar.zone;
    return i18n::format("plan.eve_note", lang,
                        {{"start_day", day_inline(plan.usage.start, lang)},
                         {"pickup_day", day_inline(local_date_of(zone, plan.pickup.from), lang)},
                         {"window", spoken_span(local_time_of_day(zone, plan.pickup.from),
                                                local_time_of_day(zone, plan.pickup.to), lang)}});
}

views::plan_view plan_view_of(const app::branch_info& branch, const app::type_info& type,
                              const rental_plan& plan, const fee_quote& fee,
                              std::string_view lang) {
    const auto* zone = branch.calendar.zone;
    views::plan_view v;
    v.branch = branch.name(lang);
    v.type = type.name(lang);
    const int days = plan.usage.length_days();
    v.usage = days == 1 ? i18n::format("plan.usage_one", lang,
                                       {{"day", day_text(plan.usage.start, lang)}})
                        : i18n::format("plan.usage_many", lang,
                                       {{"from", day_text(plan.usage.start, lang)},
                                        {"to", day_text(plan.usage.end, lang)},
                                        {"n", std::to_string(days)}});
    v.pickup = i18n::format("plan.pickup_window", lang,
                            {{"day", day_text(local_date_of(zone, plan.pickup.from), lang)},
                             {"from", clock_text(local_time_of_day(zone, plan.pickup.from))},
                             {"to", clock_text(local_time_of_day(zone, plan.pickup.to))}});
    v.eve_note = eve_note(branch, plan, lang);
    v.return_by = i18n::format("plan.return_by_text", lang,
                               {{"when", instant_text(zone, plan.return_by, lang)}});
    for (const auto& d : fee.days) {
        views::fee_line line;
        line.date = day_text(d.date, lang);
        line.daily_fee = won_text(d.daily_fee, lang);
        std::string adjust;
        if (d.discount_pct > 0) {
            adjust =
                i18n::format("plan.discount_line", lang,
                             {{"pct", std::to_string(d.discount_pct)},
                              {"name", lang == "en" ? d.discount_name_en : d.discount_name_ko}});
        }
        if (d.surcharge_pct > 0) {
            if (!adjust.empty()) {
                adjust += " · ";
            }
            adjust +=
                i18n::format("plan.surcharge_line", lang,
                             {{"pct", std::to_string(d.surcharge_pct)},
                              {"name", lang == "en" ? d.surcharge_name_en : d.surcharge_name_ko}});
        }
        line.discount = std::move(adjust);
        line.amount = won_text(d.amount, lang);
        v.days.push_back(std::move(line));
    }
    v.gross = won_text(fee.gross, lang);
    if (fee.discount.value > 0) {
        v.discount = won_text(fee.discount, lang);
    }
    if (fee.surcharge.value > 0) {
        v.surcharge = won_text(fee.surcharge, lang);
    }
    v.total = won_text(fee.net, lang);
    return v;
}

} // namespace agrirent::pages
