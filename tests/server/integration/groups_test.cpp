// Group rentals (작목반 공동 이용, issue 15, DOMAIN.md §16) over real HTTP against the built
// binary: /api/v1/groups (access, shapes, bad input), and group bookings: representative or not,
// staff for the group, the days range at both ends, approval always, the group's own live limit
// beside the representative's personal one, types without group_rental.
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

// The demo: rice transplanters (3 at GS, 60,000 won a day, no training, no approval flag) and
// tillers allow group rentals; cultivators do not.
constexpr std::string_view rep_phone = "010-7200-0001";
constexpr std::string_view member_phone = "010-7200-0002";
constexpr std::string_view other_phone = "010-7200-0003";

void register_farmer(const server_process& s, const staff_login& op, std::string_view phone,
                     std::string_view name) {
    const auto r =
        s.post("/api/v1/farmers", json::object{{"phone", phone}, {"name", name}}, op.bearer());
    REQUIRE(r.status == 201);
}

/// A group 새마을작목반 with its representative and one member; returns its id.
std::int64_t make_group(const server_process& s, const staff_login& op) {
    register_farmer(s, op, rep_phone, "김대표");
    register_farmer(s, op, member_phone, "이회원");
    register_farmer(s, op, other_phone, "박농부");
    const auto r = s.post("/api/v1/groups",
                          json::object{{"name", "새마을작목반"},
                                       {"representative_phone", rep_phone},
                                       {"member_phones", json::array{member_phone}}},
                          op.bearer());
    REQUIRE(r.status == 201);
    return r.json().at("id").as_int64();
}

json::object group_booking(std::int64_t group, std::string_view start, std::string_view end,
                           std::string_view phone = rep_phone,
                           std::string_view type = "RICE_TRANSPLANTER") {
    auto b = booking("GS", type, start, end, "김대표", phone);
    b["group"] = group;
    return b;
}

std::string counts(const server_process& s) {
    return s.query("SELECT count(*) || '/' || (SELECT count(*) FROM farmer_groups) || '/' || "
                   "(SELECT count(*) FROM farmer_group_members) || '/' || "
                   "(SELECT count(*) FROM farmers) FROM reservations");
}

} // namespace

TEST_CASE("groups: admins and operators register and edit groups, clerks and farmers may not",
          "[http][groups]") {
    server_process s;
    const auto op = login(s, demo_operator);
    const auto admin = login(s, demo_admin);
    const auto clerk = login(s, demo_clerk_gs);
    const auto id = make_group(s, op);

    auto r = s.get("/api/v1/groups", op.bearer());
    REQUIRE(r.status == 200);
    auto groups = r.json().at("groups").as_array();
    REQUIRE(groups.size() == 1);
    CHECK(groups.at(0).at("id").as_int64() == id);
    CHECK(str(groups.at(0).at("name")) == "새마을작목반");
    CHECK(str(groups.at(0).at("representative_phone")) == rep_phone);
    REQUIRE(groups.at(0).at("member_phones").as_array().size() == 1);
    CHECK(str(groups.at(0).at("member_phones").at(0)) == member_phone);

    // An admin changes the representative and the members (phones as written are normalised).
    r = s.patch("/api/v1/groups/" + std::to_string(id),
                json::object{{"representative_phone", "01072000002"},
                             {"member_phones", json::array{rep_phone, other_phone}}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("representative_phone")) == member_phone);
    CHECK(r.json().at("member_phones").as_array().size() == 2);
    r = s.get("/api/v1/groups/" + std::to_string(id), admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("representative_phone")) == member_phone);
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE action LIKE 'group.%'") == "2");

    CHECK(s.get("/api/v1/groups", clerk.bearer()).status == 403);
    CHECK(s.post("/api/v1/groups", json::object{{"name", "x"}, {"representative_phone", rep_phone}},
                 clerk.bearer())
              .status == 403);
    CHECK(
        s.patch("/api/v1/groups/" + std::to_string(id), json::object{{"name", "x"}}, clerk.bearer())
            .status == 403);
    CHECK(s.get("/api/v1/groups").status == 401);
    CHECK(s.post("/api/v1/groups", json::object{{"name", "x"}, {"representative_phone", rep_phone}})
              .status == 401);
    CHECK(s.get("/api/v1/groups/999", op.bearer()).status == 404);
    CHECK(s.patch("/api/v1/groups/999", json::object{{"name", "x"}}, op.bearer()).status == 404);
}

