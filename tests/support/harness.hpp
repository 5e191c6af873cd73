#pragma once
// Integration-test harness: starts the real agrirent-server binary on a free loopback port with
// a fresh SQLite file, and talks HTTP/1.1 to it over a real socket (no mocks, STYLE.md).
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
    std::map<std::string, std::string> headers; // lower-case names
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

/// Sends raw bytes and returns everything the server answers until it closes the connection
/// (or `timeout_ms` passes).
std::string raw_exchange(unsigned short port, std::string_view bytes, int timeout_ms = 10000);

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

/// The server binary under test, started with --port 0 --db <tmp> --demo --test-clock plus
/// `extra_args`; stopped with SIGTERM (and waited for) on destruction.
class server_process {
  public:
    explicit server_process(std::vector<std::string> extra_args = {}, bool demo = true,
                            bool test_clock = true);
    /// Another server on the same database file (a restart): the old one must be stopped.
    server_process(const server_process& previous, std::vector<std::string> extra_args);
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    [[nodiscard]] unsigned short port() const { return port_; }
    [[nodiscard]] const std::filesystem::path& db_path() const { return db_; }
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

    /// Runs SQL that writes, on a second connection (to set up what a test needs).
    void exec_sql(std::string_view sql) const;

    /// Runs SQL on the database file (a second connection) and returns the first column of the
    /// first row as text ("" if no row): to check that refused requests changed nothing.
    [[nodiscard]] std::string query(std::string_view sql) const;

  private:
    void start(std::vector<std::string> args);

    std::shared_ptr<temp_dir> dir_;
    std::filesystem::path db_;
    int pid_ = -1;
    std::string startup_output_;
    unsigned short port_ = 0;
};

/// Runs the server binary with `args` until it exits (at most `timeout_s`): its exit status and
/// everything it printed (stdout and stderr).
/// `env` adds NAME=value pairs to the environment of the server.
std::pair<int, std::string> run_to_exit(const std::vector<std::string>& args, int timeout_s = 30,
                                        const std::vector<std::string>& env = {});

/// A booking body for POST /api/v1/reservations.
boost::json::object booking(std::string_view branch, std::string_view type, std::string_view start,
                            std::string_view end, std::string_view name = "홍길동",
                            std::string_view phone = "010-1111-2222");

} // namespace agrirent::test
