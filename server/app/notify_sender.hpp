#pragma once
// How messages of the outbox reach farmers' phones (DOMAIN.md §9: "a pluggable sender delivers
// them (the default writes to a log file)"). A sender is called by the sender loop of
// server/app/jobs.hpp, one message at a time, from one thread.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server/storage/outbox_repository.hpp"

namespace agrirent::app {

struct config;

class sender {
  public:
    sender() = default;
    sender(const sender&) = delete;
    sender& operator=(const sender&) = delete;
    virtual ~sender() = default;

    /// Delivers one message: nullopt when it was handed over, else why not (recorded as the
    /// outbox row's last_error, and the message is retried).
    virtual std::optional<std::string> deliver(const storage::outbox_message& m) = 0;
};

/// The default: appends one line per message to a file (--notify-log), creating its folder:
/// "<ISO instant KST>\t<phone>\t<kind>\t<body>\n", written with one write(2) on a file opened
/// with O_APPEND and closed after each line (so logrotate can move it at any time).
/// `now` is the services clock, so the log shows the test clock's time in scenario tests.
class file_sender final : public sender {
  public:
    file_sender(std::filesystem::path file, std::function<sys_seconds()> now);
    std::optional<std::string> deliver(const storage::outbox_message& m) override;

  private:
    std::filesystem::path file_;
    std::function<sys_seconds()> now_;
};

/// --notify-command: runs `program <phone> <text>` for each message (posix_spawn, no shell, so
/// nothing in the text is interpreted), in its own process group with default signal handling
/// and no inherited descriptors but stdin/stdout (/dev/null) and stderr (captured for
/// last_error). Exit status 0 = delivered. A program still running after `timeout` is killed
/// (with its process group) and the attempt counts as failed. The kind of message is in the
/// environment variable AGRIRENT_MESSAGE_KIND, its outbox id in AGRIRENT_MESSAGE_ID.
class command_sender final : public sender {
  public:
    explicit command_sender(std::string program,
                            std::chrono::milliseconds timeout = std::chrono::seconds{15});
    std::optional<std::string> deliver(const storage::outbox_message& m) override;

  private:
    std::string program_;
    std::chrono::milliseconds timeout_;
};

/// The sender the options ask for: command_sender if --notify-command is set, else file_sender.
std::unique_ptr<sender> make_sender(const config& cfg, std::function<sys_seconds()> now);

} // namespace agrirent::app
