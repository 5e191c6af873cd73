#pragma once
// A thin RAII layer over the SQLite 3 C API (STYLE.md: "Storage is a thin RAII layer").
//
// Rules the repositories rely on:
// - A connection (and every statement prepared on it) is used by one thread at a time; a
//   pool::lease is how a thread gets one.
// - Every booking write runs in a transaction_mode::immediate transaction, so check-and-insert is
//   atomic; multi-statement reads use transaction_mode::deferred for one consistent snapshot.
// - A statement left on a row (step() returned true, then abandoned) keeps its read snapshot
//   open. Call reset() when you stop early (or let prepare_cached / the lease do it): a write from
//   a connection holding a stale snapshot fails at once with SQLITE_BUSY_SNAPSHOT, so an immediate
//   transaction refuses to begin while one is open (see transaction).
// sqlite3.h stays out of this header: callers see only these types.
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace agrirent::db {

/// A failed SQLite call, with its extended result code (e.g. SQLITE_CONSTRAINT_UNIQUE).
class error : public std::runtime_error {
  public:
    error(int code, const std::string& message);

    /// The extended result code; `code() & 0xff` is the primary one.
    [[nodiscard]] int code() const noexcept { return code_; }
    /// Another connection held the lock past busy_timeout (or a stale snapshot could not write).
    [[nodiscard]] bool is_busy() const noexcept;
    /// Any constraint: UNIQUE, PRIMARY KEY, FOREIGN KEY, CHECK, NOT NULL.
    [[nodiscard]] bool is_constraint() const noexcept;
    /// A UNIQUE or PRIMARY KEY violation: the row already exists (HTTP 409).
    [[nodiscard]] bool is_unique_violation() const noexcept;

  private:
    int code_;
};

/// The database was written by a newer agrirent: migrate() refuses it and changes nothing.
class schema_too_new : public error {
  public:
    schema_too_new(int database_version, std::size_t known_version);

    [[nodiscard]] int database_version() const noexcept { return database_version_; }
    [[nodiscard]] std::size_t known_version() const noexcept { return known_version_; }

  private:
    int database_version_;
    std::size_t known_version_;
};

/// A prepared statement. Move-only; finalized by its destructor. Parameters are 1-based, columns
/// 0-based, as in SQLite.
class statement {
  public:
    statement() = default;
    statement(statement&&) noexcept = default;
    statement& operator=(statement&&) noexcept = default;
    ~statement() = default;

    statement& bind(int index, std::int64_t value);
    statement& bind(int index, int value);
    /// Only a real bool binds as 0/1: a pointer or a string literal must not decay to bool.
    template <std::same_as<bool> B>
    statement& bind(int index, B value) {
        return bind(index, value ? 1 : 0);
    }
    statement& bind(int index, double value);
    /// Copied by SQLite (SQLITE_TRANSIENT); an empty view binds '' (not NULL).
    statement& bind(int index, std::string_view value);
    /// A NUL-terminated string; nullptr binds NULL.
    statement& bind(int index, const char* value) {
        return value != nullptr ? bind(index, std::string_view(value)) : bind(index, nullptr);
    }
    statement& bind(int index, std::nullptr_t);
    statement& bind(int index, std::nullopt_t) { return bind(index, nullptr); }
    /// NULL when empty.
    template <class T>
    statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    /// Binds args to parameters 1..N in order.
    template <class... Args>
    statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    /// Advances: true = a row is available, false = done. Throws db::error on failure.
    bool step();
    /// Rewinds and clears all bindings. Never throws (the error of a failed step() was already
    /// reported by step()).
    void reset() noexcept;

    // Columns of the current row. A column index out of range, or no current row, throws.
    // SQLite's conversions apply: NULL reads as 0 / "" — use the optional_ getters for nullable
    // columns.
    [[nodiscard]] std::int64_t int64(int column) const;
    /// Throws db::error if the value does not fit in an int.
    [[nodiscard]] int int32(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] std::string text(int column) const;
    /// Valid until the next step(), reset() or destruction of the statement.
    [[nodiscard]] std::string_view text_view(int column) const;
    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::optional<std::int64_t> optional_int64(int column) const;
    [[nodiscard]] std::optional<std::string> optional_text(int column) const;

    /// Rows changed by the last INSERT/UPDATE/DELETE on this statement's connection.
    [[nodiscard]] int changes() const noexcept;
    /// The SQL text, for diagnostics.
    [[nodiscard]] std::string_view sql() const noexcept;
    [[nodiscard]] sqlite3_stmt* handle() const noexcept { return stmt_.get(); }

  private:
    friend class connection;
    struct finalizer {
        void operator()(sqlite3_stmt* stmt) const noexcept;
    };

    explicit statement(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}
    void check_bind(int rc, int index) const;
    void check_column(int column) const;

    std::unique_ptr<sqlite3_stmt, finalizer> stmt_;
};

struct open_options {
    /// How long a statement waits for another connection's lock before failing with
    /// SQLITE_BUSY (PRAGMA busy_timeout).
    std::chrono::milliseconds busy_timeout{5000};
};

/// One SQLite connection. Move-only (a moved-from connection may only be destroyed or assigned);
/// closed by its destructor. Used by one thread at a time (opened with SQLITE_OPEN_NOMUTEX).
class connection {
  public:
    /// Opens (creating if missing) the database file and its parent folder, then sets WAL,
    /// synchronous=FULL, foreign_keys=ON and busy_timeout. Throws db::error, or
    /// std::filesystem::filesystem_error if the folder cannot be created.
    explicit connection(const std::filesystem::path& file, open_options options = {});
    connection(connection&&) noexcept = default;
    connection& operator=(connection&&) noexcept = default;
    ~connection() = default;

    /// Runs a script of zero or more statements, discarding any rows.
    void exec(std::string_view sql);
    /// A one-off statement. Exactly one SQL statement; trailing statements are an error.
    [[nodiscard]] statement prepare(std::string_view sql);
    /// The statement for this SQL text, prepared once per connection and reset (rewound,
    /// bindings cleared) on every call. Not re-entrant: the same SQL must not be in use twice at
    /// once on one connection (e.g. iterating it while calling a function that prepares it
    /// again). The reference stays valid as long as the connection.
    [[nodiscard]] statement& prepare_cached(std::string_view sql);
    /// Resets every cached statement, releasing any read snapshot they hold.
    void reset_cached_statements() noexcept;

    [[nodiscard]] std::int64_t last_insert_rowid() const noexcept;
    /// Rows changed by the last INSERT/UPDATE/DELETE.
    [[nodiscard]] int changes() const noexcept;
    /// PRAGMA user_version: the number of the last migration applied.
    [[nodiscard]] int user_version();
    void set_user_version(int version);
    /// True between BEGIN and COMMIT/ROLLBACK.
    [[nodiscard]] bool in_transaction() const noexcept;

    [[nodiscard]] sqlite3* handle() const noexcept { return db_.get(); }

  private:
    struct closer {
        void operator()(sqlite3* db) const noexcept;
    };
    struct sql_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const noexcept {
            return std::hash<std::string_view>{}(sql);
        }
    };

    statement prepare_with(std::string_view sql, unsigned int flags);

    // Declared before the cache so it is destroyed after it: statements are finalized first.
    // (Move-assignment closes the old handle before finalizing its statements; sqlite3_close_v2
    // defers the close until they are gone.)
    std::unique_ptr<sqlite3, closer> db_;
    std::unordered_map<std::string, statement, sql_hash, std::equal_to<>> cache_;
};

