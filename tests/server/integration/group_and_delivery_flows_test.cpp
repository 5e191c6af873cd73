// Issue 15's remaining gaps over real HTTP against the built binary: the group quote
// (GET /api/v1/quote?group=), the farmer's booking page booking for a group, the operator's board
// booking with delivery and for a group, the messages (DOMAIN.md §9) of bookings with delivery
// and of group bookings, and the CSV export's delivery and group columns.
#include <chrono>
#include <thread>

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

// The demo: rice transplanters (3 at GS, 60,000 won a day, max 3 days, deliverable) and tillers
// allow group rentals; cultivators do not. GS delivers to 임곡동, 본량동, 삼도동, 평동.
constexpr std::string_view rep_phone = "010-7300-0001";
constexpr std::string_view member_phone = "010-7300-0002";
constexpr std::string_view other_phone = "010-7300-0003";

void register_farmer(const server_process& s, const staff_login& op, std::string_view phone,
                     std::string_view name) {
    const auto r =
        s.post("/api/v1/farmers", json::object{{"phone", phone}, {"name", name}}, op.bearer());
    REQUIRE(r.status == 201);
}

std::int64_t add_group(const server_process& s, const staff_login& op, std::string_view name,
                       std::string_view representative, std::string_view member) {
    const auto r = s.post("/api/v1/groups",
                          json::object{{"name", name},
                                       {"representative_phone", representative},
                                       {"member_phones", json::array{member}}},
                          op.bearer());
    REQUIRE(r.status == 201);
    return r.json().at("id").as_int64();
}

/// The farmers and a group 새마을작목반 (representative rep_phone, member member_phone).
std::int64_t make_group(const server_process& s, const staff_login& op) {
    register_farmer(s, op, rep_phone, "김대표");
    register_farmer(s, op, member_phone, "이회원");
    register_farmer(s, op, other_phone, "박농부");
    return add_group(s, op, "새마을작목반", rep_phone, member_phone);
}

std::string quote_target(std::string_view type, std::string_view start, std::string_view end,
                         std::string_view extra = {}) {
    return "/api/v1/quote?branch=GS&type=" + std::string{type} + "&start=" + std::string{start} +
           "&end=" + std::string{end} + std::string{extra};
}

/// The quote's refusal code, or "" when it would be booked.
std::string quote_refusal(const http_reply& r) {
    const auto body = r.json();
    const auto& refusal = body.at("refusal");
    return refusal.is_null() ? std::string{} : str(refusal.at("code"));
}

} // namespace

