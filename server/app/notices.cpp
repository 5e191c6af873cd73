#include "server/app/notices.hpp"

#include "common/time.hpp"
#include "server/i18n/messages.hpp"

namespace agrirent::app {

std::string_view to_string(notice n) noexcept {
    switch (n) {
    case notice::request:
        return "request";
    case notice::confirmation:
        return "confirmation";
    case notice::reminder:
        return "reminder";
    case notice::overdue:
        return "overdue";
    case notice::cancellation:
        return "cancellation";
    case notice::rejection:
        return "rejection";
    case notice::moved:
        return "moved";
    }
    return "?";
}

std::string korean_date(local_days d) {
    static constexpr std::string_view weekdays[] = {"일", "월", "화", "수", "목", "금", "토"};
    const date::year_month_day ymd{d};
    return std::to_string(static_cast<unsigned>(ymd.month())) + "월 " +
           std::to_string(static_cast<unsigned>(ymd.day())) + "일(" +
           std::string{weekdays[date::weekday{d}.c_encoding()]} + ")";
}

std::string korean_instant(const date::time_zone* zone, sys_seconds t) {
    return korean_date(local_date_of(zone, t)) + " " +
           format_time_of_day(local_time_of_day(zone, t));
}

std::string notice_text(notice kind, const storage::reservation_row& r, const branch_info& branch,
                        const type_info& type) {
    return with_booking_code(
        notice_text_before_code(kind, r.plan, branch, type, {r.delivery, r.group_name}), r.code,
        branch);
}

std::string with_booking_code(std::string before_code, std::string_view code,
                              const branch_info& branch) {
    const std::string phone = branch.phones.empty() ? std::string{} : branch.phones.front();
    return std::move(before_code) + " 예약번호 " + std::string{code} +
           (phone.empty() ? "" : ", 문의 " + phone);
}

namespace {

/// The messages are sent in Korean (a farmer has no language of their own); their parts live
/// in server/i18n in both languages like every text.
constexpr std::string_view message_lang = "ko";

/// " 배달: {address} ({area}), 5월 23일(토) 09:00~18:00 도착. 회수 5월 26일(화) 09:00." — the
/// delivery window as on the run sheet: the branch's delivery hours within the pickup window,
/// else (the branch stopped delivering, or its hours do not meet it) the pickup window.
std::string delivery_part(const delivery_request& d, const rental_plan& plan,
                          const branch_info& branch) {
    const auto* zone = branch.calendar.zone;
    std::optional<interval> slot;
    if (branch.delivery) {
        slot = delivery_slot(branch.calendar, *branch.delivery, plan);
    }
    const interval when = slot.value_or(plan.pickup);
    const std::string window = korean_instant(zone, when.from) + "~" +
                               format_time_of_day(local_time_of_day(zone, when.to));
    std::string out =
        " " + i18n::format(d.mode == delivery_mode::round_trip ? "sms.delivery_round_trip"
                                                               : "sms.delivery_one_way",
                           message_lang,
                           {{"address", d.address}, {"area", d.area}, {"when", window}});
    if (d.mode == delivery_mode::round_trip) {
        out += " " + i18n::format("sms.collection", message_lang,
                                  {{"when", korean_instant(zone, plan.return_by)}});
    }
    return out;
}

} // namespace

std::string notice_text_before_code(notice kind, const rental_plan& plan, const branch_info& branch,
                                    const type_info& type, const notice_extras& extras) {
    std::string text = notice_text_before_code(kind, plan, branch, type);
    if (extras.group_name && kind != notice::overdue) {
        text += " " + i18n::format("sms.group", message_lang, {{"name", *extras.group_name}});
    }
    const bool says_when = kind == notice::request || kind == notice::confirmation ||
                           kind == notice::reminder || kind == notice::moved;
    if (extras.delivery && says_when) {
        text += delivery_part(*extras.delivery, plan, branch);
    }
    return text;
}

std::string notice_text_before_code(notice kind, const rental_plan& plan, const branch_info& branch,
                                    const type_info& type) {
    const auto* zone = branch.calendar.zone;
    const std::string what = type.type.name_ko + " (" + branch.name_ko + ")";
    const std::string days =
        plan.usage.start == plan.usage.end
            ? korean_date(plan.usage.start)
            : korean_date(plan.usage.start) + "~" + korean_date(plan.usage.end);
    const std::string pickup = korean_instant(zone, plan.pickup.from) + "~" +
                               format_time_of_day(local_time_of_day(zone, plan.pickup.to));
    const std::string back = korean_instant(zone, plan.return_by);
    switch (kind) {
    case notice::request:
        return "[농기계임대] 예약 신청 접수: " + what + " " + days +
               ". 담당자 확인 후 확정 문자를 보내드립니다.";
    case notice::confirmation:
        return "[농기계임대] 예약 확정: " + what + " " + days + ". 수령 " + pickup +
               (plan.eve ? "(사업소가 쉬는 날이라 미리 수령)" : "") + ", 반납 " + back +
               "까지. 신분증을 지참하세요.";
    case notice::reminder:
        return "[농기계임대] 내일 수령 안내: " + what + " 수령 " + pickup + ", 반납 " + back +
               "까지.";
    case notice::overdue:
        return "[농기계임대] 반납 기한(" + back + ")이 지났습니다. 연체료가 부과될 수 있으니 " +
               "빨리 반납해 주세요: " + what + ".";
    case notice::cancellation:
        return "[농기계임대] 예약 취소: " + what + " " + days + ".";
    case notice::rejection:
        return "[농기계임대] 예약을 확정하지 못했습니다: " + what + " " + days + ".";
    case notice::moved:
        return "[농기계임대] 예약 변경: " + what + " " + days + ", 수령 " + pickup + ", 반납 " +
               back + "까지.";
    }
    return {};
}

} // namespace agrirent::app
