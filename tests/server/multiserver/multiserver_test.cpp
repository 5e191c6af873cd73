// Issue 12, point 5: several servers on one PostgreSQL database survive the loss of one of them
// and the loss of the database itself, during a booking load (tests/server/durability's load and
// its checker, docs/durability.md):
//  - kill -9 of one server: every booking acknowledged with 201 is present afterwards with its plan
//    and fee, capacity is never exceeded, and the other server keeps serving throughout;
//  - `pg_ctl stop -m immediate`, a few seconds of outage, then a start: requests during the outage
//    get a prompt 503 (`Retry-After`, JSON error "unavailable"; the pages' "try again" page;
//    /healthz 503), both servers serve again by themselves (no restart), and the same checks
//    hold.
// The database crash runs on a PRIVATE cluster of this test (scripts/pg_cluster.sh start/crash/
// resume/stop in a temporary directory) so that it cannot disturb the tests that run in parallel
// on the shared cluster of AGRIRENT_TEST_PG; AGRIRENT_TEST_PG only says that PostgreSQL tests
// are wanted (unset: skipped, exit 77). Knobs: AGRIRENT_MULTI_KILL_CYCLES (default 4),
// AGRIRENT_MULTI_CRASH_CYCLES (default 3), AGRIRENT_MULTI_SEED (printed).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <sys/wait.h>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/server/durability/booking_load.hpp"
#include "tests/support/harness.hpp"

using namespace agrirent::test;
using namespace agrirent::test::durability;
namespace json = boost::json;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

// The Monday a cycle plays on: 35 days apart from 2019-01-07 (a Monday), so each cycle books
// dates no earlier cycle booked.
std::chrono::sys_days cycle_day(long cycle) {
    using namespace std::chrono;
    return sys_days{year{2019} / January / 7} + days{35 * (cycle % 100)};
}

void set_clocks(const std::vector<const server_process*>& servers, std::chrono::sys_days day) {
    for (const auto* s : servers) {
        s->set_clock(format_day(day) + " 10:00");
    }
}

// Runs a command through /bin/sh; its exit status.
int shell(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string shell_output(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) {
        return out;
    }
    char buf[512];
    while (std::fgets(buf, sizeof buf, p) != nullptr) {
        out += buf;
    }
    ::pclose(p);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
        out.pop_back();
    }
    return out;
}

// A PostgreSQL cluster of this test alone (scripts/pg_cluster.sh), stopped and removed at the end.
class private_cluster {
  public:
    private_cluster() {
        script_ = std::string{AGRIRENT_TEST_SOURCE_DIR} + "/scripts/pg_cluster.sh";
        dir_ = (dir_holder_.path() / "pg").string();
        uri_ = shell_output("'" + script_ + "' start '" + dir_ + "'");
        if (uri_.rfind("postgresql://", 0) != 0) {
            throw std::runtime_error("scripts/pg_cluster.sh start failed: '" + uri_ + "'");
        }
    }
    ~private_cluster() { shell("'" + script_ + "' stop '" + dir_ + "'"); }
    private_cluster(const private_cluster&) = delete;
    private_cluster& operator=(const private_cluster&) = delete;

    [[nodiscard]] const std::string& uri() const { return uri_; }
    /// pg_ctl stop -m immediate (no checkpoint: WAL recovery at the next start).
    void crash() const { REQUIRE(shell("'" + script_ + "' crash '" + dir_ + "'") == 0); }
    void resume() const { REQUIRE(shell("'" + script_ + "' resume '" + dir_ + "'") == 0); }

  private:
    temp_dir dir_holder_;
    std::string script_;
    std::string dir_;
    std::string uri_;
};

