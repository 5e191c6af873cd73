// The corpus, as a table: hand-written requests for the protocol, limits, static files, methods
// and JSON; generated ones for "hostile text in every field of every write endpoint" (a valid
// request with one field replaced). Every entry is one concrete request (its exact bytes).
#include "tests/server/hostile/corpus.hpp"

#include <boost/json.hpp>

namespace agrirent::test::hostile {
namespace {

namespace json = boost::json;

// ---- building blocks ---------------------------------------------------------------------------

/// A string literal with NUL bytes in it, all of it.
template <std::size_t N>
std::string bin(const char (&text)[N]) {
    return std::string(text, N - 1);
}

std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
    }
    return out;
}

header_list with(header_list h, const std::string& name, const std::string& value) {
    h.emplace_back(name, value);
    return h;
}

std::string json_request(std::string_view method, std::string_view target, const header_list& who,
                         const json::value& body) {
    return request_bytes(method, target, with(who, "Content-Type", "application/json"),
                         json::serialize(body));
}

std::string form_request(std::string_view target, const header_list& who,
                         const std::vector<std::pair<std::string, std::string>>& fields) {
    return request_bytes("POST", target,
                         with(who, "Content-Type", "application/x-www-form-urlencoded"),
                         form(fields));
}

/// Replaces the value at "a.b" (objects only) in a copy of `base`.
json::object replaced(json::object base, std::string_view path, const json::value& v) {
    json::object* at = &base;
    std::string_view rest = path;
    for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
        at = &(*at)[rest.substr(0, dot)].as_object();
        rest.remove_prefix(dot + 1);
    }
    (*at)[rest] = v;
    return base;
}

// ---- hostile values ----------------------------------------------------------------------------

struct payload {
    payload(const char* n, json::value v) : name(n), value(std::move(v)) {}
    const char* name;
    json::value value;
};

// For fields with a format (codes, dates, numbers, booleans, phones, enums, lists): all invalid.
json::value str(std::string_view s) {
    return json::value(json::string(s));
}

std::vector<payload> strict_payloads() {
    return {
        {"SQL quote", str("' OR '1'='1")},
        {"SQL statement", str("1'); DROP TABLE reservations; --")},
        {"SQL union", str("0 UNION SELECT password_hash FROM staff_users")},
        {"HTML script", str("<script>alert(document.cookie)</script>")},
        {"HTML attribute", str("\"><img src=x onerror=alert(1)>")},
        {"NUL byte", str(std::string_view{"GS\0x", 4})},
        {"10 KB string", str(std::string(10000, 'A'))},
        {"operator object", json::value(json::object{{"$ne", nullptr}})},
        {"array", json::value(json::array{"' OR 1=1 --"})},
    };
}

// For free text (names, notes, reasons), where "<script>" or "O'Brien" is a valid value (stored
// as typed and escaped on output, tested in the integration suite): only what is invalid there.
std::vector<payload> text_payloads() {
    return {
        {"NUL byte", str(std::string_view{"a\0b", 3})},
        {"10 KB string", str(std::string(10000, 'A'))},
        {"operator object", json::value(json::object{{"$ne", nullptr}})},
        {"array", json::value(json::array{"x"})},
        {"number", json::value(12345)},
    };
}

// For fields a refusal would still write for (the login's username and password: a failed
// login is recorded, by design): only values of the wrong type, refused before any look-up.
std::vector<payload> type_payloads() {
    return {
        {"operator object", json::value(json::object{{"$ne", nullptr}})},
        {"array", json::value(json::array{"admin"})},
        {"number", json::value(0)},
        {"boolean", json::value(true)},
    };
}

// For lists of free-text items (a type's checklist): a list of anything printable is valid.
std::vector<payload> list_payloads() {
    auto p = strict_payloads();
    p.pop_back(); // the array
    return p;
}

enum class kind { strict, text, typed, list };

struct field {
    std::string path;
    kind k = kind::strict;
};

struct endpoint {
    std::string method;
    std::string target;
    header_list who;
    json::object base;
    std::vector<field> fields;
};

// Query values (reads): the same idea for GET parameters, already URL-encoded.
const std::vector<std::pair<const char*, std::string>>& query_payloads() {
    static const std::vector<std::pair<const char*, std::string>> p = {
        {"SQL quote", url_encode("' OR '1'='1")},
        {"SQL statement", url_encode("x'; DROP TABLE reservations; --")},
        {"HTML script", url_encode("<script>alert(1)</script>")},
        {"NUL byte", "%00"},
        {"invalid UTF-8", "%FF%FE%C0%AF"},
        {"3 KB value", std::string(3000, 'A')},
    };
    return p;
}

// Path segments: the same, for {code}, {tag}, {date}, {id}, {year}, {phone}, {username}.
const std::vector<std::pair<const char*, std::string>>& path_payloads() {
    static const std::vector<std::pair<const char*, std::string>> p = {
        {"SQL quote", url_encode("' OR '1'='1")},
        {"SQL statement", url_encode("1; DROP TABLE units")},
        {"HTML script", url_encode("<script>alert(1)</script>")},
        {"traversal", "..%2F..%2Fetc%2Fpasswd"},
        {"NUL byte", "GS%00"},
    };
    return p;
}

std::vector<std::string> checklist_tractor() {
    return {"타이어 상태", "엔진오일", "유압 장치", "등화 장치", "세척 상태"};
}

json::object all_checked(const std::vector<std::string>& items) {
    json::object o;
    for (const auto& i : items) {
        o[i] = true;
    }
    return o;
}

