#pragma once
// The JSON API called from inside the server, through the same router, on behalf of the staff
// member whose page request is being handled (admin pages: admin_pages.cpp explains why).
//
// The call is a new http::request: the method and target, a JSON body, `Authorization: Bearer`
// with the page session's token (bearer requests need no CSRF token: the page request already
// passed the CSRF check), the page's language as Accept-Language, and the client's address
// (and, behind a proxy, its X-Forwarded-* headers), so the access filter, the handlers and the
// audit trail see the same person, address and language as the page.
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "server/http/router.hpp"

namespace agrirent::pages {

/// What the API answered.
struct api_result {
    int status = 0;
    boost::json::value body; // the parsed JSON body (null for 204 or a non-JSON body)
    std::string code;        // error.code ("" on success)
    std::string message;     // error.message, in the request's language
    std::string field;       // error.details.field, or ""
    boost::json::object details;

    [[nodiscard]] bool ok() const noexcept { return status >= 200 && status < 300; }
    /// A refusal of the request as made (bad input, not found, conflict …), as opposed to a
    /// failure of the server.
    [[nodiscard]] bool refused() const noexcept { return status >= 400 && status < 500; }
};

class inprocess_api {
  public:
    /// `router` must be the router that serves `page` (it outlives every request).
    inprocess_api(const http::router& router, const http::context& page);

    /// One API call; `target` is an origin-form path with an optional, encoded query.
    [[nodiscard]] api_result call(std::string_view method, std::string target,
                                  const boost::json::object* body = nullptr) const;

    [[nodiscard]] api_result get(std::string target) const {
        return call("GET", std::move(target));
    }
    [[nodiscard]] api_result post(std::string target, const boost::json::object& body) const {
        return call("POST", std::move(target), &body);
    }
    [[nodiscard]] api_result patch(std::string target, const boost::json::object& body) const {
        return call("PATCH", std::move(target), &body);
    }
    [[nodiscard]] api_result del(std::string target) const {
        return call("DELETE", std::move(target));
    }

  private:
    const http::router& router_;
    const http::context& page_;
};

/// One path segment, percent-encoded ("010-1234-5678", "GS-TRACTOR-01", a username).
std::string path_segment(std::string_view raw);

} // namespace agrirent::pages
