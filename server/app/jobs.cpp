#include "server/app/jobs.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "common/time.hpp"
#include "server/app/log.hpp"
#include "server/app/notices.hpp"
#include "server/app/reservation_ops.hpp"
#include "server/app/waitlist.hpp"
#include "server/storage/database.hpp"
#include "server/storage/jobs_repository.hpp"
#include "server/storage/outbox_repository.hpp"
#include "server/storage/reservation_repository.hpp"
#include "server/storage/staff_repository.hpp"

namespace agrirent::app {
namespace {

using namespace std::chrono_literals;

constexpr auto no_show_lookback = date::days{7}; // see jobs.hpp
constexpr time_of_day reminder_at{16 * 60};      // DOMAIN.md §9: 16:00 the day before
// Reminders are due at most ~32 h before the pickup window closes; look a little further.
constexpr auto reminder_horizon = 48h;
constexpr int batch = 1000; // rows per query; the rest waits for the next pass
constexpr int send_batch = 20;
// How long a claimed message is held for its sender: longer than a batch of deliveries takes.
constexpr std::chrono::minutes claim_lapse{10};

std::mutex sweep_mutex; // one sweep at a time (the thread and on_clock_set)

storage::audit_entry system_audit(sys_seconds now, std::string action,
                                  const storage::reservation_row& r, std::string details) {
    return {now,  "system",      "system", "system",           std::move(action),
            r.id, "reservation", r.code,   std::move(details), ""};
}

void expire_pickups(services& s, sys_seconds now, sweep_report& out) {
    std::vector<storage::sweep_candidate> closed;
    {
        auto lease = s.db.begin(storage::access::read);
        closed = lease->jobs().closed_pickup_windows(now - no_show_lookback, now, batch);
    }
    // mark_no_show takes its own lease and transaction: none is held here.
    for (const auto& c : closed) {
        const auto done = mark_no_show(s, c.code, actor::system());
        if (!done) {
            ++out.refused;
            log::debug("sweep: " + c.code +
                       " left alone: " + std::string{to_string(done.error().code)});
        } else if (done->state == status::no_show) {
            ++out.no_shows;
        } else {
            ++out.expired_requests;
        }
    }
}

// A notice queued once per reservation: the flag, the outbox row and the audit row commit
// together or not at all. `still_due` re-checks the fresh row under the write lock.
template <class StillDue, class Claim>
bool queue_notice(services& s, const catalog& cat, std::int64_t id, notice kind,
                  std::string_view action, sys_seconds now, StillDue still_due, Claim claim) {
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    const auto row = conn.reservations().find_reservation_by_id(id);
    if (!row) {
        return false;
    }
    const auto* branch = cat.branch_by_id(row->branch_id);
    const auto* type = cat.type_by_id(row->type_id);
    if (branch == nullptr || type == nullptr || !still_due(*row, *branch) || !claim(conn, id)) {
        return false;
    }
    conn.outbox().enqueue_message(row->id, row->phone, to_string(kind),
                                  notice_text(kind, *row, *branch, *type), now);
    conn.reservations().append_audit(
        system_audit(now, std::string{action}, *row,
                     boost::json::serialize(boost::json::object{{"kind", to_string(kind)}})));
    tx->commit();
    return true;
}

void queue_reminders(services& s, const catalog& cat, sys_seconds now, sweep_report& out) {
    std::vector<storage::sweep_candidate> candidates;
    {
        auto lease = s.db.begin(storage::access::read);
        candidates = lease->jobs().reminder_candidates(now, now + reminder_horizon, batch);
    }
    const auto due = [now](const storage::reservation_row& r, const branch_info& b) {
        return r.state == status::confirmed &&
               reminder_due(b.calendar.zone, r.plan.pickup.from, r.created_at, now);
    };
    for (const auto& c : candidates) {
        const auto* branch = cat.branch_by_id(c.branch_id);
        if (branch == nullptr ||
            !reminder_due(branch->calendar.zone, c.pickup_from, c.created_at, now)) {
            continue;
        }
        if (queue_notice(s, cat, c.id, notice::reminder, "remind", now, due,
                         [](storage::repositories& r, std::int64_t id) {
                             return r.jobs().claim_reminder(id);
                         })) {
            ++out.reminders;
        }
    }
}

void queue_overdue_notices(services& s, const catalog& cat, sys_seconds now, sweep_report& out) {
    const auto grace = cat.config().late.grace;
    std::vector<storage::sweep_candidate> candidates;
    {
        auto lease = s.db.begin(storage::access::read);
        candidates = lease->jobs().overdue_candidates(now - grace, batch);
    }
    const auto due = [now, grace](const storage::reservation_row& r, const branch_info&) {
        return r.state == status::checked_out && r.plan.return_by + grace <= now;
    };
    for (const auto& c : candidates) {
        if (queue_notice(s, cat, c.id, notice::overdue, "overdue_notice", now, due,
                         [](storage::repositories& r, std::int64_t id) {
                             return r.jobs().claim_overdue_notice(id);
                         })) {
            ++out.overdue_notices;
        }
    }
}

void housekeeping(services& s, const catalog& cat, sys_seconds now, sweep_report& out) {
    const auto& cfg = cat.config();
    const auto failures_kept =
        std::max<std::chrono::minutes>(std::chrono::minutes{cfg.login_window_minutes}, 24h);
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    conn.staff().delete_expired_sessions(now - std::chrono::minutes{cfg.session_idle_minutes},
                                         now - std::chrono::hours{cfg.session_absolute_hours});
    out.login_failures_deleted = conn.jobs().delete_login_failures_before(now - failures_kept);
    tx->commit();
}

} // namespace

sys_seconds reminder_time(const date::time_zone* zone, sys_seconds pickup_from) {
    return to_instant(zone, local_date_of(zone, pickup_from) - date::days{1}, reminder_at);
}

bool reminder_due(const date::time_zone* zone, sys_seconds pickup_from, sys_seconds created_at,
                  sys_seconds now) {
    const sys_seconds at = reminder_time(zone, pickup_from);
    const sys_seconds pickup_day_begins =
        to_instant(zone, local_date_of(zone, pickup_from), time_of_day{0});
    return created_at < at && at <= now && now < pickup_day_begins;
}

std::chrono::seconds retry_delay(int failures, const retry_policy& policy) {
    std::chrono::seconds d = policy.first;
    for (int i = 1; i < failures && d < policy.cap; ++i) {
        d *= 2;
    }
    return std::min(d, policy.cap);
}

sweep_report run_sweep(services& s) {
    const std::lock_guard one_at_a_time{sweep_mutex};
    const auto cat = s.catalog.get();
    const sys_seconds now = s.clock.now();
    sweep_report out;
    expire_pickups(s, now, out);
    queue_reminders(s, *cat, now, out);
    queue_overdue_notices(s, *cat, now, out);
    housekeeping(s, *cat, now, out);
    // DOMAIN.md §13: lapsed offers and entries, and offers of whatever capacity is free.
    const auto waitlist = sweep_waitlist(s);
    out.lapsed_offers = waitlist.lapsed_offers;
    out.waitlist_offers = waitlist.offers;
    if (out.no_shows + out.expired_requests + out.reminders + out.overdue_notices > 0) {
        log::info("sweep: " + std::to_string(out.no_shows) + " no-show(s), " +
                  std::to_string(out.expired_requests) + " unconfirmed request(s) rejected, " +
                  std::to_string(out.reminders) + " reminder(s), " +
                  std::to_string(out.overdue_notices) + " overdue notice(s)");
    }
    return out;
}

int deliver_due(services& s, sender& out, const retry_policy& policy, int limit,
                const std::stop_token& stop) {
    std::vector<storage::outbox_message> due;
    {
        // Claimed in a write, so that of several servers on one database (or two send loops)
        // exactly one takes each message. A server that dies before marking it leaves it due
        // again once the claim lapses: at least once, never twice while the sender lives.
        auto claim = s.db.begin(storage::access::write);
        const sys_seconds now = s.clock.now();
        due = claim->outbox().claim_due_messages(now, limit, now + claim_lapse);
        claim->commit();
    }
    int delivered = 0;
    for (const auto& m : due) {
        if (stop.stop_requested()) {
            break;
        }
        // No lease is held while the sender works: a slow gateway must not starve requests.
        const auto failed = out.deliver(m);
        auto tx = s.db.begin(storage::access::write);
        storage::repositories& conn = *tx;
        const sys_seconds now = s.clock.now();
        if (!failed) {
            conn.outbox().mark_sent(m.id, now);
            ++delivered;
        } else {
            const int failures = m.attempts + 1;
            const bool give_up = failures >= policy.max_attempts;
            conn.outbox().mark_attempt_failed(m.id, *failed, now + retry_delay(failures, policy),
                                              give_up);
            (give_up ? log::error : log::warn)("outbox message " + std::to_string(m.id) +
                                               (give_up ? " failed for good: " : " not sent: ") +
                                               *failed);
        }
        tx->commit();
    }
    return delivered;
}

jobs::jobs(services& s, std::unique_ptr<sender> out, jobs_options opts)
    : s_(s), sender_(std::move(out)), opts_(opts), catalog_seen_(opts.catalog_loaded_at) {}

jobs::~jobs() {
    stop();
}

void jobs::start() {
    sweep_logged();
    sweeper_ = std::jthread{[this](const std::stop_token& st) { sweep_loop(st); }};
    deliverer_ = std::jthread{[this](const std::stop_token& st) { send_loop(st); }};
}

void jobs::stop() {
    sweeper_.request_stop();
    deliverer_.request_stop();
    if (sweeper_.joinable()) {
        sweeper_.join();
    }
    if (deliverer_.joinable()) {
        deliverer_.join();
    }
}

void jobs::on_clock_set() {
    sweep_logged();
    {
        const std::lock_guard lock{wake_mutex_};
        send_now_ = true;
    }
    wake_.notify_all();
}

void jobs::sweep_logged() noexcept {
    try {
        run_sweep(s_);
    } catch (const std::exception& e) {
        log::error(std::string{"sweep failed: "} + e.what());
    }
}

void jobs::sweep_loop(const std::stop_token& stop) {
    std::unique_lock lock{wake_mutex_};
    while (!stop.stop_requested()) {
        // condition_variable_any with a stop_token: stop() wakes the wait at once.
        wake_.wait_for(lock, stop, opts_.sweep_every, [] { return false; });
        if (stop.stop_requested()) {
            break;
        }
        lock.unlock();
        sweep_logged();
        lock.lock();
    }
}

void jobs::refresh_catalog() noexcept {
    try {
        // Read before the reload: a change committed in between moves it again, and the next
        // poll reloads once more.
        const auto version = s_.db.catalog_version();
        if (catalog_seen_ != version) {
            s_.catalog.reload(*s_.db.begin(storage::access::read));
            catalog_seen_ = version;
        }
    } catch (const std::exception& e) {
        log::warn(std::string{"reloading the catalog failed: "} + e.what());
    }
}

void jobs::send_loop(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
        if (opts_.watch_catalog) {
            refresh_catalog();
        }
        try {
            while (!stop.stop_requested() &&
                   deliver_due(s_, *sender_, opts_.retry, send_batch, stop) == send_batch) {
            }
        } catch (const std::exception& e) {
            log::error(std::string{"delivering the outbox failed: "} + e.what());
        }
        std::unique_lock lock{wake_mutex_};
        wake_.wait_for(lock, stop, opts_.poll_every, [this] { return send_now_; });
        send_now_ = false;
    }
}

} // namespace agrirent::app
