// Verified phones for farmers' own actions (DOMAIN.md §14, issue 14) over real HTTP: the code
// by message (read from the server's message log, as a tester would), its confirmation, the
// verification on bookings and cancellations (field and header), the limits (5 wrong tries,
// 5 minutes, one code a minute and 5 an hour), staff bookings without a code, the setting, and
// strikes only for verified or staff-made reservations. Every refusal changes nothing.
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/page_helpers.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

std::string detail(const http_reply& r, const char* key) {
    const auto body = r.json();
    const auto* v = body.at("error").at("details").as_object().if_contains(key);
    return v != nullptr && v->is_string() ? std::string{v->as_string()} : std::string{};
}

// Reservations, farmers and audit entries: a refusal must leave all three as they were.
std::string counts(const server_process& s) {
    return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM farmers) || '/' || "
                   "(SELECT count(*) FROM audit_log) FROM reservations");
}

http_reply ask_code(const server_process& s, std::string_view phone) {
    return s.post("/api/v1/phone-verifications", json::object{{"phone", phone}});
}

http_reply confirm(const server_process& s, std::string_view phone, std::string_view code) {
    return s.post("/api/v1/phone-verifications/confirm",
                  json::object{{"phone", phone}, {"code", code}});
}

// A six-digit code that is not `code`.
std::string wrong(const std::string& code) {
    return code == "000000" ? "111111" : "000000";
}

json::object farmer_booking(std::string_view type, std::string_view day, std::string_view phone,
                            std::optional<std::string> verification = std::nullopt) {
    auto body = booking("GS", type, day, day, "인증농부", phone);
    if (verification) {
        body["verification"] = *verification;
    }
    return body;
}

constexpr const char* phone_a = "010-4100-0001";
constexpr const char* phone_b = "010-4100-0002";

} // namespace

TEST_CASE("verified phones: a code by message, its confirmation, and a booking with it (field "
          "and header)",
          "[http][verify]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");

    // Without a verification a farmer's booking is refused, and nothing changes.
    const auto before = counts(s);
    auto r = s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-14", phone_a));
    REQUIRE(r.status == 403);
    CHECK(r.error_code() == "phone_unverified");
    CHECK(detail(r, "reason") == "missing");
    CHECK(counts(s) == before);

    // The same answer for a known and an unknown phone; the code goes to the message log.
    r = ask_code(s, phone_a);
    REQUIRE(r.status == 202);
    const auto answer_a = r.body;
    const std::string code = last_code_sent(s, phone_a);
    REQUIRE(code.size() == 6);
    r = ask_code(s, "010-5555-0000");
    CHECK(r.status == 202);
    CHECK(r.json().at("expires_in") == json::parse(answer_a).at("expires_in"));
    CHECK(r.json().as_object().size() == json::parse(answer_a).as_object().size());

    // Stored only hashed: the code is in no column of the database, not in the outbox either.
    CHECK(s.query("SELECT count(*) FROM phone_codes WHERE phone = '" + std::string{phone_a} +
                  "'") == "1");
    CHECK(s.query("SELECT count(*) FROM phone_codes WHERE code_hash LIKE '%" + code +
                  "%' OR salt LIKE '%" + code + "%' OR phone LIKE '%" + code + "%'") == "0");
    CHECK(s.query("SELECT count(*) FROM outbox WHERE body LIKE '%" + code + "%'") == "0");

    // A wrong code counts a try and says how many are left.
    r = confirm(s, phone_a, wrong(code));
    REQUIRE(r.status == 403);
    CHECK(r.error_code() == "phone_unverified");
    CHECK(detail(r, "reason") == "wrong_code");
    CHECK(detail(r, "tries_left") == "4");

    r = confirm(s, phone_a, code);
    REQUIRE(r.status == 200);
    const std::string token = str(r.json().at("verification"));
    CHECK(token.size() >= 32);
    // 30 minutes (the test clock runs on from 10:00: a second or two may have passed).
    CHECK(str(r.json().at("expires_at")).starts_with("2020-05-12T10:30:0"));
    // The token is stored only hashed too.
    CHECK(s.query("SELECT count(*) FROM phone_verifications WHERE token_hash = '" + token +
                  "' OR phone = '" + token + "'") == "0");
    CHECK(s.query("SELECT count(*) FROM phone_verifications") == "1");
    // A code works once.
    r = confirm(s, phone_a, code);
    CHECK(r.status == 403);
    CHECK(detail(r, "reason") == "no_code");

    // The field…
    r = s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-14", phone_a, token));
    REQUIRE(r.status == 201);
    const std::string first = str(r.json().at("code"));
    CHECK(s.query("SELECT phone_verified FROM reservations WHERE code = '" + first + "'") == "1");
    // …or the header, for the same phone within the 30 minutes.
    s.set_clock("2020-05-12 10:29");
    r = s.post("/api/v1/reservations", farmer_booking("SEEDER", "2020-05-14", phone_a),
               {{"X-Phone-Verification", token}});
    REQUIRE(r.status == 201);
}

