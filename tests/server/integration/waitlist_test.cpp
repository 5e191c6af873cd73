// The waitlist (대기자, issue 14, DOMAIN.md §13) over real HTTP against the built binary: who may
// join and when (only a full period; every other booking rule; the per-farmer limit; no
// duplicates), look-ups and the staff list with positions, offers on every path that frees
// capacity (farmer and staff cancel, reject, no-show, early return, a unit back from maintenance,
// a new unit), FIFO with whole-period fit, the held offer counting against capacity, accept
// (rules rechecked), decline, the hold lapsing to the next entry, entries lapsing when their
// period starts.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

// GS has two power tillers (demo): one goes to maintenance, so one booking fills a day.
constexpr std::string_view holder_phone = "010-7300-0001";
constexpr std::string_view phone_b = "010-7300-0002";
constexpr std::string_view phone_c = "010-7300-0003";
constexpr std::string_view phone_d = "010-7300-0004";
constexpr std::string_view phone_e = "010-7300-0005";

struct full_branch {
    explicit full_branch(phone_checks phones = phone_checks::kiosk) : s{{}, true, true, phones} {
        const auto tags = leave_one_unit(s, admin, "GS", "TILLER");
        REQUIRE(tags.size() == 2);
        in_service = tags[0];
        spare = tags[1];
    }

    server_process s;
    // The clock first: a session from before a jump of the clock would be past its lifetime.
    bool clock_set = (s.set_clock("2020-05-01 10:00"), true);
    staff_login admin = login(s, demo_admin);
    staff_login op = login(s, demo_operator);
    std::string in_service; // the unit left in service
    std::string spare;      // the unit in maintenance

    /// Books the tiller for [start, end] as a farmer on the web; returns its code.
    std::string book(std::string_view start, std::string_view end,
                     std::string_view phone = holder_phone) const {
        const auto r =
            s.post("/api/v1/reservations", booking("GS", "TILLER", start, end, "김보유", phone));
        INFO(r.body);
        REQUIRE(r.status == 201);
        return str(r.json().at("code"));
    }

    [[nodiscard]] http_reply try_join(std::string_view start, std::string_view end,
                                      std::string_view phone, const header_list& h = {}) const {
        return s.post("/api/v1/waitlist",
                      json::object{{"branch", "GS"},
                                   {"type", "TILLER"},
                                   {"start", start},
                                   {"end", end},
                                   {"farmer", {{"name", "이대기"}, {"phone", phone}}}},
                      h);
    }

    /// Joins the waitlist; returns the entry's code.
    std::string join(std::string_view start, std::string_view end, std::string_view phone) const {
        const auto r = try_join(start, end, phone);
        INFO(r.body);
        REQUIRE(r.status == 201);
        CHECK(str(r.json().at("status")) == "waiting");
        return str(r.json().at("code"));
    }

    [[nodiscard]] json::value entry(const std::string& code, std::string_view phone) const {
        const auto r = s.get("/api/v1/waitlist/" + code + "?phone=" + std::string{phone});
        INFO(r.body);
        REQUIRE(r.status == 200);
        return r.json();
    }

    [[nodiscard]] std::string status_of(const std::string& code, std::string_view phone) const {
        return str(entry(code, phone).at("status"));
    }

    [[nodiscard]] http_reply action(const std::string& code, std::string_view what,
                                    std::string_view phone) const {
        return s.post("/api/v1/waitlist/" + code + "/" + std::string{what},
                      json::object{{"phone", phone}});
    }
};

std::string error_code(const http_reply& r) {
    return str(r.json().at("error").at("code"));
}

std::string counts(const server_process& s) {
    return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM reservations) || '/' || "
                   "(SELECT count(*) FROM outbox) FROM waitlist");
}

} // namespace

