#include "tests/fuzz/app_fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <unistd.h>

#include <boost/json.hpp>
#include <sodium.h>

#include "server/api/routes.hpp"
#include "server/app/auth.hpp"
#include "server/app/catalog.hpp"
#include "server/app/clock.hpp"
#include "server/app/demo.hpp"
#include "server/app/metrics.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/app/services.hpp"
#include "server/http/access.hpp"
#include "server/http/router.hpp"
#include "server/pages/routes.hpp"
#include "server/storage/database.hpp"
#include "server/storage/sqlite/sqlite.hpp"

namespace agrirent::fuzz {
namespace {

namespace fs = std::filesystem;

// A documentation address (RFC 5737), not loopback: the public rate limits apply.
constexpr const char* client_address = "203.0.113.7";

fs::path temp_root() {
    if (const char* dir = std::getenv("AGRIRENT_FUZZ_TMP"); dir != nullptr && *dir != '\0') {
        return dir;
    }
    // tmpfs when there is one: synchronous=FULL costs an fsync per write transaction.
    if (fs::is_directory("/dev/shm")) {
        return "/dev/shm";
    }
    return fs::temp_directory_path();
}

fs::path& database_dir() {
    static fs::path dir;
    return dir;
}

void remove_database_dir() {
    std::error_code ec;
    fs::remove_all(database_dir(), ec);
}

std::string first_text(db::connection& conn, const char* sql, std::string fallback) {
    auto st = conn.prepare(sql);
    if (st.step() && !st.is_null(0)) {
        return st.text(0);
    }
    return fallback;
}

[[noreturn]] void fail(const http::request& req, const http::response& res, const char* why) {
    std::fprintf(stderr,
                 "\n*** fuzz check failed: %s\n*** request: %s %s (%zu header(s), body %zu "
                 "bytes)\n*** response: %d %.2000s\n",
                 why, req.method.c_str(), req.target.c_str(), req.headers.size(), req.body.size(),
                 res.status, res.body.c_str());
    std::abort();
}

// API.md: every error of the JSON API is {"error": {"code": "...", "message": "..."}}.
bool is_api_error(const std::string& body) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) {
        return false;
    }
    const auto* e = v.get_object().if_contains("error");
    if (e == nullptr || !e->is_object()) {
        return false;
    }
    const auto* code = e->get_object().if_contains("code");
    const auto* message = e->get_object().if_contains("message");
    return code != nullptr && code->is_string() && !code->get_string().empty() &&
           message != nullptr && message->is_string();
}

struct account {
    std::string username;
    std::string password;
    std::string token;
    std::string csrf;
};

} // namespace

struct app_fixture::impl {
    app::clock clk;
    app::metrics stats;
    app::catalog_cache catalog;
    std::unique_ptr<storage::database> db;
    std::unique_ptr<app::services> services;
    http::router router;
    std::optional<app::rate_limiter> limiter;
    std::mt19937 random{20200520}; // booking codes: the same on every run
    account admin, operator_, clerk;
};

app_fixture& app_fixture::get() {
    static app_fixture* instance = new app_fixture(); // never destroyed: libFuzzer exits
    return *instance;
}

