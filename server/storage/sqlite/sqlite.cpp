#include "server/storage/sqlite/sqlite.hpp"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdio>
#include <exception>
#include <limits>
#include <new>
#include <utility>

#include <sqlite3.h>

namespace agrirent::db {
namespace {

std::atomic<std::uint64_t> commits{0};

// Runs after every commit of a connection of ours, once the write lock is released (SQLite's WAL
// hook). A WAL hook replaces sqlite3_wal_autocheckpoint's, so this also does what that one does
// by default: a passive checkpoint once the WAL holds 1,000 pages.
int on_commit(void* /*unused*/, sqlite3* db, const char* name, int pages) {
    commits.fetch_add(1, std::memory_order_seq_cst);
    if (pages >= 1000) {
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    return SQLITE_OK;
}

// SQLITE_TRANSIENT is an old-style cast inside a macro; spell it once.
const sqlite3_destructor_type transient_text =
    reinterpret_cast<sqlite3_destructor_type>(std::intptr_t{-1});

// SQL in error messages: enough to recognise the statement, not a whole migration.
std::string excerpt(std::string_view sql) {
    constexpr std::size_t limit = 160;
    if (sql.size() <= limit) {
        return std::string(sql);
    }
    return std::string(sql.substr(0, limit)) + "…";
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
    std::string message(context);
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw error(rc, message);
}

// For destructors and the pool: must not throw.
void rollback_quietly(sqlite3* db, const char* why) noexcept {
    if (db == nullptr || sqlite3_get_autocommit(db) != 0) {
        return; // nothing open (e.g. SQLite already rolled back after an error)
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::fprintf(stderr, "agrirent: db: ROLLBACK (%s) failed: %s\n", why,
                     message != nullptr ? message : sqlite3_errstr(rc));
    }
    sqlite3_free(message);
}

// True if `rest` (what follows the first statement) holds another statement, which prepare()
// would silently never run. Comments and whitespace alone are fine.
bool holds_statement(sqlite3* db, std::string_view rest) {
    if (rest.find_first_not_of(" \t\r\n;") == std::string_view::npos) {
        return false;
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db, rest.data(), static_cast<int>(rest.size()), 0, &stmt, nullptr);
    sqlite3_finalize(stmt);
    return rc != SQLITE_OK || stmt != nullptr;
}

// A statement on a row holds a read snapshot that may be stale (see transaction).
bool has_active_statement(sqlite3* db) noexcept {
    for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s != nullptr;
         s = sqlite3_next_stmt(db, s)) {
        if (sqlite3_stmt_busy(s) != 0) {
            return true;
        }
    }
    return false;
}

} // namespace

// ---- error ------------------------------------------------------------------------------------

error::error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}

bool error::is_busy() const noexcept {
    return (code_ & 0xff) == SQLITE_BUSY;
}

bool error::is_constraint() const noexcept {
    return (code_ & 0xff) == SQLITE_CONSTRAINT;
}

bool error::is_unique_violation() const noexcept {
    return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

schema_too_new::schema_too_new(int database_version, std::size_t known_version)
    : error(SQLITE_ERROR, "database schema version " + std::to_string(database_version) +
                              " is newer than this program (knows " +
                              std::to_string(known_version) + "); upgrade agrirent"),
      database_version_(database_version), known_version_(known_version) {}

// ---- statement --------------------------------------------------------------------------------

void statement::finalizer::operator()(sqlite3_stmt* stmt) const noexcept {
    sqlite3_finalize(stmt);
}

void statement::check_bind(int rc, int index) const {
    if (rc != SQLITE_OK) {
        fail(sqlite3_db_handle(stmt_.get()), rc,
             "bind parameter " + std::to_string(index) + " of: " + excerpt(sql()));
    }
}

statement& statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_.get(), index, value), index);
    return *this;
}

statement& statement::bind(int index, int value) {
    check_bind(sqlite3_bind_int(stmt_.get(), index, value), index);
    return *this;
}

statement& statement::bind(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_.get(), index, value), index);
    return *this;
}

statement& statement::bind(int index, std::string_view value) {
    // A null pointer would bind NULL; an empty string_view may have one.
    const char* data = value.data() != nullptr ? value.data() : "";
    check_bind(
        sqlite3_bind_text64(stmt_.get(), index, data, value.size(), transient_text, SQLITE_UTF8),
        index);
    return *this;
}

statement& statement::bind(int index, std::nullptr_t) {
    check_bind(sqlite3_bind_null(stmt_.get(), index), index);
    return *this;
}

