#include "server/api/ics.hpp"

#include <date/date.h>

namespace agrirent::api {
namespace {

std::string utc(sys_seconds t) {
    return date::format("%Y%m%dT%H%M%SZ", t);
}

// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence.
void append_line(std::string& out, std::string_view line) {
    std::size_t width = 75;
    while (line.size() > width) {
        std::size_t cut = width;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out.append(line.substr(0, cut)).append("\r\n ");
        line.remove_prefix(cut);
        width = 74; // the leading space counts
    }
    out.append(line).append("\r\n");
}

} // namespace

std::string ics_escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string make_ics(const ics_event& e) {
    std::string out;
    append_line(out, "BEGIN:VCALENDAR");
    append_line(out, "VERSION:2.0");
    append_line(out, "PRODID:-//agrirent//reservation//KO");
    append_line(out, "CALSCALE:GREGORIAN");
    append_line(out, "METHOD:PUBLISH");
    append_line(out, "BEGIN:VEVENT");
    append_line(out, "UID:" + e.uid);
    append_line(out, "DTSTAMP:" + utc(e.stamp));
    append_line(out, "DTSTART:" + utc(e.start));
    append_line(out, "DTEND:" + utc(e.end));
    append_line(out, "SUMMARY:" + ics_escape(e.summary));
    append_line(out, "LOCATION:" + ics_escape(e.location));
    append_line(out, "DESCRIPTION:" + ics_escape(e.description));
    append_line(out, "BEGIN:VALARM");
    append_line(out, "ACTION:DISPLAY");
    append_line(out, "DESCRIPTION:" + ics_escape(e.summary));
    append_line(out, "TRIGGER:-PT1H");
    append_line(out, "END:VALARM");
    append_line(out, "END:VEVENT");
    append_line(out, "END:VCALENDAR");
    return out;
}

} // namespace agrirent::api