TEST_CASE("waitlist: only a full period may be waited for, with every booking rule",
          "[http][waitlist]") {
    full_branch f;
    // Free: book it instead (409 conflict, reason bookable), nothing stored.
    auto r = f.try_join("2020-05-12", "2020-05-12", phone_b);
    CHECK(r.status == 409);
    CHECK(error_code(r) == "conflict");
    CHECK(str(r.json().at("error").at("details").at("reason")) == "bookable");
    CHECK(f.s.query("SELECT count(*) FROM waitlist") == "0");

    f.book("2020-05-12", "2020-05-12");
    // The booking's own refusals come first: the day is full but these are refused as a booking.
    r = f.try_join("2020-05-12", "2020-05-15", phone_b);
    CHECK(r.status == 422);
    CHECK(error_code(r) == "max_days_exceeded");
    r = f.try_join("2020-04-30", "2020-04-30", phone_b);
    CHECK(r.status == 422);
    CHECK(error_code(r) == "in_past");
    r = f.s.post("/api/v1/waitlist",
                 json::object{{"branch", "XX"},
                              {"type", "TILLER"},
                              {"start", "2020-05-12"},
                              {"farmer", {{"name", "이"}, {"phone", phone_b}}}});
    CHECK(r.status == 404);
    // Chaining with the farmer's own booking of the same type is refused as for a booking.
    r = f.try_join("2020-05-12", "2020-05-12", holder_phone);
    CHECK(r.status == 422);
    CHECK(error_code(r) == "chained_booking");

    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    r = f.try_join("2020-05-12", "2020-05-12", phone_c);
    REQUIRE(r.status == 201);
    CHECK(r.json().at("position").as_int64() == 2);
    CHECK(!r.header("location").empty());
    const std::string c = str(r.json().at("code"));
    CHECK(f.entry(b, phone_b).at("position").as_int64() == 1);
    CHECK(str(f.entry(b, phone_b).at("farmer").at("phone")) == phone_b);
    CHECK(f.entry(b, phone_b).at("offer_expires_at").is_null());

    // The same farmer twice for an overlapping period: 409 conflict (waitlist_duplicate).
    const std::string before = counts(f.s);
    r = f.try_join("2020-05-12", "2020-05-12", phone_b);
    CHECK(r.status == 409);
    CHECK(str(r.json().at("error").at("details").at("reason")) == "waitlist_duplicate");
    CHECK(counts(f.s) == before);

    // At most waitlist_per_farmer live entries.
    REQUIRE(
        f.s.patch("/api/v1/settings", json::object{{"waitlist_per_farmer", 1}}, f.admin.bearer())
            .status == 200);
    f.book("2020-05-14", "2020-05-14", phone_d);
    const std::string with_d = counts(f.s);
    r = f.try_join("2020-05-14", "2020-05-14", phone_b);
    CHECK(r.status == 422);
    CHECK(error_code(r) == "waitlist_limit");
    CHECK(str(r.json().at("error").at("details").at("max_entries")) == "1");
    CHECK(counts(f.s) == with_d);
    // C (one entry) is at the limit too; a cancelled entry no longer counts.
    REQUIRE(f.action(c, "cancel", phone_c).status == 200);
    r = f.try_join("2020-05-14", "2020-05-14", phone_c);
    CHECK(r.status == 201);
}

