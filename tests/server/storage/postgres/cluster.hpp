#pragma once
// The PostgreSQL cluster of the tests (env AGRIRENT_TEST_PG, a maintenance database's URI): fresh
// databases for one test each, and SQL run beside the server under test. Plain libpq, so nothing
// here goes through the code under test.
#include <atomic>
#include <cstdlib>
#include <libpq-fe.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace agrirent::test::pg_cluster {

/// The maintenance URI, or "" when the env var is unset.
inline std::string base_uri() {
    const char* uri = std::getenv("AGRIRENT_TEST_PG");
    return uri != nullptr ? uri : "";
}

/// `uri` with its database name replaced by `name`.
inline std::string with_database(const std::string& uri, const std::string& name) {
    const auto scheme = uri.find("://");
    if (scheme == std::string::npos) {
        throw std::invalid_argument("AGRIRENT_TEST_PG is not a postgresql:// URI: " + uri);
    }
    const auto query = uri.find('?', scheme + 3);
    const auto slash = uri.find('/', scheme + 3);
    const auto host_end = std::min(slash, query);
    std::string out = uri.substr(0, host_end == std::string::npos ? uri.size() : host_end);
    out += "/" + name;
    if (query != std::string::npos) {
        out += uri.substr(query);
    }
    return out;
}

/// The database name of a URI made by with_database.
inline std::string database_of(const std::string& uri) {
    const auto scheme = uri.find("://");
    const auto slash = uri.find('/', scheme + 3);
    const auto query = uri.find('?', slash);
    return uri.substr(slash + 1,
                      query == std::string::npos ? std::string::npos : query - slash - 1);
}

struct conn_closer {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
using conn_ptr = std::unique_ptr<PGconn, conn_closer>;

inline conn_ptr connect(const std::string& uri) {
    conn_ptr c{PQconnectdb(uri.c_str())};
    if (!c || PQstatus(c.get()) != CONNECTION_OK) {
        throw std::runtime_error("cannot connect to " + uri + ": " +
                                 (c ? PQerrorMessage(c.get()) : "out of memory"));
    }
    PQsetNoticeProcessor(
        c.get(), [](void*, const char*) {}, nullptr);
    return c;
}

/// Runs `sql` on `uri`; returns the first column of the first row ("" if none).
inline std::string exec(const std::string& uri, const std::string& sql) {
    const auto c = connect(uri);
    PGresult* r = PQexec(c.get(), sql.c_str());
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const std::string message = PQresultErrorMessage(r);
        PQclear(r);
        throw std::runtime_error(sql + ": " + message);
    }
    std::string first =
        PQntuples(r) > 0 && PQnfields(r) > 0 ? std::string(PQgetvalue(r, 0, 0)) : std::string();
    PQclear(r);
    return first;
}

/// A new empty database on the cluster; returns its URI.
inline std::string create_database() {
    static std::atomic<int> serial{0};
    const std::string name =
        "agrirent_test_" + std::to_string(::getpid()) + "_" + std::to_string(serial++);
    const auto base = base_uri();
    exec(base, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    exec(base, "CREATE DATABASE " + name);
    return with_database(base, name);
}

/// Drops a database made by create_database (its connections cut).
inline void drop_database(const std::string& uri) {
    exec(base_uri(), "DROP DATABASE IF EXISTS " + database_of(uri) + " WITH (FORCE)");
}

} // namespace agrirent::test::pg_cluster
