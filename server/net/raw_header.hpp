#pragma once
// Checks on the raw bytes of a request's header block that Beast's parser cannot make for us:
// it accepts obsolete line folding and hands the unfolded value on, so after parsing the fold is
// invisible (RFC 9112 §5.2 says a server must refuse it or replace it; we refuse, 400).
#include <cstddef>
#include <string_view>

namespace agrirent::net {

/// Where the first header block in `bytes` ends (just past its empty line, CRLF CRLF), or npos
/// while it is incomplete.
[[nodiscard]] inline std::size_t header_block_end(std::string_view bytes) noexcept {
    const auto at = bytes.find("\r\n\r\n");
    return at == std::string_view::npos ? at : at + 4;
}

/// True when a line of the header block starts with a space or tab: obsolete line folding
/// (obs-fold = CRLF 1*( SP / HTAB )), or whitespace before the first field line (§2.2).
[[nodiscard]] inline bool has_obs_fold(std::string_view header_block) noexcept {
    for (auto at = header_block.find('\n');
         at != std::string_view::npos && at + 1 < header_block.size();
         at = header_block.find('\n', at + 1)) {
        const char next = header_block[at + 1];
        if (next == ' ' || next == '\t') {
            return true;
        }
    }
    return false;
}

} // namespace agrirent::net
