#include "server/app/config.hpp"

#include <cctype>
#include <fstream>
#include <iostream>
#include <thread>

#include <boost/program_options.hpp>

namespace agrirent::app {

namespace po = boost::program_options;

std::optional<config> parse_config(int argc, char** argv, int& exit_code) {
    config c;
    std::string config_file;
    // Request handlers mostly wait on SQLite (fsync) and argon2, not the CPU: more threads than
    // cores keep reads flowing while bookings commit one at a time.
    const unsigned default_threads = std::max(8U, 2 * std::thread::hardware_concurrency());
    po::options_description opts("agrirent-server options");
    opts.add_options()("help,h", "show this help")(
        "config", po::value(&config_file), "read options from this file (key = value lines)")(
        "bind", po::value(&c.bind)->default_value(c.bind), "address to listen on")(
        "port", po::value(&c.port)->default_value(c.port), "port to listen on (0 = any free port)")(
        "db", po::value<std::string>()->default_value(c.db.string()),
        "SQLite database file (created with its folder), or a PostgreSQL URI "
        "(postgresql://user@host:port/dbname?…, libpq's syntax)")(
        "demo", po::bool_switch(&c.demo), "load the demo data into an empty database")(
        "threads", po::value(&c.threads)->default_value(default_threads),
        "threads for reads (state changes get half as many more; one database connection each)")(
        "test-clock", po::bool_switch(&c.test_clock), "enable PUT /api/v1/test/clock (tests only)")(
        "log-level", po::value(&c.log_level)->default_value(c.log_level),
        "error, warn, info or debug")("trust-proxy", po::bool_switch(&c.trust_proxy),
                                      "trust X-Forwarded-For/-Proto from a reverse proxy")(
        "notify-log", po::value<std::string>()->default_value(c.notify_log.string()),
        "file the default sender appends farmer notifications to")(
        "notify-command", po::value(&c.notify_command),
        "program run for each notification (phone and text as arguments); non-zero exit = retry")(
        "admin-user", po::value(&c.admin_user), "create (or reset) this admin account at start")(
        "admin-password", po::value(&c.admin_password),
        "password for --admin-user (better: AGRIRENT_ADMIN_PASSWORD)")(
        "backup-dir", po::value<std::string>(),
        "folder of the admin backups (default: 'backups' beside the SQLite file; on PostgreSQL "
        "'backups' in the working directory)")(
        "pg-dump", po::value<std::string>(),
        "pg_dump program for backups on PostgreSQL (default: pg_dump on PATH)")(
        "pg-pool-size", po::value(&c.pg_pool_size)->default_value(c.pg_pool_size),
        "at most this many PostgreSQL connections for requests and background work (plus one "
        "for the data version); fewer if --threads needs fewer. Size it so that every server's "
        "pool + 1 fits in the database's max_connections (docs/deployment.md)");
    // Commands instead of serving: command line only (an AGRIRENT_* variable or a config file line
    // must never turn a server start into something else).
    po::options_description commands("commands (command line only; the server does not start)");
    commands.add_options()("backup-to", po::value<std::string>(),
                           "copy the database (online: a running server may keep writing) to this "
                           "new file, or into this folder (an existing one, or a name ending in "
                           "'/') as agrirent-YYYYMMDDTHHMMSSZ.db, then exit")(
        "migrate-only", po::bool_switch(&c.migrate_only),
        "create the database or bring its schema up to date, then exit (no demo data, no "
        "admin account)");
    po::options_description all;
    all.add(opts).add(commands);

    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, all), vm);
        // AGRIRENT_PORT=8081 → --port 8081; unknown AGRIRENT_* variables are ignored.
        po::store(po::parse_environment(
                      opts,
                      [&opts](const std::string& env) -> std::string {
                          const std::string prefix = "AGRIRENT_";
                          if (env.rfind(prefix, 0) != 0) {
                              return {};
                          }
                          std::string name = env.substr(prefix.size());
                          for (char& ch : name) {
                              ch = ch == '_' ? '-'
                                             : static_cast<char>(
                                                   std::tolower(static_cast<unsigned char>(ch)));
                          }
                          return opts.find_nothrow(name, false) != nullptr ? name : std::string{};
                      }),
                  vm);
        if (vm.count("config") != 0U) {
            std::ifstream in{vm["config"].as<std::string>()};
            if (!in) {
                std::cerr << "agrirent-server: cannot read config file "
                          << vm["config"].as<std::string>() << '\n';
                exit_code = 2;
                return std::nullopt;
            }
            po::store(po::parse_config_file(in, opts), vm);
        }
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "agrirent-server: " << e.what() << "\n\n" << all << '\n';
        exit_code = 2;
        return std::nullopt;
    }
    if (vm.count("help") != 0U) {
        std::cout << all << '\n';
        exit_code = 0;
        return std::nullopt;
    }
    c.db = vm["db"].as<std::string>();
    c.notify_log = vm["notify-log"].as<std::string>();
    if (vm.count("pg-dump") != 0U) {
        c.pg_dump = vm["pg-dump"].as<std::string>();
    }
    if (vm.count("backup-dir") != 0U) {
        c.backup_dir = vm["backup-dir"].as<std::string>();
    }
    if (vm.count("backup-to") != 0U) {
        c.backup_to = vm["backup-to"].as<std::string>();
        if (c.backup_to.empty()) {
            std::cerr << "agrirent-server: --backup-to needs a file name\n";
            exit_code = 2;
            return std::nullopt;
        }
    }
    if (c.migrate_only && !c.backup_to.empty()) {
        std::cerr << "agrirent-server: --migrate-only and --backup-to are two commands: give one\n";
        exit_code = 2;
        return std::nullopt;
    }
    if (c.threads == 0) {
        c.threads = 1;
    }
    if (c.pg_pool_size == 0) {
        std::cerr << "agrirent-server: --pg-pool-size must be at least 1\n";
        exit_code = 2;
        return std::nullopt;
    }
    if (c.log_level != "error" && c.log_level != "warn" && c.log_level != "info" &&
        c.log_level != "debug") {
        std::cerr << "agrirent-server: --log-level must be error, warn, info or debug\n";
        exit_code = 2;
        return std::nullopt;
    }
    return c;
}

} // namespace agrirent::app