TEST_CASE("groups: bad input is 400 naming the field and changes nothing", "[http][groups]") {
    server_process s;
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    const std::string before = counts(s);
    const auto refused = [&](const json::object& body, std::string_view field,
                             std::string_view path = "") {
        const auto r = path.empty() ? s.post("/api/v1/groups", body, op.bearer())
                                    : s.patch(std::string{path}, body, op.bearer());
        INFO(r.body);
        CHECK(r.status == 400);
        if (r.status == 400) {
            CHECK(str(r.json().at("error").at("code")) == "bad_request");
            CHECK(str(r.json().at("error").at("details").at("field")) == field);
        }
    };
    refused({{"representative_phone", rep_phone}}, "name");
    refused({{"name", "  "}, {"representative_phone", rep_phone}}, "name");
    refused({{"name", "A"}}, "representative_phone");
    refused({{"name", "A"}, {"representative_phone", "12345"}}, "representative_phone");
    refused({{"name", "A"}, {"representative_phone", "010-7299-9999"}}, "representative_phone");
    refused({{"name", "A"},
             {"representative_phone", rep_phone},
             {"member_phones", json::array{member_phone, "010-7200-0002"}}},
            "member_phones[1]");
    refused({{"name", "A"},
             {"representative_phone", rep_phone},
             {"member_phones", json::array{member_phone, rep_phone}}},
            "member_phones[1]");
    refused({{"name", "A"},
             {"representative_phone", rep_phone},
             {"member_phones", json::array{"010-7299-9999"}}},
            "member_phones[0]");
    refused({{"name", "A"}, {"representative_phone", rep_phone}, {"member_phones", "x"}},
            "member_phones");
    refused({{"name", "A"}, {"representative_phone", rep_phone}, {"members", json::array{}}},
            "members");
    const std::string path = "/api/v1/groups/" + std::to_string(id);
    // The member becomes representative while still listed as a member.
    refused({{"representative_phone", member_phone}}, "representative_phone", path);
    refused({{"name", 5}}, "name", path);
    CHECK(s.patch("/api/v1/groups/abc", json::object{{"name", "x"}}, op.bearer()).status == 400);
    // A name taken is a conflict.
    const auto r = s.post(
        "/api/v1/groups",
        json::object{{"name", "새마을작목반"}, {"representative_phone", other_phone}}, op.bearer());
    CHECK(r.status == 409);
    CHECK(counts(s) == before);
}

TEST_CASE("groups: the representative books for the group, it waits for approval",
          "[http][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);

    // Tue 05-12 … Sat 05-16: 5 usage days, more than the type's max_days (3).
    auto r = s.post("/api/v1/reservations", group_booking(id, "2020-05-12", "2020-05-16"));
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto res = r.json();
    CHECK(str(res.at("status")) == "requested"); // the type needs no approval; the group does
    CHECK(res.at("group").at("id").as_int64() == id);
    CHECK(str(res.at("group").at("name")) == "새마을작목반");
    CHECK(res.at("fee").at("days").as_array().size() == 5);
    CHECK(res.at("fee").at("gross").as_int64() == 5 * 60000);
    const std::string code = str(res.at("code"));

    // The look-up shows the group; an individual booking shows null.
    r = s.get("/api/v1/reservations/" + code + "?phone=" + std::string{rep_phone});
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("group").at("name")) == "새마을작목반");
    r = s.post("/api/v1/reservations", booking("GS", "RICE_TRANSPLANTER", "2020-05-12",
                                               "2020-05-12", "박농부", other_phone));
    REQUIRE(r.status == 201);
    CHECK(r.json().at("group").is_null());

    // An operator approves it.
    r = s.post("/api/v1/reservations/" + code + "/confirm", json::object{}, op.bearer());
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("status")) == "confirmed");
}

TEST_CASE("groups: only the representative may book for the group", "[http][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    const std::string before = counts(s);
    for (const auto phone : {member_phone, other_phone, std::string_view{"010-7299-0000"}}) {
        const auto r =
            s.post("/api/v1/reservations", group_booking(id, "2020-05-12", "2020-05-16", phone));
        INFO(r.body);
        CHECK(r.status == 422);
        CHECK(str(r.json().at("error").at("code")) == "not_group_representative");
    }
    // Staff booking for the group with someone else's phone: refused the same way.
    auto r = s.post("/api/v1/reservations",
                    group_booking(id, "2020-05-12", "2020-05-16", member_phone), op.bearer());
    CHECK(r.status == 422);
    CHECK(str(r.json().at("error").at("code")) == "not_group_representative");
    // An unknown group.
    r = s.post("/api/v1/reservations", group_booking(999, "2020-05-12", "2020-05-16"));
    CHECK(r.status == 404);
    CHECK(counts(s) == before);

    // After the office changes the representative, the new one books and the old one may not.
    REQUIRE(s.patch("/api/v1/groups/" + std::to_string(id),
                    json::object{{"representative_phone", other_phone}}, op.bearer())
                .status == 200);
    r = s.post("/api/v1/reservations", group_booking(id, "2020-05-12", "2020-05-16"));
    CHECK(str(r.json().at("error").at("code")) == "not_group_representative");
    r = s.post("/api/v1/reservations", group_booking(id, "2020-05-12", "2020-05-16", other_phone));
    CHECK(r.status == 201);
}

