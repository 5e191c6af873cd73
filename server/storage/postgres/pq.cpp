#include "server/storage/postgres/pq.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <libpq-fe.h>
#include <limits>
#include <utility>

namespace agrirent::pg {
namespace {

// Type OIDs of the built-in types we bind or read (catalog/pg_type_d.h, stable across versions).
constexpr Oid bool_oid = 16;
constexpr Oid int8_oid = 20;
constexpr Oid text_oid = 25;
constexpr Oid float8_oid = 701;

// SQL in error messages: enough to recognise the statement.
std::string excerpt(std::string_view sql) {
    constexpr std::size_t limit = 160;
    if (sql.size() <= limit) {
        return std::string(sql);
    }
    return std::string(sql.substr(0, limit)) + "…";
}

std::string trimmed(const char* message) {
    std::string s = message != nullptr ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
        s.pop_back();
    }
    return s;
}

// Class 08 (connection exception), 57P01..57P03 (admin/crash shutdown, cannot connect now):
// the server went away or is not there yet.
bool lost(PGconn* conn, const std::string& sqlstate) {
    return conn == nullptr || PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") ||
           sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

struct result_clear {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_clear>;

} // namespace

// ---- error ------------------------------------------------------------------------------------

error::error(std::string sqlstate, const std::string& message, bool connection_lost)
    : std::runtime_error(message), sqlstate_(std::move(sqlstate)),
      connection_lost_(connection_lost) {}

schema_too_new::schema_too_new(int database_version, std::size_t known_version)
    : error("", "database schema version " + std::to_string(database_version) +
                    " is newer than this program (knows " + std::to_string(known_version) +
                    "); upgrade agrirent") {}

// ---- placeholders -----------------------------------------------------------------------------

std::string translate_placeholders(std::string_view sql, int& count) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 0;
    count = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {
            // A quoted literal or identifier; a doubled quote inside stays inside.
            const std::size_t end = [&] {
                std::size_t j = i + 1;
                while (j < sql.size()) {
                    if (sql[j] == c) {
                        if (j + 1 < sql.size() && sql[j + 1] == c) {
                            j += 2;
                            continue;
                        }
                        return j;
                    }
                    ++j;
                }
                return sql.size() - 1;
            }();
            out.append(sql.substr(i, end - i + 1));
            i = end;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const std::size_t end = sql.find('\n', i);
            const std::size_t stop = end == std::string_view::npos ? sql.size() : end;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
        } else if (c == '?') {
            int n = 0;
            std::size_t j = i + 1;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') {
                n = n * 10 + (sql[j] - '0');
                ++j;
            }
            if (j == i + 1) {
                n = ++next;
            }
            count = std::max(count, n);
            out += '$';
            out += std::to_string(n);
            i = j - 1;
        } else {
            out += c;
        }
    }
    return out;
}

// ---- statement --------------------------------------------------------------------------------

statement::statement(connection& conn, std::string sql, std::string name, int parameters)
    : conn_(conn), sql_(std::move(sql)), name_(std::move(name)), parameters_(parameters),
      values_(static_cast<std::size_t>(parameters)), null_(static_cast<std::size_t>(parameters), 1),
      types_(static_cast<std::size_t>(parameters), 0) {}

statement::~statement() {
    PQclear(result_);
}

void statement::set(int index, std::string value, unsigned int type) {
    if (index < 1 || index > parameters_) {
        throw error("",
                    "parameter " + std::to_string(index) + " out of range in: " + excerpt(sql_));
    }
    const auto i = static_cast<std::size_t>(index - 1);
    values_[i] = std::move(value);
    null_[i] = 0;
    if (!prepared_) {
        types_[i] = type;
    }
}

statement& statement::bind(int index, std::int64_t value) {
    set(index, std::to_string(value), int8_oid);
    return *this;
}

