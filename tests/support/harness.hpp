#pragma once
// Integration-test harness: starts the real agrirent-server binary on a free loopback port with
// a fresh database, and talks HTTP/1.1 to it over a real socket (no mocks, STYLE.md).
//
// The engine (issue 12): a fresh SQLite file by default; with AGRIRENT_TEST_ENGINE=postgres a
// fresh PostgreSQL database (CREATE DATABASE agrirent_t_…) in the cluster of AGRIRENT_TEST_PG
// (postgresql://postgres@127.0.0.1:PORT/postgres, scripts/pg_cluster.sh), dropped at the end.
// CTest runs the HTTP integration suite once per engine (tests/CMakeLists.txt).
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

namespace agrirent::test {

struct http_reply {
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names (the last of a repeated one)
    std::vector<std::string> set_cookies;       // every Set-Cookie, in order
    std::string body;

    [[nodiscard]] boost::json::value json() const;
    [[nodiscard]] std::string header(const std::string& name) const;
    /// error.code of an API.md error body ("" if none).
    [[nodiscard]] std::string error_code() const;
};

/// One request on a fresh connection (Connection: close). `headers` are sent as given.
http_reply http_request(unsigned short port, std::string_view method, std::string_view target,
                        std::string_view body = {},
                        const std::vector<std::pair<std::string, std::string>>& headers = {});

/// A blocking TCP socket connected to 127.0.0.1:`port` (the caller closes it). Throws on failure.
int connect_loopback(unsigned short port);

/// An integer from the environment (`fallback` if unset or not a number): the sizes of the
/// long-running suites (AGRIRENT_RACE_ROUNDS, AGRIRENT_MODEL_OPS, …).
long env_long(const char* name, long fallback);

/// Sends raw bytes and returns everything the server answers until it closes the connection
/// (or `timeout_ms` passes).
std::string raw_exchange(unsigned short port, std::string_view bytes, int timeout_ms = 10000);

/// The database engine of a test server.
enum class engine { sqlite, postgres };

/// The engine of this test run: postgres when AGRIRENT_TEST_ENGINE=postgres, else sqlite.
engine test_engine();

/// The base URI of the test cluster (AGRIRENT_TEST_PG), "" when unset.
std::string postgres_base_uri();

/// For tests that need PostgreSQL: when AGRIRENT_TEST_PG is unset, says so on stderr and ends the
/// test process with status 77, which CTest reports as "Skipped" (SKIP_RETURN_CODE), never as
/// passed. scripts/test.sh always sets it.
void require_postgres();

/// `uri` (a libpq URI) with its database name replaced by `dbname` (query parameters kept).
std::string with_database(const std::string& uri, const std::string& dbname);

/// A fresh, empty PostgreSQL database in the cluster of `base_uri` (default: the test cluster of
/// AGRIRENT_TEST_PG; require_postgres() first), dropped (WITH (FORCE): servers killed mid-test
/// may leave sessions) on destruction.
class pg_database {
  public:
    explicit pg_database(std::string base_uri = postgres_base_uri());
    ~pg_database();
    pg_database(const pg_database&) = delete;
    pg_database& operator=(const pg_database&) = delete;
    [[nodiscard]] const std::string& name() const { return name_; }
    /// The libpq URI of this database (what --db gets).
    [[nodiscard]] const std::string& uri() const { return uri_; }

  private:
    std::string base_;
    std::string name_;
    std::string uri_;
};

/// Runs SQL (possibly several statements) on a SQLite file or a PostgreSQL URI; throws on error.
void exec_sql_on(const std::string& db, std::string_view sql);

/// Rows of text from a SQLite file or a PostgreSQL URI (`db`: a path, or a URI starting with
/// postgres:// or postgresql://), read in ONE read-only transaction so that everything a checker
/// reads is one consistent snapshot (SQLite: BEGIN on a read-only connection; PostgreSQL:
/// REPEATABLE READ, READ ONLY). Values as SQLite prints them: NULL as "", and PostgreSQL's
/// booleans as "1"/"0" (so that `x IS NULL` reads the same on both engines).
class db_view {
  public:
    explicit db_view(const std::string& db);
    ~db_view();
    db_view(const db_view&) = delete;
    db_view& operator=(const db_view&) = delete;

