#include "server/api/csv.hpp"

namespace agrirent::api {

std::string csv_text(std::string_view value) {
    std::string cell;
    if (!value.empty()) {
        const char first = value.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
            first == '\r') {
            cell += '\'';
        }
    }
    cell += value;
    const bool needs_quotes = cell.find_first_of(",\"\r\n") != std::string::npos ||
                              (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
    if (!needs_quotes) {
        return cell;
    }
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string csv_number(long long value) {
    return std::to_string(value);
}

void append_csv_record(std::string& out, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& f : fields) {
        if (!first) {
            out += ',';
        }
        first = false;
        out += f;
    }
    out += "\r\n";
}

} // namespace agrirent::api