TEST_CASE("waitlist: bad input is 400 naming the field and changes nothing", "[http][waitlist]") {
    full_branch f;
    f.book("2020-05-12", "2020-05-12");
    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    const std::string before = counts(f.s);
    const auto bad = [&](const json::object& body, std::string_view field) {
        const auto r = f.s.post("/api/v1/waitlist", body);
        INFO(r.body);
        CHECK(r.status == 400);
        if (r.status == 400) {
            CHECK(str(r.json().at("error").at("details").at("field")) == field);
        }
    };
    const json::object farmer{{"name", "이대기"}, {"phone", phone_c}};
    bad({{"type", "TILLER"}, {"start", "2020-05-12"}, {"farmer", farmer}}, "branch");
    bad({{"branch", "GS"}, {"type", "TILLER"}, {"start", "2020-13-12"}, {"farmer", farmer}},
        "start");
    bad({{"branch", "GS"}, {"type", "TILLER"}, {"start", "2020-05-12"}}, "farmer");
    bad({{"branch", "GS"},
         {"type", "TILLER"},
         {"start", "2020-05-12"},
         {"farmer", {{"name", "이대기"}, {"phone", "12345"}}}},
        "phone"); // named as a booking's (codec::phone_of)
    bad({{"branch", "GS"},
         {"type", "TILLER"},
         {"start", "2020-05-12"},
         {"farmer", farmer},
         {"x", 1}},
        "x");
    // Actions: a farmer must give the phone; unknown fields are refused.
    auto r = f.s.post("/api/v1/waitlist/" + b + "/cancel", json::object{});
    CHECK(r.status == 400);
    r = f.s.post("/api/v1/waitlist/" + b + "/cancel", json::object{{"phone", phone_b}, {"x", 1}});
    CHECK(r.status == 400);
    // Wrong phone or code: 404, like a reservation.
    CHECK(f.s.get("/api/v1/waitlist/" + b + "?phone=" + std::string{phone_c}).status == 404);
    CHECK(f.s.get("/api/v1/waitlist/ABCDEFGH?phone=" + std::string{phone_b}).status == 404);
    CHECK(f.action(b, "cancel", phone_c).status == 404);
    CHECK(f.s.get("/api/v1/waitlist?status=bogus", f.op.bearer()).status == 400);
    CHECK(counts(f.s) == before);
}

TEST_CASE("waitlist: staff list the queues with positions and act for callers",
          "[http][waitlist]") {
    full_branch f;
    const auto clerk_gs = login(f.s, demo_clerk_gs);
    const auto clerk_bb = login(f.s, demo_clerk_bb);
    f.book("2020-05-12", "2020-05-12");
    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    // An operator adds a caller (channel phone), a clerk of GS one at the counter.
    auto r = f.try_join("2020-05-12", "2020-05-12", phone_c, f.op.bearer());
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("channel")) == "phone");
    const std::string c = str(r.json().at("code"));
    r = f.try_join("2020-05-12", "2020-05-12", phone_d, clerk_gs.bearer());
    REQUIRE(r.status == 201);
    // A clerk of another branch may not.
    r = f.try_join("2020-05-12", "2020-05-12", phone_e, clerk_bb.bearer());
    CHECK(r.status == 403);

    r = f.s.get("/api/v1/waitlist?branch=GS&type=TILLER", f.op.bearer());
    REQUIRE(r.status == 200);
    const auto entries = r.json().at("entries").as_array();
    REQUIRE(entries.size() == 3);
    CHECK(str(entries.at(0).at("code")) == b);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(entries.at(i).at("position").as_int64() == static_cast<std::int64_t>(i + 1));
    }
    CHECK(f.s.get("/api/v1/waitlist?branch=GS", clerk_gs.bearer()).status == 200);
    CHECK(f.s.get("/api/v1/waitlist?branch=GS", clerk_bb.bearer()).status == 403);
    CHECK(f.s.get("/api/v1/waitlist").status == 401);
    CHECK(f.s.get("/api/v1/waitlist/" + c, f.op.bearer()).status == 200);
    CHECK(f.s.get("/api/v1/waitlist/" + c, clerk_bb.bearer()).status == 403);

    // The operator cancels the first for the caller; positions move up.
    r = f.s.post("/api/v1/waitlist/" + b + "/cancel", json::object{}, f.op.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "cancelled");
    CHECK(f.entry(c, phone_c).at("position").as_int64() == 1);
    r = f.s.get("/api/v1/waitlist?status=waiting", f.op.bearer());
    CHECK(r.json().at("entries").as_array().size() == 2);
    CHECK(f.s.query("SELECT count(*) FROM audit_log WHERE entity = 'waitlist'") == "4");
}