TEST_CASE("verified phones: another phone's, an unknown and an expired verification are refused "
          "and change nothing",
          "[http][verify]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");
    const std::string token = verify_phone(s, phone_a);
    const auto before = counts(s);

    auto r =
        s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-14", phone_b, token));
    REQUIRE(r.status == 403);
    CHECK(r.error_code() == "phone_unverified");
    CHECK(detail(r, "reason") == "other_phone");

    r = s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-14", phone_b),
               {{"X-Phone-Verification", token}});
    CHECK(r.status == 403);
    CHECK(detail(r, "reason") == "other_phone");

    r = s.post("/api/v1/reservations",
               farmer_booking("CULTIVATOR", "2020-05-14", phone_a, std::string(64, 'a')));
    CHECK(r.status == 403);
    CHECK(detail(r, "reason") == "unknown");

    // Valid 30 minutes (from 10:00 and the few seconds the test clock ran on).
    s.set_clock("2020-05-12T10:30:30+09:00");
    r = s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-14", phone_a, token));
    CHECK(r.status == 403);
    CHECK(detail(r, "reason") == "expired");
    CHECK(str(r.json().at("error").at("message")).find("인증") != std::string::npos);
    CHECK(counts(s) == before);

    // Bad input: 400 naming the field, nothing changed.
    r = s.post("/api/v1/reservations", [&] {
        auto b = farmer_booking("CULTIVATOR", "2020-05-14", phone_a);
        b["verification"] = 12;
        return b;
    }());
    CHECK(r.status == 400);
    r = confirm(s, phone_a, "12ab56");
    CHECK(r.status == 400);
    CHECK(detail(r, "field") == "code");
    r = confirm(s, "12345", "123456");
    CHECK(r.status == 400);
    CHECK(detail(r, "field") == "phone");
    CHECK(counts(s) == before);
}

TEST_CASE("verified phones: a code is valid 5 minutes", "[http][verify]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12T10:00:00+09:00");
    REQUIRE(ask_code(s, phone_a).status == 202);
    const auto code = last_code_sent(s, phone_a);
    s.set_clock("2020-05-12T10:05:30+09:00"); // 5 minutes after 10:00 and a few seconds
    auto r = confirm(s, phone_a, code);
    REQUIRE(r.status == 403);
    CHECK(detail(r, "reason") == "expired");
    CHECK(s.query("SELECT count(*) FROM phone_verifications") == "0");
    // A new code (a minute later than the first) works.
    REQUIRE(ask_code(s, phone_a).status == 202);
    r = confirm(s, phone_a, last_code_sent(s, phone_a));
    CHECK(r.status == 200);
}

TEST_CASE("verified phones: after 5 wrong tries even the right code is dead", "[http][verify]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");
    REQUIRE(ask_code(s, phone_a).status == 202);
    const auto code = last_code_sent(s, phone_a);
    for (int i = 1; i <= 4; ++i) {
        const auto r = confirm(s, phone_a, wrong(code));
        REQUIRE(r.status == 403);
        CHECK(detail(r, "reason") == "wrong_code");
        CHECK(detail(r, "tries_left") == std::to_string(5 - i));
    }
    auto r = confirm(s, phone_a, wrong(code));
    REQUIRE(r.status == 403);
    CHECK(detail(r, "reason") == "too_many_tries");
    r = confirm(s, phone_a, code);
    REQUIRE(r.status == 403);
    CHECK(detail(r, "reason") == "too_many_tries");
    CHECK(r.json().at("error").at("message").as_string().size() > 0);
    CHECK(s.query("SELECT count(*) FROM phone_verifications") == "0");
    CHECK(s.query("SELECT tries || '/' || dead FROM phone_codes") == "5/1");
    // Another phone's code is not touched by these tries.
    REQUIRE(ask_code(s, phone_b).status == 202);
    CHECK(confirm(s, phone_b, last_code_sent(s, phone_b)).status == 200);
    // A new code for the first phone, a minute later, works again.
    s.set_clock("2020-05-12T10:01:30+09:00");
    REQUIRE(ask_code(s, phone_a).status == 202);
    CHECK(confirm(s, phone_a, last_code_sent(s, phone_a)).status == 200);
}