statement& statement::bind(int index, double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(std::begin(buffer), std::end(buffer), value);
    set(index, std::string(buffer, end), float8_oid);
    return *this;
}

statement& statement::bind(int index, std::string_view value) {
    set(index, std::string(value), text_oid);
    return *this;
}

statement& statement::bind_null(int index, unsigned int type) {
    bind(index, nullptr);
    if (!prepared_) {
        types_[static_cast<std::size_t>(index - 1)] = type;
    }
    return *this;
}

statement& statement::bind(int index, std::nullptr_t) {
    if (index < 1 || index > parameters_) {
        throw error("",
                    "parameter " + std::to_string(index) + " out of range in: " + excerpt(sql_));
    }
    null_[static_cast<std::size_t>(index - 1)] = 1;
    return *this;
}

bool statement::step() {
    if (!ran_) {
        conn_.finish_ending();
        PGconn* c = conn_.handle();
        std::vector<const char*> values(static_cast<std::size_t>(parameters_));
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] = null_[i] != 0 ? nullptr : values_[i].c_str();
        }
        PGresult* r = nullptr;
        if (!conn_.deferred_begin_.empty() || !conn_.later_.empty()) {
            r = conn_.run_pipeline(this, values.data(), {});
        } else {
            if (!prepared_) {
                PGresult* prepared =
                    PQprepare(c, name_.c_str(), sql_.c_str(), parameters_, types_.data());
                conn_.check(prepared, sql_); // clears and throws on failure
                PQclear(prepared);
                prepared_ = true;
            }
            r = PQexecPrepared(c, name_.c_str(), parameters_, values.data(), nullptr, nullptr, 0);
            conn_.check(r, sql_); // clears and throws on failure
        }
        ran_ = true;
        result_ = r;
        rows_ = PQntuples(r);
        const char* tuples = PQcmdTuples(r);
        changes_ = tuples != nullptr && *tuples != '\0' ? std::atoi(tuples) : 0;
        conn_.changes_ = changes_;
        row_ = -1;
    }
    if (row_ < rows_) {
        ++row_;
    }
    return row_ < rows_;
}

void statement::run_later() {
    conn_.finish_ending();
    conn_.later_.push_back({this, values_, null_});
    reset();
}

void statement::reset() noexcept {
    PQclear(result_);
    result_ = nullptr;
    ran_ = false;
    row_ = -1;
    rows_ = 0;
    std::fill(null_.begin(), null_.end(), 1);
}

int statement::columns() const noexcept {
    return result_ != nullptr ? PQnfields(result_) : 0;
}

void statement::check_row(int column) const {
    if (result_ == nullptr || row_ < 0 || row_ >= rows_) {
        throw error("", "no current row in: " + excerpt(sql_));
    }
    if (column < 0 || column >= PQnfields(result_)) {
        throw error("", "column " + std::to_string(column) + " out of range in: " + excerpt(sql_));
    }
}

bool statement::is_null(int column) const {
    check_row(column);
    return PQgetisnull(result_, row_, column) != 0;
}

std::string_view statement::text_view(int column) const {
    check_row(column);
    return {PQgetvalue(result_, row_, column),
            static_cast<std::size_t>(PQgetlength(result_, row_, column))};
}

std::int64_t statement::int64(int column) const {
    const auto text = text_view(column);
    if (text.empty()) {
        return 0; // NULL
    }
    if (PQftype(result_, column) == bool_oid) {
        return text == "t" ? 1 : 0;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        // numeric sums come as "123" too; a fraction here is a wrong column.
        throw error("", "column " + std::to_string(column) +
                            " is not an integer: " + std::string(text));
    }
    return value;
}

int statement::int32(int column) const {
    const auto v = int64(column);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
        throw error("", "column " + std::to_string(column) + " does not fit in an int");
    }
    return static_cast<int>(v);
}

double statement::real(int column) const {
    const auto text = text_view(column);
    if (text.empty()) {
        return 0;
    }
    return std::strtod(std::string(text).c_str(), nullptr);
}