TEST_CASE("waitlist: a cancellation offers the unit to the first entry, the offer holds it",
          "[http][waitlist]") {
    full_branch f;
    const std::string a = f.book("2020-05-12", "2020-05-12");
    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    const std::string c = f.join("2020-05-12", "2020-05-12", phone_c);

    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/cancel", json::object{{"phone", holder_phone}})
                .status == 200);
    const auto offered = f.entry(b, phone_b);
    CHECK(str(offered.at("status")) == "offered");
    CHECK(offered.at("position").is_null());
    // 120 minutes after the cancellation (the test clock runs on: seconds may have passed).
    CHECK(str(offered.at("offer_expires_at")).starts_with("2020-05-01T12:00:0"));
    CHECK(f.entry(c, phone_c).at("position").as_int64() == 1);
    // The message to the phone, with the entry's code.
    CHECK(f.s.query("SELECT count(*) FROM outbox WHERE kind = 'waitlist_offer' AND phone = '" +
                    std::string{phone_b} + "' AND body LIKE '%" + b + "%'") == "1");

    // The held offer counts against capacity: a new booking is refused, and so is C's accept.
    auto r = f.s.post("/api/v1/reservations",
                      booking("GS", "TILLER", "2020-05-12", "2020-05-12", "박새로", phone_e));
    CHECK(r.status == 409);
    CHECK(error_code(r) == "no_capacity");
    r = f.action(c, "accept", phone_c);
    CHECK(r.status == 409);
    CHECK(error_code(r) == "offer_expired");
    // Availability shows the day full.
    r = f.s.get("/api/v1/availability?branch=GS&type=TILLER&from=2020-05-12&to=2020-05-12");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("\"available\":0") != std::string::npos);

    // B accepts: a reservation from the held capacity; the entry is booked.
    CHECK(f.action(b, "accept", phone_c).status == 404);
    r = f.action(b, "accept", phone_b);
    INFO(r.body);
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("status")) == "confirmed");
    const std::string booked = str(r.json().at("code"));
    const auto e = f.entry(b, phone_b);
    CHECK(str(e.at("status")) == "booked");
    CHECK(str(e.at("reservation")) == booked);
    CHECK(f.s.query("SELECT count(*) FROM reservations r JOIN machine_types t ON t.id = r.type_id "
                    "WHERE t.code = 'TILLER' AND r.start_date = '2020-05-12' AND r.status IN "
                    "('requested', 'confirmed', 'checked_out')") == "1");
    // Accepting twice: the offer is gone.
    r = f.action(b, "accept", phone_b);
    CHECK(r.status == 409);
    CHECK(error_code(r) == "offer_expired");
    CHECK(f.status_of(c, phone_c) == "waiting");
}

