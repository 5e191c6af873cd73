#pragma once
// Numbers as people read them.
#include <string>

namespace agrirent {

/// The shortest plain decimal that reads back as the same double: 157.5, 520, 0.1 (never
/// 1.575E2 or 157.500000). "nan" / "inf" / "-inf" for the values that are not numbers.
[[nodiscard]] std::string decimal_text(double d);

} // namespace agrirent
