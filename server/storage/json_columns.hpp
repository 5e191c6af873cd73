#pragma once
// Lists stored as JSON arrays in TEXT columns (phones, checklists, discount scopes), the same in
// every engine.
#include <string>
#include <string_view>
#include <vector>

namespace agrirent::storage {

/// Parses a JSON array of strings; anything else (or non-string elements) yields an empty list.
std::vector<std::string> parse_string_array(std::string_view json);

/// Serialises a list of strings as a JSON array.
std::string to_json_array(const std::vector<std::string>& items);

} // namespace agrirent::storage
