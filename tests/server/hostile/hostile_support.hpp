#pragma once
// What the hostile-client tests share: a raw client that can half-close and that keeps reading
// while it writes (a server that refuses a huge body early must not deadlock the test), the
// database files' bytes, and request bytes built by hand.
#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "tests/support/harness.hpp"

namespace agrirent::test::hostile {

using header_list = std::vector<std::pair<std::string, std::string>>;

/// Whether `reply` holds a whole final response (interim 1xx responses skipped): its headers and
/// as many body bytes as its Content-Length says.
inline bool complete_response(std::string_view reply) {
    while (!reply.empty()) {
        const auto end = reply.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            return false;
        }
        if (reply.starts_with("HTTP/1.1 1") || reply.starts_with("HTTP/1.0 1")) {
            reply.remove_prefix(end + 4);
            continue;
        }
        std::string head{reply.substr(0, end)};
        for (char& c : head) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const auto at = head.find("\r\ncontent-length:");
        if (at == std::string::npos) {
            return false; // read until the server closes
        }
        const auto length = std::stoul(head.substr(at + 17));
        return reply.size() - end - 4 >= length;
    }
    return false;
}

struct exchange_result {
    std::string reply;   // every byte the server sent
    bool closed = false; // the server closed (EOF or reset) before the deadline
    bool timed_out = false;
    bool complete = false; // a whole final response arrived (the server may keep the connection)
};

/// Sends `bytes` (then half-closes if asked) while reading, until the server closes the
/// connection or `timeout_ms` passes.
inline exchange_result exchange(unsigned short port, std::string_view bytes, bool half_close,
                                int timeout_ms) {
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::milliseconds{timeout_ms};
    const int fd = connect_loopback(port);
    exchange_result out;
    std::size_t sent = 0;
    bool write_done = false;
    const auto finish_writing = [&] {
        write_done = true;
        if (half_close) {
            ::shutdown(fd, SHUT_WR);
        }
    };
    if (bytes.empty()) {
        finish_writing();
    }
    char buf[16384];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
        if (left <= 0) {
            out.timed_out = true;
            break;
        }
        pollfd p{fd, static_cast<short>(POLLIN | (write_done ? 0 : POLLOUT)), 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) {
            continue; // the deadline check above ends the loop
        }
        if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            const auto n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                out.reply.append(buf, static_cast<std::size_t>(n));
                if (complete_response(out.reply)) {
                    out.complete = true;
                    break;
                }
            } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                out.closed = true;
                break;
            }
        }
        if (!write_done && (p.revents & POLLOUT) != 0) {
            const auto n =
                ::send(fd, bytes.data() + sent, std::min<std::size_t>(bytes.size() - sent, 65536),
                       MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += static_cast<std::size_t>(n);
                if (sent == bytes.size()) {
                    finish_writing();
                }
            } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
                write_done = true; // the server stopped reading (413, 431): read its answer
            }
        }
    }
    ::close(fd);
    return out;
}

/// `reply` without interim (1xx) responses.
inline std::string_view final_response(std::string_view reply) {
    while (reply.starts_with("HTTP/1.1 1") || reply.starts_with("HTTP/1.0 1")) {
        const auto end = reply.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            return {};
        }
        reply.remove_prefix(end + 4);
    }
    return reply;
}

/// The status code of the final response in `reply`, or 0 if there is none.
inline int status_of(std::string_view reply) {
    reply = final_response(reply);
    if (reply.size() < 12 || !reply.starts_with("HTTP/1.")) {
        return 0;
    }
    try {
        return std::stoi(std::string{reply.substr(9, 3)});
    } catch (const std::exception&) {
        return 0;
    }
}

inline std::string header_of(std::string_view reply, std::string_view lower_name) {
    reply = final_response(reply);
    const auto end = reply.find("\r\n\r\n");
    std::string head{reply.substr(0, end)};
    for (char& c : head) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const std::string key = "\r\n" + std::string{lower_name} + ":";
    const auto at = head.find(key);
    if (at == std::string::npos) {
        return {};
    }
    auto value_at = at + key.size();
    while (value_at < head.size() && head[value_at] == ' ') {
        ++value_at;
    }
    const auto eol = head.find("\r\n", value_at);
    return std::string{reply.substr(value_at, eol - value_at)};
}

/// The body of the final response (as long as its Content-Length says, if it says).
inline std::string body_of(std::string_view reply) {
    reply = final_response(reply);
    const auto end = reply.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        return {};
    }
    std::string body{reply.substr(end + 4)};
    if (const auto length = header_of(reply, "content-length"); !length.empty()) {
        body.resize(std::min<std::size_t>(body.size(), std::stoul(length)));
    }
    return body;
}

/// The whole file ("" if it does not exist).
inline std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

/// The database as it is on disk: the main file and its write-ahead log.
struct db_snapshot {
    std::string main;
    std::string wal;
    bool operator==(const db_snapshot&) const = default;
};

inline db_snapshot snapshot(const std::filesystem::path& db) {
    return {file_bytes(db), file_bytes(db.string() + "-wal")};
}

/// A request as a client would send it: Host and Connection: close added, and Content-Length
/// from the body when there is one or the method carries one (unless `with_length` is false).
inline std::string request_bytes(std::string_view method, std::string_view target,
                                 const header_list& headers = {}, std::string_view body = {},
                                 bool with_length = true) {
    std::string out;
    out.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
    out.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    for (const auto& [k, v] : headers) {
        out.append(k).append(": ").append(v).append("\r\n");
    }
    if (with_length &&
        (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")) {
        out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    }
    out.append("\r\n").append(body);
    return out;
}

} // namespace agrirent::test::hostile