std::optional<std::int64_t> statement::optional_int64(int column) const {
    return is_null(column) ? std::nullopt : std::optional{int64(column)};
}

std::optional<std::string> statement::optional_text(int column) const {
    return is_null(column) ? std::nullopt : std::optional{text(column)};
}

// ---- connection -------------------------------------------------------------------------------

connection::connection(const std::string& conninfo) {
    // Ours first, the caller's conninfo last: what it sets wins (libpq keeps the last value).
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"2", "agrirent", conninfo.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (conn_ == nullptr) {
        throw error("", "cannot connect to PostgreSQL: out of memory", true);
    }
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string message = trimmed(PQerrorMessage(conn_));
        PQfinish(conn_);
        conn_ = nullptr;
        throw error("08001", "cannot connect to PostgreSQL: " + message, true);
    }
    // Our own quiet NOTICE handling: nothing on stderr for "relation exists, skipping".
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
}

connection::~connection() {
    cache_.clear(); // results first
    if (conn_ != nullptr) {
        PQfinish(conn_);
    }
}

void connection::check(PGresult* r, std::string_view what) {
    const auto status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        return;
    }
    const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state != nullptr ? state : "";
    std::string message = trimmed(r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
    if (message.empty()) {
        message = trimmed(PQerrorMessage(conn_));
    }
    PQclear(r);
    const bool gone = lost(conn_, sqlstate);
    throw error(std::move(sqlstate), message + " (in: " + excerpt(what) + ")", gone);
}

void connection::exec(std::string_view sql) {
    PQclear(exec_last(sql));
}

PGresult* connection::exec_last(std::string_view sql) {
    finish_ending();
    if (!later_.empty()) {
        return run_pipeline(nullptr, nullptr, sql);
    }
    std::string text;
    if (!deferred_begin_.empty()) {
        // The simple query protocol takes several statements in one round trip.
        text = std::exchange(deferred_begin_, {}) + "; ";
    }
    text += sql;
    PGresult* r = PQexec(conn_, text.c_str());
    check(r, sql);
    return r;
}

statement& connection::prepare_cached(std::string_view sql) {
    if (const auto found = cache_.find(std::string(sql)); found != cache_.end()) {
        found->second->reset();
        return *found->second;
    }
    int parameters = 0;
    std::string translated = translate_placeholders(sql, parameters);
    auto fresh = std::make_unique<statement>(*this, std::move(translated),
                                             "s" + std::to_string(cache_.size() + 1), parameters);
    return *cache_.emplace(std::string(sql), std::move(fresh)).first->second;
}

bool connection::in_transaction() const noexcept {
    if (!deferred_begin_.empty()) {
        return true;
    }
    if (ending_) {
        return false; // a ROLLBACK is on its way
    }
    const auto s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

bool connection::ok() const noexcept {
    return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

int connection::backend_pid() const noexcept {
    return PQbackendPID(conn_);
}

void connection::rollback_quietly(const char* why) noexcept {
    later_.clear(); // never sent: nothing to undo
    if (!deferred_begin_.empty()) {
        deferred_begin_.clear(); // never sent: the server has no transaction to end
        return;
    }
    if (!ok() || !in_transaction()) {
        return;
    }
    // Sent now, answered later (finish_ending): the server ends the transaction as soon as the
    // ROLLBACK arrives, whether or not anyone waits for its answer.
    if (PQenterPipelineMode(conn_) == 1) {
        ending_ = true;
        if (PQsendQueryParams(conn_, "ROLLBACK", 0, nullptr, nullptr, nullptr, nullptr, 0) != 1 ||
            PQpipelineSync(conn_) != 1) {
            std::fprintf(stderr, "agrirent: pg: ROLLBACK (%s) could not be sent: %s\n", why,
                         trimmed(PQerrorMessage(conn_)).c_str());
            drop();
        }
        return;
    }
    PGresult* r = PQexec(conn_, "ROLLBACK");
    if (r == nullptr || PQresultStatus(r) != PGRES_COMMAND_OK) {
        if (ok()) {
            std::fprintf(stderr, "agrirent: pg: ROLLBACK (%s) failed: %s\n", why,
                         trimmed(PQerrorMessage(conn_)).c_str());
        }
    }
    PQclear(r);
}

void connection::begin_with_next(std::string_view begin_sql) {
    finish_ending();
    deferred_begin_ = std::string(begin_sql);
}

void connection::finish_ending() noexcept {
    if (!ending_) {
        return;
    }
    ending_ = false;
    for (PGresult* r : drain_pipeline()) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && ok()) {
            std::fprintf(stderr, "agrirent: pg: ROLLBACK failed: %s\n",
                         trimmed(PQresultErrorMessage(r)).c_str());
        }
        PQclear(r);
    }
}

