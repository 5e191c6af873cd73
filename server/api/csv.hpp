#pragma once
// CSV for spreadsheets (issue 4 "CSV export"): RFC 4180 fields and records, with the cells a
// spreadsheet would run as a formula neutralised (OWASP "CSV injection").
#include <initializer_list>
#include <string>
#include <string_view>

namespace agrirent::api {

/// The UTF-8 byte order mark: without it Excel reads a CSV file as the local ANSI code page and
/// garbles Korean text.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// A text cell: a value starting with = + - @ (or a tab or carriage return, which some
/// spreadsheets skip before looking for those) gets a leading single quote so it is shown as
/// text, never evaluated; then the field is quoted (inner quotes doubled) if it contains a comma,
/// a quote, a line break or leading/trailing spaces.
std::string csv_text(std::string_view value);

/// A number cell: written as is (our numbers are never negative, and a quote would make them
/// text).
std::string csv_number(long long value);

/// Appends one record: the fields (already made with csv_text / csv_number) joined by commas,
/// ended by CRLF (RFC 4180).
void append_csv_record(std::string& out, std::initializer_list<std::string> fields);

} // namespace agrirent::api
