// Issue 12: `--migrate-only` creates a database (or brings its schema up to date) and exits:
// an empty, current schema for scripts/sqlite-to-postgres.sh to copy into. No demo data, no
// admin account, no listening socket.
#include <filesystem>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"

using namespace agrirent::test;
namespace fs = std::filesystem;

TEST_CASE("the migrate-only command creates the schema of a new database and exits without data or "
          "accounts",
          "[integration][commands][sqlite]") {
    server_process fresh({}, false, true); // only for its folder: the database goes again
    REQUIRE(fresh.stop() == 0);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(fresh.db_path().string() + suffix);
    }
    const auto db = fresh.db_path();
    const auto ran = run_to_exit({"--db", db.string(), "--migrate-only", "--demo"});
    INFO(ran.second);
    REQUIRE(ran.first == 0);
    CHECK(ran.second.find("up to date") != std::string::npos);
    CHECK(ran.second.find("listening") == std::string::npos);
    CHECK(ran.second.find("first start") == std::string::npos); // no admin created
    REQUIRE(fs::exists(db));

    // A server started on it later is a normal first start: the schema is there and empty.
    server_process s(fresh, {});
    CHECK(s.startup_output().find("first start") != std::string::npos);
    CHECK(s.query("SELECT count(*) FROM staff_users") == "1"); // only the one just created
    CHECK(s.query("SELECT count(*) FROM branches") == "0");
    CHECK(s.query("SELECT count(*) FROM reservations") == "0");
}

TEST_CASE(
    "the migrate-only command on a current database changes nothing, and two commands at once "
    "are refused",
    "[integration][commands][sqlite]") {
    server_process s; // the demo office
    const auto bookings = s.query("SELECT count(*) FROM reservations");
    const auto version = s.query("PRAGMA user_version");
    REQUIRE(s.stop() == 0);
    const auto ran = run_to_exit({"--db", s.db_path().string(), "--migrate-only"});
    INFO(ran.second);
    REQUIRE(ran.first == 0);
    server_process again(s, {});
    CHECK(again.query("SELECT count(*) FROM reservations") == bookings);
    CHECK(again.query("PRAGMA user_version") == version);

    // Two commands at once are refused; neither runs.
    temp_dir dir;
    const auto both = run_to_exit({"--db", (dir.path() / "x.db").string(), "--migrate-only",
                                   "--backup-to", (dir.path() / "y.db").string()});
    CHECK(both.first == 2);
    CHECK_FALSE(fs::exists(dir.path() / "x.db"));
    CHECK_FALSE(fs::exists(dir.path() / "y.db"));
}
