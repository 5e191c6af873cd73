// Issue 6, "model check": 16 concurrent clients run a seeded random workload over HTTP — farmer
// and operator bookings, farmer cancels, check-outs, check-ins, units to maintenance and back —
// while the test clock steps through office days. Issue 14 added half-day bookings (DOMAIN.md
// §11), extensions of checked-out rentals (§12), and the waitlist (§13): joins after a
// no_capacity refusal, accepts and declines of the offers the server makes when capacity frees
// (they lapse when the clock moves past the hold), cancels of entries. Then a checker rebuilds
// everything from the database and verifies:
//  (a) every 201 a client saw is in the database with the plan and fee it was told (after an
//      extension, the extension's end, deadline and fee; a half day exactly its slot; an
//      accepted offer's reservation the entry's period and hold), every join's entry as asked;
//  (b) replaying the audit log in commit order (its ids), no booking, offer or extension was
//      ever committed while the live reservations and held offers of its (branch, type)
//      overlapping it already used up the capacity in force at that moment (units not in
//      maintenance): an offer holds from its waitlist.offer row until its accept, decline,
//      cancel or lapse row, so a booking never takes a unit from under an offer and two offers
//      never hold one unit; no booking past the farmer's live limit or chained to another of the
//      farmer's bookings of that type (DOMAIN.md §5.4–5.7); no extension over a waiting entry;
//      each accept uses its own entry's hold, once;
//  (c) no refused request left a trace: the new reservations and waitlist entries are exactly
//      the 201s, every new farmer has a booking, the staff/farmer audit rows are exactly the
//      successful changes and the outbox holds only the messages of successful changes, of
//      offers, or of the server's own sweeps.
// Knobs: AGRIRENT_MODEL_SEED (printed), AGRIRENT_MODEL_OPS (default 10,000).
// On PostgreSQL (AGRIRENT_TEST_ENGINE=postgres) client i talks to server i % 2 of two servers on
// one database (server_group): the same checks then hold across processes. Every server runs the
// sweeps when its clock moves.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <iostream>
#include <latch>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/server/concurrency/concurrency_support.hpp"
#include "tests/support/staff_helpers.hpp"

namespace agrirent::test {
namespace {

namespace json = boost::json;
using concurrency::add_days;
using concurrency::db_snapshot;
using concurrency::env_long;
using concurrency::epoch_of;
using concurrency::server_group;
using concurrency::str;
using concurrency::weekday_of;

constexpr int model_clients = 16;
constexpr const char* model_types[] = {"CULTIVATOR", "RICE_TRANSPLANTER", "TILLER", "SEEDER",
                                       "POTATO_HARVESTER"};
constexpr const char* model_branches[] = {"GS", "BB"};
constexpr int farmer_pool = 150;

std::string pool_phone(int i) {
    return "010-6100-" + std::to_string(1000 + i);
}
// Untrained farmers asking for a tractor or for 4 days: always refused.
std::string refused_phone(int i) {
    return "010-6200-" + std::to_string(1000 + i);
}

// What the clients believe about a reservation (hints for choosing operations; the server
// decides).
struct known {
    std::string code;
    std::string phone;
    std::string branch;
    std::string type;
    long long pickup_from = 0;
    long long pickup_to = 0;
    std::string state;
    double meter_out = 0;
    std::string end;
    bool extended = false;
};

// What the clients believe about a waitlist entry.
struct known_entry {
    std::string code;
    std::string phone;
    std::string state; // waiting, offered, or ended (booked, declined, lapsed, cancelled)
};

// One request and what the client was told.
struct op_record {
    std::string kind; // book, book_staff, cancel, checkout, checkin, unit, extend, extend_dry,
                      // join, accept, decline, wl_cancel
    int status = 0;
    std::string error;
    std::string key; // reservation code or unit tag the op acted on ("" for a refused booking)
    json::object reply;
    json::object request;
    double seconds = 0;
};

struct shared_state {
    std::mutex mutex;
    std::vector<known> reservations;
    std::vector<known_entry> entries;
    std::vector<std::string> unit_tags;
    std::map<std::string, std::vector<std::string>> checklists; // type → items
    std::set<std::string> half_day_types;                       // DOMAIN.md §11
};

json::object all_checked(const std::vector<std::string>& items) {
    json::object o;
    for (const auto& i : items) {
        o[i] = true;
    }
    return o;
}

struct client {
    int id;
    std::mt19937_64 rng;
    const server_process& s;
    shared_state& shared;
    const staff_login& op;
    const staff_login& admin;
    std::vector<op_record> log;
    // The client's time since its last record (with the reads before a request, and the draws
    // of operations without a candidate): what each kind costs.
    std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();

    int pick(int n) { return std::uniform_int_distribution<int>{0, n - 1}(rng); }

    void record(std::string kind, const http_reply& r, std::string key, json::object request) {
        op_record rec;
        rec.kind = std::move(kind);
        rec.status = r.status;
        rec.error = r.error_code();
        rec.key = std::move(key);
        rec.request = std::move(request);
        if (r.status == 200 || r.status == 201) {
            rec.reply = r.json().as_object();
        }
        const auto now = std::chrono::steady_clock::now();
        rec.seconds = std::chrono::duration<double>(now - since).count();
        since = now;
        log.push_back(std::move(rec));
    }

    // A booking (sometimes a half day of a type that has them); after a no_capacity refusal of
    // a whole-day period sometimes a join of the waitlist for it (when `room` allows a second
    // request). Returns the number of requests sent.
    int book(const std::string& today, bool staff, int room) {
        const std::string branch = model_branches[pick(2)];
        // Mostly types anyone may book; sometimes a tractor (training) or a 4-day span (too
        // long): refusals that must leave no trace either.
        std::string type = model_types[pick(5)];
        if (pick(20) == 0) {
            type = "TRACTOR";
        }
        const std::string start = add_days(today, pick(9));
        std::string half;
        if (shared.half_day_types.contains(type) && pick(3) == 0) {
            half = pick(2) == 0 ? "am" : "pm";
        }
        const bool too_long = half.empty() && pick(25) == 0;
        const std::string end = half.empty() ? add_days(start, too_long ? 3 : pick(2)) : start;
        const int f = pick(farmer_pool);
        // Requests that are always refused come from farmers nobody else uses: no farmer row
        // may ever appear for them.
        const bool doomed = too_long || type == "TRACTOR";
        const std::string phone = doomed ? refused_phone(f) : pool_phone(f);
        auto body = booking(branch, type, start, end, "모형농가" + std::to_string(f), phone);
        if (!half.empty()) {
            body["half"] = half;
        }
        header_list headers;
        if (staff) {
            body["channel"] = "phone";
            headers = op.bearer();
        }
        const auto r = s.post("/api/v1/reservations", body, headers);
        std::string code;
        if (r.status == 201) {
            const auto reply = r.json();
            code = str(reply.at("code"));
            remember(reply, phone);
        }
        const bool wait = r.status == 409 && r.error_code() == "no_capacity" && half.empty() &&
                          room > 1 && pick(3) == 0;
        record(staff ? "book_staff" : "book", r, code, body);
        if (!wait) {
            return 1;
        }
        // DOMAIN.md §13: the farmer (or staff for a caller) waits for that period (the same
        // body: a whole-day period, the staff's channel "phone").
        const auto j = s.post("/api/v1/waitlist", body, headers);
        std::string entry;
        if (j.status == 201) {
            entry = str(j.json().at("code"));
            std::lock_guard lock{shared.mutex};
            shared.entries.push_back({entry, phone, "waiting"});
        }
        record("join", j, entry, body);
        return 2;
    }

