// The waitlist and extension routes of API.md ("Half days, extensions, waitlist, verified phones";
// DOMAIN.md §13): a farmer joins, looks up, accepts, declines or cancels with the entry's code and
// phone; staff do the same for a caller and list the queues with positions.
#include <boost/json.hpp>

#include "common/time.hpp"
#include "server/api/json_views.hpp"
#include "server/api/routes.hpp"
#include "server/app/extension.hpp"
#include "server/app/waitlist.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/responses.hpp"

namespace agrirent::api {

namespace json = boost::json;
using http::api_error;
using http::context;
using http::response;

namespace {

json::object entry_json(const app::waitlist_view& v, const app::catalog& cat) {
    const auto& e = v.entry;
    const auto* branch = cat.branch_by_id(e.branch_id);
    const auto* type = cat.type_by_id(e.type_id);
    const date::time_zone* zone = branch != nullptr ? branch->calendar.zone : nullptr;
    const auto instant = [&](sys_seconds t) { return format_instant(zone, t); };
    json::object o;
    o["code"] = e.code;
    o["status"] = to_string(e.state);
    o["position"] = v.position ? json::value(*v.position) : json::value(nullptr);
    o["branch"] = branch != nullptr ? branch->code.value : "";
    o["type"] = type != nullptr ? type->type.code.value : "";
    o["start"] = format_date(e.usage.start);
    o["end"] = format_date(e.usage.end);
    // DOMAIN.md §11: "am" | "pm" for a half day, null for whole days (as a reservation says).
    o["half"] = e.half ? json::value(to_string(*e.half)) : json::value(nullptr);
    o["farmer"] = {{"name", e.name}, {"phone", e.phone}};
    o["channel"] = e.via;
    o["created_at"] = instant(e.created_at);
    o["offer_expires_at"] =
        e.offer_expires_at ? json::value(instant(*e.offer_expires_at)) : json::value(nullptr);
    o["reservation"] = e.reservation_code ? json::value(*e.reservation_code) : json::value(nullptr);
    return o;
}

response entry_reply(app::services& s, const result<app::waitlist_view>& r, const context& ctx,
                     int status = http::status::ok) {
    if (!r) {
        return http::error_response(r.error(), ctx.lang);
    }
    return http::json_response(status, json::serialize(entry_json(*r, *s.catalog.get())));
}

/// The body's verification, else the X-Phone-Verification header (API.md).
app::farmer_proof proof_of(const context& ctx, app::farmer_proof proof) {
    if (!proof.verification) {
        if (const auto h = ctx.req.header_value("x-phone-verification"); !h.empty()) {
            proof.verification = std::string{h};
        }
    }
    return proof;
}

/// The phone a farmer must give (staff need none).
std::string action_phone(const context& ctx, const codec::waitlist_action& a) {
    if (http::staff_of(ctx) != nullptr) {
        return a.phone.value_or("");
    }
    if (!a.phone) {
        throw http::bad_field("phone", "missing");
    }
    return *a.phone;
}

} // namespace

void add_waitlist_routes(http::router& r, app::services& s) {
    // DOMAIN.md §12: extending a checked-out rental (staff, or the farmer with code and phone).
    r.add("POST", "/api/v1/reservations/{code}/extend", [&s](context& ctx) {
        const auto req = codec::extension_request_of(http::json_object_body(ctx.req));
        app::extension_input in;
        in.code = booking_code_of(ctx.param("code"));
        in.end = req.end;
        in.dry_run = req.dry_run;
        in.proof = proof_of(ctx, req.proof);
        if (http::staff_of(ctx) == nullptr) {
            if (!req.phone) {
                throw http::bad_field("phone", "missing");
            }
            in.phone = *req.phone;
        }
        const auto done = app::extend_reservation(s, in, http::actor_of(ctx));
        if (!done) {
            return http::error_response(done.error(), ctx.lang);
        }
        if (!done->dry_run) {
            return reservation_reply(s, done->row, ctx);
        }
        const auto cat = s.catalog.get();
        const auto* branch = cat->branch_by_id(done->row.branch_id);
        const date::time_zone* zone = branch != nullptr ? branch->calendar.zone : nullptr;
        return http::ok_json(json::object{{"dry_run", true},
                                          {"code", done->row.code},
                                          {"start", format_date(done->added.start)},
                                          {"end", format_date(done->added.end)},
                                          {"fee", fee_json(done->added_fee)},
                                          {"return_by", format_instant(zone, done->return_by)}});
    });

    r.add("POST", "/api/v1/waitlist", [&s](context& ctx) {
        const auto req = codec::waitlist_request_of(http::json_object_body(ctx.req));
        const app::actor who = http::actor_of(ctx, req.via.value_or(channel::phone));
        auto joined = app::join_waitlist(s, req.input, who, proof_of(ctx, req.proof));
        auto res = entry_reply(s, joined, ctx, http::status::created);
        if (joined) {
            res.set_header("location", "/api/v1/waitlist/" + joined->entry.code);
        }
        return res;
    });

    r.add("GET", "/api/v1/waitlist", [&s](context& ctx) {
        http::require_staff(ctx);
        const auto cat = s.catalog.get();
        app::waitlist_query f;
        const auto param = [&](std::string_view key) -> std::optional<std::string> {
            if (const auto v = ctx.query_value(key); v && !v->empty()) {
                return std::string{*v};
            }
            return std::nullopt;
        };
        if (const auto b = param("branch")) {
            const auto* branch = cat->branch(*b);
            if (branch == nullptr) {
                throw api_error{refusal{reason::not_found, {{"field", "branch"}, {"value", *b}}}};
            }
            f.branch_id = branch->id;
        }
        if (const auto t = param("type")) {
            const auto* type = cat->type(*t);
            if (type == nullptr) {
                throw api_error{refusal{reason::not_found, {{"field", "type"}, {"value", *t}}}};
            }
            f.type_id = type->id;
        }
        if (const auto st = param("status")) {
            f.state = app::parse_waitlist_state(*st);
            if (!f.state) {
                throw http::bad_field("status", "unknown_status");
            }
        }
        f.from = http::optional_query_date(ctx, "from");
        f.to = http::optional_query_date(ctx, "to");
        const auto list = app::list_waitlist(s, f, http::actor_of(ctx));
        if (!list) {
            return http::error_response(list.error(), ctx.lang);
        }
        json::array entries;
        for (const auto& v : *list) {
            entries.push_back(entry_json(v, *cat));
        }
        return http::ok_json(json::object{{"entries", std::move(entries)}});
    });

    r.add("GET", "/api/v1/waitlist/{code}", [&s](context& ctx) {
        const std::string code = booking_code_of(ctx.param("code"));
        if (http::staff_of(ctx) != nullptr) {
            std::string phone;
            if (const auto p = ctx.query_value("phone"); p && !p->empty()) {
                phone = codec::phone_of(*p);
            }
            auto found = app::find_waitlist_entry(s, code, "", http::actor_of(ctx));
            if (found && !phone.empty() && found->entry.phone != phone) {
                throw api_error{refusal{reason::not_found, {{"field", "code"}}}};
            }
            return entry_reply(s, found, ctx);
        }
        const auto phone = codec::phone_of(http::required_query(ctx, "phone"));
        return entry_reply(s, app::find_waitlist_entry(s, code, phone, http::actor_of(ctx)), ctx);
    });

    r.add("POST", "/api/v1/waitlist/{code}/accept", [&s](context& ctx) {
        const auto a = codec::waitlist_action_of(http::json_object_body(ctx.req));
        const std::string code = booking_code_of(ctx.param("code"));
        auto booked = app::accept_offer(s, code, action_phone(ctx, a), http::actor_of(ctx),
                                        proof_of(ctx, a.proof));
        auto res = reservation_reply(s, booked, ctx, http::status::created);
        if (booked) {
            res.set_header("location", "/api/v1/reservations/" + booked->code);
        }
        return res;
    });

    r.add("POST", "/api/v1/waitlist/{code}/decline", [&s](context& ctx) {
        const auto a = codec::waitlist_action_of(http::json_object_body(ctx.req));
        return entry_reply(s,
                           app::decline_offer(s, booking_code_of(ctx.param("code")),
                                              action_phone(ctx, a), http::actor_of(ctx),
                                              proof_of(ctx, a.proof)),
                           ctx);
    });

    r.add("POST", "/api/v1/waitlist/{code}/cancel", [&s](context& ctx) {
        const auto a = codec::waitlist_action_of(http::json_object_body(ctx.req));
        return entry_reply(s,
                           app::cancel_waitlist_entry(s, booking_code_of(ctx.param("code")),
                                                      action_phone(ctx, a), http::actor_of(ctx),
                                                      proof_of(ctx, a.proof)),
                           ctx);
    });
}

} // namespace agrirent::api
