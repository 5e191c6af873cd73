// agrirent-server: wires configuration, storage, the domain services, the router and the socket
// layer together, then serves until SIGINT/SIGTERM.
#include <cstdio>
#include <exception>
#include <iostream>

#include <sodium.h>

#include "server/app/backups.hpp"
#include "server/app/config.hpp"
#include "server/app/server_app.hpp"

int main(int argc, char** argv) {
    int exit_code = 0;
    const auto cfg = agrirent::app::parse_config(argc, argv, exit_code);
    if (!cfg) {
        return exit_code;
    }
    if (!cfg->backup_to.empty()) {
        return agrirent::app::backup_command(*cfg);
    }
    if (cfg->migrate_only) {
        return agrirent::app::migrate_command(*cfg);
    }
    if (sodium_init() < 0) {
        std::cerr << "agrirent-server: libsodium failed to initialise\n";
        return 1;
    }
    try {
        agrirent::app::server_app app{*cfg};
        // The one line a caller (scripts/run.sh, tests) reads to find the server.
        std::printf("agrirent listening on %s\n", app.url().c_str());
        std::fflush(stdout);
        app.run();
    } catch (const std::exception& e) {
        std::cerr << "agrirent-server: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
