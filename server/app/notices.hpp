#pragma once
// Texts of the messages sent to farmers' phones (DOMAIN.md §9), in Korean: short enough for an
// SMS/LMS, with the booking code and the office phone number.
#include <optional>
#include <string>
#include <string_view>

#include "server/app/catalog.hpp"
#include "server/storage/records.hpp"

namespace agrirent::app {

enum class notice { request, confirmation, reminder, overdue, cancellation, rejection, moved };
std::string_view to_string(notice n) noexcept;

/// "5월 24일(일) 17:00" on the branch's wall clock.
std::string korean_instant(const date::time_zone* zone, sys_seconds t);
/// "5월 24일(일)".
std::string korean_date(local_days d);

/// What a message says beyond the plan: the delivery (DOMAIN.md §15: mode, address, when the
/// office brings it and, for a round trip, fetches it) and the group (§16).
struct notice_extras {
    std::optional<delivery_request> delivery;
    std::optional<std::string> group_name;
};

std::string notice_text(notice kind, const storage::reservation_row& r, const branch_info& branch,
                        const type_info& type);

/// The same text in two steps, for a booking whose code is drawn inside its write unit of work:
/// everything but the ending (booking code, office phone) formatted beforehand, outside it…
std::string notice_text_before_code(notice kind, const rental_plan& plan, const branch_info& branch,
                                    const type_info& type, const notice_extras& extras);
/// The text without extras (no delivery, no group).
std::string notice_text_before_code(notice kind, const rental_plan& plan, const branch_info& branch,
                                    const type_info& type);
/// …and completed with the code once drawn.
std::string with_booking_code(std::string before_code, std::string_view code,
                              const branch_info& branch);

} // namespace agrirent::app
