// The socket layer (STYLE.md: socket code knows nothing of routes). One coroutine per connection
// reads a request with Beast, converts it to http::request, runs the application on the worker
// pool (it may block on SQLite or password hashing), and writes the http::response back on the
// connection's strand. Limits, timeouts and graceful shutdown live here and nowhere else.
#include "server/net/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cstdint>
#include <exception>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "server/net/raw_header.hpp"

namespace agrirent::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

// After an error response the client may still be sending (a body we refused to read). Closing
// with unread input resets the connection and can destroy the response before the client reads
// it, so keep reading and discarding for a moment first (RFC 9112 §9.6, "lingering close").
constexpr auto linger_timeout = std::chrono::seconds{2};
// While shutting down, how often to check whether the last connection has gone.
constexpr auto drain_poll_interval = std::chrono::milliseconds{50};
// A retry delay when accept() fails (e.g. out of file descriptors), instead of spinning.
constexpr auto accept_retry_delay = std::chrono::milliseconds{100};
constexpr std::size_t first_read_size = 16 * 1024;

http::response error_response(int status, std::string_view code, std::string_view message) {
    http::response res;
    res.status = status;
    res.set_header("content-type", "application/json");
    res.body.append(R"({"error":{"code":")")
        .append(code)
        .append(R"(","message":")")
        .append(message)
        .append(R"(","details":{}}})");
    return res;
}

http::response internal_error() {
    return error_response(500, "internal", "Internal server error");
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return out;
}

// The path without the query string, for logs: queries carry phone numbers (API.md).
std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

/// Runs the application, turning an exception into 500 `internal` (logged; the server goes on).
http::response call_app(const http::handler& app, const http::request& req) noexcept {
    try {
        return app(req);
    } catch (const std::exception& e) {
        std::cerr << "agrirent: handler failed on " << req.method << ' ' << path_of(req.target)
                  << ": " << e.what() << '\n';
    } catch (...) {
        std::cerr << "agrirent: handler failed on " << req.method << ' ' << path_of(req.target)
                  << ": unknown exception\n";
    }
    try {
        return internal_error();
    } catch (...) {
        return {}; // out of memory: an empty 200 is all we can do
    }
}

/// Runs the application on `pool` and completes on the caller's executor (the connection's
/// strand), so the blocking call never occupies a network thread. The pending work keeps the
/// caller's io_context running until the response is back.
template <class CompletionToken>
auto async_call_app(asio::thread_pool& pool, const http::handler& app, const http::request& req,
                    CompletionToken&& token) {
    return asio::async_initiate<CompletionToken, void(http::response)>(
        [&pool, &app, &req](auto done) {
            auto home = asio::prefer(asio::get_associated_executor(done),
                                     asio::execution::outstanding_work.tracked);
            asio::post(
                pool, [&app, &req, done = std::move(done), home = std::move(home)]() mutable {
                    http::response res = call_app(app, req);
                    asio::post(home, [done = std::move(done), res = std::move(res)]() mutable {
                        std::move(done)(std::move(res));
                    });
                });
        },
        token);
}

using beast_request = bhttp::request<bhttp::string_body>;
using beast_response = bhttp::response<bhttp::string_body>;

http::request to_request(beast_request&& in, const std::string& remote_address) {
    http::request out;
    out.method = std::string(in.method_string());
    out.target = std::string(in.target());
    for (const auto& field : in) {
        out.headers.push_back({lower(field.name_string()), std::string(field.value())});
    }
    out.body = std::move(in.body());
    out.remote_address = remote_address;
    return out;
}

