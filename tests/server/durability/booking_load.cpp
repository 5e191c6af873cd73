#include "tests/server/durability/booking_load.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <tuple>

#include <sqlite3.h>

namespace agrirent::test::durability {
namespace {

namespace json = boost::json;

// Types nobody needs training for (demo.cpp), so any new farmer may book them; none needs
// approval, so a web booking is confirmed at once.
constexpr std::array<const char*, 5> open_types{"CULTIVATOR", "RICE_TRANSPLANTER", "TILLER",
                                                "SEEDER", "POTATO_HARVESTER"};
constexpr std::array<const char*, 2> branches{"GS", "BB"};

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

std::optional<told_booking> told_of(const http_reply& r, const booking_request& req) {
    if (r.status != 201) {
        return std::nullopt;
    }
    try {
        const json::value v = r.json(); // a reply cut short by the kill is no acknowledgement
        told_booking t;
        t.req = req;
        t.code = str(v.at("code"));
        t.status = str(v.at("status"));
        t.pickup_from = parse_instant(str(v.at("pickup").at("from")));
        t.pickup_to = parse_instant(str(v.at("pickup").at("to")));
        t.eve = v.at("pickup").at("eve").as_bool();
        t.return_by = parse_instant(str(v.at("return_by")));
        t.gross = v.at("fee").at("gross").as_int64();
        t.discount = v.at("fee").at("discount").as_int64();
        t.net = v.at("fee").at("net").as_int64();
        return t;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// A whole reply, or nullopt when the connection failed or closed early (the server died).
std::optional<http_reply> send(unsigned short port, std::string_view method,
                               std::string_view target, const json::value& body) {
    try {
        return http_request(port, method, target, json::serialize(body));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::string load_phone(long n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "010-%04ld-%04ld", 7000 + n / 10000, n % 10000);
    return buf;
}

std::string format_day(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::int64_t parse_instant(const std::string& s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, oh = 0, om = 0;
    char sign = '+';
    if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d%c%d:%d", &y, &mo, &d, &h, &mi, &sec, &sign, &oh,
                    &om) != 9) {
        throw std::runtime_error("not an RFC 3339 instant: " + s);
    }
    using namespace std::chrono;
    const auto day = sys_days{year{y} / month{static_cast<unsigned>(mo)} /
                              std::chrono::day{static_cast<unsigned>(d)}};
    const std::int64_t local =
        duration_cast<seconds>(day.time_since_epoch()).count() + h * 3600L + mi * 60L + sec;
    const std::int64_t offset = (oh * 3600L + om * 60L) * (sign == '-' ? -1 : 1);
    return local - offset;
}

booking_load::booking_load(unsigned short port, load_window window, std::uint64_t seed,
                           std::atomic<long>& next_phone, ledger& out, int threads)
    : port_(port), window_(window), next_phone_(next_phone), out_(out) {
    for (int i = 0; i < threads; ++i) {
        threads_.emplace_back(
            [this, i, seed] { client(i, seed * 1000 + static_cast<unsigned>(i)); });
    }
}

booking_load::~booking_load() {
    finish();
}

void booking_load::finish() {
    stop_ = true;
    for (auto& t : threads_) {
        if (t.joinable()) {
            t.join();
        }
    }
}

void booking_load::client(int index, std::uint64_t seed) {
    (void)index;
    std::mt19937_64 rng{seed};
    ledger mine;
    std::vector<told_booking> cancellable; // this run's bookings of this client
    bool server_gone = false;
    while (!stop_ && !server_gone) {
        // Now and then cancel one of our own bookings (it frees capacity, like a farmer would).
        if (!cancellable.empty() && rng() % 6 == 0) {
            const auto pick = rng() % cancellable.size();
            const told_booking t = cancellable[pick];
            cancellable.erase(cancellable.begin() + static_cast<std::ptrdiff_t>(pick));
            mine.cancel_sent.insert(t.code);
            const auto r = send(port_, "POST", "/api/v1/reservations/" + t.code + "/cancel",
                                json::object{{"phone", t.req.phone}});
            if (!r) {
                ++mine.unanswered;
                server_gone = true;
                continue;
            }
            try {
                if (r->status == 200 && str(r->json().at("status")) == "cancelled") {
                    mine.cancel_told.insert(t.code);
                }
            } catch (const std::exception&) {
                ++mine.unanswered; // cut short: not an acknowledgement
            }
            continue;
        }
        booking_request req;
        req.phone = load_phone(next_phone_++);
        req.branch = branches[rng() % branches.size()];
        req.type = open_types[rng() % open_types.size()];
        const auto start =
            window_.first + std::chrono::days{static_cast<int>(rng() % window_.span_days)};
        req.start = format_day(start);
        req.end = format_day(start + std::chrono::days{static_cast<int>(rng() % 2)});
        mine.attempted.emplace(req.phone, req);
        const auto body = booking(req.branch, req.type, req.start, req.end,
                                  "농부" + req.phone.substr(req.phone.size() - 4), req.phone);
        const auto r = send(port_, "POST", "/api/v1/reservations", body);
        if (!r) {
            ++mine.unanswered;
            server_gone = true;
            continue;
        }
        if (auto t = told_of(*r, req)) {
            cancellable.push_back(*t);
            mine.told.emplace(t->code, std::move(*t));
        } else if (r->status == 201) {
            ++mine.unanswered; // a 201 cut short by the kill
        } else {
            const auto code = r->error_code();
            ++mine.refused[code.empty() ? std::to_string(r->status) : code];
        }
    }
    const std::lock_guard lock(mutex_);
    out_.attempted.merge(mine.attempted);
    out_.told.merge(mine.told);
    out_.cancel_sent.merge(mine.cancel_sent);
    out_.cancel_told.merge(mine.cancel_told);
    for (const auto& [code, n] : mine.refused) {
        out_.refused[code] += n;
    }
    out_.unanswered += mine.unanswered;
}

// ---- checking a database file ----------------------------------------------------------------

namespace {

class reader {
  public:
    explicit reader(const std::filesystem::path& file) {
        if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db_);
            sqlite3_close(db_);
            throw std::runtime_error("cannot open " + file.string() + ": " + message);
        }
        // Leave a hot WAL as the crash left it: the server's restart must recover it itself.
        sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        sqlite3_busy_timeout(db_, 10000);
    }
    ~reader() { sqlite3_close(db_); }
    reader(const reader&) = delete;
    reader& operator=(const reader&) = delete;

    /// Every row, every column as text.
    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            throw std::runtime_error("prepare failed: " + std::string{sqlite3_errmsg(db_)} +
                                     " in " + sql);
        }
        std::vector<std::vector<std::string>> out;
        int rc = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto* text = sqlite3_column_text(st, c);
                row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
            }
            out.push_back(std::move(row));
        }
        const std::string message = sqlite3_errmsg(db_);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            throw std::runtime_error("query failed: " + message + " in " + sql);
        }
        return out;
    }

  private:
    sqlite3* db_ = nullptr;
};

