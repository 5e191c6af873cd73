// The SQLite RAII layer, on real database files in a fresh temporary folder (STYLE.md: storage
// tests on a real SQLite file).
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "server/storage/sqlite/sqlite.hpp"

namespace db = agrirent::db;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

static_assert(!std::is_copy_constructible_v<db::statement>);
static_assert(std::is_nothrow_move_constructible_v<db::statement>);
static_assert(!std::is_copy_constructible_v<db::connection>);
static_assert(std::is_nothrow_move_constructible_v<db::connection>);
static_assert(!std::is_copy_constructible_v<db::pool::lease>);
static_assert(!std::is_copy_constructible_v<db::transaction>);

// A fresh folder under the system temp directory, removed with everything in it.
class temp_dir {
  public:
    temp_dir() {
        std::random_device random;
        std::uniform_int_distribution<std::uint64_t> pick;
        do {
            path_ = fs::temp_directory_path() /
                    ("agrirent-sqlite-test-" + std::to_string(pick(random)));
        } while (!fs::create_directory(path_));
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }

    [[nodiscard]] fs::path file(std::string_view name = "agrirent.db") const {
        return path_ / name;
    }

  private:
    fs::path path_;
};

// No Catch assertions here: also called from other threads.
std::int64_t count(db::connection& conn, std::string_view table) {
    db::statement query = conn.prepare("SELECT count(*) FROM " + std::string(table));
    if (!query.step()) {
        throw std::logic_error("count(*) returned no row");
    }
    return query.int64(0);
}

bool has_table(db::connection& conn, std::string_view name) {
    db::statement query =
        conn.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    query.bind(1, name);
    return query.step();
}

std::string schema_sql(db::connection& conn) {
    db::statement query = conn.prepare("SELECT group_concat(sql, ';') FROM "
                                       "(SELECT sql FROM sqlite_schema ORDER BY name)");
    REQUIRE(query.step());
    return query.optional_text(0).value_or("");
}

db::open_options quick(std::chrono::milliseconds busy_timeout) {
    db::open_options options;
    options.busy_timeout = busy_timeout;
    return options;
}

} // namespace

TEST_CASE("a connection creates its folder and sets WAL, FULL sync, foreign keys, busy_timeout",
          "[sqlite]") {
    const temp_dir dir;
    const fs::path file = dir.file("nested/deeper/agrirent.db");
    db::connection conn(file, quick(1234ms));
    CHECK(fs::exists(file));

    db::statement journal = conn.prepare("PRAGMA journal_mode");
    REQUIRE(journal.step());
    CHECK(journal.text(0) == "wal");
    db::statement keys = conn.prepare("PRAGMA foreign_keys");
    REQUIRE(keys.step());
    CHECK(keys.int64(0) == 1);
    db::statement sync = conn.prepare("PRAGMA synchronous");
    REQUIRE(sync.step());
    CHECK(sync.int64(0) == 2); // FULL
    db::statement timeout = conn.prepare("PRAGMA busy_timeout");
    REQUIRE(timeout.step());
    CHECK(timeout.int64(0) == 1234);

    db::connection with_default(file);
    db::statement default_timeout = with_default.prepare("PRAGMA busy_timeout");
    REQUIRE(default_timeout.step());
    CHECK(default_timeout.int64(0) == 5000);
}