beast_response to_beast(http::response&& in, unsigned version, bool keep_alive, bool head) {
    if (in.status < 200 || in.status > 999) {
        std::cerr << "agrirent: handler returned invalid status " << in.status << '\n';
        in = internal_error();
    }
    const auto status = static_cast<unsigned>(in.status);
    beast_response out{static_cast<bhttp::status>(status), version};
    for (const auto& h : in.headers) {
        // Framing is ours to decide; a handler's copy could only contradict it.
        if (beast::iequals(h.name, "content-length") ||
            beast::iequals(h.name, "transfer-encoding") || beast::iequals(h.name, "connection")) {
            continue;
        }
        out.insert(h.name, h.value);
    }
    if (out.find(bhttp::field::server) == out.end()) {
        out.set(bhttp::field::server, "agrirent");
    }
    if (status != 204 && status != 304) { // these carry no body (RFC 9110 §15.3.5, §15.4.5)
        out.body() = std::move(in.body);
    }
    out.keep_alive(keep_alive);
    out.prepare_payload(); // Content-Length of the body, also for HEAD
    if (head) {
        out.body().clear();
    }
    return out;
}

std::string_view as_view(const beast::flat_buffer& buffer) {
    const auto data = buffer.data();
    return {static_cast<const char*>(data.data()), data.size()};
}

/// True when Beast's parser would already refuse `bytes`, the start of a header block that has not
/// ended yet. Beast parses the start line and each complete field line as soon as it has them (it
/// waits for CRLF CRLF only after a first incomplete attempt), so garbage such as a TLS client
/// hello is a 400 at once; reading up to the end of the block for the obs-fold check must not
/// turn that into a wait for the read timeout.
bool parser_rejects(std::string_view bytes, std::size_t header_limit) {
    bhttp::request_parser<bhttp::empty_body> probe;
    probe.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(header_limit, std::numeric_limits<std::uint32_t>::max())));
    error_code ec;
    probe.put(asio::buffer(bytes.data(), bytes.size()), ec);
    return ec && ec != bhttp::error::need_more;
}

/// Whether the obs-fold check must read more of a header block before the parser runs: it has not
/// ended, is within the limit, and neither a fold nor anything else Beast refuses is in it yet.
bool worth_reading_on(std::string_view bytes, std::size_t max_header) {
    return header_block_end(bytes) == std::string_view::npos && bytes.size() <= max_header &&
           !has_obs_fold(bytes) && !parser_rejects(bytes, max_header);
}

/// Reads until `buffer` holds a whole header block, or worth_reading_on says stop. The error that
/// ended reading early, as Beast would report the same end: a request cut off by EOF is
/// partial_message (400); a timeout, reset or shutdown closes without an answer. (Not by reading
/// again after EOF: asio may then wait for a readiness event that never comes.)
asio::awaitable<error_code> read_header_block(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                              std::size_t max_header) {
    error_code ec;
    while (worth_reading_on(as_view(buffer), max_header)) {
        const std::size_t n = co_await stream.async_read_some(
            buffer.prepare(first_read_size), asio::redirect_error(asio::use_awaitable, ec));
        buffer.commit(n);
        if (ec == asio::error::eof) {
            co_return bhttp::error::partial_message;
        }
        if (ec) {
            co_return ec;
        }
    }
    co_return ec;
}

/// What to answer when reading a request failed, or nothing when the connection just went away.
std::optional<http::response> refusal_for(const error_code& ec, bool header_done) {
    if (ec == bhttp::error::header_limit || (ec == bhttp::error::buffer_overflow && !header_done)) {
        return error_response(431, "header_too_large", "Request headers too large");
    }
    if (ec == bhttp::error::body_limit || ec == bhttp::error::buffer_overflow) {
        return error_response(413, "body_too_large", "Request body too large");
    }
    if (ec == bhttp::error::end_of_stream) {
        return std::nullopt; // closed between requests
    }
    if (ec.category() == make_error_code(bhttp::error::bad_method).category()) {
        // Malformed, or cut off (partial_message): a client that only half-closed still reads.
        return error_response(400, "bad_request", "Malformed HTTP request");
    }
    return std::nullopt; // timeout, reset, cancelled by shutdown
}

void log_failure(std::exception_ptr e) {
    if (!e) {
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        std::cerr << "agrirent: connection task failed: " << ex.what() << '\n';
    } catch (...) {
        std::cerr << "agrirent: connection task failed\n";
    }
}

