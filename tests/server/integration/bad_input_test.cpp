// Bad input of every kind gets the documented 4xx JSON error, changes nothing and the server keeps
// serving (issue 3 "Bad input").
#include <fstream>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string state(const server_process& s) {
    return s.query("SELECT (SELECT count(*) FROM reservations) || '/' || "
                   "(SELECT count(*) FROM farmers) || '/' || (SELECT count(*) FROM audit_log) || "
                   "'/' || (SELECT count(*) FROM outbox)");
}

struct bad_case {
    const char* what;
    std::string method;
    std::string target;
    std::string body;
    int status;
    const char* code;
    std::vector<std::pair<std::string, std::string>> headers = {};
};

std::string booking_text(const std::string& farmer_fields, const std::string& start = "2020-05-20",
                         const std::string& end = "2020-05-20",
                         const std::string& type = "CULTIVATOR") {
    return R"({"branch":"GS","type":")" + type + R"(","start":")" + start + R"(","end":")" + end +
           R"(","farmer":{)" + farmer_fields + "}}";
}

} // namespace

TEST_CASE("bad input gets a clear 4xx error and changes nothing", "[http][bad_input]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string ok_farmer = R"("name":"홍길동","phone":"010-1234-0000")";
    const std::vector<bad_case> cases = {
        {"malformed JSON", "POST", "/api/v1/reservations", "{\"branch\":", 400, "bad_request"},
        {"JSON that is not an object", "POST", "/api/v1/reservations", "[1,2]", 400, "bad_request"},
        {"trailing garbage", "POST", "/api/v1/reservations", booking_text(ok_farmer) + "x", 400,
         "bad_request"},
        {"empty body", "POST", "/api/v1/reservations", "", 400, "bad_request"},
        {"branch of the wrong type", "POST", "/api/v1/reservations",
         R"({"branch":7,"type":"CULTIVATOR","start":"2020-05-20","farmer":{)" + ok_farmer + "}}",
         400, "bad_request"},
        {"missing type", "POST", "/api/v1/reservations",
         R"({"branch":"GS","start":"2020-05-20","farmer":{)" + ok_farmer + "}}", 400,
         "bad_request"},
        {"missing farmer", "POST", "/api/v1/reservations",
         R"({"branch":"GS","type":"CULTIVATOR","start":"2020-05-20"})", 400, "bad_request"},
        {"farmer not an object", "POST", "/api/v1/reservations",
         R"({"branch":"GS","type":"CULTIVATOR","start":"2020-05-20","farmer":"me"})", 400,
         "bad_request"},
        {"missing phone", "POST", "/api/v1/reservations", booking_text(R"("name":"홍길동")"), 400,
         "bad_request"},
        {"landline phone", "POST", "/api/v1/reservations",
         booking_text(R"("name":"홍길동","phone":"062-613-5328")"), 400, "bad_request"},
        {"impossible date", "POST", "/api/v1/reservations",
         booking_text(ok_farmer, "2020-02-30", "2020-02-30"), 400, "bad_request"},
        {"date in another format", "POST", "/api/v1/reservations",
         booking_text(ok_farmer, "20.05.2020", "20.05.2020"), 400, "bad_request"},
        {"date as a number", "POST", "/api/v1/reservations",
         R"({"branch":"GS","type":"CULTIVATOR","start":20200520,"farmer":{)" + ok_farmer + "}}",
         400, "bad_request"},
        {"huge number", "POST", "/api/v1/reservations",
         R"({"branch":"GS","type":"CULTIVATOR","start":1e999,"farmer":{)" + ok_farmer + "}}", 400,
         "bad_request"},
        {"control character in name", "POST", "/api/v1/reservations",
         booking_text(R"("name":"홍\u0007길동","phone":"010-1234-0000")"), 400, "bad_request"},
        {"newline in name", "POST", "/api/v1/reservations",
         booking_text(R"("name":"홍\n길동","phone":"010-1234-0000")"), 400, "bad_request"},
        {"invalid UTF-8 in name", "POST", "/api/v1/reservations",
         booking_text("\"name\":\"\xff\xfe\",\"phone\":\"010-1234-0000\""), 400, "bad_request"},
        {"empty name", "POST", "/api/v1/reservations",
         booking_text(R"("name":"   ","phone":"010-1234-0000")"), 400, "bad_request"},
        {"overlong name", "POST", "/api/v1/reservations",
         booking_text("\"name\":\"" + std::string(200, 'a') + "\",\"phone\":\"010-1234-0000\""),
         400, "bad_request"},
        {"reversed range", "POST", "/api/v1/reservations",
         booking_text(ok_farmer, "2020-05-21", "2020-05-20"), 422, "start_after_end"},
        {"oversized range", "POST", "/api/v1/reservations",
         booking_text(ok_farmer, "2020-05-18", "2020-06-30"), 422, "max_days_exceeded"},
        {"unknown branch", "POST", "/api/v1/reservations",
         R"({"branch":"ZZ","type":"CULTIVATOR","start":"2020-05-20","farmer":{)" + ok_farmer + "}}",
         404, "not_found"},
        {"SQL metacharacters in branch", "POST", "/api/v1/reservations",
         R"({"branch":"GS'; DROP TABLE reservations; --","type":"CULTIVATOR","start":"2020-05-20","farmer":{)" +
             ok_farmer + "}}",
         404, "not_found"},
        {"not JSON content type",
         "POST",
         "/api/v1/reservations",
         booking_text(ok_farmer),
         415,
         "bad_request",
         {{"Content-Type", "application/x-www-form-urlencoded"}}},
        {"quote with an impossible date", "GET",
         "/api/v1/quote?branch=GS&type=TRACTOR&start=2020-02-30", "", 400, "bad_request"},
        {"quote without a type", "GET", "/api/v1/quote?branch=GS&start=2020-05-20", "", 400,
         "bad_request"},
        {"quote for an unknown type", "GET",
         "/api/v1/quote?branch=GS&type=%27%20OR%201%3D1--&start=2020-05-20", "", 404, "not_found"},
        {"calendar reversed", "GET", "/api/v1/calendar?branch=GS&from=2020-06-01&to=2020-05-01", "",
         400, "bad_request"},
        {"calendar too long", "GET", "/api/v1/calendar?branch=GS&from=2020-01-01&to=2021-06-01", "",
         400, "bad_request"},
        {"lookup with a malformed phone", "GET", "/api/v1/reservations/ACDEFGHJ?phone=abc", "", 400,
         "bad_request"},
        {"cancel without phone", "POST", "/api/v1/reservations/ACDEFGHJ/cancel", "{}", 400,
         "bad_request"},
        {"unknown route", "GET", "/api/v1/nothing-here", "", 404, "not_found"},
        {"unknown method", "DELETE", "/api/v1/branches", "", 405, "method_not_allowed"},
        {"PUT on the booking route", "PUT", "/api/v1/reservations", "{}", 405,
         "method_not_allowed"},
        {"clock with a bad instant", "PUT", "/api/v1/test/clock", R"({"now":"tomorrow"})", 400,
         "bad_request"},
    };
    const auto before = state(s);
    for (const auto& c : cases) {
        CAPTURE(c.what);
        const auto r = http_request(s.port(), c.method, c.target, c.body, c.headers);
        CHECK(r.status == c.status);
        CHECK(r.error_code() == c.code);
        CHECK(r.header("content-type").starts_with("application/json"));
        if (r.status != 405 || c.code != std::string{"method_not_allowed"}) {
            CHECK_FALSE(r.json().at("error").at("message").as_string().empty());
        }
        CHECK(state(s) == before);
    }
    // Still serving, and the tables are intact.
    CHECK(s.get("/healthz").status == 200);
    CHECK(s.query("SELECT count(*) FROM branches") == "2");
    // A name with SQL and HTML in it is data: stored and returned as typed.
    const auto r = s.post(
        "/api/v1/reservations",
        json::parse(booking_text(
            R"("name":"O'Brien <script>; DROP TABLE farmers; --","phone":"010-1234-0000")")));
    REQUIRE(r.status == 201);
    CHECK(r.json().at("farmer").at("name").as_string() ==
          "O'Brien <script>; DROP TABLE farmers; --");
    CHECK(s.query("SELECT count(*) FROM farmers") != "0");
}

TEST_CASE("request limits: 413 for large bodies, 431 for large headers", "[http][limits]") {
    server_process s;
    const std::string big(70 * 1024, 'x');
    auto r = http_request(s.port(), "POST", "/api/v1/reservations", big);
    CHECK(r.status == 413);
    CHECK(r.error_code() == "body_too_large");
    r = http_request(s.port(), "GET", "/healthz", {}, {{"X-Filler", std::string(9000, 'y')}});
    CHECK(r.status == 431);
    CHECK(r.error_code() == "header_too_large");
    CHECK(s.get("/healthz").status == 200);
}

TEST_CASE("keep-alive: several requests on one connection", "[http][limits]") {
    server_process s;
    const std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string last =
        "GET /api/v1/branches HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const auto raw = raw_exchange(s.port(), one + one + last);
    std::size_t count = 0;
    for (auto pos = raw.find("HTTP/1.1 200"); pos != std::string::npos;
         pos = raw.find("HTTP/1.1 200", pos + 1)) {
        ++count;
    }
    CHECK(count == 3);
}

TEST_CASE("metrics count requests by route and status, and bookings by outcome",
          "[http][metrics]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    (void)s.get("/api/v1/branches");
    (void)s.post("/api/v1/reservations",
                 booking("GS", "CULTIVATOR", "2020-05-18", "2020-05-22")); // 5 days: refused
    (void)s.post("/api/v1/reservations", booking("GS", "CULTIVATOR", "2020-05-18", "2020-05-18"));
    const auto m = s.get("/metrics");
    REQUIRE(m.status == 200);
    CHECK(m.header("content-type").starts_with("text/plain"));
    CHECK(
        m.body.find(
            R"(agrirent_http_requests_total{method="GET",route="/api/v1/branches",status="200"} 1)") !=
        std::string::npos);
    CHECK(m.body.find(R"(agrirent_bookings_total{outcome="created"} 1)") != std::string::npos);
    CHECK(m.body.find(R"(agrirent_bookings_total{outcome="max_days_exceeded"} 1)") !=
          std::string::npos);
    CHECK(m.body.find("agrirent_http_request_duration_seconds_bucket") != std::string::npos);
    CHECK(m.body.find("agrirent_open_connections ") != std::string::npos);
}

TEST_CASE("the test clock route exists only with --test-clock", "[http]") {
    server_process with_clock({}, true, true);
    CHECK(with_clock.put("/api/v1/test/clock", json::object{{"now", "2020-05-12T10:00:00+09:00"}})
              .status == 200);
    server_process without({}, true, false);
    CHECK(without.put("/api/v1/test/clock", json::object{{"now", "2020-05-12T10:00:00+09:00"}})
              .status == 404);
}

TEST_CASE("a restart keeps the data, SIGTERM stops cleanly", "[http][lifecycle]") {
    std::string code;
    server_process first;
    first.set_clock("2020-05-12 10:00");
    const auto r =
        first.post("/api/v1/reservations", booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20"));
    REQUIRE(r.status == 201);
    code = std::string{r.json().at("code").as_string()};
    CHECK(first.stop() == 0); // graceful: exit status 0
    // --demo again on a database that has data loads nothing more.
    server_process second(first, {"--demo"});
    CHECK(second.get("/api/v1/reservations/" + code + "?phone=010-1111-2222").status == 200);
    CHECK(second.query("SELECT count(*) FROM branches") == "2");
    CHECK(second.stop() == 0);
}

// [sqlite]: the schema version lives in SQLite's user_version here; the PostgreSQL adapter's own
// tests (tests/server/storage) check its schema_too_new.
TEST_CASE("a database from a newer program is refused, unchanged", "[http][lifecycle][sqlite]") {
    server_process first;
    first.stop();
    first.exec_sql("PRAGMA user_version = 99");
    const auto [status, output] = run_to_exit({"--port", "0", "--db", first.db_path().string()});
    CHECK(status != 0);
    CHECK(output.find("newer") != std::string::npos);
    CHECK(first.query("PRAGMA user_version") == "99");
}

TEST_CASE("options: --help, bad options and AGRIRENT_* variables", "[http][lifecycle]") {
    auto [status, output] = run_to_exit({"--help"});
    CHECK(status == 0);
    CHECK(output.find("--test-clock") != std::string::npos);
    std::tie(status, output) = run_to_exit({"--port", "notaport"});
    CHECK(status == 2);
    std::tie(status, output) = run_to_exit({"--log-level", "loud"});
    CHECK(status == 2);
    // The same option from the environment and from a config file.
    std::tie(status, output) = run_to_exit({"--port", "0"}, 30, {"AGRIRENT_LOG_LEVEL=loud"});
    CHECK(status == 2);
    CHECK(output.find("--log-level") != std::string::npos);
    temp_dir dir;
    const auto file = dir.path() / "agrirent.conf";
    {
        std::ofstream out{file};
        out << "log-level = loud\n";
    }
    std::tie(status, output) = run_to_exit({"--port", "0", "--config", file.string()});
    CHECK(status == 2);
}
