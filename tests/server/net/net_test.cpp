// The socket layer against raw bytes: a real server on a free port, plain POSIX sockets as the
// client, so what is checked is what goes over the wire. Timing checks compare orderings or use
// generous upper bounds; none depends on the machine being fast.
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <future>
#include <map>
#include <netinet/in.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "server/net/raw_header.hpp"
#include "server/net/server.hpp"

namespace {

using namespace std::chrono_literals;
using agrirent::http::request;
using agrirent::http::response;
namespace net = agrirent::net;

// ---- a tiny blocking HTTP client ----------------------------------------------------------------

class client {
  public:
    explicit client(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        if (fd_ < 0) {
            throw std::runtime_error("socket failed");
        }
        timeval tv{};
        tv.tv_sec = 20; // a hung server fails the test instead of hanging it
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd_);
            throw std::runtime_error(std::string("connect failed: ") + std::strerror(errno));
        }
    }
    client(const client&) = delete;
    client& operator=(const client&) = delete;
    ~client() { ::close(fd_); }

    /// Writes everything; false when the server hung up meanwhile (e.g. after a 413).
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) {
                return false;
            }
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

    /// Next chunk of bytes; empty at EOF; nullopt on error or timeout.
    std::optional<std::string> receive_some() {
        char chunk[4096];
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0) {
            return std::nullopt;
        }
        return std::string(chunk, static_cast<std::size_t>(n));
    }

    /// True when the server closes the connection (EOF or reset) before the receive timeout.
    bool closed_by_server() {
        for (;;) {
            const auto got = receive_some();
            if (!got) {
                return errno == ECONNRESET;
            }
            if (got->empty()) {
                return true;
            }
        }
    }

    struct reply {
        int status = 0;
        std::map<std::string, std::string> headers; // names lower-cased
        std::string body;
        std::string raw_head;
        [[nodiscard]] std::string header(const std::string& name) const {
            const auto it = headers.find(name);
            return it == headers.end() ? std::string{} : it->second;
        }
    };

    /// Reads one response framed by Content-Length (no body after HEAD). Throws when the
    /// connection ends first.
    reply read_reply(bool head = false) {
        std::size_t end = 0;
        while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
            fill();
        }
        reply r;
        r.raw_head = pending_.substr(0, end + 4);
        std::string_view head_text(pending_.data(), end);
        const auto first_line_end = head_text.find("\r\n");
        const std::string_view status_line = head_text.substr(0, first_line_end);
        r.status = std::stoi(std::string(status_line.substr(9, 3)));
        std::string_view rest = first_line_end == std::string_view::npos
                                    ? std::string_view{}
                                    : head_text.substr(first_line_end + 2);
        while (!rest.empty()) {
            const auto eol = rest.find("\r\n");
            const std::string_view line = rest.substr(0, eol);
            const auto colon = line.find(':');
            std::string name(line.substr(0, colon));
            for (auto& ch : name) {
                ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            }
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') {
                value.remove_prefix(1);
            }
            r.headers[name] = std::string(value);
            rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 2);
        }
        pending_.erase(0, end + 4);
        const std::size_t length =
            head ? 0 : static_cast<std::size_t>(std::stoul("0" + r.header("content-length")));
        while (pending_.size() < length) {
            fill();
        }
        r.body = pending_.substr(0, length);
        pending_.erase(0, length);
        return r;
    }

    reply get(const std::string& target) {
        send("GET " + target + " HTTP/1.1\r\nHost: test\r\n\r\n");
        return read_reply();
    }

  private:
    void fill() {
        const auto got = receive_some();
        if (!got || got->empty()) {
            throw std::runtime_error("connection ended before a full response");
        }
        pending_ += *got;
    }

    int fd_;
    std::string pending_;
};

// ---- the server under test ----------------------------------------------------------------------

response text(std::string body) {
    response res;
    res.set_header("content-type", "text/plain");
    res.body = std::move(body);
    return res;
}