    void remember(const json::value& reply, const std::string& phone) {
        std::lock_guard lock{shared.mutex};
        shared.reservations.push_back({str(reply.at("code")), phone, str(reply.at("branch")),
                                       str(reply.at("type")),
                                       epoch_of(str(reply.at("pickup").at("from"))),
                                       epoch_of(str(reply.at("pickup").at("to"))),
                                       str(reply.at("status")), 0, str(reply.at("end")), false});
    }

    // DOMAIN.md §12: one extension of a checked-out rental by 1–2 days (sometimes past the
    // extension limit), by the operator or by the farmer with the phone (kiosk mode).
    int extend() {
        const auto k =
            choose([](const known& c) { return c.state == "checked_out" && !c.extended; });
        if (!k) {
            return 0;
        }
        const std::string end = add_days(k->end, pick(15) == 0 ? 6 : 1 + pick(2));
        json::object body{{"end", end}};
        header_list headers;
        if (pick(2) == 0) {
            headers = op.bearer();
        } else {
            body["phone"] = k->phone;
        }
        // Sometimes only the quote (dry run): it must leave no trace either.
        const bool dry = pick(6) == 0;
        if (dry) {
            body["dry_run"] = true;
        }
        const auto r = s.post("/api/v1/reservations/" + k->code + "/extend", body, headers);
        if (r.status == 200 && !dry) {
            std::lock_guard lock{shared.mutex};
            for (auto& c : shared.reservations) {
                if (c.code == k->code) {
                    c.extended = true;
                    c.end = end;
                }
            }
        }
        record(dry ? "extend_dry" : "extend", r, k->code, body);
        return 1;
    }

    void entry_ended(const std::string& code) {
        std::lock_guard lock{shared.mutex};
        for (auto& e : shared.entries) {
            if (e.code == code) {
                e.state = "ended";
            }
        }
    }

