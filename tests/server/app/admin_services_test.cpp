// The administration services (server/app/admin_*.hpp) on a real database, without HTTP: the
// rules refuse with reasons of their own, every change writes its audit row and the catalog
// sees it at once.
#include <filesystem>
#include <memory>
#include <random>

#include <catch2/catch.hpp>

#include "common/time.hpp"
#include "server/app/admin_calendar.hpp"
#include "server/app/admin_catalog.hpp"
#include "server/app/admin_people.hpp"
#include "server/app/metrics.hpp"
#include "server/app/services.hpp"
#include "server/http/errors.hpp"
#include "server/storage/database.hpp"

using namespace agrirent;
namespace svc = app::admin;

namespace {

/// A fresh database with its schema, and the services over it.
class fixture {
  public:
    fixture()
        : dir_(std::filesystem::temp_directory_path() /
               ("agrirent-admin-" + std::to_string(std::random_device{}()))) {
        std::filesystem::create_directories(dir_);
        storage::open_settings settings;
        settings.connections = 2;
        db_ = storage::open_database((dir_ / "a.db").string(), settings);
        catalog_.reload(*db_->begin(storage::access::read));
        services_ = std::make_unique<app::services>(app::services{
            *db_, catalog_, clock_, [] { return 4U; }, metrics_, dir_ / "backups", {}});
        who.who = role::admin;
        who.name = "tester";
        who.via = channel::counter;
        who.user_id = 9999; // no staff row: another admin than any created here
        who.address = "127.0.0.1";
    }
    ~fixture() {
        services_.reset();
        db_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    fixture(const fixture&) = delete;
    fixture& operator=(const fixture&) = delete;

    app::services& s() { return *services_; }

    /// A branch "TST" with the default hours.
    void add_branch(const std::string& code = "TST") {
        svc::branch_create in;
        in.code = code;
        in.fields.name_ko = "시험";
        in.fields.name_en = "Test";
        REQUIRE(svc::create_branch(s(), who, in));
    }

    app::actor who;

  private:
    std::filesystem::path dir_;
    std::unique_ptr<storage::database> db_;
    app::catalog_cache catalog_;
    app::clock clock_;
    app::metrics metrics_;
    std::unique_ptr<app::services> services_;
};

local_days day(const char* iso) {
    return *parse_date(iso);
}

} // namespace

TEST_CASE("admin services: a Saturday season overlapping another of its branch is refused",
          "[admin]") {
    fixture f;
    f.add_branch();
    const auto first =
        svc::add_season(f.s(), f.who, {"TST", {day("2026-04-01"), day("2026-06-30")}});
    REQUIRE(first);

    const auto overlap =
        svc::add_season(f.s(), f.who, {"TST", {day("2026-06-01"), day("2026-07-31")}});
    REQUIRE_FALSE(overlap);
    CHECK(overlap.error().code == reason::season_overlap);
    CHECK(overlap.error().detail("from") == "2026-04-01");
    CHECK(overlap.error().detail("to") == "2026-06-30");
    // The API's answer for it, from the one table.
    CHECK(http::status_of(reason::season_overlap) == 409);
    CHECK(http::api_code_of(reason::season_overlap) == "conflict");

    CHECK(svc::add_season(f.s(), f.who, {"TST", {day("2026-07-01"), day("2026-07-31")}}));
    const auto unknown =
        svc::add_season(f.s(), f.who, {"NOPE", {day("2026-08-01"), day("2026-08-31")}});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == reason::admin_not_found);
    CHECK(unknown.error().detail("field") == "branch");

    const auto listed = svc::list_seasons(f.s(), "TST");
    REQUIRE(listed);
    CHECK(listed->size() == 2);

    const auto bad_id = svc::delete_season(f.s(), f.who, "abc");
    REQUIRE_FALSE(bad_id);
    CHECK(bad_id.error().code == reason::admin_not_found);
    CHECK(bad_id.error().detail("value") == "abc");
    const auto id = std::to_string(first->id);
    CHECK(svc::delete_season(f.s(), f.who, id));
    CHECK_FALSE(svc::delete_season(f.s(), f.who, id));
}