std::vector<endpoint> write_endpoints(const corpus_context& c) {
    const json::object farmer{
        {"name", "홍길순"}, {"phone", "010-5555-0101"}, {"farm_id", "F-1"}, {"district", "광산구"}};
    const json::object booking{{"branch", "GS"},
                               {"type", "CULTIVATOR"},
                               {"start", "2020-05-20"},
                               {"end", "2020-05-20"},
                               {"farmer", farmer}};
    json::object staff_booking = booking;
    staff_booking["channel"] = "phone";
    staff_booking["farmer"].as_object()["phone"] = "010-5555-0105";
    const json::object hours{{"open", "09:00"},
                             {"close", "18:00"},
                             {"eve_pickup_from", "17:00"},
                             {"return_by", "17:00"},
                             {"booking_cutoff", "17:00"}};
    return {
        // Public API (API.md): a farmer's booking and cancellation.
        {"POST",
         "/api/v1/reservations",
         {},
         booking,
         {{"branch"},
          {"type"},
          {"start"},
          {"end"},
          {"farmer"},
          {"farmer.phone"},
          {"farmer.name", kind::text},
          {"farmer.farm_id", kind::text},
          {"farmer.district", kind::text}}},
        {"POST",
         "/api/v1/reservations/DEMQC7XJ/cancel",
         {},
         {{"phone", "010-2345-6789"}},
         {{"phone"}}},
        // Operators.
        {"POST", "/api/v1/reservations", c.operator_bearer, staff_booking, {{"channel"}}},
        {"POST",
         "/api/v1/reservations/DEMQE7X7/move",
         c.operator_bearer,
         {{"branch", "BB"}, {"start", "2020-05-27"}, {"end", "2020-05-27"}},
         {{"branch"}, {"start"}, {"end"}}},
        {"POST",
         "/api/v1/reservations/DEMQF7XG/reject",
         c.operator_bearer,
         {{"reason", "장비 점검"}},
         {{"reason", kind::text}}},
        {"POST",
         "/api/v1/reservations/DEMQE7X7/cancel",
         c.operator_bearer,
         {{"reason", "전화 취소"}},
         {{"reason", kind::text}}},
        // Clerks.
        {"POST",
         "/api/v1/reservations/DEMQD7XT/checkout",
         c.clerk_bearer,
         {{"unit", "GS-TRACTOR-02"},
          {"hour_meter", 300.5},
          {"paid", true},
          {"checklist", all_checked(checklist_tractor())},
          {"override_reason", "미리 출고"}},
         {{"unit"}, {"hour_meter"}, {"paid"}, {"checklist"}, {"override_reason", kind::text}}},
        {"POST",
         "/api/v1/units/GS-TRACTOR-03/status",
         c.clerk_bearer,
         {{"status", "maintenance"}, {"note", "점검"}},
         {{"status"}, {"note", kind::text}}},
        // Administration.
        {"POST",
         "/api/v1/branches",
         c.admin_bearer,
         {{"code", "NB"},
          {"name_ko", "남부본소"},
          {"name_en", "Nambu"},
          {"phones", json::array{"062-613-0000"}},
          {"address_ko", "광주"},
          {"address_en", "Gwangju"},
          {"hours", hours},
          {"horizon_days", 30}},
         {{"code"},
          {"phones"},
          {"hours"},
          {"hours.open"},
          {"hours.close"},
          {"hours.eve_pickup_from"},
          {"hours.return_by"},
          {"hours.booking_cutoff"},
          {"horizon_days"},
          {"name_ko", kind::text},
          {"address_ko", kind::text}}},
        {"PATCH",
         "/api/v1/branches/GS",
         c.admin_bearer,
         {{"horizon_days", 60}},
         {{"horizon_days"}, {"active"}}},
        {"POST",
         "/api/v1/saturday-seasons",
         c.admin_bearer,
         {{"branch", "GS"}, {"from", "2021-05-18"}, {"to", "2021-06-20"}},
         {{"branch"}, {"from"}, {"to"}}},
        {"POST",
         "/api/v1/holidays",
         c.admin_bearer,
         {{"date", "2021-05-21"}, {"name_ko", "임시공휴일"}, {"name_en", "Temporary"}},
         {{"date"}, {"name_ko", kind::text}}},
        {"POST", "/api/v1/holiday-years", c.admin_bearer, {{"year", 2028}}, {{"year"}}},
        {"POST",
         "/api/v1/closures",
         c.admin_bearer,
         {{"branch", "GS"},
          {"date", "2020-05-29"},
          {"extra_opening", false},
          {"note", "재고 조사"}},
         {{"branch"}, {"date"}, {"extra_opening"}, {"note", kind::text}}},
        {"POST",
         "/api/v1/machine-types",
         c.admin_bearer,
         {{"code", "BALER"},
          {"name_ko", "베일러"},
          {"name_en", "Baler"},
          {"daily_fee", 50000},
          {"max_days", 3},
          {"needs_approval", false},
          {"needs_training", false},
          {"checklist", json::array{"끈", "세척 상태"}}},
         {{"code"},
          {"daily_fee"},
          {"max_days"},
          {"needs_approval"},
          {"needs_training"},
          {"checklist", kind::list},
          {"name_en", kind::text}}},
        {"PATCH",
         "/api/v1/machine-types/TRACTOR",
         c.admin_bearer,
         {{"daily_fee", 95000}},
         {{"daily_fee"}, {"max_days"}, {"active"}}},
        {"POST",
         "/api/v1/units",
         c.admin_bearer,
         {{"tag", "GS-TRACTOR-99"},
          {"type", "TRACTOR"},
          {"branch", "GS"},
          {"hour_meter", 0},
          {"notes", "신규"}},
         {{"tag"}, {"type"}, {"branch"}, {"hour_meter"}, {"notes", kind::text}}},
        {"PATCH",
         "/api/v1/units/GS-TRACTOR-03",
         c.admin_bearer,
         {{"hour_meter", 400}},
         {{"hour_meter"}, {"branch"}}},
        {"POST",
         "/api/v1/discounts",
         c.admin_bearer,
         {{"name_ko", "겨울 할인"},
          {"name_en", "Winter"},
          {"percent", 10},
          {"from", "2021-01-04"},
          {"to", "2021-01-29"},
          {"branches", json::array{"GS"}},
          {"types", json::array{"TRACTOR"}}},
         {{"percent"}, {"from"}, {"to"}, {"branches"}, {"types"}}},
        {"PATCH",
         "/api/v1/discounts/1",
         c.admin_bearer,
         {{"percent", 40}},
         {{"percent"}, {"from"}, {"active"}}},
        {"POST",
         "/api/v1/farmer-categories",
         c.admin_bearer,
         {{"code", "YOUTH"}, {"name_ko", "청년농"}, {"name_en", "Young farmer"}, {"percent", 10}},
         {{"code"}, {"percent"}}},
        {"PATCH",
         "/api/v1/farmer-categories/VETERAN",
         c.admin_bearer,
         {{"percent", 20}},
         {{"percent"}}},
        {"PATCH",
         "/api/v1/settings",
         c.admin_bearer,
         {{"max_live", 3}},
         {{"max_live"}, {"late_multiplier_pct"}, {"session_idle_minutes"}}},
        {"POST",
         "/api/v1/farmers",
         c.admin_bearer,
         {{"phone", "010-5555-0199"},
          {"name", "새농부"},
          {"training_completed_on", "2020-01-02"},
          {"categories", json::array{"VETERAN"}}},
         {{"phone"}, {"training_completed_on"}, {"categories"}, {"name", kind::text}}},
        {"PATCH",
         "/api/v1/farmers/010-1234-5678",
         c.operator_bearer,
         {{"suspension", json::object{{"until", "2020-06-30"}, {"reason", "연락 두절"}}}},
         {{"suspension"}, {"suspension.until"}, {"suspension.reason", kind::text}}},
        {"POST",
         "/api/v1/users",
         c.admin_bearer,
         {{"username", "clerk-nb"},
          {"display_name", "새 직원"},
          {"role", "clerk"},
          {"branch", "GS"},
          {"password", "long-enough-password"}},
         {{"username"}, {"role"}, {"branch"}, {"password", kind::text}}},
        {"PATCH",
         "/api/v1/users/clerk-bb",
         c.admin_bearer,
         {{"active", false}},
         {{"active"}, {"role"}}},
        // Login: a failed login is recorded (throttling, audit), so only wrong types here.
        {"POST",
         "/api/v1/auth/login",
         {},
         {{"username", "admin"}, {"password", "demo-admin-2020"}},
         {{"username", kind::typed}, {"password", kind::typed}}},
    };
}