void connection::settle() noexcept {
    finish_ending();
    if (ok() && PQtransactionStatus(conn_) == PQTRANS_IDLE) {
        // Non-blocking reads of what arrived while the connection was idle: a server that shut
        // down sent a FATAL message, then closed the socket (the second read sees the end and
        // marks the connection bad).
        if (PQconsumeInput(conn_) == 1) {
            PQconsumeInput(conn_);
        }
    }
}

void connection::drop() noexcept {
    if (conn_ != nullptr) {
        PQfinish(conn_);
        conn_ = nullptr;
    }
    ending_ = false;
    deferred_begin_.clear();
    later_.clear();
}

std::vector<PGresult*> connection::drain_pipeline() noexcept {
    std::vector<PGresult*> out;
    if (conn_ == nullptr) {
        return out;
    }
    for (;;) {
        PGresult* r = PQgetResult(conn_);
        if (r == nullptr) {
            if (PQstatus(conn_) != CONNECTION_OK) {
                break; // broken: nothing more will come
            }
            continue; // the end of one statement's results
        }
        if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            break;
        }
        out.push_back(r);
    }
    if (PQstatus(conn_) == CONNECTION_OK && PQexitPipelineMode(conn_) != 1) {
        std::fprintf(stderr, "agrirent: pg: cannot leave pipeline mode: %s\n",
                     trimmed(PQerrorMessage(conn_)).c_str());
        drop();
    }
    return out;
}

