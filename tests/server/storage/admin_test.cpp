// The administration and catalog parts of the storage port, on every engine: branches, Saturday
// seasons, closures, holiday overrides, known years, machine types, units, discounts, farmer
// categories and settings; and the catalog read in one go.
#include <algorithm>
#include <string>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

STORAGE_CONTRACT("admin: branches insert, find and update, a code is unique", "[storage][admin]") {
    store<TestType> s;
    auto gs = branch("GS");
    gs.hours.open = time_of_day{8 * 60};
    gs.hours.close = time_of_day{19 * 60};
    gs.hours.eve_pickup_from = time_of_day{16 * 60};
    gs.hours.return_by = time_of_day{16 * 60 + 30};
    gs.hours.booking_cutoff = time_of_day{15 * 60};
    gs.horizon_days = 45;
    gs.phones = {"061-111-1111", "061-222-2222"};
    const auto id = write(s.db(), [&](auto& r) { return r.admin().insert_branch(gs); });
    write(s.db(), [&](auto& r) {
        CHECK_THROWS_AS(r.admin().insert_branch(branch("GS")), storage::duplicate_key);
    });
    read(s.db(), [&](auto& r) {
        const auto b = r.admin().find_branch("GS");
        REQUIRE(b);
        CHECK(b->id == id);
        CHECK(b->name_ko == gs.name_ko);
        CHECK(b->name_en == gs.name_en);
        CHECK(b->phones == gs.phones);
        CHECK(b->address_ko == gs.address_ko);
        CHECK(b->address_en == gs.address_en);
        CHECK(b->hours == gs.hours);
        CHECK(b->horizon_days == 45);
        CHECK(b->active);
        CHECK_FALSE(r.admin().find_branch("gs")); // codes are exact
    });
    auto edited = *read(s.db(), [](auto& r) { return r.admin().find_branch("GS"); });
    edited.name_en = "Gwangsan";
    edited.phones = {};
    edited.hours = branch_hours{};
    edited.horizon_days = 10;
    edited.active = false;
    write(s.db(), [&](auto& r) { r.admin().update_branch(edited); });
    read(s.db(), [&](auto& r) {
        const auto b = r.admin().find_branch("GS");
        CHECK(b->name_en == "Gwangsan");
        CHECK(b->phones.empty());
        CHECK(b->hours == branch_hours{});
        CHECK(b->horizon_days == 10);
        CHECK_FALSE(b->active);
    });
}

STORAGE_CONTRACT("admin: live reservations by branch, by type, and touching a window",
                 "[storage][admin]") {
    store<TestType> s;
    const world w = write(s.db(), [](auto& r) { return seed(r); });
    const auto row =
        reservation("LIVE0001", w.gs, w.transplanter, 0, days("2020-05-20", "2020-05-21"));
    write(s.db(), [&](auto& r) {
        const auto f = r.reservations().insert_farmer(farmer("010-1234-5678"));
        auto live = row;
        live.farmer_id = f;
        r.reservations().insert_reservation(live);
        r.reservations().insert_reservation(reservation("DONE0001", w.gs, w.transplanter, f,
                                                        days("2020-05-13", "2020-05-13"),
                                                        status::returned));
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.admin().count_live_at_branch(w.gs) == 1);
        CHECK(r.admin().count_live_at_branch(w.bb) == 0);
        CHECK(r.admin().count_live_of_type(w.transplanter) == 1);
        CHECK(r.admin().count_live_of_type(w.tractor) == 0);
        const interval pickup_day{row.plan.pickup.from,
                                  row.plan.pickup.from + std::chrono::hours{1}};
        CHECK(r.admin().live_touching(w.gs, pickup_day) == std::vector<std::string>{"LIVE0001"});
        CHECK(r.admin().live_touching(std::nullopt, pickup_day).size() == 1);
        CHECK(r.admin().live_touching(w.bb, pickup_day).empty());
        const interval return_day{row.plan.return_by, row.plan.return_by + std::chrono::hours{1}};
        CHECK(r.admin().live_touching(w.gs, return_day).size() == 1);
        // Strictly between pickup and return: neither starts nor ends there.
        const interval middle{row.plan.pickup.to, row.plan.pickup.to + std::chrono::hours{1}};
        CHECK(r.admin().live_touching(w.gs, middle).empty());
    });
}

