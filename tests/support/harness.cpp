#include "tests/support/harness.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <libpq-fe.h>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <random>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "server/http/compress.hpp"

namespace agrirent::test {
namespace {

std::filesystem::path binary_dir() {
    // CTest sets it; run by hand, the test binary lives in build/tests/.
    if (const char* dir = std::getenv("AGRIRENT_BINARY_DIR")) {
        return dir;
    }
    return std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path();
}

void write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const auto n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            return; // the server may close early (413, 431): read what it answered
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string read_until_close(int fd, int timeout_ms) {
    std::string out;
    char buf[16384];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeout_ms) <= 0) {
            break;
        }
        const auto n = ::read(fd, buf, sizeof buf);
        if (n <= 0) {
            break;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

bool is_postgres_uri(std::string_view db) {
    return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

// One libpq connection (the tests' own, beside the server's pool).
class pg_connection {
  public:
    explicit pg_connection(const std::string& uri) {
        // connect_timeout: a test must fail, not hang, when the cluster is down.
        const char* keys[] = {"dbname", "connect_timeout", nullptr};
        const char* values[] = {uri.c_str(), "10", nullptr};
        conn_ = PQconnectdbParams(keys, values, 1);
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("cannot connect to " + uri + ": " + message);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
    }
    ~pg_connection() { PQfinish(conn_); }
    pg_connection(const pg_connection&) = delete;
    pg_connection& operator=(const pg_connection&) = delete;

    // Runs `sql` (simple protocol: several statements allowed); the last result's rows as text
    // (NULL as "", booleans as "1"/"0").
    std::vector<std::vector<std::string>> run(const std::string& sql) {
        PGresult* res = PQexec(conn_, sql.c_str());
        const auto status = PQresultStatus(res);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            const std::string message = PQresultErrorMessage(res);
            PQclear(res);
            throw std::runtime_error("PostgreSQL: " + message + " in: " + sql);
        }
        std::vector<std::vector<std::string>> out;
        for (int r = 0; r < PQntuples(res); ++r) {
            std::vector<std::string> row;
            for (int c = 0; c < PQnfields(res); ++c) {
                if (PQgetisnull(res, r, c) != 0) {
                    row.emplace_back();
                    continue;
                }
                std::string v = PQgetvalue(res, r, c);
                if (PQftype(res, c) == 16) { // BOOLOID
                    v = v == "t" ? "1" : "0";
                }
                row.push_back(std::move(v));
            }
            out.push_back(std::move(row));
        }
        PQclear(res);
        return out;
    }

  private:
    PGconn* conn_ = nullptr;
};

http_reply parse_reply(const std::string& raw) {
    http_reply r;
    const auto head_end = raw.find("\r\n\r\n");
    if (raw.size() < 12 || head_end == std::string::npos) {
        throw std::runtime_error("malformed HTTP reply: " + raw.substr(0, 200));
    }
    r.status = std::stoi(raw.substr(9, 3));
    std::size_t pos = raw.find("\r\n") + 2;
    while (pos < head_end) {
        const auto eol = raw.find("\r\n", pos);
        const std::string line = raw.substr(pos, eol - pos);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (char& c : name) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') {
                value.erase(0, 1);
            }
            if (name == "set-cookie") {
                r.set_cookies.push_back(value);
            }
            r.headers[name] = value;
        }
        pos = eol + 2;
    }
    r.body = raw.substr(head_end + 4);
    if (const auto it = r.headers.find("content-length"); it != r.headers.end()) {
        r.body.resize(std::min<std::size_t>(r.body.size(), std::stoul(it->second)));
    }
    return r;
}

bool is_json_type(std::string_view type) {
    return type.find("json") != std::string_view::npos;
}