TEST_CASE("admin services: every change is audited and the catalog sees it at once", "[admin]") {
    fixture f;
    f.add_branch();
    REQUIRE(f.s().catalog.get()->branch("TST") != nullptr);

    const auto closure = svc::add_closure(f.s(), f.who, {"TST", day("2026-05-05"), false, "공사"});
    REQUIRE(closure);
    CHECK(closure->affected.empty());
    const auto again = svc::add_closure(f.s(), f.who, {"TST", day("2026-05-05"), true, ""});
    REQUIRE_FALSE(again);
    CHECK(again.error().code == reason::duplicate);
    CHECK(again.error().detail("field") == "date");

    storage::audit_filter all;
    all.limit = 50;
    const auto audit = svc::list_audit(f.s(), all);
    REQUIRE(audit.entries.size() == 2); // newest first
    CHECK(audit.entries[0].action == "closure.create");
    CHECK(audit.entries[0].actor == "tester");
    CHECK(audit.entries[0].via == "counter");
    CHECK(audit.entries[1].action == "branch.create");
    CHECK_FALSE(audit.next_cursor);
}

TEST_CASE("admin services: a shipped year cannot be declared, an admin's can be withdrawn",
          "[admin]") {
    fixture f;
    const auto shipped = *f.s().catalog.get()->holidays().known_years().begin();
    const auto refused = svc::declare_year(f.s(), f.who, shipped);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == reason::year_shipped);

    REQUIRE(svc::declare_year(f.s(), f.who, 2199));
    CHECK(f.s().catalog.get()->holidays().is_known_year(2199));
    const auto twice = svc::declare_year(f.s(), f.who, 2199);
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == reason::duplicate);
    CHECK(svc::withdraw_year(f.s(), f.who, "2199"));
    CHECK_FALSE(f.s().catalog.get()->holidays().is_known_year(2199));
    CHECK(svc::withdraw_year(f.s(), f.who, "21999").error().code == reason::admin_not_found);
}

TEST_CASE("admin services: a retired machine type takes no new units", "[admin]") {
    fixture f;
    f.add_branch();
    svc::type_create t;
    t.code = "MOWER";
    t.fields.name_ko = "예초기";
    t.fields.name_en = "Mower";
    t.fields.daily_fee = 10000;
    REQUIRE(svc::create_type(f.s(), f.who, t));
    REQUIRE(svc::create_unit(f.s(), f.who, {"MW-01", "MOWER", "TST", 12.34, ""}));
    CHECK(svc::unit_detail(f.s(), "MW-01")->hour_meter == Approx(12.3));

    const auto retired = svc::retire_type(f.s(), f.who, "MOWER");
    REQUIRE(retired);
    CHECK_FALSE((*retired)->active);
    const auto refused = svc::create_unit(f.s(), f.who, {"MW-02", "MOWER", "TST", 0, ""});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == reason::type_retired);
    CHECK(http::status_of(reason::type_retired) == 409);

    const auto units = svc::list_units(f.s(), {"TST", "", std::nullopt});
    REQUIRE(units);
    CHECK(units->size() == 1);
    CHECK(svc::list_units(f.s(), {"", "NOPE", std::nullopt}).error().code == reason::not_found);
}

TEST_CASE("admin services: an admin cannot change their own role or deactivate themself",
          "[admin]") {
    fixture f;
    const auto me = svc::create_user(
        f.s(), f.who, {"boss", role::admin, std::nullopt, "Boss", "correct horse battery"});
    REQUIRE(me);
    auto self = f.who;
    self.user_id = me->id;

    svc::user_update demote;
    demote.who = role::operator_;
    const auto refused = svc::update_user(f.s(), self, "boss", demote);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == reason::self_change);
    CHECK(refused.error().detail("field") == "role");

    svc::user_update weak;
    weak.password = "short";
    CHECK(svc::update_user(f.s(), f.who, "boss", weak).error().code == reason::invalid_field);

    // Another admin may.
    const auto done = svc::update_user(f.s(), f.who, "boss", demote);
    REQUIRE(done);
    CHECK(done->who == role::operator_);
}

TEST_CASE("admin services: settings refuse an idle limit longer than the absolute one", "[admin]") {
    fixture f;
    const auto refused = svc::update_settings(
        f.s(), f.who, {{"session_idle_minutes", 600}, {"session_absolute_hours", 2}});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == reason::invalid_field);
    CHECK(refused.error().detail("field") == "session_idle_minutes");
    CHECK(http::status_of(reason::invalid_field) == 400);

    const auto saved = svc::update_settings(f.s(), f.who, {{"max_live", 5}});
    REQUIRE(saved);
    CHECK(saved->max_live == 5);
    CHECK(svc::current_settings(f.s()).max_live == 5);
}
