// Issue 6, "online backup as a command and an admin endpoint, with a restore test": a backup
// taken while bookings keep coming holds every booking acknowledged before it started, and a
// server started on it (the restore procedure of docs/durability.md) serves them.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/server/durability/booking_load.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/staff_helpers.hpp"

using namespace agrirent::test;
using namespace agrirent::test::durability;
namespace json = boost::json;
namespace fs = std::filesystem;
using std::chrono::days;
using std::chrono::milliseconds;

namespace {

constexpr auto monday = std::chrono::sys_days{std::chrono::year{2019} / std::chrono::March / 4};

// Books for a while on `s` (the load stops by itself), so there is something to back up.
void book_for(const server_process& s, milliseconds how_long, std::atomic<long>& phones, ledger& l,
              std::uint64_t seed) {
    booking_load load{s.port(), {monday + days{1}, 27}, seed, phones, l, 4};
    std::this_thread::sleep_for(how_long);
    load.finish();
}

// What a backup taken after `before` must hold: its acknowledgements; everything sent later may
// or may not be in it (a booking sent during the backup is "committed untold" if it is).
ledger expectations(const ledger& before, const ledger& during) {
    ledger e = before;
    for (const auto& [phone, req] : during.attempted) {
        e.attempted.emplace(phone, req);
    }
    e.cancel_sent.insert(during.cancel_sent.begin(), during.cancel_sent.end());
    return e;
}

// The restore procedure: stop the server, put the backup in place of the database file, remove
// the old -wal and -shm files, start the server. Then it must serve what the backup holds.
void restore_and_serve(const fs::path& backup, const ledger& before, const ledger& during) {
    server_process fresh({}, false, true);
    REQUIRE(fresh.stop() == 0);
    fs::copy_file(backup, fresh.db_path(), fs::copy_options::overwrite_existing);
    fs::remove(fresh.db_path().string() + "-wal");
    fs::remove(fresh.db_path().string() + "-shm");

    const auto found = check_database(fresh.db_path(), expectations(before, during));
    INFO("first problem: " << (found.problems.empty() ? "" : found.problems.front()));
    REQUIRE(found.problems.empty());
    CHECK(found.rows >= static_cast<long>(before.told.size()));

    server_process restored(fresh, {});
    REQUIRE(restored.get("/healthz").status == 200);
    int looked_up = 0;
    for (const auto& [code, t] : before.told) {
        if (++looked_up > 5) {
            break;
        }
        const auto r = restored.get("/api/v1/reservations/" + code + "?phone=" + t.req.phone);
        INFO(r.body);
        REQUIRE(r.status == 200);
        CHECK(r.json().at("fee").at("net").as_int64() == t.net);
    }
    // The staff accounts came back too, and a new booking is taken.
    (void)login(restored, demo_admin);
    restored.set_clock(format_day(monday) + " 10:00");
    const auto r =
        restored.post("/api/v1/reservations",
                      booking("GS", "CULTIVATOR", format_day(monday + days{29}),
                              format_day(monday + days{29}), "복원시험", "010-6999-0001"));
    INFO(r.body);
    CHECK(r.status == 201);
}

} // namespace