TEST_CASE("bound values round-trip through a real table", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE v(id INTEGER PRIMARY KEY, value)");
    db::statement& insert = conn.prepare_cached("INSERT INTO v(id, value) VALUES (?, ?)");
    const auto put = [&](int id, const auto& value) {
        insert.reset();
        insert.bind_all(id, value);
        CHECK_FALSE(insert.step());
        CHECK(insert.changes() == 1);
    };
    const std::string korean = "경운기 대여 — 충남 홍성군 지점 ☘";
    const std::string_view empty_view; // data() == nullptr: must still be '' and not NULL
    const std::optional<std::int64_t> none;
    put(1, std::numeric_limits<std::int64_t>::min());
    put(2, std::numeric_limits<std::int64_t>::max());
    put(3, -42);
    put(4, true);
    put(5, false);
    put(6, 0.125);
    put(7, korean);
    put(8, empty_view);
    put(9, nullptr);
    put(10, none);
    put(11, std::optional<std::int64_t>(7));
    put(12, std::optional<std::string>("옵션"));
    put(13, "literal"); // a string literal binds text, never a bool
    put(14, std::nullopt);
    CHECK(conn.last_insert_rowid() == 14);

    db::statement& get = conn.prepare_cached("SELECT value, typeof(value) FROM v WHERE id = ?");
    const auto row = [&](int id) -> db::statement& {
        get.reset();
        get.bind(1, id);
        REQUIRE(get.step());
        return get;
    };
    CHECK(row(1).int64(0) == std::numeric_limits<std::int64_t>::min());
    CHECK(row(2).int64(0) == std::numeric_limits<std::int64_t>::max());
    CHECK(row(3).int32(0) == -42);
    CHECK(row(4).int64(0) == 1);
    CHECK(row(5).int64(0) == 0);
    CHECK(row(6).real(0) == 0.125);
    CHECK(row(7).text(0) == korean);
    CHECK(row(7).text_view(0) == korean);
    CHECK(row(7).text_view(1) == "text");
    CHECK(row(8).text(0).empty());
    CHECK_FALSE(row(8).is_null(0));
    CHECK(row(8).optional_text(0) == std::optional<std::string>(""));
    CHECK(row(9).is_null(0));
    CHECK(row(9).optional_int64(0) == std::nullopt);
    CHECK(row(9).optional_text(0) == std::nullopt);
    CHECK(row(9).text_view(0).empty());
    CHECK(row(10).is_null(0));
    CHECK(row(11).optional_int64(0) == 7);
    CHECK(row(12).optional_text(0) == std::optional<std::string>("옵션"));
    CHECK(row(13).text(0) == "literal");
    CHECK(row(13).text_view(1) == "text");
    CHECK(row(14).is_null(0));
    CHECK_FALSE(get.step());
}

TEST_CASE("SQL metacharacters in bound text stay data", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE x(name TEXT)");
    const std::string hostile = "'; DROP TABLE x; --";
    conn.prepare("INSERT INTO x(name) VALUES (?)").bind(1, hostile).step();

    CHECK(has_table(conn, "x"));
    db::statement query = conn.prepare("SELECT name FROM x WHERE name = ?");
    query.bind(1, hostile);
    REQUIRE(query.step());
    CHECK(query.text(0) == hostile);
    CHECK(count(conn, "x") == 1);
}

TEST_CASE("misuse of parameters, columns and SQL text throws db::error", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE t(a INTEGER)");
    conn.exec("INSERT INTO t VALUES (5000000000)");

    db::statement insert = conn.prepare("INSERT INTO t(a) VALUES (?)");
    CHECK_THROWS_AS(insert.bind(0, 1), db::error);
    try {
        insert.bind(2, 1);
        FAIL("bind of parameter 2 of 1 did not throw");
    } catch (const db::error& e) {
        CHECK(e.code() == SQLITE_RANGE);
    }

    db::statement query = conn.prepare("SELECT a FROM t");
    CHECK_THROWS_AS(query.int64(0), db::error); // no current row yet
    REQUIRE(query.step());
    CHECK(query.int64(0) == 5000000000);
    CHECK_THROWS_AS(query.int32(0), db::error); // does not fit
    CHECK_THROWS_AS(query.int64(1), db::error);
    CHECK_THROWS_AS(query.int64(-1), db::error);
    CHECK_FALSE(query.step());
    CHECK_THROWS_AS(query.int64(0), db::error); // done: no row

    CHECK_THROWS_WITH(conn.prepare("SELEC 1"), Catch::Contains("syntax error"));
    CHECK_THROWS_WITH(conn.prepare("SELECT 1; SELECT 2"), Catch::Contains("more than one"));
    CHECK_NOTHROW(conn.prepare("SELECT 1; -- trailing comment"));
    CHECK_THROWS_AS(conn.prepare("  -- nothing"), db::error);
    CHECK_THROWS_AS(conn.exec("INSERT INTO missing VALUES (1)"), db::error);

    db::statement moved_from = conn.prepare("SELECT 1");
    db::statement owner = std::move(moved_from);
    CHECK_THROWS_AS(moved_from.step(), db::error); // NOLINT(bugprone-use-after-move): on purpose
    CHECK_NOTHROW(moved_from.reset());
    CHECK(moved_from.changes() == 0);
    CHECK(owner.step());
}