PGresult* connection::run_pipeline(statement* st, const char* const* values, std::string_view sql) {
    if (deferred_begin_.empty() || !later_.empty()) {
        return run_pipeline_once(st, values, sql);
    }
    // A transaction's first statement: nothing of it has run yet, so a connection found broken
    // here (e.g. the server restarted while it sat in the pool) is re-opened and the BEGIN and
    // the statement sent once more, as pool::lease::begin does for a BEGIN sent alone.
    const std::string begin = deferred_begin_;
    try {
        return run_pipeline_once(st, values, sql);
    } catch (const error& e) {
        if (!e.is_connection_lost() || conn_ == nullptr) {
            throw;
        }
        PQreset(conn_);
        if (PQstatus(conn_) != CONNECTION_OK) {
            throw error("08001", "cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(conn_)),
                        true);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
        for (auto& [text, cached] : cache_) {
            cached->prepared_ = false; // the new session has none of them
        }
        deferred_begin_ = begin;
        return run_pipeline_once(st, values, sql);
    }
}

PGresult* connection::run_pipeline_once(statement* st, const char* const* values,
                                        std::string_view sql) {
    const std::string begin = std::exchange(deferred_begin_, {});
    const std::vector<later> queued = std::exchange(later_, {});
    if (PQenterPipelineMode(conn_) != 1) {
        throw error("", "cannot enter pipeline mode: " + trimmed(PQerrorMessage(conn_)),
                    lost(conn_, ""));
    }
    // What each result answers, in order: its text (for errors), and the statement a PREPARE
    // was for (marked prepared once it succeeded).
    struct expected {
        std::string_view what;
        statement* prepares = nullptr;
    };
    std::vector<expected> expects;
    std::vector<statement*> preparing;
    std::vector<std::string> pieces; // the simple statements of `sql` (kept alive until sent)
    bool sent = true;
    const auto send_text = [&](std::string_view text) {
        pieces.emplace_back(text);
        sent = sent && PQsendQueryParams(conn_, pieces.back().c_str(), 0, nullptr, nullptr, nullptr,
                                         nullptr, 0) == 1;
        expects.push_back({text});
    };
    const auto send_prepared = [&](statement& s, const char* const* vals) {
        if (!s.prepared_ && std::find(preparing.begin(), preparing.end(), &s) == preparing.end()) {
            preparing.push_back(&s);
            sent = sent && PQsendPrepare(conn_, s.name_.c_str(), s.sql_.c_str(), s.parameters_,
                                         s.types_.data()) == 1;
            expects.push_back({s.sql_, &s});
        }
        sent = sent && PQsendQueryPrepared(conn_, s.name_.c_str(), s.parameters_, vals, nullptr,
                                           nullptr, 0) == 1;
        expects.push_back({s.sql_});
    };
    pieces.reserve(8);
    if (!begin.empty()) {
        send_text(begin);
    }
    for (const later& l : queued) {
        std::vector<const char*> vals(l.values.size());
        for (std::size_t i = 0; i < vals.size(); ++i) {
            vals[i] = l.null[i] != 0 ? nullptr : l.values[i].c_str();
        }
        send_prepared(*l.owner, vals.data());
    }
    if (st != nullptr) {
        send_prepared(*st, values);
    } else {
        for (std::size_t from = 0; from <= sql.size();) {
            const std::size_t end = std::min(sql.find(';', from), sql.size());
            std::string_view piece = sql.substr(from, end - from);
            while (!piece.empty() && piece.front() == ' ') {
                piece.remove_prefix(1);
            }
            if (!piece.empty()) {
                send_text(piece);
            }
            from = end + 1;
        }
    }
    if (sent) {
        sent = PQpipelineSync(conn_) == 1;
    }
    if (!sent) {
        const std::string message = trimmed(PQerrorMessage(conn_));
        drop(); // a half-sent pipeline cannot be read back reliably
        throw error("", message + " (in a pipeline)", true);
    }
    std::vector<PGresult*> results = drain_pipeline();
    struct clear_rest {
        std::vector<PGresult*>& r;
        ~clear_rest() {
            for (PGresult* x : r) {
                PQclear(x);
            }
        }
    } guard{results};
    if (results.size() < expects.size()) {
        throw error("", "connection lost: " + trimmed(PQerrorMessage(conn_)) + " (in a pipeline)",
                    true);
    }
    PGresult* out = nullptr;
    for (std::size_t i = 0; i < expects.size(); ++i) {
        PGresult* r = std::exchange(results[i], nullptr);
        check(r, expects[i].what); // clears and throws on failure
        if (expects[i].prepares != nullptr) {
            expects[i].prepares->prepared_ = true;
        }
        if (i + 1 < expects.size()) {
            PQclear(r);
        } else {
            out = r;
        }
    }
    return out;
}

// ---- transaction ------------------------------------------------------------------------------

transaction::transaction(connection& conn, std::string_view begin_sql) : conn_(conn) {
    conn_.exec(begin_sql);
}

transaction::~transaction() {
    if (!done_) {
        conn_.rollback_quietly("transaction not committed");
    }
}

void transaction::commit() {
    if (done_) {
        throw error("", "transaction committed twice");
    }
    done_ = true;
    pg::commit(conn_);
}

void commit(connection& conn, std::string_view before) {
    conn.finish_ending();
    if (!conn.deferred_begin_.empty() && conn.later_.empty()) {
        conn.deferred_begin_.clear(); // nothing ran: nothing to commit
        return;
    }
    const std::string sql =
        before.empty() ? std::string("COMMIT") : std::string(before) + "; COMMIT";
    PGresult* r = conn.exec_last(sql); // throws if anything before it failed
    // COMMIT of a failed transaction "succeeds" as ROLLBACK.
    const bool committed = std::strcmp(PQcmdStatus(r), "COMMIT") == 0;
    PQclear(r);
    if (!committed) {
        throw error("40000", "the transaction had failed and was rolled back");
    }
}

// ---- migrations -------------------------------------------------------------------------------

namespace {

// The key of pg_advisory_xact_lock for migrations (any constant distinct from the writer's).
constexpr std::string_view migration_lock = "SELECT pg_advisory_xact_lock(7428461, 1)";

int schema_version(connection& conn) {
    auto& st = conn.prepare_cached("SELECT version FROM schema_version");
    return st.step() ? st.int32(0) : 0;
}

} // namespace

void migrate(connection& conn, std::span<const std::string_view> migrations) {
    const std::size_t known = migrations.size();
    const auto check = [known](int version) {
        if (version < 0) {
            throw error("", "database schema version " + std::to_string(version) + " is invalid");
        }
        if (static_cast<std::size_t>(version) > known) {
            throw schema_too_new(version, known);
        }
    };
    // Reading first changes nothing; a database without the table is a new one.
    {
        auto& exists = conn.prepare_cached("SELECT to_regclass('schema_version') IS NOT NULL");
        exists.step();
        if (exists.int64(0) != 0) {
            const int version = schema_version(conn);
            check(version);
            if (static_cast<std::size_t>(version) == known) {
                return;
            }
        }
    }
    for (;;) {
        transaction tx(conn, std::string("BEGIN; ") + std::string(migration_lock));
        conn.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL); "
                  "INSERT INTO schema_version SELECT 0 WHERE NOT EXISTS "
                  "(SELECT 1 FROM schema_version)");
        // Read again under the lock: another server may have migrated meanwhile.
        const int version = schema_version(conn);
        check(version);
        if (static_cast<std::size_t>(version) == known) {
            tx.commit();
            return;
        }
        const int next = version + 1;
        try {
            conn.exec(migrations[static_cast<std::size_t>(version)]);
        } catch (const error& e) {
            throw error(e.sqlstate(), "migration " + std::to_string(next) + " failed: " + e.what(),
                        e.is_connection_lost());
        }
        conn.exec("UPDATE schema_version SET version = " + std::to_string(next));
        tx.commit();
    }
}