void add_field_cases(std::vector<hostile_case>& out, const corpus_context& c) {
    for (const auto& e : write_endpoints(c)) {
        for (const auto& f : e.fields) {
            const auto payloads = f.k == kind::strict ? strict_payloads()
                                  : f.k == kind::text ? text_payloads()
                                  : f.k == kind::list ? list_payloads()
                                                      : type_payloads();
            for (const auto& p : payloads) {
                out.push_back(
                    {"field injection", e.method + " " + e.target + " " + f.path + ": " + p.name,
                     json_request(e.method, e.target, e.who, replaced(e.base, f.path, p.value)),
                     false, false, true});
            }
        }
    }
}

// ---- reads: hostile query strings and path segments -------------------------------------------

void add_query_cases(std::vector<hostile_case>& out, const corpus_context& c) {
    struct read_route {
        std::string path;
        header_list who;
        std::vector<std::pair<std::string, std::string>> params; // valid values
        std::vector<std::string> hostile;                        // which params to spoil
    };
    const std::vector<read_route> routes = {
        {"/api/v1/availability",
         {},
         {{"branch", "GS"}, {"type", "CULTIVATOR"}, {"from", "2020-05-18"}, {"to", "2020-05-31"}},
         {"branch", "type", "from", "to"}},
        {"/api/v1/quote",
         {},
         {{"branch", "GS"}, {"type", "CULTIVATOR"}, {"start", "2020-05-20"}, {"end", "2020-05-20"}},
         {"branch", "type", "start", "end"}},
        {"/api/v1/calendar",
         {},
         {{"branch", "GS"}, {"from", "2020-05-01"}, {"to", "2020-05-31"}},
         {"branch", "from"}},
        {"/api/v1/reservations/DEMQC7XJ", {}, {{"phone", "010-2345-6789"}}, {"phone"}},
        {"/api/v1/reservations",
         c.operator_bearer,
         {{"phone", "010-2345-6789"}, {"status", "confirmed"}, {"limit", "10"}},
         {"phone", "status", "limit", "cursor"}},
        {"/api/v1/schedule", c.clerk_bearer, {{"date", "2020-05-22"}}, {"date"}},
        {"/api/v1/units", c.clerk_bearer, {{"status", "available"}}, {"status"}},
        {"/api/v1/reports/revenue",
         c.admin_bearer,
         {{"from", "2020-05-01"}, {"to", "2020-05-31"}},
         {"from", "branch"}},
        {"/api/v1/audit", c.admin_bearer, {{"from", "2020-05-01"}}, {"from"}},
    };
    for (const auto& r : routes) {
        for (const auto& spoiled : r.hostile) {
            for (const auto& [what, value] : query_payloads()) {
                std::string target = r.path;
                char sep = '?';
                bool placed = false;
                for (const auto& [k, v] : r.params) {
                    target += sep + k + "=" + (k == spoiled ? value : url_encode(v));
                    placed = placed || k == spoiled;
                    sep = '&';
                }
                if (!placed) {
                    target += sep + spoiled + "=" + value;
                }
                out.push_back({"query injection", "GET " + r.path + " " + spoiled + ": " + what,
                               request_bytes("GET", target, r.who), false, false, true});
            }
        }
    }
}

