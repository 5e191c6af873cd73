// The OpenAPI document served at /api/v1/openapi.json lists exactly the JSON routes the server
// registers (no route undocumented, no documented route missing).
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "server/api/routes.hpp"
#include "server/app/metrics.hpp"
#include "server/storage/database.hpp"

namespace agrirent::api {
std::string_view openapi_document() noexcept;
}

using namespace agrirent;

TEST_CASE("openapi.json documents every JSON route and nothing else", "[openapi]") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("agrirent-openapi-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    {
        const auto file = dir / "a.db";
        storage::open_settings settings;
        settings.connections = 1;
        const auto db = storage::open_database(file.string(), settings);
        app::catalog_cache catalog;
        catalog.reload(*db->begin(storage::access::read));
        app::clock clock;
        app::metrics stats;
        app::services services{*db, catalog, clock, [] { return 4U; }, stats, dir / "backups", {}};
        http::router router;
        api::add_api_routes(router, services, {true, {}});

        const auto doc = boost::json::parse(api::openapi_document());
        const auto& paths = doc.at("paths").as_object();
        std::set<std::pair<std::string, std::string>> registered;
        for (auto [method, pattern] : router.routes()) {
            for (char& c : method) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            CAPTURE(method, pattern);
            REQUIRE(paths.contains(pattern));
            if (pattern == "/api/v1/reservations/{code}") {
                CHECK(paths.contains("/api/v1/reservations/{code}.ics"));
            }
            CHECK(paths.at(pattern).as_object().contains(method));
            registered.emplace(method, pattern);
        }
        // The calendar event is documented as a path of its own (it answers text/calendar), and
        // served by the look-up's route: its last segment is "<code>.ics".
        const std::map<std::string, std::string> served_by{
            {"/api/v1/reservations/{code}.ics", "/api/v1/reservations/{code}"}};
        for (const auto& [path, ops] : paths) {
            const auto alias = served_by.find(std::string{path});
            const std::string route = alias != served_by.end() ? alias->second : std::string{path};
            for (const auto& [method, op] : ops.as_object()) {
                CAPTURE(path, method);
                CHECK(registered.contains({std::string{method}, route}));
                (void)op;
            }
        }
    }
    std::filesystem::remove_all(dir);
}
