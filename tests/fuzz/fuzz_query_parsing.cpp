// libFuzzer target: what people type into query strings and fields — dates, times, instants,
// phone numbers, names, free text, booking codes, status names — and the query-string decoding
// the router does (Boost.URL), with the range and date readers the handlers call. Besides "no
// crash, no leak, no UB", it checks properties: strict dates round-trip, normalisers are
// idempotent and return what they promise.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/url.hpp>

#include "common/time.hpp"
#include "common/types.hpp"
#include "common/validation.hpp"
#include "server/api/routes.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "server/http/router.hpp"

using namespace agrirent;

namespace {

void require(bool ok) {
    if (!ok) {
        std::abort();
    }
}

void dates_and_times(std::string_view s) {
    if (const auto d = parse_date(s)) {
        require(format_date(*d) == s); // strict: only the canonical spelling parses
    }
    if (const auto t = parse_time_of_day(s)) {
        const auto again = parse_time_of_day(format_time_of_day(*t));
        require(again && *again == *t);
    }
    if (const auto i = parse_instant(s)) {
        (void)*i;
    }
}

void people_input(std::string_view s) {
    if (const auto phone = normalize_phone(s)) {
        const auto again = normalize_phone(*phone);
        require(again && *again == *phone);
        require(phone->size() >= 12 && phone->size() <= 13);
    }
    const bool valid = is_valid_utf8(s);
    if (valid) {
        require(utf8_length(s) <= s.size());
    }
    if (const auto name = normalize_name(s)) {
        require(is_valid_utf8(*name) && utf8_length(*name) >= 1 && utf8_length(*name) <= 40);
        const auto again = normalize_name(*name);
        require(again && *again == *name);
    }
    if (const auto text = normalize_text(s, 500)) {
        require(is_valid_utf8(*text) && utf8_length(*text) <= 500);
        const auto again = normalize_text(*text, 500);
        require(again && *again == *text);
    }
    if (const auto code = normalize_booking_code(s)) {
        require(code->size() == booking_code_length);
        for (const char c : *code) {
            require(booking_code_alphabet.find(c) != std::string_view::npos);
        }
        require(normalize_booking_code(*code) == code);
    }
    try {
        const auto code = api::booking_code_of(s);
        require(normalize_booking_code(code).has_value());
    } catch (const http::api_error& e) {
        require(e.status() == 404);
    }
    (void)parse_status(s);
    (void)parse_channel(s);
    (void)parse_role(s);
    (void)parse_unit_status(s);
}

// What router::handle does with a target, then the handlers' query readers.
void query_string(std::string_view s) {
    const std::string target = "/api/v1/availability?" + std::string{s};
    const auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) {
        return;
    }
    http::request req;
    req.method = "GET";
    req.target = target;
    req.headers.push_back({"cookie", std::string{s}});
    req.headers.push_back({"accept-language", std::string{s}});
    http::context ctx{req, parsed->path(), {}, {}, "ko", {}, {}};
    for (const auto& p : parsed->params()) {
        ctx.query.emplace_back(p.key, p.value);
    }
    const auto lang = http::pick_language(req, ctx.query);
    require(lang == "ko" || lang == "en");
    (void)http::cookie_value(req, "agrirent_session");
    for (const char* key : {"branch", "type", "phone", "code", "q", "from", "to", "date"}) {
        try {
            (void)http::required_query(ctx, key);
        } catch (const http::api_error& e) {
            require(e.status() == 400);
        }
        try {
            (void)http::optional_query_date(ctx, key);
        } catch (const http::api_error& e) {
            require(e.status() == 400);
        }
    }
    try {
        const auto range = http::query_range(ctx, 62);
        require(range.from <= range.to && (range.to - range.from).count() < 62);
    } catch (const http::api_error& e) {
        require(e.status() == 400);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) {
        return -1; // typed fields and query strings are short; longer inputs add nothing
    }
    const std::string_view s{reinterpret_cast<const char*>(data), size};
    dates_and_times(s);
    people_input(s);
    query_string(s);
    return 0;
}