void add_path_cases(std::vector<hostile_case>& out, const corpus_context& c) {
    struct path_route {
        std::string method;
        std::string before; // the target up to the spoiled segment
        std::string after;
        header_list who;
        std::string body; // JSON, or empty
    };
    const std::vector<path_route> routes = {
        {"GET", "/api/v1/reservations/", "?phone=010-2345-6789", {}, ""},
        {"POST", "/api/v1/reservations/", "/cancel", {}, R"({"phone":"010-2345-6789"})"},
        {"POST", "/api/v1/reservations/", "/confirm", c.operator_bearer, ""},
        {"POST", "/api/v1/reservations/", "/no-show", c.clerk_bearer, ""},
        {"DELETE", "/api/v1/branches/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/machine-types/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/units/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/holidays/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/holiday-years/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/discounts/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/saturday-seasons/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/closures/", "", c.admin_bearer, ""},
        {"DELETE", "/api/v1/farmer-categories/", "", c.admin_bearer, ""},
        {"PATCH", "/api/v1/farmers/", "", c.admin_bearer, R"({"name":"x"})"},
        {"PATCH", "/api/v1/users/", "", c.admin_bearer, R"({"active":false})"},
        {"GET", "/booking/", "", {}, ""},
        {"POST", "/booking/", "/cancel", {}, ""},
        {"GET", "/staff/reservations/", "", {{"Cookie", c.operator_cookie_only}}, ""},
        {"POST",
         "/staff/reservations/",
         "/confirm",
         {{"Cookie", c.operator_cookie_only}, {"X-CSRF-Token", c.operator_csrf}},
         ""},
    };
    for (const auto& r : routes) {
        for (const auto& [what, value] : path_payloads()) {
            const std::string target = r.before + value + r.after;
            const header_list h =
                r.body.empty() ? r.who : with(r.who, "Content-Type", "application/json");
            out.push_back({"path injection", r.method + " " + r.before + "{" + what + "}" + r.after,
                           request_bytes(r.method, target, h, r.body), false, false,
                           r.before.starts_with("/api/")});
        }
    }
}

// ---- pages: form posts --------------------------------------------------------------------------

void add_form_cases(std::vector<hostile_case>& out, const corpus_context& c) {
    using fields = std::vector<std::pair<std::string, std::string>>;
    const std::vector<std::string> bad = {"' OR '1'='1", "<script>alert(1)</script>",
                                          "1'); DROP TABLE farmers; --", std::string(3000, '9')};
    struct page_form {
        std::string target;
        header_list who;
        std::string csrf; // added as the form's csrf field when not empty
        fields base;
        std::vector<std::string> spoil;
    };
    const fields book{
        {"branch", "GS"},      {"type", "CULTIVATOR"},         {"start", "2020-05-20"},
        {"end", "2020-05-20"}, {"quoted_start", "2020-05-20"}, {"quoted_end", "2020-05-20"},
        {"name", "홍길순"},    {"phone", "010-5555-0102"},     {"district", ""}};
    const std::vector<page_form> forms = {
        {"/book", {}, "", book, {"branch", "type", "start", "end", "phone"}},
        {"/my", {}, "", {{"code", "DEMQC7XJ"}, {"phone", "010-2345-6789"}}, {"code", "phone"}},
        {"/staff/book",
         {{"Cookie", c.operator_cookie_only}},
         c.operator_csrf,
         {{"branch", "GS"},
          {"type", "CULTIVATOR"},
          {"start", "2020-05-20"},
          {"end", "2020-05-20"},
          {"name", "홍길순"},
          {"phone", "010-5555-0103"}},
         {"branch", "type", "start", "phone"}},
        {"/staff/units/GS-TRACTOR-03/status",
         {{"Cookie", c.clerk_cookie_only}},
         c.clerk_csrf,
         {{"status", "maintenance"}, {"note", "점검"}},
         {"status"}},
        {"/staff/admin/holidays",
         {{"Cookie", c.admin_cookie_only}},
         c.admin_csrf,
         {{"date", "2021-05-21"}, {"name_ko", "임시"}, {"name_en", "Temp"}},
         {"date"}},
        {"/staff/admin/types/TRACTOR",
         {{"Cookie", c.admin_cookie_only}},
         c.admin_csrf,
         {{"daily_fee", "90000"}},
         {"daily_fee"}},
    };
    for (const auto& f : forms) {
        for (const auto& name : f.spoil) {
            for (std::size_t i = 0; i < bad.size(); ++i) {
                fields v = f.base;
                for (auto& [k, val] : v) {
                    if (k == name) {
                        val = bad[i];
                    }
                }
                if (!f.csrf.empty()) {
                    v.emplace_back("csrf", f.csrf);
                }
                out.push_back(
                    {"form injection",
                     "POST " + f.target + " " + name + ": payload " + std::to_string(i + 1),
                     form_request(f.target, f.who, v), false, false, false});
            }
        }
    }
}

// ---- authentication and CSRF ----------------------------------------------------------------