TEST_CASE("group quote: the group's length rule, type flag, representative and live limit",
          "[http][groups][quote]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    const std::string group = "&group=" + std::to_string(id);

    // 5 usage days of a 3-day type: an individual quote says max_days_exceeded, a group one is
    // priced (the booking is accepted: the quote says what the booking would get).
    auto r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16"));
    REQUIRE(r.status == 200);
    CHECK(quote_refusal(r) == "max_days_exceeded");
    CHECK(r.json().at("group").is_null());
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16", group));
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(quote_refusal(r).empty());
    CHECK(r.json().at("group").as_int64() == id);
    CHECK(r.json().at("fee").at("gross").as_int64() == 5 * 60000);
    CHECK(r.json().at("fee").at("days").as_array().size() == 5);
    // With the representative's phone as well: the same.
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16",
                           group + "&phone=01073000001"));
    CHECK(quote_refusal(r).empty());

    // The group's length: 4 … 15 usage days, also for a group quote.
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-14", group));
    REQUIRE(r.status == 200);
    CHECK(quote_refusal(r) == "group_days_out_of_range");
    CHECK(str(r.json().at("refusal").at("details").at("min_days")) == "4");
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-27", group));
    CHECK(quote_refusal(r) == "group_days_out_of_range");
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-26", group));
    CHECK(quote_refusal(r).empty());

    // A type without group rentals.
    r = s.get(quote_target("CULTIVATOR", "2020-05-12", "2020-05-16", group));
    REQUIRE(r.status == 200);
    CHECK(quote_refusal(r) == "type_not_offered");
    CHECK(str(r.json().at("refusal").at("details").at("reason")) == "no_group_rental");

    // Someone else's phone: not the representative (only checked when a phone is given).
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16",
                           group + "&phone=" + std::string{member_phone}));
    CHECK(quote_refusal(r) == "not_group_representative");

    // The quote agrees with the booking: booked, then the group's live limit (1) is reached.
    auto body = booking("GS", "RICE_TRANSPLANTER", "2020-05-12", "2020-05-16", "김대표", rep_phone);
    body["group"] = id;
    REQUIRE(s.post("/api/v1/reservations", body).status == 201);
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-19", "2020-05-22", group));
    CHECK(quote_refusal(r) == "too_many_reservations");
    CHECK(str(r.json().at("refusal").at("details").at("reason")) == "group");
    body = booking("GS", "RICE_TRANSPLANTER", "2020-05-19", "2020-05-22", "김대표", rep_phone);
    body["group"] = id;
    r = s.post("/api/v1/reservations", body);
    CHECK(str(r.json().at("error").at("code")) == "too_many_reservations");

    // Bad input: 400 naming the parameter; an unknown group: 404.
    for (const char* bad : {"&group=0", "&group=x", "&group=1.5", "&group=-1"}) {
        r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16", bad));
        INFO(bad);
        CHECK(r.status == 400);
        CHECK(str(r.json().at("error").at("details").at("field")) == "group");
    }
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16", group + "&phone=02-1"));
    CHECK(r.status == 400);
    CHECK(str(r.json().at("error").at("details").at("field")) == "phone");
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16", "&phone=01073000001"));
    CHECK(r.status == 400); // a phone checks nothing without a group
    CHECK(str(r.json().at("error").at("details").at("field")) == "phone");
    r = s.get(quote_target("RICE_TRANSPLANTER", "2020-05-12", "2020-05-16", "&group=999"));
    CHECK(r.status == 404);
    CHECK(str(r.json().at("error").at("code")) == "not_found");
}

TEST_CASE("messages: a booking with delivery says where and when, a group booking names the group",
          "[http][delivery][groups][messages]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    const auto message_of = [&](const std::string& code, std::string_view kind) {
        return s.query("SELECT o.body FROM outbox o JOIN reservations r ON r.id = o.reservation_id "
                       "WHERE r.code = '" +
                       code + "' AND o.kind = '" + std::string{kind} + "'");
    };

    // A round trip to 본량동 (a rice transplanter needs no approval: confirmed at once).
    auto body =
        booking("GS", "RICE_TRANSPLANTER", "2020-05-12", "2020-05-13", "박농부", other_phone);
    body["delivery"] =
        json::object{{"mode", "round_trip"}, {"address", "본량동 마을회관 앞"}, {"area", "본량동"}};
    auto r = s.post("/api/v1/reservations", body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    const std::string delivered = str(r.json().at("code"));
    const std::string window = str(r.json().at("delivery").at("window").at("from"));
    auto text = message_of(delivered, "confirmation");
    INFO(text);
    CHECK(text.find("배달·회수: 본량동 마을회관 앞 (본량동), 5월 12일(화) 09:00~") !=
          std::string::npos);
    CHECK(text.find("회수 5월 13일(수) 17:00.") != std::string::npos); // the return deadline
    CHECK(text.find("작목반") == std::string::npos);
    CHECK(window == "2020-05-12T09:00:00+09:00");

    // One way: no collection.
    body = booking("GS", "RICE_TRANSPLANTER", "2020-05-19", "2020-05-19", "이회원", member_phone);
    body["delivery"] =
        json::object{{"mode", "one_way"}, {"address", "평동 창고"}, {"area", "평동"}};
    r = s.post("/api/v1/reservations", body);
    REQUIRE(r.status == 201);
    text = message_of(str(r.json().at("code")), "confirmation");
    CHECK(text.find("배달: 평동 창고 (평동), 5월 19일(화) 09:00~") != std::string::npos);
    CHECK(text.find("회수") == std::string::npos);

    // The day-before reminder repeats it (the job runs at 16:00 the day before).
    s.set_clock("2020-05-11 16:30");
    for (int i = 0; i < 50 && message_of(delivered, "reminder").empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    text = message_of(delivered, "reminder");
    CHECK(text.find("배달·회수: 본량동 마을회관 앞 (본량동)") != std::string::npos);
    s.set_clock("2020-05-01 10:00");
    const auto op2 = login(s, demo_operator); // the clock's jump ended the first session

    // A group booking: the request names the group, and so does the confirmation.
    body = booking("GS", "RICE_TRANSPLANTER", "2020-05-20", "2020-05-24", "김대표", rep_phone);
    body["group"] = id;
    r = s.post("/api/v1/reservations", body);
    REQUIRE(r.status == 201);
    const std::string group_code = str(r.json().at("code"));
    text = message_of(group_code, "request");
    CHECK(text.find("작목반 공동 이용: 새마을작목반.") != std::string::npos);
    CHECK(text.find("배달") == std::string::npos);
    REQUIRE(s.post("/api/v1/reservations/" + group_code + "/confirm", json::object{}, op2.bearer())
                .status == 200);
    CHECK(message_of(group_code, "confirmation").find("작목반 공동 이용: 새마을작목반.") !=
          std::string::npos);

    // A plain booking says neither.
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "박농부", other_phone));
    REQUIRE(r.status == 201);
    text = message_of(str(r.json().at("code")), "confirmation");
    CHECK(!text.empty());
    CHECK(text.find("배달") == std::string::npos);
    CHECK(text.find("작목반") == std::string::npos);
}