TEST_CASE("verified phones: a new code at most once a minute and 5 an hour per phone",
          "[http][verify]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12T10:00:00+09:00");
    REQUIRE(ask_code(s, phone_a).status == 202);
    const auto first = last_code_sent(s, phone_a);
    s.set_clock("2020-05-12T10:00:40+09:00");
    auto r = ask_code(s, phone_a);
    REQUIRE(r.status == 429);
    CHECK(r.error_code() == "rate_limited");
    CHECK(detail(r, "reason") == "per_minute");
    // 20 seconds, or a little more: the test clock ran on a moment before the first code.
    const int wait = std::stoi(detail(r, "retry_after"));
    CHECK(wait >= 20);
    CHECK(wait <= 25);
    CHECK(r.header("retry-after") == detail(r, "retry_after"));
    CHECK(s.query("SELECT count(*) FROM phone_codes") == "1");
    // Another phone is not limited by it.
    CHECK(ask_code(s, phone_b).status == 202);
    // Codes 2 … 5 of the hour, 90 seconds apart (the test clock runs on after each set_clock,
    // so a slow request stamps its code a little later: a minute apart could be 59 seconds);
    // a new code replaces the older one.
    for (const char* at : {"10:01:30", "10:03:00", "10:04:30", "10:06:00"}) {
        s.set_clock(std::string{"2020-05-12T"} + at + "+09:00");
        REQUIRE(ask_code(s, phone_a).status == 202);
    }
    r = confirm(s, phone_a, first);
    CHECK(r.status == 403); // replaced (unless the draw repeated it: then it is the new one)
    if (last_code_sent(s, phone_a) != first) {
        CHECK(detail(r, "reason") == "wrong_code");
    }
    s.set_clock("2020-05-12T10:30:00+09:00");
    r = ask_code(s, phone_a);
    REQUIRE(r.status == 429);
    CHECK(detail(r, "reason") == "per_hour");
    const int hour_wait = std::stoi(detail(r, "retry_after")); // the first of the hour + 1 h
    CHECK(hour_wait >= 30 * 60);
    CHECK(hour_wait <= 30 * 60 + 5);
    CHECK(s.query("SELECT count(*) FROM phone_codes WHERE phone = '" + std::string{phone_a} +
                  "'") == "5");
    s.set_clock("2020-05-12T11:00:30+09:00");
    CHECK(ask_code(s, phone_a).status == 202);
}

TEST_CASE("verified phones: staff book without a code, the farmer's cancellation needs one",
          "[http][verify][staff]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    auto body = farmer_booking("CULTIVATOR", "2020-05-14", phone_a);
    body["channel"] = "phone";
    auto r = s.post("/api/v1/reservations", body, op.bearer());
    REQUIRE(r.status == 201);
    const std::string code = str(r.json().at("code"));
    CHECK(s.query("SELECT phone_verified FROM reservations WHERE code = '" + code + "'") == "1");

    // The farmer's own cancellation: refused without a verification, nothing changed.
    const auto before = counts(s);
    r = s.post("/api/v1/reservations/" + code + "/cancel", json::object{{"phone", phone_a}});
    REQUIRE(r.status == 403);
    CHECK(r.error_code() == "phone_unverified");
    const std::string other = verify_phone(s, phone_b);
    r = s.post("/api/v1/reservations/" + code + "/cancel",
               json::object{{"phone", phone_a}, {"verification", other}});
    CHECK(r.status == 403);
    CHECK(detail(r, "reason") == "other_phone");
    CHECK(counts(s) == before);
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "confirmed");

    const std::string token = verify_phone(s, phone_a);
    r = s.post("/api/v1/reservations/" + code + "/cancel", json::object{{"phone", phone_a}},
               {{"X-Phone-Verification", token}});
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "cancelled");
}

