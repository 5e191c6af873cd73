#include "server/app/read_cache.hpp"

#include "server/storage/database.hpp"

namespace agrirent::app {

std::shared_ptr<const std::string> read_cache::get(const std::string& key,
                                                   const std::shared_ptr<const catalog>& cat,
                                                   const std::function<std::string()>& make,
                                                   bool packed_form) {
    // Read before make() reads the database: a commit after this point changes the count, so an
    // entry made from a snapshot that missed it is never served once that commit is visible.
    const std::uint64_t commits = db_.data_version();
    std::shared_ptr<const std::string> body;
    {
        const std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it != entries_.end() && it->second.commits == commits && it->second.cat == cat) {
            ++counts_.hits;
            if (!packed_form) {
                return it->second.body;
            }
            if (it->second.packed) {
                return it->second.packed;
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
    if (packed_form) {
        packed = std::make_shared<const std::string>(pack_(*body));
    }
    const std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.body == body) {
        // The entry this body came from: it is still the same entry, add the gzip form.
        if (packed) {
            it->second.packed = packed;
        }
    } else {
        if (entries_.size() >= max_entries_ && it == entries_.end()) {
            entries_.clear(); // bounded memory; a new burst of queries refills it
        }
        entries_[key] = entry{commits, cat, body, packed};
    }
    return packed_form ? packed : body;
}

read_cache::counts read_cache::stats() const {
    const std::lock_guard lock(mutex_);
    return counts_;
}

} // namespace agrirent::app