STORAGE_CONTRACT("admin: Saturday seasons and closures, one closure per branch and date",
                 "[storage][admin]") {
    store<TestType> s;
    const world w = write(s.db(), [](auto& r) { return seed(r); });
    const auto [season, closure_id] = write(s.db(), [&](auto& r) {
        const auto id = r.admin().insert_season(w.gs, {d("2020-05-18"), d("2020-06-20")});
        r.admin().insert_season(w.bb, {d("2020-09-01"), d("2020-10-31")});
        r.admin().insert_season(w.gs, {d("2020-09-07"), d("2020-10-10")});
        storage::closure_record c;
        c.branch_id = w.gs;
        c.date = d("2020-05-27");
        c.note = "재고 조사";
        const auto cid = r.admin().insert_closure(c);
        storage::closure_record extra;
        extra.branch_id = w.gs;
        extra.date = d("2020-05-24");
        extra.extra_opening = true;
        extra.note = "모내기";
        r.admin().insert_closure(extra);
        storage::closure_record other;
        other.branch_id = w.bb;
        other.date = d("2020-05-27");
        r.admin().insert_closure(other);
        return std::pair{id, cid};
    });
    write(s.db(), [&](auto& r) {
        storage::closure_record again;
        again.branch_id = w.gs;
        again.date = d("2020-05-27");
        again.extra_opening = true;
        CHECK_THROWS_AS(r.admin().insert_closure(again), storage::duplicate_key);
    });
    read(s.db(), [&](auto& r) {
        const auto all = r.admin().list_seasons(std::nullopt);
        REQUIRE(all.size() == 3);
        CHECK(all[0].branch_code == "BB"); // by branch, then first day
        CHECK(all[1].days == date_range{d("2020-05-18"), d("2020-06-20")});
        const auto gs = r.admin().list_seasons(w.gs);
        REQUIRE(gs.size() == 2);
        CHECK(gs[0].id == season);
        CHECK(gs[0].branch_id == w.gs);
        const auto found = r.admin().find_season(season);
        REQUIRE(found);
        CHECK(found->days == date_range{d("2020-05-18"), d("2020-06-20")});
        CHECK_FALSE(r.admin().find_season(season + 100));

        const auto closures = r.admin().list_closures(w.gs, std::nullopt);
        REQUIRE(closures.size() == 2);
        CHECK(closures[0].date == d("2020-05-24")); // by date
        CHECK(closures[0].extra_opening);
        CHECK(closures[0].note == "모내기");
        CHECK(closures[1].id == closure_id);
        CHECK(closures[1].branch_code == "GS");
        CHECK(r.admin().list_closures(std::nullopt, std::nullopt).size() == 3);
        CHECK(r.admin()
                  .list_closures(std::nullopt, date_range{d("2020-05-25"), d("2020-05-31")})
                  .size() == 2);
        const auto c = r.admin().find_closure(closure_id);
        REQUIRE(c);
        CHECK(c->date == d("2020-05-27"));
        CHECK_FALSE(c->extra_opening);
        CHECK(c->note == "재고 조사");
    });
    write(s.db(), [&](auto& r) {
        r.admin().delete_season(season);
        r.admin().delete_closure(closure_id);
    });
    read(s.db(), [&](auto& r) {
        CHECK_FALSE(r.admin().find_season(season));
        CHECK(r.admin().list_seasons(w.gs).size() == 1);
        CHECK_FALSE(r.admin().find_closure(closure_id));
        CHECK(r.admin().list_closures(w.gs, std::nullopt).size() == 1);
    });
}

STORAGE_CONTRACT("admin: holiday overrides replace by date, known years are unique",
                 "[storage][admin]") {
    store<TestType> s;
    write(s.db(), [](auto& r) {
        r.admin().put_holiday_override({d("2028-01-01"), false, "신정", "New Year"});
        r.admin().put_holiday_override({d("2020-05-25"), false, "임시", "Temporary"});
        r.admin().put_holiday_override({d("2020-05-05"), true, "", ""});
        r.admin().put_holiday_override({d("2020-05-25"), false, "임시공휴일", "Substitute"});
        r.admin().insert_known_year(2029);
        r.admin().insert_known_year(2028);
        CHECK_THROWS_AS(r.admin().insert_known_year(2028), storage::duplicate_key);
    });
    read(s.db(), [](auto& r) {
        const auto y2020 = r.admin().list_holiday_overrides(2020);
        REQUIRE(y2020.size() == 2);
        CHECK(y2020[0].date == d("2020-05-05"));
        CHECK(y2020[0].removed);
        CHECK(y2020[1].name_ko == "임시공휴일");
        CHECK(y2020[1].name_en == "Substitute");
        CHECK(r.admin().list_holiday_overrides(2028).size() == 1);
        CHECK(r.admin().list_holiday_overrides(2021).empty());
        const auto one = r.admin().find_holiday_override(d("2028-01-01"));
        REQUIRE(one);
        CHECK(one->name_en == "New Year");
        CHECK_FALSE(one->removed);
        CHECK_FALSE(r.admin().find_holiday_override(d("2028-01-02")));
        CHECK(r.admin().list_known_years() == std::vector<int>{2028, 2029});
    });
    write(s.db(), [](auto& r) {
        CHECK(r.admin().delete_known_year(2028));
        CHECK_FALSE(r.admin().delete_known_year(2030));
    });
    read(s.db(), [](auto& r) { CHECK(r.admin().list_known_years() == std::vector<int>{2029}); });
}

