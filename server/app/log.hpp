#pragma once
// A minimal leveled logger to stderr (one line per event, timestamped in UTC).
#include <string_view>

namespace agrirent::log {

enum class level { error = 0, warn = 1, info = 2, debug = 3 };

void set_level(std::string_view name);
bool enabled(level l) noexcept;
void write(level l, std::string_view message);

inline void error(std::string_view m) {
    write(level::error, m);
}
inline void warn(std::string_view m) {
    write(level::warn, m);
}
inline void info(std::string_view m) {
    write(level::info, m);
}
inline void debug(std::string_view m) {
    write(level::debug, m);
}

} // namespace agrirent::log