/// Best effort, never blocks: the connection limit is reached, say so and hang up.
void refuse_busy(tcp::socket& socket) {
    static const std::string busy = [] {
        const std::string body = R"({"error":{"code":"unavailable",)"
                                 R"("message":"Too many connections","details":{}}})";
        return "HTTP/1.1 503 Service Unavailable\r\nServer: agrirent\r\n"
               "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(asio::buffer(busy), ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
}

tcp::endpoint resolve_bind(asio::io_context& ioc, const std::string& host, unsigned short port) {
    error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (!ec) {
        return {address, port};
    }
    tcp::resolver resolver(ioc);
    const auto results = resolver.resolve(
        host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) +
                                 ": cannot resolve address" + (ec ? ": " + ec.message() : ""));
    }
    return results.begin()->endpoint();
}

std::string peer_address(const tcp::socket& socket) {
    error_code ec;
    auto address = socket.remote_endpoint(ec).address();
    if (ec) {
        return {};
    }
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
    }
    return address.to_string();
}

} // namespace

struct server::impl {
    // What a connection is doing; only read and written on the connection's strand.
    enum class phase { idle, reading, busy };

    struct connection {
        explicit connection(tcp::socket socket)
            : remote_address(peer_address(socket)), stream(std::move(socket)) {}
        std::string remote_address;
        beast::tcp_stream stream;
        phase state = phase::idle;
    };

    /// Keeps a connection listed (for shutdown) and counted (for metrics). A coroutine parameter,
    /// so it is released even when the coroutine is destroyed before it started.
    class registration {
      public:
        registration(impl& owner, std::shared_ptr<connection> c)
            : owner_(&owner), c_(std::move(c)) {
            const std::lock_guard lock(owner_->mutex);
            owner_->connections.insert(c_);
            ++owner_->open;
        }
        registration(registration&& other) noexcept
            : owner_(other.owner_), c_(std::move(other.c_)) {}
        registration(const registration&) = delete;
        registration& operator=(const registration&) = delete;
        registration& operator=(registration&&) = delete;
        ~registration() {
            if (c_) {
                const std::lock_guard lock(owner_->mutex);
                owner_->connections.erase(c_);
                --owner_->open;
            }
        }
        [[nodiscard]] connection& conn() const noexcept { return *c_; }

      private:
        impl* owner_;
        std::shared_ptr<connection> c_;
    };

    impl(options o, http::handler a)
        : opts(std::move(o)), app(std::move(a)),
          ioc(static_cast<int>(std::max(1U, opts.io_threads))), control(asio::make_strand(ioc)),
          acceptor(control), signals(control), drain_timer(control),
          workers(std::max(1U, opts.worker_threads)),
          writers(std::max(1U, opts.write_worker_threads)) {
        if (!app) {
            throw std::invalid_argument("agrirent::net::server: no handler");
        }
        const tcp::endpoint endpoint = resolve_bind(ioc, opts.bind, opts.port);
        const auto fail = [&](const error_code& ec) {
            return std::runtime_error("cannot listen on " + opts.bind + ":" +
                                      std::to_string(opts.port) + ": " + ec.message());
        };
        error_code ec;
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) {
            acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
        }
        if (!ec) {
            acceptor.bind(endpoint, ec);
        }
        if (!ec) {
            acceptor.listen(asio::socket_base::max_listen_connections, ec);
        }
        if (ec) {
            throw fail(ec);
        }
        bound_port = acceptor.local_endpoint().port();
    }

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> session(registration reg);
    asio::awaitable<void> linger_close(connection& c);
    void begin_shutdown();
    void poll_drain();

    options opts;
    http::handler app;
    unsigned short bound_port = 0;
    std::atomic<bool> stopping{false};
    std::atomic<long> open{0};
    std::mutex mutex;
    std::unordered_set<std::shared_ptr<connection>> connections; // guarded by mutex

    // Declared after everything a connection's coroutine touches: when run() gave up on a
    // shutdown, destroying the io_context destroys those coroutines, and they unregister.
    asio::io_context ioc;
    asio::strand<asio::io_context::executor_type> control; // acceptor, signals, shutdown
    tcp::acceptor acceptor;
    asio::signal_set signals;
    asio::steady_timer drain_timer;
    std::chrono::steady_clock::time_point drain_deadline;
    bool shutting_down = false; // on `control`
    // Last, so they are joined first: a handler still running may post its result to `ioc`.
    asio::thread_pool workers;
    asio::thread_pool writers; // state-changing requests, when opts.write_worker_threads > 0

    asio::thread_pool& pool_for(std::string_view method) {
        const bool reads = method == "GET" || method == "HEAD" || method == "OPTIONS";
        return opts.write_worker_threads > 0 && !reads ? writers : workers;
    }
};

