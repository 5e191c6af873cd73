#pragma once
// JSON text for responses. Boost.JSON 1.81 writes every double in scientific notation
// (157.5 → "1.575E2"), which is valid JSON but not what a person reading an answer, a log or a
// shell script expects; this writes the shortest decimal that reads back as the same double
// (std::to_chars, fixed notation), e.g. 157.5, 520.0, 0.1. Everything else is as
// boost::json::serialize writes it.
#include <string>

#include <boost/json/fwd.hpp>

namespace agrirent::http {

[[nodiscard]] std::string to_json_text(const boost::json::value& v);

/// One double as JSON text: shortest round-trip fixed decimal, ".0" added to whole numbers so that
/// it still parses as a double; NaN and infinities (not JSON) as null, as Boost.JSON does.
[[nodiscard]] std::string json_number_text(double d);

} // namespace agrirent::http
