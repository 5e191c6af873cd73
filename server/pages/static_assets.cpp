#include "server/pages/static_assets.hpp"

#include <cstdint>
#include <cstdio>
#include <vector>

#include "server/pages/page_support.hpp"
#include "server/views/embedded.hpp"

namespace agrirent::pages {
namespace {

std::string_view content_type_of(std::string_view name) {
    struct row {
        std::string_view ext;
        std::string_view type;
    };
    static constexpr row types[] = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (const auto& t : types) {
        if (name.ends_with(t.ext)) {
            return t.type;
        }
    }
    return "application/octet-stream";
}

/// 64-bit FNV-1a: not for security, only to tell versions apart.
std::string content_hash(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

const std::vector<asset>& assets() {
    static const auto table = [] {
        std::vector<asset> out;
        for (const auto& f : views::static_files()) {
            out.push_back({f.name, content_type_of(f.name), f.bytes, content_hash(f.bytes)});
        }
        return out;
    }();
    return table;
}

} // namespace

const asset* find_asset(std::string_view name) noexcept {
    for (const auto& a : assets()) {
        if (a.name == name) {
            return &a;
        }
    }
    return nullptr;
}

std::string asset_href(std::string_view name) {
    const auto* a = find_asset(name);
    if (a == nullptr) {
        return "/static/" + std::string{name};
    }
    return "/static/" + std::string{name} + "?v=" + a->version;
}

void add_static_routes(http::router& r) {
    r.add("GET", "/static/{file}", [](http::context& ctx) {
        const auto* a = find_asset(ctx.param("file"));
        if (a == nullptr) {
            return not_found_page(ctx);
        }
        http::response res;
        res.set_header("content-type", std::string{a->content_type});
        const std::string etag = "\"" + a->version + "\"";
        res.set_header("etag", etag);
        // The current version's URL never changes content: cache it for a year. Any other URL
        // (no or an old ?v=) must be revalidated, so an old page still gets the new file.
        res.set_header("cache-control", ctx.query_value("v") == a->version
                                            ? "public, max-age=31536000, immutable"
                                            : "no-cache");
        add_security_headers(res);
        if (ctx.req.header_value("if-none-match") == etag) {
            res.status = 304;
            return res;
        }
        res.body = std::string{a->bytes};
        return res;
    });
}

} // namespace agrirent::pages
