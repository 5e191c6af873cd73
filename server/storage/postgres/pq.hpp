#pragma once
// A thin RAII layer over libpq, PostgreSQL's C client (STYLE.md: "Storage is a thin RAII layer";
// the SQLite twin is the one in server/storage/sqlite/, and the query files of both look alike).
//
// Rules the repositories rely on:
// - A connection (and every statement prepared on it) is used by one thread at a time; a
//   pool::lease is how a thread gets one.
// - SQL is written with SQLite's placeholders (`?` in order, or `?N`), translated once to `$N`.
//   A statement is prepared on its connection when it first runs (the server-side prepared
//   statement lives as long as the connection), with the parameter types of that first call:
//   integers and bools are BIGINT, doubles DOUBLE PRECISION, strings TEXT, NULL left to the
//   server to infer.
// - Results are read in text format and held whole: a statement "on a row" holds no server
//   resource, so statements may be nested freely (unlike SQLite's).
// - A failed statement inside a transaction aborts that transaction (PostgreSQL's rule): an
//   insert that may hit a unique key is written `ON CONFLICT DO NOTHING` and checked with
//   require_inserted(), so a taken key fails that statement only.
// libpq-fe.h stays out of this header: callers see only these types.
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace agrirent::pg {

/// A failed libpq call, with its SQLSTATE ("23505"; empty when the server sent none, e.g. the
/// connection broke).
class error : public std::runtime_error {
  public:
    error(std::string sqlstate, const std::string& message, bool connection_lost = false);

    [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }
    /// The server could not be reached, the connection broke, or the server is shutting down or
    /// starting up: the same request may succeed on a new connection later.
    [[nodiscard]] bool is_connection_lost() const noexcept { return connection_lost_; }
    /// A UNIQUE or PRIMARY KEY violation (23505).
    [[nodiscard]] bool is_unique_violation() const noexcept { return sqlstate_ == "23505"; }

  private:
    std::string sqlstate_;
    bool connection_lost_;
};

/// The database was written by a newer agrirent: migrate() refuses it and changes nothing.
class schema_too_new : public error {
  public:
    schema_too_new(int database_version, std::size_t known_version);
};

/// `?`/`?N` placeholders as `$N` (quoted strings, identifiers and comments left alone); `count`
/// receives the number of parameters (the highest N).
std::string translate_placeholders(std::string_view sql, int& count);

class connection;

/// A statement of one connection (connection::prepare_cached). Parameters are 1-based, columns
/// 0-based, as in the SQLite layer.
class statement {
  public:
    statement(connection& conn, std::string sql, std::string name, int parameters);
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement();

    statement& bind(int index, std::int64_t value);
    statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    /// Only a real bool binds as 0/1: a pointer or a string literal must not decay to bool.
    template <std::same_as<bool> B>
    statement& bind(int index, B value) {
        return bind(index, std::int64_t{value ? 1 : 0});
    }
    statement& bind(int index, double value);
    statement& bind(int index, std::string_view value);
    statement& bind(int index, const char* value) {
        return value != nullptr ? bind(index, std::string_view(value)) : bind(index, nullptr);
    }
    statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    statement& bind(int index, std::nullptr_t);
    statement& bind(int index, std::nullopt_t) { return bind(index, nullptr); }
    /// NULL when empty, typed as T would be (so `?1 IS NULL OR col = ?1` prepares).
    template <class T>
    statement& bind(int index, const std::optional<T>& value) {
        if (value) {
            return bind(index, *value);
        }
        if constexpr (std::is_floating_point_v<T>) {
            return bind_null(index, float8_type);
        } else if constexpr (std::is_integral_v<T>) {
            return bind_null(index, int8_type);
        } else {
            return bind_null(index, text_type);
        }
    }
    template <class... Args>
    statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    /// The first call runs the statement; then true = a row is available, false = done.
    /// Throws pg::error on failure.
    bool step();
    /// Runs this statement (a write whose result nobody reads: no rows, no count) together with
    /// the next statement, exec or COMMIT of its connection, in one round trip (libpq's pipeline
    /// mode), and resets it. Its failure, if any, is reported by that next call (and fails it),
    /// and dropped with the transaction if the transaction is rolled back first.
    void run_later();
    /// Forgets the result and the bindings. Never throws.
    void reset() noexcept;

    // Columns of the current row. NULL reads as 0 / "" — use the optional_ getters for nullable
    // columns. A boolean column reads as 1/0.
    [[nodiscard]] std::int64_t int64(int column) const;
    [[nodiscard]] int int32(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] std::string text(int column) const { return std::string(text_view(column)); }
    [[nodiscard]] std::string_view text_view(int column) const;
    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::optional<std::int64_t> optional_int64(int column) const;
    [[nodiscard]] std::optional<std::string> optional_text(int column) const;

    /// The number of columns of the result (0 before step()).
    [[nodiscard]] int columns() const noexcept;
    /// Rows inserted, updated or deleted by the last run (the command tag's count).
    [[nodiscard]] int changes() const noexcept { return changes_; }
    [[nodiscard]] std::string_view sql() const noexcept { return sql_; }

  private:
    friend class connection;
    static constexpr unsigned int int8_type = 20;
    static constexpr unsigned int text_type = 25;
    static constexpr unsigned int float8_type = 701;
    statement& bind_null(int index, unsigned int type);
    void check_row(int column) const;
    void set(int index, std::string value, unsigned int type);

    connection& conn_;
    std::string sql_;
    std::string name_;
    int parameters_;
    bool prepared_ = false;
    std::vector<std::string> values_;
    std::vector<char> null_;
    std::vector<unsigned int> types_;
    pg_result* result_ = nullptr;
    bool ran_ = false;
    int row_ = -1;
    int rows_ = 0;
    int changes_ = 0;
};

/// One connection. Closed by its destructor. Used by one thread at a time.
class connection {
  public:
    /// Connects (conninfo: a URI or key=value string). Throws pg::error (is_connection_lost).
    explicit connection(const std::string& conninfo);
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection();

    /// Runs one or more statements (simple query protocol), discarding any rows.
    void exec(std::string_view sql);
    /// The statement for this SQL text, prepared once per connection and reset on every call.
    /// Not re-entrant for the same SQL text.
    [[nodiscard]] statement& prepare_cached(std::string_view sql);
    /// Rows changed by the last statement run through prepare_cached.
    [[nodiscard]] int changes() const noexcept { return changes_; }
    /// True between BEGIN and COMMIT/ROLLBACK (also in a failed transaction).
    [[nodiscard]] bool in_transaction() const noexcept;
    /// True while the connection is usable (not broken).
    [[nodiscard]] bool ok() const noexcept;
    /// ROLLBACK if a transaction is open; never throws (a failure leaves the connection broken).
    /// The ROLLBACK is sent at once but its answer is read on the connection's next use (the
    /// server ends the transaction, and releases its locks, as soon as the ROLLBACK arrives):
    /// ending a transaction costs no round trip. A BEGIN not yet sent is simply forgotten.
    void rollback_quietly(const char* why) noexcept;
    /// A BEGIN (one statement) sent together with the next statement that runs on this
    /// connection, in one round trip (libpq's pipeline mode). The transaction counts as open
    /// from now on (in_transaction()). Only for BEGINs that cannot fail on their own terms
    /// (e.g. a read-only REPEATABLE READ: its snapshot is taken by the first statement anyway).
    void begin_with_next(std::string_view begin_sql);
    /// Reads what a deferred ROLLBACK answered, if that is still pending; then asks the socket,
    /// without waiting, whether the server closed the connection meanwhile (e.g. it restarted),
    /// so that ok() is current. Never throws.
    void settle() noexcept;
    /// The server process serving this connection (pg_backend_pid()).
    [[nodiscard]] int backend_pid() const noexcept;
    [[nodiscard]] pg_conn* handle() const noexcept { return conn_; }

    /// Throws pg::error for a failed result (and clears it); a good one is left alone.
    void check(pg_result* result, std::string_view what);

  private:
    friend class statement;

    friend void commit(connection& conn, std::string_view before);
    /// Reads the answer of a deferred ROLLBACK, if one is pending.
    void finish_ending() noexcept;
    /// Closes a connection found in a state we cannot recover (ok() is false from now on).
    void drop() noexcept;
    /// A statement of run_later(): its own copy of the bindings.
    struct later {
        statement* owner;
        std::vector<std::string> values;
        std::vector<char> null;
    };
    /// The deferred BEGIN, the statements of run_later(), then either the prepared statement
    /// `st` (with `values`) or the statements of `sql` (simple ones separated by ';', no ';'
    /// inside a literal), all in one pipeline: one round trip. Returns the result of the last
    /// statement; throws on the first failure.
    pg_result* run_pipeline(statement* st, const char* const* values, std::string_view sql);
    pg_result* run_pipeline_once(statement* st, const char* const* values, std::string_view sql);
    /// exec() that returns the last statement's result (the caller clears it).
    pg_result* exec_last(std::string_view sql);
    /// Every result of the pipeline in progress up to its sync point, in order; leaves pipeline
    /// mode. Fewer results than sent: the connection broke.
    std::vector<pg_result*> drain_pipeline() noexcept;

    pg_conn* conn_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<statement>> cache_;
    int changes_ = 0;
    std::string deferred_begin_; // begin_with_next(): sent with the next statement
    std::vector<later> later_;   // run_later(): sent with the next statement
    bool ending_ = false;        // a ROLLBACK was sent whose answer is not read yet
};

/// COMMIT; throws if the server did not commit (the transaction had failed: PostgreSQL answers
/// such a COMMIT with ROLLBACK; or the connection broke: then whether it committed is unknown,
/// and nothing must be acknowledged).
/// `before`: statements run in the same round trip just before the COMMIT.
void commit(connection& conn, std::string_view before = {});

/// BEGIN in the constructor; ROLLBACK in the destructor unless commit() succeeded.
class transaction {
  public:
    /// `begin_sql`: the whole BEGIN (isolation level, locks) in one round trip.
    transaction(connection& conn, std::string_view begin_sql);
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    ~transaction();
    /// COMMIT; throws if the server did not commit (e.g. the transaction had failed, or the
    /// connection broke: then whether it committed is unknown, and nothing was acknowledged).
    void commit();

  private:
    connection& conn_;
    bool done_ = false;
};

/// Numbered migrations in table schema_version (one row: the number of the last one applied).
/// Each runs in its own transaction under an advisory lock (several servers may start at once).
/// Throws schema_too_new, changing nothing, if the database is newer.
void migrate(connection& conn, std::span<const std::string_view> migrations);

struct pool_options {
    /// How long the pool refuses at once after a failed connection attempt, before trying again.
    std::chrono::milliseconds down_for{1000};
};

/// At most `size` connections to one database, opened when first needed and re-opened after
/// they break.
class pool {
  public:
    class lease {
      public:
        lease(lease&& other) noexcept;
        lease& operator=(lease&&) = delete;
        ~lease();
        [[nodiscard]] connection& operator*() const noexcept { return **slot_; }
        [[nodiscard]] connection* operator->() const noexcept { return slot_->get(); }
        /// Drops this connection and opens a new one (after a broken connection).
        void reconnect();
        /// connection::begin_with_next() (the connection was checked by acquire()).
        void begin_with_next(std::string_view begin_sql) { (*slot_)->begin_with_next(begin_sql); }
        /// Runs `begin_sql` (a BEGIN and what goes with it). A pooled connection found broken
        /// (e.g. the server restarted since it was last used) is re-opened and the BEGIN tried
        /// once more, so a restart of the server costs no failed request.
        void begin(std::string_view begin_sql);

      private:
        friend class pool;
        lease(pool& owner, std::unique_ptr<connection>& slot) noexcept
            : owner_(&owner), slot_(&slot) {}
        pool* owner_;
        std::unique_ptr<connection>* slot_;
    };

    pool(std::string conninfo, std::size_t size, pool_options options = {});
    pool(const pool&) = delete;
    pool& operator=(const pool&) = delete;
    ~pool();

    /// Blocks until a slot is free, then connects it if needed. Throws pg::error
    /// (is_connection_lost) at once while the server is known to be down.
    [[nodiscard]] lease acquire();
    [[nodiscard]] std::size_t size() const noexcept { return slots_.size(); }
    [[nodiscard]] const std::string& conninfo() const noexcept { return conninfo_; }
    /// A connection outside the pool, under the same fail-fast rule as acquire().
    [[nodiscard]] std::unique_ptr<connection> connect();

    using grouped_write = std::function<bool(connection&)>;
    /// Group commit (as the SQLite pool does it): jobs of several threads run one after
    /// another in one transaction begun with `begin_sql`, each in a SAVEPOINT, committed once.
    /// Only the thread that runs a batch holds a connection (the others wait without one).
    void write_in_group(std::string_view begin_sql, const grouped_write& job);

    struct group_stats {
        std::uint64_t batches = 0;
        std::uint64_t jobs = 0;
    };
    [[nodiscard]] group_stats group_commit_stats() const;

  private:
    struct group_waiter;
    void release(std::unique_ptr<connection>& slot) noexcept;
    void run_group(lease& conn, std::string_view begin_sql, std::span<group_waiter* const> batch);

    std::string conninfo_;
    pool_options options_;
    std::vector<std::unique_ptr<connection>> slots_; // never resized: addresses stay
    std::vector<std::unique_ptr<connection>*> free_;
    std::mutex mutex_; // guards free_ and down_until_
    std::condition_variable available_;
    std::chrono::steady_clock::time_point down_until_{};

    static constexpr std::size_t max_group = 64;
    mutable std::mutex group_mutex_;
    std::vector<group_waiter*> group_queue_;
    group_stats group_stats_;
};

} // namespace agrirent::pg
