#pragma once
// HTTP request and response as plain values. The socket layer (server/net/) converts Beast's
// messages to and from these, so routes, handlers and views never include Beast (STYLE.md:
// socket code knows nothing of routes; the router can be called in a test without a socket).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace agrirent::http {

struct header {
    std::string name; // lower case
    std::string value;
};

struct request {
    std::string method;          // "GET", "POST", …
    std::string target;          // as sent: "/api/v1/quote?branch=GS&…"
    std::vector<header> headers; // names lower-cased by the socket layer
    std::string body;
    std::string remote_address; // peer IP address, e.g. "127.0.0.1"
    bool secure = false;        // arrived over TLS (never, today: TLS ends at a proxy)

    /// First header named `name` (lower case), or empty.
    [[nodiscard]] std::string_view header_value(std::string_view name) const noexcept {
        for (const auto& h : headers) {
            if (h.name == name) {
                return h.value;
            }
        }
        return {};
    }
};

/// The statuses the adapters answer with, by name (a refusal's status comes from the one table
/// in errors.cpp; these are for what the adapters decide themselves: a success, a redirect, a
/// form shown again with what to fix).
namespace status {
inline constexpr int ok = 200;
inline constexpr int created = 201;
inline constexpr int no_content = 204;
inline constexpr int see_other = 303;
inline constexpr int bad_request = 400;
inline constexpr int unprocessable = 422;
inline constexpr int server_error = 500;
} // namespace status

struct response {
    int status = status::ok;
    std::vector<header> headers; // e.g. {"content-type", "application/json"}
    std::string body;
    bool close = false; // ask the socket layer to close the connection after this response

    void set_header(std::string name, std::string value) {
        for (auto& h : headers) {
            if (h.name == name) {
                h.value = std::move(value);
                return;
            }
        }
        headers.push_back({std::move(name), std::move(value)});
    }
    [[nodiscard]] std::string_view header_value(std::string_view name) const noexcept {
        for (const auto& h : headers) {
            if (h.name == name) {
                return h.value;
            }
        }
        return {};
    }
};

/// The application: a function from request to response. It may block (SQLite, hashing); the
/// socket layer runs it on a worker pool, never on a network thread.
using handler = std::function<response(const request&)>;

} // namespace agrirent::http