TEST_CASE("waitlist: a farmer's join and accept need a verified phone, checked once",
          "[http][waitlist][verify]") {
    full_branch f{phone_checks::verified};
    auto body = booking("GS", "TILLER", "2020-05-12", "2020-05-12", "김보유", holder_phone);
    body["channel"] = "phone";
    auto r = f.s.post("/api/v1/reservations", body, f.op.bearer());
    REQUIRE(r.status == 201);
    const std::string held = str(r.json().at("code"));
    const auto before = counts(f.s);

    // Without a verification: 403, nothing written.
    r = f.try_join("2020-05-12", "2020-05-12", phone_b);
    CHECK(r.status == 403);
    CHECK(error_code(r) == "phone_unverified");
    // Doubly wrong (an unknown branch, no verification): the booking's order — the catalogue
    // and the plan first (they say nothing about the farmer), then the verified phone.
    r = f.s.post("/api/v1/waitlist",
                 json::object{{"branch", "XX"},
                              {"type", "TILLER"},
                              {"start", "2020-05-12"},
                              {"farmer", {{"name", "이"}, {"phone", phone_b}}}});
    CHECK(r.status == 404);
    r = f.try_join("2020-05-12", "2020-05-15", phone_b);
    CHECK(error_code(r) == "max_days_exceeded");
    CHECK(counts(f.s) == before);

    const std::string token = verify_phone(f.s, phone_b);
    r = f.try_join("2020-05-12", "2020-05-12", phone_b, {{"X-Phone-Verification", token}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    const std::string entry = str(r.json().at("code"));

    // Staff cancel the holder's booking: the entry is offered.
    REQUIRE(f.s.post("/api/v1/reservations/" + held + "/cancel", json::object{{"reason", "전화"}},
                     f.op.bearer())
                .status == 200);
    REQUIRE(f.status_of(entry, phone_b) == "offered");
    // Accepting without a verification (book()'s check, the only one): 403, still offered.
    r = f.action(entry, "accept", phone_b);
    CHECK(r.status == 403);
    CHECK(error_code(r) == "phone_unverified");
    CHECK(f.status_of(entry, phone_b) == "offered");
    r = f.s.post("/api/v1/waitlist/" + entry + "/accept",
                 json::object{{"phone", phone_b}, {"verification", token}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    // Recorded as verified (strikes, DOMAIN.md §14).
    CHECK(f.s.query("SELECT phone_verified FROM reservations WHERE code = '" +
                    str(r.json().at("code")) + "'") == "1");
}

TEST_CASE("waitlist: the earliest entry whose whole period fits gets the offer",
          "[http][waitlist]") {
    full_branch f;
    const std::string a = f.book("2020-05-12", "2020-05-12");
    f.book("2020-05-14", "2020-05-14", phone_e);
    // B waits for 12–14 (first), C for the 12th only (second).
    const std::string b = f.join("2020-05-12", "2020-05-14", phone_b);
    const std::string c = f.join("2020-05-12", "2020-05-12", phone_c);
    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/cancel", json::object{{"phone", holder_phone}})
                .status == 200);
    // The 14th is still taken: B's whole period does not fit, C's does.
    CHECK(f.status_of(b, phone_b) == "waiting");
    CHECK(f.entry(b, phone_b).at("position").as_int64() == 1);
    CHECK(f.status_of(c, phone_c) == "offered");
}

TEST_CASE("waitlist: every path that frees capacity makes an offer", "[http][waitlist]") {
    full_branch f;
    auto clerk = login(f.s, demo_clerk_gs);
    std::string b;
    SECTION("staff cancel") {
        const std::string a = f.book("2020-05-12", "2020-05-12");
        b = f.join("2020-05-12", "2020-05-12", phone_b);
        REQUIRE(f.s.post("/api/v1/reservations/" + a + "/cancel", json::object{{"reason", "전화"}},
                         f.op.bearer())
                    .status == 200);
    }
    SECTION("reject") {
        REQUIRE(f.s.patch("/api/v1/machine-types/TILLER", json::object{{"needs_approval", true}},
                          f.admin.bearer())
                    .status == 200);
        const std::string a = f.book("2020-05-12", "2020-05-12");
        b = f.join("2020-05-12", "2020-05-12", phone_b);
        REQUIRE(f.s.post("/api/v1/reservations/" + a + "/reject",
                         json::object{{"reason", "수리 일정"}}, f.op.bearer())
                    .status == 200);
    }
    SECTION("no-show") {
        f.book("2020-05-12", "2020-05-13");
        b = f.join("2020-05-13", "2020-05-13", phone_b);
        CHECK(f.status_of(b, phone_b) == "waiting");
        f.s.set_clock("2020-05-12 18:01"); // the sweep marks the no-show
    }
    SECTION("early return") {
        const std::string a = f.book("2020-05-12", "2020-05-13");
        b = f.join("2020-05-13", "2020-05-13", phone_b);
        f.s.set_clock("2020-05-12 10:00");
        clerk = login(f.s, demo_clerk_gs);
        json::object checklist;
        const auto types = f.s.get("/api/v1/machine-types").json();
        for (const auto& t : types.as_array()) {
            if (t.at("code").as_string() == "TILLER") {
                for (const auto& item : t.at("checklist").as_array()) {
                    checklist[item.as_string()] = true;
                }
            }
        }
        auto r = f.s.post("/api/v1/reservations/" + a + "/checkout",
                          json::object{{"unit", f.in_service},
                                       {"hour_meter", 1000.0},
                                       {"checklist", checklist},
                                       {"paid", true}},
                          clerk.bearer());
        INFO(r.body);
        REQUIRE(r.status == 200);
        CHECK(f.status_of(b, phone_b) == "waiting");
        f.s.set_clock("2020-05-12 10:20"); // within the session's idle time
        r = f.s.post("/api/v1/reservations/" + a + "/checkin",
                     json::object{{"hour_meter", 1002.0},
                                  {"checklist", checklist},
                                  {"damage_notes", ""},
                                  {"farmer_at_fault", false}},
                     clerk.bearer());
        INFO(r.body);
        REQUIRE(r.status == 200);
    }
    SECTION("a unit back from maintenance") {
        f.book("2020-05-12", "2020-05-12");
        b = f.join("2020-05-12", "2020-05-12", phone_b);
        REQUIRE(f.s.post("/api/v1/units/" + f.spare + "/status",
                         json::object{{"status", "available"}}, clerk.bearer())
                    .status == 200);
    }
    SECTION("a new unit") {
        f.book("2020-05-12", "2020-05-12");
        b = f.join("2020-05-12", "2020-05-12", phone_b);
        const auto r =
            f.s.post("/api/v1/units",
                     json::object{{"tag", "GS-TIL-WL"}, {"type", "TILLER"}, {"branch", "GS"}},
                     f.admin.bearer());
        INFO(r.body);
        REQUIRE(r.status == 201);
    }
    CHECK(f.status_of(b, phone_b) == "offered");
    CHECK(f.s.query("SELECT count(*) FROM outbox WHERE kind = 'waitlist_offer'") == "1");
    CHECK(f.s.query("SELECT count(*) FROM audit_log WHERE action = 'waitlist.offer'") == "1");
}

TEST_CASE("waitlist: decline and a lapsed hold move the offer to the next entry",
          "[http][waitlist]") {
    full_branch f;
    const std::string a = f.book("2020-05-12", "2020-05-12");
    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    const std::string c = f.join("2020-05-12", "2020-05-12", phone_c);
    const std::string d = f.join("2020-05-12", "2020-05-12", phone_d);
    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/cancel", json::object{{"phone", holder_phone}})
                .status == 200);
    REQUIRE(f.status_of(b, phone_b) == "offered");

    // Not yet lapsed at 11:59; lapsed at 12:01 (offer_hold_minutes 120, from about 10:00).
    f.s.set_clock("2020-05-01 11:59");
    CHECK(f.status_of(b, phone_b) == "offered");
    f.s.set_clock("2020-05-01 12:01");
    CHECK(f.status_of(b, phone_b) == "lapsed");
    CHECK(f.status_of(c, phone_c) == "offered");
    auto r = f.action(b, "accept", phone_b);
    CHECK(r.status == 409);
    CHECK(error_code(r) == "offer_expired");

    // C declines: D gets it.
    r = f.action(c, "decline", phone_c);
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "declined");
    CHECK(f.status_of(d, phone_d) == "offered");
    // Declining what is not offered: offer_expired.
    r = f.action(c, "decline", phone_c);
    CHECK(r.status == 409);
    CHECK(error_code(r) == "offer_expired");
    r = f.action(d, "accept", phone_d);
    REQUIRE(r.status == 201);
    CHECK(f.s.query("SELECT count(*) FROM outbox WHERE kind = 'waitlist_offer'") == "3");
}

TEST_CASE("waitlist: the hold ends with the booking window, entries lapse when it closes",
          "[http][waitlist]") {
    full_branch f;
    f.s.set_clock("2020-05-12 16:00");
    const std::string a = f.book("2020-05-12", "2020-05-12");
    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    f.book("2020-05-13", "2020-05-13", phone_d);
    const std::string c = f.join("2020-05-13", "2020-05-13", phone_c);
    // The pickup window is open: staff cancel (a farmer no longer may).
    const auto op = login(f.s, demo_operator);
    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/cancel", json::object{{"reason", "전화"}},
                     op.bearer())
                .status == 200);
    // 16:00 + 2 h would be 18:00; the same-day cutoff of the 12th is 17:00.
    CHECK(str(f.entry(b, phone_b).at("offer_expires_at")) == "2020-05-12T17:00:00+09:00");
    f.s.set_clock("2020-05-12 17:00");
    CHECK(f.status_of(b, phone_b) == "lapsed");
    // C's day has not been freed: C waits until the 13th's cutoff, then lapses without an offer.
    CHECK(f.status_of(c, phone_c) == "waiting");
    f.s.set_clock("2020-05-13 17:00");
    CHECK(f.status_of(c, phone_c) == "lapsed");
    CHECK(f.s.query("SELECT count(*) FROM outbox WHERE kind = 'waitlist_offer'") == "1");
}

