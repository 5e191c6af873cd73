// The decoders of the administration requests (server/codec/admin_decode.hpp), shared by the
// admin API and the admin pages: strict, and naming the field that is wrong.
#include <functional>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/http/errors.hpp"

using namespace agrirent;
namespace adm = agrirent::codec::admin;
namespace json = boost::json;

namespace {

/// The field and problem of the http::api_error `f` throws (400 bad_request).
std::pair<std::string, std::string> refusal_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const http::api_error& e) {
        CHECK(e.status() == 400);
        CHECK(e.code() == "bad_request");
        std::pair<std::string, std::string> out;
        for (const auto& [k, v] : e.details()) {
            (k == "field" ? out.first : out.second) = v;
        }
        return out;
    }
    FAIL("nothing was refused");
    return {};
}

json::object obj(const char* text) {
    return json::parse(text).as_object();
}

} // namespace

TEST_CASE("admin decoders: a season", "[codec]") {
    const auto in =
        adm::decode_season(obj(R"({"branch":"GS","from":"2026-04-01","to":"2026-06-30"})"));
    CHECK(in.branch == "GS");
    CHECK(in.days.to == *parse_date("2026-06-30"));

    using p = std::pair<std::string, std::string>;
    CHECK(refusal_of([] {
              adm::decode_season(obj(R"({"branch":"GS","from":"2026-04-01","to":"2026-03-01"})"));
          }) == p{"to", "before_from"});
    CHECK(refusal_of([] {
              adm::decode_season(obj(R"({"branch":"GS","from":"2026-01-01","to":"2027-06-01"})"));
          }) == p{"to", "season_too_long"});
    CHECK(refusal_of([] {
              adm::decode_season(
                  obj(R"({"branch":"GS","from":"2026-04-01","to":"2026-06-30","x":1})"));
          }) == p{"x", "unknown_field"});
}

TEST_CASE("admin decoders: a closure, a branch, settings and the farmers' search", "[codec]") {
    using p = std::pair<std::string, std::string>;
    const auto c = adm::decode_closure(obj(R"({"branch":"GS","date":"2026-05-05"})"));
    CHECK_FALSE(c.extra_opening);
    CHECK(c.note.empty());
    CHECK(refusal_of([] { adm::decode_closure(obj(R"({"branch":"GS","date":"1999-05-05"})")); }) ==
          p{"date", "out_of_range"});

    CHECK(refusal_of([] {
              adm::decode_branch_create(obj(R"({"code":"gs","name_ko":"가","name_en":"A"})"));
          }) == p{"code", "not_a_code"});
    CHECK(refusal_of([] {
              adm::decode_branch_create(
                  obj(R"({"code":"A","name_ko":"가","name_en":"A","phones":["call me"]})"));
          }) == p{"phones", "not_a_phone_number"});
    CHECK(refusal_of([] {
              adm::decode_branch_create(
                  obj(R"({"code":"A","name_ko":"가","name_en":"A","hours":{"noon":"12:00"}})"));
          }) == p{"hours.noon", "unknown_field"});

    CHECK(adm::decode_settings(obj(R"({"max_live":4})")).at("max_live") == 4);
    CHECK(refusal_of([] { adm::decode_settings(obj(R"({"max_lives":4})")); }) ==
          p{"max_lives", "unknown_field"});

    const auto q = adm::decode_farmer_query({{"phone", "5678"}, {"limit", "10"}});
    CHECK(q.phone_digits == "5678");
    CHECK(q.limit == 10);
    CHECK(refusal_of([] {
              adm::decode_farmer_query({{"phone", "56"}});
          }) == p{"phone", "not_a_mobile_number"});
    CHECK(refusal_of([] {
              adm::decode_farmer_query({{"limit", "500"}});
          }) == p{"limit", "out_of_range"});
}

TEST_CASE("admin refusals answer as the admin API always did", "[codec]") {
    const refusal overlap{reason::season_overlap,
                          {{"id", "3"}, {"from", "2026-04-01"}, {"to", "2026-06-30"}}};
    const auto res = http::error_response(overlap, "en");
    CHECK(res.status == 409);
    const auto body = json::parse(res.body).as_object().at("error").as_object();
    CHECK(body.at("code") == "conflict");
    CHECK(body.at("message") ==
          "It overlaps an existing Saturday season (2026-04-01 to 2026-06-30).");
    CHECK(body.at("details").as_object().at("id") == "3");

    const refusal missing{reason::admin_not_found, {{"field", "branch"}, {"value", "NOPE"}}};
    const auto nf = http::error_response(missing, "en");
    CHECK(nf.status == 404);
    CHECK(json::parse(nf.body).at("error").at("message") == "No branch 'NOPE'.");
    CHECK(http::status_of(reason::backup_busy) == 429);
    CHECK(http::api_code_of(reason::backup_busy) == "rate_limited");
    CHECK(http::status_of(reason::backup_failed) == 500);
}

TEST_CASE("admin decoders: a value an update cannot read is refused after the look-up", "[codec]") {
    // The structure is checked at once …
    CHECK_THROWS_AS(adm::decode_branch_update(obj(R"({"colour":"red"})")), http::api_error);
    // … a value only once the service found the branch (a missing branch is "not found").
    const auto in = adm::decode_branch_update(obj(R"({"name_en":"","horizon_days":3})"));
    REQUIRE(in.malformed);
    CHECK(in.malformed->code == reason::invalid_field);
    CHECK(in.malformed->detail("field") == "name_en");
    CHECK(in.malformed->detail("problem") == "invalid_name");
    const auto missing = adm::decode_farmer_update(obj(R"({"suspension":{"reason":"x"}})"));
    REQUIRE(missing.malformed);
    CHECK(missing.malformed->code == reason::missing_field);
    CHECK(http::error_response(*missing.malformed, "en").body ==
          http::error_response(http::bad_field("suspension.until", "missing"), "en").body);
    CHECK_FALSE(adm::decode_category_update(obj(R"({"percent":-5})")).malformed);
}