constexpr const char* holding = "('requested', 'confirmed', 'checked_out')";

} // namespace

db_findings check_database(const std::string& target, const ledger& l) {
    db_findings f;
    const auto problem = [&f](std::string text) { f.problems.push_back(std::move(text)); };
    // PostgreSQL: one consistent snapshot (it checks its own pages and enforces the foreign
    // keys); SQLite: the file as the crash left it, with its integrity and foreign key checks.
    const bool postgres = target.starts_with("postgres://") || target.starts_with("postgresql://");
    std::unique_ptr<reader> file;
    std::unique_ptr<db_view> snapshot;
    if (postgres) {
        snapshot = std::make_unique<db_view>(target);
    } else {
        file = std::make_unique<reader>(target);
    }
    struct {
        reader* file;
        db_view* snapshot;
        std::vector<std::vector<std::string>> rows(const std::string& sql) const {
            return file != nullptr ? file->rows(sql) : snapshot->rows(sql);
        }
    } db{file.get(), snapshot.get()};

    if (!postgres) {
        const auto integrity = db.rows("PRAGMA integrity_check");
        if (integrity.size() != 1 || integrity[0][0] != "ok") {
            problem("integrity_check: " + (integrity.empty() ? "" : integrity[0][0]));
        }
        if (const auto fk = db.rows("PRAGMA foreign_key_check"); !fk.empty()) {
            problem("foreign_key_check: " + std::to_string(fk.size()) + " violation(s) in " +
                    fk[0][0]);
        }
    }

    // The load's reservations, by code.
    struct row {
        std::string phone, branch, type, start, end, status;
        std::int64_t eve, pickup_from, pickup_to, return_by, gross, discount, net;
    };
    std::map<std::string, row> found;
    for (const auto& r : db.rows(
             "SELECT r.code, f.phone, b.code, t.code, r.start_date, r.end_date, r.status, r.eve, "
             "r.pickup_from, r.pickup_to, r.return_by, r.fee_gross, r.fee_discount, r.fee_net "
             "FROM reservations r JOIN farmers f ON f.id = r.farmer_id "
             "JOIN branches b ON b.id = r.branch_id JOIN machine_types t ON t.id = r.type_id "
             "WHERE f.phone >= '010-7000'")) {
        found[r[0]] = row{r[1],
                          r[2],
                          r[3],
                          r[4],
                          r[5],
                          r[6],
                          std::stoll(r[7]),
                          std::stoll(r[8]),
                          std::stoll(r[9]),
                          std::stoll(r[10]),
                          std::stoll(r[11]),
                          std::stoll(r[12]),
                          std::stoll(r[13])};
    }
    f.rows = static_cast<long>(found.size());

    // 1. Every acknowledged booking is there, exactly as told.
    for (const auto& [code, t] : l.told) {
        const auto it = found.find(code);
        if (it == found.end()) {
            problem("acknowledged booking " + code + " (" + t.req.phone + ") is missing");
            continue;
        }
        const row& r = it->second;
        const bool same = r.phone == t.req.phone && r.branch == t.req.branch &&
                          r.type == t.req.type && r.start == t.req.start && r.end == t.req.end &&
                          (r.eve != 0) == t.eve && r.pickup_from == t.pickup_from &&
                          r.pickup_to == t.pickup_to && r.return_by == t.return_by &&
                          r.gross == t.gross && r.discount == t.discount && r.net == t.net;
        if (!same) {
            problem("acknowledged booking " + code + " changed (plan or fee differs)");
        }
        // Statuses: cancelled once its cancel was told; otherwise as told, or no_show once the
        // clock of a later cycle passed its pickup (the sweeper), or cancelled if a cancel was
        // in flight at the kill.
        if (l.cancel_told.contains(code)) {
            if (r.status != "cancelled") {
                problem("acknowledged cancel of " + code + " lost (status " + r.status + ")");
            }
        } else if (r.status != t.status && r.status != "no_show" &&
                   !(r.status == "cancelled" && l.cancel_sent.contains(code))) {
            problem("booking " + code + " is " + r.status + ", told " + t.status);
        }
        if (r.status == "cancelled" && !l.cancel_told.contains(code)) {
            ++f.cancelled_untold;
        }
    }

    // 2. Every row of the load comes from a request that was sent and matches it.
    for (const auto& [code, r] : found) {
        const auto req = l.attempted.find(r.phone);
        if (req == l.attempted.end()) {
            problem("reservation " + code + " for " + r.phone + " was never requested");
            continue;
        }
        if (r.branch != req->second.branch || r.type != req->second.type ||
            r.start != req->second.start || r.end != req->second.end) {
            problem("reservation " + code + " does not match its request");
        }
        if (!l.told.contains(code)) {
            ++f.committed_untold;
            f.untold.emplace_back(r.phone, r.net);
        }
    }

    // 3. The capacity rule (DOMAIN.md §5.4): at every instant, the holding reservations of a
    // (branch, type) fit its units in service. A sweep over the occupancies (half-open: a return
    // at 17:00 and a pickup at 17:00 do not overlap) reports each reservation whose pickup
    // starts while too many are out.
    std::map<std::pair<std::string, std::string>, long> capacity;
    for (const auto& r : db.rows("SELECT branch_id, type_id, count(*) FROM units WHERE status NOT "
                                 "IN ('maintenance', 'retired') GROUP BY branch_id, type_id")) {
        capacity[{r[0], r[1]}] = std::stol(r[2]);
    }
    // (branch, type) → (instant, +1 start / -1 end, code); ends sort before starts at one instant.
    std::map<std::pair<std::string, std::string>,
             std::vector<std::tuple<std::int64_t, int, std::string>>>
        events;
    for (const auto& r : db.rows(std::string{"SELECT branch_id, type_id, pickup_from, return_by, "
                                             "code FROM reservations WHERE status IN "} +
                                 holding)) {
        auto& e = events[{r[0], r[1]}];
        e.emplace_back(std::stoll(r[2]), 1, r[4]);
        e.emplace_back(std::stoll(r[3]), -1, r[4]);
    }
    for (auto& [key, e] : events) {
        std::sort(e.begin(), e.end());
        const long cap = capacity.contains(key) ? capacity.at(key) : 0;
        long out = 0;
        for (const auto& [at, delta, code] : e) {
            out += delta;
            if (delta > 0 && out > cap) {
                problem("capacity exceeded at the pickup of " + code);
            }
        }
    }

    // 4. Atomicity: a booking's audit row and confirmation message were committed with it, and a
    // cancellation's with the cancel.
    const auto orphans =
        db.rows("SELECT r.code FROM reservations r JOIN farmers f ON f.id = r.farmer_id "
                "WHERE f.phone >= '010-7000' AND (NOT EXISTS (SELECT 1 FROM audit_log a WHERE "
                "a.reservation_id = r.id AND a.action = 'create') OR NOT EXISTS (SELECT 1 FROM "
                "outbox o WHERE o.reservation_id = r.id AND o.kind = 'confirmation') OR "
                "(r.status = 'cancelled' AND (NOT EXISTS (SELECT 1 FROM audit_log a WHERE "
                "a.reservation_id = r.id AND a.action = 'cancel') OR NOT EXISTS (SELECT 1 FROM "
                "outbox o WHERE o.reservation_id = r.id AND o.kind = 'cancellation'))))");
    for (const auto& r : orphans) {
        problem("reservation " + r[0] + " lacks the audit or outbox rows of its transaction");
    }
    return f;
}

} // namespace agrirent::test::durability
