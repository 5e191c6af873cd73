#include "server/app/read_cache.hpp"

#include "server/http/compress.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {

std::shared_ptr<const std::string> read_cache::get(const std::string& key,
                                                   const std::shared_ptr<const catalog>& cat,
                                                   const std::function<std::string()>& make,
                                                   bool gzipped) {
    // Read before make() reads the database: a commit after this point changes the count, so an
    // entry made from a snapshot that missed it is never served once that commit is visible.
    const std::uint64_t commits = db_.data_version();
    std::shared_ptr<const std::string> body;
    {
        const std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it != entries_.end() && it->second.commits == commits && it->second.cat == cat) {
            ++counts_.hits;
            if (!gzipped) {
                return it->second.body;
            }
            if (it->second.gzipped) {
                return it->second.gzipped;
            }
            body = it->second.body;
        } else {
            ++counts_.misses;
        }
    }
    if (!body) {
        body = std::make_shared<const std::string>(make());
    }
    std::shared_ptr<const std::string> packed;
    if (gzipped) {
        packed = std::make_shared<const std::string>(http::gzip(*body));
    }
    const std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.body == body) {
        // The entry this body came from: it is still the same entry, add the gzip form.
        if (packed) {
            it->second.gzipped = packed;
        }
    } else {
        if (entries_.size() >= max_entries_ && it == entries_.end()) {
            entries_.clear(); // bounded memory; a new burst of queries refills it
        }
        entries_[key] = entry{commits, cat, body, packed};
    }
    return gzipped ? packed : body;
}

read_cache::counts read_cache::stats() const {
    const std::lock_guard lock(mutex_);
    return counts_;
}

} // namespace agrirent::app