TEST_CASE("waitlist: accepting rechecks every booking rule", "[http][waitlist]") {
    full_branch f;
    const std::string a = f.book("2020-05-12", "2020-05-12");
    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/cancel", json::object{{"phone", holder_phone}})
                .status == 200);
    REQUIRE(f.status_of(b, phone_b) == "offered");
    // Meanwhile B took another booking, and the live limit is 1.
    REQUIRE(f.s.patch("/api/v1/settings", json::object{{"max_live", 1}}, f.admin.bearer()).status ==
            200);
    const auto r0 = f.s.post("/api/v1/reservations", booking("GS", "CULTIVATOR", "2020-05-20",
                                                             "2020-05-20", "이대기", phone_b));
    REQUIRE(r0.status == 201);
    const std::string before = counts(f.s);
    auto r = f.action(b, "accept", phone_b);
    CHECK(r.status == 422);
    CHECK(error_code(r) == "too_many_reservations");
    CHECK(counts(f.s) == before);
    CHECK(f.status_of(b, phone_b) == "offered"); // the offer stands until it lapses
    // Once the other booking is cancelled, the accept goes through.
    REQUIRE(f.s.post("/api/v1/reservations/" + str(r0.json().at("code")) + "/cancel",
                     json::object{{"phone", phone_b}})
                .status == 200);
    r = f.action(b, "accept", phone_b);
    CHECK(r.status == 201);
}

