// libFuzzer target: whole requests through the application's router — the real route table of
// server/api and server/pages, the access filter (sessions, CSRF, rate limits), the handlers and
// a demo database — as the socket layer hands them over, without a socket.
//
// Input: "METHOD TARGET\n", header lines "name: value\n", an empty line, the body. A header
// "as: admin", "as: operator", "as: clerk" (suffix "-cookie" for the cookie + CSRF header)
// logs the request in; @CODE@, @TAG@, @BRANCH@, @TYPE@, @PHONE@, … name rows of the demo data
// (app_fixture.hpp). Any 5xx aborts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/app_fixture.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)agrirent::fuzz::app_fixture::get();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) {
        return -1; // the socket layer refuses bodies over its limit before the router
    }
    auto& app = agrirent::fuzz::app_fixture::get();
    const auto req = agrirent::fuzz::parse_request(
        std::string_view{reinterpret_cast<const char*>(data), size}, app);
    (void)app.handle(req);
    return 0;
}
