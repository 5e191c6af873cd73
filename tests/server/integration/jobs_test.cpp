// Notifications and the background sweeper over real HTTP (issue 4 "Notifications", DOMAIN.md
// §§6, 9): outbox rows for each event, the reminder at 16:00 the day before, the overdue
// notice, the automatic no-show, the default log-file sender and retries after a failing one.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
namespace json = boost::json;

namespace {

std::string str(const json::value& v) {
    return std::string{v.as_string()};
}

std::string book(const server_process& s, const char* type, const char* start, const char* name,
                 const char* phone, const std::string& verification = {}) {
    auto body = booking("GS", type, start, start, name, phone);
    if (!verification.empty()) {
        body["verification"] = verification; // DOMAIN.md §14: only then a strike
    }
    const auto r = s.post("/api/v1/reservations", body);
    if (r.status != 201) {
        throw std::runtime_error("booking failed: " + r.body);
    }
    return str(r.json().at("code"));
}

// The kinds of the reservation's outbox rows, in order.
std::string kinds(const server_process& s, const std::string& code) {
    return join(s.query_column("SELECT o.kind FROM outbox o JOIN reservations r ON r.id = "
                               "o.reservation_id WHERE r.code = '" +
                               code + "' ORDER BY o.id"),
                ",");
}

std::string status_of(const server_process& s, const std::string& code) {
    return s.query("SELECT status FROM reservations WHERE code = '" + code + "'");
}

// Polls `sql` until it returns `expected` (the sender loop runs on its own thread).
bool eventually(const server_process& s, const std::string& sql, const std::string& expected,
                std::chrono::milliseconds limit = std::chrono::seconds{10}) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (s.query(sql) == expected) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    return s.query(sql) == expected;
}

// Unix seconds as "YYYY-MM-DDTHH:MM:SS+00:00".
std::string utc_instant(long long epoch) {
    using namespace std::chrono;
    const sys_seconds t{seconds{epoch}};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+00:00",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buf;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

json::object checklist_for(const server_process& s, const char* type) {
    json::object items;
    const auto types = s.get("/api/v1/machine-types").json();
    for (const auto& t : types.as_array()) {
        if (t.at("code").as_string() == type) {
            for (const auto& item : t.at("checklist").as_array()) {
                items[item.as_string()] = true;
            }
        }
    }
    return items;
}

} // namespace

