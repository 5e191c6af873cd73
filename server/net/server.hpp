#pragma once
// The socket layer: an HTTP/1.1 server that turns bytes into http::request values, calls the
// application on a worker pool and writes the http::response back. Only server/net/*.cpp include
// Boost.Beast/Asio; this header does not (STYLE.md: keep Beast out of most translation units).
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "server/http/message.hpp"

namespace agrirent::net {

struct limits {
    std::size_t max_body = 64 * 1024;          // bigger → 413 body_too_large, then close
    std::size_t max_header = 8 * 1024;         // request line + headers; bigger → 431, close
    std::chrono::seconds idle_timeout{30};     // keep-alive connection waiting for a request
    std::chrono::seconds read_timeout{15};     // whole request, from its first byte (or accept)
    std::chrono::seconds write_timeout{30};    // writing one response
    std::chrono::seconds shutdown_timeout{10}; // in-flight requests get this long after stop()
    std::size_t max_connections = 10000;       // beyond: best-effort 503, then close
};

struct options {
    std::string bind = "127.0.0.1"; // IP address or host name
    unsigned short port = 8080;     // 0 = pick a free port (see server::port())
    unsigned io_threads = 1;        // threads running the sockets (0 counts as 1)
    unsigned worker_threads = 4;    // threads running the handler, which may block (0 counts as 1)
    /// If > 0: requests that may change state (any method but GET, HEAD, OPTIONS) run on a pool
    /// of their own this size, so reads never queue behind writers waiting for the database's
    /// write lock. 0: one pool for everything.
    unsigned write_worker_threads = 0;
    bool handle_signals = true; // stop on SIGINT/SIGTERM (caught from construction on)
    limits lim;
};

/// Serves one handler on one port. Construction binds and listens (throws std::runtime_error when
/// it cannot, e.g. the port is in use); run() serves until stop() or a signal.
///
/// The handler sees every request, HEAD included: it may answer HEAD like GET, the body is
/// dropped here and Content-Length still tells its size. Content-Length, Connection and
/// Transfer-Encoding headers set by the handler are ignored (this layer sets them); a handler that
/// throws yields 500 `internal`.
class server {
  public:
    server(options opts, http::handler app);
    ~server(); // call after run() has returned (or when it was never called)
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// The port actually bound (useful with port 0).
    [[nodiscard]] unsigned short port() const noexcept;

    /// Serves on the calling thread plus io_threads - 1 more; returns once stopped and every
    /// request in flight has been answered (or limits::shutdown_timeout has passed). Call once.
    void run();

    /// Stops accepting, closes idle connections, lets requests in flight finish. Thread-safe; may
    /// be called before run(), from a handler, or more than once.
    void stop();

    /// Connections currently open (for metrics).
    [[nodiscard]] long open_connections() const noexcept;

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace agrirent::net
