// The pure parts of the background jobs: the reminder rule (DOMAIN.md §9), the retry backoff, and
// the two senders against real files and processes.
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "common/time.hpp"
#include "server/app/jobs.hpp"
#include "server/app/notify_sender.hpp"

using namespace agrirent;

namespace {

const date::time_zone* seoul() {
    return date::locate_zone("Asia/Seoul");
}

sys_seconds kst(const char* rfc3339_without_offset) {
    return *parse_instant(std::string{rfc3339_without_offset} + "+09:00");
}

class scratch_dir {
  public:
    scratch_dir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("agrirent-jobs-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~scratch_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::filesystem::path write_script(const std::filesystem::path& p, const std::string& body) {
    {
        std::ofstream out{p};
        out << "#!/bin/sh\n" << body;
    }
    ::chmod(p.c_str(), 0755);
    return p;
}

storage::outbox_message message(std::string body) {
    storage::outbox_message m;
    m.id = 42;
    m.phone = "010-1234-5678";
    m.kind = "reminder";
    m.body = std::move(body);
    return m;
}

} // namespace

TEST_CASE("the pickup reminder is due at 16:00 the day before the pickup day", "[jobs]") {
    // Regular pickup Thu 05-14 09:00; eve pickup Sat 05-23 17:00 for Sun 05-24.
    CHECK(app::reminder_time(seoul(), kst("2020-05-14T09:00:00")) == kst("2020-05-13T16:00:00"));
    CHECK(app::reminder_time(seoul(), kst("2020-05-23T17:00:00")) == kst("2020-05-22T16:00:00"));

    struct row {
        const char* created;
        const char* now;
        bool due;
        const char* why;
    };
    const row table[] = {
        {"2020-05-10T10:00:00", "2020-05-13T15:59:59", false, "before the moment"},
        {"2020-05-10T10:00:00", "2020-05-13T16:00:00", true, "at the moment"},
        {"2020-05-10T10:00:00", "2020-05-13T23:59:59", true, "late in the evening"},
        {"2020-05-10T10:00:00", "2020-05-14T00:00:00", false, "the pickup day began"},
        {"2020-05-10T10:00:00", "2020-05-14T08:00:00", false, "the morning of the pickup"},
        {"2020-05-13T15:59:59", "2020-05-13T16:00:00", true, "booked just before"},
        {"2020-05-13T16:00:00", "2020-05-13T16:30:00", false, "booked at the moment"},
        {"2020-05-13T17:00:00", "2020-05-13T20:00:00", false, "booked in the evening"},
    };
    for (const auto& r : table) {
        CAPTURE(r.why);
        CHECK(app::reminder_due(seoul(), kst("2020-05-14T09:00:00"), kst(r.created), kst(r.now)) ==
              r.due);
    }
}

TEST_CASE("retries back off 1, 2, 4 … minutes up to an hour", "[jobs]") {
    using std::chrono::seconds;
    const std::pair<int, long> table[] = {{1, 60},    {2, 120},    {3, 240},  {4, 480},
                                          {5, 960},   {6, 1920},   {7, 3600}, {8, 3600},
                                          {10, 3600}, {1000, 3600}};
    for (const auto& [failures, wait] : table) {
        CAPTURE(failures);
        CHECK(app::retry_delay(failures) == seconds{wait});
    }
    CHECK(app::retry_policy{}.max_attempts == 10);
}

TEST_CASE("the file sender appends one line per message, creating the folder", "[jobs]") {
    scratch_dir dir;
    const auto file = dir.path() / "deep" / "er" / "notifications.log";
    app::file_sender out{file, [] { return kst("2020-05-13T16:00:05"); }};
    CHECK_FALSE(out.deliver(message("[농기계임대] 내일 수령 안내\n둘째 줄")).has_value());
    CHECK_FALSE(out.deliver(message("두 번째")).has_value());
    CHECK(slurp(file) == "2020-05-13T16:00:05+09:00\t010-1234-5678\treminder\t[농기계임대] 내일 "
                         "수령 안내 둘째 줄\n"
                         "2020-05-13T16:00:05+09:00\t010-1234-5678\treminder\t두 번째\n");
    // A folder that cannot be created is reported, not thrown.
    app::file_sender blocked{file / "x.log", [] { return kst("2020-05-13T16:00:05"); }};
    const auto err = blocked.deliver(message("x"));
    REQUIRE(err.has_value());
    CHECK_FALSE(err->empty());
}

TEST_CASE("the command sender runs the program without a shell", "[jobs]") {
    scratch_dir dir;
    const auto args = dir.path() / "args.txt";
    const auto ok =
        write_script(dir.path() / "ok.sh", "printf '%s|%s|%s|%s\\n' \"$#\" \"$1\" \"$2\" "
                                           "\"$AGRIRENT_MESSAGE_KIND\" > '" +
                                               args.string() + "'\n");
    app::command_sender good{ok.string()};
    // Shell syntax in the text stays text: no shell ever sees it.
    CHECK_FALSE(good.deliver(message("예약 $(touch pwned) `id`; exit 1")).has_value());
    CHECK(slurp(args) == "2|010-1234-5678|예약 $(touch pwned) `id`; exit 1|reminder\n");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "pwned"));

    const auto fail = write_script(dir.path() / "fail.sh", "echo 'no credit left' >&2\nexit 7\n");
    const auto err = app::command_sender{fail.string()}.deliver(message("x"));
    REQUIRE(err.has_value());
    CHECK(err->find("exited with status 7: no credit left") != std::string::npos);

    const auto missing = app::command_sender{(dir.path() / "nope").string()}.deliver(message("x"));
    REQUIRE(missing.has_value());

    const auto slow = write_script(dir.path() / "slow.sh", "sleep 30\n");
    const auto started = std::chrono::steady_clock::now();
    const auto timed_out =
        app::command_sender{slow.string(), std::chrono::milliseconds{300}}.deliver(message("x"));
    REQUIRE(timed_out.has_value());
    CHECK(timed_out->find("timed out") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{5});
}