TEST_CASE("waitlist: the operator's board shows each queue with positions", "[http][waitlist]") {
    full_branch f;
    const std::string a = f.book("2020-05-12", "2020-05-12");
    const std::string b = f.join("2020-05-12", "2020-05-12", phone_b);
    const std::string c = f.join("2020-05-12", "2020-05-12", phone_c);
    auto page = f.s.get("/staff/board", f.op.cookie_only());
    REQUIRE(page.status == 200);
    CHECK(page.body.find("id=\"waitlist\"") != std::string::npos);
    CHECK(page.body.find(b) != std::string::npos);
    CHECK(page.body.find(c) != std::string::npos);
    CHECK(page.body.find("대기 중") != std::string::npos);
    REQUIRE(f.s.post("/api/v1/reservations/" + a + "/cancel", json::object{{"phone", holder_phone}})
                .status == 200);
    page = f.s.get("/staff/board?lang=en", f.op.cookie_only());
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Waitlist") != std::string::npos);
    CHECK(page.body.find("offered until") != std::string::npos);
    // The queue's rows link to the staff entry page (/staff/waitlist/{code}).
    CHECK(page.body.find("<td>1</td><td class=\"code\"><a href=\"/staff/waitlist/" + c + "\">" +
                         c) != std::string::npos);
}