enum class transaction_mode {
    immediate, ///< BEGIN IMMEDIATE: takes the write lock now. For every write.
    deferred,  ///< BEGIN DEFERRED: one consistent snapshot for several reads.
};

/// BEGIN in the constructor; ROLLBACK in the destructor unless commit() succeeded. The destructor
/// never throws (a failed rollback is logged to stderr).
class transaction {
  public:
    /// An immediate transaction throws db::error if a statement on this connection is still on a
    /// row (its snapshot may be stale, so the writes would fail with SQLITE_BUSY_SNAPSHOT only
    /// when another connection happened to write in between). Throws db::error (is_busy()) if
    /// the write lock stays taken past busy_timeout.
    [[nodiscard]] explicit transaction(connection& conn,
                                       transaction_mode mode = transaction_mode::immediate);
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    ~transaction();

    /// COMMIT. If it throws, the transaction is still rolled back by the destructor.
    void commit();

  private:
    connection& conn_;
    bool committed_ = false;
};

/// Brings the schema up to date: migration i (1-based) runs in its own immediate transaction
/// together with `PRAGMA user_version = i`, if user_version < i. A failing migration is rolled
/// back (its number is in the error message) and the ones before it stay applied. Throws
/// schema_too_new, changing nothing, if user_version > migrations.size(). A migration must not
/// contain BEGIN/COMMIT, nor rely on PRAGMA foreign_keys (it cannot change inside a transaction).
void migrate(connection& conn, std::span<const std::string_view> migrations);

