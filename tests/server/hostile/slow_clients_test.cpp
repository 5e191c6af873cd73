// Issue 6, slow clients: 500 connections that trickle their request a byte at a time must not
// stop normal requests from being served, and the server must hang up on them (its read
// timeout, server/net/server.hpp) instead of keeping them forever. Timings are measured by
// scripts/slow_clients.sh, not asserted here.
#include <atomic>
#include <chrono>
#include <random>
#include <sys/resource.h>
#include <thread>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "tests/server/hostile/hostile_support.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
using namespace agrirent::test::hostile;
using namespace std::chrono_literals;

namespace {

constexpr int slow_clients = 500;

/// Raises the soft limit on open files to `wanted` (within the hard limit): the test holds 500
/// sockets and the server, its child, inherits the limit for their other ends.
void ensure_open_files(rlim_t wanted) {
    rlimit lim{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &lim) == 0);
    if (lim.rlim_cur < wanted) {
        lim.rlim_cur = std::min(wanted, lim.rlim_max);
        REQUIRE(::setrlimit(RLIMIT_NOFILE, &lim) == 0);
    }
    REQUIRE(lim.rlim_cur >= wanted);
}

/// One byte at a time, every 100–500 ms: a request line and then headers that never end; every
/// fifth one sends whole headers and trickles a body instead.
class trickler {
  public:
    trickler(unsigned short port, int index) : fd_(connect_loopback(port)) {
        if (index % 5 == 0) {
            pending_ = "POST /api/v1/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                       "application/json\r\nContent-Length: 4000\r\n\r\n{\"branch\":\"";
            pending_ += std::string(4000, 'G');
        } else {
            pending_ = "GET /healthz HTTP/1.1\r\nX-Slow: " + std::string(4000, 'a');
        }
        // The request line (or the headers) at once, then one byte per tick.
        const auto first = pending_.find(index % 5 == 0 ? "{" : "X-Slow");
        send_some(first);
    }
    trickler(const trickler&) = delete;
    trickler& operator=(const trickler&) = delete;
    ~trickler() { ::close(fd_); }

    /// Sends one more byte if it is time; notices when the server has hung up.
    void tick(std::chrono::steady_clock::time_point now, std::mt19937& rng) {
        if (closed_) {
            return;
        }
        char buf[512];
        const auto n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) {
            answer_.append(buf, static_cast<std::size_t>(n));
        } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            closed_ = true;
            return;
        }
        if (now >= next_) {
            send_some(1);
            next_ = now + std::chrono::milliseconds{std::uniform_int_distribution<>(100, 500)(rng)};
        }
    }

    [[nodiscard]] bool closed() const { return closed_; }
    [[nodiscard]] const std::string& answer() const { return answer_; }

  private:
    void send_some(std::size_t count) {
        count = std::min(count, pending_.size() - sent_);
        const auto n = ::send(fd_, pending_.data() + sent_, count, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent_ += static_cast<std::size_t>(n);
        } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            closed_ = true; // reset by the server
        }
    }

    int fd_;
    std::string pending_;
    std::size_t sent_ = 0;
    std::string answer_;
    bool closed_ = false;
    std::chrono::steady_clock::time_point next_{};
};

int open_connections(const server_process& s) {
    const auto m = s.get("/metrics").body;
    const std::string key = "\nagrirent_open_connections ";
    const auto at = m.find(key);
    return at == std::string::npos ? -1 : std::stoi(m.substr(at + key.size()));
}

} // namespace

TEST_CASE("500 slow clients do not stop normal requests, and are hung up on", "[hostile][slow]") {
    ensure_open_files(4 * slow_clients);
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const auto op = login(s, demo_operator);

    std::vector<std::unique_ptr<trickler>> slow;
    for (int i = 0; i < slow_clients; ++i) {
        slow.push_back(std::make_unique<trickler>(s.port(), i));
    }
    const auto started = std::chrono::steady_clock::now();
    std::atomic<bool> stop{false};
    std::thread drip([&] {
        std::mt19937 rng{42};
        while (!stop) {
            const auto now = std::chrono::steady_clock::now();
            for (auto& t : slow) {
                t->tick(now, rng);
            }
            std::this_thread::sleep_for(20ms);
        }
    });
    const auto open_slow = [&] {
        return std::count_if(slow.begin(), slow.end(), [](const auto& t) { return !t->closed(); });
    };

    // Normal traffic while they trickle: every request must succeed.
    std::this_thread::sleep_for(500ms);
    const int open_before = open_connections(s);
    int ok = 0;
    int total = 0;
    for (int i = 0; i < 200; ++i, ++total) {
        ok += http_request(s.port(), "GET", "/healthz").status == 200 ? 1 : 0;
    }
    for (int i = 0; i < 20; ++i, ++total) {
        ok += s.get("/api/v1/availability?branch=GS&type=CULTIVATOR&from=2020-05-18&to=2020-06-17")
                          .status == 200
                  ? 1
                  : 0;
    }
    const auto booked =
        s.post("/api/v1/reservations",
               booking("GS", "CULTIVATOR", "2020-05-20", "2020-05-20", "김느림", "010-5555-0301"));
    ++total;
    ok += booked.status == 201 ? 1 : 0;
    ++total;
    ok += s.get("/api/v1/reservations?phone=010-5555-0301", op.bearer()).status == 200 ? 1 : 0;
    const auto normal_done = std::chrono::steady_clock::now();
    const auto still_open = open_slow();
    CHECK(ok == total);
    // The slow clients were really there all along (the server counts them too): none was hung
    // up on before the normal requests were done, unless those took longer than the server's
    // read timeout (a very slow machine, e.g. under the sanitizers).
    CHECK(open_before >= slow_clients);
    if (normal_done - started < 14s) {
        CHECK(still_open == slow_clients);
    } else {
        WARN("the normal requests took longer than the read timeout");
    }

    // The server hangs up on every one of them after its read timeout (15 s from the first
    // byte), without an answer (or with a 4xx; never a 2xx).
    const auto deadline = started + 60s;
    while (open_slow() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(200ms);
    }
    stop = true;
    drip.join();
    CHECK(open_slow() == 0);
    for (const auto& t : slow) {
        const int status = status_of(t->answer());
        CHECK((status == 0 || (status >= 400 && status <= 499)));
    }
    CHECK(open_connections(s) <= 2); // this request's own connection
    CHECK(s.get("/healthz").status == 200);
}