// ---- pool -------------------------------------------------------------------------------------

pool::lease::lease(lease&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), slot_(std::exchange(other.slot_, nullptr)) {}

pool::lease::~lease() {
    if (slot_ != nullptr) {
        owner_->release(*slot_);
    }
}

void pool::lease::reconnect() {
    slot_->reset();
    *slot_ = owner_->connect();
}

void pool::lease::begin(std::string_view begin_sql) {
    try {
        (*slot_)->exec(begin_sql);
    } catch (const error& e) {
        if (!e.is_connection_lost()) {
            throw;
        }
        reconnect();
        (*slot_)->exec(begin_sql);
    }
}

pool::pool(std::string conninfo, std::size_t size, pool_options options)
    : conninfo_(std::move(conninfo)), options_(options), slots_(size) {
    if (size == 0) {
        throw std::invalid_argument("pg::pool needs at least one connection");
    }
    free_.reserve(size);
    for (auto& slot : slots_) {
        free_.push_back(&slot);
    }
}

pool::~pool() {
    const std::lock_guard lock(mutex_);
    if (free_.size() != slots_.size()) {
        std::fprintf(stderr, "agrirent: pg: pool destroyed with %zu connection(s) leased\n",
                     slots_.size() - free_.size());
    }
}

std::unique_ptr<connection> pool::connect() {
    {
        const std::lock_guard lock(mutex_);
        if (std::chrono::steady_clock::now() < down_until_) {
            throw error("08001", "PostgreSQL is unreachable (a connection failed just now)", true);
        }
    }
    try {
        auto fresh = std::make_unique<connection>(conninfo_);
        const std::lock_guard lock(mutex_);
        down_until_ = {};
        return fresh;
    } catch (const error&) {
        const std::lock_guard lock(mutex_);
        down_until_ = std::chrono::steady_clock::now() + options_.down_for;
        throw;
    }
}

