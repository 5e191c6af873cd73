// HTML form decoding (server/http/form.hpp), without a server.
#include <algorithm>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "server/http/form.hpp"

using namespace agrirent;
using agrirent::http::form;

TEST_CASE("form: urlencoded fields are decoded, '+' is a space, the first value wins",
          "[views][form]") {
    const auto f = form::parse("name=%ED%99%8D%EA%B8%B8%EB%8F%99&phone=010+1234+5678&a=1&a=2&"
                               "empty=&flag&amp%3D=%26");
    REQUIRE(f);
    CHECK(f->value("name") == "홍길동");
    CHECK(f->value("phone") == "010 1234 5678");
    CHECK(f->value("a") == "1");
    CHECK(f->value("empty").empty());
    CHECK(f->has("empty"));
    CHECK(f->has("flag"));
    CHECK(f->value("amp=") == "&");
    CHECK_FALSE(f->has("missing"));
    CHECK(f->value("missing").empty());

    CHECK(form::parse("")->fields().empty());
    CHECK_FALSE(form::parse("a=%zz"));       // a bad escape
    CHECK_FALSE(form::parse("a=%E"));        // cut short
    const auto nul = form::parse("a=x%00y"); // decodes; the field check refuses it later
    REQUIRE(nul);
    CHECK(nul->value("a") == std::string_view{"x\0y", 3});
    CHECK_FALSE(http::is_clean_text(nul->value("a")));
}

TEST_CASE("form: at most max_fields fields are kept", "[views][form]") {
    std::string body;
    for (int i = 0; i < 200; ++i) {
        body += "f" + std::to_string(i) + "=v&";
    }
    const auto f = form::parse(body);
    REQUIRE(f);
    CHECK(f->fields().size() == form::max_fields);
}

TEST_CASE("form: only a urlencoded body is a form", "[views][form]") {
    http::request req;
    req.method = "POST";
    req.body = "a=1";
    req.headers = {{"content-type", "application/x-www-form-urlencoded; charset=UTF-8"}};
    REQUIRE(http::form_body(req));
    CHECK(http::form_body(req)->value("a") == "1");
    req.headers = {{"content-type", "application/json"}};
    CHECK_FALSE(http::form_body(req));
    req.headers.clear();
    CHECK_FALSE(http::form_body(req));
}

TEST_CASE("form: clean text and what is shown back", "[views][form]") {
    CHECK(http::is_clean_text("홍길동 abc-1"));
    CHECK(http::is_clean_text(""));
    CHECK_FALSE(http::is_clean_text("a\nb"));
    CHECK_FALSE(http::is_clean_text("a\tb"));
    CHECK_FALSE(http::is_clean_text("\x7f"));
    CHECK_FALSE(http::is_clean_text("\xc2\x85"));     // C1 NEL
    CHECK_FALSE(http::is_clean_text("\xe2\x80\xa8")); // LINE SEPARATOR
    CHECK_FALSE(http::is_clean_text("\xff"));         // not UTF-8
    CHECK_FALSE(http::is_clean_text("\xc0\xaf"));     // overlong '/'
    CHECK_FALSE(http::is_clean_text("\xed\xa0\x80")); // a surrogate
    CHECK_FALSE(http::is_clean_text("\xea\xb8"));     // cut short

    CHECK(http::displayable("홍길동") == "홍길동");
    CHECK(http::displayable("a\xff"
                            "b") == "a\xEF\xBF\xBD"
                                    "b");
    CHECK(http::displayable("a\r\nb\x01") == "ab");
    CHECK(http::displayable("가나다라", 2) == "가나");
    CHECK(http::displayable("<script>") == "<script>"); // escaping is the template's job
}

TEST_CASE("form: a view that is not the end of its string decodes only its own bytes",
          "[views][form]") {
    // Boost 1.81's parse_query measures its input with strlen: form::parse decoded the bytes
    // after the view too (and read past the end of an unterminated buffer; found by
    // tests/fuzz/fuzz_form, reproducer in tests/fuzz/corpus/fuzz_form/).
    const std::string whole = "a=1&b=2";
    const auto f = form::parse(std::string_view{whole}.substr(0, 5)); // "a=1&b"
    REQUIRE(f);
    CHECK(f->fields().size() == 2);
    CHECK(f->value("a") == "1");
    CHECK(f->has("b"));
    CHECK(f->value("b").empty()); // not "=2", the bytes after the view

    // Exactly the bytes of the view, no terminator after them (ASan flags any over-read).
    const std::string_view text = "x=%ED%99%8D&y=2";
    const auto buffer = std::make_unique<char[]>(text.size());
    std::copy(text.begin(), text.end(), buffer.get());
    const auto g = form::parse(std::string_view{buffer.get(), text.size()});
    REQUIRE(g);
    CHECK(g->value("x") == "\xED\x99\x8D");
    CHECK(g->value("y") == "2");
}
