#include "common/numbers.hpp"

#include <array>
#include <charconv>

namespace agrirent {

std::string decimal_text(double d) {
    std::array<char, 512> buf{}; // fixed notation of the largest double needs 309 digits
    const auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), d, std::chars_format::fixed);
    if (ec != std::errc{}) {
        return std::to_string(d);
    }
    return {buf.data(), end};
}

} // namespace agrirent
