#include "server/app/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include <date/date.h>

namespace agrirent::log {
namespace {
std::atomic<int> current{static_cast<int>(level::info)};
std::mutex out;
constexpr std::string_view names[] = {"error", "warn", "info", "debug"};
} // namespace

void set_level(std::string_view name) {
    for (int i = 0; i < 4; ++i) {
        if (names[i] == name) {
            current = i;
        }
    }
}

bool enabled(level l) noexcept {
    return static_cast<int>(l) <= current.load();
}

void write(level l, std::string_view message) {
    if (!enabled(l)) {
        return;
    }
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const std::string line = date::format("%FT%TZ", now) + " " +
                             std::string{names[static_cast<int>(l)]} + " " + std::string{message} +
                             "\n";
    const std::lock_guard lock{out};
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace agrirent::log