response test_app(const request& req) {
    const std::string_view target = req.target;
    if (target == "/slow") {
        std::this_thread::sleep_for(1s);
        return text("slow done");
    }
    if (target == "/throw") {
        throw std::runtime_error("boom");
    }
    if (target == "/close") {
        response res = text("bye");
        res.close = true;
        return res;
    }
    if (target == "/framing") { // a handler's own framing headers must not reach the wire
        response res = text("12345");
        res.set_header("content-length", "999");
        res.set_header("connection", "keep-alive");
        return res;
    }
    if (target.starts_with("/echo")) {
        std::string out = req.method + "|" + req.target + "|" + req.remote_address + "|" +
                          std::string(req.header_value("x-mixed-case")) + "|" +
                          std::to_string(req.body.size());
        return text(out);
    }
    return text("hello");
}

net::options test_options() {
    net::options o;
    o.port = 0;
    o.handle_signals = false;
    o.worker_threads = 4;
    return o;
}

/// A server running on a background thread; stopped and joined on destruction.
class running_server {
  public:
    explicit running_server(net::options o = test_options(), agrirent::http::handler app = test_app)
        : server_(std::move(o), std::move(app)), thread_([this] {
              server_.run();
              returned_ = true;
          }) {}
    running_server(const running_server&) = delete;
    running_server& operator=(const running_server&) = delete;
    ~running_server() {
        server_.stop();
        thread_.join();
    }
    [[nodiscard]] unsigned short port() const { return server_.port(); }
    net::server& get() { return server_; }
    [[nodiscard]] bool run_returned() const { return returned_; }
    void join() { thread_.join(); }
    [[nodiscard]] bool joinable() const { return thread_.joinable(); }

  private:
    net::server server_;
    std::atomic<bool> returned_{false};
    std::thread thread_;
};

bool wait_until(const std::function<bool()>& condition, std::chrono::seconds bound = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(10ms);
    }
    return condition();
}

constexpr std::string_view header_too_large_json =
    R"({"error":{"code":"header_too_large","message":"Request headers too large","details":{}}})";
constexpr std::string_view internal_json =
    R"({"error":{"code":"internal","message":"Internal server error","details":{}}})";

} // namespace

TEST_CASE("a GET gets the handler's response, with framing added", "[net]") {
    running_server srv;
    client c(srv.port());
    const auto r = c.get("/hello");
    CHECK(r.status == 200);
    CHECK(r.body == "hello");
    CHECK(r.header("content-length") == "5");
    CHECK(r.header("content-type") == "text/plain");
    CHECK(r.header("server") == "agrirent");
    CHECK(r.raw_head.starts_with("HTTP/1.1 200 OK\r\n"));
}

TEST_CASE("the handler sees method, raw target, lower-case headers, peer address, body", "[net]") {
    running_server srv;
    client c(srv.port());
    c.send("POST /echo?branch=GS&x=%20 HTTP/1.1\r\nHost: t\r\nX-Mixed-Case: yes\r\n"
           "Content-Length: 3\r\n\r\nabc");
    const auto r = c.read_reply();
    CHECK(r.status == 200);
    CHECK(r.body == "POST|/echo?branch=GS&x=%20|127.0.0.1|yes|3");
}

TEST_CASE("a handler's Content-Length and Connection headers are replaced", "[net]") {
    running_server srv;
    client c(srv.port());
    const auto r = c.get("/framing");
    CHECK(r.header("content-length") == "5");
    CHECK(r.body == "12345");
    CHECK(c.get("/hello").body == "hello"); // still framed correctly: connection in sync
}

TEST_CASE("keep-alive: several requests on one connection, also pipelined", "[net]") {
    running_server srv;
    client c(srv.port());
    CHECK(c.get("/hello").body == "hello");
    CHECK(c.get("/echo/2").body.starts_with("GET|/echo/2|"));
    c.send("GET /echo/a HTTP/1.1\r\nHost: t\r\n\r\nGET /echo/b HTTP/1.1\r\nHost: t\r\n\r\n");
    CHECK(c.read_reply().body.starts_with("GET|/echo/a|"));
    CHECK(c.read_reply().body.starts_with("GET|/echo/b|"));
}

