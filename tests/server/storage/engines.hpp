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
    /// Where open_database() finds a fresh database of this engine, given an empty folder.
    static std::string location(const std::filesystem::path& dir) {
        return (dir / "agrirent.db").string();
    }
    /// Where open_database() finds the copy that backup_to(`file`) wrote.
    static std::string backup_location(const std::filesystem::path& file) { return file.string(); }
    /// Makes the (closed) database at `location` look written by a newer agrirent. The port has
    /// no way to do that, so each engine says how (engines.cpp, its own section).
    static void write_newer_schema(const std::string& location);
};

} // namespace agrirent::test

/// The engines by the short names the test names end with ("… - storage_engine::sqlite").
namespace storage_engine {
using sqlite = agrirent::test::sqlite_engine;
} // namespace storage_engine

/// A test case of the contract, run once per engine: add an engine's name to this list.
#define STORAGE_CONTRACT(name, tags) TEMPLATE_TEST_CASE(name, tags, storage_engine::sqlite)