TEST_CASE("verified phones: the setting, and strikes only for verified or staff-made "
          "reservations",
          "[http][verify][strikes]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");
    const auto admin = login(s, demo_admin);
    auto r = s.get("/api/v1/settings", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("verify_farmer_phone") == json::value(true)); // the product default

    const char* phone = "010-7300-0009";
    // A verified farmer's booking and a staff booking count for strikes…
    const std::string token = verify_phone(s, phone);
    r = s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-13", phone, token));
    REQUIRE(r.status == 201);
    const std::string verified = str(r.json().at("code"));
    const auto op = login(s, demo_operator);
    auto body = farmer_booking("SEEDER", "2020-05-13", phone);
    body["channel"] = "counter";
    r = s.post("/api/v1/reservations", body, op.bearer());
    REQUIRE(r.status == 201);
    const std::string by_staff = str(r.json().at("code"));

    // …a farmer's booking while the setting is off does not: nothing proved the phone.
    r = s.patch("/api/v1/settings", json::object{{"verify_farmer_phone", "no"}}, admin.bearer());
    CHECK(r.status == 400);
    r = s.patch("/api/v1/settings", json::object{{"verify_farmer_phone", false}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("verify_farmer_phone") == json::value(false));
    r = s.post("/api/v1/reservations", farmer_booking("TILLER", "2020-05-13", phone));
    REQUIRE(r.status == 201);
    const std::string unverified = str(r.json().at("code"));
    CHECK(s.query("SELECT phone_verified FROM reservations WHERE code = '" + unverified + "'") ==
          "0");

    s.set_clock("2020-05-13 18:05");
    const auto clerk = login(s, demo_clerk_gs);
    for (const auto& code : {verified, by_staff, unverified}) {
        r = s.post("/api/v1/reservations/" + code + "/no-show", json::object{}, clerk.bearer());
        CHECK((r.status == 200 || r.status == 409)); // or the sweep marked it already
        CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "no_show");
    }
    CHECK(join(s.query_column("SELECT r.code FROM strikes k JOIN reservations r ON "
                              "r.id = k.reservation_id ORDER BY r.code"),
               ",") == join(verified < by_staff ? std::vector<std::string>{verified, by_staff}
                                                : std::vector<std::string>{by_staff, verified},
                            ","));
    // Two strikes, not three: no suspension.
    CHECK(s.query("SELECT suspended_until FROM farmers WHERE phone = '" + std::string{phone} +
                  "'") == "");

    // Back on: the farmer needs a code again.
    r = s.patch("/api/v1/settings", json::object{{"verify_farmer_phone", true}},
                login(s, demo_admin).bearer());
    REQUIRE(r.status == 200);
    r = s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-20", phone));
    CHECK(r.status == 403);
}

TEST_CASE("verified phones: the kiosk configuration of the test harness books without a code",
          "[http][verify]") {
    server_process s; // phone_checks::kiosk
    const auto admin = login(s, demo_admin);
    CHECK(s.get("/api/v1/settings", admin.bearer()).json().at("verify_farmer_phone") ==
          json::value(false));
    s.set_clock("2020-05-12 10:00");
    const auto r =
        s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-14", phone_a));
    REQUIRE(r.status == 201);
    CHECK(s.query("SELECT phone_verified FROM reservations WHERE code = '" +
                  str(r.json().at("code")) + "'") == "0");
    // A farmer who verifies anyway earns strikes like any verified booking; a bad verification
    // is not refused while the setting is off, and proves nothing.
    const auto token = verify_phone(s, phone_b);
    auto verified =
        s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-14", phone_b, token));
    REQUIRE(verified.status == 201);
    CHECK(s.query("SELECT phone_verified FROM reservations WHERE code = '" +
                  str(verified.json().at("code")) + "'") == "1");
    verified = s.post("/api/v1/reservations",
                      farmer_booking("SEEDER", "2020-05-14", phone_b, std::string(64, 'b')));
    REQUIRE(verified.status == 201);
    CHECK(s.query("SELECT phone_verified FROM reservations WHERE code = '" +
                  str(verified.json().at("code")) + "'") == "0");
}

namespace {

form_fields page_booking(std::string type, std::string phone) {
    return {{"branch", "GS"},     {"type", std::move(type)},      {"start", "2020-05-24"},
            {"end", ""},          {"quoted_start", "2020-05-24"}, {"quoted_end", "2020-05-24"},
            {"name", "인증농부"}, {"phone", std::move(phone)},    {"district", ""}};
}

form_fields with(form_fields f, std::string key, std::string value) {
    f.emplace_back(std::move(key), std::move(value));
    return f;
}

std::string cookie_of(const http_reply& r) {
    const std::string c = r.header("set-cookie");
    return c.substr(0, c.find(';'));
}

} // namespace