TEST_CASE("HTTP/1.0 and Connection: close end the connection after the response", "[net]") {
    running_server srv;
    SECTION("HTTP/1.0 without keep-alive") {
        client c(srv.port());
        c.send("GET /hello HTTP/1.0\r\n\r\n");
        const auto r = c.read_reply();
        CHECK(r.raw_head.starts_with("HTTP/1.0 200"));
        CHECK(r.body == "hello");
        CHECK(c.closed_by_server());
    }
    SECTION("HTTP/1.0 with keep-alive stays open") {
        client c(srv.port());
        c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        CHECK(c.read_reply().body == "hello");
        c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        CHECK(c.read_reply().body == "hello");
    }
    SECTION("client asks to close") {
        client c(srv.port());
        c.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        const auto r = c.read_reply();
        CHECK(r.header("connection") == "close");
        CHECK(c.closed_by_server());
    }
    SECTION("handler asks to close") {
        client c(srv.port());
        const auto r = c.get("/close");
        CHECK(r.body == "bye");
        CHECK(r.header("connection") == "close");
        CHECK(c.closed_by_server());
    }
}

TEST_CASE("HEAD sends the headers of the GET response without its body", "[net]") {
    running_server srv;
    client c(srv.port());
    c.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    const auto r = c.read_reply(/*head=*/true);
    CHECK(r.status == 200);
    CHECK(r.header("content-length") == "5");
    CHECK(c.get("/echo").body.starts_with("GET|")); // no stray body bytes in between
}

TEST_CASE("a body over max_body is refused with 413 and the connection closed", "[net]") {
    running_server srv;
    const std::string big(64 * 1024 + 1, 'x');
    SECTION("declared by Content-Length, body sent") {
        client c(srv.port());
        c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(big.size()) +
               "\r\n\r\n" + big);
        const auto r = c.read_reply();
        CHECK(r.status == 413);
        CHECK(r.header("content-type") == "application/json");
        CHECK(r.body.starts_with(R"({"error":{"code":"body_too_large",)"));
        CHECK(c.closed_by_server());
    }
    SECTION("declared by Content-Length only: answered without reading the body") {
        client c(srv.port());
        c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n");
        const auto r = c.read_reply();
        CHECK(r.status == 413);
        CHECK(r.body.starts_with(R"({"error":{"code":"body_too_large",)"));
        CHECK(c.closed_by_server());
    }
    SECTION("chunked") {
        client c(srv.port());
        c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
        char size_line[32];
        std::snprintf(size_line, sizeof size_line, "%zx\r\n", big.size());
        c.send(std::string(size_line) + big + "\r\n0\r\n\r\n");
        const auto r = c.read_reply();
        CHECK(r.status == 413);
        CHECK(c.closed_by_server());
    }
    SECTION("a body of exactly max_body is fine") {
        client c(srv.port());
        const std::string fits(64 * 1024, 'x');
        c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(fits.size()) +
               "\r\n\r\n" + fits);
        const auto r = c.read_reply();
        CHECK(r.status == 200);
        CHECK(r.body.ends_with("|65536"));
    }
}

TEST_CASE("Expect: 100-continue gets a 100 before the body", "[net]") {
    running_server srv;
    client c(srv.port());
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    const auto interim = c.read_reply();
    CHECK(interim.status == 100);
    c.send("abcd");
    const auto r = c.read_reply();
    CHECK(r.status == 200);
    CHECK(r.body.ends_with("|4"));
}

TEST_CASE("headers over max_header are refused with 431 and the connection closed", "[net]") {
    running_server srv;
    client c(srv.port());
    c.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(9 * 1024, 'a') + "\r\n\r\n");
    const auto r = c.read_reply();
    CHECK(r.status == 431);
    CHECK(r.header("content-type") == "application/json");
    CHECK(r.body == header_too_large_json);
    CHECK(c.closed_by_server());
}

