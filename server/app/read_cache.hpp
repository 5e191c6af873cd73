#pragma once
// Finished response bodies of read-heavy queries (availability), reused while they are current:
// an entry is valid as long as no transaction has been committed (storage::database::data_version)
// and the catalog snapshot is the same as when it was made. A stale entry is never served; it is
// remade on the next request. Thread-safe.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/app/catalog.hpp"
#include "server/app/services.hpp"

namespace agrirent::storage {
class database;
}

namespace agrirent::app {

class read_cache {
  public:
    explicit read_cache(const storage::database& db, std::size_t max_entries = 512)
        : db_(db), max_entries_(max_entries) {}
    /// The cache of the services' database.
    explicit read_cache(const services& s, std::size_t max_entries = 512)
        : read_cache(s.db, max_entries) {}

    /// The body cached under `key` if it is still current for `cat`; otherwise `make()`, which
    /// is then cached. `make` reads the database itself (it must begin its read transaction
    /// after this call starts). With `gzipped`, the gzip form of that body (made once per entry).
    std::shared_ptr<const std::string> get(const std::string& key,
                                           const std::shared_ptr<const catalog>& cat,
                                           const std::function<std::string()>& make,
                                           bool gzipped = false);

    struct counts {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
    };
    [[nodiscard]] counts stats() const;

  private:
    struct entry {
        std::uint64_t commits = 0;
        std::shared_ptr<const catalog> cat;
        std::shared_ptr<const std::string> body;
        std::shared_ptr<const std::string> gzipped; // made on the first request that wants it
    };

    const storage::database& db_;
    std::size_t max_entries_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, entry> entries_;
    counts counts_;
};

} // namespace agrirent::app