bool statement::step() {
    if (!stmt_) {
        throw error(SQLITE_MISUSE, "step: empty (moved-from) statement");
    }
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail(sqlite3_db_handle(stmt_.get()), rc, "step: " + excerpt(sql()));
}

void statement::reset() noexcept {
    if (!stmt_) {
        return; // sqlite3_clear_bindings does not accept a null statement
    }
    // sqlite3_reset repeats the error of a failed step(); step() has already thrown it.
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

void statement::check_column(int column) const {
    // sqlite3_data_count is 0 unless the last step() returned a row; reading then is undefined.
    if (column < 0 || column >= sqlite3_data_count(stmt_.get())) {
        throw error(SQLITE_RANGE, "column " + std::to_string(column) +
                                      " out of range (or no current row) in: " + excerpt(sql()));
    }
}

std::int64_t statement::int64(int column) const {
    check_column(column);
    return sqlite3_column_int64(stmt_.get(), column);
}

int statement::int32(int column) const {
    const std::int64_t value = int64(column);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        throw error(SQLITE_MISMATCH, "column " + std::to_string(column) + " value " +
                                         std::to_string(value) +
                                         " does not fit in an int in: " + excerpt(sql()));
    }
    return static_cast<int>(value);
}

double statement::real(int column) const {
    check_column(column);
    return sqlite3_column_double(stmt_.get(), column);
}

std::string statement::text(int column) const {
    return std::string(text_view(column));
}

std::string_view statement::text_view(int column) const {
    check_column(column);
    if (sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL) {
        return {};
    }
    // Order matters: sqlite3_column_bytes after sqlite3_column_text measures the UTF-8 form.
    const unsigned char* data = sqlite3_column_text(stmt_.get(), column);
    if (data == nullptr) {
        throw std::bad_alloc(); // not NULL, so the conversion to text ran out of memory
    }
    const int size = sqlite3_column_bytes(stmt_.get(), column);
    return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

bool statement::is_null(int column) const {
    check_column(column);
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

std::optional<std::int64_t> statement::optional_int64(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return int64(column);
}

std::optional<std::string> statement::optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return text(column);
}

int statement::changes() const noexcept {
    return stmt_ ? sqlite3_changes(sqlite3_db_handle(stmt_.get())) : 0;
}

std::string_view statement::sql() const noexcept {
    const char* text = sqlite3_sql(stmt_.get());
    return text != nullptr ? std::string_view(text) : std::string_view();
}

// ---- connection -------------------------------------------------------------------------------

void connection::closer::operator()(sqlite3* db) const noexcept {
    // _v2: if a statement were still alive the close would wait for it instead of failing.
    sqlite3_close_v2(db);
}

connection::connection(const std::filesystem::path& file, open_options options) {
    if (file.has_parent_path()) {
        std::filesystem::create_directories(file.parent_path());
    }
    sqlite3* raw = nullptr;
    // NOMUTEX: a connection is used by one thread at a time (the pool hands it out).
    const int rc =
        sqlite3_open_v2(file.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(raw); // even a failed open may allocate a handle, which must be closed
    if (rc != SQLITE_OK) {
        fail(raw, rc, "cannot open database " + file.string());
    }
    sqlite3_extended_result_codes(raw, 1);

    // busy_timeout first: switching to WAL needs a lock another process may hold.
    const auto timeout = options.busy_timeout.count();
    sqlite3_busy_timeout(raw, timeout < 0         ? 0
                              : timeout > INT_MAX ? INT_MAX
                                                  : static_cast<int>(timeout));

    // The pragma answers with the mode in effect; a file system without shared memory keeps the
    // old one. In-memory databases (empty file name) are always "memory".
    std::string mode;
    {
        statement journal = prepare("PRAGMA journal_mode=WAL");
        journal.step();
        mode = journal.text(0);
    } // finalized before the next pragmas: none of them may run beside an open statement
    const char* name = sqlite3_db_filename(raw, "main");
    if (mode != "wal" && name != nullptr && *name != '\0') {
        throw error(SQLITE_ERROR,
                    "cannot use WAL journal mode for " + file.string() + " (got " + mode + ")");
    }
    exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    sqlite3_wal_hook(raw, &on_commit, nullptr);
}

void connection::exec(std::string_view sql) {
    const std::string script(sql); // sqlite3_exec wants a NUL-terminated string
    char* raw_message = nullptr;
    const int rc = sqlite3_exec(db_.get(), script.c_str(), nullptr, nullptr, &raw_message);
    const std::unique_ptr<char, decltype(&sqlite3_free)> message(raw_message, &sqlite3_free);
    if (rc != SQLITE_OK) {
        throw error(rc, "exec: " + std::string(message ? message.get() : sqlite3_errstr(rc)) +
                            " in: " + excerpt(sql));
    }
}

statement connection::prepare_with(std::string_view sql, unsigned int flags) {
    if (sql.size() >= static_cast<std::size_t>(INT_MAX)) {
        throw error(SQLITE_TOOBIG, "prepare: SQL text too long");
    }
    const char* text = sql.data() != nullptr ? sql.data() : "";
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_.get(), text, static_cast<int>(sql.size()), flags, &raw, &tail);
    statement result(raw);
    if (rc != SQLITE_OK) {
        fail(db_.get(), rc, "prepare: " + excerpt(sql));
    }
    if (raw == nullptr) {
        throw error(SQLITE_MISUSE, "prepare: no SQL statement in: " + excerpt(sql));
    }
    const auto consumed = static_cast<std::size_t>(tail - text);
    if (holds_statement(db_.get(), sql.substr(consumed))) {
        throw error(SQLITE_MISUSE,
                    "prepare: more than one statement (use exec for scripts) in: " + excerpt(sql));
    }
    return result;
}

statement connection::prepare(std::string_view sql) {
    return prepare_with(sql, 0);
}

statement& connection::prepare_cached(std::string_view sql) {
    if (const auto found = cache_.find(sql); found != cache_.end()) {
        found->second.reset();
        return found->second;
    }
    statement fresh = prepare_with(sql, SQLITE_PREPARE_PERSISTENT);
    return cache_.emplace(std::string(sql), std::move(fresh)).first->second;
}

void connection::reset_cached_statements() noexcept {
    for (auto& entry : cache_) {
        entry.second.reset();
    }
}

std::int64_t connection::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(db_.get());
}

