#pragma once
// The hostile-request corpus (issue 6 "bad input"): concrete requests, each of which must get a
// 4xx (or, for a request that never ends, be closed), leave the database byte-for-byte unchanged
// and leave the server serving. See docs/hostile-input.md for the categories.
#include <string>
#include <vector>

#include "tests/server/hostile/hostile_support.hpp"

namespace agrirent::test::hostile {

struct hostile_case {
    std::string category;
    std::string name;
    std::string bytes;               // exactly what goes over the socket
    bool half_close = false;         // shutdown(SHUT_WR) once sent: "the client stopped here"
    bool may_close_silently = false; // a request that never ends: closed after read_timeout
    bool json_error = false;         // an /api/ route or the socket layer: API.md's JSON error
};

/// What the corpus needs from the running server: who is logged in, and some real objects.
struct corpus_context {
    header_list admin_bearer;
    header_list operator_bearer;
    header_list clerk_bearer; // clerk-gs
    header_list admin_cookie; // cookie + X-CSRF-Token
    std::string admin_cookie_only;
    std::string admin_csrf;
    std::string operator_cookie_only;
    std::string operator_csrf;
    std::string clerk_cookie_only;
    std::string clerk_csrf;
};

/// A valid request with one field made hostile is the corpus's building block; the unmodified
/// valid requests themselves are returned by `base_requests` so a test can show they would be
/// accepted (the refusal is the hostile field's doing, not a broken base).
struct base_request {
    std::string name;
    std::string bytes;
};

std::vector<hostile_case> build_corpus(const corpus_context& ctx);
std::vector<base_request> base_requests(const corpus_context& ctx);

} // namespace agrirent::test::hostile
