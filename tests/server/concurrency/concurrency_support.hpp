#pragma once
// Shared by the concurrency tests (issue 6): clients that connect first and send later (so a
// barrier releases them together), and small helpers for dates, instants and environment knobs.
#include <arpa/inet.h>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <latch>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

namespace agrirent::test::concurrency {

using test::env_long; // tests/support/harness.hpp

/// One HTTP/1.1 exchange on a socket that is connected at construction and written only by
/// send(): threads connect, meet at a barrier, then all send at once.
class pending_request {
  public:
    explicit pending_request(unsigned short port) : fd_(connect_loopback(port)) {}
    ~pending_request() { ::close(fd_); }
    pending_request(const pending_request&) = delete;
    pending_request& operator=(const pending_request&) = delete;

    /// Sends one request (Connection: close) and reads the whole answer.
    http_reply send(std::string_view method, std::string_view target, std::string_view body,
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        std::string req;
        req.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
        req.append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (const auto& [k, v] : headers) {
            req.append(k).append(": ").append(v).append("\r\n");
        }
        req.append("Content-Type: application/json\r\nContent-Length: ")
            .append(std::to_string(body.size()))
            .append("\r\n\r\n")
            .append(body);
        std::string_view rest = req;
        while (!rest.empty()) {
            const auto n = ::send(fd_, rest.data(), rest.size(), MSG_NOSIGNAL);
            if (n <= 0) {
                throw std::runtime_error("send() failed");
            }
            rest.remove_prefix(static_cast<std::size_t>(n));
        }
        std::string raw;
        char buf[8192];
        for (;;) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 60000) <= 0) {
                break;
            }
            const auto n = ::read(fd_, buf, sizeof buf);
            if (n <= 0) {
                break;
            }
            raw.append(buf, static_cast<std::size_t>(n));
        }
        return parse(raw);
    }

  private:
    static http_reply parse(const std::string& raw) {
        http_reply r;
        const auto head_end = raw.find("\r\n\r\n");
        if (raw.size() < 12 || head_end == std::string::npos) {
            throw std::runtime_error("malformed HTTP reply: " + raw.substr(0, 200));
        }
        r.status = std::stoi(raw.substr(9, 3));
        r.body = raw.substr(head_end + 4);
        return r;
    }

    int fd_ = -1;
};

struct raced_reply {
    http_reply reply;
    std::string failure; // what went wrong on the client side ("" = nothing)
};