TEST_CASE("prepare_cached returns the same statement for the same SQL, reset before reuse",
          "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2), (3)");
    const std::string sql = "SELECT a FROM t WHERE a >= ? ORDER BY a";

    db::statement& first = conn.prepare_cached(sql);
    first.bind(1, 2);
    REQUIRE(first.step());
    CHECK(first.int64(0) == 2); // left on a row, binding set

    db::statement& again = conn.prepare_cached(std::string_view(sql));
    CHECK(&again == &first);
    CHECK(again.handle() == first.handle());
    // Rewound and bindings cleared: ? is NULL now, so a >= NULL matches nothing.
    CHECK_FALSE(again.step());

    db::statement& other = conn.prepare_cached("SELECT a FROM t ORDER BY a");
    CHECK(&other != &first);
    REQUIRE(other.step());
    CHECK(other.int64(0) == 1);

    // The cached reference survives moving the connection.
    db::connection moved = std::move(conn);
    CHECK(&moved.prepare_cached(sql) == &first);
}

TEST_CASE("a transaction not committed is rolled back by its destructor", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE t(a INTEGER)");
    {
        db::transaction tx(conn);
        conn.exec("INSERT INTO t VALUES (1)");
        CHECK(conn.in_transaction());
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(count(conn, "t") == 0);

    // Also when leaving by an exception.
    CHECK_THROWS_AS(
        [&] {
            db::transaction tx(conn);
            conn.exec("INSERT INTO t VALUES (2)");
            conn.exec("INSERT INTO no_such_table VALUES (3)");
            tx.commit();
        }(),
        db::error);
    CHECK_FALSE(conn.in_transaction());
    CHECK(count(conn, "t") == 0);

    // A second commit is a programming error; the first one stands.
    db::transaction tx(conn);
    conn.exec("INSERT INTO t VALUES (4)");
    tx.commit();
    CHECK_THROWS_AS(tx.commit(), db::error);
    CHECK(count(conn, "t") == 1);
}

TEST_CASE("committed data is visible from a second connection, uncommitted data is not",
          "[sqlite]") {
    const temp_dir dir;
    db::connection writer(dir.file());
    db::connection reader(dir.file());
    writer.exec("CREATE TABLE t(a INTEGER)");

    db::transaction tx(writer);
    writer.exec("INSERT INTO t VALUES (1)");
    CHECK(count(reader, "t") == 0); // WAL: the reader is not blocked, and sees the old state
    tx.commit();
    CHECK(count(reader, "t") == 1);
}

TEST_CASE("a deferred transaction reads one snapshot", "[sqlite]") {
    const temp_dir dir;
    db::connection reader(dir.file());
    db::connection writer(dir.file());
    writer.exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1)");
    {
        db::transaction tx(reader, db::transaction_mode::deferred);
        CHECK(count(reader, "t") == 1);
        writer.exec("INSERT INTO t VALUES (2)"); // the writer does not wait for the reader
        CHECK(count(reader, "t") == 1);
        tx.commit();
    }
    CHECK(count(reader, "t") == 2);
}

TEST_CASE("BEGIN IMMEDIATE on a second connection waits busy_timeout", "[sqlite]") {
    const temp_dir dir;
    db::connection first(dir.file(), quick(50ms));
    first.exec("CREATE TABLE t(a INTEGER)");
    db::transaction holding(first);
    first.exec("INSERT INTO t VALUES (1)");

    SECTION("and fails busy if the lock is still taken") {
        db::connection second(dir.file(), quick(50ms));
        const auto start = std::chrono::steady_clock::now();
        try {
            db::transaction tx(second);
            FAIL("BEGIN IMMEDIATE did not wait for the other writer");
        } catch (const db::error& e) {
            CHECK(e.is_busy());
            CHECK_FALSE(e.is_constraint());
        }
        CHECK(std::chrono::steady_clock::now() - start >= 40ms); // it waited, then gave up
        CHECK_FALSE(second.in_transaction());
    }

    SECTION("and proceeds once the first commits") {
        db::connection second(dir.file(), quick(10s));
        std::exception_ptr failure;
        std::int64_t seen = -1;
        std::thread other([&] {
            try {
                db::transaction tx(second); // blocks until `holding` commits
                seen = count(second, "t");
                second.exec("INSERT INTO t VALUES (2)");
                tx.commit();
            } catch (...) {
                failure = std::current_exception();
            }
        });
        std::this_thread::sleep_for(100ms);
        holding.commit();
        other.join();
        if (failure) {
            std::rethrow_exception(failure);
        }
        CHECK(seen == 1); // it saw the first writer's row: check-and-insert is serialised
        CHECK(count(first, "t") == 2);
    }
}

