// libFuzzer target: HTML form bodies (application/x-www-form-urlencoded). Two leading bytes
// choose who posts (nobody, admin, operator, clerk; the session cookie and its CSRF token) and
// which of the application's page forms receives the rest of the input (the real page handlers,
// on a demo database). The body also goes straight through http::form::parse, is_clean_text and
// displayable, whose promises are checked.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/validation.hpp"
#include "server/http/form.hpp"
#include "tests/fuzz/app_fixture.hpp"

using namespace agrirent;

namespace {

void require(bool ok) {
    if (!ok) {
        std::abort();
    }
}

const std::vector<std::pair<std::string, std::string>>& form_routes() {
    static const auto routes = [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& [method, target] : fuzz::app_fixture::get().routes()) {
            if (method == "POST" && !target.starts_with("/api/")) {
                out.emplace_back(method, target);
            }
        }
        return out;
    }();
    return routes;
}

void check_text(std::string_view v) {
    const bool clean = http::is_clean_text(v);
    if (clean) {
        require(is_valid_utf8(v));
    }
    const std::string shown = http::displayable(v, 100);
    require(http::is_clean_text(shown));
    require(utf8_length(shown) <= 100);
    if (clean && utf8_length(v) <= 100) {
        require(shown == v); // clean text is shown as typed
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // AGRIRENT_FUZZ_PRINT_ROUTES=1: the route each value of the second input byte selects.
    if (std::getenv("AGRIRENT_FUZZ_PRINT_ROUTES") != nullptr) {
        for (std::size_t i = 0; i < form_routes().size(); ++i) {
            std::printf("%zu %s %s\n", i, form_routes()[i].first.c_str(),
                        form_routes()[i].second.c_str());
        }
    }
    (void)form_routes();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2 || size > 64 * 1024) {
        return -1;
    }
    auto& app = fuzz::app_fixture::get();
    const auto& routes = form_routes();
    const std::uint8_t how = data[0];
    const auto& [method, target] = routes[data[1] % routes.size()];
    const std::string_view body{reinterpret_cast<const char*>(data + 2), size - 2};

    if (const auto f = http::form::parse(body)) {
        require(f->fields().size() <= http::form::max_fields);
        for (const auto& [k, v] : f->fields()) {
            require(f->has(k));
            check_text(k);
            check_text(v);
        }
    }

    http::request req;
    req.method = method;
    req.target = target;
    req.remote_address = "203.0.113.7";
    req.headers.push_back({"content-type", "application/x-www-form-urlencoded"});
    req.body = app.fill(std::string{body});
    app.authenticate(req, static_cast<fuzz::who>(how & 3), true);
    if ((how & 4) != 0) {
        // As a browser posts a form: no CSRF header; the form's field "csrf=@CSRF@" carries the
        // session's token.
        std::string csrf;
        std::erase_if(req.headers, [&csrf](const http::header& h) {
            if (h.name == "x-csrf-token") {
                csrf = h.value;
                return true;
            }
            return false;
        });
        for (auto at = req.body.find("@CSRF@"); at != std::string::npos;
             at = req.body.find("@CSRF@", at + csrf.size())) {
            req.body.replace(at, 6, csrf);
        }
    }
    (void)app.handle(req);
    return 0;
}
