#include "server/app/server_app.hpp"

#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include <sodium.h>

#include "server/api/routes.hpp"
#include "server/app/admin_fee_bands.hpp"
#include "server/app/auth.hpp"
#include "server/app/backups.hpp"
#include "server/app/catalog.hpp"
#include "server/app/clock.hpp"
#include "server/app/demo.hpp"
#include "server/app/jobs.hpp"
#include "server/app/log.hpp"
#include "server/app/metrics.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/app/services.hpp"
#include "server/http/access.hpp"
#include "server/http/compress.hpp"
#include "server/http/router.hpp"
#include "server/net/server.hpp"
#include "server/pages/page_support.hpp"
#include "server/pages/routes.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {

namespace {

// State-changing requests run on a pool of their own (net::options::write_worker_threads): a
// booking waiting for the write lock never delays a read. Writers mostly wait for the disk, and
// bookings that wait together are committed together (storage::database::write_grouped), so this
// pool is larger than the readers': 16 bookings can share one fsync.
unsigned write_threads(const config& cfg) {
    return std::max(16U, cfg.threads * 2);
}

std::unique_ptr<storage::database> open_database(const config& cfg, const clock& clk) {
    storage::open_settings settings;
    // One connection for every worker that may use the database at once: readers and writers;
    // on PostgreSQL at most --pg-pool-size (its max_connections is shared by every server: a
    // request waits for a free connection rather than being refused by the database).
    settings.connections = cfg.threads + write_threads(cfg);
    if (storage::is_server_location(cfg.db.string())) {
        settings.connections = std::min<std::size_t>(settings.connections, cfg.pg_pool_size);
    }
    settings.dump_program = cfg.pg_dump;
    auto db = storage::open_database(cfg.db.string(), settings);
    if (cfg.demo && database_is_empty(*db)) {
        load_demo(*db, clk.now());
        log::info("loaded the demo data into " + storage::printable_location(cfg.db.string()));
    }
    app::admin::ensure_fee_bands(*db); // DOMAIN.md §17: the shipped table, once
    return db;
}

// Issue 4: the first admin comes from --admin-user/--admin-password, or is created on the first
// start of an empty database with a random password printed once.
void ensure_admin(const config& cfg, storage::database& db, const clock& clk) {
    if (!cfg.admin_user.empty()) {
        if (!acceptable_password(cfg.admin_password)) {
            throw std::runtime_error("--admin-password must be 10 to 128 characters");
        }
        const auto tx = db.begin(storage::access::write);
        storage::repositories& conn = *tx;
        if (auto existing = conn.staff().find_staff(cfg.admin_user)) {
            existing->password_hash = hash_password(cfg.admin_password);
            existing->who = role::admin;
            existing->branch_id.reset();
            existing->active = true;
            conn.staff().update_staff(*existing);
            conn.staff().delete_sessions_of(existing->id);
        } else {
            create_staff(conn, cfg.admin_user, cfg.admin_password, role::admin, std::nullopt,
                         "Administrator", clk.now());
        }
        tx->commit();
        log::info("admin account '" + cfg.admin_user + "' is ready");
        return;
    }
    const auto tx = db.begin(storage::access::write);
    if (tx->staff().count_staff() > 0) {
        return;
    }
    const std::string password = random_token(12);
    create_staff(*tx, "admin", password, role::admin, std::nullopt, "Administrator", clk.now());
    tx->commit();
    std::printf("first start: created the admin account 'admin' with password %s "
                "(shown once; change it after logging in)\n",
                password.c_str());
}

} // namespace

int migrate_command(const config& cfg) {
    try {
        storage::open_settings settings;
        settings.connections = 1;
        settings.migrate = true;
        // No data (not even the fee bands, which the first start copies in): the empty target
        // scripts/sqlite-to-postgres.sh copies an office into.
        const auto db = storage::open_database(cfg.db.string(), settings);
        std::cout << "agrirent-server: the schema of "
                  << storage::printable_location(cfg.db.string()) << " is up to date\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "agrirent-server: " << e.what() << '\n';
        return 1;
    }
}

// DOMAIN.md §14: verification codes go to the phone at once through a sender of their own (the
// same kind as the outbox's), never through the outbox, which keeps bodies. A sender is made for
// one thread at a time: requests take turns.
static std::function<std::optional<std::string>(const storage::outbox_message&)>
immediate_sender(const config& cfg, app::clock& clk) {
    struct shared {
        std::mutex turn;
        std::unique_ptr<sender> out;
    };
    auto state = std::make_shared<shared>();
    state->out = make_sender(cfg, [&clk] { return clk.now(); });
    return [state](const storage::outbox_message& m) {
        const std::lock_guard lock{state->turn};
        return state->out->deliver(m);
    };
}

struct server_app::impl {
    config cfg;
    app::clock clk;
    app::metrics stats;
    catalog_cache catalog;
    std::unique_ptr<storage::database> db;
    std::unique_ptr<app::services> services;
    http::router router;
    std::optional<rate_limiter> limiter; // counts in the database when it is shared
    std::unique_ptr<jobs> background;    // before net: stopped after the last request, before db
    std::unique_ptr<net::server> net;

    explicit impl(const config& c) : cfg(c) {
        log::set_level(cfg.log_level);
        db = open_database(cfg, clk);
        ensure_admin(cfg, *db, clk);
        // Read before the load: a change committed in between moves it, and the watcher reloads.
        const auto catalog_version = db->catalog_version();
        catalog.reload(*db->begin(storage::access::read));
        services = std::make_unique<app::services>(
            app::services{*db, catalog, clk, [] { return randombytes_random(); }, stats,
                          backup_dir_of(cfg), immediate_sender(cfg, clk)});

        api::public_options pub;
        pub.test_clock = cfg.test_clock;
        pub.on_clock_set = [this] { background->on_clock_set(); };
        api::add_api_routes(router, *services, pub);
        pages::add_farmer_pages(router, *services);
        limiter.emplace(*db);
        router.set_before(http::make_access_filter(*services, *limiter,
                                                   {cfg.trust_proxy, pages::csrf_refused_page}));
        router.set_observer([this](std::string_view method, std::string_view route, int status,
                                   std::chrono::microseconds latency) {
            stats.observe_request(method, route, status, latency);
        });

        jobs_options background_opts;
        background_opts.watch_catalog = storage::is_server_location(cfg.db.string());
        background_opts.catalog_loaded_at = catalog_version;
        background = std::make_unique<jobs>(
            *services, make_sender(cfg, [this] { return clk.now(); }), background_opts);
        background->start(); // sweeps once before the server answers

        net::options opts;
        opts.bind = cfg.bind;
        opts.port = cfg.port;
        opts.worker_threads = cfg.threads;
        opts.write_worker_threads = write_threads(cfg);
        opts.io_threads = 1;
        net = std::make_unique<net::server>(opts, [this](const http::request& req) {
            auto res = router.handle(req);
            http::compress_response(req, res);
            return res;
        });
        stats.set_connections_source([this] { return net->open_connections(); });
    }
};

server_app::server_app(const config& cfg) : impl_(std::make_unique<impl>(cfg)) {}
server_app::~server_app() = default;

std::string server_app::url() const {
    const std::string host = impl_->cfg.bind == "0.0.0.0" ? "127.0.0.1" : impl_->cfg.bind;
    return "http://" + host + ":" + std::to_string(impl_->net->port()) + "/";
}

void server_app::run() {
    impl_->net->run();
    impl_->background->stop();
    log::info("stopped; closing the database");
}

} // namespace agrirent::app
