#include "server/app/notify_sender.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>
#include <vector>

#include "common/time.hpp"
#include "server/app/config.hpp"

extern char** environ; // NOLINT: POSIX

namespace agrirent::app {
namespace {

// One line per message: tabs and line breaks inside the text would split it.
std::string one_line(std::string_view text) {
    std::string out{text};
    for (char& c : out) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return out;
}

std::string errno_text(int err) {
    return std::error_code{err, std::generic_category()}.message();
}

// Owns a file descriptor.
class fd_guard {
  public:
    explicit fd_guard(int fd = -1) noexcept : fd_(fd) {}
    fd_guard(const fd_guard&) = delete;
    fd_guard& operator=(const fd_guard&) = delete;
    ~fd_guard() { reset(); }
    [[nodiscard]] int get() const noexcept { return fd_; }
    void reset() noexcept {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }

  private:
    int fd_;
};

// posix_spawn's attribute and file-action objects, destroyed on every path.
struct spawn_setup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attr{};
    spawn_setup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
    }
    spawn_setup(const spawn_setup&) = delete;
    spawn_setup& operator=(const spawn_setup&) = delete;
    ~spawn_setup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
};

constexpr std::size_t max_error_text = 300;

} // namespace

file_sender::file_sender(std::filesystem::path file, std::function<sys_seconds()> now)
    : file_(std::move(file)), now_(std::move(now)) {}

std::optional<std::string> file_sender::deliver(const storage::outbox_message& m) {
    std::error_code ec;
    if (file_.has_parent_path()) {
        std::filesystem::create_directories(file_.parent_path(), ec);
        if (ec) {
            return "cannot create " + file_.parent_path().string() + ": " + ec.message();
        }
    }
    // DOMAIN.md §1: every office is in Asia/Seoul, so the log is on KST.
    static const auto* seoul = date::locate_zone("Asia/Seoul");
    const std::string line = format_instant(seoul, now_()) + '\t' + one_line(m.phone) + '\t' +
                             one_line(m.kind) + '\t' + one_line(m.body) + '\n';
    const fd_guard fd{::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)};
    if (fd.get() < 0) {
        return "cannot open " + file_.string() + ": " + errno_text(errno);
    }
    // One write(2) of the whole line with O_APPEND: lines from concurrent writers never mix.
    std::string_view rest = line;
    while (!rest.empty()) {
        const auto n = ::write(fd.get(), rest.data(), rest.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return "cannot write " + file_.string() + ": " + errno_text(errno);
        }
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    return std::nullopt;
}

command_sender::command_sender(std::string program, std::chrono::milliseconds timeout)
    : program_(std::move(program)), timeout_(timeout) {}

std::optional<std::string> command_sender::deliver(const storage::outbox_message& m) {
    int err_pipe[2];
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        return "pipe: " + errno_text(errno);
    }
    fd_guard err_read{err_pipe[0]};
    fd_guard err_write{err_pipe[1]};
    ::fcntl(err_read.get(), F_SETFL, O_NONBLOCK);

    spawn_setup setup;
    posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&setup.actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&setup.actions, err_write.get(), STDERR_FILENO);
    // Database files, sockets and the listener stay with the server.
    posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);
    // Its own process group (a timeout kills it with its children), an empty signal mask and
    // default dispositions (the server ignores SIGPIPE; a child must not inherit that).
    sigset_t none;
    sigemptyset(&none);
    sigset_t all;
    sigfillset(&all);
    posix_spawnattr_setsigmask(&setup.attr, &none);
    posix_spawnattr_setsigdefault(&setup.attr, &all);
    posix_spawnattr_setpgroup(&setup.attr, 0);
    posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                              POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> env_strings{"AGRIRENT_MESSAGE_KIND=" + m.kind,
                                         "AGRIRENT_MESSAGE_ID=" + std::to_string(m.id)};
    std::vector<char*> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        if (std::strncmp(*e, "AGRIRENT_MESSAGE_", 17) != 0) {
            env.push_back(*e);
        }
    }
    for (auto& e : env_strings) {
        env.push_back(e.data());
    }
    env.push_back(nullptr);
    std::string program = program_;
    std::string phone = m.phone;
    std::string body = m.body;
    std::vector<char*> argv{program.data(), phone.data(), body.data(), nullptr};

    pid_t pid = -1;
    const int rc =
        ::posix_spawnp(&pid, program.c_str(), &setup.actions, &setup.attr, argv.data(), env.data());
    err_write.reset();
    if (rc != 0) {
        return "cannot run " + program_ + ": " + errno_text(rc);
    }

    std::string err_text;
    const auto read_stderr = [&] {
        char buf[512];
        for (;;) {
            const auto n = ::read(err_read.get(), buf, sizeof buf);
            if (n <= 0) {
                return;
            }
            const auto room = max_error_text - std::min(max_error_text, err_text.size());
            err_text.append(buf, std::min(room, static_cast<std::size_t>(n)));
        }
    };
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    int wstatus = 0;
    bool exited = false;
    while (!exited) {
        const pid_t w = ::waitpid(pid, &wstatus, WNOHANG);
        if (w == pid) {
            exited = true;
            break;
        }
        if (w < 0 && errno != EINTR) {
            return "waitpid: " + errno_text(errno); // SIGCHLD ignored? the outcome is unknown
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            break;
        }
        pollfd p{err_read.get(), POLLIN, 0};
        const int wait_ms = static_cast<int>(std::min<std::int64_t>(left.count(), 50));
        if (::poll(&p, 1, wait_ms) > 0) {
            if ((p.revents & POLLIN) != 0) {
                read_stderr();
            } else {
                ::usleep(static_cast<useconds_t>(wait_ms) * 1000); // hung up: just wait
            }
        }
    }
    if (!exited) {
        ::kill(-pid, SIGKILL);
        while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
        }
        return program_ + " timed out after " + std::to_string(timeout_.count()) + " ms";
    }
    read_stderr();
    while (!err_text.empty() && (err_text.back() == '\n' || err_text.back() == '\r')) {
        err_text.pop_back();
    }
    const std::string said = err_text.empty() ? "" : ": " + one_line(err_text);
    if (WIFEXITED(wstatus)) {
        if (WEXITSTATUS(wstatus) == 0) {
            return std::nullopt;
        }
        return program_ + " exited with status " + std::to_string(WEXITSTATUS(wstatus)) + said;
    }
    if (WIFSIGNALED(wstatus)) {
        return program_ + " killed by signal " + std::to_string(WTERMSIG(wstatus)) + said;
    }
    return program_ + " failed" + said;
}

std::unique_ptr<sender> make_sender(const config& cfg, std::function<sys_seconds()> now) {
    if (!cfg.notify_command.empty()) {
        return std::make_unique<command_sender>(cfg.notify_command);
    }
    return std::make_unique<file_sender>(cfg.notify_log, std::move(now));
}

} // namespace agrirent::app
