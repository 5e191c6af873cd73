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

} // namespace agrirent::app
