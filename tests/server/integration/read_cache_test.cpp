// Availability answers are reused between commits (app::read_cache) and sent gzipped to clients
// that ask for it: the same URL must show every change at once, and the gzip form must be the
// same document.
#include <string>

#include <catch2/catch.hpp>

#include "server/http/compress.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
using agrirent::http::gunzip;
namespace json = boost::json;

namespace {

constexpr const char* url =
    "/api/v1/availability?branch=GS&type=TILLER&from=2020-05-19&to=2020-05-21";

std::int64_t available_on_0520(const server_process& s) {
    const auto r = s.get(url);
    REQUIRE(r.status == 200);
    return r.json().at("days").at(1).at("available").as_int64();
}

} // namespace

TEST_CASE("availability: the same URL shows a booking, a cancel and a unit out of service at once",
          "[http][public][availability][cache]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto clerk = login(s, demo_clerk_gs);
    CHECK(available_on_0520(s) == 2);
    CHECK(available_on_0520(s) == 2); // asked twice: the second answer may come from the cache

    const auto booked =
        s.post("/api/v1/reservations", booking("GS", "TILLER", "2020-05-20", "2020-05-20"));
    REQUIRE(booked.status == 201);
    CHECK(available_on_0520(s) == 1);

    const std::string code{booked.json().at("code").as_string()};
    const std::string phone{booked.json().at("farmer").at("phone").as_string()};
    REQUIRE(
        s.post("/api/v1/reservations/" + code + "/cancel", json::object{{"phone", phone}}).status ==
        200);
    CHECK(available_on_0520(s) == 2);

    // A tiller goes to maintenance: one fewer for every day, shown at once.
    REQUIRE(s.post("/api/v1/units/GS-TILLER-01/status", json::object{{"status", "maintenance"}},
                   clerk.bearer())
                .status == 200);
    CHECK(available_on_0520(s) == 1);
    REQUIRE(s.post("/api/v1/units/GS-TILLER-01/status", json::object{{"status", "available"}},
                   clerk.bearer())
                .status == 200);
    CHECK(available_on_0520(s) == 2);

    // A closure set by the admin (a catalog change) shows too.
    const auto admin = login(s, demo_admin);
    const auto all = "/api/v1/availability?branch=GS&from=2020-05-19&to=2020-05-21";
    CHECK(s.get(all).json().at("types").at(0).at("days").at(1).at("operating").as_bool());
    REQUIRE(s.post("/api/v1/closures",
                   json::object{{"branch", "GS"}, {"date", "2020-05-20"}, {"note", "cache test"}},
                   admin.bearer())
                .status == 201);
    CHECK_FALSE(s.get(all).json().at("types").at(0).at("days").at(1).at("operating").as_bool());
}

TEST_CASE("gzip: availability and pages for clients that accept it, the same document",
          "[http][gzip]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto all = "/api/v1/availability?branch=GS&from=2020-05-18&to=2020-06-17";
    const auto plain = s.get(all);
    REQUIRE(plain.status == 200);
    CHECK(plain.header("content-encoding").empty());
    CHECK(plain.header("vary") == "Accept-Encoding");
    for (int round = 0; round < 2; ++round) { // made, then from the cache
        const auto packed = s.get(all, {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(packed.status == 200);
        CHECK(packed.header("content-encoding") == "gzip");
        CHECK(packed.body.size() < plain.body.size() / 5);
        CHECK(gunzip(packed.body) == plain.body);
    }
    // A page: the farmers' home in Korean.
    const auto page = s.get("/", {{"Accept-Encoding", "gzip"}});
    REQUIRE(page.status == 200);
    CHECK(page.header("content-encoding") == "gzip");
    CHECK(gunzip(page.body).find("<html") != std::string::npos);
    // q=0 refuses gzip.
    CHECK(s.get(all, {{"Accept-Encoding", "gzip;q=0"}}).header("content-encoding").empty());
}