/// Issue 16: with AGRIRENT_RECORD_RESPONSES=<dir>, every exchange made through http_request is
/// appended as one JSON line to <dir>/responses-<pid>.jsonl (one file per test process, so
/// parallel CTest runs never interleave): method, target, request content type and body (JSON
/// bodies only), status, response content type and body (JSON bodies, gunzipped). Checked
/// against server/api/openapi.json by tests/openapi/check_responses.mjs (scripts/test.sh).
/// raw_exchange (hostile bytes, slow clients, keep-alive) is not recorded: those are not
/// requests of a documented operation.
void record_exchange(std::string_view method, std::string_view target,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     std::string_view request_body, const http_reply& reply) {
    static const char* const dir = std::getenv("AGRIRENT_RECORD_RESPONSES");
    if (dir == nullptr || *dir == '\0') {
        return;
    }
    namespace json = boost::json;
    std::string request_type = request_body.empty() ? "" : "application/json";
    for (const auto& [k, v] : headers) {
        if (k == "Content-Type" || k == "content-type") {
            request_type = v;
        }
    }
    json::object line{{"method", method},
                      {"target", target},
                      {"status", reply.status},
                      {"content_type", reply.header("content-type")}};
    line["authenticated"] = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
        return h.first == "Authorization" || h.first == "authorization" || h.first == "Cookie" ||
               h.first == "cookie";
    });
    if (!request_body.empty()) {
        line["request_content_type"] = request_type;
        boost::system::error_code ec;
        auto parsed = json::parse(request_body, ec);
        if (!ec) { // 1e999 parses as infinity, which JSON cannot write back: keep those as bytes
            (void)json::parse(json::serialize(parsed), ec);
        }
        if (!ec && is_json_type(request_type)) {
            line["request_body"] = std::move(parsed);
        } else {
            line["request_body_bytes"] = request_body.size();
        }
    }
    if (is_json_type(reply.header("content-type"))) {
        std::string body = reply.body;
        if (reply.header("content-encoding") == "gzip") {
            body = agrirent::http::gunzip(body);
        }
        boost::system::error_code ec;
        auto parsed = json::parse(body, ec);
        if (ec) {
            line["unparsable_body"] = body.substr(0, 200);
        } else {
            line["body"] = std::move(parsed);
        }
    } else {
        line["body_bytes"] = reply.body.size();
    }
    const std::string text = json::serialize(line) + "\n";
    static std::mutex m;
    const std::lock_guard lock{m};
    const auto file =
        std::filesystem::path{dir} / ("responses-" + std::to_string(::getpid()) + ".jsonl");
    if (std::FILE* f = std::fopen(file.c_str(), "ae")) {
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
    }
}

} // namespace

engine test_engine() {
    const char* e = std::getenv("AGRIRENT_TEST_ENGINE");
    return e != nullptr &&
                   (std::string_view{e} == "postgres" || std::string_view{e} == "postgresql")
               ? engine::postgres
               : engine::sqlite;
}

std::string postgres_base_uri() {
    const char* uri = std::getenv("AGRIRENT_TEST_PG");
    return uri != nullptr ? uri : "";
}

void require_postgres() {
    if (postgres_base_uri().empty()) {
        std::fprintf(stderr, "skipped: this test needs PostgreSQL and AGRIRENT_TEST_PG is not set "
                             "(scripts/test.sh sets it; scripts/pg_cluster.sh starts a cluster)\n");
        std::fflush(nullptr);
        std::_Exit(77);
    }
}

std::string with_database(const std::string& uri, const std::string& dbname) {
    const auto scheme = uri.find("://");
    if (scheme == std::string::npos) {
        throw std::runtime_error("not a URI: " + uri);
    }
    const auto query = uri.find('?', scheme + 3);
    const auto slash = uri.find('/', scheme + 3);
    const std::string tail = query == std::string::npos ? "" : uri.substr(query);
    const auto end_of_host =
        slash != std::string::npos && (query == std::string::npos || slash < query) ? slash
        : query != std::string::npos                                                ? query
                                                                                    : uri.size();
    return uri.substr(0, end_of_host) + "/" + dbname + tail;
}

pg_database::pg_database(std::string base_uri) : base_(std::move(base_uri)) {
    if (base_.empty()) {
        require_postgres();
    }
    std::random_device rd;
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "%d_%08x", static_cast<int>(::getpid()), rd());
    name_ = std::string{"agrirent_t_"} + suffix;
    uri_ = with_database(base_, name_);
    pg_connection{base_}.run("CREATE DATABASE " + name_);
}

pg_database::~pg_database() {
    try {
        pg_connection{base_}.run("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "could not drop the test database %s: %s\n", name_.c_str(), e.what());
    }
}

void exec_sql_on(const std::string& db, std::string_view sql) {
    if (is_postgres_uri(db)) {
        pg_connection{db}.run(std::string{sql});
        return;
    }
    sqlite3* conn = nullptr;
    if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(conn);
        throw std::runtime_error("cannot open the test database");
    }
    sqlite3_busy_timeout(conn, 5000);
    char* err = nullptr;
    const int rc = sqlite3_exec(conn, std::string{sql}.c_str(), nullptr, nullptr, &err);
    const std::string message = err != nullptr ? err : "";
    sqlite3_free(err);
    sqlite3_close(conn);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("exec_sql failed: " + message);
    }
}

