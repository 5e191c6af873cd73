#include "server/app/server_app.hpp"

#include <sodium.h>

#include "server/api/routes.hpp"
#include "server/app/catalog.hpp"
#include "server/app/clock.hpp"
#include "server/app/demo.hpp"
#include "server/app/log.hpp"
#include "server/app/metrics.hpp"
#include "server/app/services.hpp"
#include "server/http/router.hpp"
#include "server/net/server.hpp"
#include "server/storage/schema.hpp"
#include "server/storage/sqlite.hpp"

namespace agrirent::app {

namespace {

std::unique_ptr<db::pool> open_database(const config& cfg, const clock& clk) {
    {
        // Migrate (and seed) on one connection before the pool opens the rest.
        db::connection conn{cfg.db};
        db::migrate(conn, storage::migrations());
        if (cfg.demo && database_is_empty(conn)) {
            load_demo(conn, clk.now());
            log::info("loaded the demo data into " + cfg.db.string());
        }
    }
    return std::make_unique<db::pool>(cfg.db, cfg.threads);
}

} // namespace

struct server_app::impl {
    config cfg;
    app::clock clk;
    app::metrics stats;
    catalog_cache catalog;
    std::unique_ptr<db::pool> db;
    std::unique_ptr<app::services> services;
    http::router router;
    std::unique_ptr<net::server> net;

    explicit impl(const config& c) : cfg(c) {
        log::set_level(cfg.log_level);
        db = open_database(cfg, clk);
        {
            auto lease = db->acquire();
            catalog.reload(*lease);
        }
        services = std::make_unique<app::services>(
            app::services{*db, catalog, clk, [] { return randombytes_random(); }, stats});

        api::public_options pub;
        pub.test_clock = cfg.test_clock;
        api::add_public_routes(router, *services, pub);
        router.set_observer([this](std::string_view method, std::string_view route, int status,
                                   std::chrono::microseconds latency) {
            stats.observe_request(method, route, status, latency);
        });

        net::options opts;
        opts.bind = cfg.bind;
        opts.port = cfg.port;
        opts.worker_threads = cfg.threads;
        opts.io_threads = 1;
        net = std::make_unique<net::server>(
            opts, [this](const http::request& req) { return router.handle(req); });
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
    log::info("stopped; closing the database");
}

} // namespace agrirent::app
