#pragma once
// A small expected-like result: a value or a domain refusal (STYLE.md: refusals are values).
#include <cassert>
#include <utility>
#include <variant>

#include "common/refusal.hpp"

namespace agrirent {

template <class T>
class result {
  public:
    result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
    result(refusal r) : v_(std::move(r)) {}        // NOLINT: implicit by design
    result(reason code) : v_(refusal{code, {}}) {} // NOLINT: implicit by design

    [[nodiscard]] bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & {
        assert(has_value());
        return std::get<0>(v_);
    }
    const T& value() const& {
        assert(has_value());
        return std::get<0>(v_);
    }
    T&& value() && {
        assert(has_value());
        return std::get<0>(std::move(v_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const refusal& error() const& {
        assert(!has_value());
        return std::get<1>(v_);
    }

  private:
    std::variant<T, refusal> v_;
};

} // namespace agrirent