TEST_CASE("outbox rows for each event: confirmation, request, cancellation, reminder, overdue, "
          "automatic no-show",
          "[http][jobs]") {
    server_process s;
    s.set_clock("2020-05-12 10:00"); // Tue
    // Thu 05-14: picked up, returned late. Wed 05-13: never picked up. The combine needs an
    // operator's approval; nobody gives it. One more booking is cancelled by the farmer.
    const std::string thu = book(s, "CULTIVATOR", "2020-05-14", "알림", "010-8100-0001");
    const std::string wed =
        book(s, "SEEDER", "2020-05-13", "안옴", "010-8100-0002", verify_phone(s, "010-8100-0002"));
    const std::string combine = book(s, "COMBINE", "2020-05-15", "최민수", "010-5678-9012");
    const std::string gone = book(s, "TILLER", "2020-05-20", "취소", "010-8100-0003");
    CHECK(kinds(s, thu) == "confirmation");
    CHECK(kinds(s, combine) == "request");
    CHECK(status_of(s, combine) == "requested");
    auto r = s.post("/api/v1/reservations/" + gone + "/cancel",
                    json::object{{"phone", "010-8100-0003"}});
    REQUIRE(r.status == 200);
    CHECK(kinds(s, gone) == "confirmation,cancellation");

    // The reminder: 16:00 the day before the pickup day, once.
    s.set_clock("2020-05-13 15:59");
    CHECK(kinds(s, thu) == "confirmation");
    s.set_clock("2020-05-13 16:00");
    CHECK(kinds(s, thu) == "confirmation,reminder");
    CHECK(s.query("SELECT reminder_queued FROM reservations WHERE code = '" + thu + "'") == "1");
    const std::string reminder =
        s.query("SELECT body FROM outbox WHERE kind = 'reminder' AND phone = '010-8100-0001'");
    CHECK(reminder.find("내일 수령 안내") != std::string::npos);
    CHECK(reminder.find(thu) != std::string::npos);
    CHECK(reminder.find("5월 14일(목) 09:00~18:00") != std::string::npos);
    s.set_clock("2020-05-13 16:30");
    CHECK(kinds(s, thu) == "confirmation,reminder");
    // Wed's reminder moment (Tue 16:00) was jumped over into Wed itself, the pickup day: a
    // "tomorrow" text would be wrong there, so none is sent.
    CHECK(kinds(s, wed) == "confirmation");

    // The automatic no-show when the pickup window closes (18:00), with a strike.
    s.set_clock("2020-05-13 17:59");
    CHECK(status_of(s, wed) == "confirmed");
    s.set_clock("2020-05-13 18:00");
    CHECK(status_of(s, wed) == "no_show");
    CHECK(s.query("SELECT count(*) FROM strikes s JOIN reservations r ON r.id = s.reservation_id "
                  "WHERE r.code = '" +
                  wed + "' AND s.kind = 'no_show'") == "1");
    CHECK(s.query("SELECT actor || '/' || role FROM audit_log a JOIN reservations r "
                  "ON r.id = a.reservation_id WHERE r.code = '" +
                  wed + "' AND a.action = 'no_show'") == "system/system");

    // Thu: checked out at 09:30, due back 17:00; the overdue notice after the 1 h grace.
    s.set_clock("2020-05-14 09:30");
    const auto clerk = login(s, demo_clerk_gs);
    r = s.post("/api/v1/reservations/" + thu + "/checkout",
               json::object{{"unit", "GS-CULTIVATOR-01"},
                            {"hour_meter", 5000.0},
                            {"checklist", checklist_for(s, "CULTIVATOR")},
                            {"paid", true}},
               clerk.bearer());
    REQUIRE(r.status == 200);
    s.set_clock("2020-05-14 17:59");
    CHECK(kinds(s, thu) == "confirmation,reminder");
    s.set_clock("2020-05-14 18:00");
    CHECK(kinds(s, thu) == "confirmation,reminder,overdue");
    CHECK(s.query("SELECT overdue_noticed FROM reservations WHERE code = '" + thu + "'") == "1");
    s.set_clock("2020-05-14 19:00");
    CHECK(kinds(s, thu) == "confirmation,reminder,overdue"); // once
    CHECK(join(s.query_column("SELECT a.action FROM audit_log a JOIN reservations r ON r.id = "
                              "a.reservation_id WHERE r.code = '" +
                              thu + "' AND a.actor = 'system' ORDER BY a.id"),
               ",") == "remind,overdue_notice");

    // The combine request was never confirmed: the system rejects it when its window closes
    // (no strike: the farmer did nothing wrong) and tells the farmer.
    s.set_clock("2020-05-15 18:00");
    CHECK(status_of(s, combine) == "rejected");
    CHECK(kinds(s, combine) == "request,rejection");
    CHECK(s.query("SELECT count(*) FROM strikes s JOIN farmers f ON f.id = s.farmer_id "
                  "WHERE f.phone = '010-5678-9012'") == "0");

    // Operators see what was sent; clerks and the public do not.
    const auto op = login(s, demo_operator);
    r = s.get("/api/v1/outbox?reservation=" + thu, op.bearer());
    REQUIRE(r.status == 200);
    const auto messages = r.json().at("messages").as_array();
    REQUIRE(messages.size() == 3);
    CHECK(str(messages[0].at("kind")) == "overdue"); // newest first
    CHECK(str(messages[0].at("reservation")) == thu);
    CHECK(str(messages[2].at("kind")) == "confirmation");
    CHECK(s.get("/api/v1/outbox?reservation=" + thu, login(s, demo_clerk_gs).bearer()).status ==
          403);
    CHECK(s.get("/api/v1/outbox").status == 401);
    CHECK(s.get("/api/v1/outbox?status=lost", op.bearer()).status == 400);
    CHECK(s.get("/api/v1/outbox?limit=0", op.bearer()).status == 400);
    CHECK(s.get("/api/v1/outbox?reservation=ZZZZZZZZ", op.bearer()).status == 404);
}

