#pragma once
// Shared by the durability tests (docs/durability.md): a booking load of several client threads
// that remembers exactly what the server acknowledged, and the checks of a database file against
// that record (present, unchanged, integrity, capacity, atomicity).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/harness.hpp"

namespace agrirent::test::durability {

/// What one booking request asked for. Every request uses a phone number of its own (a new
/// farmer), so a committed row is traced back to its request by the phone.
struct booking_request {
    std::string phone;
    std::string branch;
    std::string type;
    std::string start; // YYYY-MM-DD
    std::string end;
};

/// What a 201 told the client (and what the database must hold for ever after).
struct told_booking {
    booking_request req;
    std::string code;
    std::string status;
    std::int64_t pickup_from = 0; // Unix seconds
    std::int64_t pickup_to = 0;
    std::int64_t return_by = 0;
    bool eve = false;
    std::int64_t gross = 0;
    std::int64_t discount = 0;
    std::int64_t net = 0;
};

/// Everything the clients saw, accumulated over every run of the load on one database.
struct ledger {
    std::map<std::string, booking_request> attempted; // by phone: every request sent
    std::map<std::string, told_booking> told;         // by code: every 201 received whole
    std::set<std::string> cancel_sent;                // codes whose cancel was sent
    std::set<std::string> cancel_told;                // codes whose cancel got 200 "cancelled"
    std::map<std::string, long> refused;              // 4xx answers by error code
    long unanswered = 0; // no whole reply: in flight when the server died
};

/// The dates a load books: usage days start within [first, first + span_days).
struct load_window {
    std::chrono::sys_days first;
    int span_days = 27;
};

/// The load: `threads` clients book (and now and then cancel one of their own bookings) on
/// `port` until finish() or until the server stops answering (a client stops at its first
/// request without a whole reply). Phone numbers come from `next_phone`
/// (shared by every run on one database, so they never repeat). Thread-safe merge into `out`.
class booking_load {
  public:
    booking_load(unsigned short port, load_window window, std::uint64_t seed,
                 std::atomic<long>& next_phone, ledger& out, int threads = 8);
    ~booking_load();
    booking_load(const booking_load&) = delete;
    booking_load& operator=(const booking_load&) = delete;

    /// Asks the clients to stop and waits for them (what they saw is then in the ledger).
    void finish();

  private:
    void client(int index, std::uint64_t seed);

    unsigned short port_;
    load_window window_;
    std::atomic<long>& next_phone_;
    ledger& out_;
    std::mutex mutex_;
    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

/// A phone number of the load's own range (010-7000-0000 and up; the demo farmers are below).
std::string load_phone(long n);
/// YYYY-MM-DD.
std::string format_day(std::chrono::sys_days d);
/// "2020-05-23T17:00:00+09:00" → Unix seconds.
std::int64_t parse_instant(const std::string& rfc3339);

/// Findings of check_database: empty `problems` means everything held.
struct db_findings {
    std::vector<std::string> problems;
    long rows = 0;             // reservations of the load in the file
    long committed_untold = 0; // committed though the client never saw its 201
    long cancelled_untold = 0; // cancelled though the client never saw the 200
    /// (phone, fee_net) of each booking committed without a told 201: its fee must be the quote.
    std::vector<std::pair<std::string, std::int64_t>> untold;
};

/// Opens `db`, a SQLite file (read-write for WAL recovery, without checkpointing on close so a hot
/// WAL stays for the server's own recovery) or a PostgreSQL URI (one consistent snapshot), and
/// checks (SQLite only: integrity_check ok, foreign_key_check empty) every told
/// booking present with its told plan and fee (and cancelled if its cancel was told), every row of
/// the load traced to a request and matching it, the capacity rule at every reservation's pickup,
/// and each booking's audit and outbox rows (written in the same transaction).
db_findings check_database(const std::string& db, const ledger& l);

} // namespace agrirent::test::durability