TEST_CASE("an admin backup taken during a booking load restores every booking told before it",
          "[durability][backup]") {
    server_process s;
    s.set_clock(format_day(monday) + " 10:00");
    std::atomic<long> phones{0};
    ledger before;
    book_for(s, milliseconds{400}, phones, before, 1);
    REQUIRE(before.told.size() > 5);
    const auto admin = login(s, demo_admin);
    const auto operator_ = login(s, demo_operator);
    const auto backups = s.dir() / "backups"; // the default: beside the database file

    // Refused: no session, an operator, a cookie without the CSRF token. None writes a file.
    CHECK(s.post("/api/v1/admin/backups", json::object{}).status == 401);
    CHECK(s.post("/api/v1/admin/backups", json::object{}, operator_.bearer()).status == 403);
    const auto forged = s.post("/api/v1/admin/backups", json::object{}, admin.cookie_only());
    CHECK(forged.status == 403);
    CHECK(forged.error_code() == "csrf");
    CHECK(s.get("/api/v1/admin/backups", operator_.bearer()).status == 403);
    CHECK_FALSE(fs::exists(backups));
    auto listed = s.get("/api/v1/admin/backups", admin.bearer());
    REQUIRE(listed.status == 200);
    CHECK(listed.json().at("backups").as_array().empty());

    // The backup, while four clients keep booking.
    ledger during;
    http_reply made;
    {
        booking_load load{s.port(), {monday + days{1}, 27}, 2, phones, during, 4};
        std::this_thread::sleep_for(milliseconds{100});
        made = s.post("/api/v1/admin/backups", json::object{}, admin.cookie_with_csrf());
        std::this_thread::sleep_for(milliseconds{100});
        load.finish();
    }
    INFO(made.body);
    REQUIRE(made.status == 201);
    const std::string file{made.json().at("file").as_string()};
    CHECK(file.starts_with("agrirent-"));
    CHECK(file.ends_with(".db"));
    const auto path = backups / file;
    REQUIRE(fs::exists(path));
    CHECK(made.json().at("bytes").as_int64() == static_cast<std::int64_t>(fs::file_size(path)));
    CHECK(made.json().at("created_at").as_string().size() == 25); // 2020-05-23T17:00:00+09:00
    CHECK(during.told.size() > 0); // bookings went on beside the backup

    // Listed, audited; a second backup gets a name of its own.
    const auto second = s.post("/api/v1/admin/backups", json::object{}, admin.bearer());
    REQUIRE(second.status == 201);
    CHECK(second.json().at("file").as_string() != file);
    listed = s.get("/api/v1/admin/backups", admin.bearer());
    REQUIRE(listed.status == 200);
    const auto listing = listed.json();
    const auto& list = listing.at("backups").as_array();
    REQUIRE(list.size() == 2);
    CHECK(list[0].at("file") == second.json().at("file")); // newest first
    CHECK(list[1].at("file").as_string() == file);
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE action = 'backup.create' AND actor = "
                  "'admin' AND entity_key = '" +
                  file + "'") == "1");

    restore_and_serve(path, before, during);
}

TEST_CASE("the backup command (--backup-to) copies a database a running server is writing, and "
          "never overwrites",
          "[durability][backup]") {
    server_process s;
    s.set_clock(format_day(monday) + " 10:00");
    std::atomic<long> phones{0};
    ledger before;
    book_for(s, milliseconds{400}, phones, before, 3);
    REQUIRE(before.told.size() > 5);

    temp_dir out;
    const auto target = out.path() / "copy.db";
    ledger during;
    std::pair<int, std::string> ran;
    {
        booking_load load{s.port(), {monday + days{1}, 27}, 4, phones, during, 4};
        std::this_thread::sleep_for(milliseconds{100});
        ran = run_to_exit({"--db", s.db_path().string(), "--backup-to", target.string()});
        load.finish();
    }
    INFO(ran.second);
    REQUIRE(ran.first == 0);
    CHECK(ran.second.find("backed up") != std::string::npos);
    REQUIRE(fs::exists(target));
    CHECK(s.get("/healthz").status == 200); // the server never noticed

    // Never overwritten: a second run fails and leaves the copy as it was.
    const auto size = fs::file_size(target);
    const auto written = fs::last_write_time(target);
    const auto again = run_to_exit({"--db", s.db_path().string(), "--backup-to", target.string()});
    CHECK(again.first == 1);
    CHECK(again.second.find("already exists") != std::string::npos);
    CHECK(fs::file_size(target) == size);
    CHECK(fs::last_write_time(target) == written);
    // No database, no backup (and no empty database created).
    const auto missing = out.path() / "none.db";
    const auto nothing = run_to_exit(
        {"--db", missing.string(), "--backup-to", (out.path() / "none-copy.db").string()});
    CHECK(nothing.first == 1);
    CHECK_FALSE(fs::exists(missing));
    CHECK_FALSE(fs::exists(out.path() / "none-copy.db"));
    // A command, not a setting: AGRIRENT_BACKUP_TO is not read (the --help run exits 0 and
    // writes no file).
    const auto help = run_to_exit({"--help"}, 30, {"AGRIRENT_BACKUP_TO=" + missing.string()});
    CHECK(help.first == 0);
    CHECK(help.second.find("--backup-to") != std::string::npos);
    CHECK_FALSE(fs::exists(missing));

    restore_and_serve(target, before, during);
}