void add_auth_cases(std::vector<hostile_case>& out, const corpus_context& c) {
    const std::string holiday = R"({"date":"2021-05-21","name_ko":"임시","name_en":"Temp"})";
    const auto add = [&](std::string name, std::string bytes, bool api = true) {
        out.push_back(
            {"authentication and CSRF", std::move(name), std::move(bytes), false, false, api});
    };
    const header_list json_type{{"Content-Type", "application/json"}};
    for (const auto& [what, token] : std::vector<std::pair<std::string, std::string>>{
             {"garbage bearer token", "garbage"},
             {"SQL in the bearer token", "' OR '1'='1"},
             {"overlong bearer token", std::string(4000, 'a')},
             {"empty bearer token", ""},
             {"NUL in the bearer token", std::string{"abc\x01"}},
         }) {
        add("POST holidays with a " + what,
            request_bytes("POST", "/api/v1/holidays",
                          with(json_type, "Authorization", "Bearer " + token), holiday));
    }
    add("POST holidays with Basic auth",
        request_bytes("POST", "/api/v1/holidays",
                      with(json_type, "Authorization", "Basic YWRtaW46ZGVtby1hZG1pbi0yMDIw"),
                      holiday));
    add("POST holidays with a forged session cookie",
        request_bytes(
            "POST", "/api/v1/holidays",
            with(with(json_type, "Cookie", "agrirent_session=' OR 1=1 --"), "X-CSRF-Token", "x"),
            holiday));
    add("POST holidays with the cookie and no CSRF token",
        request_bytes("POST", "/api/v1/holidays", with(json_type, "Cookie", c.admin_cookie_only),
                      holiday));
    add("POST holidays with the cookie and a wrong CSRF token",
        request_bytes(
            "POST", "/api/v1/holidays",
            with(with(json_type, "Cookie", c.admin_cookie_only), "X-CSRF-Token", c.operator_csrf),
            holiday));
    add("POST holidays with the cookie and an empty CSRF token",
        request_bytes("POST", "/api/v1/holidays",
                      with(with(json_type, "Cookie", c.admin_cookie_only), "X-CSRF-Token", ""),
                      holiday));
    add("PATCH settings with the cookie and no CSRF token",
        request_bytes("PATCH", "/api/v1/settings", with(json_type, "Cookie", c.admin_cookie_only),
                      R"({"max_live":99})"));
    add("DELETE a unit with the cookie and no CSRF token",
        request_bytes("DELETE", "/api/v1/units/GS-TRACTOR-03", {{"Cookie", c.admin_cookie_only}}));
    add("POST holidays as a clerk",
        request_bytes("POST", "/api/v1/holidays",
                      with(c.clerk_bearer, "Content-Type", "application/json"), holiday));
    add("POST holidays as an operator",
        request_bytes("POST", "/api/v1/holidays",
                      with(c.operator_bearer, "Content-Type", "application/json"), holiday));
    add("POST users as a clerk (privilege escalation)",
        request_bytes(
            "POST", "/api/v1/users", with(c.clerk_bearer, "Content-Type", "application/json"),
            R"({"username":"mallory","role":"admin","password":"long-enough-password"})"));
    add("PATCH own user to admin as an operator",
        request_bytes("PATCH", "/api/v1/users/operator",
                      with(c.operator_bearer, "Content-Type", "application/json"),
                      R"({"role":"admin"})"));
    add("no-show at another branch as clerk-gs",
        request_bytes("POST", "/api/v1/reservations/DEMQE7X7/no-show", c.clerk_bearer));
    add("confirm as an anonymous client",
        request_bytes("POST", "/api/v1/reservations/DEMQF7XG/confirm", {}));
    add("cancel someone else's booking with the wrong phone",
        request_bytes("POST", "/api/v1/reservations/DEMQC7XJ/cancel", json_type,
                      R"({"phone":"010-9999-9999"})"));
    add("look up a booking with the wrong phone",
        request_bytes("GET", "/api/v1/reservations/DEMQC7XJ?phone=010-9999-9999"));
    add("the test clock without a JSON body",
        request_bytes("PUT", "/api/v1/test/clock", json_type, "now=2020-01-01"));
    // Pages: forms without the CSRF token, or with another session's.
    add("staff confirm form without CSRF",
        form_request("/staff/reservations/DEMQF7XG/confirm", {{"Cookie", c.operator_cookie_only}},
                     {}),
        false);
    add("staff confirm form with the clerk's CSRF token",
        form_request("/staff/reservations/DEMQF7XG/confirm", {{"Cookie", c.operator_cookie_only}},
                     {{"csrf", c.clerk_csrf}}),
        false);
    add("admin holiday form without CSRF",
        form_request("/staff/admin/holidays", {{"Cookie", c.admin_cookie_only}},
                     {{"date", "2021-05-21"}, {"name_ko", "임시"}, {"name_en", "Temp"}}),
        false);
    add("admin user form as a clerk",
        form_request("/staff/admin/users", {{"Cookie", c.clerk_cookie_only}},
                     {{"username", "mallory"},
                      {"role", "admin"},
                      {"password", "long-enough-password"},
                      {"csrf", c.clerk_csrf}}),
        false);
    add("staff login form without the login cookie",
        form_request("/staff/login", {},
                     {{"username", "admin"}, {"password", "demo-admin-2020"}, {"csrf", "forged"}}),
        false);
    add("staff logout form without CSRF",
        form_request("/staff/logout", {{"Cookie", c.operator_cookie_only}}, {}), false);
}

// ---- hand-written: the protocol, limits, truncation, static files, methods, JSON ----------------