    std::vector<std::vector<std::string>> rows(const std::string& sql);
    /// The first column of the first row ("" if no row).
    std::string value(const std::string& sql);
    /// value() as a number (0 for "" / NULL).
    long long number(const std::string& sql);

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A temporary directory removed on destruction.
class temp_dir {
  public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// Verified phones (DOMAIN.md §14, issue 14) on a fresh test server. The product default is on;
/// suites written before §14 book as farmers through the public API without a code, so a test
/// server is by default a *kiosk*: the setting verify_farmer_phone is written off into the fresh
/// database before the server's first start (the documented configuration of an office whose
/// kiosk or API client verifies phones itself, README "Verified phones"). `verified` keeps the
/// product default (on): farmers then need verify_phone() below.
enum class phone_checks { kiosk, verified };

/// The server binary under test, started with --port 0 --db <fresh database of test_engine()>
/// --demo --test-clock plus `extra_args`; stopped with SIGTERM (and waited for) on destruction.
class server_process {
  public:
    explicit server_process(std::vector<std::string> extra_args = {}, bool demo = true,
                            bool test_clock = true, phone_checks phones = phone_checks::kiosk);
    /// A server on the PostgreSQL database `db` (e.g. in a private cluster), whatever
    /// test_engine() says; otherwise as above.
    server_process(std::shared_ptr<pg_database> db, std::vector<std::string> extra_args,
                   bool demo = true, phone_checks phones = phone_checks::kiosk);
    /// Another server on the same database (a restart; no --demo, no --threads). On SQLite the
    /// old one must be stopped; on PostgreSQL both may run (several servers on one database).
    /// The database lives until the last server_process on it is gone.
    server_process(const server_process& previous, std::vector<std::string> extra_args);
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    [[nodiscard]] unsigned short port() const { return port_; }
    /// The SQLite file (SQLite only: empty on PostgreSQL).
    [[nodiscard]] const std::filesystem::path& db_path() const { return db_; }
    /// What --db got: the SQLite file's path or the PostgreSQL database's URI.
    [[nodiscard]] const std::string& db() const { return db_arg_; }
    [[nodiscard]] agrirent::test::engine engine() const { return engine_; }
    [[nodiscard]] const std::filesystem::path& dir() const { return dir_->path(); }

    /// What the server printed on stdout up to and including its "listening on" line.
    [[nodiscard]] const std::string& startup_output() const { return startup_output_; }

    /// Sends SIGTERM and waits; returns the exit status (0 = clean).
    int stop();
    /// Sends SIGKILL (a crash: no shutdown code runs, no final checkpoint) and waits. The files
    /// stay for a restart with server_process(previous, args); destruction then does nothing.
    void kill9();
    /// The server's process id (-1 once stopped or killed).
    [[nodiscard]] int pid() const { return pid_; }

    // Convenience wrappers around http_request on this server.
    http_reply get(std::string_view target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
    http_reply post(std::string_view target, const boost::json::value& body,
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
    http_reply put(std::string_view target, const boost::json::value& body,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
    http_reply patch(std::string_view target, const boost::json::value& body,
                     const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
    http_reply del(std::string_view target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) const;

    /// PUT /api/v1/test/clock; `kst` is "2020-05-12 10:00" (KST) or a full RFC 3339 instant.
    void set_clock(std::string_view kst) const;

    /// Runs SQL that writes, on a second connection (to set up what a test needs). Keep it
    /// portable (the same tables on both engines, docs pg.md 2): it runs on PostgreSQL too.
    void exec_sql(std::string_view sql) const;

    /// Runs SQL on the database (a second connection) and returns the first column of the
    /// first row as text ("" if no row): to check that refused requests changed nothing.
    /// Booleans of PostgreSQL read "1"/"0" as on SQLite (db_view).
    [[nodiscard]] std::string query(std::string_view sql) const;
    /// The first column of every row (portable where SQLite would need group_concat).
    [[nodiscard]] std::vector<std::string> query_column(std::string_view sql) const;

    /// The message log of the default sender (--notify-log): one line per message,
    /// "<instant KST>\t<phone>\t<kind>\t<body>".
    [[nodiscard]] std::filesystem::path message_log() const;

  private:
    void start(std::vector<std::string> args);
    /// phone_checks::kiosk: creates the schema (--migrate-only) and writes the setting off.
    void prepare_kiosk(phone_checks phones);

    std::shared_ptr<temp_dir> dir_;
    std::shared_ptr<pg_database> pg_; // PostgreSQL only
    agrirent::test::engine engine_ = engine::sqlite;
    std::filesystem::path db_;
    std::string db_arg_;
    int pid_ = -1;
    std::string startup_output_;
    unsigned short port_ = 0;
};

/// Runs the server binary with `args` until it exits (at most `timeout_s`): its exit status and
/// everything it printed (stdout and stderr).
/// `env` adds NAME=value pairs to the environment of the server.
std::pair<int, std::string> run_to_exit(const std::vector<std::string>& args, int timeout_s = 30,
                                        const std::vector<std::string>& env = {});

/// "a,b,c" from {"a", "b", "c"} and ",".
std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// The newest verification code (DOMAIN.md §14) the server sent to `phone` (normalised, e.g.
/// "010-1111-2222"), read from its message log; "" if none.
std::string last_code_sent(const server_process& s, std::string_view phone);

/// The real verification of a farmer's phone: POST /api/v1/phone-verifications, the code from
/// the message log, POST …/confirm; returns the verification token (throws if a step fails).
/// Mind the resend limit: one code a minute per phone (move the test clock between two).
std::string verify_phone(const server_process& s, std::string_view phone);

/// A booking body for POST /api/v1/reservations.
boost::json::object booking(std::string_view branch, std::string_view type, std::string_view start,
                            std::string_view end, std::string_view name = "홍길동",
                            std::string_view phone = "010-1111-2222");

} // namespace agrirent::test