TEST_CASE("malformed HTTP is refused with 400 bad_request and the connection closed", "[net]") {
    running_server srv;
    const auto input =
        GENERATE(as<std::string>{}, "garbage garbage garbage\r\n\r\n", "GET / HTTP/9x\r\n\r\n",
                 "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                 "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "\x01\x02\x03\r\n\r\n");
    CAPTURE(input);
    client c(srv.port());
    c.send(input);
    const auto r = c.read_reply();
    CHECK(r.status == 400);
    CHECK(r.body.starts_with(R"({"error":{"code":"bad_request",)"));
    CHECK(c.closed_by_server());
}

TEST_CASE("bytes that are not HTTP are refused at once, before any end of a header block",
          "[net]") {
    // Beast refuses a malformed start line as soon as it has it; the obs-fold check, which reads
    // up to the end of the header block, must not make such a client wait for the read timeout.
    running_server srv;
    const auto input = GENERATE(as<std::string>{},
                                std::string("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03") +
                                    std::string(160, '\x01'),
                                "garbage garbage garbage\r\n", "GET / HTTP/1.1\r\nBad Header\r\n");
    CAPTURE(input);
    client c(srv.port());
    const auto start = std::chrono::steady_clock::now();
    c.send(input);
    const auto r = c.read_reply();
    CHECK(r.status == 400);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    CHECK(c.closed_by_server());
}

TEST_CASE("a request cut off by a half-close is refused with 400 at once, every time", "[net]") {
    // The obs-fold check reads up to the end of the header block; the EOF it meets is answered as
    // Beast answers it (partial_message), never by a second read that may wait for read_timeout.
    running_server srv;
    const auto input = GENERATE(as<std::string>{}, "GET /hel", "GET /hello HTTP/1.1\r\n",
                                "GET /hello HTTP/1.1\r\nHost: t\r\n");
    CAPTURE(input);
    for (int i = 0; i < 25; ++i) {
        CAPTURE(i);
        client c(srv.port());
        const auto start = std::chrono::steady_clock::now();
        c.send(input);
        c.shutdown_write();
        const auto r = c.read_reply();
        CHECK(r.status == 400);
        CHECK(std::chrono::steady_clock::now() - start < 2s);
    }
}