asio::awaitable<void> server::impl::accept_loop() {
    while (!stopping) {
        error_code ec;
        tcp::socket socket = co_await acceptor.async_accept(
            asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || stopping) {
            break;
        }
        if (ec) {
            std::cerr << "agrirent: accept failed: " << ec.message() << '\n';
            asio::steady_timer delay(control, accept_retry_delay);
            co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        if (open.load() >= static_cast<long>(opts.lim.max_connections)) {
            refuse_busy(socket);
            continue;
        }
        auto c = std::make_shared<connection>(std::move(socket));
        const auto executor = c->stream.get_executor();
        asio::co_spawn(executor, session(registration(*this, std::move(c))), log_failure);
    }
    error_code ignored;
    acceptor.close(ignored);
}

asio::awaitable<void> server::impl::session(registration reg) {
    connection& c = reg.conn();
    beast::tcp_stream& stream = c.stream;
    const limits& lim = opts.lim;
    beast::flat_buffer buffer;
    error_code ec;

    for (bool first = true; !stopping; first = false) {
        // Wait for the first byte of a request: idle, so shutdown may cancel this. A new
        // connection must deliver its whole first request within read_timeout.
        c.state = phase::idle;
        stream.expires_after(first ? lim.read_timeout : lim.idle_timeout);
        if (buffer.size() == 0) {
            const std::size_t n = co_await stream.async_read_some(
                buffer.prepare(first_read_size), asio::redirect_error(asio::use_awaitable, ec));
            buffer.commit(n);
            if (ec) {
                break; // timeout, closed, or cancelled by shutdown
            }
        }

        c.state = phase::reading;
        if (!first) {
            stream.expires_after(lim.read_timeout);
        }
        // RFC 9112 §5.2: obsolete line folding is refused, but Beast unfolds it silently, so
        // look at the raw header block first. Reading up to its end changes no limit or timeout:
        // Beast waits for it too, except that it refuses a malformed start or field line at once,
        // and so does this loop (parser_rejects).
        ec = co_await read_header_block(stream, buffer, lim.max_header);
        std::optional<http::response> refusal;
        if (const auto view = as_view(buffer);
            !ec && has_obs_fold(view.substr(0, header_block_end(view)))) {
            refusal = error_response(400, "bad_request", "Obsolete line folding in a header");
        }

        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(
            std::min<std::size_t>(lim.max_header, std::numeric_limits<std::uint32_t>::max())));
        parser.body_limit(static_cast<std::uint64_t>(lim.max_body)); // also checks Content-Length
        if (!ec && !refusal) {
            co_await bhttp::async_read_header(stream, buffer, parser,
                                              asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec && !refusal && beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_,
                                                     parser.get().version()};
            co_await bhttp::async_write(stream, go_on,
                                        asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec && !refusal) {
            co_await bhttp::async_read(stream, buffer, parser,
                                       asio::redirect_error(asio::use_awaitable, ec));
        }
        // RFC 9112 §3.2: an HTTP/1.1 request without exactly one Host field is a 400.
        if (!ec && !refusal && parser.get().version() >= 11 &&
            parser.get().count(bhttp::field::host) != 1) {
            refusal = error_response(400, "bad_request",
                                     "An HTTP/1.1 request needs exactly one Host header");
        }
        c.state = phase::busy;
        if (ec && !refusal) {
            refusal = refusal_for(ec, parser.is_header_done());
        }
        if (ec || refusal) {
            if (refusal) {
                beast_response out = to_beast(std::move(*refusal), 11, false, false);
                stream.expires_after(lim.write_timeout);
                co_await bhttp::async_write(stream, out,
                                            asio::redirect_error(asio::use_awaitable, ec));
                if (!ec) {
                    co_await linger_close(c);
                }
            }
            break;
        }

        const unsigned version = parser.get().version();
        const bool client_keep_alive = parser.get().keep_alive();
        const http::request req = to_request(parser.release(), c.remote_address);
        const bool head = req.method == "HEAD";

        stream.expires_never(); // the handler may take its time; only the write is bounded
        http::response res =
            co_await async_call_app(pool_for(req.method), app, req, asio::use_awaitable);

        const bool keep_alive = client_keep_alive && !res.close && !stopping;
        beast_response out = to_beast(std::move(res), version, keep_alive, head);
        stream.expires_after(lim.write_timeout);
        co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !keep_alive) {
            break;
        }
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.close();
}

asio::awaitable<void> server::impl::linger_close(connection& c) {
    error_code ec;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c.stream.expires_after(linger_timeout);
    std::array<char, 4096> sink{};
    while (!ec) {
        co_await c.stream.async_read_some(asio::buffer(sink),
                                          asio::redirect_error(asio::use_awaitable, ec));
    }
}

// On `control`. Stop accepting, cancel connections waiting for a request, then wait for the
// others to answer what they are working on (they close after it) for at most shutdown_timeout.
void server::impl::begin_shutdown() {
    if (shutting_down) {
        return;
    }
    shutting_down = true;
    error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);

    std::vector<std::shared_ptr<connection>> live;
    {
        const std::lock_guard lock(mutex);
        live.assign(connections.begin(), connections.end());
    }
    for (auto& c : live) {
        const auto executor = c->stream.get_executor();
        asio::post(executor, [c = std::move(c)] {
            if (c->state == phase::idle) {
                c->stream.cancel();
            }
        });
    }
    drain_deadline = std::chrono::steady_clock::now() + opts.lim.shutdown_timeout;
    poll_drain();
}