TEST_CASE("verified phones on the pages: booking asks for the code first, then remembers it",
          "[http][verify][pages]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");
    const char* phone = "010-4100-0003";
    const auto before = counts(s);
    const auto fields = page_booking("CULTIVATOR", phone);

    // The form as filled in: the code step instead of a booking.
    auto r = post_form(s, "/book", fields);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("인증번호 받기") != std::string::npos);
    CHECK(r.body.find("name=\"verify_code\"") != std::string::npos);
    CHECK(r.body.find("value=\"인증농부\"") != std::string::npos); // nothing typed is lost
    CHECK(counts(s) == before);

    // 인증번호 받기: the code goes out by message.
    r = post_form(s, "/book", with(fields, "verify", "send"));
    REQUIRE(r.status == 200);
    CHECK(r.body.find("인증번호를 보냈습니다") != std::string::npos);
    const auto code = last_code_sent(s, phone);
    REQUIRE(code.size() == 6);
    // Asked again at once: the limit, said plainly.
    r = post_form(s, "/book", with(fields, "verify", "send"));
    CHECK(r.status == 429);
    CHECK(r.body.find("1분에 한 번") != std::string::npos);

    // A wrong code: said beside the field, nothing booked.
    r = post_form(s, "/book", with(fields, "verify_code", wrong(code)));
    CHECK(r.status == 403);
    CHECK(r.body.find("인증번호가 맞지 않습니다. 4번 더") != std::string::npos);
    r = post_form(s, "/book", with(fields, "verify_code", "12a"));
    CHECK(r.status == 400);
    CHECK(counts(s) == before);

    // The right code (Enter in the field also sends verify=send first: the code wins).
    r = post_form(s, "/book", with(with(fields, "verify", "send"), "verify_code", code));
    REQUIRE(r.status == 303);
    const std::string booked = r.header("location").substr(9, 8);
    const std::string proof = r.header("set-cookie");
    CHECK(proof.starts_with("pv="));
    CHECK(proof.find("HttpOnly") != std::string::npos);
    CHECK(proof.find("SameSite=Strict") != std::string::npos);
    CHECK(proof.find("Max-Age=1800") != std::string::npos);
    CHECK(proof.find(code) == std::string::npos);
    CHECK(s.query("SELECT phone_verified FROM reservations WHERE code = '" + booked + "'") == "1");

    // Within the 30 minutes the cookie is the proof: the next booking needs no code…
    r = post_form(s, "/book", page_booking("SEEDER", phone), {{"Cookie", cookie_of(r)}});
    CHECK(r.status == 303);
    // …but only for its own phone, and not once altered.
    r = post_form(s, "/book", page_booking("SEEDER", "010-4100-0004"), {{"Cookie", cookie_of(r)}});
    CHECK(r.status == 200);
    CHECK(r.body.find("name=\"verify_code\"") != std::string::npos);
    std::string forged = proof.substr(0, proof.find(';'));
    forged.back() = forged.back() == '0' ? '1' : '0';
    r = post_form(s, "/book", page_booking("TILLER", phone), {{"Cookie", forged}});
    CHECK(r.status == 200);
    CHECK(r.body.find("name=\"verify_code\"") != std::string::npos);

    // English.
    r = post_form(s, "/book?lang=en", page_booking("TILLER", phone));
    CHECK(r.body.find("Send code") != std::string::npos);
}

TEST_CASE("verified phones on the pages: cancelling asks for the code", "[http][verify][pages]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");
    const char* phone = "010-4100-0005";
    const std::string token = verify_phone(s, phone);
    auto r =
        s.post("/api/v1/reservations", farmer_booking("CULTIVATOR", "2020-05-24", phone, token));
    REQUIRE(r.status == 201);
    const std::string code = str(r.json().at("code"));
    // The booking's page through the look-up (the grant cookie).
    r = post_form(s, "/my", {{"code", code}, {"phone", phone}});
    REQUIRE(r.status == 303);
    const std::string grant = cookie_of(r);

    r = post_form(s, "/booking/" + code + "/cancel", {}, {{"Cookie", grant}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("name=\"verify_code\"") != std::string::npos);
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "confirmed");

    s.set_clock("2020-05-12T10:01:30+09:00");
    r = post_form(s, "/booking/" + code + "/cancel", {{"verify", "send"}}, {{"Cookie", grant}});
    REQUIRE(r.status == 200);
    r = post_form(s, "/booking/" + code + "/cancel", {{"verify_code", last_code_sent(s, phone)}},
                  {{"Cookie", grant}});
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/booking/" + code + "?done=cancelled");
    CHECK(s.query("SELECT status FROM reservations WHERE code = '" + code + "'") == "cancelled");
}