STORAGE_CONTRACT("admin: machine types and units, a code or tag is unique", "[storage][admin]") {
    store<TestType> s;
    auto tr = type_of(tractor());
    tr.type.checklist = {"타이어", "엔진오일"};
    tr.type.needs_approval = true;
    tr.type.purchase_price = won{22'000'000}; // DOMAIN.md §17
    const auto [w, tractor_id] = write(s.db(), [&](auto& r) {
        world w0;
        w0.gs = r.admin().insert_branch(branch("GS"));
        w0.bb = r.admin().insert_branch(branch("BB"));
        const auto id = r.admin().insert_type(tr);
        w0.transplanter = r.admin().insert_type(type_of(transplanter()));
        return std::pair{w0, id};
    });
    write(s.db(), [&](auto& r) {
        CHECK_THROWS_AS(r.admin().insert_type(type_of(tractor())), storage::duplicate_key);
        auto u = unit("GS-TR-1", tractor_id, w.gs);
        u.hour_meter = 12.5;
        u.notes = "new";
        r.admin().insert_unit(u);
        CHECK_THROWS_AS(r.admin().insert_unit(unit("GS-TR-1", w.transplanter, w.bb)),
                        storage::duplicate_key);
    });
    read(s.db(), [&](auto& r) {
        const auto t = r.admin().find_type("TRACTOR");
        REQUIRE(t);
        CHECK(t->id == tractor_id);
        CHECK(same_type(t->type, tr.type));
        CHECK(t->active);
        CHECK_FALSE(r.admin().find_type("NOPE"));
        const auto types = r.admin().list_types();
        REQUIRE(types.size() == 2);
        CHECK(types[0].id == tractor_id); // by id
        CHECK(types[0].type.purchase_price == won{22'000'000});
        CHECK_FALSE(types[1].type.purchase_price); // none recorded

        const auto u = r.admin().find_unit_record("GS-TR-1");
        REQUIRE(u);
        CHECK(u->type_id == tractor_id);
        CHECK(u->type_code == "TRACTOR");
        CHECK(u->branch_id == w.gs);
        CHECK(u->branch_code == "GS");
        CHECK(u->status == unit_status::available);
        CHECK(u->hour_meter == 12.5);
        CHECK(u->notes == "new");
        CHECK_FALSE(r.admin().find_unit_record("NOPE"));
    });
    write(s.db(), [&](auto& r) {
        auto t = *r.admin().find_type("TRACTOR");
        t.type.daily_fee = won{120000};
        t.type.max_days = 5;
        t.type.checklist = {};
        t.type.name_en = "Big tractor";
        t.type.purchase_price.reset();
        t.active = false;
        r.admin().update_type(t);
        auto tp = *r.admin().find_type("RICE_TRANSPLANTER");
        tp.type.purchase_price = won{14'000'000};
        r.admin().update_type(tp);
        auto u = *r.admin().find_unit_record("GS-TR-1");
        u.branch_id = w.bb;
        u.status = unit_status::maintenance;
        u.hour_meter = 20;
        u.notes = "engine";
        r.admin().update_unit_record(u);
    });
    read(s.db(), [&](auto& r) {
        const auto t = r.admin().find_type("TRACTOR");
        CHECK(t->type.daily_fee == won{120000});
        CHECK(t->type.max_days == 5);
        CHECK(t->type.checklist.empty());
        CHECK(t->type.name_en == "Big tractor");
        CHECK_FALSE(t->type.purchase_price);
        CHECK(r.admin().find_type("RICE_TRANSPLANTER")->type.purchase_price == won{14'000'000});
        CHECK_FALSE(t->active);
        CHECK(r.admin().list_types().size() == 2); // retired types stay listed
        const auto u = r.admin().find_unit_record("GS-TR-1");
        CHECK(u->branch_code == "BB");
        CHECK(u->status == unit_status::maintenance);
        CHECK(u->hour_meter == 20);
        CHECK(u->notes == "engine");
    });
}

