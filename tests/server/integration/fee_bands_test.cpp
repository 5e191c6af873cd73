// Issue 15 over real HTTP against the built binary: the statutory fee bands (DOMAIN.md §17) and
// the limit of machine types per farmer (§18).
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
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
    return v != nullptr ? str(*v) : std::string{};
}

json::object admin_type(const server_process& s, const staff_login& admin, const char* code) {
    const auto r = s.get(std::string{"/api/v1/machine-types/"} + code, admin.bearer());
    REQUIRE(r.status == 200);
    return r.json().as_object();
}

json::object new_type(const char* code, std::int64_t fee, json::value price) {
    json::object o{
        {"code", code}, {"name_ko", "시험 기종"}, {"name_en", "Test type"}, {"daily_fee", fee}};
    o["purchase_price"] = std::move(price);
    return o;
}

std::string count_types(const server_process& s, const char* code) {
    return s.query(std::string{"SELECT count(*) FROM machine_types WHERE code = '"} + code + "'");
}

json::array outside_band(const server_process& s, const staff_login& who) {
    const auto r = s.get("/api/v1/reports/fee-bands", who.bearer());
    REQUIRE(r.status == 200);
    return r.json().at("types").as_array();
}

json::object band(std::int64_t from, json::value to, std::int64_t fee) {
    return {{"price_from", from}, {"price_to", std::move(to)}, {"daily_fee", fee}};
}

/// The shipped table as PUT /api/v1/fee-bands takes it, from GET's rows.
json::array table_of(const server_process& s, const staff_login& admin) {
    const auto r = s.get("/api/v1/fee-bands", admin.bearer());
    REQUIRE(r.status == 200);
    json::array out;
    const auto body = r.json();
    for (const auto& b : body.at("bands").as_array()) {
        out.push_back(
            band(b.at("price_from").as_int64(), b.at("price_to"), b.at("daily_fee").as_int64()));
    }
    return out;
}

} // namespace