TEST_CASE("groups: staff book for the group, and it still waits for approval", "[http][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto id = make_group(s, op);
    auto body = group_booking(id, "2020-05-12", "2020-05-15");
    body["channel"] = "phone";
    const auto r = s.post("/api/v1/reservations", body, op.bearer());
    INFO(r.body);
    REQUIRE(r.status == 201);
    CHECK(str(r.json().at("status")) == "requested");
    CHECK(str(r.json().at("channel")) == "phone");
    CHECK(r.json().at("group").at("id").as_int64() == id);
    // Listed for staff with the group.
    const auto list = s.get("/api/v1/reservations?phone=" + std::string{rep_phone}, op.bearer());
    REQUIRE(list.status == 200);
    CHECK(str(list.json().at("items").at(0).at("group").at("name")) == "새마을작목반");
}

TEST_CASE("groups: 4 to 15 usage days (settings), both ends", "[http][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto admin = login(s, demo_admin);
    const auto id = make_group(s, op);
    const auto code_of = [&](std::string_view start, std::string_view end) {
        const auto r = s.post("/api/v1/reservations", group_booking(id, start, end));
        INFO(r.body);
        return r.status == 201 ? std::string{"created"} : str(r.json().at("error").at("code"));
    };
    auto r = s.post("/api/v1/reservations", group_booking(id, "2020-05-12", "2020-05-14"));
    REQUIRE(r.status == 422);
    CHECK(str(r.json().at("error").at("code")) == "group_days_out_of_range");
    CHECK(str(r.json().at("error").at("details").at("min_days")) == "4");
    CHECK(str(r.json().at("error").at("details").at("max_days")) == "15");
    CHECK(str(r.json().at("error").at("details").at("days")) == "3");
    CHECK(code_of("2020-05-12", "2020-05-27") == "group_days_out_of_range"); // 16 days
    CHECK(code_of("2020-05-12", "2020-05-26") == "created");                 // 15 days
    // The group's live limit (1) would refuse a second one; raise it to see the lower end.
    REQUIRE(
        s.patch("/api/v1/settings", json::object{{"group_live_limit", 2}}, admin.bearer()).status ==
        200);
    CHECK(code_of("2020-05-04", "2020-05-07") == "created"); // 4 days

    // Settings move the range.
    REQUIRE(
        s.patch("/api/v1/settings",
                json::object{{"group_min_days", 2}, {"group_max_days", 5}, {"group_live_limit", 3}},
                admin.bearer())
            .status == 200);
    CHECK(code_of("2020-05-19", "2020-05-24") == "group_days_out_of_range"); // 6 days
    CHECK(code_of("2020-05-19", "2020-05-20") == "created");                 // 2 days
}

TEST_CASE("groups: the group's own live limit, beside the representative's personal one",
          "[http][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto admin = login(s, demo_admin);
    const auto id = make_group(s, op);
    REQUIRE(s.post("/api/v1/reservations", group_booking(id, "2020-05-12", "2020-05-16")).status ==
            201);
    // A second live group booking of the same type: refused (default 1 per type).
    auto r = s.post("/api/v1/reservations", group_booking(id, "2020-05-19", "2020-05-22"));
    INFO(r.body);
    REQUIRE(r.status == 422);
    CHECK(str(r.json().at("error").at("code")) == "too_many_reservations");
    CHECK(str(r.json().at("error").at("details").at("reason")) == "group");
    CHECK(str(r.json().at("error").at("details").at("max_live")) == "1");
    // Another type the group may rent: its own count.
    r = s.post("/api/v1/reservations",
               group_booking(id, "2020-05-19", "2020-05-22", rep_phone, "TILLER"));
    CHECK(r.status == 201);
    // The representative still books personally, the same type and the same days: group
    // bookings are not theirs (no chaining, not counted in their 3).
    for (const auto* day : {"2020-05-12", "2020-05-20", "2020-05-28"}) {
        r = s.post("/api/v1/reservations",
                   booking("GS", "RICE_TRANSPLANTER", day, day, "김대표", rep_phone));
        INFO(r.body);
        CHECK(r.status == 201);
    }
    // Their fourth personal booking hits the personal limit (3), not the group's.
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-13", "2020-05-13", "김대표", rep_phone));
    CHECK(str(r.json().at("error").at("code")) == "too_many_reservations");
    CHECK(!r.json().at("error").at("details").as_object().contains("reason"));

    // Raising the group limit lets the second one through.
    REQUIRE(
        s.patch("/api/v1/settings", json::object{{"group_live_limit", 2}}, admin.bearer()).status ==
        200);
    r = s.post("/api/v1/reservations", group_booking(id, "2020-05-19", "2020-05-22"));
    CHECK(r.status == 201);
}

