#pragma once
// iCalendar (RFC 5545) text for a reservation's pickup, so farmers can add it to their phone.
#include <string>
#include <string_view>

#include "common/types.hpp"

namespace agrirent::api {

struct ics_event {
    std::string uid;
    sys_seconds start;
    sys_seconds end;
    sys_seconds stamp;
    std::string summary;
    std::string location;
    std::string description;
};

/// A VCALENDAR with one VEVENT (and a reminder an hour before); lines end in CRLF and are
/// folded at 75 octets without splitting UTF-8 sequences; text is escaped.
std::string make_ics(const ics_event& e);

/// RFC 5545 TEXT escaping: backslash, semicolon, comma, newline.
std::string ics_escape(std::string_view text);

} // namespace agrirent::api