    // An offer the client sees: staff in the list of offers, a farmer on the entry's page (GET
    // with the phone). Accepted three times in four, else declined.
    int respond() {
        json::object entry;
        header_list headers;
        json::object body;
        if (pick(2) == 0) {
            const auto l = s.get("/api/v1/waitlist?status=offered", op.bearer());
            if (l.status != 200) {
                throw std::runtime_error("GET /api/v1/waitlist: " + l.body);
            }
            const auto listed = l.json();
            const auto& list = listed.at("entries").as_array();
            if (list.empty()) {
                return 0;
            }
            entry = list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))].as_object();
            headers = op.bearer();
        } else {
            std::optional<known_entry> k;
            {
                std::lock_guard lock{shared.mutex};
                std::vector<std::size_t> fits;
                for (std::size_t i = 0; i < shared.entries.size(); ++i) {
                    if (shared.entries[i].state != "ended") {
                        fits.push_back(i);
                    }
                }
                if (fits.empty()) {
                    return 0;
                }
                k = shared.entries[fits[static_cast<std::size_t>(
                    pick(static_cast<int>(fits.size())))]];
            }
            const auto g = s.get("/api/v1/waitlist/" + k->code + "?phone=" + k->phone);
            if (g.status != 200) {
                throw std::runtime_error("GET /api/v1/waitlist/" + k->code + ": " + g.body);
            }
            entry = g.json().as_object();
            const std::string state = str(entry.at("status"));
            if (state != "offered") {
                if (state != "waiting") {
                    entry_ended(k->code);
                }
                return 0;
            }
            body["phone"] = k->phone;
        }
        const std::string code = str(entry.at("code"));
        const bool accept = pick(4) != 0;
        const auto r =
            s.post("/api/v1/waitlist/" + code + (accept ? "/accept" : "/decline"), body, headers);
        if (accept && r.status == 201) {
            remember(r.json(), str(entry.at("farmer").at("phone")));
        }
        if (r.status == 200 || r.status == 201) {
            entry_ended(code);
        }
        // What the accept asked for: the entry's period (checked against the reservation).
        json::object asked{{"entry", code},
                           {"branch", entry.at("branch")},
                           {"type", entry.at("type")},
                           {"start", entry.at("start")},
                           {"end", entry.at("end")},
                           {"farmer", {{"phone", entry.at("farmer").at("phone")}}},
                           {"staff", !headers.empty()}};
        record(accept ? "accept" : "decline", r, code, asked);
        return 1;
    }

    // A waiting or offered entry cancelled by the farmer or by staff for the caller.
    int wl_cancel() {
        std::optional<known_entry> k;
        {
            std::lock_guard lock{shared.mutex};
            std::vector<std::size_t> fits;
            for (std::size_t i = 0; i < shared.entries.size(); ++i) {
                if (shared.entries[i].state != "ended") {
                    fits.push_back(i);
                }
            }
            if (fits.empty()) {
                return 0;
            }
            k = shared.entries[fits[static_cast<std::size_t>(pick(static_cast<int>(fits.size())))]];
        }
        json::object body;
        header_list headers;
        if (pick(2) == 0) {
            headers = op.bearer();
        } else {
            body["phone"] = k->phone;
        }
        const auto r = s.post("/api/v1/waitlist/" + k->code + "/cancel", body, headers);
        if (r.status == 200 || (r.status == 409 && r.error_code() == "invalid_transition")) {
            entry_ended(k->code);
        }
        record("wl_cancel", r, k->code, body);
        return 1;
    }

    // A reservation the clients believe in state `state` (and matching `also`), if any.
    template <class Pred>
    std::optional<known> choose(Pred also) {
        std::lock_guard lock{shared.mutex};
        std::vector<std::size_t> fits;
        for (std::size_t i = 0; i < shared.reservations.size(); ++i) {
            if (also(shared.reservations[i])) {
                fits.push_back(i);
            }
        }
        if (fits.empty()) {
            return std::nullopt;
        }
        return shared
            .reservations[fits[static_cast<std::size_t>(pick(static_cast<int>(fits.size())))]];
    }

    void update(const std::string& code, const std::string& state, double meter = 0) {
        std::lock_guard lock{shared.mutex};
        for (auto& k : shared.reservations) {
            if (k.code == code) {
                k.state = state;
                if (meter > 0) {
                    k.meter_out = meter;
                }
            }
        }
    }

    bool cancel(long long now) {
        const auto k = choose([&](const known& c) {
            return (c.state == "confirmed" || c.state == "requested") && c.pickup_from > now;
        });
        if (!k) {
            return false;
        }
        const json::object body{{"phone", k->phone}};
        const auto r = s.post("/api/v1/reservations/" + k->code + "/cancel", body);
        if (r.status == 200) {
            update(k->code, "cancelled");
        }
        record("cancel", r, k->code, body);
        return true;
    }

    bool checkout(long long now) {
        const auto k = choose([&](const known& c) {
            return c.state == "confirmed" && c.pickup_from <= now && now + 600 < c.pickup_to;
        });
        if (!k) {
            return false;
        }
        const auto units =
            s.get("/api/v1/units?branch=" + k->branch + "&type=" + k->type + "&status=available",
                  admin.bearer());
        if (units.status != 200) { // no Catch macros off the main thread
            throw std::runtime_error("GET /api/v1/units: " + units.body);
        }
        const auto listed = units.json();
        const auto& list = listed.as_array();
        if (list.empty()) {
            return false;
        }
        const auto& unit = list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))];
        std::vector<std::string> items;
        {
            std::lock_guard lock{shared.mutex};
            items = shared.checklists[k->type];
        }
        const double meter = unit.at("hour_meter").to_number<double>() + 1.5;
        json::object body{{"unit", unit.at("tag")},
                          {"hour_meter", meter},
                          {"paid", pick(12) != 0}, // sometimes unpaid: refused, no trace
                          {"checklist", all_checked(items)}};
        const auto r =
            s.post("/api/v1/reservations/" + k->code + "/checkout", body, admin.bearer());
        if (r.status == 200) {
            update(k->code, "checked_out", meter);
        }
        record("checkout", r, k->code, body);
        return true;
    }

    bool checkin() {
        const auto k = choose([](const known& c) { return c.state == "checked_out"; });
        if (!k) {
            return false;
        }
        std::vector<std::string> items;
        {
            std::lock_guard lock{shared.mutex};
            items = shared.checklists[k->type];
        }
        json::object body{{"hour_meter", k->meter_out + 4.0},
                          {"checklist", all_checked(items)},
                          {"damage_notes", ""},
                          {"farmer_at_fault", false}};
        const auto r = s.post("/api/v1/reservations/" + k->code + "/checkin", body, admin.bearer());
        if (r.status == 200) {
            update(k->code, "returned");
        }
        record("checkin", r, k->code, body);
        return true;
    }

    bool unit_status() {
        std::string tag;
        {
            std::lock_guard lock{shared.mutex};
            tag = shared.unit_tags[static_cast<std::size_t>(
                pick(static_cast<int>(shared.unit_tags.size())))];
        }
        const json::object body{{"status", pick(3) == 0 ? "maintenance" : "available"},
                                {"note", "model " + std::to_string(id)}};
        const auto r = s.post("/api/v1/units/" + tag + "/status", body, admin.bearer());
        record("unit", r, tag, body);
        return true;
    }

    // `ops` requests that change state (or try to); an operation without a candidate (nothing
    // checked out, no offer, ...) is drawn again.
    void run(int ops, const std::string& today, long long now) {
        since = std::chrono::steady_clock::now();
        for (int done = 0; done < ops;) {
            const int dice = pick(100);
            int sent = 0;
            if (dice < 29) {
                sent = book(today, false, ops - done);
            } else if (dice < 38) {
                sent = book(today, true, ops - done);
            } else if (dice < 47) {
                sent = cancel(now) ? 1 : 0;
            } else if (dice < 64) {
                sent = checkout(now) ? 1 : 0;
            } else if (dice < 74) {
                sent = checkin() ? 1 : 0;
            } else if (dice < 84) {
                sent = unit_status() ? 1 : 0;
            } else if (dice < 90) {
                sent = extend();
            } else if (dice < 97) {
                sent = respond();
            } else {
                sent = wl_cancel();
            }
            done += sent;
        }
    }
};

// The refusals each kind of request may get in this workload; anything else fails the test.
bool expected_refusal(const op_record& r) {
    static const std::set<std::pair<int, std::string>> booking{
        {409, "no_capacity"},           {422, "chained_booking"},
        {422, "too_many_reservations"}, {422, "training_required"},
        {422, "max_days_exceeded"},     {422, "booking_closed"},
        {422, "farmer_suspended"},      {422, "in_past"}};
    static const std::set<std::pair<int, std::string>> change{
        {409, "invalid_transition"},
        {409, "unit_unavailable"},
        {409, "conflict"},
        {400, "bad_request"},           // unpaid check-out
        {422, "hour_meter_decreased"}}; // the unit came back between our look and the check-out
    // An accept rechecks every rule of a booking (a unit may have gone to maintenance, the
    // farmer may have booked meanwhile); the offer may have lapsed or been cancelled.
    static const std::set<std::pair<int, std::string>> accept{
        {409, "offer_expired"},   {409, "no_capacity"},
        {422, "chained_booking"}, {422, "too_many_reservations"},
        {422, "booking_closed"},  {422, "farmer_suspended"},
        {422, "in_past"},         {409, "conflict"}};
    static const std::set<std::pair<int, std::string>> join{
        {409, "conflict"}, // the period is bookable again, or the farmer already waits for it
        {422, "waitlist_limit"}, {422, "chained_booking"},  {422, "too_many_reservations"},
        {422, "booking_closed"}, {422, "farmer_suspended"}, {422, "in_past"}};
    static const std::set<std::pair<int, std::string>> extension{
        {409, "no_capacity"},
        {422, "someone_waiting"},
        {422, "extension_limit"},
        {409, "invalid_transition"}, // checked in meanwhile, or extended already
        {409, "conflict"}};
    static const std::set<std::pair<int, std::string>> end_entry{
        {409, "offer_expired"}, {409, "invalid_transition"}, {409, "conflict"}};
    if (r.kind == "book" || r.kind == "book_staff") {
        return booking.contains({r.status, r.error});
    }
    if (r.kind == "accept") {
        return accept.contains({r.status, r.error});
    }
    if (r.kind == "join") {
        return join.contains({r.status, r.error});
    }
    if (r.kind == "extend" || r.kind == "extend_dry") {
        return extension.contains({r.status, r.error});
    }
    if (r.kind == "decline" || r.kind == "wl_cancel") {
        return end_entry.contains({r.status, r.error});
    }
    return change.contains({r.status, r.error});
}

