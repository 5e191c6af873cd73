#pragma once
// The storage port (issue 11, docs/architecture.md): what the services need from a database, in
// their own terms. The repositories (one header each beside this one) say what can be read and
// written; a unit of work says when: every repository call runs inside one, and a write unit of
// work is the booking guarantee of DOMAIN.md §5 — capacity, the live limit and no chaining are
// checked and written in it with no other writer in between. One folder per engine implements
// it (server/storage/sqlite/, server/storage/postgres/); open_database() picks the engine from
// the location.
//
// Nothing here names an engine: no statements, savepoints, WAL hooks or error codes.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/unavailable.hpp"
#include "server/storage/admin_repository.hpp"
#include "server/storage/audit_repository.hpp"
#include "server/storage/catalog_repository.hpp"
#include "server/storage/jobs_repository.hpp"
#include "server/storage/outbox_repository.hpp"
#include "server/storage/people_repository.hpp"
#include "server/storage/phone_repository.hpp"
#include "server/storage/records.hpp"
#include "server/storage/report_repository.hpp"
#include "server/storage/reservation_repository.hpp"
#include "server/storage/staff_repository.hpp"
#include "server/storage/unit_repository.hpp"
#include "server/storage/waitlist_repository.hpp"

namespace agrirent::storage {

/// An insert or update hit a unique key (a code, a name, a date that is taken). Nothing of that
/// statement was written; the unit of work may go on or roll back.
class duplicate_key : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The database was written by a newer agrirent: it is refused and left untouched.
class schema_too_new : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A backup's name is taken: a backup never overwrites anything.
class backup_exists : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The database cannot be reached right now (connect failed, connection lost, server shutting
/// down or starting up). Nothing was acknowledged; the same request may succeed shortly (the
/// http layer answers 503 with Retry-After: common/unavailable.hpp). An engine on a local file
/// never throws it.
class unavailable : public temporarily_unavailable {
  public:
    using temporarily_unavailable::temporarily_unavailable;
};

/// The repositories, as reached inside one unit of work.
class repositories {
  public:
    virtual ~repositories() = default;

    virtual reservation_repository& reservations() = 0;
    virtual unit_repository& units() = 0;
    virtual people_repository& people() = 0;
    virtual staff_repository& staff() = 0;
    virtual admin_repository& admin() = 0;
    virtual catalog_repository& catalog() = 0;
    virtual audit_repository& audit() = 0;
    virtual outbox_repository& outbox() = 0;
    virtual jobs_repository& jobs() = 0;
    virtual report_repository& reports() = 0;
    virtual waitlist_repository& waitlist() = 0;
    virtual phone_repository& phones() = 0;

  protected:
    repositories() = default;
    repositories(const repositories&) = default;
    repositories& operator=(const repositories&) = default;
};

/// One transaction. Destroyed without commit(): everything it wrote is rolled back (never
/// throws). Used by one thread; keep it in a named variable for as long as its repositories are
/// used.
class unit_of_work : public repositories {
  public:
    /// Makes the writes durable before it returns. If it throws, nothing was written.
    virtual void commit() = 0;
};

enum class access {
    read,  ///< one consistent snapshot of several reads; never waits for writers
    write, ///< exclusive among writers (of every process on the database) from the start
};

/// A write that decides for itself whether to keep what it wrote: true keeps it, false rolls it
/// back (a refusal). It may throw: its changes are rolled back and the exception reaches the
/// caller of database::write_grouped.
using grouped_write = std::function<bool(repositories&)>;

/// How an engine is opened (from the server's configuration).
struct open_settings {
    std::size_t connections = 8; ///< at most this many units of work at once
    bool migrate = true;         ///< bring the schema up to date (false: use it as it is)
    /// The dump program of an engine whose backups are made by an external tool (PostgreSQL:
    /// pg_dump); empty: looked up on PATH.
    std::filesystem::path dump_program;
};

class database {
  public:
    virtual ~database() = default;
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    /// A unit of work: blocks while every connection is busy (and, for a write, while another
    /// write is in progress).
    [[nodiscard]] virtual std::unique_ptr<unit_of_work> begin(access mode) = 0;

    /// Runs `job` as one write and returns once what it kept is durable, sharing that commit with
    /// the jobs other threads submit at the same moment (group commit: one disk flush for
    /// many bookings). Jobs run one after another, each seeing the ones before, so a check and
    /// its insert stay one decision per job; a job's refusal or exception undoes only its own
    /// changes. If the shared commit fails, every job of it gets that error and nothing is kept.
    virtual void write_grouped(const grouped_write& job) = 0;

    /// A number that changes whenever a write is committed (by this process, and on an engine
    /// shared by several servers, by any of them): equal before and after a read means no write
    /// in between, so a result computed from that read is still current (the read caches rely
    /// on it). Read it before the read begins. If the database cannot be asked, a value never
    /// returned before.
    [[nodiscard]] virtual std::uint64_t data_version() const noexcept = 0;

    /// A number that changes whenever any process on this database commits a change to what the
    /// catalog is loaded from (catalog_repository: branches, calendars, types, categories,
    /// discounts, settings). A server that shares its database with others polls it and reloads
    /// its catalog when it changes (issue 12); an engine of one process may return a constant
    /// (its admin service reloads after each commit).
    [[nodiscard]] virtual std::uint64_t catalog_version() const noexcept = 0;

    /// Whether the database answers at all (GET /healthz).
    [[nodiscard]] virtual bool ping() = 0;

    /// Sliding-window request counting shared by every server on the database (the public rate
    /// limits of API.md): records a request for `key` at `now` and returns true, or returns false
    /// when `limit` requests of `key` already happened in the minute before (then not recorded).
    /// std::nullopt: this engine serves one process, the caller counts in memory. Runs outside
    /// any unit of work and never waits for writers.
    [[nodiscard]] virtual std::optional<bool> count_request(std::string_view key, int limit,
                                                            sys_seconds now) = 0;

    /// Writes a consistent, durable copy of the whole database into `target` (which must not
    /// exist; its folder is created) while others keep reading and writing; returns its size in
    /// bytes. Throws backup_exists if `target` is taken, or std::runtime_error if this engine's
    /// backup tool is missing (its message says where the manual procedure is documented).
    virtual std::uintmax_t backup_to(const std::filesystem::path& target) = 0;

    /// Group commit figures, for /metrics.
    struct write_stats {
        std::uint64_t batches = 0;
        std::uint64_t jobs = 0;
    };
    [[nodiscard]] virtual write_stats grouped_write_stats() const = 0;

  protected:
    database() = default;
};

/// Opens the database at `location` with its schema brought up to date (numbered migrations),
/// choosing the engine from the location: a `postgresql://` or `postgres://` URI is PostgreSQL,
/// anything else a SQLite file path. Throws schema_too_new (the database untouched),
/// unavailable (the server cannot be reached) or std::runtime_error.
std::unique_ptr<database> open_database(const std::string& location, const open_settings& settings);

/// Whether `location` names a database on a database server (a PostgreSQL URI), not a file.
[[nodiscard]] bool is_server_location(std::string_view location) noexcept;

/// `location` fit for logs and messages: a URI without its password.
[[nodiscard]] std::string printable_location(const std::string& location);

} // namespace agrirent::storage
