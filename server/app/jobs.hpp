#pragma once
// Background work (DOMAIN.md §§6, 9; issue 4 "Notifications", automatic no-show): a sweeper
// that acts on the passing of time, and a sender loop that delivers the outbox.
//
// The sweeper runs at start, every ~15 s of real time, and synchronously whenever the test clock
// moves (PUT /api/v1/test/clock), always on the services' clock:
//  - automatic no-show: a confirmed reservation whose pickup window has closed becomes no_show
//    (a strike); a requested one nobody confirmed in time is rejected by the system (no strike).
//    Both through app::mark_no_show with actor::system(). Only windows that closed within the
//    last `no_show_lookback` (7 days) are touched: older ones mean the server was down for long
//    or the rows were imported, and a strike must not come from our own outage — staff decide.
//  - pickup reminders (DOMAIN.md §9: "the day before, 16:00"): see reminder_due().
//  - overdue notices: a checked-out reservation whose return deadline plus the grace (setting
//    late.grace, DOMAIN.md §7) has passed gets one 'overdue' message (overdue_noticed = 1).
//  - housekeeping: sessions past their idle/absolute timeout and login failures older than
//    max(login window, 1 day) are deleted (not audited: they are not business changes).
// Every reminder or overdue notice is one BEGIN IMMEDIATE transaction: the flag, the outbox row
// and an audit row (actor "system"), so a message is queued exactly once.
//
// The sender loop polls the outbox every second (and at once after a clock move), claims the due
// messages in a write (so that of several servers on one database exactly one takes each) and
// hands them to the sender one by one. Delivery is at-least-once: a message is marked sent only
// after the sender returned, so a crash between the two sends it again once its claim lapses
// (10 minutes); nothing acknowledged is lost. A failed attempt is retried after 1, 2, 4, 8, 16, 32
// min, then hourly; after 10 failed attempts the message is marked failed (operators see it in GET
// /api/v1/outbox). Retry times are on the services' clock, so the test clock can skip ahead.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include <date/tz.h>

#include "server/app/notify_sender.hpp"
#include "server/app/services.hpp"

namespace agrirent::app {

/// DOMAIN.md §9: the reminder moment, 16:00 on the calendar day before the pickup day (the day
/// of the pickup window: the eve for an eve pickup) on the branch's wall clock.
sys_seconds reminder_time(const date::time_zone* zone, sys_seconds pickup_from);

/// Whether the sweeper queues the pickup reminder at `now`: from the reminder moment until the
/// pickup day begins (the text says "tomorrow"; a server that was down all evening sends none
/// rather than a wrong one), and only for reservations made before the reminder moment — one
/// made later just got its confirmation with the same pickup time, minutes or hours before the
/// pickup, and a second message would only repeat it.
/// (A request an operator confirms after the moment, before the pickup day, still gets one at the
/// next sweep, close after its confirmation: rare, and harmless.)
bool reminder_due(const date::time_zone* zone, sys_seconds pickup_from, sys_seconds created_at,
                  sys_seconds now);

struct retry_policy {
    std::chrono::seconds first{60}; // after the first failure
    std::chrono::seconds cap{3600}; // doubling stops here
    int max_attempts = 10;          // then the message is marked failed
};

/// The wait before the next attempt after `failures` (>= 1) failed attempts: first × 2^(n−1),
/// at most cap.
std::chrono::seconds retry_delay(int failures, const retry_policy& policy = {});

struct sweep_report {
    int no_shows = 0;         // confirmed → no_show
    int expired_requests = 0; // requested → rejected
    int refused = 0;          // mark_no_show refused (changed meanwhile): left alone
    int reminders = 0;
    int overdue_notices = 0;
    int login_failures_deleted = 0;
    int lapsed_offers = 0;   // waitlist offers whose hold lapsed (DOMAIN.md §13)
    int waitlist_offers = 0; // offers made by the sweep
};

/// One pass of the sweeper (see above). Safe to call from any thread; passes do not overlap.
sweep_report run_sweep(services& s);

/// Delivers the messages due now, at most `limit`; returns how many were handed over.
int deliver_due(services& s, sender& out, const retry_policy& policy, int limit,
                const std::stop_token& stop = {});

struct jobs_options {
    std::chrono::milliseconds sweep_every{15000};
    std::chrono::milliseconds poll_every{1000};
    retry_policy retry;
    /// The database is shared with other servers (PostgreSQL): each poll also checks
    /// database::catalog_version() and reloads the catalog when another server changed it, so
    /// an admin change made on one server holds on every server within a poll (issue 12).
    bool watch_catalog = false;
    /// catalog_version() read just before the catalog in use was loaded: the first poll then
    /// reloads only if something changed since (not needlessly at every start).
    std::optional<std::uint64_t> catalog_loaded_at;
};

/// The two background threads. Owned by server_app: stop() (or the destructor) joins them; it
/// must run before the database pool closes.
class jobs {
  public:
    jobs(services& s, std::unique_ptr<sender> out, jobs_options opts = {});
    jobs(const jobs&) = delete;
    jobs& operator=(const jobs&) = delete;
    ~jobs();

    /// One sweep now (so the state is current before the server answers), then the threads.
    void start();
    /// Idempotent. Waits for a delivery in progress (a command is killed after its timeout).
    void stop();
    /// The test clock moved: sweep now, synchronously, and wake the sender.
    void on_clock_set();

  private:
    void sweep_loop(const std::stop_token& stop);
    void send_loop(const std::stop_token& stop);
    void sweep_logged() noexcept;
    void refresh_catalog() noexcept;

    services& s_;
    std::unique_ptr<sender> sender_;
    jobs_options opts_;
    std::mutex wake_mutex_;
    std::condition_variable_any wake_;
    bool send_now_ = false;                     // guarded by wake_mutex_
    std::optional<std::uint64_t> catalog_seen_; // the send loop's own
    std::jthread sweeper_;
    std::jthread deliverer_;
};

} // namespace agrirent::app