int connection::changes() const noexcept {
    return sqlite3_changes(db_.get());
}

int connection::user_version() {
    statement query = prepare("PRAGMA user_version");
    query.step();
    return query.int32(0);
}

void connection::set_user_version(int version) {
    // PRAGMA takes no parameters; an int is safe to format.
    exec("PRAGMA user_version = " + std::to_string(version));
}

bool connection::in_transaction() const noexcept {
    return db_ && sqlite3_get_autocommit(db_.get()) == 0;
}

// ---- transaction ------------------------------------------------------------------------------

transaction::transaction(connection& conn, transaction_mode mode) : conn_(conn) {
    if (mode == transaction_mode::immediate) {
        if (has_active_statement(conn_.handle())) {
            throw error(SQLITE_MISUSE,
                        "BEGIN IMMEDIATE while a statement on this connection is still on a row; "
                        "reset() it first (its read snapshot may be stale)");
        }
        conn_.prepare_cached("BEGIN IMMEDIATE").step();
    } else {
        // Prepared once per connection: a read unit of work per request makes this hot.
        conn_.prepare_cached("BEGIN DEFERRED").step();
    }
}

transaction::~transaction() {
    if (!committed_) {
        rollback_quietly(conn_.handle(), "transaction not committed");
    }
}

void transaction::commit() {
    if (committed_) {
        throw error(SQLITE_MISUSE, "transaction committed twice");
    }
    conn_.prepare_cached("COMMIT").step();
    committed_ = true;
}

// ---- migrations -------------------------------------------------------------------------------

void migrate(connection& conn, std::span<const std::string_view> migrations) {
    const std::size_t known = migrations.size();
    const auto check = [known](int version) {
        if (version < 0) {
            throw error(SQLITE_ERROR,
                        "database schema version " + std::to_string(version) + " is invalid");
        }
        if (static_cast<std::size_t>(version) > known) {
            throw schema_too_new(version, known);
        }
    };

    int version = conn.user_version();
    check(version);
    while (static_cast<std::size_t>(version) < known) {
        transaction tx(conn, transaction_mode::immediate);
        // Read again under the write lock: another process may have migrated meanwhile.
        version = conn.user_version();
        check(version);
        if (static_cast<std::size_t>(version) == known) {
            break;
        }
        const int next = version + 1;
        try {
            conn.exec(migrations[static_cast<std::size_t>(version)]);
        } catch (const error& e) {
            throw error(e.code(), "migration " + std::to_string(next) + " failed: " + e.what());
        }
        conn.set_user_version(next);
        tx.commit();
        version = next;
    }
}

std::uint64_t commit_count() noexcept {
    return commits.load(std::memory_order_seq_cst);
}

// ---- pool -------------------------------------------------------------------------------------

pool::lease::lease(lease&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), conn_(std::exchange(other.conn_, nullptr)) {}

pool::lease::~lease() {
    if (conn_ != nullptr) {
        owner_->release(*conn_);
    }
}