TEST_CASE("groups: a type without group_rental is refused, bad booking input is 400",
          "[http][groups]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto op = login(s, demo_operator);
    const auto admin = login(s, demo_admin);
    const auto id = make_group(s, op);
    const std::string before = counts(s);
    auto r = s.post("/api/v1/reservations",
                    group_booking(id, "2020-05-12", "2020-05-16", rep_phone, "CULTIVATOR"));
    REQUIRE(r.status == 422);
    CHECK(str(r.json().at("error").at("code")) == "type_not_offered");
    CHECK(str(r.json().at("error").at("details").at("reason")) == "no_group_rental");
    for (const json::value& bad :
         {json::value("1"), json::value(0), json::value(nullptr), json::value(1.5)}) {
        auto body = group_booking(id, "2020-05-12", "2020-05-16");
        body["group"] = bad;
        r = s.post("/api/v1/reservations", body);
        CHECK(r.status == 400);
        CHECK(str(r.json().at("error").at("details").at("field")) == "group");
    }
    CHECK(counts(s) == before);

    // The admin allows it on the type: the booking goes through.
    r = s.patch("/api/v1/machine-types/CULTIVATOR", json::object{{"group_rental", true}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("group_rental").as_bool());
    r = s.post("/api/v1/reservations",
               group_booking(id, "2020-05-12", "2020-05-16", rep_phone, "CULTIVATOR"));
    CHECK(r.status == 201);
    CHECK(s.get("/api/v1/machine-types/CULTIVATOR", admin.bearer())
              .json()
              .at("group_rental")
              .as_bool());
}

TEST_CASE("groups: the admin page registers and edits groups, the staff pages show group bookings",
          "[http][groups][pages]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);
    const auto op = login(s, demo_operator);
    register_farmer(s, op, rep_phone, "김대표");
    register_farmer(s, op, member_phone, "이회원");
    register_farmer(s, op, other_phone, "박농부");
    const auto form = [&](std::string_view target, form_fields f) {
        f.emplace_back("csrf", admin.csrf);
        return post_form(s, target, f, {{"Cookie", admin.cookie}});
    };
    // A form with a member listed twice: 400 on the form's page, nothing registered.
    auto r =
        form("/staff/admin/groups",
             {{"form", "add"},
              {"name", "새마을작목반"},
              {"representative_phone", std::string{rep_phone}},
              {"member_phones", std::string{member_phone} + "\n" + std::string{member_phone}}});
    CHECK(r.status == 400);
    CHECK(s.query("SELECT count(*) FROM farmer_groups") == "0");
    r = form("/staff/admin/groups", {{"form", "add"},
                                     {"name", "새마을작목반"},
                                     {"representative_phone", std::string{rep_phone}},
                                     {"member_phones", std::string{member_phone}}});
    REQUIRE(r.status == 303);
    const auto id = s.query("SELECT id FROM farmer_groups");
    for (const char* lang : {"ko", "en"}) {
        const auto page =
            s.get(std::string{"/staff/admin/groups?lang="} + lang, admin.cookie_only());
        REQUIRE(page.status == 200);
        CHECK(page.body.find("새마을작목반") != std::string::npos);
        CHECK(page.body.find(lang == std::string{"ko"} ? "작목반 등록" : "Register a group") !=
              std::string::npos);
    }
    r = form("/staff/admin/groups/" + id, {{"form", "edit"},
                                           {"name", "새마을작목반"},
                                           {"representative_phone", std::string{rep_phone}},
                                           {"member_phones", std::string{other_phone}}});
    REQUIRE(r.status == 303);
    CHECK(s.get("/api/v1/groups/" + id, op.bearer()).json().at("member_phones") ==
          json::array{other_phone});

    // A group booking on the operator's board, the reservation page and the clerk's day sheet.
    auto b = group_booking(std::stoll(id), "2020-05-12", "2020-05-16");
    r = s.post("/api/v1/reservations", b);
    REQUIRE(r.status == 201);
    const std::string code = str(r.json().at("code"));
    for (const std::string& target : {std::string{"/staff/board"}, "/staff/reservations/" + code,
                                      std::string{"/staff/day?date=2020-05-12&branch=GS"}}) {
        const auto page = s.get(target, op.cookie_only());
        INFO(target);
        REQUIRE(page.status == 200);
        CHECK(page.body.find("공동 이용: 새마을작목반") != std::string::npos);
        const auto en =
            s.get(target + (target.find('?') == std::string::npos ? "?" : "&") + "lang=en",
                  op.cookie_only());
        CHECK(en.body.find("Group booking: 새마을작목반") != std::string::npos);
    }
}
