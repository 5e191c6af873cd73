#pragma once
// The farmers' pages (issue 5) as pure functions from a view model to HTML. Every text in a
// view model is already in the page's language (page.lang) and plain text: the templates
// escape it. Fixed labels come from the catalogue inside the templates ({{t.…}}).
#include <optional>
#include <string>
#include <vector>

#include "server/views/page.hpp"

namespace agrirent::views {

/// A form field as the person typed it, and what is wrong with it (empty: nothing).
struct field {
    std::string value; // display-safe (http::displayable)
    std::string error; // shown next to the field, in plain words
};

struct phone_link {
    std::string text; // "062-613-5328"
    std::string tel;  // "tel:0626135328"
};

// ---- home ----------------------------------------------------------------------------------

struct branch_card {
    std::string name;
    std::string address;
    std::vector<phone_link> phones;
    std::string hours;                  // "평일 09:00~18:00"
    std::string saturday_season;        // the current or next season, or "" (then "closed")
    std::vector<std::string> discounts; // in force today: "한시적 … 50% (4월 1일 ~ 7월 31일)"
    std::string book_href;              // /book?branch=GS
};

struct type_row {
    std::string name;
    std::string daily_fee; // "60,000원"
    std::string fee_today; // with today's discount, e.g. "오늘 30,000원 (50% 할인)"; or ""
    std::string max_days;  // "최대 3일"
    std::vector<std::string> notes; // "안전교육 이수자만", "담당자 승인 후 확정"
};

struct home_view {
    std::string today; // "2020년 5월 12일 (화)"
    std::vector<branch_card> branches;
    std::vector<type_row> types;
};

// ---- booking flow --------------------------------------------------------------------------

struct choice {
    std::string value; // code
    std::string label;
    std::string detail; // e.g. the daily fee
    bool selected = false;
};

struct calendar_cell {
    bool blank = false;       // a padding cell before the 1st or after the last day
    int day = 0;              // day of the month
    std::string weekday;      // "일" / "Sun": shown when the month becomes a list (200 % zoom)
    std::string date;         // "2020-05-24"
    std::string state;        // css: open, closed, full, past, unknown, later
    std::string short_status; // "휴무", "공휴일", "미정"
    std::string free;         // "2대", or "" when nothing can be booked that day
    std::string label; // full text for screen readers: "5월 24일 (일), 일요일 휴무, 2대"
    std::string href;  // choose this day; empty when it cannot be chosen
    bool selected = false;
    bool today = false;
};

struct calendar_view {
    std::string title; // "2020년 5월"
    std::string prev_href;
    std::string next_href;
    std::string prev_label;            // "4월"
    std::string next_label;            // "6월"
    std::vector<std::string> weekdays; // Sunday first
    std::vector<std::vector<calendar_cell>> weeks;
    std::vector<std::string> closed_days; // "5월 5일 (화): 어린이날"
    std::string saturday_note; // "토요일은 5월 18일 ~ 6월 20일에만 문을 엽니다."
    std::string hint;          // what a click does next
    std::string clear_href;    // forget the chosen days (empty: none chosen)
    // For the live refresh (app.js): the availability API query of this month.
    std::string api_branch;
    std::string api_type;
    std::string api_from;
    std::string api_to;
    std::string unit_word; // "{n}대" pattern pieces for the script: "대" / "free"
};

struct fee_line {
    std::string date;      // "5월 24일 (일)"
    std::string daily_fee; // "60,000원"
    std::string discount;  // "50% 할인 (한시적 임대료 50% 감면)" or ""
    std::string amount;    // "30,000원"
};

/// A rental plan with its fee: the quote before booking and the booking afterwards.
struct plan_view {
    std::string branch;
    std::string type;
    std::string usage;    // "5월 24일 (일), 1일" / "5월 29일 (금) ~ 5월 31일 (일), 3일"
    std::string pickup;   // "5월 23일 (토) 17:00~18:00"
    std::string eve_note; // "" unless an eve pickup: the plain sentence
    std::string eve_pickup; // the part of eve_note set large: "금요일(12월 18일) 오후 5시~6시"
    std::string eve_hours; // its end, never broken across lines: "오후 5시~6시"
    std::string return_by; // "5월 25일 (월) 09:00까지"
    std::vector<fee_line> days;
    std::string gross;     // "60,000원"
    std::string discount;  // "30,000원" or "" when none
    std::string surcharge; // or ""
    std::string total;     // "30,000원"
    // Delivery (DOMAIN.md §15), all "" without: "배달·회수", "임곡동 마을회관 앞 (임곡동)",
    // "5월 12일 (화) 09:00~18:00 배달 · 5월 13일 (수) 17:00 회수", "40,000원".
    std::string delivery_mode;
    std::string delivery_address;
    std::string delivery_when;
    std::string delivery_fee;
};

/// The code step of a farmer's own action (DOMAIN.md §14): 인증번호 받기 → 6 digits → continue,
/// inside the action's own form (works without JavaScript).
struct code_step_view {
    bool shown = false;
    std::string hint; // "예약하려면 휴대폰 인증이 필요합니다. 010-…로 인증번호를 보내 드립니다."
    std::string notice; // "인증번호를 보냈습니다…"
    std::string error;  // wrong code, too many tries, expired, rate limited
};

struct book_view {
    std::vector<choice> branches;
    std::vector<choice> types;
    field branch;
    field type;
    std::string branch_code; // chosen (valid) branch, or ""
    std::string type_code;
    std::string chosen_summary; // "광산본소 · 이앙기(6조)"
    std::string change_href;    // back to choosing branch and type
    std::optional<calendar_view> calendar;
    std::optional<plan_view> quote;
    std::string available;     // "이 기간에 2대를 빌릴 수 있습니다."
    std::string approval_note; // the type needs an operator's confirmation
    bool show_form = false;    // the farmer form (dates, name, phone)
    std::string form_notice;   // e.g. "날짜가 바뀌어 요금을 다시 계산했습니다…"
    std::vector<std::string> errors; // the summary above the form (role=alert)
    field start;
    field end;
    std::string dates_error; // beside the dates: a refusal of the booking rules
    field name;
    field phone;
    field district;
    std::string quoted_start; // the dates the shown quote is for
    std::string quoted_end;
    // Delivery (DOMAIN.md §15): offered when the type is deliverable and the branch delivers.
    bool delivery_offered = false;
    std::vector<choice> delivery_modes; // "" (pickup), one_way, round_trip, with their fees
    std::vector<choice> delivery_areas; // the branch's 읍·면·동
    field delivery_address;
    std::string delivery_error;  // mode, area or a delivery refusal
    std::string delivery_note;   // lead time and hours
    std::string quoted_delivery; // the mode the shown quote is for ("" = pickup)
    // A group booking (DOMAIN.md §16), when the type allows group rentals.
    bool group_offered = false;
    std::string rental;                 // hidden field: "group" or "" (individual)
    std::string rental_individual_href; // the two choices, as links
    std::string rental_group_href;
    std::string rental_note;    // "대표자가 … 4~15일 …"
    bool choose_group = false;  // a representative of several groups chooses one
    std::vector<choice> groups; // theirs, shown only after the form was sent
    std::string group_error;
    // Half days (DOMAIN.md §11): offered when the type allows them.
    bool half_offered = false;
    std::vector<choice> half_choices; // "" (full day), am, pm, with the slot times
    std::string half_note;            // one day only, the rate
    std::string half_error;           // e.g. a half day over several days
    std::string quoted_half;          // the half the shown quote is for ("" = full day)
    // The period was refused for no_capacity: "대기 신청" (DOMAIN.md §13) with these dates.
    bool waitlist_offered = false;
    std::string waitlist_href; // /waitlist/join?branch=…&type=…&start=…&end=…
    std::string min_date;      // for the date inputs: today
    std::string max_date;      // the horizon
    code_step_view code_step;  // DOMAIN.md §14
};

// ---- one booking (result page, look-up) ----------------------------------------------------

struct booking_view {
    bool just_booked = false;
    bool just_cancelled = false;
    std::string code;         // "K7M2Q9XW"
    std::string code_spoken;  // "K 7 M 2, Q 9 X W" for screen readers
    std::string status;       // css / machine value: confirmed, requested, cancelled …
    std::string status_label; // "예약 확정"
    std::string status_note;  // e.g. "담당자가 확인하면 문자로 알려 드립니다."
    std::string farmer;       // name as booked (user data: escaped)
    std::string phone;        // as booked
    std::string group;        // "공동 이용: 새마을작목반" (DOMAIN.md §16), else ""
    plan_view plan;
    std::string come; // "5월 23일 (토) 17:00~18:00에 광산본소로 오세요."
    std::vector<std::string> bring;
    std::string office_name;
    std::string office_address;
    std::vector<phone_link> office_phones;
    std::string ics_href;
    bool can_cancel = false;
    std::string cancel_href;  // the confirmation page
    std::string cancel_until; // "5월 23일 (토) 17:00 전까지 취소할 수 있습니다."
    std::string cancel_error; // a refused cancellation
    std::string print_hint;
    // Extension (연장, DOMAIN.md §12) of a checked-out rental: choose the new end, see the
    // dry run's added days, fee and new return deadline, then confirm.
    bool can_extend = false;
    bool just_extended = false;
    std::string extend_action;       // POST target
    std::vector<choice> extend_days; // the allowed new ends
    std::string extend_limit_note;   // "최대 6일까지 …"
    std::string extend_error;        // a refusal, in words
    std::string extend_end;          // the quoted new end (hidden field of the confirm form)
    std::string extend_added;        // "5월 14일 (목) ~ 5월 15일 (금), 2일"
    std::string extend_fee;          // "120,000원"
    std::string extend_return_by;    // "5월 16일 (토) 09:00까지"
    // DOMAIN.md §14: the code step, inside the quote form (or the confirm form when
    // extend_step_confirm) of the action that waits for it.
    code_step_view extend_step;
    bool extend_step_confirm = false;
};

/// The confirmation step before a farmer cancels.
struct cancel_view {
    std::string code;
    std::string summary; // "광산본소 · 이앙기(6조) · 5월 24일 (일)"
    std::string action;  // POST target
    std::string back_href;
    code_step_view code_step; // DOMAIN.md §14
};

/// Look-up by code and phone (/my, and /booking/{code} without a valid grant).
struct lookup_view {
    std::string intro; // why the phone is asked for
    field code;
    field phone;
    std::vector<std::string> errors;
};

// ---- waitlist (대기자, DOMAIN.md §13) --------------------------------------------------------

/// Joining the waitlist: the period refused for no_capacity, the farmer's name and phone.
struct waitlist_join_view {
    std::string branch; // codes, hidden fields
    std::string type;
    std::string start;
    std::string end;
    std::string half; // DOMAIN.md §11: "am", "pm" or "" (whole days)
    std::string summary; // "광산본소 · 관리기 · 5월 14일 (목), 1일[ · 오전 09:00–13:00]"
    std::string back_href;
    field name;
    field phone;
    std::vector<std::string> errors;
    code_step_view code_step; // DOMAIN.md §14
};

/// One waitlist entry as its farmer sees it (/waitlist/{code}).
struct waitlist_entry_view {
    std::string notice; // "대기 신청을 받았습니다." / declined / cancelled
    std::string code;
    std::string code_spoken;
    std::string status; // waiting, offered, booked, …
    std::string status_label;
    std::string summary;
    std::string farmer;
    std::string phone;
    std::string position;    // "대기 순번 1번" while waiting
    std::string next;        // what happens next
    std::string offer_until; // "5월 12일 (화) 12:00까지 수락하면 예약됩니다."
    bool offered = false;
    bool can_cancel = false;
    std::string accept_action;
    std::string decline_action;
    std::string cancel_action;
    std::string reservation_href; // once booked
    std::string reservation_code;
    std::string error;
    // DOMAIN.md §14: the code step inside the form of the action that waits for it
    // (step_action: accept, decline or cancel).
    code_step_view code_step;
    std::string step_action;
};

/// Look-up of a waitlist entry by code and phone (/waitlist).
struct waitlist_lookup_view {
    std::string intro;
    field code;
    field phone;
    std::vector<std::string> errors;
};

/// A short page with a heading and a sentence (404, errors).
struct message_view {
    std::string heading;
    std::string text;
};

std::string render_home(const page& p, const home_view& v);
std::string render_book(const page& p, const book_view& v);
std::string render_booking(const page& p, const booking_view& v);
std::string render_cancel(const page& p, const cancel_view& v);
std::string render_lookup(const page& p, const lookup_view& v);
std::string render_message(const page& p, const message_view& v);
std::string render_waitlist_join(const page& p, const waitlist_join_view& v);
std::string render_waitlist_entry(const page& p, const waitlist_entry_view& v);
std::string render_waitlist_lookup(const page& p, const waitlist_lookup_view& v);

} // namespace agrirent::views