/// `n` threads each connect their own socket (thread i to ports[i % ports.size()]), wait until
/// all are connected (a std::latch), then all send `request(i)` = {target, JSON body} as a POST
/// at once; the replies in thread order.
inline std::vector<raced_reply>
release_together(const std::vector<unsigned short>& ports, int n,
                 const std::function<std::pair<std::string, std::string>(int)>& request,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    std::vector<raced_reply> out(static_cast<std::size_t>(n));
    std::latch connected{n};
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        threads.emplace_back([&, i] {
            auto& mine = out[static_cast<std::size_t>(i)];
            bool arrived = false;
            try {
                pending_request req{ports[static_cast<std::size_t>(i) % ports.size()]};
                const auto [target, body] = request(i);
                arrived = true;
                connected.arrive_and_wait(); // everyone is connected before anyone sends
                mine.reply = req.send("POST", target, body, headers);
            } catch (const std::exception& e) {
                mine.failure = e.what();
                if (!arrived) {
                    connected.count_down(); // never leave the others waiting
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    return out;
}

/// The servers a concurrency test spreads its clients over: `first`, and on PostgreSQL more
/// servers on the same database (issue 12: several servers must keep every rule together).
/// AGRIRENT_TEST_SERVERS sets how many in all (default 2 on PostgreSQL; SQLite: always 1).
class server_group {
  public:
    explicit server_group(server_process& first) : first_(first) {
        const long wanted =
            first.engine() == engine::postgres ? env_long("AGRIRENT_TEST_SERVERS", 2) : 1;
        for (long i = 1; i < wanted; ++i) {
            others_.push_back(std::make_unique<server_process>(
                first, std::vector<std::string>{"--threads", "4"}));
        }
        std::printf("%zu server(s) on one %s database\n", size(),
                    first.engine() == engine::postgres ? "PostgreSQL" : "SQLite");
        std::fflush(stdout);
    }

    [[nodiscard]] std::size_t size() const { return 1 + others_.size(); }
    /// Server i modulo size(): 0 is `first`.
    [[nodiscard]] const server_process& at(std::size_t i) const {
        i %= size();
        return i == 0 ? first_ : *others_[i - 1];
    }
    [[nodiscard]] std::vector<unsigned short> ports() const {
        std::vector<unsigned short> out;
        for (std::size_t i = 0; i < size(); ++i) {
            out.push_back(at(i).port());
        }
        return out;
    }
    /// Every server's test clock (each process has its own).
    void set_clock(std::string_view kst) const {
        for (std::size_t i = 0; i < size(); ++i) {
            at(i).set_clock(kst);
        }
    }

  private:
    server_process& first_;
    std::vector<std::unique_ptr<server_process>> others_;
};

/// A consistent read-only view of a server's database, SQLite or PostgreSQL (harness.hpp).
using db_snapshot = agrirent::test::db_view;

/// "2022-03-07" + n days.
/// A mobile number of the race phone block `block` (010-<block>-1000 …), for the n-th client of
/// a race: each race file has its own block, so its farmers are unknown to the demo data and to
/// the other races.
inline std::string race_phone(int block, long n) {
    return "010-" + std::to_string(block + n / 9000) + "-" + std::to_string(1000 + n % 9000);
}

inline std::string add_days(const std::string& date, int n) {
    using namespace std::chrono;
    const year_month_day ymd{year{std::stoi(date.substr(0, 4))},
                             month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                             day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
    const year_month_day out{sys_days{ymd} + days{n}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()),
                  static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
    return buf;
}

/// Day of the week of "YYYY-MM-DD": 0 = Sunday … 6 = Saturday.
inline unsigned weekday_of(const std::string& date) {
    using namespace std::chrono;
    const year_month_day ymd{year{std::stoi(date.substr(0, 4))},
                             month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                             day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
    return weekday{sys_days{ymd}}.c_encoding();
}

/// Seconds since the epoch of an RFC 3339 instant with an offset ("2020-05-23T17:00:00+09:00"),
/// as the database stores it.
inline long long epoch_of(std::string_view rfc3339) {
    using namespace std::chrono;
    const std::string s{rfc3339};
    if (s.size() < 25) {
        throw std::runtime_error("not an RFC 3339 instant with offset: " + s);
    }
    const year_month_day ymd{year{std::stoi(s.substr(0, 4))},
                             month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                             day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
    const long long local = sys_days{ymd}.time_since_epoch().count() * 86400LL +
                            std::stoll(s.substr(11, 2)) * 3600 + std::stoll(s.substr(14, 2)) * 60 +
                            std::stoll(s.substr(17, 2));
    const int sign = s[19] == '-' ? -1 : 1;
    const long long offset =
        sign * (std::stoll(s.substr(20, 2)) * 3600 + std::stoll(s.substr(23, 2)) * 60);
    return local - offset;
}

inline std::string str(const boost::json::value& v) {
    return v.is_string() ? std::string{v.as_string()} : std::string{};
}

/// The dates of a last-unit race's rounds: operating days `first_offset` … 28 days after a clock
/// block's first day (from 2021-03-02), each bookable without an eve pickup and with exactly one
/// unit free, as GET `quote_target(date)` answers; when a block is used up the servers' clock
/// moves 35 days on, so every date stays within the booking horizon.
class race_dates {
  public:
    race_dates(const server_process& s, const server_group& servers,
               std::function<std::string(const std::string&)> quote_target, int first_offset)
        : s_(s), servers_(servers), quote_target_(std::move(quote_target)), first_(first_offset),
          offset_(first_offset - 1) {}

    std::string next() {
        for (;;) {
            if (++offset_ > 28) {
                block_day_ = add_days(block_day_, 35);
                offset_ = first_;
                REQUIRE(block_day_ < "2027-12");
                servers_.set_clock(block_day_ + " 10:00");
            }
            const std::string date = add_days(block_day_, offset_);
            const auto q = s_.get(quote_target_(date));
            REQUIRE(q.status == 200);
            const auto quote = q.json();
            if (quote.at("refusal").is_null() && !quote.at("pickup").at("eve").as_bool()) {
                REQUIRE(quote.at("available").to_number<int>() == 1);
                return date;
            }
        }
    }

  private:
    const server_process& s_;
    const server_group& servers_;
    std::function<std::string(const std::string&)> quote_target_;
    int first_;
    int offset_;
    std::string block_day_ = "2021-03-02";
};

} // namespace agrirent::test::concurrency