// A booking on `s` that must be accepted: the first free one-day slot of an open type in the
// cycle's window (as the durability suite's probe), recorded in the ledger as told.
void probe_booking(const server_process& s, std::chrono::sys_days first, long phone_n, ledger& l) {
    const std::string from = format_day(first);
    const std::string to = format_day(first + std::chrono::days{27});
    for (const char* branch : {"GS", "BB"}) {
        const auto a = s.get("/api/v1/availability?branch=" + std::string{branch} +
                             "&from=" + from + "&to=" + to);
        REQUIRE(a.status == 200);
        const auto types = a.json();
        for (const auto& t : types.at("types").as_array()) {
            const std::string type{t.at("type").as_string()};
            if (type == "TRACTOR" || type == "COMBINE") {
                continue; // need training
            }
            for (const auto& d : t.at("days").as_array()) {
                if (d.at("available").as_int64() <= 0) {
                    continue;
                }
                booking_request req{load_phone(phone_n), branch, type,
                                    std::string{d.at("date").as_string()},
                                    std::string{d.at("date").as_string()}};
                l.attempted.emplace(req.phone, req);
                const auto r =
                    s.post("/api/v1/reservations", booking(req.branch, req.type, req.start, req.end,
                                                           "시험농부", req.phone));
                INFO(r.body);
                REQUIRE(r.status == 201);
                const auto v = r.json();
                told_booking told;
                told.req = req;
                told.code = std::string{v.at("code").as_string()};
                told.status = std::string{v.at("status").as_string()};
                told.pickup_from =
                    parse_instant(std::string{v.at("pickup").at("from").as_string()});
                told.pickup_to = parse_instant(std::string{v.at("pickup").at("to").as_string()});
                told.eve = v.at("pickup").at("eve").as_bool();
                told.return_by = parse_instant(std::string{v.at("return_by").as_string()});
                told.gross = v.at("fee").at("gross").as_int64();
                told.discount = v.at("fee").at("discount").as_int64();
                told.net = v.at("fee").at("net").as_int64();
                l.told.emplace(told.code, told);
                return;
            }
        }
    }
    FAIL("no free slot for a probe booking from " << from);
}

void require_clean(const db_findings& found, const ledger& l) {
    for (const auto& p : found.problems) {
        UNSCOPED_INFO(p);
    }
    std::printf("  %zu bookings told, %ld rows of the load, %ld committed without a told 201, "
                "%ld unanswered requests; refusals:",
                l.told.size(), found.rows, found.committed_untold, l.unanswered);
    for (const auto& [code, n] : l.refused) {
        std::printf(" %s %ld", code.c_str(), n);
    }
    std::printf("\n");
    std::fflush(stdout);
    REQUIRE(found.problems.empty());
    CHECK(found.rows >= static_cast<long>(l.told.size()));
}

// One request with a bound on its duration; the reply and how long it took.
struct timed_reply {
    http_reply reply;
    milliseconds took{};
    std::string failure;
};

timed_reply timed(unsigned short port, std::string_view method, std::string_view target,
                  const std::string& body = {}) {
    timed_reply out;
    const auto t0 = steady_clock::now();
    try {
        out.reply = http_request(port, method, target, body);
    } catch (const std::exception& e) {
        out.failure = e.what();
    }
    out.took = std::chrono::duration_cast<milliseconds>(steady_clock::now() - t0);
    return out;
}

} // namespace