TEST_CASE("reminders: none for a booking made after 16:00 the day before, eve pickups count "
          "from the eve",
          "[http][jobs]") {
    server_process s;
    s.set_clock("2020-05-12 16:30"); // Tue, after the reminder moment for Wed
    const std::string late = book(s, "CULTIVATOR", "2020-05-13", "늦은예약", "010-8110-0001");
    // Sun 05-24: eve pickup Sat 05-23 17:00 (in season), reminder Fri 05-22 16:00.
    const std::string eve = book(s, "SEEDER", "2020-05-24", "전날", "010-8110-0002");
    s.set_clock("2020-05-12 23:00");
    CHECK(kinds(s, late) == "confirmation"); // the confirmation said it all minutes ago
    s.set_clock("2020-05-22 15:59");
    CHECK(kinds(s, eve) == "confirmation");
    s.set_clock("2020-05-22 16:00");
    CHECK(kinds(s, eve) == "confirmation,reminder");
    CHECK(s.query("SELECT body FROM outbox WHERE kind = 'reminder' AND phone = '010-8110-0002'")
              .find("5월 23일(토) 17:00~18:00") != std::string::npos);
    // The confirmation names the pickup day and never says "전날" (issue 13: often 2 days before).
    const auto confirmation =
        s.query("SELECT body FROM outbox WHERE kind = 'confirmation' AND phone = '010-8110-0002'");
    CHECK(confirmation.find("수령 5월 23일(토) 17:00~18:00(사업소가 쉬는 날이라 미리 수령)") !=
          std::string::npos);
    CHECK(confirmation.find("전날") == std::string::npos);
}

TEST_CASE("the default sender appends each message to the notification log", "[http][jobs]") {
    server_process s;
    s.set_clock("2020-05-12 10:00");
    const std::string code = book(s, "CULTIVATOR", "2020-05-20", "로그", "010-8120-0001");
    const std::string sql =
        "SELECT status || '/' || attempts FROM outbox WHERE phone = '010-8120-0001'";
    REQUIRE(eventually(s, sql, "sent/1"));
    const std::string log = read_file(s.dir() / "notifications.log");
    const auto at = log.find("\t010-8120-0001\tconfirmation\t[농기계임대] 예약 확정");
    REQUIRE(at != std::string::npos);
    // "<ISO instant KST>\t<phone>\t<kind>\t<body>\n", at the services' (test) clock.
    const auto line_start = log.rfind('\n', at) == std::string::npos ? 0 : log.rfind('\n', at) + 1;
    const auto line_end = log.find('\n', at);
    REQUIRE(line_end != std::string::npos);
    const std::string line = log.substr(line_start, line_end - line_start);
    CHECK(line.starts_with("2020-05-12T10:00:"));
    CHECK(line.substr(19, 7) == "+09:00\t");
    CHECK(std::count(line.begin(), line.end(), '\t') == 3);
    CHECK(line.find(code) != std::string::npos);
    CHECK(s.query("SELECT sent_at IS NOT NULL AND last_error IS NULL FROM outbox "
                  "WHERE phone = '010-8120-0001'") == "1");
}