void add_protocol_cases(std::vector<hostile_case>& out) {
    const auto add = [&](std::string name, std::string bytes) {
        out.push_back({"protocol", std::move(name), std::move(bytes), false, false, true});
    };
    add("garbage request line", "garbage garbage garbage\r\n\r\n");
    add("binary noise", bin("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"));
    add("TLS client hello on the plain port",
        bin("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03") + std::string(160, '\x01'));
    add("HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    add("HTTP/9.9", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n");
    add("HTTP/1.1x", "GET /healthz HTTP/1.1x\r\nHost: x\r\n\r\n");
    add("lower-case version", "GET /healthz http/1.1\r\nHost: x\r\n\r\n");
    add("HTTP/2.0 request line", "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n");
    add("two spaces in the request line", "GET  /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    add("tab in the request line", "GET\t/healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    add("NUL in the target", bin("GET /health\0z HTTP/1.1\r\nHost: x\r\n\r\n"));
    add("space in the target", "GET /api/v1/branches x HTTP/1.1\r\nHost: x\r\n\r\n");
    add("control character in the target", "GET /api/v1/\x7f HTTP/1.1\r\nHost: x\r\n\r\n");
    add("absolute-form target (proxy request)", "GET http://example.com/healthz HTTP/1.1\r\nHost: "
                                                "example.com\r\nConnection: close\r\n\r\n");
    add("asterisk-form target", "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    add("target without a slash", "GET healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    add("authority-form target",
        "GET 127.0.0.1:80 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    add("bad percent-encoding in the target",
        "GET /api/v1/quote?branch=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    add("header without a colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    add("space before the colon", "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n");
    add("HTTP/1.1 without Host", "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n");
    add("two Host fields", "GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n");
    add("obsolete line folding", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n");
    add("empty header name", "GET /healthz HTTP/1.1\r\n: x\r\n\r\n");
    add("NUL in a header value", bin("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n"));
    add("CR without LF", "GET /healthz HTTP/1.1\rHost: x\r\n\r\n");
    add("non-token header name", "GET /healthz HTTP/1.1\r\nX(A): 1\r\n\r\n");
    add("Content-Length not a number",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    add("negative Content-Length",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
    add("Content-Length with a sign",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n{}");
    add("two different Content-Lengths",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: "
        "10\r\n\r\n{}");
    add("POST with a booking but no Content-Length (the body is not read)",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
        "application/"
        "json\r\n\r\n{\"branch\":\"GS\",\"type\":\"CULTIVATOR\",\"start\":\"2020-05-20\","
        "\"farmer\":{\"name\":\"a\",\"phone\":\"010-5555-0106\"}}");
    add("two equal Content-Lengths",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
        "application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
    add("Content-Length list",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Length: 2, "
        "10\r\n\r\n{}");
    add("Content-Length overflowing 64 bits",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Length: "
        "99999999999999999999999\r\n\r\n");
    add("Content-Length and chunked together (request smuggling)",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: "
        "chunked\r\n\r\n0\r\n\r\nGET /api/v1/branches HTTP/1.1\r\nHost: x\r\n\r\n");
    add("Transfer-Encoding gzip",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
        "gzip\r\n\r\nabc");
    add("chunked not last", "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                            "chunked, gzip\r\n\r\n0\r\n\r\n");
    add("chunk size not hex", "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                              "chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
    add("chunk size overflowing",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
        "chunked\r\n\r\nffffffffffffffffffff\r\n{}\r\n0\r\n\r\n");
    add("negative chunk size",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
        "chunked\r\n\r\n-2\r\n{}\r\n0\r\n\r\n");
    add("chunk without its CRLF",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
        "chunked\r\n\r\n2\r\n{}XX0\r\n\r\n");
    add("chunked body that is not JSON",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
        "application/json\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n0\r\n\r\n");
    add("Content-Length shorter than the body: the rest is garbage",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
        "application/json\r\nContent-Length: 5\r\n\r\n{\"br\":\"GS\"}garbage\r\n\r\n");
    add("a good request then garbage on the same connection",
        "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n");
}

void add_limit_cases(std::vector<hostile_case>& out) {
    const auto add = [&](std::string name, std::string bytes) {
        out.push_back({"limits", std::move(name), std::move(bytes), false, false, true});
    };
    add("9 KB header",
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9 * 1024, 'a') + "\r\n\r\n");
    add("64 KB header",
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n");
    std::string flood = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 1000; ++i) {
        flood += "X-Flood-" + std::to_string(i) + ": v\r\n";
    }
    add("1000 headers", flood + "\r\n");
    std::string cookies = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 1000; ++i) {
        cookies += "Cookie: agrirent_session=" + std::to_string(i) + "\r\n";
    }
    add("1000 Cookie headers", cookies + "\r\n");
    add("9 KB target",
        "GET /api/v1/quote?x=" + std::string(9 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    add("9 KB method", std::string(9 * 1024, 'G') + " / HTTP/1.1\r\nHost: x\r\n\r\n");
    add("65 KB JSON body",
        request_bytes("POST", "/api/v1/reservations", {{"Content-Type", "application/json"}},
                      "{\"x\":\"" + std::string(65 * 1024, 'a') + "\"}"));
    add("1 MB body",
        request_bytes("POST", "/api/v1/reservations", {{"Content-Type", "application/json"}},
                      std::string(1024 * 1024, '[')));
    add("100 MB announced, nothing sent",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 104857600\r\n\r\n");
    add("100 MB announced with Expect: 100-continue",
        "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Expect: 100-continue\r\nContent-Length: 104857600\r\n\r\n");
    std::string chunks = "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: "
                         "application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 80; ++i) {
        chunks += "400\r\n" + std::string(1024, ' ') + "\r\n";
    }
    add("80 KB in 1 KB chunks", chunks + "0\r\n\r\n");
    std::string tiny = "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: "
                       "application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 30000; ++i) {
        tiny += "1\r\n \r\n";
    }
    add("30000 one-byte chunks (framing 7x the body)", tiny + "0\r\n\r\n");
    std::string trailers = "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: "
                           "application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n";
    for (int i = 0; i < 1000; ++i) {
        trailers += "X-T" + std::to_string(i) + ": " + std::string(20, 'v') + "\r\n";
    }
    add("1000 chunked trailers", trailers + "\r\n");
}

void add_truncated_cases(std::vector<hostile_case>& out) {
    const auto add = [&](std::string name, std::string bytes, bool half_close) {
        out.push_back(
            {"truncated", std::move(name), std::move(bytes), half_close, !half_close, true});
    };
    const std::string post_head = "POST /api/v1/reservations HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                  "application/json\r\n";
    // The client half-closes: the server knows the request will never be complete.
    add("request line cut, then half-close", "GET /api/v1/branch", true);
    add("request line without headers, then half-close", "GET /healthz HTTP/1.1\r\n", true);
    add("header cut mid-name, then half-close", "GET /healthz HTTP/1.1\r\nHo", true);
    add("header cut mid-value, then half-close", "GET /healthz HTTP/1.1\r\nHost: 127.0", true);
    add("headers without the blank line, then half-close", "GET /healthz HTTP/1.1\r\nHost: x\r\n",
        true);
    add("body shorter than Content-Length, then half-close",
        post_head + "Content-Length: 100\r\n\r\n{\"branch\":\"GS\"", true);
    add("chunked body cut in a chunk, then half-close",
        post_head + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"bra", true);
    add("chunked body without the last chunk, then half-close",
        post_head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n", true);
    add("a lone CR, then half-close", "\r", true);
    // The client stays: the server closes the connection after its read timeout.
    add("request line cut, client waits", "GET /api/v1/branch", false);
    add("headers without the blank line, client waits", "GET /healthz HTTP/1.1\r\nHost: x\r\n",
        false);
    add("body shorter than Content-Length, client waits",
        post_head + "Content-Length: 100\r\n\r\n{\"branch\":\"GS\"", false);
    add("chunked body without the last chunk, client waits",
        post_head + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n", false);
    add("connects and sends nothing", "", false);
}

void add_static_cases(std::vector<hostile_case>& out) {
    const auto add = [&](std::string target) {
        out.push_back(
            {"static files", "GET " + target, request_bytes("GET", target), false, false, false});
    };
    add("/static/../../../../etc/passwd");
    add("/static/../server/main.cpp");
    add("/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd");
    add("/static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd");
    add("/static/..%2f..%2f..%2fetc%2fpasswd");
    add("/static/..%5c..%5c..%5cetc%5cpasswd");
    add("/static/%252e%252e%252fetc%252fpasswd");
    add("/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd");
    add("/static/%c0%af%c0%afetc%c0%afpasswd");
    add("/static/%e0%80%ae%e0%80%ae/etc/passwd");
    add("/static/app.css%00.png");
    add("/static/app.css%00");
    add("/static/../static/app.css/../../../etc/passwd");
    add("/static/....//....//etc/passwd");
    add("/static//etc/passwd");
    add("/static/");
    add("/static/.");
    add("/static/.%2e/");
    add("/static/%2fetc%2fpasswd");
    add("/static/" + std::string(3000, 'a') + ".css");
    add("/static/app.css%20");
    add("/static/APP.CSS");
    add("/static/app.css.bak");
    add("/static/%ff%fe");
    add("/../../../../etc/passwd");
    add("/%2e%2e/%2e%2e/etc/passwd");
    add("/data/agrirent.db");
    add("/agrirent.db");
    add("/.git/config");
    add("/server/main.cpp");
    out.push_back({"static files", "POST /static/app.css",
                   request_bytes("POST", "/static/app.css", {{"Content-Type", "text/css"}}, "x"),
                   false, false, false});
    out.push_back(
        {"static files", "PUT /static/evil.js",
         request_bytes("PUT", "/static/evil.js", {{"Content-Type", "text/javascript"}}, "alert(1)"),
         false, false, false});
    out.push_back({"static files", "DELETE /static/app.css",
                   request_bytes("DELETE", "/static/app.css"), false, false, false});
}

void add_method_cases(std::vector<hostile_case>& out) {
    const auto add = [&](std::string method, std::string target) {
        out.push_back({"methods", method + " " + target, request_bytes(method, target), false,
                       false, target.starts_with("/api/")});
    };
    add("TRACE", "/");
    add("TRACE", "/api/v1/branches");
    add("TRACK", "/api/v1/branches");
    add("CONNECT", "/api/v1/branches");
    add("PROPFIND", "/api/v1/branches");
    add("PATCH", "/healthz");
    add("DELETE", "/api/v1/reservations/DEMQC7XJ");
    add("PUT", "/api/v1/reservations/DEMQC7XJ");
    add("DELETE", "/api/v1/settings");
    add("POST", "/api/v1/branches/GS");
    add("get", "/healthz");
    add("GETT", "/healthz");
    add("BREW", "/");
    add("M-SEARCH", "/");
    out.push_back({"methods", "CONNECT authority-form",
                   "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n", false, false,
                   true});
    out.push_back({"methods", "method with a slash", "G/ET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                   false, false, true});
    out.push_back({"methods", "method with a NUL",
                   bin("GE\0T /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), false, false, true});
    out.push_back(
        {"methods", "HTTP/0.9 simple request", "GET /healthz\r\n\r\n", false, false, true});
    out.push_back(
        {"methods", "HTTP/0.9 simple request, half-closed", "GET /\r\n", true, false, true});
}

void add_body_cases(std::vector<hostile_case>& out, const corpus_context& c) {
    const std::string target = "/api/v1/reservations";
    const std::string good =
        R"({"branch":"GS","type":"CULTIVATOR","start":"2020-05-20","end":"2020-05-20",)"
        R"("farmer":{"name":"홍길순","phone":"010-5555-0104"}})";
    const auto add_typed = [&](std::string name, std::string type, std::string body,
                               header_list who = {}) {
        header_list h = who;
        if (!type.empty()) {
            h.emplace_back("Content-Type", type);
        }
        out.push_back({"content types and JSON", std::move(name),
                       request_bytes("POST", target, h, body), false, false, true});
    };
    const auto add = [&](std::string name, std::string body) {
        add_typed(std::move(name), "application/json", std::move(body));
    };
    // Wrong content types with a valid JSON booking.
    for (const char* type :
         {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
          "application/xml", "text/html", "application/octet-stream", "image/png", "text/csv"}) {
        add_typed(std::string{"valid booking sent as "} + type, type, good);
    }
    add_typed(
        "booking as a form to the JSON API", "application/x-www-form-urlencoded",
        "branch=GS&type=CULTIVATOR&start=2020-05-20&end=2020-05-20&name=x&phone=010-5555-0104");
    add_typed("booking as multipart", "multipart/form-data; boundary=XX",
              "--XX\r\nContent-Disposition: form-data; name=\"branch\"\r\n\r\nGS\r\n--XX--\r\n");
    add_typed("staff booking as XML", "application/xml",
              "<reservation><branch>GS</branch></reservation>", c.operator_bearer);
    // Invalid JSON.
    add("empty body", "");
    add("whitespace only", "   \r\n\t ");
    add("JSON null", "null");
    add("JSON string", "\"booking\"");
    add("JSON number", "42");
    add("JSON array of bookings", "[" + good + "," + good + "]");
    add("truncated JSON", good.substr(0, good.size() / 2));
    add("single quotes", "{'branch':'GS'}");
    add("trailing comma", R"({"branch":"GS","type":"CULTIVATOR",})");
    add("comment", "/* hi */" + good);
    add("NaN", R"({"branch":"GS","start":NaN})");
    add("Infinity", R"({"branch":"GS","start":Infinity})");
    add("unquoted key", R"({branch:"GS"})");
    add("two objects", good + good);
    add("trailing garbage", good + "garbage");
    add("byte order mark", "\xEF\xBB\xBF" + good);
    add("UTF-16 body", bin("\xFF\xFE{\0}\0"));
    add("raw NUL inside a string", bin("{\"branch\":\"G\0S\"}"));
    add("raw NUL after the object", good + std::string(1, '\0'));
    add("raw control character in a string", "{\"branch\":\"G\x01S\"}");
    add("invalid UTF-8 in a string", "{\"branch\":\"\xC3\x28\"}");
    add("overlong UTF-8 in a string", "{\"branch\":\"\xC0\xAF\"}");
    add("UTF-8 surrogate in a string", "{\"branch\":\"\xED\xA0\x80\"}");
    add("lone surrogate escape",
        R"({"branch":"\ud800","type":"CULTIVATOR","start":"2020-05-20","farmer":{"name":"\ud800","phone":"010-5555-0104"}})");
    add("bad escape", R"({"branch":"\x41"})");
    add("number too large", R"({"branch":"GS","start":1e99999})");
    add("deep nesting 10000", std::string(10000, '[') + std::string(10000, ']'));
    add("deep nesting 17 (one over the limit)", std::string(17, '[') + std::string(17, ']'));
    {
        std::string deep;
        for (int i = 0; i < 5000; ++i) {
            deep += "{\"a\":";
        }
        deep += "1" + std::string(5000, '}');
        add("5000 nested objects", deep);
    }
    add("deep nesting unclosed", std::string(60000, '['));
    {
        std::string many = "{";
        for (int i = 0; i < 5000; ++i) {
            many += "\"k" + std::to_string(i) + "\":1,";
        }
        many += "\"branch\":7}";
        add("5000 keys", many);
    }
    add("duplicate keys with an object",
        R"({"branch":"GS","branch":{"x":1},"type":"CULTIVATOR","start":"2020-05-20","farmer":{"name":"a","phone":"010-5555-0104"}})");
    add("prototype pollution keys",
        R"({"__proto__":{"admin":true},"constructor":{"prototype":{}}})");
    add("farmer as an array",
        R"({"branch":"GS","type":"CULTIVATOR","start":"2020-05-20","farmer":[{"name":"a","phone":"010-5555-0104"}]})");
}

} // namespace

std::vector<hostile_case> build_corpus(const corpus_context& ctx) {
    std::vector<hostile_case> out;
    add_protocol_cases(out);
    add_limit_cases(out);
    add_truncated_cases(out);
    add_static_cases(out);
    add_method_cases(out);
    add_body_cases(out, ctx);
    add_auth_cases(out, ctx);
    add_field_cases(out, ctx);
    add_query_cases(out, ctx);
    add_path_cases(out, ctx);
    add_form_cases(out, ctx);
    return out;
}

std::vector<base_request> base_requests(const corpus_context& ctx) {
    std::vector<base_request> out;
    for (const auto& e : write_endpoints(ctx)) {
        out.push_back({e.method + " " + e.target, json_request(e.method, e.target, e.who, e.base)});
    }
    return out;
}

} // namespace agrirent::test::hostile
