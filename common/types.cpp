#include "common/types.hpp"

#include <array>
#include <utility>

namespace agrirent {
namespace {

template <class E, std::size_t N>
std::optional<E> parse_enum(const std::array<std::pair<E, std::string_view>, N>& names,
                            std::string_view s) noexcept {
    for (const auto& [e, name] : names) {
        if (name == s) {
            return e;
        }
    }
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view enum_name(const std::array<std::pair<E, std::string_view>, N>& names,
                           E e) noexcept {
    for (const auto& [value, name] : names) {
        if (value == e) {
            return name;
        }
    }
    return "?";
}

constexpr std::array status_names{
    std::pair{status::requested, std::string_view{"requested"}},
    std::pair{status::confirmed, std::string_view{"confirmed"}},
    std::pair{status::checked_out, std::string_view{"checked_out"}},
    std::pair{status::returned, std::string_view{"returned"}},
    std::pair{status::rejected, std::string_view{"rejected"}},
    std::pair{status::cancelled, std::string_view{"cancelled"}},
    std::pair{status::no_show, std::string_view{"no_show"}},
};
constexpr std::array channel_names{
    std::pair{channel::web, std::string_view{"web"}},
    std::pair{channel::phone, std::string_view{"phone"}},
    std::pair{channel::counter, std::string_view{"counter"}},
    std::pair{channel::system, std::string_view{"system"}},
};
constexpr std::array role_names{
    std::pair{role::farmer, std::string_view{"farmer"}},
    std::pair{role::operator_, std::string_view{"operator"}},
    std::pair{role::clerk, std::string_view{"clerk"}},
    std::pair{role::admin, std::string_view{"admin"}},
    std::pair{role::system, std::string_view{"system"}},
};
constexpr std::array unit_status_names{
    std::pair{unit_status::available, std::string_view{"available"}},
    std::pair{unit_status::out, std::string_view{"out"}},
    std::pair{unit_status::cleaning, std::string_view{"cleaning"}},
    std::pair{unit_status::maintenance, std::string_view{"maintenance"}},
    std::pair{unit_status::retired, std::string_view{"retired"}},
};

} // namespace

std::string_view to_string(status s) noexcept {
    return enum_name(status_names, s);
}
std::optional<status> parse_status(std::string_view s) noexcept {
    return parse_enum(status_names, s);
}
std::string_view to_string(channel c) noexcept {
    return enum_name(channel_names, c);
}
std::optional<channel> parse_channel(std::string_view s) noexcept {
    return parse_enum(channel_names, s);
}
std::string_view to_string(role r) noexcept {
    return enum_name(role_names, r);
}
std::optional<role> parse_role(std::string_view s) noexcept {
    return parse_enum(role_names, s);
}
std::string_view to_string(unit_status s) noexcept {
    return enum_name(unit_status_names, s);
}
std::optional<unit_status> parse_unit_status(std::string_view s) noexcept {
    return parse_enum(unit_status_names, s);
}

} // namespace agrirent