STORAGE_CONTRACT("admin: discounts, farmer categories and settings", "[storage][admin]") {
    store<TestType> s;
    storage::discount_record early;
    early.name_ko = "조기 예약";
    early.name_en = "Early booking";
    early.percent = 10;
    early.days = {d("2020-06-01"), d("2020-06-30")};
    early.branches = {"GS"};
    early.types = {"TRACTOR", "RICE_TRANSPLANTER"};
    storage::discount_record spring = early;
    spring.name_en = "Spring";
    spring.days = {d("2020-04-01"), d("2020-04-30")};
    spring.branches = {};
    spring.types = {};
    const auto early_id = write(s.db(), [&](auto& r) {
        const auto id = r.admin().insert_discount(early);
        r.admin().insert_discount(spring);
        return id;
    });
    read(s.db(), [&](auto& r) {
        const auto all = r.admin().list_discounts();
        REQUIRE(all.size() == 2);
        CHECK(all[0].name_en == "Spring"); // by first day
        const auto e = r.admin().find_discount(early_id);
        REQUIRE(e);
        CHECK(e->name_ko == "조기 예약");
        CHECK(e->percent == 10);
        CHECK(e->days == early.days);
        CHECK(e->branches == early.branches);
        CHECK(e->types == early.types);
        CHECK(e->active);
        CHECK_FALSE(r.admin().find_discount(early_id + 100));
    });
    write(s.db(), [&](auto& r) {
        auto e = *r.admin().find_discount(early_id);
        e.percent = 15;
        e.active = false;
        e.branches = {};
        r.admin().update_discount(e);
    });
    read(s.db(), [&](auto& r) {
        const auto e = r.admin().find_discount(early_id);
        CHECK(e->percent == 15);
        CHECK_FALSE(e->active);
        CHECK(e->branches.empty());
    });

    storage::category_record youth{0, "YOUTH", "청년농", "Young farmer", 20};
    storage::category_record late{0, "LATE", "지각", "Late payer", -10};
    const auto youth_id = write(s.db(), [&](auto& r) {
        const auto id = r.admin().insert_category(youth);
        r.admin().insert_category(late);
        CHECK_THROWS_AS(r.admin().insert_category(youth), storage::duplicate_key);
        return id;
    });
    read(s.db(), [&](auto& r) {
        const auto all = r.admin().list_categories();
        REQUIRE(all.size() == 2);
        CHECK(all[0].code == "YOUTH"); // by id
        CHECK(all[1].percent == -10);
        const auto c = r.admin().find_category("YOUTH");
        REQUIRE(c);
        CHECK(c->id == youth_id);
        CHECK(c->name_en == "Young farmer");
        CHECK(r.admin().count_category_members(youth_id) == 0);
    });
    write(s.db(), [&](auto& r) {
        auto c = *r.admin().find_category("YOUTH");
        c.name_en = "Youth";
        c.percent = 25;
        r.admin().update_category(c);
        r.admin().delete_category(r.admin().find_category("LATE")->id);
    });
    read(s.db(), [&](auto& r) {
        const auto c = r.admin().find_category("YOUTH");
        CHECK(c->name_en == "Youth");
        CHECK(c->percent == 25);
        CHECK_FALSE(r.admin().find_category("LATE"));
        CHECK(r.admin().list_categories().size() == 1);
    });

    write(s.db(), [](auto& r) {
        r.admin().put_setting("max_live", "3");
        r.admin().put_setting("late_multiplier_pct", "150");
        r.admin().put_setting("max_live", "4");
    });
    const auto settings = read(s.db(), [](auto& r) { return r.catalog().load_catalog().settings; });
    CHECK(settings.size() == 2);
    CHECK(std::count(settings.begin(), settings.end(),
                     std::pair<std::string, std::string>{"max_live", "4"}) == 1);
    CHECK(std::count(settings.begin(), settings.end(),
                     std::pair<std::string, std::string>{"late_multiplier_pct", "150"}) == 1);
}