pool::pool(const std::filesystem::path& file, std::size_t size, open_options options) {
    if (size == 0) {
        throw std::invalid_argument("db::pool needs at least one connection");
    }
    if (sqlite3_threadsafe() == 0) {
        throw error(SQLITE_MISUSE, "this SQLite library was built without thread support");
    }
    connections_.reserve(size);
    free_.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
        connections_.emplace_back(file, options);
    }
    for (auto& conn : connections_) {
        free_.push_back(&conn);
    }
}

pool::~pool() {
    {
        const std::lock_guard lock(mutex_);
        if (free_.size() != connections_.size()) {
            std::fprintf(stderr, "agrirent: db: pool destroyed with %zu connection(s) leased\n",
                         connections_.size() - free_.size());
        }
    }
    // Close all but one, then fold the WAL into the database file from the last one.
    while (connections_.size() > 1) {
        connections_.pop_back();
    }
    if (!connections_.empty()) {
        try {
            connections_.front().reset_cached_statements();
            connections_.front().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const std::exception& e) {
            std::fprintf(stderr, "agrirent: db: final checkpoint failed: %s\n", e.what());
        }
    }
    connections_.clear();
}

pool::lease pool::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !free_.empty(); });
    connection* conn = free_.back();
    free_.pop_back();
    return lease(*this, *conn);
}

std::unique_lock<std::mutex> pool::lock_writer() {
    return std::unique_lock(writer_);
}

// ---- group commit -----------------------------------------------------------------------------

struct pool::group_waiter {
    explicit group_waiter(const grouped_write& j) : job(&j) {}
    const grouped_write* job;
    bool done = false;
    std::exception_ptr error;
    std::condition_variable wake;
};

void pool::write_in_group(connection& conn, const grouped_write& job) {
    group_waiter self{job};
    std::unique_lock lock(group_mutex_);
    group_queue_.push_back(&self);
    // Wait until a leader has run this job, or until this thread is at the front and leads.
    self.wake.wait(lock, [&] { return self.done || group_queue_.front() == &self; });
    if (!self.done) {
        // The batch is everything queued now (at most max_group); whoever arrives while it runs
        // waits for the next one. The front entry stays queued until the batch is done, so no
        // second leader starts.
        const std::vector<group_waiter*> batch(
            group_queue_.begin(), group_queue_.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                             group_queue_.size(), max_group)));
        lock.unlock();
        run_group(conn, batch);
        lock.lock();
        group_queue_.erase(group_queue_.begin(),
                           group_queue_.begin() + static_cast<std::ptrdiff_t>(batch.size()));
        ++group_stats_.batches;
        group_stats_.jobs += batch.size();
        for (group_waiter* w : batch) {
            w->done = true;
            if (w != &self) {
                w->wake.notify_one();
            }
        }
        if (!group_queue_.empty()) {
            group_queue_.front()->wake.notify_one(); // the next leader
        }
    }
    lock.unlock();
    if (self.error) {
        std::rethrow_exception(self.error);
    }
}

void pool::run_group(connection& conn, std::span<group_waiter* const> batch) {
    try {
        const auto writer = lock_writer();
        transaction tx{conn};
        for (group_waiter* w : batch) {
            conn.exec("SAVEPOINT grouped_write");
            bool keep = false;
            try {
                keep = (*w->job)(conn);
            } catch (...) {
                w->error = std::current_exception();
                conn.reset_cached_statements(); // no statement left on a row across the rollback
            }
            conn.exec(keep ? "RELEASE grouped_write"
                           : "ROLLBACK TO grouped_write; RELEASE grouped_write");
        }
        tx.commit();
    } catch (...) {
        // BEGIN, a savepoint or COMMIT failed: the transaction rolls back, so no job keeps
        // anything and every one of them reports the failure (its own error, if it had one).
        const auto failure = std::current_exception();
        for (group_waiter* w : batch) {
            if (!w->error) {
                w->error = failure;
            }
        }
    }
}

pool::group_stats pool::group_commit_stats() const {
    const std::lock_guard lock(group_mutex_);
    return group_stats_;
}

void pool::release(connection& conn) noexcept {
    // The next borrower gets a clean connection: no read snapshot held by a statement abandoned
    // on a row, no transaction left open.
    conn.reset_cached_statements();
    if (conn.in_transaction()) {
        std::fputs("agrirent: db: connection returned to the pool inside a transaction; "
                   "rolling back\n",
                   stderr);
        rollback_quietly(conn.handle(), "lease returned");
    }
    {
        const std::lock_guard lock(mutex_);
        free_.push_back(&conn); // capacity reserved in the constructor: cannot throw
    }
    available_.notify_one();
}

} // namespace agrirent::db
