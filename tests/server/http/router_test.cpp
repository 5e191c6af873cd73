// The router is a function request -> response: tested without a socket (STYLE.md).
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "server/http/errors.hpp"
#include "server/http/json_text.hpp"
#include "server/http/router.hpp"

using namespace agrirent;
using namespace agrirent::http;

namespace {

request make(std::string method, std::string target, std::vector<header> headers = {}) {
    request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.headers = std::move(headers);
    r.remote_address = "127.0.0.1";
    return r;
}

std::string error_code(const response& r) {
    return std::string{boost::json::parse(r.body).at("error").at("code").as_string()};
}

} // namespace

TEST_CASE("router: path parameters, decoded query, methods", "[router]") {
    router rt;
    rt.add("GET", "/api/v1/reservations/{code}", [](context& ctx) {
        response res;
        res.body = std::string{ctx.param("code")} + "|" +
                   std::string{ctx.query_value("phone").value_or("-")} + "|" + ctx.route;
        return res;
    });
    rt.add("POST", "/api/v1/reservations/{code}/cancel", [](context&) { return response{}; });

    auto r = rt.handle(make("GET", "/api/v1/reservations/ABC?phone=010%201234"));
    CHECK(r.status == 200);
    CHECK(r.body == "ABC|010 1234|/api/v1/reservations/{code}");
    r = rt.handle(make("HEAD", "/api/v1/reservations/ABC"));
    CHECK(r.status == 200); // HEAD is served by the GET route
    r = rt.handle(make("DELETE", "/api/v1/reservations/ABC"));
    CHECK(r.status == 405);
    CHECK(r.header_value("allow") == "GET");
    CHECK(error_code(r) == "method_not_allowed");
    r = rt.handle(make("GET", "/api/v1/nothing"));
    CHECK(r.status == 404);
    CHECK(error_code(r) == "not_found");
    r = rt.handle(make("GET", "/api/v1/reservations/ABC/cancel"));
    CHECK(r.status == 405);
}

TEST_CASE("router: errors become API.md JSON in the client's language", "[router]") {
    router rt;
    rt.add("GET", "/boom", [](context&) -> response { throw std::runtime_error("boom"); });
    rt.add("GET", "/bad", [](context&) -> response { throw bad_field("start", "not_a_date"); });
    auto r = rt.handle(make("GET", "/boom"));
    CHECK(r.status == 500);
    CHECK(error_code(r) == "internal");
    r = rt.handle(make("GET", "/bad?lang=en"));
    CHECK(r.status == 400);
    const auto body = boost::json::parse(r.body);
    CHECK(body.at("error").at("message").as_string() == "'start' has an invalid value.");
    CHECK(body.at("error").at("details").at("field").as_string() == "start");
    r = rt.handle(make("GET", "/bad", {{"accept-language", "ko-KR,ko;q=0.9,en;q=0.8"}}));
    CHECK(boost::json::parse(r.body).at("error").at("message").as_string() ==
          "'start' 항목의 값이 올바르지 않습니다.");
}

TEST_CASE("refusals map to API.md statuses in one table", "[router]") {
    CHECK(status_of(reason::no_capacity) == 409);
    CHECK(status_of(reason::invalid_transition) == 409);
    CHECK(status_of(reason::max_days_exceeded) == 422);
    CHECK(status_of(reason::calendar_unknown) == 422);
    CHECK(status_of(reason::hour_meter_decreased) == 422);
    CHECK(status_of(reason::not_found) == 404);
    CHECK(status_of(reason::forbidden) == 403);
    const auto r = error_response(
        refusal{reason::chained_booking, {{"start", "2020-05-19"}, {"end", "2020-05-21"}}}, "en");
    CHECK(r.status == 422);
    const auto body = boost::json::parse(r.body);
    CHECK(body.at("error").at("code").as_string() == "chained_booking");
    CHECK(std::string{body.at("error").at("message").as_string()}.find("2020-05-19") !=
          std::string::npos);
}

TEST_CASE("language: ?lang, cookie, Accept-Language, Korean by default", "[router]") {
    CHECK(pick_language(make("GET", "/"), {}) == "ko");
    CHECK(pick_language(make("GET", "/"), {{"lang", "en"}}) == "en");
    CHECK(pick_language(make("GET", "/", {{"cookie", "a=b; lang=en"}}), {}) == "en");
    CHECK(pick_language(make("GET", "/", {{"accept-language", "en-GB,en;q=0.9"}}), {}) == "en");
    CHECK(pick_language(make("GET", "/", {{"accept-language", "ko,en;q=0.5"}}), {}) == "ko");
    CHECK(pick_language(make("GET", "/", {{"cookie", "lang=en"}}), {{"lang", "ko"}}) == "ko");
}

TEST_CASE("JSON text writes doubles as plain decimals, the rest as Boost.JSON does",
          "[http][json]") {
    namespace json = boost::json;
    const json::value v = {{"hour_meter", 157.5},    {"whole", 520.0}, {"n", 3},
                           {"s", "a\"b\\c\n\x01/é"}, {"b", true},      {"z", nullptr},
                           {"list", {1.25, "x"}}};
    const std::string text = agrirent::http::to_json_text(v);
    CHECK(text.find(R"("hour_meter":157.5)") != std::string::npos);
    CHECK(text.find(R"("whole":520.0)") != std::string::npos);
    CHECK(text.find("E") == std::string::npos);
    CHECK(json::parse(text) == v);
    // Strings and non-doubles exactly as Boost.JSON writes them.
    const json::value no_doubles = {
        {"s", "a\"b\\c\n\x01\x1f/é\t"}, {"n", -3}, {"a", {true, nullptr}}};
    CHECK(agrirent::http::to_json_text(no_doubles) == json::serialize(no_doubles));
}