TEST_CASE("multiserver: kill -9 of one of two servers during a booking load loses nothing, the "
          "other keeps serving",
          "[multiserver][postgres][crash]") {
    require_postgres();
    const long cycles = env_long("AGRIRENT_MULTI_KILL_CYCLES", 4);
    const auto seed = static_cast<std::uint64_t>(env_long("AGRIRENT_MULTI_SEED", 20201212));
    std::printf("multiserver kill: AGRIRENT_MULTI_KILL_CYCLES=%ld AGRIRENT_MULTI_SEED=%llu\n",
                cycles, static_cast<unsigned long long>(seed));
    std::mt19937_64 rng{seed};

    std::array<std::unique_ptr<server_process>, 2> servers;
    servers[0] = std::make_unique<server_process>();
    servers[1] =
        std::make_unique<server_process>(*servers[0], std::vector<std::string>{"--threads", "4"});
    ledger l;
    std::atomic<long> next_phone{0};
    for (long cycle = 0; cycle < cycles; ++cycle) {
        const std::size_t victim = static_cast<std::size_t>(cycle % 2);
        const server_process& survivor = *servers[1 - victim];
        const auto day = cycle_day(cycle);
        set_clocks({servers[0].get(), servers[1].get()}, day);
        const load_window window{day + std::chrono::days{1}, 27};
        ledger victims_view;
        ledger survivors_view;
        {
            booking_load on_victim{
                servers[victim]->port(), window, rng(), next_phone, victims_view, 6};
            booking_load on_survivor{survivor.port(), window, rng(), next_phone, survivors_view, 6};
            std::this_thread::sleep_for(milliseconds{300 + static_cast<long>(rng() % 900)});
            servers[victim]->kill9();
            // The survivor serves on while (and after) the victim dies.
            std::this_thread::sleep_for(milliseconds{500});
            const auto health = survivor.get("/healthz");
            CHECK(health.status == 200);
            on_victim.finish();
            on_survivor.finish();
        }
        INFO("cycle " << cycle << ": server " << victim << " killed");
        // The survivor's clients got an answer to every request, none of them a 5xx.
        CHECK(survivors_view.unanswered == 0);
        for (const auto& [code, n] : survivors_view.refused) {
            INFO(code << " x" << n);
            CHECK(code != "unavailable");
            CHECK(code.rfind('5', 0) != 0);
        }
        CHECK(!survivors_view.told.empty());
        probe_booking(survivor, window.first, next_phone++, survivors_view);
        // Into the one ledger of everything told on this database.
        for (auto* view : {&victims_view, &survivors_view}) {
            l.attempted.merge(view->attempted);
            l.told.merge(view->told);
            l.cancel_sent.merge(view->cancel_sent);
            l.cancel_told.merge(view->cancel_told);
            for (const auto& [code, n] : view->refused) {
                l.refused[code] += n;
            }
            l.unanswered += view->unanswered;
        }
        std::printf("cycle %ld:\n", cycle);
        const auto found = check_database(servers[0]->db(), l);
        require_clean(found, l);
        // The victim again, on the same database (a restart of that process only).
        servers[victim] =
            std::make_unique<server_process>(survivor, std::vector<std::string>{"--threads", "4"});
        REQUIRE(servers[victim]->get("/healthz").status == 200);
        // Bookings told before the kill read the same on the restarted server.
        int looked = 0;
        for (const auto& [code, t] : l.told) {
            if (looked++ == 3) {
                break;
            }
            const auto r =
                servers[victim]->get("/api/v1/reservations/" + code + "?phone=" + t.req.phone);
            INFO(code << ": " << r.body);
            REQUIRE(r.status == 200);
            CHECK(r.json().at("fee").at("net").as_int64() == t.net);
        }
    }
}