TEST_CASE("reservations.csv: delivery mode, area, address and fee, and the group",
          "[http][reports][csv][delivery][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    auto body =
        booking("GS", "RICE_TRANSPLANTER", "2020-05-12", "2020-05-12", "박농부", other_phone);
    body["delivery"] = json::object{
        {"mode", "round_trip"}, {"address", "본량동 마을회관, 앞마당"}, {"area", "본량동"}};
    auto r = s.post("/api/v1/reservations", body);
    REQUIRE(r.status == 201);
    const std::string delivered = str(r.json().at("code"));
    const auto net = r.json().at("fee").at("net").as_int64();
    body = booking("GS", "RICE_TRANSPLANTER", "2020-05-19", "2020-05-23", "김대표", rep_phone);
    body["group"] = id;
    r = s.post("/api/v1/reservations", body);
    REQUIRE(r.status == 201);
    const std::string grouped = str(r.json().at("code"));
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-13", "2020-05-13", "이회원", member_phone));
    REQUIRE(r.status == 201);
    const std::string plain = str(r.json().at("code"));

    for (const std::string lang : {"ko", "en"}) {
        r = s.get("/api/v1/reservations.csv?branch=GS&from=2020-05-01&to=2020-05-31&lang=" + lang,
                  op.bearer());
        REQUIRE(r.status == 200);
        const std::string& csv = r.body;
        const std::string header = csv.substr(3, csv.find("\r\n") - 3);
        // (The half-day column of issue 14 §11 follows the group.)
        CHECK(header.ends_with(lang == "ko"
                                   ? ",운반,운반 지역,운반 주소,운반비,작목반 (공동 이용),반일"
                                   : ",Delivery,Delivery area,Delivery address,Delivery "
                                     "fee,Group,Half day"));
        const auto row = [&](const std::string& code) {
            const auto at = csv.find("\r\n" + code + ",");
            REQUIRE(at != std::string::npos);
            return csv.substr(at + 2, csv.find("\r\n", at + 2) - at - 2);
        };
        INFO(csv);
        // The address is quoted (it has a comma); the fee is in `net` and in its own column.
        CHECK(row(delivered).ends_with((lang == "ko" ? ",배달·회수" : ",Round trip") +
                                       std::string{",본량동,\"본량동 마을회관, 앞마당\",40000,,"}));
        CHECK(row(delivered).find("," + std::to_string(net) + ",") != std::string::npos);
        CHECK(row(grouped).ends_with(",,,,0,새마을작목반,"));
        CHECK(row(plain).ends_with(",,,,0,,"));
    }
}