TEST_CASE("an immediate transaction refuses to begin under a statement left on a row", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2)");
    db::statement& lookup = conn.prepare_cached("SELECT a FROM t ORDER BY a");
    REQUIRE(lookup.step()); // abandoned on a row: its read snapshot stays open

    CHECK_THROWS_WITH(db::transaction(conn), Catch::Contains("reset()"));
    CHECK_FALSE(conn.in_transaction());
    CHECK_NOTHROW(db::transaction(conn, db::transaction_mode::deferred));

    lookup.reset();
    db::transaction tx(conn);
    conn.exec("INSERT INTO t VALUES (3)");
    tx.commit();
    CHECK(count(conn, "t") == 3);
}

TEST_CASE("constraint violations report is_constraint()", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE branch(code TEXT PRIMARY KEY);"
              "CREATE TABLE machine(serial TEXT NOT NULL UNIQUE,"
              "                     branch TEXT NOT NULL REFERENCES branch(code));"
              "INSERT INTO branch VALUES ('HS');");
    db::statement& insert =
        conn.prepare_cached("INSERT INTO machine(serial, branch) VALUES (?, ?)");
    insert.bind_all("TR-001", "HS").step();

    insert.reset();
    insert.bind_all("TR-001", "HS");
    try {
        insert.step();
        FAIL("duplicate serial accepted");
    } catch (const db::error& e) {
        CHECK(e.is_constraint());
        CHECK(e.is_unique_violation());
        CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);
        CHECK_FALSE(e.is_busy());
        CHECK_THAT(e.what(), Catch::Contains("UNIQUE"));
    }

    insert.reset();
    insert.bind_all("TR-002", "XX"); // no such branch: foreign keys are enforced
    try {
        insert.step();
        FAIL("dangling branch accepted");
    } catch (const db::error& e) {
        CHECK(e.is_constraint());
        CHECK_FALSE(e.is_unique_violation());
        CHECK(e.code() == SQLITE_CONSTRAINT_FOREIGNKEY);
    }
    CHECK(count(conn, "machine") == 1);
}

TEST_CASE("migrations apply in order and are idempotent on reopen", "[sqlite]") {
    const temp_dir dir;
    const std::array<std::string_view, 3> migrations = {
        "CREATE TABLE branch(code TEXT PRIMARY KEY)",
        "INSERT INTO branch VALUES ('HS')",
        "ALTER TABLE branch ADD COLUMN name TEXT NOT NULL DEFAULT ''; "
        "UPDATE branch SET name = '홍성'",
    };
    {
        db::connection conn(dir.file());
        CHECK(conn.user_version() == 0);
        db::migrate(conn, std::span(migrations).first(1));
        CHECK(conn.user_version() == 1);
        db::migrate(conn, migrations);
        CHECK(conn.user_version() == 3);
    }
    db::connection reopened(dir.file());
    db::migrate(reopened, migrations); // nothing to do: the INSERT does not run twice
    CHECK(reopened.user_version() == 3);
    CHECK(count(reopened, "branch") == 1);
    db::statement name = reopened.prepare("SELECT name FROM branch");
    REQUIRE(name.step());
    CHECK(name.text(0) == "홍성");
}