TEST_CASE("multiserver: the database crashes (pg_ctl stop -m immediate) during a booking load: "
          "prompt 503s meanwhile, both servers recover by themselves, nothing acknowledged is lost",
          "[multiserver][postgres][crash]") {
    require_postgres();
    const long cycles = env_long("AGRIRENT_MULTI_CRASH_CYCLES", 3);
    const auto seed = static_cast<std::uint64_t>(env_long("AGRIRENT_MULTI_SEED", 20201212));
    std::printf("database crash: AGRIRENT_MULTI_CRASH_CYCLES=%ld AGRIRENT_MULTI_SEED=%llu\n",
                cycles, static_cast<unsigned long long>(seed));
    std::mt19937_64 rng{seed + 1};

    const private_cluster cluster;
    const auto db = std::make_shared<pg_database>(cluster.uri());
    server_process a{db, {}};
    server_process b{a, {"--threads", "4"}};
    const std::vector<const server_process*> both{&a, &b};
    ledger l;
    std::atomic<long> next_phone{0};
    milliseconds slowest_outage_reply{0};
    long outage_replies = 0;
    for (long cycle = 0; cycle < cycles; ++cycle) {
        INFO("cycle " << cycle);
        const auto day = cycle_day(cycle);
        set_clocks(both, day);
        const load_window window{day + std::chrono::days{1}, 27};
        ledger view;
        {
            booking_load on_a{a.port(), window, rng(), next_phone, view, 4};
            booking_load on_b{b.port(), window, rng(), next_phone, view, 4};
            std::this_thread::sleep_for(milliseconds{300 + static_cast<long>(rng() % 700)});
            cluster.crash();
            // The outage: every request is answered promptly, with 503 and Retry-After.
            const auto outage_until = steady_clock::now() + milliseconds{2500};
            int probes = 0;
            while (steady_clock::now() < outage_until || probes < 4) {
                const server_process& s = *both[static_cast<std::size_t>(probes % 2)];
                const auto health = timed(s.port(), "GET", "/healthz");
                const auto booked = timed(
                    s.port(), "POST", "/api/v1/reservations",
                    json::serialize(booking("GS", "CULTIVATOR", format_day(window.first),
                                            format_day(window.first), "정전중", "010-6900-0001")));
                // A person's page: the Korean/English "try again shortly" page, also 503.
                const auto page = timed(s.port(), "GET", "/book?branch=GS&type=CULTIVATOR");
                for (const auto* t : {&health, &booked, &page}) {
                    INFO(t->failure << " " << t->reply.status << " " << t->reply.body);
                    REQUIRE(t->failure.empty());
                    CHECK(t->reply.status == 503);
                    CHECK(t->took < milliseconds{5000});
                    slowest_outage_reply = std::max(slowest_outage_reply, t->took);
                    ++outage_replies;
                }
                CHECK(booked.reply.error_code() == "unavailable");
                CHECK(booked.reply.header("retry-after") != "");
                CHECK(health.reply.header("retry-after") != "");
                CHECK(page.reply.header("content-type").starts_with("text/html"));
                CHECK(page.reply.header("retry-after") != "");
                ++probes;
            }
            cluster.resume();
            // Both servers serve again by themselves: /healthz 200 within 20 s of the restart.
            for (const auto* s : both) {
                const auto until = steady_clock::now() + std::chrono::seconds{20};
                int status = 0;
                while (steady_clock::now() < until) {
                    status = timed(s->port(), "GET", "/healthz").reply.status;
                    if (status == 200) {
                        break;
                    }
                    std::this_thread::sleep_for(milliseconds{100});
                }
                REQUIRE(status == 200);
            }
            std::this_thread::sleep_for(milliseconds{700}); // the load books again meanwhile
            on_a.finish();
            on_b.finish();
        }
        // New bookings are accepted on both servers, without a restart.
        probe_booking(a, window.first, next_phone++, view);
        probe_booking(b, window.first, next_phone++, view);
        CHECK(view.unanswered == 0); // the servers never dropped a connection
        l.attempted.merge(view.attempted);
        l.told.merge(view.told);
        l.cancel_sent.merge(view.cancel_sent);
        l.cancel_told.merge(view.cancel_told);
        for (const auto& [code, n] : view.refused) {
            l.refused[code] += n;
        }
        l.unanswered += view.unanswered;
        std::printf("cycle %ld:\n", cycle);
        require_clean(check_database(db->uri(), l), l);
    }
    std::printf("outage: %ld replies, the slowest in %lld ms\n", outage_replies,
                static_cast<long long>(slowest_outage_reply.count()));
    CHECK(l.refused["unavailable"] > 0); // the load saw the outage too
}
