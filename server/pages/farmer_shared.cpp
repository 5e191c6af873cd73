// What the farmers' pages share (and the staff pages with them): today at the offices, phone
// links, booking codes read out, the plan and fee view, the checks of the farmer's fields.
#include <date/tz.h>

#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/http/form.hpp"
#include "server/i18n/messages.hpp"
#include "server/i18n/when.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/format.hpp"
#include "server/pages/page_support.hpp"

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

std::string spoken_code(std::string_view code) {
    std::string out;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i > 0) {
            out += i == code.size() / 2 ? ", " : " ";
        }
        out += code[i];
    }
    return out;
}

std::string group_text(bool group_booking, std::string_view name, std::string_view lang) {
    if (!group_booking) {
        return {};
    }
    return i18n::format("group.booking", lang, {{"name", std::string{name}}});
}

std::string usage_text(period usage, std::string_view lang) {
    const int n = usage.length_days();
    return n == 1 ? i18n::format("plan.usage_one", lang, {{"day", day_text(usage.start, lang)}})
                  : i18n::format("plan.usage_many", lang,
                                 {{"from", day_text(usage.start, lang)},
                                  {"to", day_text(usage.end, lang)},
                                  {"n", std::to_string(n)}});
}

std::string pickup_window_text(const date::time_zone* zone, interval pickup,
                               std::string_view lang) {
    return i18n::format("plan.pickup_window", lang,
                        {{"day", day_text(local_date_of(zone, pickup.from), lang)},
                         {"from", clock_text(local_time_of_day(zone, pickup.from))},
                         {"to", clock_text(local_time_of_day(zone, pickup.to))}});
}

namespace {

/// What was typed into a field (at most `shown_chars` shown again); clean text first, then the
/// field's own rule.
template <class Normalize>
std::optional<std::string> checked(std::string_view raw, views::field& f, std::size_t shown_chars,
                                   Normalize normalize, std::string_view missing_key,
                                   std::string_view invalid_key, std::string_view lang) {
    f.value = http::displayable(raw, shown_chars);
    if (!http::is_clean_text(raw)) {
        f.error = text("form.bad_characters", lang);
        return std::nullopt;
    }
    auto value = normalize(raw);
    if (!value) {
        f.error = text(raw.empty() ? missing_key : invalid_key, lang);
    }
    return value;
}

} // namespace

std::optional<std::string> checked_name(std::string_view raw, views::field& f,
                                        std::string_view lang) {
    return checked(
        raw, f, 40, [](std::string_view r) { return normalize_name(r); }, "form.name_missing",
        "form.name_invalid", lang);
}

std::optional<std::string> checked_phone(std::string_view raw, views::field& f,
                                         std::string_view lang) {
    return checked(raw, f, 20, normalize_phone, "form.phone_missing", "form.phone_invalid", lang);
}

std::optional<std::string> checked_code(std::string_view raw, views::field& f,
                                        std::string_view lang) {
    return checked(raw, f, 12, normalize_booking_code, "form.code_missing", "form.code_invalid",
                   lang);
}

void add_errors(std::vector<std::string>& summary,
                std::initializer_list<const std::string*> fields) {
    for (const auto* e : fields) {
        if (!e->empty()) {
            summary.push_back(*e);
        }
    }
}

// The pickup day is taken from the pickup instant: a stored reservation keeps the instants
// (plan.pickup, plan.return_by), not the derived civil days.
std::string eve_pickup_text(const app::branch_info& branch, const rental_plan& plan,
                            std::string_view lang) {
    const auto* zone = branch.calendar.zone;
    return i18n::format("plan.eve_pickup", lang,
                        {{"day", i18n::named_day(local_date_of(zone, plan.pickup.from), lang)},
                         {"window", spoken_span(local_time_of_day(zone, plan.pickup.from),
                                                local_time_of_day(zone, plan.pickup.to), lang)}});
}

std::string eve_note(const app::branch_info& branch, const rental_plan& plan,
                     std::string_view lang) {
    if (!plan.eve) {
        return {};
    }
    return i18n::format("plan.eve_note", lang,
                        {{"start_day", day_inline(plan.usage.start, lang)},
                         {"pickup", eve_pickup_text(branch, plan, lang)}});
}

std::string half_text(const date::time_zone* zone, const rental_plan& plan, std::string_view lang) {
    if (!plan.half) {
        return {};
    }
    return i18n::format(*plan.half == half_day::am ? "half.am_slot" : "half.pm_slot", lang,
                        {{"from", format_time_of_day(local_time_of_day(zone, plan.pickup.from))},
                         {"to", format_time_of_day(local_time_of_day(zone, plan.return_by))}});
}

views::plan_view plan_view_of(const app::branch_info& branch, const app::type_info& type,
                              const rental_plan& plan, const fee_quote& fee, std::string_view lang,
                              const delivery_request* delivery) {
    const auto* zone = branch.calendar.zone;
    views::plan_view v;
    v.branch = branch.name(lang);
    v.type = type.name(lang);
    v.usage = usage_text(plan.usage, lang);
    if (plan.half) {
        // DOMAIN.md §11: "5월 12일 (화), 1일 · 반일: 오전 09:00–13:00".
        v.usage +=
            " · " + i18n::format("half.label", lang, {{"slot", half_text(zone, plan, lang)}});
    }
    v.pickup = pickup_window_text(zone, plan.pickup, lang);
    v.eve_note = eve_note(branch, plan, lang);
    v.eve_pickup = plan.eve ? eve_pickup_text(branch, plan, lang) : std::string{};
    v.eve_hours = plan.eve ? spoken_span(local_time_of_day(zone, plan.pickup.from),
                                         local_time_of_day(zone, plan.pickup.to), lang)
                           : std::string{};
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
        if (plan.half) {
            // The rate of a half day (its amount is the day's, reduced, at that rate).
            adjust += std::string{adjust.empty() ? "" : " · "} +
                      std::string{i18n::text("half.fee_line", lang)};
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
    if (delivery != nullptr) {
        const bool round_trip = delivery->mode == delivery_mode::round_trip;
        v.delivery_mode = i18n::text(
            round_trip ? "page.book.delivery_round_trip" : "page.book.delivery_one_way", lang);
        v.delivery_address = delivery->address + " (" + delivery->area + ")";
        std::optional<interval> slot = interval{plan.pickup.from, plan.pickup.to};
        if (branch.delivery) {
            slot = delivery_slot(branch.calendar, *branch.delivery, plan);
        }
        if (slot) {
            v.delivery_when = i18n::format("plan.delivery_when", lang,
                                           {{"window", pickup_window_text(zone, *slot, lang)}});
        }
        if (round_trip) {
            v.delivery_when += (v.delivery_when.empty() ? "" : " · ") +
                               i18n::format("plan.collect_when", lang,
                                            {{"when", instant_text(zone, plan.return_by, lang)}});
        }
        v.delivery_fee = won_text(fee.delivery, lang);
    }
    return v;
}

} // namespace agrirent::pages
