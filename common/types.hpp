#pragma once
// Plain value types of the domain (DOMAIN.md §§1–3). Strong types where mix-ups are easy.
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace agrirent {

using date::local_days;
using sys_seconds = std::chrono::sys_seconds;
using std::chrono::minutes;

/// A string with a tag so that a branch code cannot be passed where a type code is expected.
template <class Tag>
struct tagged_string {
    std::string value;
    tagged_string() = default;
    explicit tagged_string(std::string v) : value(std::move(v)) {}
    friend auto operator<=>(const tagged_string&, const tagged_string&) = default;
};
struct branch_code_tag {};
struct type_code_tag {};
using branch_code = tagged_string<branch_code_tag>; // e.g. "GS"
using type_code = tagged_string<type_code_tag>;     // e.g. "TRACTOR"

/// An amount of money in whole Korean won (DOMAIN.md §7: amounts are whole won).
struct won {
    std::int64_t value = 0;
    friend constexpr auto operator<=>(won, won) = default;
    friend constexpr won operator+(won a, won b) { return {a.value + b.value}; }
    friend constexpr won operator-(won a, won b) { return {a.value - b.value}; }
    constexpr won& operator+=(won b) {
        value += b.value;
        return *this;
    }
};

/// A time of day on a branch's wall clock, minutes after local midnight (e.g. 17:00 = 1020).
using time_of_day = std::chrono::minutes;

/// Usage days start..end, both inclusive (DOMAIN.md §4).
struct period {
    local_days start;
    local_days end;
    [[nodiscard]] int length_days() const { return static_cast<int>((end - start).count()) + 1; }
    friend bool operator==(const period&, const period&) = default;
};

/// An inclusive range of civil dates (Saturday seasons, discounts).
struct date_range {
    local_days from;
    local_days to;
    [[nodiscard]] bool contains(local_days d) const { return from <= d && d <= to; }
    friend bool operator==(const date_range&, const date_range&) = default;
};

/// A half-open interval of instants [from, to) (DOMAIN.md §4: occupancy).
struct interval {
    sys_seconds from;
    sys_seconds to;
    [[nodiscard]] bool overlaps(const interval& o) const { return from < o.to && o.from < to; }
    friend bool operator==(const interval&, const interval&) = default;
};

/// Reservation status (DOMAIN.md §6). "overdue" is not a status: it is checked_out past the
/// return deadline, derived when shown.
enum class status { requested, confirmed, checked_out, returned, rejected, cancelled, no_show };

std::string_view to_string(status s) noexcept;
std::optional<status> parse_status(std::string_view s) noexcept;

/// Live reservations hold capacity and count toward the farmer's limits (DOMAIN.md §5.4, §5.7).
constexpr bool is_live(status s) noexcept {
    return s == status::requested || s == status::confirmed || s == status::checked_out;
}

/// Where a change came from (DOMAIN.md §6: web, phone, counter) plus the system's own actions.
enum class channel { web, phone, counter, system };
std::string_view to_string(channel c) noexcept;
std::optional<channel> parse_channel(std::string_view s) noexcept;

/// Who acts (DOMAIN.md §8). A farmer acts through code + phone.
enum class role { farmer, operator_, clerk, admin, system };
std::string_view to_string(role r) noexcept;
std::optional<role> parse_role(std::string_view s) noexcept;

/// Unit status (DOMAIN.md §3).
enum class unit_status { available, out, cleaning, maintenance, retired };
std::string_view to_string(unit_status s) noexcept;
std::optional<unit_status> parse_unit_status(std::string_view s) noexcept;

/// Units that count toward capacity (DOMAIN.md §3: out and cleaning come back).
constexpr bool counts_for_capacity(unit_status s) noexcept {
    return s != unit_status::maintenance && s != unit_status::retired;
}

} // namespace agrirent