TEST_CASE("delivery retry after a failing sender", "[http][jobs]") {
    // The gateway fails the first time for each phone and accepts afterwards; one phone it
    // never accepts. The counter files live in the test's own temporary folder.
    temp_dir gateway;
    const auto script = gateway.path() / "send-sms.sh";
    {
        std::ofstream out{script};
        out << "#!/bin/sh\n"
               "dir='"
            << gateway.path().string()
            << "'\n"
               "if [ \"$1\" = 010-8130-0099 ]; then echo 'number blocked' >&2; exit 4; fi\n"
               "if [ ! -e \"$dir/tried-$1\" ]; then : > \"$dir/tried-$1\"; "
               "echo 'gateway busy' >&2; exit 3; fi\n"
               "printf '%s\\t%s\\t%s\\n' \"$1\" \"$AGRIRENT_MESSAGE_KIND\" \"$2\" >> "
               "\"$dir/delivered.txt\"\n";
    }
    ::chmod(script.c_str(), 0755);
    server_process s{{"--notify-command", script.string()}};
    s.set_clock("2020-05-12 10:00");
    const std::string code = book(s, "CULTIVATOR", "2020-05-20", "재시도", "010-8130-0001");
    const std::string row = "SELECT status || '/' || attempts FROM outbox WHERE phone = "
                            "'010-8130-0001'";

    // The first attempt fails: recorded with the program's complaint, retried in a minute.
    REQUIRE(eventually(s, row, "pending/1"));
    CHECK(s.query("SELECT last_error FROM outbox WHERE phone = '010-8130-0001'")
              .find("exited with status 3: gateway busy") != std::string::npos);
    // A minute after the attempt (made within a second or two of the booking).
    const int wait = std::stoi(
        s.query("SELECT next_attempt - created_at FROM outbox WHERE phone = '010-8130-0001'"));
    CHECK(wait >= 60);
    CHECK(wait <= 65);
    std::this_thread::sleep_for(std::chrono::milliseconds{1500});
    CHECK(s.query(row) == "pending/1"); // not due yet
    // Past the backoff on the test clock: delivered.
    s.set_clock("2020-05-12T10:01:30+09:00");
    REQUIRE(eventually(s, row, "sent/2"));
    CHECK(s.query("SELECT last_error IS NULL FROM outbox WHERE phone = '010-8130-0001'") == "1");
    const std::string delivered = read_file(gateway.path() / "delivered.txt");
    CHECK(delivered.find("010-8130-0001\tconfirmation\t[농기계임대] 예약 확정") !=
          std::string::npos);
    CHECK(delivered.find(code) != std::string::npos);
    const auto op = login(s, demo_operator);
    const auto listed = s.get("/api/v1/outbox?reservation=" + code, op.bearer()).json();
    CHECK(str(listed.at("messages").at(0).at("status")) == "sent");
    CHECK(listed.at("messages").at(0).at("attempts").as_int64() == 2);

    // A number the gateway never accepts: 1, 2, 4, … minutes apart, then given up after 10.
    book(s, "SEEDER", "2020-05-20", "차단", "010-8130-0099");
    const std::string blocked =
        "SELECT status || '/' || attempts FROM outbox WHERE phone = '010-8130-0099'";
    const std::string next_sql = "SELECT next_attempt FROM outbox WHERE phone = '010-8130-0099'";
    std::vector<long long> next_attempts;
    for (int attempt = 1; attempt <= 9; ++attempt) {
        REQUIRE(eventually(s, blocked, "pending/" + std::to_string(attempt)));
        next_attempts.push_back(std::stoll(s.query(next_sql)));
        s.set_clock(utc_instant(next_attempts.back() + 1));
    }
    // Each retry was set up at (previous due time + 1 s + the loop's latency) + the backoff.
    const std::vector<long long> backoff{120, 240, 480, 960, 1920, 3600, 3600, 3600};
    for (std::size_t i = 0; i < backoff.size(); ++i) {
        CAPTURE(i);
        const long long gap = next_attempts[i + 1] - next_attempts[i];
        CHECK(gap >= backoff[i] + 1);
        CHECK(gap <= backoff[i] + 10);
    }
    REQUIRE(eventually(s, blocked, "failed/10"));
    CHECK(s.query("SELECT last_error FROM outbox WHERE phone = '010-8130-0099'")
              .find("number blocked") != std::string::npos);
    const auto later = login(s, demo_operator);
    const auto failed_list = s.get("/api/v1/outbox?status=failed", later.bearer()).json();
    REQUIRE(failed_list.at("messages").as_array().size() == 1);
    CHECK(str(failed_list.at("messages").at(0).at("phone")) == "010-8130-0099");
}
