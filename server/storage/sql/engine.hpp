#pragma once
// One source of each storage query for every engine (docs/architecture.md, "One SQL source
// for both engines"): the queries of server/storage/sql/*_queries.hpp are function templates
// over the engine's connection type. The RAII layers of both engines offer the same statement
// interface (`?` placeholders, prepare_cached, bind_all, step, reset, the column getters); what
// differs is told by the engine's specialization of sql::engine, in sqlite/engine.hpp and
// postgres/engine.hpp. A query that needs its own SQL in one engine (dialect, locking, speed)
// stays in that engine's *_queries.cpp.
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace agrirent::storage::sql {

/// What a query needs to know of the engine behind `Connection`, beyond the common interface:
///   using statement = …;                     the prepared statement type
///   returning_id                             SQL suffix of an INSERT whose new id is wanted
///   refusing_duplicate                       SQL suffix of an INSERT that may hit a unique key
///   refusing_duplicate_returning_id          both at once
///   like                                     a LIKE that ignores ASCII case
///   insert_or_ignore + "INTO …" + or_ignore  an INSERT that skips a row whose unique key is taken
///   static std::int64_t inserted_id(Connection&, statement&)
///       runs the INSERT (with one of the *returning_id suffixes); returns the new row's id
///   static void run_insert(statement&)
///       runs an INSERT with the refusing_duplicate suffix
///   static void run_unanswered(statement&)
///       runs a write whose answer nobody waits for (PostgreSQL: with the next round trip)
/// A duplicate key is reported as the engine's unique-violation error either way.
template <class Connection>
struct engine;

/// A connection of an engine that specialises sql::engine.
template <class C>
concept connection = requires {
    typename engine<C>::statement;
};

template <class C>
using statement_of = typename engine<C>::statement;

/// SQL text with an engine's parts in it, built once per call site:
///   static const std::string insert = concat({"INSERT …", engine<C>::returning_id});
/// (the text is the cache key of prepare_cached, so it must be the same on every call).
inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto part : parts) {
        out += part;
    }
    return out;
}

} // namespace agrirent::storage::sql