void server::impl::poll_drain() {
    std::size_t left = 0;
    {
        const std::lock_guard lock(mutex);
        left = connections.size();
    }
    if (left == 0) {
        return;
    }
    if (std::chrono::steady_clock::now() >= drain_deadline) {
        std::cerr << "agrirent: shutdown timeout, dropping " << left << " connection(s)\n";
        ioc.stop();
        return;
    }
    drain_timer.expires_after(drain_poll_interval);
    drain_timer.async_wait([this](const error_code& ec) {
        if (!ec) {
            poll_drain();
        }
    });
}

server::server(options opts, http::handler app)
    : impl_(std::make_unique<impl>(std::move(opts), std::move(app))) {
    // Caught from now on, not only once run() starts: the caller announces the port before it
    // calls run(), and a SIGTERM right after that must still be a clean stop (final checkpoint).
    // A signal that arrives before run() waits in the signal_set until run() dispatches it.
    impl& s = *impl_;
    if (s.opts.handle_signals) {
        s.signals.add(SIGINT);
        s.signals.add(SIGTERM);
        s.signals.async_wait([this](const error_code& ec, int) {
            if (!ec) {
                stop();
            }
        });
    }
}

server::~server() = default;

unsigned short server::port() const noexcept {
    return impl_->bound_port;
}

long server::open_connections() const noexcept {
    return impl_->open.load();
}

void server::stop() {
    impl_->stopping = true;
    asio::post(impl_->control, [s = impl_.get()] { s->begin_shutdown(); });
}

void server::run() {
    impl& s = *impl_;
    asio::co_spawn(s.control, s.accept_loop(), log_failure);

    const auto run_io = [&s] {
        for (;;) {
            try {
                s.ioc.run();
                return;
            } catch (const std::exception& e) {
                std::cerr << "agrirent: network thread: " << e.what() << '\n';
            }
        }
    };
    std::vector<std::jthread> more;
    for (unsigned i = 1; i < s.opts.io_threads; ++i) {
        more.emplace_back(run_io);
    }
    run_io();
}

} // namespace agrirent::net
