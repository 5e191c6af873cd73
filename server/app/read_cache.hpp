#pragma once
// Finished response bodies of read-heavy queries (availability), reused while they are current:
// an entry is valid as long as no transaction has been committed (storage::database::data_version)
// and the catalog snapshot is the same as when it was made. A stale entry is never served; it is
// remade on the next request. Each entry also keeps a second, packed form of its body (the
// caller's `pack`, e.g. gzip for clients that accept it), made once. Thread-safe.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/app/catalog.hpp"
#include "server/app/services.hpp"

namespace agrirent::storage {
class database;
}

namespace agrirent::app {

class read_cache {
  public:
    /// How a body's packed form is made (the API passes gzip: server/http stays above app/).
    using packer = std::function<std::string(std::string_view body)>;

    read_cache(const storage::database& db, packer pack, std::size_t max_entries = 512)
        : db_(db), pack_(std::move(pack)), max_entries_(max_entries) {}
    /// The cache of the services' database.
    read_cache(const services& s, packer pack, std::size_t max_entries = 512)
        : read_cache(s.db, std::move(pack), max_entries) {}

    /// The body cached under `key` if it is still current for `cat`; otherwise `make()`, which
    /// is then cached. `make` reads the database itself (it must begin its read transaction
    /// after this call starts). With `packed`, the packed form of that body (made once per entry).
    std::shared_ptr<const std::string> get(const std::string& key,
                                           const std::shared_ptr<const catalog>& cat,
                                           const std::function<std::string()>& make,
                                           bool packed = false);

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
        std::shared_ptr<const std::string> packed; // made on the first request that wants it
    };

    const storage::database& db_;
    packer pack_;
    std::size_t max_entries_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, entry> entries_;
    counts counts_;
};

} // namespace agrirent::app