TEST_CASE("a failing migration leaves user_version and the schema unchanged", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    std::array<std::string_view, 3> migrations = {
        "CREATE TABLE branch(code TEXT PRIMARY KEY)",
        "CREATE TABLE machine(serial TEXT PRIMARY KEY); INSERT INTO nowhere VALUES (1)",
        "CREATE TABLE customer(id INTEGER PRIMARY KEY)",
    };
    CHECK_THROWS_WITH(db::migrate(conn, migrations), Catch::Contains("migration 2 failed"));
    CHECK(conn.user_version() == 1); // the first one stays applied
    CHECK(has_table(conn, "branch"));
    CHECK_FALSE(has_table(conn, "machine")); // rolled back together with its version
    CHECK_FALSE(has_table(conn, "customer"));
    CHECK_FALSE(conn.in_transaction());

    migrations[1] = "CREATE TABLE machine(serial TEXT PRIMARY KEY)"; // the fixed release
    db::migrate(conn, migrations);
    CHECK(conn.user_version() == 3);
    CHECK(has_table(conn, "machine"));
    CHECK(has_table(conn, "customer"));
}

TEST_CASE("a database newer than the program is refused and not modified", "[sqlite]") {
    const temp_dir dir;
    db::connection conn(dir.file());
    conn.exec("CREATE TABLE future(x)");
    conn.set_user_version(7);
    const std::string before = schema_sql(conn);
    const std::array<std::string_view, 5> migrations = {
        "CREATE TABLE a(x)", "CREATE TABLE b(x)", "CREATE TABLE c(x)",
        "CREATE TABLE d(x)", "CREATE TABLE e(x)",
    };
    try {
        db::migrate(conn, migrations);
        FAIL("a newer schema was accepted");
    } catch (const db::schema_too_new& e) {
        CHECK(std::string(e.what()) ==
              "database schema version 7 is newer than this program (knows 5); upgrade agrirent");
        CHECK(e.database_version() == 7);
        CHECK(e.known_version() == 5);
    }
    CHECK(conn.user_version() == 7);
    CHECK(schema_sql(conn) == before);
    CHECK_FALSE(has_table(conn, "a"));
    CHECK_FALSE(conn.in_transaction());
}

