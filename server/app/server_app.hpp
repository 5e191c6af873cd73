#pragma once
// The running program: opens the database (migrations, demo data), builds the services and the
// router, starts background jobs and the socket layer. main() only parses options and runs it.
#include <memory>
#include <string>

#include "server/app/config.hpp"

namespace agrirent::app {

class server_app {
  public:
    explicit server_app(const config& cfg);
    ~server_app();
    server_app(const server_app&) = delete;
    server_app& operator=(const server_app&) = delete;

    /// "http://127.0.0.1:8080/" with the port actually bound.
    [[nodiscard]] std::string url() const;
    /// Serves until SIGINT/SIGTERM; then stops background jobs, finishes requests in flight.
    void run();

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// `agrirent-server --db LOCATION --migrate-only`: creates the database (or brings its schema up to
/// date) and exits without loading demo data or creating an account: an empty, current schema,
/// e.g. for scripts/sqlite-to-postgres.sh to copy into. Returns the exit code (0 ok, 1 failure).
int migrate_command(const config& cfg);

} // namespace agrirent::app
