#pragma once
// The engines the storage port's contract runs against (issue 11, docs/architecture.md). The
// contract (every *_test.cpp beside this file) is written once against storage::database and
// instantiated per engine by STORAGE_CONTRACT: adding an engine is one type below and its name in
// that macro's list. Nothing else in the suite names an engine.
#include <filesystem>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

namespace agrirent::test {

/// The embedded SQLite engine (server/storage/sqlite/): a database is a file.
struct sqlite_engine {
    static constexpr std::string_view name = "sqlite";
    /// Whether this engine can run here (an engine that needs a server may be absent).
    static bool available() { return true; }
    /// Where open_database() finds a fresh database of this engine, given an empty folder.
    static std::string location(const std::filesystem::path& dir) {
        return (dir / "agrirent.db").string();
    }
    /// Where open_database() finds the copy that backup_to(`file`) wrote.
    static std::string backup_location(const std::filesystem::path& file) { return file.string(); }
    /// Makes the (closed) database at `location` look written by a newer agrirent. The port has
    /// no way to do that, so each engine says how (engines.cpp, its own section).
    static void write_newer_schema(const std::string& location);
    /// Removes a database made by location() or backup_location() (a file: its folder goes).
    static void discard(const std::string& /*location*/) {}
};

/// The PostgreSQL engine (server/storage/postgres/): a database is a fresh `CREATE DATABASE` on
/// the cluster of the env var AGRIRENT_TEST_PG (a maintenance database's URI, e.g.
/// postgresql://postgres@127.0.0.1:55432/postgres; scripts/pg_cluster.sh starts one). Without
/// it, every PostgreSQL case passes nothing and says "skipped" (CTest reports it as skipped:
/// tests/CMakeLists.txt, SKIP_REGULAR_EXPRESSION).
struct postgres_engine {
    static constexpr std::string_view name = "postgres";
    static bool available();
    static std::string location(const std::filesystem::path& dir);
    /// Restores the pg_dump file into a fresh database (pg_restore) and returns its URI.
    static std::string backup_location(const std::filesystem::path& file);
    static void write_newer_schema(const std::string& location);
    static void discard(const std::string& location);
};

/// What a skipped case prints (tests/CMakeLists.txt matches it to report the case as skipped).
inline constexpr const char* skipped_without_pg = "SKIPPED: AGRIRENT_TEST_PG is not set";

} // namespace agrirent::test

/// The engines by the short names the test names end with ("… - storage_engine::sqlite").
namespace storage_engine {
using sqlite = agrirent::test::sqlite_engine;
using postgres = agrirent::test::postgres_engine;
} // namespace storage_engine

// A test case of the contract, run once per engine: add an engine's name to the list below. The
// body becomes a function template run by the test case unless the engine is absent here (Catch2
// v2 has no SKIP: the case then only WARNs the skip message).
// __COUNTER__, not __LINE__, names the body: unique also when several test files are compiled as
// one translation unit (the sanitizer builds' unity build).
#define STORAGE_CONTRACT_BODY_NAME2(id) storage_contract_body_##id
#define STORAGE_CONTRACT_BODY_NAME(id) STORAGE_CONTRACT_BODY_NAME2(id)
#define STORAGE_CONTRACT(name, tags) STORAGE_CONTRACT_WITH_ID(name, tags, __COUNTER__)
#define STORAGE_CONTRACT_WITH_ID(name, tags, id)                                                   \
    template <class TestType>                                                                      \
    static void STORAGE_CONTRACT_BODY_NAME(id)();                                                  \
    TEMPLATE_TEST_CASE(name, tags, storage_engine::sqlite, storage_engine::postgres) {             \
        if (!TestType::available()) {                                                              \
            WARN(agrirent::test::skipped_without_pg);                                              \
            return;                                                                                \
        }                                                                                          \
        STORAGE_CONTRACT_BODY_NAME(id)<TestType>();                                                \
    }                                                                                              \
    template <class TestType>                                                                      \
    static void STORAGE_CONTRACT_BODY_NAME(id)()
