// The booking grant cookie (server/pages/booking_grant.hpp), without a server.
#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "server/http/message.hpp"
#include "server/pages/booking_grant.hpp"

using namespace agrirent;

TEST_CASE("booking grant: a signed, expiring permission to see one booking", "[views][grant]") {
    pages::booking_grants::key_type key{};
    key.fill(7);
    const pages::booking_grants grants{key, std::chrono::hours{1}};
    const sys_seconds now{std::chrono::seconds{1589245200}}; // 2020-05-12 10:00 KST
    const auto value = grants.value("K7M2Q9XW", "010-1234-5678", now + std::chrono::hours{1});

    CHECK(grants.verify(value, "K7M2Q9XW", now) == "010-1234-5678");
    CHECK_FALSE(grants.verify(value, "K7M2Q9XX", now));                         // other code
    CHECK_FALSE(grants.verify(value, "K7M2Q9XW", now + std::chrono::hours{2})); // expired
    std::string tampered = value;
    tampered.replace(0, 13, "010-9999-5678");
    CHECK_FALSE(grants.verify(tampered, "K7M2Q9XW", now));
    CHECK_FALSE(grants.verify("garbage", "K7M2Q9XW", now));
    CHECK_FALSE(grants.verify("a.b.c", "K7M2Q9XW", now));

    pages::booking_grants::key_type other{};
    other.fill(8);
    CHECK_FALSE(pages::booking_grants{other}.verify(value, "K7M2Q9XW", now)); // a restart

    const auto cookie = grants.set_cookie("K7M2Q9XW", "010-1234-5678", now, false);
    CHECK(cookie.starts_with("bk_K7M2Q9XW=010-1234-5678."));
    CHECK(cookie.find("; Path=/booking/K7M2Q9XW;") != std::string::npos);
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("Secure") == std::string::npos);
    CHECK(grants.set_cookie("K7M2Q9XW", "010-1234-5678", now, true).ends_with("; Secure"));

    http::request req;
    req.headers = {{"cookie", "lang=en; " + cookie.substr(0, cookie.find(';'))}};
    CHECK(grants.phone_for(req, "K7M2Q9XW", now) == "010-1234-5678");
    CHECK_FALSE(grants.phone_for(req, "AAAAAAAA", now));
}