TEST_CASE("fee bands: the shipped table is in the database and served to staff",
          "[http][fee_bands]") {
    server_process s;
    CHECK(s.query("SELECT count(*) FROM fee_bands") == "18");
    CHECK(s.query("SELECT daily_fee FROM fee_bands WHERE price_from = 7000000") == "36500");
    CHECK(s.query("SELECT count(*) FROM fee_bands WHERE price_to IS NULL") == "1");

    CHECK(s.get("/api/v1/fee-bands").status == 401);
    CHECK(s.get("/api/v1/reports/fee-bands").status == 401);
    for (const auto& who : {demo_admin, demo_operator, demo_clerk_gs}) {
        const auto r = s.get("/api/v1/fee-bands", login(s, who).bearer());
        REQUIRE(r.status == 200);
        const auto body = r.json();
        CHECK(body.at("latitude_pct").as_int64() == 15);
        const auto& bands = body.at("bands").as_array();
        REQUIRE(bands.size() == 18);
        CHECK(bands[0].at("price_from").as_int64() == 0);
        CHECK(bands[0].at("price_to").as_int64() == 1'000'000);
        CHECK(bands[0].at("daily_fee").as_int64() == 10'000);
        CHECK(bands[0].at("min").as_int64() == 8'500);
        CHECK(bands[0].at("max").as_int64() == 11'500);
        CHECK(bands[17].at("price_from").as_int64() == 45'000'000);
        CHECK(bands[17].at("price_to").is_null());
        CHECK(bands[17].at("daily_fee").as_int64() == 210'000);
    }
    // The report: operators and admins (the reports' roles), not clerks.
    CHECK(s.get("/api/v1/reports/fee-bands", login(s, demo_clerk_gs).bearer()).status == 403);
    CHECK(outside_band(s, login(s, demo_operator)).empty()); // every demo type is inside
    // Editing the table: admins only.
    const auto op = login(s, demo_operator);
    CHECK(
        s.put("/api/v1/fee-bands", json::object{{"bands", table_of(s, op)}}, op.bearer()).status ==
        403);
    CHECK(s.put("/api/v1/fee-bands", json::object{{"bands", table_of(s, op)}}).status == 401);
}

TEST_CASE("fee bands: demo types carry purchase prices inside their bands", "[http][fee_bands]") {
    server_process s;
    const auto r = s.get("/api/v1/machine-types");
    REQUIRE(r.status == 200);
    int with_price = 0;
    const auto types = r.json();
    for (const auto& t : types.as_array()) {
        CAPTURE(str(t.at("code")));
        REQUIRE(t.as_object().contains("purchase_price"));
        if (t.at("purchase_price").is_null()) {
            CHECK_FALSE(t.as_object().contains("fee_band"));
            continue;
        }
        ++with_price;
        const auto fee = t.at("daily_fee").as_int64();
        const auto& b = t.at("fee_band");
        CHECK(b.at("min").as_int64() <= fee);
        CHECK(fee <= b.at("max").as_int64());
    }
    CHECK(with_price == 7);
    const auto admin = login(s, demo_admin);
    const auto tractor = admin_type(s, admin, "TRACTOR");
    CHECK(tractor.at("purchase_price").as_int64() == 22'000'000);
    CHECK(tractor.at("fee_band").at("band_fee").as_int64() == 110'000);
    CHECK(tractor.at("fee_band").at("min").as_int64() == 93'500);
    CHECK(tractor.at("fee_band").at("max").as_int64() == 126'500);
}

TEST_CASE("fee bands: creating a type checks its fee against its purchase price's band",
          "[http][fee_bands]") {
    server_process s;
    const auto admin = login(s, demo_admin);

    // 1,000,000 is the 12,000 band: 10,200 … 13,800.
    auto r = s.post("/api/v1/machine-types", new_type("MOWER", 13'801, 1'000'000), admin.bearer());
    CHECK(r.status == 422);
    CHECK(r.error_code() == "fee_out_of_band");
    CHECK(detail(r, "band_fee") == "12000");
    CHECK(detail(r, "min") == "10200");
    CHECK(detail(r, "max") == "13800");
    CHECK(detail(r, "field") == "daily_fee");
    CHECK(count_types(s, "MOWER") == "0");
    r = s.post("/api/v1/machine-types", new_type("MOWER", 10'199, 1'000'000), admin.bearer());
    CHECK(r.error_code() == "fee_out_of_band");
    // 999,999 is the 10,000 band: 8,500 … 11,500; the edges are allowed.
    r = s.post("/api/v1/machine-types", new_type("MOWER", 13'800, 999'999), admin.bearer());
    CHECK(r.error_code() == "fee_out_of_band");
    CHECK(detail(r, "max") == "11500");
    r = s.post("/api/v1/machine-types", new_type("MOWER", 11'500, 999'999), admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(r.json().at("purchase_price").as_int64() == 999'999);
    CHECK(r.json().at("fee_band").at("band_fee").as_int64() == 10'000);
    r = s.post("/api/v1/machine-types", new_type("MOWER2", 10'200, 1'000'000), admin.bearer());
    CHECK(r.status == 201);
    // The message names the range, in Korean and in English.
    r = s.post("/api/v1/machine-types", new_type("BIG", 100'000, 45'000'000), [&] {
        auto h = admin.bearer();
        h.emplace_back("Accept-Language", "en");
        return h;
    }());
    CHECK(r.error_code() == "fee_out_of_band");
    CHECK(str(r.json().at("error").at("message")).find("178,500–241,500 won") != std::string::npos);

    // Without a purchase price nothing is checked, whatever the fee.
    r = s.post("/api/v1/machine-types", new_type("NOPRICE", 1, nullptr), admin.bearer());
    REQUIRE(r.status == 201);
    CHECK(r.json().at("purchase_price").is_null());
    CHECK_FALSE(r.json().as_object().contains("fee_band"));
    json::object plain{
        {"code", "PLAIN"}, {"name_ko", "가"}, {"name_en", "A"}, {"daily_fee", 999'999}};
    CHECK(s.post("/api/v1/machine-types", plain, admin.bearer()).status == 201);
}

TEST_CASE("fee bands: updates of the fee or the price are checked, other edits are not",
          "[http][fee_bands]") {
    server_process s;
    const auto admin = login(s, demo_admin);
    const auto fee_of = [&] {
        return s.query("SELECT daily_fee FROM machine_types WHERE code = 'TRACTOR'");
    };
    // TRACTOR: 22,000,000, band 110,000 (93,500 … 126,500), fee 100,000.
    auto r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"daily_fee", 130'000}},
                     admin.bearer());
    CHECK(r.status == 422);
    CHECK(r.error_code() == "fee_out_of_band");
    CHECK(detail(r, "min") == "93500");
    CHECK(fee_of() == "100000");
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"daily_fee", 126'500}},
                admin.bearer());
    CHECK(r.status == 200);
    CHECK(fee_of() == "126500");

    // A price edit that leaves the fee outside the new band: refused, nothing changed.
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"purchase_price", 12'000'000}},
                admin.bearer());
    CHECK(r.status == 422);
    CHECK(r.error_code() == "fee_out_of_band");
    CHECK(detail(r, "band_fee") == "65000");
    CHECK(s.query("SELECT purchase_price FROM machine_types WHERE code = 'TRACTOR'") == "22000000");
    // Price and fee together into the new band: accepted.
    r = s.patch("/api/v1/machine-types/TRACTOR",
                json::object{{"purchase_price", 12'000'000}, {"daily_fee", 70'000}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("fee_band").at("band_fee").as_int64() == 65'000);

    // Clearing the price: nothing checked any more.
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"purchase_price", nullptr}},
                admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("purchase_price").is_null());
    CHECK_FALSE(r.json().as_object().contains("fee_band"));
    CHECK(s.query("SELECT purchase_price IS NULL FROM machine_types WHERE code = 'TRACTOR'") ==
          "1");
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"daily_fee", 500'000}},
                admin.bearer());
    CHECK(r.status == 200);
    // Setting a price again checks the fee.
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"purchase_price", 50'000'000}},
                admin.bearer());
    CHECK(r.error_code() == "fee_out_of_band");
    CHECK(detail(r, "max") == "241500");

    // The audit trail records the price.
    r = s.get("/api/v1/audit?action=type.update", admin.bearer());
    REQUIRE(r.status == 200);
    bool price_change = false;
    const auto entries = r.json();
    for (const auto& e : entries.at("entries").as_array()) {
        price_change = price_change || e.at("details").as_object().contains("purchase_price");
    }
    CHECK(price_change);
}

TEST_CASE("fee bands: bad purchase prices and unknown fields are refused and change nothing",
          "[http][fee_bands]") {
    server_process s;
    const auto admin = login(s, demo_admin);
    const auto price = [&] {
        return s.query("SELECT purchase_price FROM machine_types WHERE code = 'SEEDER'");
    };
    const std::vector<std::pair<json::value, std::string>> bad{
        {json::value(-1), "out_of_range"},
        {json::value(1.5), "not_an_integer"},
        {json::value("800000"), "not_an_integer"},
        {json::value(true), "not_an_integer"},
        {json::value(100'000'000'001), "out_of_range"},
    };
    for (const auto& [value, problem] : bad) {
        CAPTURE(json::serialize(value));
        auto r = s.patch("/api/v1/machine-types/SEEDER", json::object{{"purchase_price", value}},
                         admin.bearer());
        CHECK(r.status == 400);
        CHECK(r.error_code() == "bad_request");
        CHECK(detail(r, "field") == "purchase_price");
        CHECK(detail(r, "problem") == problem);
        r = s.post("/api/v1/machine-types", new_type("BADPRICE", 10'000, value), admin.bearer());
        CHECK(r.status == 400);
        CHECK(detail(r, "field") == "purchase_price");
    }
    CHECK(price() == "800000");
    CHECK(count_types(s, "BADPRICE") == "0");
    auto r =
        s.patch("/api/v1/machine-types/SEEDER",
                json::object{{"purchase_prices", 800'000}, {"daily_fee", 9'000}}, admin.bearer());
    CHECK(r.status == 400);
    CHECK(detail(r, "field") == "purchase_prices");
    CHECK(s.query("SELECT daily_fee FROM machine_types WHERE code = 'SEEDER'") == "10000");

    // The table's own input.
    const auto before = s.query_column("SELECT daily_fee FROM fee_bands ORDER BY price_from");
    const std::vector<std::pair<json::value, std::string>> bad_tables{
        {json::object{}, "bands"},
        {json::object{{"bands", nullptr}}, "bands"},
        {json::object{{"bands", 3}}, "bands"},
        {json::object{{"bands", json::array{}}, {"note", "x"}}, "note"},
        {json::object{
             {"bands", json::array{json::object{
                           {"price_from", 0}, {"price_to", nullptr}, {"daily_fee", 1.5}}}}},
         "bands[0].daily_fee"},
        {json::object{
             {"bands", json::array{json::object{
                           {"price_from", -1}, {"price_to", nullptr}, {"daily_fee", 10}}}}},
         "bands[0].price_from"},
        {json::object{{"bands", json::array{json::object{{"price_from", 0}, {"fee", 10}}}}},
         "bands[0].fee"},
        {json::object{{"bands", json::array{1}}}, "bands[0]"},
    };
    for (const auto& [body, field] : bad_tables) {
        CAPTURE(json::serialize(body));
        r = s.put("/api/v1/fee-bands", body, admin.bearer());
        CHECK(r.status == 400);
        CHECK(detail(r, "field") == field);
    }
    CHECK(s.query_column("SELECT daily_fee FROM fee_bands ORDER BY price_from") == before);
}

TEST_CASE("fee bands: an admin edits the table, the report lists the types left outside",
          "[http][fee_bands]") {
    server_process s;
    const auto admin = login(s, demo_admin);
    const auto op = login(s, demo_operator);
    auto table = table_of(s, admin);
    REQUIRE(table.size() == 18);

    // Refused tables: each with the row and the problem, nothing changed.
    const auto refused = [&](json::array bands, const std::string& field,
                             const std::string& problem) {
        const auto r =
            s.put("/api/v1/fee-bands", json::object{{"bands", std::move(bands)}}, admin.bearer());
        CHECK(r.status == 400);
        CHECK(r.error_code() == "bad_request");
        CHECK(detail(r, "field") == field);
        CHECK(detail(r, "problem") == problem);
    };
    auto gap = table;
    gap[5].as_object()["price_from"] = 5'000'001;
    refused(gap, "bands[5].price_from", "gap");
    auto overlap = table;
    overlap[5].as_object()["price_from"] = 4'999'999;
    refused(overlap, "bands[5].price_from", "overlap");
    auto zero_fee = table;
    zero_fee[3].as_object()["daily_fee"] = 0;
    refused(zero_fee, "bands[3].daily_fee", "not_positive");
    auto closed = table;
    closed[17].as_object()["price_to"] = 90'000'000;
    refused(closed, "bands[17].price_to", "must_be_open");
    auto late_start = table;
    late_start[0].as_object()["price_from"] = 1;
    refused(late_start, "bands[0].price_from", "must_be_zero");
    refused(json::array{}, "bands", "empty");
    CHECK(s.query("SELECT daily_fee FROM fee_bands WHERE price_from = 20000000") == "110000");

    // The law changes: 20,000,000 – 25,000,000 now 130,000 (110,500 … 149,500). TRACTOR
    // (22,000,000, fee 100,000) is now outside; the edit is accepted and the report says so.
    table[12].as_object()["daily_fee"] = 130'000;
    auto r = s.put("/api/v1/fee-bands", json::object{{"bands", table}}, admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("bands").at(12).at("daily_fee").as_int64() == 130'000);
    CHECK(r.json().at("bands").at(12).at("min").as_int64() == 110'500);
    CHECK(s.query("SELECT daily_fee FROM fee_bands WHERE price_from = 20000000") == "130000");
    auto outside = outside_band(s, op);
    REQUIRE(outside.size() == 1);
    CHECK(str(outside[0].at("code")) == "TRACTOR");
    CHECK(outside[0].at("daily_fee").as_int64() == 100'000);
    CHECK(outside[0].at("fee_band").at("band_fee").as_int64() == 130'000);
    CHECK(outside[0].at("fee_band").at("min").as_int64() == 110'500);
    r = s.get("/api/v1/audit?action=fee_bands.update", admin.bearer());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("entries").as_array().size() == 1);

    // The type outside can still be renamed (its fee is not touched) …
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"name_en", "Tractor (35 hp)"}},
                admin.bearer());
    CHECK(r.status == 200);
    // … but a fee change must land inside; then the report is empty again.
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"daily_fee", 105'000}},
                admin.bearer());
    CHECK(r.error_code() == "fee_out_of_band");
    r = s.patch("/api/v1/machine-types/TRACTOR", json::object{{"daily_fee", 120'000}},
                admin.bearer());
    CHECK(r.status == 200);
    CHECK(outside_band(s, op).empty());

    // Saving the same table again changes nothing (no audit row).
    CHECK(s.put("/api/v1/fee-bands", json::object{{"bands", table}}, admin.bearer()).status == 200);
    r = s.get("/api/v1/audit?action=fee_bands.update", admin.bearer());
    CHECK(r.json().at("entries").as_array().size() == 1);
}

TEST_CASE("types per farmer: 0 = no limit, 1 and 2 cap the different types of live bookings",
          "[http][max_types]") {
    server_process s;
    s.set_clock("2020-05-01 10:00");
    const auto admin = login(s, demo_admin);
    const auto set_limit = [&](int n) {
        const auto r =
            s.patch("/api/v1/settings", json::object{{"max_types_per_farmer", n}}, admin.bearer());
        REQUIRE(r.status == 200);
        CHECK(r.json().at("max_types_per_farmer").as_int64() == n);
    };
    auto r = s.get("/api/v1/settings", admin.bearer());
    CHECK(r.json().at("max_types_per_farmer").as_int64() == 0);
    for (const int bad : {-1, 51}) {
        r = s.patch("/api/v1/settings", json::object{{"max_types_per_farmer", bad}},
                    admin.bearer());
        CHECK(r.status == 400);
        CHECK(detail(r, "field") == "max_types_per_farmer");
    }
    r = s.patch("/api/v1/settings", json::object{{"max_types_per_farmer", "1"}}, admin.bearer());
    CHECK(r.status == 400);
    CHECK(s.query("SELECT count(*) FROM settings WHERE key = 'max_types_per_farmer'") == "0");

    // 0: two types at once.
    const char* a = "010-7100-0001";
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "가농부", a))
              .status == 201);
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "SEEDER", "2020-05-14", "2020-05-14", "가농부", a))
              .status == 201);

    // 1: a farmer holding one type is refused a second; another of the same type is fine.
    set_limit(1);
    const char* b = "010-7100-0002";
    r = s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "나농부", b));
    REQUIRE(r.status == 201);
    const std::string first = str(r.json().at("code"));
    r = s.post("/api/v1/reservations",
               booking("BB", "SEEDER", "2020-05-14", "2020-05-14", "나농부", b));
    CHECK(r.status == 422);
    CHECK(r.error_code() == "too_many_types");
    CHECK(detail(r, "max_types") == "1");
    CHECK(s.query("SELECT count(*) FROM reservations r JOIN farmers f ON f.id = r.farmer_id "
                  "WHERE f.phone = '010-7100-0002'") == "1");
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20", "나농부", b))
              .status == 201);
    // Staff booking for a caller: the same rule.
    const auto op = login(s, demo_operator);
    auto staff_booking = booking("BB", "SEEDER", "2020-05-14", "2020-05-14", "나농부", b);
    staff_booking["channel"] = "phone";
    r = s.post("/api/v1/reservations", staff_booking, op.bearer());
    CHECK(r.status == 422);
    CHECK(r.error_code() == "too_many_types");
    // Farmer A already holds two types: a third is refused; a booking of a held type is fine.
    r = s.post("/api/v1/reservations",
               booking("GS", "TILLER", "2020-05-18", "2020-05-18", "가농부", a));
    CHECK(r.error_code() == "too_many_types");

    // After cancelling both CULTIVATOR bookings the SEEDER is allowed.
    r = s.post("/api/v1/reservations/" + first + "/cancel", json::object{{"phone", b}});
    REQUIRE(r.status == 200);
    r = s.post("/api/v1/reservations",
               booking("BB", "SEEDER", "2020-05-14", "2020-05-14", "나농부", b));
    CHECK(r.error_code() == "too_many_types"); // the second CULTIVATOR still holds
    const std::string second = s.query(
        "SELECT r.code FROM reservations r JOIN farmers f ON f.id = r.farmer_id WHERE f.phone = "
        "'010-7100-0002' AND r.status = 'confirmed'");
    REQUIRE(
        s.post("/api/v1/reservations/" + second + "/cancel", json::object{{"phone", b}}).status ==
        200);
    CHECK(s.post("/api/v1/reservations",
                 booking("BB", "SEEDER", "2020-05-14", "2020-05-14", "나농부", b))
              .status == 201);

    // 2: a third type is refused, in Korean too.
    set_limit(2);
    const char* c = "010-7100-0003";
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "CULTIVATOR", "2020-05-12", "2020-05-12", "다농부", c))
              .status == 201);
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "SEEDER", "2020-05-13", "2020-05-13", "다농부", c))
              .status == 201);
    r = s.post("/api/v1/reservations",
               booking("GS", "TILLER", "2020-05-15", "2020-05-15", "다농부", c));
    CHECK(r.status == 422);
    CHECK(r.error_code() == "too_many_types");
    CHECK(detail(r, "max_types") == "2");
    CHECK(str(r.json().at("error").at("message")).find("2가지") != std::string::npos);

    // Back to 0: no limit.
    set_limit(0);
    CHECK(s.post("/api/v1/reservations",
                 booking("GS", "TILLER", "2020-05-15", "2020-05-15", "다농부", c))
              .status == 201);
}