app_fixture::app_fixture() : impl_(new impl) {
    if (sodium_init() < 0) {
        std::fprintf(stderr, "libsodium failed to initialise\n");
        std::abort();
    }
    database_dir() = temp_root() / ("agrirent-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(database_dir());
    fs::create_directories(database_dir());
    std::atexit(remove_database_dir);
    const fs::path file = database_dir() / "fuzz.db";

    auto& m = *impl_;
    {
        storage::open_settings settings;
        settings.connections = 1;
        m.db = storage::open_database(file.string(), settings);
        app::load_demo(*m.db, m.clk.now());
        db::connection conn{file}; // the fixture's own look-ups of real rows
        // Staff accounts of the fuzzer's own, under names it cannot guess: its failed logins
        // and user edits hit the demo accounts, never these (no lock-out, no lost session).
        const std::int64_t branch =
            std::stoll(first_text(conn, "SELECT min(id) FROM branches", "1"));
        const std::string suffix = app::random_token(9);
        m.admin = {"fuzz-admin-" + suffix, app::random_token(16), {}, {}};
        m.operator_ = {"fuzz-operator-" + suffix, app::random_token(16), {}, {}};
        m.clerk = {"fuzz-clerk-" + suffix, app::random_token(16), {}, {}};
        const auto now = m.clk.now();
        const auto tx = m.db->begin(storage::access::write);
        app::create_staff(*tx, m.admin.username, m.admin.password, role::admin, std::nullopt,
                          "fuzz admin", now);
        app::create_staff(*tx, m.operator_.username, m.operator_.password, role::operator_,
                          std::nullopt, "fuzz operator", now);
        app::create_staff(*tx, m.clerk.username, m.clerk.password, role::clerk, branch,
                          "fuzz clerk", now);
        tx->commit();

        // Real rows for the routes' parameters and the @NAME@ placeholders.
        placeholders_ = {
            {"@CODE@", first_text(conn, "SELECT code FROM reservations ORDER BY id", "ACDEFGHJ")},
            {"@TAG@", first_text(conn, "SELECT tag FROM units ORDER BY id", "GS-1")},
            {"@BRANCH@", first_text(conn, "SELECT code FROM branches ORDER BY id", "GS")},
            {"@TYPE@", first_text(conn, "SELECT code FROM machine_types ORDER BY id", "tractor")},
            {"@CATEGORY@", first_text(conn, "SELECT code FROM farmer_categories ORDER BY id", "x")},
            {"@PHONE@", first_text(conn, "SELECT phone FROM farmers ORDER BY id", "010-1234-5678")},
            {"@CLOSURE@", first_text(conn, "SELECT id FROM closures ORDER BY id", "1")},
            {"@DISCOUNT@", first_text(conn, "SELECT id FROM discounts ORDER BY id", "1")},
            {"@SEASON@", first_text(conn, "SELECT id FROM saturday_seasons ORDER BY id", "1")},
            {"@YEAR@", first_text(conn, "SELECT max(year) FROM known_years", "2026")},
            {"@DATE@", first_text(conn, "SELECT date FROM holiday_overrides", "2026-05-05")},
        };
    }
    m.catalog.reload(*m.db->begin(storage::access::read));
    m.services = std::make_unique<app::services>(app::services{*m.db,
                                                               m.catalog,
                                                               m.clk,
                                                               [&m] { return m.random(); },
                                                               m.stats,
                                                               database_dir() / "backups",
                                                               {}});
    // As server_app wires it, without the test clock (a production configuration).
    api::public_options pub;
    api::add_api_routes(m.router, *m.services, pub);
    pages::add_farmer_pages(m.router, *m.services);
    m.router.set_before([&m](http::context& ctx) {
        return http::make_access_filter(*m.services, *m.limiter, {false})(ctx);
    });
    m.router.set_observer([&m](std::string_view method, std::string_view route, int status,
                               std::chrono::microseconds latency) {
        m.stats.observe_request(method, route, status, latency);
    });

    for (const auto& route : m.router.routes()) {
        const std::string& pattern = route.second;
        std::string target = pattern;
        const auto put = [&target](std::string_view name, std::string_view value) {
            if (const auto at = target.find(name); at != std::string::npos) {
                target.replace(at, name.size(), value);
            }
        };
        const auto under = [&pattern](std::string_view a, std::string_view b) {
            return pattern.find(a) != std::string::npos || pattern.find(b) != std::string::npos;
        };
        if (under("/branches/", "/branches/")) {
            put("{code}", "@BRANCH@");
        } else if (under("/machine-types/", "/types/")) {
            put("{code}", "@TYPE@");
        } else if (under("/farmer-categories/", "/categories/")) {
            put("{code}", "@CATEGORY@");
        } else if (under("/closures/", "/closures/")) {
            put("{id}", "@CLOSURE@");
        } else if (under("/discounts/", "/discounts/")) {
            put("{id}", "@DISCOUNT@");
        } else if (under("/saturday-seasons/", "/seasons/")) {
            put("{id}", "@SEASON@");
        }
        put("{code}", "@CODE@");
        put("{tag}", "@TAG@");
        put("{phone}", "@PHONE@");
        put("{username}", "clerk-bb");
        put("{year}", "@YEAR@");
        put("{date}", "@DATE@");
        put("{id}", "1");
        routes_.emplace_back(route.first, fill(target));
    }
    refresh_sessions();
}

app_fixture::~app_fixture() {
    delete impl_;
}

std::string app_fixture::fill(std::string s) const {
    for (const auto& [name, value] : placeholders_) {
        for (auto at = s.find(name); at != std::string::npos; at = s.find(name, at)) {
            s.replace(at, name.size(), value);
            at += value.size();
        }
    }
    return s;
}

void app_fixture::refresh_sessions() {
    auto& m = *impl_;
    for (account* a : {&m.admin, &m.operator_, &m.clerk}) {
        if (!a->token.empty() && app::authenticate(*m.services, a->token)) {
            continue;
        }
        auto outcome = app::login(*m.services, a->username, a->password, "127.0.0.1");
        if (const auto* ok = std::get_if<app::login_outcome>(&outcome)) {
            a->token = ok->token;
            a->csrf = ok->session.csrf_token;
        } else {
            std::fprintf(stderr, "fuzz: could not log in as %s\n", a->username.c_str());
            a->token.clear();
        }
    }
}

void app_fixture::authenticate(http::request& req, who w, bool via_cookie) {
    auto& m = *impl_;
    const account* a = w == who::admin       ? &m.admin
                       : w == who::operator_ ? &m.operator_
                       : w == who::clerk     ? &m.clerk
                                             : nullptr;
    if (a == nullptr || a->token.empty()) {
        return;
    }
    if (via_cookie) {
        req.headers.push_back({"cookie", std::string{http::session_cookie} + "=" + a->token});
        req.headers.push_back({"x-csrf-token", a->csrf});
    } else {
        req.headers.push_back({"authorization", "Bearer " + a->token});
    }
}

http::response app_fixture::handle(const http::request& req) {
    auto& m = *impl_;
    // Sessions may have been ended by what the fuzzer sent (a logout, a user edit).
    if (++handled_ % 256 == 0) {
        refresh_sessions();
    }
    m.limiter.emplace();
    http::response res = m.router.handle(req);
    if (res.status < 100 || res.status >= 500) {
        fail(req, res, "status 5xx: bad input must get a 4xx");
    }
    const auto path = std::string_view{req.target}.substr(0, req.target.find('?'));
    if (res.status >= 400 && path.starts_with("/api/") &&
        res.header_value("content-type").starts_with("application/json") &&
        !is_api_error(res.body)) {
        fail(req, res, "an API error that is not API.md's JSON error");
    }
    return res;
}

http::request parse_request(std::string_view data, app_fixture& app) {
    http::request req;
    req.remote_address = client_address;
    const auto line_end = data.find('\n');
    std::string_view line = data.substr(0, line_end);
    data = line_end == std::string_view::npos ? std::string_view{} : data.substr(line_end + 1);
    const auto space = line.find(' ');
    req.method = std::string{line.substr(0, space)};
    req.target =
        space == std::string_view::npos ? "/" : app.fill(std::string{line.substr(space + 1)});
    while (!data.empty()) {
        const auto end = data.find('\n');
        line = data.substr(0, end);
        data = end == std::string_view::npos ? std::string_view{} : data.substr(end + 1);
        if (line.empty()) {
            break;
        }
        const auto colon = line.find(':');
        std::string name{line.substr(0, colon)};
        for (char& c : name) {
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        std::string_view value =
            colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') {
            value.remove_prefix(1);
        }
        if (name == "as") {
            const bool cookie = value.ends_with("-cookie");
            const auto role_name = value.substr(0, value.find('-'));
            app.authenticate(req,
                             role_name == "admin"      ? who::admin
                             : role_name == "operator" ? who::operator_
                             : role_name == "clerk"    ? who::clerk
                                                       : who::nobody,
                             cookie);
            continue;
        }
        req.headers.push_back({std::move(name), app.fill(std::string{value})});
    }
    req.body = app.fill(std::string{data});
    return req;
}

} // namespace agrirent::fuzz