/// How many transactions the connections of this process have committed so far (counted by
/// SQLite's WAL hook, after each commit). Read it before a read transaction begins: if it still
/// has that value later, nothing was committed in between, so a result computed from that read
/// is still current (server/app/read_cache.hpp relies on this). Writes by other processes on the
/// same file are not counted.
[[nodiscard]] std::uint64_t commit_count() noexcept;

/// A fixed set of connections to one database file, one per worker thread.
class pool {
  public:
    /// A connection borrowed from the pool, given back by the destructor. Keep it in a named
    /// variable that outlives every transaction and statement reference taken from it.
    class lease {
      public:
        lease(lease&& other) noexcept;
        lease& operator=(lease&&) = delete;
        ~lease();

        [[nodiscard]] connection& operator*() const noexcept { return *conn_; }
        [[nodiscard]] connection* operator->() const noexcept { return conn_; }

      private:
        friend class pool;
        lease(pool& owner, connection& conn) noexcept : owner_(&owner), conn_(&conn) {}

        pool* owner_;
        connection* conn_;
    };

    /// Opens `size` (>= 1) connections to `file`.
    pool(const std::filesystem::path& file, std::size_t size, open_options options = {});
    pool(const pool&) = delete;
    pool& operator=(const pool&) = delete;
    /// Closes every connection, checkpointing the WAL into the database file first. All leases
    /// must have been returned.
    ~pool();

    /// Blocks until a connection is free.
    [[nodiscard]] lease acquire();
    /// Serialises our own writers so they queue on a mutex instead of SQLite's sleeping busy
    /// handler. Take it after acquire() and before the immediate transaction; never wait for a
    /// lease while holding it (that can deadlock).
    [[nodiscard]] std::unique_lock<std::mutex> lock_writer();
    [[nodiscard]] std::size_t size() const noexcept { return connections_.size(); }

    /// A change that decides for itself whether to keep what it wrote: true keeps it, false
    /// rolls it back (a refusal). It may throw: its changes are rolled back and the exception
    /// reaches its caller.
    using grouped_write = std::function<bool(connection&)>;

    /// Group commit: runs `job` inside a SAVEPOINT of one immediate transaction shared with the
    /// jobs other threads submit at the same time, and returns once that transaction has been
    /// committed (with synchronous=FULL: fsync'd), so callers acknowledge nothing before it is
    /// durable. Jobs run one after another in arrival order, each seeing the changes of those
    /// before it, so check-then-insert stays one decision per job. The first thread to arrive
    /// leads: it runs the batch on `conn` (its own leased connection) under lock_writer(), while
    /// later arrivals queue for the next batch. If BEGIN or COMMIT fails, every job of the batch
    /// gets that error and none of their changes is kept. Must not be called while holding
    /// lock_writer() or inside a transaction on `conn`.
    void write_in_group(connection& conn, const grouped_write& job);

    /// How many batches and jobs write_in_group has committed (for /metrics and benchmarks).
    struct group_stats {
        std::uint64_t batches = 0;
        std::uint64_t jobs = 0;
    };
    [[nodiscard]] group_stats group_commit_stats() const;

  private:
    struct group_waiter;
    void release(connection& conn) noexcept;
    void run_group(connection& conn, std::span<group_waiter* const> batch);

    std::vector<connection> connections_; // never resized after construction: addresses stay
    std::vector<connection*> free_;
    std::mutex mutex_; // guards free_
    std::condition_variable available_;
    std::mutex writer_;

    static constexpr std::size_t max_group = 64; // jobs per transaction
    mutable std::mutex group_mutex_;             // guards group_queue_ and group_stats_
    std::vector<group_waiter*> group_queue_;     // front = the leader of the running batch
    group_stats group_stats_;
};

} // namespace agrirent::db