TEST_CASE("verified phones on the pages: the cookie and the booking's grant are good on another "
          "server of the database (PostgreSQL) and after a restart (SQLite)",
          "[http][verify][pages]") {
    server_process a{{}, true, true, phone_checks::verified};
    a.set_clock("2020-05-12 10:00");
    const char* phone = "010-4100-0006";
    // Verified on A through the booking page's code step.
    const auto fields = page_booking("CULTIVATOR", phone);
    auto r = post_form(a, "/book", with(fields, "verify", "send"));
    REQUIRE(r.status == 200);
    r = post_form(a, "/book", with(fields, "verify_code", last_code_sent(a, phone)));
    REQUIRE(r.status == 303);
    const std::string booked = r.header("location").substr(9, 8);
    std::string proof;
    std::string grant;
    for (const auto& c : r.set_cookies) {
        const std::string pair = c.substr(0, c.find(';'));
        if (pair.starts_with("pv=")) {
            proof = pair;
        } else if (pair.starts_with("bk_" + booked + "=")) {
            grant = pair;
        }
    }
    REQUIRE_FALSE(proof.empty());
    REQUIRE_FALSE(grant.empty());

    // Server B on the same database: beside A on PostgreSQL, A restarted on SQLite.
    if (a.engine() == engine::sqlite) {
        REQUIRE(a.stop() == 0);
    }
    server_process b{a, {}};
    b.set_clock("2020-05-12 10:05");
    // The booking's page from A's grant: shown, not the look-up form.
    r = b.get("/booking/" + booked, {{"Cookie", grant}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("action=\"/my\"") == std::string::npos);
    CHECK(r.body.find("href=\"/booking/" + booked + "/cancel") != std::string::npos);
    // The cancel on B with A's verified-phone cookie: no code asked, done.
    r = post_form(b, "/booking/" + booked + "/cancel", {}, {{"Cookie", grant + "; " + proof}});
    INFO(r.body);
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == "/booking/" + booked + "?done=cancelled");
    CHECK(b.query("SELECT status FROM reservations WHERE code = '" + booked + "'") == "cancelled");
    // A new booking on B with the cookie needs no code either.
    r = post_form(b, "/book", page_booking("SEEDER", phone), {{"Cookie", proof}});
    CHECK(r.status == 303);
    // One key for the database, never shown: the same row whichever server drew it.
    CHECK(b.query("SELECT count(*) FROM server_secrets") == "1");
}

TEST_CASE("verified phones: a group booking by the representative needs the representative's "
          "verification (issue 15 §16)",
          "[http][verify][groups]") {
    server_process s{{}, true, true, phone_checks::verified};
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);
    const char* rep = "010-4200-0001";
    const char* member = "010-4200-0002";
    for (const char* p : {rep, member}) {
        REQUIRE(
            s.post("/api/v1/farmers", json::object{{"phone", p}, {"name", "작목반원"}}, op.bearer())
                .status == 201);
    }
    auto r = s.post("/api/v1/groups",
                    json::object{{"name", "인증작목반"},
                                 {"representative_phone", rep},
                                 {"member_phones", json::array{member}}},
                    op.bearer());
    REQUIRE(r.status == 201);
    const auto group = r.json().at("id").as_int64();
    auto body = booking("GS", "RICE_TRANSPLANTER", "2020-05-18", "2020-05-21", "김대표", rep);
    body["group"] = group;

    const auto before = counts(s);
    r = s.post("/api/v1/reservations", body);
    REQUIRE(r.status == 403);
    CHECK(r.error_code() == "phone_unverified");
    // A member's verification is not the representative's.
    r = s.post("/api/v1/reservations", body, {{"X-Phone-Verification", verify_phone(s, member)}});
    CHECK(r.status == 403);
    CHECK(detail(r, "reason") == "other_phone");
    CHECK(counts(s) == before);

    r = s.post("/api/v1/reservations", body, {{"X-Phone-Verification", verify_phone(s, rep)}});
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("status")) == "requested");
    CHECK(r.json().at("group").at("id").as_int64() == group);
}
