// Staff workflows of API.md: operators (search, confirm/reject/cancel, at risk, move) and branch
// clerks (schedule, check-out, check-in, no-show, unit status). Roles and branches are checked
// here and again in the services (a clerk of another branch gets 403).
#include <boost/json.hpp>

#include "common/lifecycle.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/api/json_views.hpp"
#include "server/api/routes.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/app/unit_ops.hpp"
#include "server/codec/requests.hpp"
#include "server/http/access.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/responses.hpp"

namespace agrirent::api {

namespace json = boost::json;
using http::api_error;
using http::bad_field;
using http::context;
using http::response;

namespace {

constexpr std::initializer_list<role> any_staff = {role::admin, role::operator_, role::clerk};

std::string code_param(const context& ctx) {
    return booking_code_of(ctx.param("code"));
}

const app::branch_info& branch_by_code(const app::catalog& cat, std::string_view code) {
    const auto* b = cat.branch(code);
    if (b == nullptr) {
        throw api_error{
            refusal{reason::not_found, {{"field", "branch"}, {"value", std::string{code}}}}};
    }
    return *b;
}

// The branch a staff request is about: the `branch` query parameter, or a clerk's own branch.
const app::branch_info& branch_for(const context& ctx, const app::catalog& cat,
                                   const app::staff_session& staff) {
    const auto q = ctx.query_value("branch");
    if (q && !q->empty()) {
        const auto& b = branch_by_code(cat, *q);
        http::require_branch(staff, b.id);
        return b;
    }
    if (staff.user.branch_id) {
        if (const auto* own = cat.branch_by_id(*staff.user.branch_id)) {
            return *own;
        }
    }
    throw bad_field("branch", "missing");
}

// The `branch` filter of a staff list: any branch (or all) for operators and admins, always the
// own branch for a clerk (another branch is 403).
std::optional<std::int64_t> branch_filter(const context& ctx, const app::catalog& cat,
                                          const app::staff_session& staff) {
    std::optional<std::int64_t> id;
    if (const auto b = ctx.query_value("branch"); b && !b->empty()) {
        id = branch_by_code(cat, *b).id;
    }
    if (staff.user.who == role::clerk) {
        if (id) {
            http::require_branch(staff, *id);
        }
        id = staff.user.branch_id;
    }
    return id;
}

std::optional<std::int64_t> type_filter(const context& ctx, const app::catalog& cat) {
    const auto t = ctx.query_value("type");
    if (!t || t->empty()) {
        return std::nullopt;
    }
    const auto* type = cat.type(*t);
    if (type == nullptr) {
        throw api_error{refusal{reason::not_found, {{"field", "type"}}}};
    }
    return type->id;
}

json::object unit_json(const storage::unit_row& u, const app::catalog& cat) {
    const auto* b = cat.branch_by_id(u.branch_id);
    const auto* t = cat.type_by_id(u.type_id);
    return {{"tag", u.tag},
            {"type", t != nullptr ? t->type.code.value : ""},
            {"branch", b != nullptr ? b->code.value : ""},
            {"status", to_string(u.state)},
            {"hour_meter", u.hour_meter},
            {"notes", u.notes}};
}

json::array reservations_json(const std::vector<storage::reservation_row>& rows,
                              const app::catalog& cat) {
    json::array out;
    for (const auto& r : rows) {
        out.push_back(reservation_json(r, cat, {}, false));
    }
    return out;
}

} // namespace

void add_staff_routes(http::router& r, app::services& s) {
    // Search (operators, admins; clerks see their own branch).
    r.add("GET", "/api/v1/reservations", [&s](context& ctx) {
        const auto& staff = http::require_role(ctx, any_staff);
        const auto cat = s.catalog.get();
        storage::reservation_filter f;
        f.branch_id = branch_filter(ctx, *cat, staff);
        f.type_id = type_filter(ctx, *cat);
        if (const auto st = ctx.query_value("status"); st && !st->empty()) {
            f.state = parse_status(*st);
            if (!f.state) {
                throw bad_field("status", "unknown_status");
            }
        }
        if (const auto p = ctx.query_value("phone"); p && !p->empty()) {
            f.phone = normalize_phone(*p);
            if (!f.phone) {
                throw bad_field("phone", "not_a_mobile_number");
            }
        }
        if (const auto c = ctx.query_value("code"); c && !c->empty()) {
            f.code = normalize_booking_code(*c).value_or("-");
        }
        f.from = http::optional_query_date(ctx, "from");
        f.to = http::optional_query_date(ctx, "to");
        if (const auto limit = ctx.query_value("limit"); limit && !limit->empty()) {
            try {
                f.limit = std::stoi(std::string{*limit});
            } catch (const std::exception&) {
                throw bad_field("limit", "not_an_integer");
            }
            if (f.limit < 1 || f.limit > 200) {
                throw bad_field("limit", "out_of_range");
            }
        }
        if (const auto cursor = ctx.query_value("cursor"); cursor && !cursor->empty()) {
            try {
                f.before_id = std::stoll(std::string{*cursor});
            } catch (const std::exception&) {
                throw bad_field("cursor", "invalid");
            }
        }
        std::vector<storage::reservation_row> rows;
        if (ctx.query_value("at_risk") == std::optional<std::string_view>{"true"}) {
            for (auto& row : app::at_risk_reservations(s, f.branch_id)) {
                if ((!f.type_id || row.type_id == f.type_id) &&
                    (!f.phone || row.phone == f.phone)) {
                    rows.push_back(std::move(row));
                }
            }
        } else {
            rows = app::search_reservations(s, f);
        }
        json::object out{{"items", reservations_json(rows, *cat)}};
        out["next_cursor"] = rows.size() == static_cast<std::size_t>(f.limit)
                                 ? json::value(std::to_string(rows.back().id))
                                 : json::value(nullptr);
        return http::ok_json(out);
    });

    r.add("POST", "/api/v1/reservations/{code}/confirm", [&s](context& ctx) {
        http::require_role(ctx, {role::admin, role::operator_});
        http::require_no_fields(ctx.req);
        return reservation_reply(
            s, app::confirm_reservation(s, code_param(ctx), http::actor_of(ctx)), ctx);
    });

    r.add("POST", "/api/v1/reservations/{code}/reject", [&s](context& ctx) {
        http::require_role(ctx, {role::admin, role::operator_});
        const auto body = http::json_object_body(ctx.req);
        return reservation_reply(s,
                                 app::reject_reservation(s, code_param(ctx),
                                                         codec::reject_reason_of(body),
                                                         http::actor_of(ctx)),
                                 ctx);
    });

    r.add("POST", "/api/v1/reservations/{code}/no-show", [&s](context& ctx) {
        http::require_role(ctx, {role::admin, role::clerk});
        http::require_no_fields(ctx.req);
        return reservation_reply(
            s, app::mark_no_show(s, code_param(ctx), http::actor_of(ctx, channel::counter)), ctx);
    });

    r.add("POST", "/api/v1/reservations/{code}/checkout", [&s](context& ctx) {
        http::require_role(ctx, {role::admin, role::clerk});
        const auto body = http::json_object_body(ctx.req);
        const auto in = codec::checkout_input_of(body);
        return reservation_reply(
            s, app::check_out(s, code_param(ctx), in, http::actor_of(ctx, channel::counter)), ctx);
    });

    r.add("POST", "/api/v1/reservations/{code}/checkin", [&s](context& ctx) {
        http::require_role(ctx, {role::admin, role::clerk});
        const auto body = http::json_object_body(ctx.req);
        const auto in = codec::checkin_input_of(body);
        return reservation_reply(
            s, app::check_in(s, code_param(ctx), in, http::actor_of(ctx, channel::counter)), ctx);
    });

    r.add("POST", "/api/v1/reservations/{code}/move", [&s](context& ctx) {
        http::require_role(ctx, {role::admin, role::operator_});
        const auto body = http::json_object_body(ctx.req);
        const auto in = codec::move_input_of(body);
        return reservation_reply(
            s, app::move_reservation(s, code_param(ctx), in, http::actor_of(ctx)), ctx);
    });

    r.add("GET", "/api/v1/schedule", [&s](context& ctx) {
        const auto& staff = http::require_role(ctx, any_staff);
        const auto cat = s.catalog.get();
        const auto& branch = branch_for(ctx, *cat, staff);
        const local_days day = http::optional_query_date(ctx, "date")
                                   .value_or(local_date_of(branch.calendar.zone, s.clock.now()));
        const auto sched = app::schedule_for(s, branch.id, day);
        return http::ok_json(
            json::object{{"branch", branch.code.value},
                         {"date", format_date(day)},
                         {"day", day_json(classify_day(branch.calendar, day))},
                         {"pickups", reservations_json(sched.pickups, *cat)},
                         {"returns", reservations_json(sched.returns, *cat)},
                         {"overdue", reservations_json(sched.overdue, *cat)},
                         {"at_risk", reservations_json(sched.at_risk, *cat)},
                         {"deliveries", reservations_json(sched.deliveries, *cat)},
                         {"collections", reservations_json(sched.collections, *cat)}});
    });

    r.add("GET", "/api/v1/units", [&s](context& ctx) {
        const auto& staff = http::require_role(ctx, any_staff);
        const auto cat = s.catalog.get();
        storage::unit_filter f;
        f.branch_id = branch_filter(ctx, *cat, staff);
        f.type_id = type_filter(ctx, *cat);
        if (const auto st = ctx.query_value("status"); st && !st->empty()) {
            f.state = parse_unit_status(*st);
            if (!f.state) {
                throw bad_field("status", "unknown_status");
            }
        }
        json::array out;
        for (const auto& u : app::list_units(s, f)) {
            out.push_back(unit_json(u, *cat));
        }
        return http::ok_json(out);
    });

    r.add("POST", "/api/v1/units/{tag}/status", [&s](context& ctx) {
        http::require_role(ctx, {role::admin, role::clerk});
        const auto body = http::json_object_body(ctx.req);
        const auto req = codec::unit_status_request_of(body);
        const auto cat = s.catalog.get();
        const auto changed = app::set_unit_status(s, ctx.param("tag"), req.to, req.note,
                                                  http::actor_of(ctx, channel::counter));
        if (!changed) {
            return http::error_response(changed.error(), ctx.lang);
        }
        const auto& unit = changed.value();
        // A unit sent to maintenance may leave bookings without a machine: report them.
        auto out = unit_json(unit, *cat);
        json::array risk;
        for (const auto& row : app::at_risk_reservations(s, unit.branch_id)) {
            if (row.type_id == unit.type_id) {
                risk.push_back(reservation_json(row, *cat, {}, false));
            }
        }
        out["at_risk"] = std::move(risk);
        return http::ok_json(out);
    });
}

} // namespace agrirent::api