TEST_CASE("HTTP/1.1 without exactly one Host is refused with 400 (RFC 9112 §3.2)", "[net]") {
    running_server srv;
    const auto input = GENERATE(as<std::string>{}, "GET /hello HTTP/1.1\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nConnection: keep-alive\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    CAPTURE(input);
    client c(srv.port());
    c.send(input);
    const auto r = c.read_reply();
    CHECK(r.status == 400);
    CHECK(r.body.starts_with(R"({"error":{"code":"bad_request",)"));
    CHECK(r.body.find("Host") != std::string::npos);
    CHECK(c.closed_by_server());
}

TEST_CASE("HTTP/1.0 needs no Host, and an empty Host is allowed", "[net]") {
    running_server srv;
    const auto input = GENERATE(as<std::string>{}, "GET /hello HTTP/1.0\r\n\r\n",
                                "GET /hello HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n");
    CAPTURE(input);
    client c(srv.port());
    c.send(input);
    CHECK(c.read_reply().status == 200);
}

TEST_CASE("a header with obsolete line folding is refused with 400 (RFC 9112 §5.2)", "[net]") {
    running_server srv;
    const auto input =
        GENERATE(as<std::string>{}, "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: one\r\n two\r\n\r\n",
                 "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: one\r\n\ttwo\r\n\r\n",
                 "GET /hello HTTP/1.1\r\n Host: t\r\n\r\n");
    CAPTURE(input);
    client c(srv.port());
    SECTION("at once") {
        c.send(input);
    }
    SECTION("a byte at a time") {
        for (const char ch : input) {
            c.send(std::string_view(&ch, 1));
        }
    }
    const auto r = c.read_reply();
    CHECK(r.status == 400);
    CHECK(r.body.find("folding") != std::string::npos);
    CHECK(c.closed_by_server());
}

TEST_CASE("a folded-looking body or a later pipelined request does not count as obs-fold",
          "[net]") {
    running_server srv;
    client c(srv.port());
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\na\r\n b\n"
           "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    CHECK(c.read_reply().status == 200);
    CHECK(c.read_reply().status == 200);
}

TEST_CASE("raw header checks: where the block ends, which lines are folded", "[net]") {
    using agrirent::net::has_obs_fold;
    using agrirent::net::header_block_end;
    CHECK(header_block_end("GET / HTTP/1.1\r\nHost: t\r\n") == std::string_view::npos);
    CHECK(header_block_end("GET / HTTP/1.1\r\nHost: t\r\n\r\nbody") == 27);
    CHECK_FALSE(has_obs_fold("GET / HTTP/1.1\r\nHost: t\r\nX-A: a b\r\n\r\n"));
    CHECK(has_obs_fold("GET / HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\n\r\n"));
    CHECK(has_obs_fold("GET / HTTP/1.1\r\nHost: t\r\nX-A: a\r\n\tb\r\n\r\n"));
}

TEST_CASE("a slow handler does not delay another connection's request", "[net]") {
    running_server srv;
    client slow(srv.port());
    client fast(srv.port());
    slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    std::this_thread::sleep_for(100ms); // let the slow one reach the handler first
    std::atomic<bool> slow_done{false};
    auto slow_reply = std::async(std::launch::async, [&] {
        auto r = slow.read_reply();
        slow_done = true;
        return r;
    });
    const auto r = fast.get("/hello");
    const bool fast_first = !slow_done;
    CHECK(r.body == "hello");
    CHECK(fast_first);
    CHECK(slow_reply.get().body == "slow done");
}

TEST_CASE("with a write pool, reads do not queue behind busy writers", "[net]") {
    // One worker for each pool: while both slow POSTs occupy the write side, a GET still
    // runs at once on the read side.
    net::options o = test_options();
    o.worker_threads = 1;
    o.write_worker_threads = 1;
    running_server srv{o};
    client w1(srv.port());
    client w2(srv.port());
    client reader(srv.port());
    w1.send("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
    w2.send("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
    std::this_thread::sleep_for(100ms); // let the writers reach the write pool first
    std::atomic<int> writes_done{0};
    auto first = std::async(std::launch::async, [&] {
        auto r = w1.read_reply();
        ++writes_done;
        return r;
    });
    auto second = std::async(std::launch::async, [&] {
        auto r = w2.read_reply();
        ++writes_done;
        return r;
    });
    const auto r = reader.get("/hello");
    const bool read_first = writes_done == 0;
    CHECK(r.body == "hello");
    CHECK(read_first);
    CHECK(first.get().body == "slow done");
    CHECK(second.get().body == "slow done");
}

TEST_CASE("an idle keep-alive connection is closed after idle_timeout", "[net]") {
    auto o = test_options();
    o.lim.idle_timeout = 1s;
    running_server srv(o);
    client c(srv.port());
    CHECK(c.get("/hello").body == "hello");
    const auto start = std::chrono::steady_clock::now();
    CHECK(c.closed_by_server());
    CHECK(std::chrono::steady_clock::now() - start < 10s);
    CHECK(wait_until([&] { return srv.get().open_connections() == 0; }));
}

TEST_CASE("a client that does not finish its request within read_timeout is closed", "[net]") {
    auto o = test_options();
    o.lim.read_timeout = 1s;
    running_server srv(o);
    SECTION("half a request") {
        client c(srv.port());
        c.send("GET /hello HTTP/1.1\r\nHost:");
        const auto start = std::chrono::steady_clock::now();
        CHECK(c.closed_by_server());
        CHECK(std::chrono::steady_clock::now() - start < 10s);
    }
    SECTION("nothing at all") {
        client c(srv.port());
        const auto start = std::chrono::steady_clock::now();
        CHECK(c.closed_by_server());
        CHECK(std::chrono::steady_clock::now() - start < 10s);
    }
}

TEST_CASE("a handler that throws yields 500 internal and the server keeps serving", "[net]") {
    running_server srv;
    client c(srv.port());
    const auto r = c.get("/throw");
    CHECK(r.status == 500);
    CHECK(r.header("content-type") == "application/json");
    CHECK(r.body == internal_json);
    CHECK(c.get("/hello").body == "hello"); // same connection
    client other(srv.port());
    CHECK(other.get("/hello").body == "hello");
}

TEST_CASE("stop() lets the request in flight finish, closes idle ones, then run() returns",
          "[net]") {
    running_server srv;
    client idle(srv.port());
    CHECK(idle.get("/hello").body == "hello");
    client slow(srv.port());
    slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    CHECK(wait_until([&] { return srv.get().open_connections() == 2; }));
    std::this_thread::sleep_for(200ms); // the slow request is in the handler now

    srv.get().stop();
    CHECK(idle.closed_by_server());
    const auto r = slow.read_reply();
    CHECK(r.status == 200);
    CHECK(r.body == "slow done");
    CHECK(r.header("connection") == "close");
    CHECK(slow.closed_by_server());
    CHECK(wait_until([&] { return srv.run_returned(); }));
    CHECK(srv.get().open_connections() == 0);
}

TEST_CASE("after shutdown_timeout, run() returns even while a handler is still running", "[net]") {
    auto o = test_options();
    o.lim.shutdown_timeout = 1s;
    std::promise<void> gate;
    std::shared_future<void> released = gate.get_future().share();
    std::atomic<bool> entered{false};
    std::atomic<bool> finished{false};
    {
        running_server srv(o, [&](const request&) {
            entered = true;
            released.wait();
            finished = true;
            return text("too late");
        });
        client stuck(srv.port());
        stuck.send("GET /stuck HTTP/1.1\r\nHost: t\r\n\r\n");
        REQUIRE(wait_until([&] { return entered.load(); }));
        srv.get().stop();
        CHECK(wait_until([&] { return srv.run_returned(); }));
        CHECK_FALSE(finished);
        gate.set_value(); // now the server can be destroyed: it waits for the handler
    }
    CHECK(finished);
}

TEST_CASE("SIGTERM stops run()", "[net]") {
    auto o = test_options();
    o.handle_signals = true;
    running_server srv(o);
    client c(srv.port());
    CHECK(c.get("/hello").body == "hello"); // run() has installed its signal handler by now
    ::kill(::getpid(), SIGTERM);
    CHECK(wait_until([&] { return srv.run_returned(); }));
    CHECK(c.closed_by_server());
}

TEST_CASE("stop() before run() makes run() return at once", "[net]") {
    net::server s(test_options(), test_app);
    s.stop();
    s.run();
    SUCCEED();
}

TEST_CASE("connections beyond max_connections are turned away", "[net]") {
    auto o = test_options();
    o.lim.max_connections = 2;
    running_server srv(o);
    client a(srv.port());
    client b(srv.port());
    CHECK(wait_until([&] { return srv.get().open_connections() == 2; }));
    client c(srv.port());
    const auto first = c.receive_some(); // a best-effort 503, or just the hang-up
    if (first && !first->empty()) {
        CHECK(first->starts_with("HTTP/1.1 503 "));
    }
    CHECK(c.closed_by_server());
    CHECK(a.get("/hello").body == "hello");
    CHECK(b.get("/hello").body == "hello");
}

TEST_CASE("binding a port in use throws a clear runtime_error", "[net]") {
    running_server srv;
    auto o = test_options();
    o.port = srv.port();
    CHECK_THROWS_AS(net::server(o, test_app), std::runtime_error);
    CHECK_THROWS_WITH(net::server(o, test_app),
                      Catch::Contains("cannot listen on 127.0.0.1:") && Catch::Contains("in use"));
}

TEST_CASE("several io threads serve concurrently", "[net]") {
    auto o = test_options();
    o.io_threads = 2;
    running_server srv(o);
    std::vector<std::future<std::string>> replies;
    for (int i = 0; i < 8; ++i) {
        replies.push_back(std::async(std::launch::async, [&srv, i] {
            client c(srv.port());
            std::string out;
            for (int j = 0; j < 5; ++j) {
                out += c.get("/echo/" + std::to_string(i)).body.substr(0, 9);
            }
            return out;
        }));
    }
    for (int i = 0; i < 8; ++i) {
        CHECK(replies[static_cast<std::size_t>(i)].get().size() == 45);
    }
}
