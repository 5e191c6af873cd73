#pragma once
// The staff pages (issue 5 "Staff") as pure functions from a view model to HTML: the login, the
// operators' board, booking for a caller, one reservation, the clerk's day sheet. As with the
// farmers' pages, every text of a view model is already in the page's language and plain text
// (the templates escape it); fixed labels come from the catalogue ({{t.staff.…}}). Every POST
// form includes the session's CSRF token ({{>csrf_field}}) and a `back` field: the page to
// return to afterwards (and to come back to after logging in again).
#include <optional>
#include <string>
#include <vector>

#include "server/views/farmer_views.hpp"
#include "server/views/page.hpp"

namespace agrirent::views {

// ---- pieces shared by the staff pages ------------------------------------------------------

/// A reservation as one line of a staff list.
struct reservation_line {
    std::string code;
    std::string href; // /staff/reservations/CODE
    std::string farmer;
    std::string phone;
    std::string group; // "공동 이용: 새마을작목반" for a group booking (DOMAIN.md §16), else ""
    std::string where;     // "광산본소 · 트랙터"
    std::string usage;     // "5월 22일 (금) ~ 5월 24일 (일), 3일"
    std::string pickup;    // "5월 22일 (금) 09:00~18:00"
    std::string return_by; // "5월 24일 (일) 17:00"
    std::string status;    // css / machine value: confirmed, overdue …
    std::string status_label;
    std::string note; // e.g. the eve-pickup sentence, or "수령 시간 지남"
};

/// A hidden form field.
struct hidden_field {
    std::string name;
    std::string value;
};

/// A form that is only a button (confirm, no-show, a unit's status).
struct action_button {
    std::string action; // POST target
    std::string back;
    std::vector<hidden_field> hidden;
    std::string label;
    std::string css;   // extra button class, e.g. "button-primary"
    std::string error; // a refusal, shown under the button
};

/// A form that asks for a reason (reject, cancel).
struct reason_form {
    std::string action;
    std::string back;
    std::string id; // unique on the page: ids of the input and its error
    std::string label;
    std::string button;
    std::string css;
    std::string value;
    std::string error;
};

/// Moving a reservation to another branch and/or other days (at-risk resolution).
struct move_form {
    std::string action;
    std::string back;
    std::string id;
    std::vector<choice> branches;
    std::string start;
    std::string end;
    std::string error;
};

struct check_item {
    std::string name;  // form field: check_0, check_1 …
    std::string label; // the type's checklist item
    bool checked = false;
};

struct checkout_form {
    std::string action;
    std::string back;
    std::string id;
    std::vector<choice> units; // available units of the right type at that branch
    field hour_meter;
    std::string hour_meter_hint;
    std::vector<check_item> checklist;
    bool paid = false;
    std::string paid_error;
    bool needs_override = false; // outside the pickup window (DOMAIN.md §6)
    std::string override_hint;
    field override_reason;
    std::string error; // a refusal of the whole form
    bool open = false; // shown unfolded (after an error, or on the reservation's page)
};

struct checkin_form {
    std::string action;
    std::string back;
    std::string id;
    field hour_meter;
    std::string hour_meter_hint; // "출고 때 520.5시간"
    std::vector<check_item> checklist;
    field damage_notes;
    bool at_fault = false;
    std::string late_preview; // "지금 받으면 연체료 40,000원 (2일 늦음)"
    std::string error;
    bool open = false;
};

/// A short staff page with a heading, a sentence and links (403, expired forms, errors).
struct staff_message_view {
    std::string heading;
    std::string text;
    std::vector<link> links;
};

// ---- login ---------------------------------------------------------------------------------

struct login_view {
    field username;
    std::string password_error;
    std::string next;  // where to go after logging in (a checked local path), or ""
    std::string intro; // why the page is shown: the session ended, logged out …
    std::string alert; // a refusal without a field: throttled, the form expired
};

/// Extension of a checked-out rental (DOMAIN.md §12): the new end, then the dry run's quote and
/// the confirm button.
struct extend_form {
    std::string action;
    std::string back;
    std::string id;    // ext-<code>: unique on pages that list several rentals
    bool open = false; // unfolded (the reservation's page, or after a dry run or a refusal)
    std::vector<choice> days;
    std::string limit_note;
    std::string error;
    std::string quoted_end; // set after a dry run
    std::string added;
    std::string fee;
    std::string return_by;
};

// ---- the operators' board ------------------------------------------------------------------

struct board_day {
    std::string day;     // "12"
    std::string weekday; // "화"
    std::string label;   // "5월 12일 (화)"
    bool today = false;
    bool weekend = false;
};

struct board_cell {
    std::string text;  // "2", "0", "?"
    std::string state; // free, none, unknown, past
    bool closed = false;
    std::string tag;   // "휴무" on closed days (bookable: eve pickup)
    std::string href;  // book for a caller / who holds it; empty when there is nothing to do
    std::string label; // for screen readers: "광산본소 트랙터 5월 22일 (금): 2대 남음"
    // DOMAIN.md §11, types with half days: "오전 1" and "오후 0" (shown "오전 1 · 오후 0"), else
    // "".
    std::string half_am;
    std::string half_pm;
};

struct board_row {
    std::string type;
    std::vector<board_cell> cells;
};

struct board_branch {
    std::string name;
    std::vector<board_row> rows;
};

struct approval_item {
    reservation_line line;
    action_button confirm;
    reason_form reject;
};

struct risk_item {
    reservation_line line;
    move_form move;
    reason_form cancel;
};

/// A live waitlist entry on the board (DOMAIN.md §13): the queue of each branch and type.
struct waitlist_line {
    std::string position; // "1", or "" for an offer
    std::string code;
    std::string farmer; // "이대기 010-…"
    std::string where;  // "광산본소 · 경운기"
    std::string period; // "5월 12일 (화) ~ 5월 13일 (수)"
    std::string status; // "대기 중", "5월 12일 (화) 12:00까지 제안"
    std::string href;   // the entry's staff page: /staff/waitlist/CODE
};

struct board_view {
    std::string range;     // "5월 12일 (화) ~ 5월 25일 (월)"
    std::string from;      // the first day, for the date field
    std::string prev_href; // two weeks earlier
    std::string next_href;
    std::string today_href;
    std::vector<board_day> days;
    std::vector<board_branch> branches;
    field query; // search by phone or code
    bool searched = false;
    std::vector<reservation_line> results;
    /// Beside `results`, in the same order: the extension control of a checked-out rental
    /// (DOMAIN.md §12), else nullopt.
    std::vector<std::optional<extend_form>> result_extends;
    std::vector<approval_item> approvals;
    std::vector<risk_item> at_risk;
    std::vector<waitlist_line> waitlist; // live entries, by branch, type and age
    std::string alert;                   // a refusal whose form is no longer on the page
};

// ---- booking for a caller ------------------------------------------------------------------

struct staff_book_view {
    std::string summary;       // "광산본소 · 관리기 · 5월 19일 (화)"
    std::string back_href;     // the board
    std::vector<link> lengths; // end days to choose: "1일 · 5월 19일 (화)까지"
    std::optional<plan_view> quote;
    std::string available;   // "이 기간에 2대를 더 빌려줄 수 있습니다."
    std::string dates_error; // a refusal of the booking rules for these days
    bool show_form = false;
    std::vector<std::string> errors;
    std::string branch; // hidden fields of the form
    std::string type;
    std::string start;
    std::string end;
    std::string half; // DOMAIN.md §11: "am", "pm" or "" (whole days)
    std::string from; // the board's first day, to go back to
    field name;
    field phone;
    // A group booking (DOMAIN.md §16), when the type allows group rentals: the group is chosen
    // first (a GET form: the lengths and the quote follow the group's rule), then booked in the
    // representative's name.
    bool group_offered = false;
    std::vector<choice> groups; // value: the group's id ("" = the caller themselves)
    std::string group;          // hidden field of the booking form: the chosen id, or ""
    std::string group_note; // "새마을작목반 · 대표자 010-… · 4~15일, 승인 후 확정"
    // Delivery (DOMAIN.md §15), when the type is deliverable and the branch delivers.
    bool delivery_offered = false;
    std::vector<choice> delivery_modes; // pickup, one_way, round_trip with their fees
    std::vector<choice> delivery_areas; // the branch's 읍·면·동
    field delivery_address;
    std::string delivery_error;  // mode, area or a delivery refusal
    std::string delivery_note;   // lead time and hours
    std::string holders_heading; // "5월 19일 (화)에 이 기종을 잡고 있는 예약"
    std::vector<reservation_line> holders;
    // The waitlist for the caller (DOMAIN.md §13), when the period is refused for no_capacity
    // (or the form was sent and refused): POST /staff/waitlist with these days, name and phone.
    bool waitlist_offered = false;
    field wl_name;
    field wl_phone;
    std::string wl_error;               // a refusal beside the period (e.g. bookable now)
    std::vector<std::string> wl_errors; // the summary above the waitlist form
};

// ---- one reservation -----------------------------------------------------------------------

struct fact {
    std::string label;
    std::string value;
};

struct history_row {
    std::string when;
    std::string who;
    std::string action;
    std::string details;
};

struct staff_reservation_view {
    bool just_booked = false; // the code in large type, to read out to the caller
    std::string code;
    std::string code_spoken;
    std::string status;
    std::string status_label;
    std::string status_note;
    std::string farmer;
    std::string phone;
    std::string group; // "공동 이용: 새마을작목반" (DOMAIN.md §16), else ""
    std::string phone_search_href;
    plan_view plan;
    std::vector<fact> facts;
    bool returned = false;
    bool result_highlight = false; // just checked in: the late fee in large type
    std::string late_fee;          // "40,000원" / "없음"
    std::string late_days;         // "2일 늦게 반납" / "기한 안에 반납"
    bool late = false;
    std::optional<action_button> confirm;
    std::optional<reason_form> reject;
    std::optional<reason_form> cancel;
    std::optional<move_form> move;
    std::optional<action_button> no_show;
    std::optional<checkout_form> checkout;
    std::optional<checkin_form> checkin;
    std::optional<extend_form> extend;
    std::vector<history_row> history;
    std::string back_href;
    std::string back_label;
    std::string alert; // a refusal whose form is no longer on the page
};

// ---- the clerk's day sheet -----------------------------------------------------------------

struct day_item {
    reservation_line line;
    std::optional<checkout_form> checkout;
    std::optional<checkin_form> checkin;
    std::optional<action_button> no_show;
    std::optional<extend_form> extend; // a checked-out rental (DOMAIN.md §12)
};

struct unit_line {
    std::string tag;
    std::string type;
    std::string status; // css
    std::string status_label;
    std::string hour_meter;
    std::string notes;
    std::vector<action_button> actions;
};

/// One stop of the delivery run sheet (DOMAIN.md §15): bring or fetch a machine.
struct run_stop {
    std::string kind;       // css / machine value: delivery, collection
    std::string kind_label; // "배달" / "회수"
    std::string when;       // "09:00~18:00" / "17:00"
    std::string code;
    std::string href;
    std::string farmer;
    std::string phone;
    std::string machine; // "이앙기(6조)"
    std::string unit;    // asset tag, or "" until check-out
    std::string address;
    std::string status_label;
};

/// The day's stops in one 읍·면·동.
struct run_area {
    std::string area;
    std::vector<run_stop> stops;
};

struct day_view {
    std::string branch_name;
    std::string branch_code;
    std::string date;       // "2020-05-12" for the date field
    std::string date_title; // "2020년 5월 12일 (화)"
    std::string day_status; // "09:00~18:00 운영" / "휴무: 일요일"
    std::string prev_href;
    std::string next_href;
    std::string today_href;
    std::vector<link> branches; // other branches (operators, admins)
    bool can_act = false;       // clerks of the branch and admins: the forms
    std::vector<day_item> pickups;
    std::vector<day_item> returns;
    std::vector<day_item> overdue;
    std::vector<day_item> out; // other rentals of the branch out now (to extend, §12)
    std::vector<reservation_line> at_risk;
    std::vector<unit_line> units;
    std::vector<run_area> runs; // deliveries and collections by area (DOMAIN.md §15)
    int run_count = 0;
    bool runs_only = false; // /staff/run-sheet: the run sheet alone, for the driver
    std::string runs_href;  // the run sheet alone, for printing
    std::string printed; // "출력 5월 12일 (화) 10:00 · 광산본소 직원": for the paper copy
    std::string alert;   // a refusal whose form is no longer on the page
};

// ---- a waitlist entry for staff ------------------------------------------------------------

/// /staff/waitlist/{code} (DOMAIN.md §13): an entry for a caller on the phone, with the answers
/// staff give for them: accept (a reservation), decline, cancel.
struct staff_waitlist_view {
    bool just_joined = false; // the code in large type, to read out to the caller
    std::string notice;
    std::string code;
    std::string code_spoken;
    std::string status; // css / machine value: waiting, offered …
    std::string status_label;
    std::string position; // "대기 순번 2번", or ""
    std::string summary;  // "광산본소 · 경운기 · 5월 14일 (목), 1일"
    std::string farmer;
    std::string phone;
    std::string offer_until; // "5월 12일 (화) 11:30까지 수락하면 예약됩니다."
    std::string next;        // what happens next, in words
    std::vector<fact> facts; // joined when, by whom, over which channel
    std::string reservation_code;
    std::string reservation_href; // the staff page of the booking it became
    std::optional<action_button> accept;
    std::optional<action_button> decline;
    std::optional<action_button> cancel;
    std::string error; // a refusal of the last answer (nothing changed)
    std::string back_href;
    std::string back_label;
};

std::string render_staff_message(const page& p, const staff_message_view& v);
std::string render_login(const page& p, const login_view& v);
std::string render_board(const page& p, const board_view& v);
std::string render_staff_book(const page& p, const staff_book_view& v);
std::string render_staff_reservation(const page& p, const staff_reservation_view& v);
std::string render_day(const page& p, const day_view& v);
std::string render_staff_waitlist(const page& p, const staff_waitlist_view& v);

} // namespace agrirent::views