struct db_entry {
    long long id = 0;
    std::string code, branch, type, start, end, phone, status, channel;
    long long hold_from = 0, hold_to = 0, reservation_id = 0;
};

long long number_or_zero(const std::string& s) {
    return s.empty() ? 0 : std::stoll(s);
}

// The instant `minutes` after midnight of `day` in Korea (the demo branches' zone).
long long korean_instant(const std::string& day, int minutes) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+09:00", day.c_str(), minutes / 60,
                  minutes % 60);
    return epoch_of(buf);
}

struct db_reservation {
    long long id = 0;
    std::string code, branch, type, phone, start, end, status, channel, fee_days, half;
    long long eve = 0, pickup_from = 0, pickup_to = 0, return_by = 0;
    long long gross = 0, discount = 0, surcharge = 0, net = 0;
};

} // namespace

TEST_CASE("model: a seeded random workload of 16 clients keeps every booking rule",
          "[http][concurrency][model]") {
    const auto seed = static_cast<std::uint64_t>(env_long("AGRIRENT_MODEL_SEED", 20200512));
    const int total_ops = static_cast<int>(env_long("AGRIRENT_MODEL_OPS", 10000));
    std::printf("model: AGRIRENT_MODEL_SEED=%llu AGRIRENT_MODEL_OPS=%d\n",
                static_cast<unsigned long long>(seed), total_ops);
    std::fflush(stdout);

    server_process s;
    const server_group servers{s};
    // Office days of March 2022 (no Saturday season that year; 03-09 is a holiday, election
    // day): each day twice, at 10:00 (regular pickups open) and at 17:20 (eve pickups open, the
    // same-day cutoff passed). Moving the clock also runs the server's sweeps (no-shows).
    std::vector<std::string> phases;
    for (std::string day = "2022-03-02"; phases.size() < 24; day = add_days(day, 1)) {
        const unsigned wd = weekday_of(day);
        if (wd == 0 || wd == 6) {
            continue;
        }
        phases.push_back(day + " 10:00");
        phases.push_back(day + " 17:20");
    }
    servers.set_clock(phases.front());
    // Sessions expire on the server's clock: the staff log in again after every clock move.
    auto admin = login(s, demo_admin);
    auto op = login(s, demo_operator);
    int logins = 2;

    shared_state shared;
    const auto types = s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        std::vector<std::string> items;
        for (const auto& i : t.at("checklist").as_array()) {
            items.push_back(str(i));
        }
        shared.checklists[str(t.at("code"))] = items;
        if (t.at("half_day").as_bool()) {
            shared.half_day_types.insert(str(t.at("code")));
        }
    }
    // The demo data lends cultivators and seeders by the half day (DOMAIN.md §11).
    REQUIRE(shared.half_day_types.contains("CULTIVATOR"));
    REQUIRE(shared.half_day_types.contains("SEEDER"));
    for (const char* branch : model_branches) {
        for (const char* type : model_types) {
            const auto listed =
                s.get(std::string{"/api/v1/units?branch="} + branch + "&type=" + type,
                      admin.bearer())
                    .json();
            for (const auto& u : listed.as_array()) {
                shared.unit_tags.push_back(str(u.at("tag")));
            }
        }
    }

    long long base_audit = 0, base_outbox = 0, base_farmer = 0, base_reservation = 0,
              base_waitlist = 0;
    {
        db_snapshot db{s.db()};
        base_audit = db.number("SELECT max(id) FROM audit_log");
        base_outbox = db.number("SELECT max(id) FROM outbox");
        base_farmer = db.number("SELECT max(id) FROM farmers");
        base_reservation = db.number("SELECT max(id) FROM reservations");
        base_waitlist = db.number("SELECT coalesce(max(id), 0) FROM waitlist");
    }

    std::vector<client> clients;
    clients.reserve(model_clients);
    for (int c = 0; c < model_clients; ++c) {
        clients.push_back(client{c,
                                 std::mt19937_64{seed * 1000 + static_cast<std::uint64_t>(c)},
                                 servers.at(static_cast<std::size_t>(c)),
                                 shared,
                                 op,
                                 admin,
                                 {}});
    }
    const int per_phase = std::max(1, total_ops / static_cast<int>(phases.size()) / model_clients);
    std::vector<std::string> failure_text(model_clients);
    for (std::size_t p = 0; p < phases.size(); ++p) {
        if (p > 0) {
            servers.set_clock(phases[p]);
            admin = login(s, demo_admin);
            op = login(s, demo_operator);
            logins += 2;
        }
        const std::string today = phases[p].substr(0, 10);
        const long long now = epoch_of(today + "T" + phases[p].substr(11) + ":00+09:00");
        // The last phase takes the remainder so that the total is what was asked for.
        const int ops = p + 1 < phases.size()
                            ? per_phase
                            : std::max(0, total_ops / model_clients -
                                              per_phase * static_cast<int>(phases.size() - 1));
        std::latch start{model_clients};
        std::vector<std::thread> threads;
        for (auto& c : clients) {
            threads.emplace_back([&, ops] {
                start.arrive_and_wait();
                try {
                    c.run(ops, today, now);
                } catch (const std::exception& e) {
                    failure_text[static_cast<std::size_t>(c.id)] = e.what();
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        for (const auto& f : failure_text) {
            INFO(f);
            REQUIRE(f.empty());
        }
    }

    // Everything the clients were told.
    std::vector<op_record> all;
    for (auto& c : clients) {
        all.insert(all.end(), c.log.begin(), c.log.end());
    }
    std::map<std::string, int> outcomes;
    std::map<std::string, double> seconds_of;
    for (const auto& r : all) {
        seconds_of[r.kind] += r.seconds;
        const bool ok = r.status == 200 || r.status == 201;
        outcomes[r.kind + " " + (ok ? std::to_string(r.status) : r.error)]++;
        if (!ok) {
            INFO(r.kind << " " << r.key << " → " << r.status << " " << r.error << " "
                        << json::serialize(r.request));
            CHECK(expected_refusal(r));
        }
    }
    std::printf("model: %zu state-changing requests\n", all.size());
    for (const auto& [k, n] : outcomes) {
        std::printf("  %-40s %d\n", k.c_str(), n);
    }
    std::printf("model: client seconds by kind (16 clients)\n");
    for (const auto& [k, t] : seconds_of) {
        std::printf("  %-40s %.1f\n", k.c_str(), t);
    }
    std::fflush(stdout);

    db_snapshot db{s.db()};
    std::map<long long, db_reservation> by_id;
    std::map<std::string, long long> id_of;
    for (const auto& row : db.rows(
             "SELECT r.id, r.code, b.code, t.code, f.phone, r.start_date, r.end_date, r.status, "
             "r.channel, r.fee_days, r.eve, r.pickup_from, r.pickup_to, r.return_by, r.fee_gross, "
             "r.fee_discount, r.fee_surcharge, r.fee_net, r.half FROM reservations r "
             "JOIN branches b ON b.id = r.branch_id JOIN machine_types t ON t.id = r.type_id "
             "JOIN farmers f ON f.id = r.farmer_id")) {
        db_reservation d;
        d.id = std::stoll(row[0]);
        d.code = row[1];
        d.branch = row[2];
        d.type = row[3];
        d.phone = row[4];
        d.start = row[5];
        d.end = row[6];
        d.status = row[7];
        d.channel = row[8];
        d.fee_days = row[9];
        d.eve = std::stoll(row[10]);
        d.pickup_from = std::stoll(row[11]);
        d.pickup_to = std::stoll(row[12]);
        d.return_by = std::stoll(row[13]);
        d.gross = std::stoll(row[14]);
        d.discount = std::stoll(row[15]);
        d.surcharge = std::stoll(row[16]);
        d.net = std::stoll(row[17]);
        d.half = row[18];
        id_of[d.code] = d.id;
        by_id[d.id] = std::move(d);
    }
    std::map<std::string, db_entry> entries;
    for (const auto& row : db.rows(
             "SELECT w.id, w.code, b.code, t.code, w.start_date, w.end_date, w.phone, "
             "w.status, w.channel, w.hold_from, w.hold_to, w.reservation_id FROM waitlist w "
             "JOIN branches b ON b.id = w.branch_id JOIN machine_types t ON t.id = w.type_id")) {
        db_entry e;
        e.id = std::stoll(row[0]);
        e.code = row[1];
        e.branch = row[2];
        e.type = row[3];
        e.start = row[4];
        e.end = row[5];
        e.phone = row[6];
        e.status = row[7];
        e.channel = row[8];
        e.hold_from = number_or_zero(row[9]);
        e.hold_to = number_or_zero(row[10]);
        e.reservation_id = number_or_zero(row[11]);
        entries[e.code] = std::move(e);
    }
    // The branches' half-day slots (DOMAIN.md §11), minutes after midnight.
    std::map<std::string, std::array<int, 4>> slots;
    for (const auto& row : db.rows("SELECT code, half_am_from_min, half_am_to_min, "
                                   "half_pm_from_min, half_pm_to_min FROM branches")) {
        slots[row[0]] = {std::stoi(row[1]), std::stoi(row[2]), std::stoi(row[3]),
                         std::stoi(row[4])};
    }

    // The extension each reservation got (DOMAIN.md §12: at most one).
    std::map<std::string, const op_record*> extension_of;
    for (const auto& r : all) {
        if (r.kind == "extend" && r.status == 200) {
            INFO("extension of " << r.key);
            CHECK_FALSE(extension_of.contains(r.key));
            extension_of[r.key] = &r;
        }
    }

    // (a) Every 201 is in the database with the plan and the fee the client was told: bookings
    // and accepted offers as created (an extension's 200 tells the new end, deadline and fee),
    // waitlist joins as entries; declines and cancels of entries as their final status.
    std::multiset<std::string> created_codes;
    std::map<std::string, long long> told_return_by; // code → deadline told at creation
    int bookings = 0;
    int half_days = 0;
    int accepts = 0;
    std::multiset<std::string> joined_codes;
    for (const auto& r : all) {
        if (r.kind == "join" && r.status == 201) {
            const std::string code = str(r.reply.at("code"));
            joined_codes.insert(code);
            INFO("join " << json::serialize(r.reply));
            REQUIRE(entries.contains(code));
            const auto& e = entries.at(code);
            CHECK(e.branch == str(r.request.at("branch")));
            CHECK(e.type == str(r.request.at("type")));
            CHECK(e.start == str(r.request.at("start")));
            CHECK(e.end == str(r.request.at("end")));
            CHECK(e.phone == str(r.request.at("farmer").at("phone")));
            CHECK(e.channel == (r.request.contains("channel") ? "phone" : "web"));
            CHECK(str(r.reply.at("status")) == "waiting");
            continue;
        }
        if ((r.kind == "decline" || r.kind == "wl_cancel") && r.status == 200) {
            const std::string want = r.kind == "decline" ? "declined" : "cancelled";
            INFO(r.kind << " " << r.key);
            REQUIRE(entries.contains(r.key));
            CHECK(str(r.reply.at("status")) == want);
            CHECK(entries.at(r.key).status == want);
            CHECK(entries.at(r.key).reservation_id == 0);
            continue;
        }
        if (r.kind == "extend_dry" && r.status == 200) {
            // The quote of the added days; (b) and (c) check that nothing was written.
            INFO("dry run " << json::serialize(r.reply));
            CHECK(r.reply.at("dry_run").as_bool());
            CHECK(str(r.reply.at("code")) == r.key);
            CHECK(str(r.reply.at("end")) == str(r.request.at("end")));
            continue;
        }
        if (r.status != 201) {
            continue;
        }
        ++bookings;
        const auto& reply = r.reply;
        const std::string code = str(reply.at("code"));
        created_codes.insert(code);
        INFO(r.kind << " 201 " << json::serialize(reply));
        REQUIRE(id_of.contains(code));
        const auto& d = by_id.at(id_of.at(code));
        told_return_by[code] = epoch_of(str(reply.at("return_by")));
        // After an extension the end, the deadline and the fee are the extension's.
        const op_record* ext = extension_of.contains(code) ? extension_of.at(code) : nullptr;
        const auto& now_told = ext != nullptr ? ext->reply : reply;
        CHECK(d.branch == str(reply.at("branch")));
        CHECK(d.type == str(reply.at("type")));
        CHECK(d.branch == str(r.request.at("branch")));
        CHECK(d.type == str(r.request.at("type")));
        CHECK(d.phone == str(r.request.at("farmer").at("phone")));
        CHECK(d.start == str(reply.at("start")));
        CHECK(d.end == str(now_told.at("end")));
        CHECK(d.start == str(r.request.at("start")));
        CHECK(str(reply.at("end")) == str(r.request.at("end")));
        if (ext != nullptr) {
            CHECK(str(now_told.at("end")) == str(ext->request.at("end")));
            CHECK(str(now_told.at("start")) == d.start);
            CHECK(str(now_told.at("status")) == "checked_out");
            CHECK(epoch_of(str(now_told.at("pickup").at("from"))) == d.pickup_from);
        }
        CHECK(d.eve == (reply.at("pickup").at("eve").as_bool() ? 1 : 0));
        CHECK(d.pickup_from == epoch_of(str(reply.at("pickup").at("from"))));
        CHECK(d.pickup_to == epoch_of(str(reply.at("pickup").at("to"))));
        CHECK(d.return_by == epoch_of(str(now_told.at("return_by"))));
        CHECK(d.channel == str(reply.at("channel")));
        const bool by_staff =
            r.kind == "book_staff" || (r.kind == "accept" && r.request.at("staff").as_bool());
        CHECK(d.channel == (by_staff ? "phone" : "web"));
        // DOMAIN.md §11: a half day is its slot, [slot start, slot end) of its one usage day.
        const std::string half = r.request.contains("half") ? str(r.request.at("half")) : "";
        CHECK(d.half == half);
        CHECK(str(reply.at("half")) == half);
        if (!half.empty()) {
            ++half_days;
            const auto& slot = slots.at(d.branch);
            const int from = half == "am" ? slot[0] : slot[2];
            const int to = half == "am" ? slot[1] : slot[3];
            CHECK(d.start == str(reply.at("end")));
            CHECK(d.pickup_from == korean_instant(d.start, from));
            CHECK(told_return_by[code] == korean_instant(d.start, to));
        }
        if (r.kind == "accept") {
            // The reservation of an accepted offer is the entry's period and uses its hold.
            ++accepts;
            const std::string entry = str(r.request.at("entry"));
            REQUIRE(entries.contains(entry));
            const auto& e = entries.at(entry);
            CHECK(e.status == "booked");
            CHECK(e.reservation_id == d.id);
            CHECK(e.branch == d.branch);
            CHECK(e.type == d.type);
            CHECK(e.start == d.start);
            CHECK(e.end == str(reply.at("end")));
            CHECK(e.phone == d.phone);
            CHECK(e.hold_from == d.pickup_from);
            CHECK(e.hold_to == told_return_by[code]);
        }
        const auto& fee = now_told.at("fee");
        CHECK(d.gross == fee.at("gross").to_number<long long>());
        CHECK(d.discount == fee.at("discount").to_number<long long>());
        CHECK(d.surcharge == fee.at("surcharge").to_number<long long>());
        CHECK(d.net == fee.at("net").to_number<long long>());
        const auto stored_days = json::parse(d.fee_days).as_array();
        const auto& told_days = fee.at("days").as_array();
        REQUIRE(stored_days.size() == told_days.size());
        for (std::size_t i = 0; i < told_days.size(); ++i) {
            CHECK(str(stored_days[i].at("date")) == str(told_days[i].at("date")));
            CHECK(stored_days[i].at("amount") == told_days[i].at("amount"));
            CHECK(stored_days[i].at("daily_fee") == told_days[i].at("daily_fee"));
            CHECK(stored_days[i].at("discount_pct") == told_days[i].at("discount_pct"));
        }
    }
    for (const auto& [code, ext] : extension_of) {
        INFO("extension of " << code);
        CHECK(told_return_by.contains(code)); // only the clients' own reservations are extended
    }

    // (b) Replay the audit log in commit order.
    struct unit_info {
        std::string branch, type, status;
    };
    std::map<std::string, unit_info> units;
    for (const auto& row :
         db.rows("SELECT u.tag, b.code, t.code, u.status FROM units u JOIN branches b ON "
                 "b.id = u.branch_id JOIN machine_types t ON t.id = u.type_id")) {
        units[row[0]] = {row[1], row[2], row[3]};
    }
    const auto audit = db.rows("SELECT id, role, action, reservation_id, entity, entity_key, "
                               "details FROM audit_log ORDER BY id");
    // A unit's status before the first change the log records is that change's "from".
    std::set<std::string> seen_units;
    // The entry whose offer each reservation accepted (its audit row follows the creation's).
    std::map<long long, std::string> accepted_entry_of;
    for (const auto& a : audit) {
        if (a[2] == "unit.status" && !seen_units.contains(a[5])) {
            seen_units.insert(a[5]);
            units.at(a[5]).status = str(json::parse(a[6]).at("from"));
        }
        if (a[2] == "waitlist.accept") {
            const long long rid = std::stoll(a[3]);
            INFO("accept of " << a[5]);
            CHECK_FALSE(accepted_entry_of.contains(rid));
            accepted_entry_of[rid] = a[5];
        }
    }
    const auto in_service = [](const std::string& status) {
        return status != "maintenance" && status != "retired";
    };
    const auto capacity_of = [&](const std::string& branch, const std::string& type) {
        int capacity = 0;
        for (const auto& [tag, u] : units) {
            capacity += u.branch == branch && u.type == type && in_service(u.status);
        }
        return capacity;
    };
    // Each reservation's end and deadline as the replay stands: as created, then extended.
    std::map<long long, std::string> cur_end;
    std::map<long long, long long> cur_return_by;
    for (const auto& [id, d] : by_id) {
        cur_end[id] = d.end;
        cur_return_by[id] = d.return_by;
    }
    for (const auto& r : all) {
        if (r.status == 201 && r.kind != "join") {
            const long long id = id_of.at(str(r.reply.at("code")));
            cur_end[id] = str(r.reply.at("end"));
            cur_return_by[id] = epoch_of(str(r.reply.at("return_by")));
        }
    }
    std::set<long long> live;
    std::set<long long> out;                     // checked out
    std::map<std::string, const db_entry*> held; // entry code → its offer, holding capacity
    std::map<std::string, std::string> entry_state;
    // The peak of the live occupancies of (branch, type) inside [from, to): reservations (but
    // `skip_rid`) and held offers (but `skip_hold`).
    const auto peak_in = [&](const std::string& branch, const std::string& type, long long from,
                             long long to, long long skip_rid, const std::string& skip_hold) {
        std::vector<std::pair<long long, int>> edges;
        const auto add = [&](long long f, long long t) {
            if (t <= from || f >= to) {
                return;
            }
            edges.emplace_back(std::max(f, from), +1);
            edges.emplace_back(std::min(t, to), -1);
        };
        for (const long long other_id : live) {
            const auto& o = by_id.at(other_id);
            if (other_id != skip_rid && o.branch == branch && o.type == type) {
                add(o.pickup_from, cur_return_by.at(other_id));
            }
        }
        for (const auto& [code, e] : held) {
            if (code != skip_hold && e->branch == branch && e->type == type) {
                add(e->hold_from, e->hold_to);
            }
        }
        std::sort(edges.begin(), edges.end()); // at equal instants ends (-1) come first
        int now_held = 0;
        int peak = 0;
        for (const auto& e : edges) {
            now_held += e.second;
            peak = std::max(peak, now_held);
        }
        return peak;
    };
    int creations_checked = 0;
    int at_capacity = 0;
    int creations_beside_holds = 0; // bookings checked while offers held capacity of their pair
    int offers_checked = 0;
    int offers_at_capacity = 0;
    int extensions_checked = 0;
    std::map<std::string, int> entry_events; // waitlist actions (lapses by reason)
    const auto max_live = std::stoi(
        db.value("SELECT coalesce((SELECT value FROM settings WHERE key = 'max_live'), '3')"));
    for (const auto& a : audit) {
        const std::string& action = a[2];
        const bool new_row = std::stoll(a[0]) > base_audit;
        if (action == "unit.status") {
            units.at(a[5]).status = str(json::parse(a[6]).at("to"));
            continue;
        }
        if (a[4] == "waitlist") {
            INFO("audit " << a[0] << " " << action << " " << a[5]);
            REQUIRE(entries.contains(a[5]));
            const auto& e = entries.at(a[5]);
            const std::string before = entry_state[e.code];
            if (new_row) {
                entry_events[action == "waitlist.lapse"
                                 ? action + " " + str(json::parse(a[6]).at("reason"))
                                 : action]++;
            }
            if (action == "waitlist.join") {
                CHECK(before.empty());
                entry_state[e.code] = "waiting";
            } else if (action == "waitlist.offer") {
                // DOMAIN.md §13: an offer holds capacity that was free: the reservations and
                // the other offers leave room for it (never two offers on one freed unit).
                CHECK(before == "waiting");
                CHECK(e.hold_from < e.hold_to);
                const int peak = peak_in(e.branch, e.type, e.hold_from, e.hold_to, 0, "");
                const int capacity = capacity_of(e.branch, e.type);
                if (new_row) {
                    ++offers_checked;
                    CHECK(peak + 1 <= capacity);
                    offers_at_capacity += peak + 1 == capacity;
                }
                held[e.code] = &e;
                entry_state[e.code] = "offered";
            } else if (action == "waitlist.accept") {
                // The creation just before used the hold; now it ends.
                CHECK(before == "offered");
                CHECK(held.contains(e.code));
                CHECK(std::to_string(e.reservation_id) == a[3]);
                held.erase(e.code);
                entry_state[e.code] = "booked";
            } else if (action == "waitlist.decline" || action == "waitlist.cancel" ||
                       action == "waitlist.lapse") {
                CHECK((before == "waiting" || before == "offered"));
                CHECK(held.contains(e.code) == (before == "offered"));
                if (action == "waitlist.decline") {
                    CHECK(before == "offered");
                }
                held.erase(e.code);
                entry_state[e.code] = action == "waitlist.decline"  ? "declined"
                                      : action == "waitlist.cancel" ? "cancelled"
                                                                    : "lapsed";
            } else {
                FAIL_CHECK("unknown waitlist action " << action);
            }
            continue;
        }
        if (a[3].empty() || a[4] != "reservation") {
            continue;
        }
        const long long rid = std::stoll(a[3]);
        REQUIRE(by_id.contains(rid));
        const auto& res = by_id.at(rid);
        INFO("audit " << a[0] << " " << action << " " << res.code);
        CHECK(action != "move"); // not in this workload: its new plan is not in the log
        if (action == "create") {
            const int capacity = capacity_of(res.branch, res.type);
            // An accepted offer's booking uses its hold (DOMAIN.md §13): the hold is left out.
            std::string uses_hold;
            if (accepted_entry_of.contains(rid)) {
                uses_hold = accepted_entry_of.at(rid);
                CHECK(held.contains(uses_hold));
                if (held.contains(uses_hold)) {
                    CHECK(held.at(uses_hold)->hold_from == res.pickup_from);
                    CHECK(held.at(uses_hold)->hold_to == cur_return_by.at(rid));
                }
            }
            // Peak of the live reservations and held offers of that (branch, type) inside the
            // new occupancy: a booking never takes a unit from under an offer.
            const int peak =
                peak_in(res.branch, res.type, res.pickup_from, cur_return_by.at(rid), 0, uses_hold);
            int farmer_live = 0;
            bool chained = false;
            for (const long long other_id : live) {
                const auto& o = by_id.at(other_id);
                if (o.phone == res.phone) {
                    ++farmer_live;
                    if (o.type == res.type && o.start <= add_days(cur_end.at(rid), 1) &&
                        res.start <= add_days(cur_end.at(other_id), 1)) {
                        chained = true;
                    }
                }
            }
            if (rid > base_reservation) {
                ++creations_checked;
                CHECK(peak + 1 <= capacity);
                CHECK(farmer_live < max_live);
                CHECK_FALSE(chained);
                at_capacity += peak + 1 == capacity;
                for (const auto& [code, e] : held) {
                    if (code != uses_hold && e->branch == res.branch && e->type == res.type) {
                        ++creations_beside_holds;
                        break;
                    }
                }
            }
            live.insert(rid);
        } else if (action == "cancel" || action == "reject" || action == "no_show" ||
                   action == "checkin") {
            CHECK(live.contains(rid));
            live.erase(rid);
            out.erase(rid);
        } else if (action == "checkout" || action == "confirm") {
            CHECK(live.contains(rid));
            if (action == "checkout") {
                out.insert(rid);
            }
        } else if (action == "extend") {
            // DOMAIN.md §12: a checked-out rental, once; the added occupancy [old deadline, new
            // deadline) fits beside the reservations and held offers, and nobody waits for an
            // overlapping period.
            CHECK(out.contains(rid));
            const auto d = json::parse(a[6]);
            CHECK(str(d.at("from_end")) == cur_end.at(rid));
            const std::string to_end = str(d.at("to_end"));
            const long long to_return_by = epoch_of(str(d.at("return_by")));
            const int peak =
                peak_in(res.branch, res.type, cur_return_by.at(rid), to_return_by, rid, "");
            if (rid > base_reservation) {
                ++extensions_checked;
                CHECK(peak + 1 <= capacity_of(res.branch, res.type));
                const std::string first_added = add_days(cur_end.at(rid), 1);
                for (const auto& [code, state] : entry_state) {
                    const auto& e = entries.at(code);
                    if ((state == "waiting" || state == "offered") && e.branch == res.branch &&
                        e.type == res.type && e.start <= to_end && e.end >= first_added) {
                        FAIL_CHECK("extended over waiting entry " << code);
                    }
                }
            }
            cur_end[rid] = to_end;
            cur_return_by[rid] = to_return_by;
        }
    }
    // The replay ends where the database is: the same live reservations, ends and deadlines,
    // units in service, entries and held offers.
    for (const auto& [id, d] : by_id) {
        if (id > base_reservation) {
            INFO(d.code << " " << d.status);
            CHECK(live.contains(id) == (d.status == "requested" || d.status == "confirmed" ||
                                        d.status == "checked_out"));
            CHECK(cur_end.at(id) == d.end);
            CHECK(cur_return_by.at(id) == d.return_by);
        }
    }
    for (const auto& row : db.rows("SELECT tag, status FROM units")) {
        INFO(row[0]);
        CHECK(in_service(units.at(row[0]).status) == in_service(row[1]));
    }
    for (const auto& [code, e] : entries) {
        INFO("entry " << code);
        if (e.id > base_waitlist) {
            CHECK(entry_state[code] == e.status);
        }
        CHECK(held.contains(code) == (e.status == "offered"));
    }
    CHECK(creations_checked == bookings);
    CHECK(static_cast<int>(all.size()) == total_ops / model_clients * model_clients);

    // (c) No refusal left a trace.
    std::multiset<std::string> new_codes;
    for (const auto& [id, d] : by_id) {
        if (id > base_reservation) {
            new_codes.insert(d.code);
        }
    }
    CHECK(new_codes == created_codes);
    std::multiset<std::string> new_entries;
    for (const auto& [code, e] : entries) {
        if (e.id > base_waitlist) {
            new_entries.insert(code);
        }
    }
    CHECK(new_entries == joined_codes);
    std::set<std::string> phones_with_bookings;
    for (const auto& [id, d] : by_id) {
        phones_with_bookings.insert(d.phone);
    }
    for (const auto& row :
         db.rows("SELECT phone FROM farmers WHERE id > " + std::to_string(base_farmer))) {
        INFO("farmer " << row[0]);
        CHECK(phones_with_bookings.contains(row[0]));
    }
    CHECK(db.number("SELECT count(*) FROM farmers WHERE phone LIKE '010-6200-%'") == 0);
    CHECK(db.number("SELECT count(*) FROM outbox WHERE phone LIKE '010-6200-%'") == 0);
    // Audit rows of people (not the server's own sweeps) are exactly the successful changes.
    std::multiset<std::pair<std::string, std::string>> told, logged;
    for (const auto& r : all) {
        if ((r.status != 200 && r.status != 201) || r.kind == "extend_dry") {
            continue; // a dry run writes nothing
        }
        static const std::map<std::string, std::string> action_of{{"book", "create"},
                                                                  {"book_staff", "create"},
                                                                  {"cancel", "cancel"},
                                                                  {"checkout", "checkout"},
                                                                  {"checkin", "checkin"},
                                                                  {"unit", "unit.status"},
                                                                  {"extend", "extend"},
                                                                  {"join", "waitlist.join"},
                                                                  {"accept", "create"},
                                                                  {"decline", "waitlist.decline"},
                                                                  {"wl_cancel", "waitlist.cancel"}};
        told.insert({r.status == 201 ? str(r.reply.at("code")) : r.key, action_of.at(r.kind)});
        if (r.kind == "accept") {
            told.insert({r.key, "waitlist.accept"});
        }
    }
    std::set<long long> system_touched;
    std::multiset<std::pair<std::string, std::string>> system_actions;
    int offers_made = 0;
    for (const auto& a : audit) {
        if (std::stoll(a[0]) <= base_audit) {
            continue;
        }
        if (a[2] == "login") {
            --logins; // the test's own, between phases
            continue;
        }
        if (a[1] == "system") {
            offers_made += a[2] == "waitlist.offer";
            if (!a[3].empty()) {
                system_touched.insert(std::stoll(a[3]));
                system_actions.insert({a[5], a[2]});
            }
            continue;
        }
        logged.insert({a[5], a[2]});
    }
    CHECK(logins == 2); // the two before the baseline are not counted
    // Every server runs the sweeps when its clock moves (two on PostgreSQL): each acts on a
    // reservation at most once (one no-show, one reminder, one overdue notice, ...).
    for (const auto& action : system_actions) {
        INFO("system " << action.second << " of " << action.first);
        CHECK(system_actions.count(action) == 1);
    }
    CHECK(logged.size() == told.size());
    CHECK(logged == told);
    // Messages: a confirmation per booking, a cancellation per cancel, an extension notice per
    // extension; other kinds only for reservations the server's sweeps acted on, and an offer
    // message (no reservation yet) per offer.
    std::multiset<std::pair<std::string, std::string>> expected_messages, messages;
    for (const auto& [code, action] : told) {
        if (action == "create") {
            expected_messages.insert({code, "confirmation"});
        } else if (action == "cancel") {
            expected_messages.insert({code, "cancellation"});
        } else if (action == "extend") {
            expected_messages.insert({code, "extension"});
        }
    }
    for (const auto& row : db.rows("SELECT o.id, r.code, o.kind, o.reservation_id FROM outbox o "
                                   "JOIN reservations r ON r.id = o.reservation_id WHERE o.id > " +
                                   std::to_string(base_outbox))) {
        if (row[2] == "confirmation" || row[2] == "cancellation" || row[2] == "extension") {
            messages.insert({row[1], row[2]});
        } else {
            INFO("message " << row[2] << " for " << row[1]);
            CHECK(system_touched.contains(std::stoll(row[3])));
        }
    }
    const std::string new_messages = " FROM outbox WHERE id > " + std::to_string(base_outbox);
    CHECK(db.number("SELECT count(*)" + new_messages +
                    " AND reservation_id IS NULL AND kind <> 'waitlist_offer'") == 0);
    CHECK(db.number("SELECT count(*)" + new_messages + " AND kind = 'waitlist_offer'") ==
          offers_made);
    CHECK(messages == expected_messages);

    std::printf("model: %d bookings checked (%d took the last free unit, %d half days, %d from "
                "accepted offers, %d while other offers held capacity of their type), %zu "
                "changes audited, %zu system actions\n",
                creations_checked, at_capacity, half_days, accepts, creations_beside_holds,
                logged.size(), system_actions.size());
    std::printf("model: %d offers checked (%d took the last free unit), %d extensions checked\n",
                offers_checked, offers_at_capacity, extensions_checked);
    for (const auto& [k, n] : entry_events) {
        std::printf("  %-40s %d\n", k.c_str(), n);
    }
    std::fflush(stdout);
    // The workload must actually have raced for capacity, or the check proves little.
    CHECK(at_capacity > 0);
    CHECK(outcomes["book no_capacity"] + outcomes["book_staff no_capacity"] > 0);
    CHECK(half_days > 0);
    CHECK(extensions_checked > 0);
    CHECK(offers_checked > 0);
    CHECK(accepts > 0);
    CHECK(creations_beside_holds > 0);
}

} // namespace agrirent::test