pool::lease pool::acquire() {
    std::unique_ptr<connection>* slot = nullptr;
    {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [this] { return !free_.empty(); });
        slot = free_.back();
        free_.pop_back();
    }
    lease l(*this, *slot);
    if (*slot) {
        (*slot)->settle();
    }
    if (!*slot || !(*slot)->ok()) {
        slot->reset();
        *slot = connect(); // on failure, the lease's destructor frees the slot
    }
    return l;
}

void pool::release(std::unique_ptr<connection>& slot) noexcept {
    if (slot) {
        if (slot->ok() && slot->in_transaction()) {
            slot->rollback_quietly("lease returned");
        }
        if (!slot->ok()) {
            slot.reset(); // re-opened by the next acquire()
        }
    }
    {
        const std::lock_guard lock(mutex_);
        free_.push_back(&slot);
    }
    available_.notify_one();
}

// ---- group commit -----------------------------------------------------------------------------

struct pool::group_waiter {
    explicit group_waiter(const grouped_write& j) : job(&j) {}
    const grouped_write* job;
    bool done = false;
    std::exception_ptr error;
    std::condition_variable wake;
};

void pool::write_in_group(std::string_view begin_sql, const grouped_write& job) {
    group_waiter self{job};
    std::unique_lock lock(group_mutex_);
    group_queue_.push_back(&self);
    self.wake.wait(lock, [&] { return self.done || group_queue_.front() == &self; });
    if (!self.done) {
        const std::vector<group_waiter*> batch(
            group_queue_.begin(), group_queue_.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                             group_queue_.size(), max_group)));
        lock.unlock();
        try {
            auto conn = acquire();
            run_group(conn, begin_sql, batch);
        } catch (...) {
            // No connection (the database is down): every job of the batch gets that error.
            const auto failure = std::current_exception();
            for (group_waiter* w : batch) {
                if (!w->error) {
                    w->error = failure;
                }
            }
        }
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
            group_queue_.front()->wake.notify_one();
        }
    }
    lock.unlock();
    if (self.error) {
        std::rethrow_exception(self.error);
    }
}

void pool::run_group(lease& conn, std::string_view begin_sql,
                     std::span<group_waiter* const> batch) {
    try {
        // Round trips are what a batch costs: the savepoint of a job is released (or rolled back)
        // together with the next job's SAVEPOINT, the first goes with BEGIN, the last with COMMIT.
        conn.begin(std::string(begin_sql) + "; SAVEPOINT grouped_write");
        struct rollback_unless_done {
            connection& c;
            bool done = false;
            ~rollback_unless_done() {
                if (!done) {
                    c.rollback_quietly("group commit failed");
                }
            }
        } guard{*conn};
        std::string_view end_of_job;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            group_waiter* w = batch[i];
            if (i > 0) {
                conn->exec(std::string(end_of_job) + "; SAVEPOINT grouped_write");
            }
            bool keep = false;
            try {
                keep = (*w->job)(*conn);
            } catch (...) {
                w->error = std::current_exception();
            }
            end_of_job =
                keep ? "RELEASE grouped_write" : "ROLLBACK TO grouped_write; RELEASE grouped_write";
        }
        guard.done = true;
        commit(*conn, end_of_job);
    } catch (...) {
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

} // namespace agrirent::pg