struct db_view::impl {
    std::unique_ptr<pg_connection> pg;
    sqlite3* lite = nullptr;

    ~impl() {
        if (lite != nullptr) {
            sqlite3_exec(lite, "COMMIT", nullptr, nullptr, nullptr);
            sqlite3_close(lite);
        }
        if (pg) {
            try {
                pg->run("COMMIT");
            } catch (const std::exception&) {
            }
        }
    }
};

db_view::db_view(const std::string& db) : impl_(std::make_unique<impl>()) {
    if (is_postgres_uri(db)) {
        impl_->pg = std::make_unique<pg_connection>(db);
        impl_->pg->run("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        return;
    }
    if (sqlite3_open_v2(db.c_str(), &impl_->lite, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(impl_->lite);
        impl_->lite = nullptr;
        throw std::runtime_error("cannot open " + db);
    }
    sqlite3_busy_timeout(impl_->lite, 10000);
    if (sqlite3_exec(impl_->lite, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string{"BEGIN failed: "} + sqlite3_errmsg(impl_->lite));
    }
}

db_view::~db_view() = default;

std::vector<std::vector<std::string>> db_view::rows(const std::string& sql) {
    if (impl_->pg) {
        return impl_->pg->run(sql);
    }
    sqlite3* db = impl_->lite;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string{"bad SQL: "} + sqlite3_errmsg(db) + ": " + sql);
    }
    std::vector<std::vector<std::string>> out;
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            const auto* text = sqlite3_column_text(st, i);
            row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
        }
        out.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        throw std::runtime_error(std::string{"query failed: "} + sqlite3_errmsg(db));
    }
    return out;
}

std::string db_view::value(const std::string& sql) {
    const auto r = rows(sql);
    return r.empty() || r.front().empty() ? std::string{} : r.front().front();
}

long long db_view::number(const std::string& sql) {
    return std::stoll("0" + value(sql));
}

long env_long(const char* name, long fallback) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        return fallback;
    }
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    return end != nullptr && *end == '\0' ? n : fallback;
}

int connect_loopback(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw std::runtime_error("socket() failed");
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("connect() to 127.0.0.1:" + std::to_string(port) + " failed");
    }
    return fd;
}

boost::json::value http_reply::json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec) {
        throw std::runtime_error("reply is not JSON (" + std::to_string(status) +
                                 "): " + body.substr(0, 300));
    }
    return v;
}

std::string http_reply::header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

std::string http_reply::error_code() const {
    boost::system::error_code ec;
    const auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("error")) {
        return {};
    }
    return std::string{v.at("error").at("code").as_string()};
}

std::string raw_exchange(unsigned short port, std::string_view bytes, int timeout_ms) {
    const int fd = connect_loopback(port);
    write_all(fd, bytes);
    std::string out = read_until_close(fd, timeout_ms);
    ::close(fd);
    return out;
}

http_reply http_request(unsigned short port, std::string_view method, std::string_view target,
                        std::string_view body,
                        const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string req;
    req.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
    req.append("Host: 127.0.0.1:").append(std::to_string(port)).append("\r\n");
    req.append("Connection: close\r\n");
    bool has_type = false;
    for (const auto& [k, v] : headers) {
        req.append(k).append(": ").append(v).append("\r\n");
        has_type = has_type || k == "Content-Type" || k == "content-type";
    }
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!has_type) {
            req.append("Content-Type: application/json\r\n");
        }
        req.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    }
    req.append("\r\n").append(body);
    auto reply = parse_reply(raw_exchange(port, req, 30000));
    record_exchange(method, target, headers, body, reply);
    return reply;
}

