// CSV cells of the exports (server/api/csv.hpp).
#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "server/api/csv.hpp"

using namespace agrirent;

TEST_CASE("CSV cells: RFC 4180 quoting and no formulas", "[jobs][csv]") {
    const std::pair<const char*, const char*> table[] = {
        {"홍길동", "홍길동"},
        {"", ""},
        {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
        {"+82 10", "'+82 10"},
        {"-5", "'-5"},
        {"@cmd", "'@cmd"},
        {"\tx", "'\tx"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"=1,2", "\"'=1,2\""},
        {"two\nlines", "\"two\nlines\""},
        {" padded", "\" padded\""},
        {"010-1234-5678", "010-1234-5678"},
    };
    for (const auto& [in, out] : table) {
        CAPTURE(in);
        CHECK(api::csv_text(in) == out);
    }
    std::string rec;
    api::append_csv_record(rec, {api::csv_text("a"), api::csv_number(1500), api::csv_text("")});
    CHECK(rec == "a,1500,\r\n");
}