TEST_CASE("a pool of two connections serves three threads", "[sqlite]") {
    const temp_dir dir;
    db::pool pool(dir.file(), 2);
    CHECK(pool.size() == 2);
    {
        auto conn = pool.acquire();
        conn->exec("CREATE TABLE t(thread INTEGER)");
    }

    std::atomic<int> leased{0};
    std::atomic<int> most_leased{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int id = 0; id < 3; ++id) {
        threads.emplace_back([&, id] {
            try {
                auto conn = pool.acquire();
                const int now = ++leased;
                int seen = most_leased.load();
                while (now > seen && !most_leased.compare_exchange_weak(seen, now)) {
                }
                auto writing = pool.lock_writer();
                db::transaction tx(*conn);
                conn->prepare_cached("INSERT INTO t VALUES (?)").bind(1, id).step();
                tx.commit();
                writing.unlock();
                std::this_thread::sleep_for(30ms);
                --leased;
            } catch (...) {
                ++failures;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(failures == 0);
    CHECK(most_leased <= 2);
    auto conn = pool.acquire();
    CHECK(count(*conn, "t") == 3);
}

TEST_CASE("acquire blocks until a lease is returned", "[sqlite]") {
    const temp_dir dir;
    db::pool pool(dir.file(), 2);
    std::optional<db::pool::lease> first(pool.acquire());
    auto second = pool.acquire();
    CHECK(&**first != &*second);

    std::atomic<bool> got{false};
    std::thread waiter([&] {
        auto third = pool.acquire();
        got = true;
    });
    std::this_thread::sleep_for(100ms);
    CHECK_FALSE(got.load());
    first.reset(); // give one back
    waiter.join();
    CHECK(got.load());
}

TEST_CASE("the writer mutex serialises our writers without SQLite busy waits", "[sqlite]") {
    const temp_dir dir;
    // busy_timeout 0: any overlap of two BEGIN IMMEDIATE would fail at once with SQLITE_BUSY.
    db::pool pool(dir.file(), 2, quick(0ms));
    {
        auto conn = pool.acquire();
        conn->exec("CREATE TABLE counter(n INTEGER); INSERT INTO counter VALUES (0)");
    }
    std::atomic<int> inside{0};
    std::atomic<int> overlaps{0};
    std::atomic<int> failures{0};
    const auto work = [&] {
        for (int i = 0; i < 50; ++i) {
            try {
                auto conn = pool.acquire();
                auto writing = pool.lock_writer();
                if (++inside != 1) {
                    ++overlaps;
                }
                db::transaction tx(*conn);
                db::statement& read = conn->prepare_cached("SELECT n FROM counter");
                read.step();
                const std::int64_t n = read.int64(0);
                read.reset();
                conn->prepare_cached("UPDATE counter SET n = ?").bind(1, n + 1).step();
                tx.commit();
                --inside;
            } catch (...) {
                ++failures;
            }
        }
    };
    std::thread a(work);
    std::thread b(work);
    a.join();
    b.join();
    CHECK(failures == 0);
    CHECK(overlaps == 0);
    auto conn = pool.acquire();
    db::statement total = conn->prepare("SELECT n FROM counter");
    REQUIRE(total.step());
    CHECK(total.int64(0) == 100); // no lost update
}

TEST_CASE("a returned lease leaves no snapshot and no transaction behind", "[sqlite]") {
    const temp_dir dir;
    db::pool pool(dir.file(), 1, quick(50ms));
    db::connection other(dir.file(), quick(50ms));
    other.exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2)");
    {
        auto conn = pool.acquire();
        REQUIRE(conn->prepare_cached("SELECT a FROM t").step()); // abandoned on a row
        conn->exec("BEGIN");                                     // and a transaction left open
    }
    other.exec("INSERT INTO t VALUES (3)"); // would fail busy if the transaction were still open

    auto conn = pool.acquire();
    CHECK_FALSE(conn->in_transaction());
    // Without the reset on release this would see a stale snapshot: BEGIN IMMEDIATE would be
    // refused, and a plain write would fail with SQLITE_BUSY_SNAPSHOT.
    db::transaction tx(*conn);
    conn->exec("INSERT INTO t VALUES (4)");
    tx.commit();
    CHECK(count(*conn, "t") == 4);
}

TEST_CASE("closing the pool checkpoints the WAL into the database file", "[sqlite]") {
    const temp_dir dir;
    const fs::path file = dir.file();
    {
        db::pool pool(file, 2);
        auto conn = pool.acquire();
        conn->exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1)");
    }
    const fs::path wal = fs::path(file.string() + "-wal");
    CHECK((!fs::exists(wal) || fs::file_size(wal) == 0));
    db::connection reopened(file);
    CHECK(count(reopened, "t") == 1);
}

// ---- group commit (pool::write_in_group) --------------------------------------------------------

TEST_CASE("group commit: racing check-then-insert jobs keep the limit, acknowledged after commit",
          "[sqlite][group]") {
    temp_dir dir;
    db::pool pool{dir.file(), 17};
    {
        auto lease = pool.acquire();
        lease->exec("CREATE TABLE slots (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL)");
    }
    constexpr int threads = 16;
    constexpr int jobs_each = 40;
    constexpr int limit = 100; // far fewer than the 640 attempts
    std::atomic<int> kept{0};
    std::atomic<int> unseen{0}; // acknowledged, yet not visible to another connection
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            auto lease = pool.acquire();
            for (int j = 0; j < jobs_each; ++j) {
                const int owner = t * 1000 + j;
                bool mine = false;
                pool.write_in_group(*lease, [&](db::connection& c) {
                    if (count(c, "slots") >= limit) {
                        return false;
                    }
                    auto st = c.prepare("INSERT INTO slots (owner) VALUES (?)");
                    st.bind(1, owner);
                    st.step();
                    mine = true;
                    return true;
                });
                if (mine) {
                    ++kept;
                    // Committed before write_in_group returned: this thread's own connection
                    // (which may not be the one that ran the batch) sees the row.
                    auto st = lease->prepare("SELECT count(*) FROM slots WHERE owner = ?");
                    st.bind(1, owner);
                    st.step();
                    if (st.int64(0) != 1) {
                        ++unseen;
                    }
                }
            }
        });
    }
    for (auto& w : workers) {
        w.join();
    }
    auto lease = pool.acquire();
    CHECK(kept == limit);
    CHECK(count(*lease, "slots") == limit);
    CHECK(unseen == 0);
    const auto stats = pool.group_commit_stats();
    CHECK(stats.jobs == static_cast<std::uint64_t>(threads * jobs_each));
    CHECK(stats.batches >= 1);
    CHECK(stats.batches <= stats.jobs);
}