temp_dir::temp_dir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("agrirent-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

temp_dir::~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void server_process::prepare_kiosk(phone_checks phones) {
    if (phones != phone_checks::kiosk) {
        return;
    }
    const auto [status, output] = run_to_exit({"--db", db_arg_, "--migrate-only"}, 120);
    if (status != 0) {
        throw std::runtime_error("--migrate-only failed: " + output);
    }
    exec_sql_on(db_arg_, "INSERT INTO settings (key, value) VALUES ('verify_farmer_phone', '0')");
}

std::filesystem::path server_process::message_log() const {
    return dir_->path() / "notifications.log";
}

server_process::server_process(std::vector<std::string> extra_args, bool demo, bool test_clock,
                               phone_checks phones)
    : dir_(std::make_shared<temp_dir>()), engine_(test_engine()) {
    if (engine_ == engine::postgres) {
        pg_ = std::make_shared<pg_database>();
        db_arg_ = pg_->uri();
    } else {
        db_ = dir_->path() / "agrirent.db";
        db_arg_ = db_.string();
    }
    prepare_kiosk(phones);
    std::vector<std::string> args{
        "--port",    "0", "--db",         db_arg_,
        "--threads", "4", "--notify-log", (dir_->path() / "notifications.log").string()};
    if (test_clock) {
        args.emplace_back("--test-clock");
    }
    if (demo) {
        args.emplace_back("--demo");
    }
    for (auto& a : extra_args) {
        args.push_back(std::move(a));
    }
    start(std::move(args));
}

server_process::server_process(std::shared_ptr<pg_database> db, std::vector<std::string> extra_args,
                               bool demo, phone_checks phones)
    : dir_(std::make_shared<temp_dir>()), pg_(std::move(db)), engine_(engine::postgres),
      db_arg_(pg_->uri()) {
    prepare_kiosk(phones);
    std::vector<std::string> args{
        "--port",      "0", "--db",         db_arg_,
        "--threads",   "4", "--notify-log", (dir_->path() / "notifications.log").string(),
        "--test-clock"};
    if (demo) {
        args.emplace_back("--demo");
    }
    for (auto& a : extra_args) {
        args.push_back(std::move(a));
    }
    start(std::move(args));
}

server_process::server_process(const server_process& previous, std::vector<std::string> extra_args)
    : dir_(previous.dir_), pg_(previous.pg_), engine_(previous.engine_), db_(previous.db_),
      db_arg_(previous.db_arg_) {
    std::vector<std::string> args{"--port",
                                  "0",
                                  "--db",
                                  db_arg_,
                                  "--test-clock",
                                  "--notify-log",
                                  (dir_->path() / "notifications.log").string()};
    for (auto& a : extra_args) {
        args.push_back(std::move(a));
    }
    start(std::move(args));
}

void server_process::start(std::vector<std::string> args) {
    const std::string exe = (binary_dir() / "agrirent-server").string();
    args.insert(args.begin(), exe);
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe() failed");
    }
    pid_ = ::fork();
    if (pid_ == 0) {
        // If the test process dies (a crash, a timeout), the server goes with it.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        ::dup2(out[1], STDOUT_FILENO);
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        ::execv(exe.c_str(), argv.data());
        std::_Exit(127);
    }
    ::close(out[1]);
    // The server prints one line "agrirent listening on http://127.0.0.1:PORT/".
    // Other lines may come first (e.g. the first admin's password on a fresh database).
    std::string printed;
    char c = 0;
    pollfd p{out[0], POLLIN, 0};
    const auto complete = [&] {
        const auto at = printed.find("listening on");
        return at != std::string::npos && printed.find('\n', at) != std::string::npos;
    };
    while (!complete() && ::poll(&p, 1, 20000) > 0 && ::read(out[0], &c, 1) == 1) {
        printed += c;
    }
    ::close(out[0]);
    startup_output_ = printed;
    const auto at = printed.find("listening on");
    const std::string line =
        at == std::string::npos ? printed : printed.substr(at, printed.find('\n', at) - at);
    const auto colon = line.rfind(':');
    if (at == std::string::npos || colon == std::string::npos) {
        stop();
        throw std::runtime_error("server did not start: '" + printed + "'");
    }
    port_ = static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));
}

server_process::~server_process() {
    // A server that does not exit cleanly on SIGTERM is a bug the test must not hide: under
    // ASan/UBSan this is where a leak or an error report in the server shows.
    if (const int status = stop(); status != 0) {
        std::fprintf(stderr, "agrirent-server exited with status %d (see its output above)\n",
                     status);
        std::abort();
    }
}

