#include "server/http/compress.hpp"

#include <cctype>
#include <stdexcept>
#include <zlib.h>

namespace agrirent::http {
namespace {

constexpr std::size_t min_compressed_size = 1024;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// "q=0", "q=0.0", "q=0.000" refuse the coding; anything else (or no q) accepts it.
bool q_is_zero(std::string_view params) {
    while (!params.empty()) {
        const auto semi = params.find(';');
        const auto param = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
        if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
            const auto value = trim(param.substr(2));
            if (value.empty() || value[0] != '0') {
                return false;
            }
            for (const char c : value.substr(1)) {
                if (c != '.' && c != '0') {
                    return false;
                }
            }
            return true;
        }
    }
    return false;
}

} // namespace

std::string gzip(std::string_view data, int level) {
    z_stream zs{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: deflateInit2 failed");
    }
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH); // deflateBound: one call always finishes
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        throw std::runtime_error("gzip: deflate did not finish");
    }
    return out;
}

std::string gunzip(std::string_view data) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) {
        throw std::runtime_error("gunzip: inflateInit2 failed");
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buffer[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - zs.avail_out);
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        throw std::runtime_error("gunzip: malformed gzip stream");
    }
    return out;
}

bool accepts_gzip(const request& req) {
    std::string_view list = req.header_value("accept-encoding");
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = trim(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        const auto semi = item.find(';');
        const std::string coding = lower(trim(item.substr(0, semi)));
        if (coding == "gzip" || coding == "x-gzip" || coding == "*") {
            return semi == std::string_view::npos || !q_is_zero(item.substr(semi + 1));
        }
    }
    return false;
}

bool compressible(std::string_view content_type) {
    const std::string type = lower(content_type.substr(0, content_type.find(';')));
    return type.starts_with("text/") || type == "application/json" ||
           type == "application/javascript" || type == "image/svg+xml";
}

void compress_response(const request& req, response& res) {
    if (!compressible(res.header_value("content-type"))) {
        return;
    }
    if (res.header_value("vary").empty()) {
        res.set_header("vary", "Accept-Encoding");
    }
    if (res.body.size() < min_compressed_size || !res.header_value("content-encoding").empty() ||
        req.method == "HEAD" || !accepts_gzip(req)) {
        return;
    }
    res.body = gzip(res.body);
    res.set_header("content-encoding", "gzip");
}

} // namespace agrirent::http