TEST_CASE(
    "staff board: an operator books with delivery and for a group, refusals beside the fields",
    "[http][staff_pages][delivery][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    const auto form = [&](form_fields f) {
        f.emplace_back("csrf", op.csrf);
        return post_form(s, "/staff/book", f, {{"Cookie", op.cookie}});
    };
    const auto count = [&] { return s.query("SELECT count(*) FROM reservations"); };

    // The page offers the delivery (deliverable type, delivering branch) and the groups.
    auto r = s.get("/staff/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&from=2020-05-01",
                   op.cookie_only());
    REQUIRE(r.status == 200);
    CHECK(r.body.find("name=\"delivery_mode\" value=\"round_trip\"") != std::string::npos);
    CHECK(r.body.find("<option value=\"본량동\">본량동</option>") != std::string::npos);
    CHECK(r.body.find("<option value=\"" + std::to_string(id) + "\">새마을작목반</option>") !=
          std::string::npos);
    CHECK(r.body.find("end=2020-05-14") != std::string::npos); // 3 days (max_days)
    CHECK(r.body.find("end=2020-05-15") == std::string::npos); // not 4
    // A type that allows neither shows neither.
    r = s.get("/staff/book?branch=GS&type=CULTIVATOR&start=2020-05-12", op.cookie_only());
    CHECK(r.body.find("name=\"delivery_mode\"") == std::string::npos);
    CHECK(r.body.find("name=\"group\" aria-describedby") == std::string::npos);

    // The group chosen: the group's lengths (4 … 15 days), its quote, the representative's phone.
    const std::string g = std::to_string(id);
    r = s.get("/staff/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&group=" + g,
              op.cookie_only());
    REQUIRE(r.status == 200);
    CHECK(r.body.find("end=2020-05-15&amp;group=" + g) != std::string::npos); // 4 days
    CHECK(r.body.find("end=2020-05-26&amp;group=" + g) != std::string::npos); // 15 days
    CHECK(r.body.find("end=2020-05-27") == std::string::npos);
    CHECK(r.body.find("end=2020-05-13&amp;group") == std::string::npos); // 2 days
    CHECK(r.body.find("id=\"quote\"") != std::string::npos);
    CHECK(r.body.find("대표자 010-7300-0001") != std::string::npos);
    // Not "confirmed at once": a group booking waits for approval, and the form says so.
    CHECK(r.body.find("전화 예약은 바로 확정") == std::string::npos);
    CHECK(r.body.find("운영자 승인 후 확정됩니다") != std::string::npos);
    CHECK(r.body.find("value=\"010-7300-0001\"") != std::string::npos);
    CHECK(r.body.find("<option value=\"" + g + "\" selected>새마을작목반</option>") !=
          std::string::npos);
    // A hand-made group for a type without group rentals, or not an id: the 404 page.
    CHECK(
        s.get("/staff/book?branch=GS&type=CULTIVATOR&start=2020-05-12&group=" + g, op.cookie_only())
            .status == 404);
    CHECK(s.get("/staff/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&group=x",
                op.cookie_only())
              .status == 404);

    const form_fields group_slot{{"branch", "GS"},        {"type", "RICE_TRANSPLANTER"},
                                 {"start", "2020-05-12"}, {"end", "2020-05-16"},
                                 {"from", "2020-05-01"},  {"group", g},
                                 {"name", "김대표"},      {"delivery_mode", "pickup"}};
    // Not the representative: beside the phone, nothing booked.
    const std::string before = count();
    auto f = group_slot;
    f.emplace_back("phone", std::string{member_phone});
    r = form(f);
    CHECK(r.status == 422);
    CHECK(r.body.find("id=\"f-phone-error\" aria-live=\"polite\">이 전화번호는") !=
          std::string::npos);
    CHECK(count() == before);
    // The representative: booked for the group, waiting for approval.
    f = group_slot;
    f.emplace_back("phone", std::string{rep_phone});
    r = form(f);
    INFO(r.body.substr(0, 2000));
    REQUIRE(r.status == 303);
    auto code = r.header("location").substr(std::string{"/staff/reservations/"}.size(), 8);
    CHECK(s.query("SELECT status || '/' || channel || '/' || group_id || '/' || start_date || '/' "
                  "|| end_date FROM reservations WHERE code = '" +
                  code + "'") == "requested/phone/" + g + "/2020-05-12/2020-05-16");

    // Delivery for a caller: a round trip to 본량동.
    const form_fields slot{{"branch", "GS"},
                           {"type", "RICE_TRANSPLANTER"},
                           {"start", "2020-05-19"},
                           {"end", "2020-05-19"},
                           {"from", "2020-05-01"},
                           {"name", "박농부"},
                           {"phone", std::string{other_phone}}};
    // Without an address: beside the address, what was typed kept, nothing booked.
    f = slot;
    f.insert(f.end(), {{"delivery_mode", "round_trip"}, {"delivery_area", "본량동"}});
    r = form(f);
    CHECK(r.status == 400);
    CHECK(r.body.find("id=\"f-delivery-address-error\" aria-live=\"polite\">배달 장소를") !=
          std::string::npos);
    CHECK(r.body.find("value=\"round_trip\" checked") != std::string::npos);
    CHECK(r.body.find("<option value=\"본량동\" selected>") != std::string::npos);
    // An area outside the branch's: the booking rule's refusal beside the delivery.
    f = slot;
    f.insert(f.end(), {{"delivery_mode", "round_trip"},
                       {"delivery_area", "서울"},
                       {"delivery_address", "어딘가"}});
    r = form(f);
    CHECK(r.status == 422);
    CHECK(r.body.find("id=\"delivery-error\" aria-live=\"polite\">&apos;서울&apos;") !=
          std::string::npos);
    // Too late for a delivery (3 days ahead): beside the delivery.
    f = slot;
    f[2].second = "2020-05-03";
    f[3].second = "2020-05-03";
    f.insert(f.end(), {{"delivery_mode", "one_way"},
                       {"delivery_area", "평동"},
                       {"delivery_address", "평동 창고"}});
    r = form(f);
    CHECK(r.status == 422);
    CHECK(r.body.find("id=\"delivery-error\" aria-live=\"polite\">배달은 사용 시작일 3일 전") !=
          std::string::npos);
    CHECK(count() == std::to_string(std::stoi(before) + 1));
    // Booked.
    f = slot;
    f.insert(f.end(), {{"delivery_mode", "round_trip"},
                       {"delivery_area", "본량동"},
                       {"delivery_address", "본량동 마을회관"}});
    r = form(f);
    REQUIRE(r.status == 303);
    code = r.header("location").substr(std::string{"/staff/reservations/"}.size(), 8);
    CHECK(s.query("SELECT status || '/' || delivery_mode || '/' || delivery_area || '/' || "
                  "delivery_address || '/' || delivery_fee FROM reservations WHERE code = '" +
                  code + "'") == "confirmed/round_trip/본량동/본량동 마을회관/40000");

    // In English.
    r = s.get("/staff/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&lang=en",
              op.cookie_only());
    CHECK(r.body.find("Group rental") != std::string::npos);
    CHECK(r.body.find("Pickup or delivery") != std::string::npos);
    CHECK(r.body.find("The caller themselves") != std::string::npos);
}