// Issue 12: the nightly timer (agrirent-backup.service) runs `--backup-to FOLDER/`: the copy
// goes into the folder (created) under the admin endpoint's naming, so the admin page lists it
// when the folder is the backup folder; each run adds a file, none is overwritten.
TEST_CASE("the backup command into a folder (--backup-to DIR/) names its copies like the admin "
          "endpoint, which lists them",
          "[durability][backup]") {
    server_process s;
    const auto admin = login(s, demo_admin);
    const auto backups = s.dir() / "backups"; // the admin endpoint's default folder
    REQUIRE_FALSE(fs::exists(backups));

    const auto first =
        run_to_exit({"--db", s.db_path().string(), "--backup-to", backups.string() + "/"});
    INFO(first.second);
    REQUIRE(first.first == 0);
    REQUIRE(fs::is_directory(backups));
    // An existing folder needs no trailing slash.
    const auto second =
        run_to_exit({"--db", s.db_path().string(), "--backup-to", backups.string()});
    INFO(second.second);
    REQUIRE(second.first == 0);

    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(backups)) {
        files.push_back(entry.path().filename().string());
    }
    REQUIRE(files.size() == 2);
    for (const auto& f : files) {
        CHECK(f.starts_with("agrirent-"));
        const bool plain = f.ends_with("Z.db"); // …T101500Z.db, or …T101500Z-2.db
        CHECK((plain || f.ends_with("Z-2.db")));
        const bool said =
            first.second.find(f) != std::string::npos || second.second.find(f) != std::string::npos;
        CHECK(said); // each run says what it wrote
    }
    const auto listed = s.get("/api/v1/admin/backups", admin.bearer());
    REQUIRE(listed.status == 200);
    CHECK(listed.json().at("backups").as_array().size() == 2);

    // A copy holds the demo office (its staff and bookings) and passes SQLite's check.
    server_process restored_check({}, false, true);
    REQUIRE(restored_check.stop() == 0);
    fs::copy_file(backups / files.front(), restored_check.db_path(),
                  fs::copy_options::overwrite_existing);
    fs::remove(restored_check.db_path().string() + "-wal");
    fs::remove(restored_check.db_path().string() + "-shm");
    server_process restored(restored_check, {});
    CHECK(restored.query("PRAGMA quick_check") == "ok");
    CHECK(restored.query("SELECT count(*) FROM reservations") ==
          s.query("SELECT count(*) FROM reservations"));
    (void)login(restored, demo_admin);
}

// Found by fuzz_json_request: an admin script calling the endpoint in a loop ran out of names
// for one second and got a 500. When every name of the second is taken the answer is now a 429
// that writes nothing. The names of the next few seconds are taken here beforehand, so the
// refusal does not depend on how fast this machine is.
TEST_CASE("admin backups: when every name of the second is taken, a 429 that writes nothing",
          "[durability][backup]") {
    server_process s;
    const auto admin = login(s, demo_admin);
    const auto backups = s.dir() / "backups";
    fs::create_directories(backups);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    for (int ahead = 0; ahead < 5; ++ahead) {
        const auto t = now + std::chrono::seconds{ahead};
        const auto day = std::chrono::floor<days>(t);
        const std::chrono::year_month_day ymd{day};
        const std::chrono::hh_mm_ss hms{t - day};
        char stem[40];
        std::snprintf(stem, sizeof stem, "agrirent-%04d%02u%02uT%02ld%02ld%02ldZ",
                      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                      static_cast<long>(hms.minutes().count()),
                      static_cast<long>(hms.seconds().count()));
        for (int n = 1; n <= 100; ++n) {
            std::ofstream{backups /
                          (std::string{stem} + (n == 1 ? "" : "-" + std::to_string(n)) + ".db")};
        }
    }
    const auto taken = std::distance(fs::directory_iterator(backups), fs::directory_iterator{});
    const auto r = s.post("/api/v1/admin/backups", json::object{}, admin.bearer());
    INFO(r.body);
    CHECK(r.status == 429);
    CHECK(r.error_code() == "rate_limited");
    CHECK(std::distance(fs::directory_iterator(backups), fs::directory_iterator{}) == taken);
    CHECK(s.query("SELECT count(*) FROM audit_log WHERE action = 'backup.create'") == "0");
}