STORAGE_CONTRACT("admin: the fee band table is replaced as a whole and read by price_from",
                 "[storage][admin][fee_bands]") {
    store<TestType> s;
    CHECK(read(s.db(), [](auto& r) { return r.admin().list_fee_bands(); }).empty());
    const std::vector<fee_band> first{{won{0}, won{1'000'000}, won{10'000}},
                                      {won{1'000'000}, std::nullopt, won{12'000}}};
    // Given out of order: read back by price_from.
    const std::vector<fee_band> reversed{first[1], first[0]};
    write(s.db(), [&](auto& r) { r.admin().replace_fee_bands(reversed); });
    CHECK(read(s.db(), [](auto& r) { return r.admin().list_fee_bands(); }) == first);
    // A rolled-back replacement leaves the table as it was.
    {
        auto tx = s.db().begin(storage::access::write);
        tx->admin().replace_fee_bands(std::vector<fee_band>{{won{0}, std::nullopt, won{5}}});
    }
    CHECK(read(s.db(), [](auto& r) { return r.admin().list_fee_bands(); }) == first);
    const auto shipped = shipped_fee_bands();
    write(s.db(), [&](auto& r) { r.admin().replace_fee_bands(shipped); });
    const auto rows = read(s.db(), [](auto& r) { return r.catalog().load_catalog(); });
    CHECK(rows.fee_bands == shipped);
    CHECK(rows.fee_bands.size() == 18);
    write(s.db(), [&](auto& r) { r.admin().replace_fee_bands(first); });
    CHECK(read(s.db(), [](auto& r) { return r.admin().list_fee_bands(); }) == first);
}

STORAGE_CONTRACT("catalog: load_catalog returns everything the snapshot is built from",
                 "[storage][catalog]") {
    store<TestType> s;
    const world w = write(s.db(), [](auto& r) {
        const world seeded = seed(r);
        r.admin().insert_season(seeded.gs, {d("2020-05-18"), d("2020-06-20")});
        storage::closure_record c;
        c.branch_id = seeded.bb;
        c.date = d("2020-05-27");
        r.admin().insert_closure(c);
        r.admin().put_holiday_override({d("2028-01-01"), false, "신정", "New Year"});
        r.admin().insert_known_year(2028);
        r.admin().insert_category({0, "YOUTH", "청년농", "Young farmer", 20});
        storage::discount_record dsc;
        dsc.name_ko = "할인";
        dsc.name_en = "Discount";
        dsc.percent = 10;
        dsc.days = {d("2020-06-01"), d("2020-06-30")};
        r.admin().insert_discount(dsc);
        r.admin().put_setting("max_live", "3");
        return seeded;
    });
    const auto rows = read(s.db(), [](auto& r) { return r.catalog().load_catalog(); });
    REQUIRE(rows.branches.size() == 2);
    CHECK(rows.branches[0].record.id == w.gs); // by id
    CHECK(rows.branches[0].record.code == "GS");
    CHECK(rows.branches[0].zone == "Asia/Seoul");
    CHECK(rows.branches[1].record.code == "BB");
    REQUIRE(rows.seasons.size() == 1);
    CHECK(rows.seasons[0].branch_id == w.gs);
    CHECK(rows.seasons[0].days == date_range{d("2020-05-18"), d("2020-06-20")});
    REQUIRE(rows.closures.size() == 1);
    CHECK(rows.closures[0].branch_id == w.bb);
    REQUIRE(rows.types.size() == 2);
    CHECK(rows.types[0].id == w.transplanter);
    CHECK(same_type(rows.types[0].type, transplanter()));
    REQUIRE(rows.holiday_overrides.size() == 1);
    CHECK(rows.holiday_overrides[0].name_en == "New Year");
    CHECK(rows.known_years == std::vector<int>{2028});
    REQUIRE(rows.categories.size() == 1);
    CHECK(rows.categories[0].code == "YOUTH");
    REQUIRE(rows.discounts.size() == 1);
    CHECK(rows.discounts[0].percent == 10);
    REQUIRE(rows.settings.size() == 1);
    CHECK(rows.settings[0] == std::pair<std::string, std::string>{"max_live", "3"});

    // Also from a write unit of work, where it sees that unit's own writes.
    write(s.db(), [](auto& r) {
        r.admin().insert_category({0, "ELDER", "고령농", "Elder", 10});
        CHECK(r.catalog().load_catalog().categories.size() == 2);
    });
}