TEST_CASE("waitlist: a half day is waited for, offered and booked as its slot only",
          "[http][waitlist][half_day]") {
    // BB has one seeder (demo), which allows half days: 10,000 won a day, 50 % off in May, a
    // half day 50 % of that (2,500).
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto half_body = [](std::string_view half, std::string_view phone,
                              std::string_view type = "SEEDER") {
        auto b = booking("BB", type, "2020-05-12", "2020-05-12", "반일", phone);
        b["half"] = half;
        return b;
    };
    const auto join_half = [&](std::string_view half, std::string_view phone,
                               std::string_view type = "SEEDER") {
        return s.post("/api/v1/waitlist",
                      json::object{{"branch", "BB"},
                                   {"type", type},
                                   {"start", "2020-05-12"},
                                   {"half", half},
                                   {"farmer", {{"name", "이대기"}, {"phone", phone}}}});
    };
    auto r = s.post("/api/v1/reservations", half_body("am", holder_phone));
    REQUIRE(r.status == 201);
    const std::string morning = str(r.json().at("code"));

    // The morning is full: join for the morning.
    r = join_half("am", phone_b);
    INFO(r.body);
    REQUIRE(r.status == 201);
    const std::string entry = str(r.json().at("code"));
    CHECK(str(r.json().at("half")) == "am");
    CHECK(r.json().at("position").as_int64() == 1);
    // The afternoon is free: nothing to wait for.
    r = join_half("pm", phone_c);
    CHECK(r.status == 409);
    CHECK(str(r.json().at("error").at("details").at("reason")) == "bookable");
    // A whole day is full too (the morning is taken): a later entry for it waits behind.
    r = s.post("/api/v1/waitlist",
               json::object{{"branch", "BB"},
                            {"type", "SEEDER"},
                            {"start", "2020-05-12"},
                            {"farmer", {{"name", "김종일"}, {"phone", phone_c}}}});
    REQUIRE(r.status == 201);
    const std::string whole = str(r.json().at("code"));
    CHECK(r.json().at("half").is_null());
    CHECK(r.json().at("position").as_int64() == 2);
    // The same phone for the same slot, or the whole day: duplicates.
    CHECK(str(join_half("am", phone_b).json().at("error").at("details").at("reason")) ==
          "waitlist_duplicate");
    CHECK(str(join_half("am", phone_c).json().at("error").at("details").at("reason")) ==
          "waitlist_duplicate");
    // Bad input and the half-day rules, as for a booking; nothing stored.
    const auto before = counts(s);
    r = join_half("xx", phone_d);
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "half");
    r = s.post("/api/v1/waitlist", json::object{{"branch", "BB"},
                                                {"type", "SEEDER"},
                                                {"start", "2020-05-12"},
                                                {"end", "2020-05-13"},
                                                {"half", "am"},
                                                {"farmer", {{"name", "이"}, {"phone", phone_d}}}});
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "end");
    r = join_half("am", phone_d, "TILLER");
    CHECK(r.status == 422);
    CHECK(error_code(r) == "half_day_not_offered");
    CHECK(counts(s) == before);

    // The morning is cancelled: the morning entry gets the offer, holding the morning only.
    REQUIRE(
        s.post("/api/v1/reservations/" + morning + "/cancel", json::object{{"phone", holder_phone}})
            .status == 200);
    r = s.get("/api/v1/waitlist/" + entry + "?phone=" + std::string{phone_b});
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "offered");
    // The hold ends when the slot's window closes at the latest (09:00 on the day): 2 h here.
    CHECK(str(r.json().at("offer_expires_at")).starts_with("2020-05-01T12:00:0"));
    CHECK(s.query("SELECT count(*) FROM outbox WHERE kind = 'waitlist_offer' AND body LIKE '%" +
                  entry + "%' AND body LIKE '%오전%'") == "1");
    r = s.get("/api/v1/waitlist/" + whole + "?phone=" + std::string{phone_c});
    CHECK(str(r.json().at("status")) == "waiting");
    // The afternoon is still bookable; the morning is held.
    r = s.post("/api/v1/reservations", half_body("pm", phone_d));
    INFO(r.body);
    CHECK(r.status == 201);
    r = s.post("/api/v1/reservations", half_body("am", phone_e));
    CHECK(r.status == 409);
    CHECK(error_code(r) == "no_capacity");

    // Accepting books the morning at the half-day fee.
    r = s.post("/api/v1/waitlist/" + entry + "/accept", json::object{{"phone", phone_b}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("half")) == "am");
    CHECK(str(r.json().at("start")) == "2020-05-12");
    CHECK(r.json().at("fee").at("net").as_int64() == 2500);
    CHECK(str(r.json().at("pickup").at("from")) == "2020-05-12T09:00:00+09:00");
    r = s.get("/api/v1/waitlist/" + entry + "?phone=" + std::string{phone_b});
    CHECK(str(r.json().at("status")) == "booked");
}
