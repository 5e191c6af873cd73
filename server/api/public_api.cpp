// Public routes of API.md: catalogue, calendar, availability, quote, booking, look-up, cancel.
#include <charconv>

#include <boost/json.hpp>

#include "common/holidays.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/api/ics.hpp"
#include "server/api/json_views.hpp"
#include "server/api/routes.hpp"
#include "server/app/availability.hpp"
#include "server/app/booking_service.hpp"
#include "server/app/metrics.hpp"
#include "server/app/phone_verification.hpp"
#include "server/app/read_cache.hpp"
#include "server/app/reports.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/compress.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/json_text.hpp"
#include "server/http/responses.hpp"
#include "server/i18n/messages.hpp"
#include "server/i18n/when.hpp"

namespace agrirent::api {

std::string_view openapi_document() noexcept; // generated from server/api/openapi.json

namespace json = boost::json;
using http::api_error;
using http::bad_field;
using http::context;
using http::response;

namespace {

constexpr int max_availability_days = 62; // API.md
constexpr int max_calendar_days = 366;

const app::branch_info& branch_param(const app::catalog& cat, const context& ctx) {
    const std::string code = http::required_query(ctx, "branch");
    const auto* b = cat.branch(code);
    if (b == nullptr || !b->active) {
        throw api_error{refusal{reason::not_found, {{"field", "branch"}, {"value", code}}}};
    }
    return *b;
}

const app::type_info& type_by_code(const app::catalog& cat, const std::string& code) {
    const auto* t = cat.type(code);
    if (t == nullptr || !t->active) {
        throw api_error{refusal{reason::not_found, {{"field", "type"}, {"value", code}}}};
    }
    return *t;
}

response ics_response(app::services& s, const context& ctx, std::string_view code) {
    const auto phone = codec::phone_of(http::required_query(ctx, "phone"));
    auto r = app::find_for_farmer(s, booking_code_of(code), phone);
    if (!r) {
        return http::error_response(r.error(), ctx.lang);
    }
    const auto cat = s.catalog.get();
    const auto* branch = cat->branch_by_id(r->branch_id);
    const auto* type = cat->type_by_id(r->type_id);
    if (branch == nullptr || type == nullptr) {
        throw api_error{refusal{reason::not_found, {}}};
    }
    ics_event e;
    e.uid = r->code + "@agrirent";
    e.start = r->plan.pickup.from;
    e.end = r->plan.pickup.to;
    e.stamp = r->created_at;
    e.summary = i18n::format("ics.summary", ctx.lang,
                             {{"type", type->name(ctx.lang)}, {"branch", branch->name(ctx.lang)}});
    e.location = branch->address(ctx.lang);
    e.description =
        i18n::format("ics.booking_code", ctx.lang, {{"code", r->code}}) + "\n" +
        i18n::format(
            "ics.return_by", ctx.lang,
            {{"when", i18n::moment_text(branch->calendar.zone, r->plan.return_by, ctx.lang)}}) +
        "\n" + (branch->phones.empty() ? "" : branch->phones.front());
    if (r->plan.half) {
        // DOMAIN.md §11: the event is the half day itself, pickup at the slot's start, return by
        // its end (the pickup window is the slot).
        const auto* zone = branch->calendar.zone;
        const std::string slot = i18n::format(
            *r->plan.half == half_day::am ? "half.am_slot" : "half.pm_slot", ctx.lang,
            {{"from", format_time_of_day(local_time_of_day(zone, r->plan.pickup.from))},
             {"to", format_time_of_day(local_time_of_day(zone, r->plan.return_by))}});
        e.start = r->plan.pickup.from;
        e.end = r->plan.return_by;
        e.summary = i18n::format(
            "ics.half_summary", ctx.lang,
            {{"slot", slot}, {"type", type->name(ctx.lang)}, {"branch", branch->name(ctx.lang)}});
    }
    if (r->delivery) {
        // Delivery (DOMAIN.md §15): the event is the delivery, at the farmer's address.
        const auto& d = *r->delivery;
        if (const auto slot = delivery_window(branch, r->plan)) {
            e.start = slot->from;
            e.end = slot->to;
        }
        e.summary =
            i18n::format("ics.delivery_summary", ctx.lang,
                         {{"type", type->name(ctx.lang)}, {"branch", branch->name(ctx.lang)}});
        e.location = d.address + " (" + d.area + ")";
        e.description += "\n" + i18n::format("ics.delivery", ctx.lang,
                                             {{"address", e.location},
                                              {"fee", std::to_string(r->fee.delivery.value)}});
        if (d.mode == delivery_mode::round_trip) {
            e.description +=
                "\n" + i18n::format("ics.collection", ctx.lang,
                                    {{"when", i18n::moment_text(branch->calendar.zone,
                                                                r->plan.return_by, ctx.lang)}});
        }
    }
    response res;
    res.set_header("content-type", "text/calendar; charset=utf-8");
    res.set_header("content-disposition", "attachment; filename=\"" + r->code + ".ics\"");
    res.body = make_ics(e);
    return res;
}

/// A reservation read together with its history (a look-up): 200 with API.md's shape.
response record_reply(app::services& s, const app::reservation_record& found) {
    return http::json_response(
        http::status::ok,
        http::to_json_text(reservation_json(found.row, *s.catalog.get(), found.history, true)));
}

/// DOMAIN.md §14: a farmer's verification from the body field, else the X-Phone-Verification
/// header (the field wins when both are given).
std::optional<std::string> verification_from(const context& ctx,
                                             std::optional<std::string> from_body) {
    if (from_body) {
        return from_body;
    }
    if (const auto h = ctx.req.header_value("x-phone-verification"); !h.empty()) {
        if (h.size() > 128) {
            throw bad_field("X-Phone-Verification", "too_long");
        }
        return std::string{h};
    }
    return std::nullopt;
}

} // namespace

std::string booking_code_of(std::string_view raw) {
    auto code = normalize_booking_code(raw);
    if (!code) {
        // Not a possible code: it cannot exist (404, like any unknown code).
        throw api_error{refusal{reason::not_found, {{"field", "code"}}}};
    }
    return std::move(*code);
}

response reservation_reply(app::services& s, const result<storage::reservation_row>& r,
                           const context& ctx, int status) {
    if (!r) {
        return http::error_response(r.error(), ctx.lang);
    }
    return http::json_response(
        status, http::to_json_text(reservation_json(*r, *s.catalog.get(),
                                                    app::reservation_history(s, r->id), true)));
}

/// Issue 13: the last date with a known holiday calendar (shipped, or declared complete by an
/// admin), as a gauge: its 00:00 in Asia/Seoul as Unix time, the date itself as a label, and the
/// days left from today (alert well before it reaches 0: bookings after it are calendar_unknown).
std::string calendar_horizon_metrics(app::services& s) {
    static const auto* seoul = date::locate_zone("Asia/Seoul"); // DOMAIN.md §1
    const local_days today = local_date_of(seoul, s.clock.now());
    const local_days last = known_through(s.catalog.get()->holidays(), today);
    const auto midnight = date::zoned_time{seoul, date::local_seconds{last}}.get_sys_time();
    return "# HELP agrirent_calendar_known_through_timestamp_seconds The last date with a known "
           "holiday calendar (00:00 Asia/Seoul, Unix time; the date in the label). Later dates "
           "are refused with calendar_unknown.\n"
           "# TYPE agrirent_calendar_known_through_timestamp_seconds gauge\n"
           "agrirent_calendar_known_through_timestamp_seconds{date=\"" +
           format_date(last) + "\"} " + std::to_string(midnight.time_since_epoch().count()) +
           "\n# HELP agrirent_calendar_known_days_left Days from today (Asia/Seoul) to the last "
           "date with a known holiday calendar.\n"
           "# TYPE agrirent_calendar_known_days_left gauge\n"
           "agrirent_calendar_known_days_left " +
           std::to_string((last - today).count()) + "\n";
}

/// A day's `refusal` in availability (issue 13): null, or {code, details} as a booking would get.
json::value refusal_json(const std::optional<refusal>& r) {
    if (!r) {
        return nullptr;
    }
    json::object details;
    for (const auto& [k, v] : r->details) {
        details[k] = v;
    }
    return json::object{{"code", to_string(r->code)}, {"details", std::move(details)}};
}

json::object availability_json(app::services& s, const app::catalog& cat,
                               const app::branch_info& branch, const app::type_info* only_type,
                               date_range days) {
    json::array types;
    for (const auto& t : app::branch_availability(s, cat, branch, only_type, days)) {
        if (t.offered == 0 && only_type == nullptr) {
            continue; // not offered at this branch
        }
        json::array out_days;
        for (const auto& a : t.days) {
            json::object day{{"date", format_date(a.day.date)},
                             {"known", a.day.known},
                             {"operating", a.day.operating},
                             {"reason", to_string(a.day.why)},
                             {"available", a.available},
                             {"bookable", a.bookable},
                             {"refusal", refusal_json(a.not_bookable)}};
            if (a.half) {
                // DOMAIN.md §11: free morning and afternoon bookings, for half-day types only.
                day["half_day"] = json::object{{"am", a.half->am}, {"pm", a.half->pm}};
            }
            out_days.push_back(std::move(day));
        }
        types.push_back(json::object{{"type", t.type->type.code.value},
                                     {"capacity", t.capacity},
                                     {"offered", t.offered > 0},
                                     {"days", std::move(out_days)}});
    }
    return {{"branch", branch.code.value}, {"types", std::move(types)}};
}

void add_public_routes(http::router& r, app::services& s, const public_options& opts) {
    r.add("GET", "/healthz", [&s](context&) {
        if (!app::database_ok(s)) {
            auto res = http::error_response(refusal{reason::unavailable, {}}, "en");
            res.set_header("retry-after", http::retry_after_unavailable);
            return res;
        }
        return http::ok_json(json::object{{"status", "ok"}});
    });

    // Availability is what farmers and operators poll most; its answer changes only when
    // something is committed or the catalog is reloaded, so finished bodies are reused until then
    // (app::read_cache). Parameters are validated before the cache is consulted.
    auto cache = std::make_shared<app::read_cache>(
        s, [](std::string_view body) { return http::gzip(body); });

    r.add("GET", "/metrics", [&s, cache](context&) {
        response res;
        res.set_header("content-type", "text/plain; version=0.0.4; charset=utf-8");
        res.body = s.metrics.render();
        const auto groups = app::group_commit(s);
        const auto reads = cache->stats();
        res.body +=
            "# HELP agrirent_group_commit_batches_total Transactions committed for bookings "
            "(group commit).\n# TYPE agrirent_group_commit_batches_total counter\n"
            "agrirent_group_commit_batches_total " +
            std::to_string(groups.batches) +
            "\n# HELP agrirent_group_commit_jobs_total Bookings decided in those "
            "transactions.\n# TYPE agrirent_group_commit_jobs_total counter\n"
            "agrirent_group_commit_jobs_total " +
            std::to_string(groups.jobs) +
            "\n# HELP agrirent_availability_cache_total Availability answers by cache "
            "result.\n# TYPE agrirent_availability_cache_total counter\n"
            "agrirent_availability_cache_total{result=\"hit\"} " +
            std::to_string(reads.hits) + "\nagrirent_availability_cache_total{result=\"miss\"} " +
            std::to_string(reads.misses) + "\n" + calendar_horizon_metrics(s);
        return res;
    });

    r.add("GET", "/api/v1/openapi.json", [](context&) {
        return http::json_response(http::status::ok, std::string{openapi_document()});
    });

    // Farmers see what is offered; admins also see retired entries, marked inactive.
    const auto is_admin = [](const context& ctx) {
        const auto* staff = http::staff_of(ctx);
        return staff != nullptr && staff->user.who == role::admin;
    };
    r.add("GET", "/api/v1/branches", [&s, is_admin](context& ctx) {
        const bool all = is_admin(ctx);
        json::array out;
        const auto cat = s.catalog.get(); // alive while its branches are read
        for (const auto& b : cat->branches()) {
            if (b.active || all) {
                auto o = branch_json(b);
                if (all) {
                    o["active"] = b.active;
                }
                out.push_back(std::move(o));
            }
        }
        return http::ok_json(out);
    });

    r.add("GET", "/api/v1/machine-types", [&s, is_admin](context& ctx) {
        const bool all = is_admin(ctx);
        json::array out;
        const auto cat = s.catalog.get(); // alive while its types are read
        for (const auto& t : cat->types()) {
            if (t.active || all) {
                auto o = type_json(t);
                if (all) {
                    o["active"] = t.active;
                }
                out.push_back(std::move(o));
            }
        }
        return http::ok_json(out);
    });

    r.add("GET", "/api/v1/calendar", [&s](context& ctx) {
        const auto cat = s.catalog.get();
        const auto& branch = branch_param(*cat, ctx);
        const date_range range = http::query_range(ctx, max_calendar_days);
        json::array days;
        for (local_days d = range.from; d <= range.to; d += date::days{1}) {
            days.push_back(day_json(classify_day(branch.calendar, d)));
        }
        return http::ok_json(
            json::object{{"branch", branch.code.value}, {"days", std::move(days)}});
    });

    r.add("GET", "/api/v1/availability", [&s, cache](context& ctx) {
        const auto cat = s.catalog.get();
        const bool gzipped = http::accepts_gzip(ctx.req);
        // `bookable` changes when a booking window closes (at a whole minute): one entry a minute.
        const auto minute = std::to_string(
            std::chrono::floor<std::chrono::minutes>(s.clock.now()).time_since_epoch().count());
        const auto cached = [&](const std::string& key, const auto& make) {
            auto res = http::json_response(
                http::status::ok,
                *cache->get(
                    key + "|" + minute, cat, [&] { return http::to_json_text(make()); }, gzipped));
            res.set_header("vary", "Accept-Encoding");
            if (gzipped) {
                res.set_header("content-encoding", "gzip");
            }
            return res;
        };
        // Without a branch: every (branch, type) at once, for the operators' board. An empty
        // `branch=` is not "every branch" but a missing value (issue 16): 400 below.
        if (!ctx.query_value("branch")) {
            const date_range range = http::query_range(ctx, max_availability_days);
            return cached("*|" + format_date(range.from) + "|" + format_date(range.to), [&] {
                json::array branches;
                for (const auto& branch : cat->branches()) {
                    if (branch.active) {
                        branches.push_back(availability_json(s, *cat, branch, nullptr, range));
                    }
                }
                return json::object{{"from", format_date(range.from)},
                                    {"to", format_date(range.to)},
                                    {"branches", std::move(branches)}};
            });
        }
        const auto& branch = branch_param(*cat, ctx);
        const auto type_code_text = ctx.query_value("type");
        const app::type_info* type = nullptr;
        if (type_code_text && !type_code_text->empty()) {
            type = &type_by_code(*cat, std::string{*type_code_text});
        }
        const date_range range = http::query_range(ctx, max_availability_days);
        const std::string key = std::to_string(branch.id) + "|" +
                                (type != nullptr ? std::to_string(type->id) : "") + "|" +
                                format_date(range.from) + "|" + format_date(range.to);
        return cached(key, [&] {
            auto all = availability_json(s, *cat, branch, type, range);
            if (type == nullptr) {
                return all;
            }
            // One type: API.md's flat shape {branch, type, capacity, days}.
            auto& first = all.at("types").as_array().at(0).as_object();
            return json::object{{"branch", branch.code.value},
                                {"type", type->type.code.value},
                                {"capacity", first.at("capacity")},
                                {"offered", first.at("offered")},
                                {"days", first.at("days")}};
        });
    });

    r.add("GET", "/api/v1/quote", [&s](context& ctx) {
        const std::string branch = http::required_query(ctx, "branch");
        const std::string type = http::required_query(ctx, "type");
        const local_days start = http::required_query_date(ctx, "start");
        const local_days end = http::optional_query_date(ctx, "end").value_or(start);
        // Delivery (DOMAIN.md §15) as three flat parameters (decisions.md, issue 15).
        const auto param = [&](std::string_view key) -> std::optional<std::string> {
            if (const auto v = ctx.query_value(key); v && !v->empty()) {
                return std::string{*v}; // an empty optional parameter is a missing one
            }
            return std::nullopt;
        };
        const auto delivery = codec::delivery_request_of(
            param("delivery_mode"), param("delivery_address"), param("delivery_area"),
            {"delivery_mode", "delivery_address", "delivery_area"});
        // A group quote (DOMAIN.md §16): `group` (id) and, for the representative check, the
        // representative's `phone` (decisions.md "Issue 15 — the remaining gaps").
        std::optional<app::quote_group> group;
        if (const auto g = param("group")) {
            std::int64_t id = 0;
            const auto [end_ptr, ec] = std::from_chars(g->data(), g->data() + g->size(), id);
            if (ec != std::errc{} || end_ptr != g->data() + g->size() || id < 1) {
                throw http::bad_field("group", "not_a_group_id");
            }
            group = app::quote_group{id, std::nullopt};
            if (const auto phone = param("phone")) {
                group->phone = codec::phone_of(*phone);
            }
        } else if (param("phone")) {
            throw http::bad_field("phone", "without_group"); // it would check nothing
        }
        // DOMAIN.md §11: half=am|pm for one day (end omitted or equal to start).
        const auto half = codec::half_of(param("half"), {start, end});
        const auto q = app::quote(s, branch, type, {start, end}, delivery, group, half);
        if (!q) {
            return http::error_response(q.error(), ctx.lang);
        }
        return http::ok_json(quote_json(*q, ctx.lang));
    });

    r.add("POST", "/api/v1/reservations", [&s](context& ctx) {
        auto req = codec::booking_request_of(http::json_object_body(ctx.req));
        req.input.verification = verification_from(ctx, std::move(req.input.verification));
        const auto& in = req.input;
        // Staff book for a caller (channel phone, or counter at the branch); farmers on the web.
        const app::actor who = http::actor_of(ctx, req.via.value_or(channel::phone));
        if (const auto* staff = http::staff_of(ctx)) {
            const auto cat = s.catalog.get();
            if (const auto* b = cat->branch(in.branch)) {
                http::require_branch(*staff, b->id); // a clerk books at their own counter only
            }
        }
        std::vector<storage::history_entry> history;
        const auto booked = app::book(s, in, who, &history);
        auto res = booked ? http::json_response(http::status::created,
                                                http::to_json_text(reservation_json(
                                                    *booked, *s.catalog.get(), history, true)))
                          : http::error_response(booked.error(), ctx.lang);
        if (booked) {
            res.set_header("location", "/api/v1/reservations/" + booked->code);
        }
        return res;
    });

    r.add("GET", "/api/v1/reservations/{code}", [&s](context& ctx) {
        const std::string_view raw = ctx.param("code");
        if (raw.ends_with(".ics")) {
            return ics_response(s, ctx, raw.substr(0, raw.size() - 4));
        }
        // Staff see any reservation (a clerk only their branch's); farmers need code + phone.
        // Staff may give a phone too (issue 16): it is checked as a farmer's is, and narrows.
        if (const auto* staff = http::staff_of(ctx)) {
            std::optional<std::string> phone;
            if (const auto p = ctx.query_value("phone"); p && !p->empty()) {
                phone = codec::phone_of(*p);
            }
            auto found = app::find_with_history(s, booking_code_of(raw));
            if (!found || (phone && found->row.phone != *phone)) {
                throw api_error{refusal{reason::not_found, {{"field", "code"}}}};
            }
            http::require_branch(*staff, found->row.branch_id);
            return record_reply(s, *found);
        }
        const auto phone = codec::phone_of(http::required_query(ctx, "phone"));
        const auto found = app::find_for_farmer_with_history(s, booking_code_of(raw), phone);
        if (!found) {
            return http::error_response(found.error(), ctx.lang);
        }
        return record_reply(s, *found);
    });

    r.add("POST", "/api/v1/reservations/{code}/cancel", [&s](context& ctx) {
        const auto body = http::json_object_body(ctx.req);
        // Staff cancel any booking not yet checked out, with a reason (DOMAIN.md §6).
        if (http::staff_of(ctx) != nullptr) {
            const auto reason = codec::staff_cancel_reason_of(body);
            return reservation_reply(s,
                                     app::cancel_by_staff(s, booking_code_of(ctx.param("code")),
                                                          reason, http::actor_of(ctx)),
                                     ctx);
        }
        const auto phone = codec::farmer_cancel_phone_of(body);
        return reservation_reply(
            s,
            app::cancel_by_farmer(s, booking_code_of(ctx.param("code")), phone, http::actor_of(ctx),
                                  verification_from(ctx, codec::verification_of(body))),
            ctx);
    });

    // DOMAIN.md §14: a code to the phone, then a verification for 30 minutes.
    r.add("POST", "/api/v1/phone-verifications", [&s](context& ctx) {
        const auto phone = codec::phone_code_request_of(http::json_object_body(ctx.req));
        if (const auto refused = app::request_phone_code(s, phone)) {
            auto res = http::error_response(*refused, ctx.lang);
            if (const auto wait = refused->detail("retry_after"); !wait.empty()) {
                res.set_header("retry-after", std::string{wait});
            }
            return res;
        }
        // The same answer whether or not the phone belongs to a known farmer.
        return http::json_response(
            202, json::serialize(
                     json::object{{"phone", phone},
                                  {"expires_in", std::chrono::seconds{app::phone_code_ttl}.count()},
                                  {"resend_after", app::phone_code_min_interval.count()}}));
    });

    r.add("POST", "/api/v1/phone-verifications/confirm", [&s](context& ctx) {
        const auto req = codec::phone_confirm_request_of(http::json_object_body(ctx.req));
        const auto v = app::confirm_phone_code(s, req.phone, req.code);
        if (!v) {
            return http::error_response(v.error(), ctx.lang);
        }
        const auto* seoul = date::locate_zone("Asia/Seoul");
        return http::ok_json(json::object{{"phone", req.phone},
                                          {"verification", v->token},
                                          {"expires_at", format_instant(seoul, v->expires_at)}});
    });

    if (opts.test_clock) {
        r.add("PUT", "/api/v1/test/clock", [&s, opts](context& ctx) {
            const auto body = http::json_object_body(ctx.req);
            http::reject_unknown_fields(body, {"now"});
            const auto now = parse_instant(http::required_string(body, "now"));
            if (!now) {
                throw bad_field("now", "not_an_instant");
            }
            s.clock.set(*now);
            if (opts.on_clock_set) {
                opts.on_clock_set();
            }
            const auto* seoul = date::locate_zone("Asia/Seoul");
            return http::ok_json(json::object{{"now", format_instant(seoul, s.clock.now())}});
        });
    }
}

} // namespace agrirent::api