namespace {

form_fields farmer_form(std::string_view start, std::string_view end, std::string_view name,
                        std::string_view phone, std::string_view rental = "group") {
    return {{"branch", "GS"},
            {"type", "RICE_TRANSPLANTER"},
            {"start", std::string{start}},
            {"end", std::string{end}},
            {"quoted_start", std::string{start}},
            {"quoted_end", std::string{end}},
            {"quoted_delivery", ""},
            {"rental", std::string{rental}},
            {"name", std::string{name}},
            {"phone", std::string{phone}}};
}

} // namespace

TEST_CASE("farmer page: a representative books for the group, found from the phone on sending",
          "[http][pages][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    const auto count = [&] { return s.query("SELECT count(*) FROM reservations"); };

    // The choice is offered for a type that allows group rentals, not for one that does not.
    auto r = s.get("/book?branch=GS&type=RICE_TRANSPLANTER");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("작목반 공동 이용</a>") != std::string::npos);
    CHECK(s.get("/book?branch=GS&type=CULTIVATOR").body.find("작목반 공동 이용</a>") ==
          std::string::npos);
    // Five days of a 3-day type: refused for one farmer, quoted for a group (the group's rule);
    // no group's name anywhere on the page before the form is sent.
    r = s.get("/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&end=2020-05-16");
    CHECK(r.body.find("id=\"step3-title\"") == std::string::npos);
    r = s.get(
        "/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&end=2020-05-16&rental=group");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("id=\"step3-title\"") != std::string::npos);
    CHECK(r.body.find("150,000원") != std::string::npos); // 5 × 60,000, 50 % off
    CHECK(r.body.find("name=\"rental\" value=\"group\"") != std::string::npos);
    CHECK(r.body.find("작목반 공동 이용은 담당자가 확인한 뒤") != std::string::npos);
    CHECK(r.body.find("새마을작목반") == std::string::npos);
    // The group's days: 3 are too few.
    r = s.get(
        "/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&end=2020-05-14&rental=group");
    CHECK(r.body.find("id=\"step3-title\"") == std::string::npos);
    CHECK(r.body.find("4~15") != std::string::npos);

    // A phone that represents no group: beside the phone, nothing booked, no group named.
    const std::string before = count();
    r = post_form(s, "/book", farmer_form("2020-05-12", "2020-05-16", "이회원", member_phone));
    CHECK(r.status == 422);
    CHECK(r.body.find("id=\"f-phone-error\" aria-live=\"polite\">이 전화번호는") !=
          std::string::npos);
    CHECK(r.body.find("새마을작목반") == std::string::npos);
    CHECK(count() == before);

    // The representative: booked for the group, waiting for approval; the page says so.
    r = post_form(s, "/book", farmer_form("2020-05-12", "2020-05-16", "김대표", "01073000001"));
    INFO(r.body.substr(0, 3000));
    REQUIRE(r.status == 303);
    const std::string code = r.header("location").substr(9, 8);
    CHECK(s.query("SELECT status || '/' || channel || '/' || group_id FROM reservations WHERE "
                  "code = '" +
                  code + "'") == "requested/web/" + std::to_string(id));
    const std::string c = r.header("set-cookie");
    r = s.get("/booking/" + code + "?new=1", {{"Cookie", c.substr(0, c.find(';'))}});
    REQUIRE(r.status == 200);
    CHECK(r.body.find("예약 신청이 접수되었습니다") != std::string::npos);
    CHECK(r.body.find("예약되었습니다") == std::string::npos);
    CHECK(r.body.find("공동 이용: 새마을작목반") != std::string::npos);
    CHECK(s.query("SELECT body FROM outbox WHERE kind = 'request'").find("새마을작목반") !=
          std::string::npos);

    // A representative of two groups chooses, once the phone is known.
    const auto second = add_group(s, op, "평동영농조합", rep_phone, other_phone);
    const std::string before_second = count();
    r = post_form(s, "/book", farmer_form("2020-05-19", "2020-05-22", "김대표", rep_phone));
    REQUIRE(r.status == 200);
    CHECK(r.body.find("여러 작목반의 대표자입니다") != std::string::npos);
    CHECK(r.body.find("<option value=\"" + std::to_string(second) + "\">평동영농조합</option>") !=
          std::string::npos);
    CHECK(count() == before_second);
    auto f = farmer_form("2020-05-19", "2020-05-22", "김대표", rep_phone);
    f.emplace_back("group", "999"); // not one of theirs
    r = post_form(s, "/book", f);
    CHECK(r.status == 200);
    CHECK(r.body.find("id=\"f-group-error\" aria-live=\"polite\">어느 작목반") !=
          std::string::npos);
    CHECK(count() == before_second);
    f = farmer_form("2020-05-19", "2020-05-22", "김대표", rep_phone);
    f.emplace_back("group", std::to_string(second));
    r = post_form(s, "/book", f);
    REQUIRE(r.status == 303);
    CHECK(s.query("SELECT group_id FROM reservations WHERE code = '" +
                  r.header("location").substr(9, 8) + "'") == std::to_string(second));

    // In English.
    r = s.get("/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-12&end=2020-05-16&rental=group"
              "&lang=en");
    CHECK(r.body.find("Group rental</a>") != std::string::npos);
    CHECK(r.body.find("A group rental is confirmed once an operator has approved it.") !=
          std::string::npos);
}