TEST_CASE("group commit: a refused or throwing job rolls back only itself", "[sqlite][group]") {
    temp_dir dir;
    db::pool pool{dir.file(), 2};
    auto lease = pool.acquire();
    lease->exec("CREATE TABLE t (v TEXT NOT NULL)");
    const auto insert = [](db::connection& c, const char* v) {
        auto st = c.prepare("INSERT INTO t (v) VALUES (?)");
        st.bind(1, v);
        st.step();
    };
    pool.write_in_group(*lease, [&](db::connection& c) {
        insert(c, "refused");
        return false;
    });
    CHECK_THROWS_WITH(pool.write_in_group(*lease,
                                          [&](db::connection& c) -> bool {
                                              insert(c, "threw");
                                              throw std::runtime_error("job failed");
                                          }),
                      "job failed");
    pool.write_in_group(*lease, [&](db::connection& c) {
        insert(c, "kept");
        return true;
    });
    auto st = lease->prepare("SELECT group_concat(v) FROM t");
    st.step();
    CHECK(st.text(0) == "kept");
    CHECK_FALSE(lease->in_transaction());
}

TEST_CASE("group commit: a failing COMMIT is every job's error and keeps nothing",
          "[sqlite][group]") {
    temp_dir dir;
    db::pool pool{dir.file(), 2};
    auto lease = pool.acquire();
    // A deferred foreign key is checked only at COMMIT: the job succeeds, the commit fails.
    lease->exec("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                "CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) "
                "DEFERRABLE INITIALLY DEFERRED)");
    bool ran = false;
    try {
        pool.write_in_group(*lease, [&](db::connection& c) {
            c.exec("INSERT INTO child (parent_id) VALUES (42)");
            ran = true;
            return true;
        });
        FAIL("the commit should have failed");
    } catch (const db::error& e) {
        CHECK(e.is_constraint());
    }
    CHECK(ran);
    CHECK(count(*lease, "child") == 0);
    CHECK_FALSE(lease->in_transaction());
}

TEST_CASE("commit_count moves after every commit, not after a rollback or a read",
          "[sqlite][group]") {
    temp_dir dir;
    db::connection conn{dir.file()};
    conn.exec("CREATE TABLE t (v INTEGER)");
    const auto before = db::commit_count();
    {
        db::transaction tx{conn};
        conn.exec("INSERT INTO t VALUES (1)");
    } // rolled back
    CHECK(db::commit_count() == before);
    CHECK(count(conn, "t") == 0);
    CHECK(db::commit_count() == before);
    {
        db::transaction tx{conn};
        conn.exec("INSERT INTO t VALUES (1)");
        tx.commit();
    }
    CHECK(db::commit_count() == before + 1);
    conn.exec("INSERT INTO t VALUES (2)"); // autocommit
    CHECK(db::commit_count() == before + 2);
}

TEST_CASE("the WAL stays bounded: our commit hook still checkpoints at 1,000 pages",
          "[sqlite][group]") {
    // The WAL hook that counts commits replaces SQLite's automatic checkpoint; without the
    // checkpoint it repeats, the -wal file would grow with every write until the server stops.
    temp_dir dir;
    db::connection conn{dir.file()};
    conn.exec("CREATE TABLE blobs (b BLOB)");
    for (int i = 0; i < 300; ++i) { // 300 commits of 64 KiB: about 19 MiB through the WAL
        db::transaction tx{conn};
        conn.exec("INSERT INTO blobs VALUES (zeroblob(65536))");
        conn.exec("DELETE FROM blobs WHERE rowid < (SELECT max(rowid) FROM blobs)");
        tx.commit();
    }
    const auto wal = fs::file_size(dir.file().string() + "-wal");
    INFO("WAL size " << wal);
    CHECK(wal < 8u * 1024 * 1024); // 1,000 pages of 4 KiB plus the last transactions
}
