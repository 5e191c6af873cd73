// A clean stop is what leaves the database file complete on its own (the final checkpoint,
// docs/durability.md "Checkpoints"): SIGTERM must be a clean stop from the moment the server has
// announced its port, not only once it is serving.
#include <filesystem>

#include <catch2/catch.hpp>

#include "tests/support/harness.hpp"

using namespace agrirent::test;

TEST_CASE("a SIGTERM right after the server announced its port is a clean stop",
          "[durability][lifecycle]") {
    // The harness sends SIGTERM as soon as it has read the "listening on" line. Before the fix
    // the signal handler was installed a moment later, in run(): now and then (once in about a
    // hundred starts here) the default action killed the server (status 143) without its final
    // checkpoint. An empty database (no demo data) starts fastest. AGRIRENT_SHUTDOWN_STARTS (200)
    // sets the number of starts: the ASan pass of scripts/test.sh makes 40, since the race is a
    // matter of timing, which the Release pass covers, and a start under ASan is slow.
    const long starts = env_long("AGRIRENT_SHUTDOWN_STARTS", 200);
    for (long i = 0; i < starts; ++i) {
        INFO("start " << i);
        server_process s({}, false, true);
        const auto wal = s.db_path().string() + "-wal";
        REQUIRE(s.stop() == 0);
        // The final checkpoint folded the WAL into the database file.
        CHECK((!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0));
    }
}
