#pragma once
// Staff logins for integration tests: the demo accounts (README "Demo accounts") and headers
// for bearer-token or cookie (+ CSRF) authentication.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"

namespace agrirent::test {

struct demo_account {
    const char* username;
    const char* password;
};
inline constexpr demo_account demo_admin{"admin", "demo-admin-2020"};
inline constexpr demo_account demo_operator{"operator", "demo-operator-2020"};
inline constexpr demo_account demo_clerk_gs{"clerk-gs", "demo-clerk-gs-2020"};
inline constexpr demo_account demo_clerk_bb{"clerk-bb", "demo-clerk-bb-2020"};

using header_list = std::vector<std::pair<std::string, std::string>>;

struct staff_login {
    std::string token;
    std::string csrf;
    std::string cookie; // "agrirent_session=..." as the browser would send it

    /// Authorization: Bearer (no CSRF needed).
    [[nodiscard]] header_list bearer() const { return {{"Authorization", "Bearer " + token}}; }
    /// The session cookie with the CSRF header (what the pages' scripts send).
    [[nodiscard]] header_list cookie_with_csrf() const {
        return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
    }
    /// The session cookie alone (a cross-site forgery would look like this).
    [[nodiscard]] header_list cookie_only() const { return {{"Cookie", cookie}}; }
};

inline http_reply try_login(const server_process& s, std::string_view username,
                            std::string_view password, const header_list& extra = {}) {
    return s.post("/api/v1/auth/login",
                  boost::json::object{{"username", username}, {"password", password}}, extra);
}

inline staff_login login(const server_process& s, const demo_account& who) {
    const auto r = try_login(s, who.username, who.password);
    if (r.status != 200) {
        throw std::runtime_error("login failed for " + std::string{who.username} + ": " + r.body);
    }
    const auto body = r.json();
    staff_login out;
    out.token = std::string{body.at("token").as_string()};
    out.csrf = std::string{body.at("csrf_token").as_string()};
    const std::string set_cookie = r.header("set-cookie");
    out.cookie = set_cookie.substr(0, set_cookie.find(';'));
    return out;
}

/// Leaves exactly one unit of (`branch`, `type`) in service: the others go to maintenance
/// through the units API (as `admin`), so one booking fills a day ("the last unit"). Returns
/// the tags of the pair's units as listed; the first is the one left in service.
inline std::vector<std::string> leave_one_unit(const server_process& s, const staff_login& admin,
                                               std::string_view branch, std::string_view type) {
    const auto units =
        s.get("/api/v1/units?branch=" + std::string{branch} + "&type=" + std::string{type},
              admin.bearer());
    REQUIRE(units.status == 200);
    const auto listed = units.json(); // kept: a range-for over a temporary's array dangles
    std::vector<std::string> tags;
    for (const auto& u : listed.as_array()) {
        tags.emplace_back(u.at("tag").as_string());
    }
    REQUIRE(!tags.empty());
    for (std::size_t i = 1; i < tags.size(); ++i) {
        REQUIRE(s.post("/api/v1/units/" + tags[i] + "/status",
                       boost::json::object{{"status", "maintenance"}, {"note", "one unit left"}},
                       admin.bearer())
                    .status == 200);
    }
    return tags;
}

} // namespace agrirent::test
