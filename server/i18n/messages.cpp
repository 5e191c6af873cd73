#include "server/i18n/messages.hpp"

#include <algorithm>
#include <unordered_map>

namespace agrirent::i18n {
namespace {

// The catalogue, one .inc per part of the product so that each part keeps its own texts.
constexpr entry entries[] = {
#include "server/i18n/admin.inc"
#include "server/i18n/admin_pages.inc"
#include "server/i18n/api.inc"
#include "server/i18n/delivery.inc"
#include "server/i18n/groups.inc"
#include "server/i18n/half_day.inc"
#include "server/i18n/jobs.inc"
#include "server/i18n/pages.inc"
#include "server/i18n/staff.inc"
#include "server/i18n/staff_pages.inc"
#include "server/i18n/staff_extend.inc"
#include "server/i18n/staff_waitlist.inc"
#include "server/i18n/waitlist.inc"
#include "server/i18n/verify.inc"
};

const std::unordered_map<std::string_view, const entry*>& index() {
    static const auto map = [] {
        std::unordered_map<std::string_view, const entry*> m;
        for (const auto& e : entries) {
            m.emplace(e.key, &e);
        }
        return m;
    }();
    return map;
}

} // namespace

std::span<const entry> all() noexcept {
    return entries;
}

std::string_view text(std::string_view key, std::string_view lang) noexcept {
    const auto& m = index();
    const auto it = m.find(key);
    if (it == m.end()) {
        return key;
    }
    return lang == "en" ? it->second->en : it->second->ko;
}

std::string format(std::string_view key, std::string_view lang,
                   const std::vector<std::pair<std::string, std::string>>& values) {
    const std::string_view t = text(key, lang);
    std::string out;
    out.reserve(t.size() + 16);
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] == '{') {
            const auto close = t.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view name = t.substr(i + 1, close - i - 1);
                const auto it = std::find_if(values.begin(), values.end(),
                                             [&](const auto& kv) { return kv.first == name; });
                if (it != values.end()) {
                    out += it->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += t[i];
        ++i;
    }
    return out;
}

} // namespace agrirent::i18n
