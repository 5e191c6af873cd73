// libFuzzer target: JSON request bodies. The input is a body; two leading bytes choose who sends
// it (nobody, admin, operator, clerk; bearer or cookie + CSRF), the content type, and which of
// the application's state-changing /api/ routes receives it (the real handlers decode it, on a
// demo database). The body also goes straight through http::json_object_body and every field
// reader of server/http/input.hpp, whose promises are checked.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "common/time.hpp"
#include "server/http/errors.hpp"
#include "server/http/input.hpp"
#include "tests/fuzz/app_fixture.hpp"

using namespace agrirent;

namespace {

void require(bool ok) {
    if (!ok) {
        std::abort();
    }
}

const std::vector<std::pair<std::string, std::string>>& json_routes() {
    static const auto routes = [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& [method, target] : fuzz::app_fixture::get().routes()) {
            if (method != "GET" && target.starts_with("/api/")) {
                out.emplace_back(method, target);
            }
        }
        return out;
    }();
    return routes;
}

// Every reader on every key, as the handlers use them.
void read_fields(const boost::json::object& o) {
    const auto guarded = [](auto f) {
        try {
            f();
        } catch (const http::api_error& e) {
            require(e.status() == 400);
        }
    };
    for (const auto& kv : o) {
        const std::string_view key = kv.key();
        guarded([&] { (void)http::optional_string(o, key); });
        guarded([&] {
            const auto i = http::optional_int(o, key, -1000, 1000);
            require(!i || (*i >= -1000 && *i <= 1000));
        });
        guarded([&] { (void)http::required_int(o, key, INT64_MIN, INT64_MAX); });
        guarded([&] {
            const auto d = http::optional_number(o, key, 0.0, 1.0e9);
            require(!d || (*d >= 0.0 && *d <= 1.0e9));
        });
        guarded([&] { (void)http::optional_bool(o, key); });
        guarded([&] { (void)http::optional_object(o, key); });
        guarded([&] {
            const auto d = http::required_date(o, key);
            require(parse_date(format_date(d)) == d);
        });
    }
    guarded([] { throw http::bad_field("x", "missing"); });
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // AGRIRENT_FUZZ_PRINT_ROUTES=1: the route each value of the second input byte selects.
    if (std::getenv("AGRIRENT_FUZZ_PRINT_ROUTES") != nullptr) {
        for (std::size_t i = 0; i < json_routes().size(); ++i) {
            std::printf("%zu %s %s\n", i, json_routes()[i].first.c_str(),
                        json_routes()[i].second.c_str());
        }
    }
    (void)json_routes();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2 || size > 64 * 1024) {
        return -1;
    }
    auto& app = fuzz::app_fixture::get();
    const auto& routes = json_routes();
    const std::uint8_t how = data[0];
    const auto& [method, target] = routes[data[1] % routes.size()];

    http::request req;
    req.method = method;
    req.target = target;
    req.remote_address = "203.0.113.7";
    req.body.assign(reinterpret_cast<const char*>(data + 2), size - 2);
    static constexpr const char* types[] = {"application/json", "application/json; charset=utf-8",
                                            "", "text/plain"};
    if (const char* type = types[(how >> 3) & 3]; *type != '\0') {
        req.headers.push_back({"content-type", type});
    }

    try {
        read_fields(http::json_object_body(req));
    } catch (const http::api_error& e) {
        require(e.status() == 400 || e.status() == 415);
    }

    app.authenticate(req, static_cast<fuzz::who>(how & 3), (how & 4) != 0);
    (void)app.handle(req);
    return 0;
}