int server_process::stop() {
    if (pid_ <= 0) {
        return 0;
    }
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void server_process::kill9() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

http_reply server_process::get(std::string_view target,
                               const std::vector<std::pair<std::string, std::string>>& h) const {
    return http_request(port_, "GET", target, {}, h);
}

http_reply server_process::post(std::string_view target, const boost::json::value& body,
                                const std::vector<std::pair<std::string, std::string>>& h) const {
    return http_request(port_, "POST", target, boost::json::serialize(body), h);
}

http_reply server_process::put(std::string_view target, const boost::json::value& body,
                               const std::vector<std::pair<std::string, std::string>>& h) const {
    return http_request(port_, "PUT", target, boost::json::serialize(body), h);
}

http_reply server_process::patch(std::string_view target, const boost::json::value& body,
                                 const std::vector<std::pair<std::string, std::string>>& h) const {
    return http_request(port_, "PATCH", target, boost::json::serialize(body), h);
}

http_reply server_process::del(std::string_view target,
                               const std::vector<std::pair<std::string, std::string>>& h) const {
    return http_request(port_, "DELETE", target, {}, h);
}

void server_process::set_clock(std::string_view kst) const {
    std::string instant{kst};
    if (instant.size() == 16) { // "2020-05-12 10:00"
        instant = instant.substr(0, 10) + "T" + instant.substr(11) + ":00+09:00";
    }
    const auto r = put("/api/v1/test/clock", boost::json::object{{"now", instant}});
    if (r.status != 200) {
        throw std::runtime_error("setting the clock failed: " + r.body);
    }
}

std::string server_process::query(std::string_view sql) const {
    db_view db{db_arg_};
    return db.value(std::string{sql});
}

std::vector<std::string> server_process::query_column(std::string_view sql) const {
    db_view db{db_arg_};
    std::vector<std::string> out;
    for (auto& row : db.rows(std::string{sql})) {
        out.push_back(row.empty() ? std::string{} : std::move(row.front()));
    }
    return out;
}

void server_process::exec_sql(std::string_view sql) const {
    exec_sql_on(db_arg_, sql);
}

std::string last_code_sent(const server_process& s, std::string_view phone) {
    std::ifstream in{s.message_log()};
    std::string line;
    std::string code;
    const std::string wanted = "\t" + std::string{phone} + "\tverification_code\t";
    while (std::getline(in, line)) {
        const auto at = line.find(wanted);
        if (at == std::string::npos) {
            continue;
        }
        // The body: "[농기계임대] 인증번호 123456 (…)": the first six digits in a row.
        const std::string body = line.substr(at + wanted.size());
        for (std::size_t i = 0; i + 6 <= body.size(); ++i) {
            if (std::all_of(body.begin() + static_cast<std::ptrdiff_t>(i),
                            body.begin() + static_cast<std::ptrdiff_t>(i + 6),
                            [](char c) { return c >= '0' && c <= '9'; })) {
                code = body.substr(i, 6);
                break;
            }
        }
    }
    return code;
}

std::string verify_phone(const server_process& s, std::string_view phone) {
    const auto sent = s.post("/api/v1/phone-verifications", boost::json::object{{"phone", phone}});
    if (sent.status != 202) {
        throw std::runtime_error("phone-verifications: " + std::to_string(sent.status) + " " +
                                 sent.body);
    }
    const auto code = last_code_sent(s, phone);
    const auto confirmed = s.post("/api/v1/phone-verifications/confirm",
                                  boost::json::object{{"phone", phone}, {"code", code}});
    if (confirmed.status != 200) {
        throw std::runtime_error("phone-verifications/confirm: " +
                                 std::to_string(confirmed.status) + " " + confirmed.body);
    }
    return std::string{confirmed.json().at("verification").as_string()};
}

std::pair<int, std::string> run_to_exit(const std::vector<std::string>& args, int timeout_s,
                                        const std::vector<std::string>& env) {
    const std::string exe = (binary_dir() / "agrirent-server").string();
    std::vector<std::string> all{exe};
    all.insert(all.end(), args.begin(), args.end());
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe() failed");
    }
    const int pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(out[1], STDERR_FILENO);
        std::vector<char*> argv;
        for (auto& a : all) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        for (const auto& kv : env) {
            ::putenv(const_cast<char*>(kv.c_str())); // the child's own copy of the strings
        }
        ::execv(exe.c_str(), argv.data());
        std::_Exit(127);
    }
    ::close(out[1]);
    std::string text = read_until_close(out[0], timeout_s * 1000);
    ::close(out[0]);
    int status = 0;
    for (int waited_ms = 0; ::waitpid(pid, &status, WNOHANG) == 0; waited_ms += 10) {
        if (waited_ms > timeout_s * 1000) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        ::usleep(10000);
    }
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), text};
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out.append(separator);
        }
        out.append(parts[i]);
    }
    return out;
}

boost::json::object booking(std::string_view branch, std::string_view type, std::string_view start,
                            std::string_view end, std::string_view name, std::string_view phone) {
    return {{"branch", branch},
            {"type", type},
            {"start", start},
            {"end", end},
            {"farmer", boost::json::object{{"name", name}, {"phone", phone}}}};
}

} // namespace agrirent::test
