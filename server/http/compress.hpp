#pragma once
// gzip content coding (RFC 9110 §8.4.1.3) for clients that ask for it: every browser and phone
// does, and on a slow rural connection a 100 KB availability answer or a page shrinks to a few KB.
// zlib does the compressing.
#include <string>
#include <string_view>

#include "server/http/message.hpp"

namespace agrirent::http {

/// The gzip stream of `data` (zlib level 1–9).
[[nodiscard]] std::string gzip(std::string_view data, int level = 6);

/// The inverse, for tests and tools. Throws std::runtime_error on a malformed stream.
[[nodiscard]] std::string gunzip(std::string_view data);

/// True if the request's Accept-Encoding admits gzip: a `gzip`, `x-gzip` or `*` entry whose
/// q-value is not 0.
[[nodiscard]] bool accepts_gzip(const request& req);

/// Whether a response of this content type is worth compressing (text, JSON, JavaScript, SVG).
[[nodiscard]] bool compressible(std::string_view content_type);

/// Compresses `res.body` in place if the client accepts gzip, the body is a compressible type of
/// at least 1 KiB and not already encoded; adds `Vary: Accept-Encoding` to every compressible
/// response either way, so caches keep the two forms apart.
void compress_response(const request& req, response& res);

} // namespace agrirent::http
