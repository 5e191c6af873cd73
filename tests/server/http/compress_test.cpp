// gzip content coding: which requests get it and that what we send decompresses to the original.
#include <string>

#include <catch2/catch.hpp>

#include "server/http/compress.hpp"

using namespace agrirent::http;

namespace {

request with_accept(std::string value) {
    request req;
    req.method = "GET";
    req.target = "/";
    if (!value.empty()) {
        req.headers.push_back({"accept-encoding", std::move(value)});
    }
    return req;
}

response json_of_size(std::size_t n) {
    response res;
    res.set_header("content-type", "application/json; charset=utf-8");
    res.body = "[" + std::string(n, ' ') + "]";
    return res;
}

} // namespace

TEST_CASE("accepts_gzip reads Accept-Encoding with q-values", "[http][gzip]") {
    CHECK(accepts_gzip(with_accept("gzip, deflate, br")));
    CHECK(accepts_gzip(with_accept("br, GZIP;q=0.8")));
    CHECK(accepts_gzip(with_accept("x-gzip")));
    CHECK(accepts_gzip(with_accept("*")));
    CHECK(accepts_gzip(with_accept("gzip;q=0.001")));
    CHECK_FALSE(accepts_gzip(with_accept("")));
    CHECK_FALSE(accepts_gzip(with_accept("identity")));
    CHECK_FALSE(accepts_gzip(with_accept("deflate, br")));
    CHECK_FALSE(accepts_gzip(with_accept("gzip;q=0")));
    CHECK_FALSE(accepts_gzip(with_accept("gzip; q=0.000")));
    CHECK_FALSE(accepts_gzip(with_accept("gzipped")));
}

TEST_CASE("gzip round-trips text, Korean and binary bytes", "[http][gzip]") {
    std::string text;
    for (int i = 0; i < 2000; ++i) {
        text += "{\"date\":\"2020-05-18\",\"available\":" + std::to_string(i % 4) + "} 트랙터 ";
    }
    text.push_back('\0');
    text += "\xff\xfe";
    const std::string packed = gzip(text);
    CHECK(packed.size() < text.size() / 5);
    CHECK(static_cast<unsigned char>(packed[0]) == 0x1f); // the gzip magic number
    CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
    CHECK(gunzip(packed) == text);
    CHECK(gunzip(gzip("")).empty());
    CHECK_THROWS(gunzip("not gzip at all"));
}

TEST_CASE("compress_response: large text for gzip clients only, Vary always", "[http][gzip]") {
    SECTION("a client that accepts gzip gets it") {
        auto res = json_of_size(5000);
        const std::string plain = res.body;
        compress_response(with_accept("gzip, deflate"), res);
        CHECK(res.header_value("content-encoding") == "gzip");
        CHECK(res.header_value("vary") == "Accept-Encoding");
        CHECK(gunzip(res.body) == plain);
    }
    SECTION("a client that does not gets the plain body, still with Vary") {
        auto res = json_of_size(5000);
        const std::string plain = res.body;
        compress_response(with_accept(""), res);
        CHECK(res.header_value("content-encoding").empty());
        CHECK(res.header_value("vary") == "Accept-Encoding");
        CHECK(res.body == plain);
    }
    SECTION("small bodies, images and HEAD stay as they are") {
        auto small = json_of_size(100);
        compress_response(with_accept("gzip"), small);
        CHECK(small.header_value("content-encoding").empty());

        response png;
        png.set_header("content-type", "image/png");
        png.body = std::string(5000, 'x');
        compress_response(with_accept("gzip"), png);
        CHECK(png.header_value("content-encoding").empty());
        CHECK(png.header_value("vary").empty());

        auto head_req = with_accept("gzip");
        head_req.method = "HEAD";
        auto head = json_of_size(5000);
        compress_response(head_req, head);
        CHECK(head.header_value("content-encoding").empty());
    }
    SECTION("a body already encoded is not encoded twice") {
        auto res = json_of_size(5000);
        res.body = gzip(res.body);
        res.set_header("content-encoding", "gzip");
        const std::string once = res.body;
        compress_response(with_accept("gzip"), res);
        CHECK(res.body == once);
    }
}
