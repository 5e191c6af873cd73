// Reports and the outbox view for operators and admins (issue 4 "Reports", "Notifications"):
// GET /api/v1/reports/utilization, /api/v1/reports/revenue, /api/v1/reservations.csv and
// /api/v1/outbox. Definitions of the figures: server/app/reports.hpp.
#include <charconv>

#include <boost/json.hpp>

#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/api/csv.hpp"
#include "server/api/json_views.hpp"
#include "server/api/routes.hpp"
#include "server/app/reports.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/responses.hpp"
#include "server/i18n/messages.hpp"

namespace agrirent::api {

namespace json = boost::json;
using http::api_error;
using http::context;
using http::response;

namespace {

constexpr int max_report_days = 366; // one year, leap day included
constexpr int max_export_rows = 100000;
constexpr int default_outbox_limit = 100;
constexpr int max_outbox_limit = 500;

void require_reports_role(const context& ctx) {
    http::require_role(ctx, {role::operator_, role::admin});
}

// `branch` is optional (all branches); an unknown code is 404 like everywhere else. Inactive
// branches may be asked for: their past still counts.
std::optional<std::int64_t> optional_branch(const app::catalog& cat, const context& ctx) {
    const auto code = ctx.query_value("branch");
    if (!code || code->empty()) {
        return std::nullopt;
    }
    const auto* b = cat.branch(*code);
    if (b == nullptr) {
        throw api_error{
            refusal{reason::not_found, {{"field", "branch"}, {"value", std::string{*code}}}}};
    }
    return b->id;
}

json::value percent_json(std::int64_t rented, std::int64_t available) {
    const auto pct = app::utilization_percent(rented, available);
    return pct ? json::value(*pct) : json::value(nullptr);
}

json::object utilization_json(const std::vector<app::branch_utilization>& report, date_range days,
                              std::string_view lang) {
    json::array branches;
    for (const auto& b : report) {
        json::array types;
        std::int64_t available = 0;
        std::int64_t rented = 0;
        std::int64_t booked = 0;
        std::int64_t closed = 0;
        for (const auto& t : b.types) {
            types.push_back(json::object{{"type", t.type->type.code.value},
                                         {"name", t.type->name(lang)},
                                         {"units", t.units},
                                         {"unit_days_available", t.available},
                                         {"unit_days_rented", t.rented},
                                         {"unit_days_booked", t.booked},
                                         {"rented_closed_days", t.rented_closed_days},
                                         {"percent", percent_json(t.rented, t.available)}});
            available += t.available;
            rented += t.rented;
            booked += t.booked;
            closed += t.rented_closed_days;
        }
        branches.push_back(
            json::object{{"branch", b.branch->code.value},
                         {"name", b.branch->name(lang)},
                         {"operating_days", b.operating_days},
                         {"unknown_days", b.unknown_days},
                         {"types", std::move(types)},
                         {"total", json::object{{"unit_days_available", available},
                                                {"unit_days_rented", rented},
                                                {"unit_days_booked", booked},
                                                {"rented_closed_days", closed},
                                                {"percent", percent_json(rented, available)}}}});
    }
    return {{"from", format_date(days.from)},
            {"to", format_date(days.to)},
            {"branches", std::move(branches)}};
}

struct money_sums {
    std::int64_t bookings = 0;
    std::int64_t half_day_bookings = 0;
    won gross, discount, surcharge, late_fees, rental, delivery, net, half_day_rental;
    void add(const storage::revenue_total& t) {
        bookings += t.bookings;
        half_day_bookings += t.half_day_bookings;
        half_day_rental += t.half_day_rental;
        gross += t.gross;
        discount += t.discount;
        surcharge += t.surcharge;
        late_fees += t.late_fees;
        rental += t.rental_net;
        delivery += t.delivery;
        net += t.rental_net + t.delivery + t.late_fees;
    }
    [[nodiscard]] json::object to_json() const {
        return {{"bookings", bookings},
                {"gross", gross.value},
                {"discount", discount.value},
                {"surcharge", surcharge.value},
                {"late_fees", late_fees.value},
                {"rental", rental.value},
                {"delivery", delivery.value},
                {"net", net.value},
                // DOMAIN.md §11: the bookings and rental split into half and whole days.
                {"half_day_bookings", half_day_bookings},
                {"half_day_rental", half_day_rental.value},
                {"full_day_bookings", bookings - half_day_bookings},
                {"full_day_rental", rental.value - half_day_rental.value}};
    }
};

json::object revenue_json(const app::catalog& cat, std::optional<std::int64_t> branch_id,
                          const std::vector<storage::revenue_total>& rows, date_range days,
                          std::string_view lang) {
    json::array branches;
    money_sums all;
    for (const auto& b : cat.branches()) {
        if (branch_id ? b.id != *branch_id : !b.active) {
            continue;
        }
        json::array types;
        money_sums branch_sums;
        for (const auto& t : cat.types()) {
            for (const auto& row : rows) {
                if (row.branch_id != b.id || row.type_id != t.id) {
                    continue;
                }
                money_sums one;
                one.add(row);
                auto line = one.to_json();
                line["type"] = t.type.code.value;
                line["name"] = t.name(lang);
                types.push_back(std::move(line));
                branch_sums.add(row);
                all.add(row);
            }
        }
        branches.push_back(json::object{{"branch", b.code.value},
                                        {"name", b.name(lang)},
                                        {"types", std::move(types)},
                                        {"total", branch_sums.to_json()}});
    }
    return {{"from", format_date(days.from)},
            {"to", format_date(days.to)},
            {"branches", std::move(branches)},
            {"total", all.to_json()}};
}

// "2020-05-23 17:00" on the branch's wall clock: what a spreadsheet reads as a date and time.
std::string local_stamp(const date::time_zone* zone, sys_seconds t) {
    return format_date(local_date_of(zone, t)) + " " +
           format_time_of_day(local_time_of_day(zone, t));
}

std::string optional_stamp(const date::time_zone* zone, const std::optional<sys_seconds>& t) {
    return t ? local_stamp(zone, *t) : std::string{};
}

std::string label(std::string_view prefix, std::string_view code, std::string_view lang) {
    const std::string key = std::string{prefix} + std::string{code};
    return std::string{i18n::text(key, lang)};
}

std::string reservations_csv(const app::catalog& cat, const std::vector<storage::export_row>& rows,
                             std::string_view lang) {
    std::string out{utf8_bom};
    const auto h = [lang](std::string_view key) {
        return csv_text(i18n::text(std::string{"report.csv."} + std::string{key}, lang));
    };
    append_csv_record(out, {h("code"),          h("status"),
                            h("branch"),        h("type"),
                            h("start"),         h("end"),
                            h("pickup_from"),   h("pickup_to"),
                            h("return_by"),     h("farmer"),
                            h("phone"),         h("channel"),
                            h("daily_fee"),     h("gross"),
                            h("discount"),      h("surcharge"),
                            h("net"),           h("late_fee"),
                            h("unit"),          h("checked_out_at"),
                            h("returned_at"),   h("created_at"),
                            h("reason"),        h("delivery"),
                            h("delivery_area"), h("delivery_address"),
                            h("delivery_fee"),  h("group"),
                            h("half")});
    for (const auto& r : rows) {
        const auto* branch = cat.branch_by_id(r.branch_id);
        const auto* type = cat.type_by_id(r.type_id);
        static const auto* seoul = date::locate_zone("Asia/Seoul");
        const auto* zone = branch != nullptr ? branch->calendar.zone : seoul;
        append_csv_record(
            out,
            {csv_text(r.code), csv_text(label("report.status.", to_string(r.state), lang)),
             csv_text(branch != nullptr ? branch->name(lang) : std::string{}),
             csv_text(type != nullptr ? type->name(lang) : std::string{}),
             csv_text(format_date(r.usage.start)), csv_text(format_date(r.usage.end)),
             csv_text(local_stamp(zone, r.pickup.from)), csv_text(local_stamp(zone, r.pickup.to)),
             csv_text(local_stamp(zone, r.return_by)), csv_text(r.farmer_name), csv_text(r.phone),
             csv_text(label("report.channel.", to_string(r.via), lang)),
             csv_number(r.daily_fee.value), csv_number(r.gross.value), csv_number(r.discount.value),
             csv_number(r.surcharge.value), csv_number(r.net.value), csv_number(r.late_fee.value),
             csv_text(r.unit_tag.value_or("")), csv_text(optional_stamp(zone, r.checked_out_at)),
             csv_text(optional_stamp(zone, r.returned_at)),
             csv_text(local_stamp(zone, r.created_at)), csv_text(r.status_reason.value_or("")),
             csv_text(r.delivery_mode ? label("report.delivery.", *r.delivery_mode, lang)
                                      : std::string{}),
             csv_text(r.delivery_area.value_or("")), csv_text(r.delivery_address.value_or("")),
             csv_number(r.delivery_fee.value), csv_text(r.group_name.value_or("")),
             // DOMAIN.md §11: 오전 / 오후 for a half day, empty for whole days.
             csv_text(r.half ? std::string{i18n::text(
                                   r.half == half_day::am ? "half.am" : "half.pm", lang)}
                             : std::string{})});
    }
    return out;
}

int limit_param(const context& ctx) {
    const auto raw = ctx.query_value("limit");
    if (!raw || raw->empty()) {
        return default_outbox_limit;
    }
    int v = 0;
    const auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
    if (ec != std::errc{} || end != raw->data() + raw->size() || v < 1 || v > max_outbox_limit) {
        throw http::bad_field("limit", "1_to_500");
    }
    return v;
}

json::value optional_instant_json(const date::time_zone* zone,
                                  const std::optional<sys_seconds>& t) {
    return t ? json::value(format_instant(zone, *t)) : json::value(nullptr);
}

} // namespace

void add_report_routes(http::router& r, app::services& s) {
    r.add("GET", "/api/v1/reports/utilization", [&s](context& ctx) {
        require_reports_role(ctx);
        const auto cat = s.catalog.get();
        const auto branch = optional_branch(*cat, ctx);
        const date_range days = http::query_range(ctx, max_report_days);
        return http::ok_json(
            utilization_json(app::utilization_report(s, *cat, branch, days), days, ctx.lang));
    });

    r.add("GET", "/api/v1/reports/revenue", [&s](context& ctx) {
        require_reports_role(ctx);
        const auto cat = s.catalog.get();
        const auto branch = optional_branch(*cat, ctx);
        const date_range days = http::query_range(ctx, max_report_days);
        return http::ok_json(
            revenue_json(*cat, branch, app::revenue_report(s, branch, days), days, ctx.lang));
    });

    r.add("GET", "/api/v1/reservations.csv", [&s](context& ctx) {
        require_reports_role(ctx);
        const auto cat = s.catalog.get();
        storage::export_filter f;
        f.branch_id = optional_branch(*cat, ctx);
        if (const auto st = ctx.query_value("status"); st && !st->empty()) {
            f.state = parse_status(*st);
            if (!f.state) {
                throw http::bad_field("status", "unknown_status");
            }
        }
        f.days = http::query_range(ctx, max_report_days);
        const auto rows = app::export_reservations(s, f, max_export_rows);
        if (!rows) {
            throw api_error{rows.error()};
        }
        response res;
        res.set_header("content-type", "text/csv; charset=utf-8");
        res.set_header("content-disposition", "attachment; filename=\"reservations-" +
                                                  format_date(f.days.from) + "-" +
                                                  format_date(f.days.to) + ".csv\"");
        res.set_header("cache-control", "no-store"); // farmers' names and phones
        res.body = reservations_csv(*cat, *rows, ctx.lang);
        return res;
    });

    r.add("GET", "/api/v1/outbox", [&s](context& ctx) {
        require_reports_role(ctx);
        storage::outbox_filter f;
        f.limit = limit_param(ctx);
        if (const auto st = ctx.query_value("status"); st && !st->empty()) {
            if (*st != "pending" && *st != "sent" && *st != "failed") {
                throw http::bad_field("status", "pending_sent_or_failed");
            }
            f.state = std::string{*st};
        }
        const auto listing = app::outbox_messages(s, f, ctx.query_value("reservation"));
        if (!listing) {
            throw api_error{listing.error()};
        }
        static const auto* seoul = date::locate_zone("Asia/Seoul");
        json::array messages;
        for (const auto& l : *listing) {
            const auto& m = l.message;
            messages.push_back(json::object{
                {"id", m.id},
                {"reservation",
                 l.reservation_code ? json::value(*l.reservation_code) : json::value(nullptr)},
                {"phone", m.phone},
                {"kind", m.kind},
                {"body", m.body},
                {"status", m.state},
                {"attempts", m.attempts},
                {"created_at", format_instant(seoul, m.created_at)},
                {"next_attempt", m.state == "pending"
                                     ? json::value(format_instant(seoul, m.next_attempt))
                                     : json::value(nullptr)},
                {"last_error", m.last_error ? json::value(*m.last_error) : json::value(nullptr)},
                {"sent_at", optional_instant_json(seoul, m.sent_at)}});
        }
        return http::ok_json(json::object{{"messages", std::move(messages)}});
    });
}

} // namespace agrirent::api
