// The reservations, units and people parts of the storage port, on every engine: what is written
// reads back the same, the searches find what they say, keys stay unique.
#include <algorithm>
#include <string>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

/// GS with its units, a farmer and one confirmed transplanter reservation on 20–21 May 2020.
struct booked {
    world w;
    std::int64_t farmer_id = 0;
    std::int64_t id = 0;
};

booked book_one(storage::database& db) {
    return write(db, [](auto& r) {
        booked b;
        b.w = seed(r);
        auto f = farmer("010-1234-5678");
        f.farm_id = "FARM-1";
        f.district = "광산구";
        f.training_completed_on = d("2020-03-02");
        b.farmer_id = r.reservations().insert_farmer(f);
        b.id = r.reservations().insert_reservation(reservation(
            "K7M2Q9XW", b.w.gs, b.w.transplanter, b.farmer_id, days("2020-05-20", "2020-05-21")));
        return b;
    });
}

} // namespace

STORAGE_CONTRACT("reservations: a reservation and its farmer read back as written",
                 "[storage][reservations]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    const auto expected = reservation("K7M2Q9XW", b.w.gs, b.w.transplanter, b.farmer_id,
                                      days("2020-05-20", "2020-05-21"));
    read(s.db(), [&](auto& r) {
        const auto f = r.reservations().find_farmer_by_phone("010-1234-5678");
        REQUIRE(f);
        CHECK(f->id == b.farmer_id);
        CHECK(f->name == "홍길동");
        CHECK(f->farm_id == "FARM-1");
        CHECK(f->district == "광산구");
        CHECK(f->training_completed_on == d("2020-03-02"));
        CHECK_FALSE(f->suspended_until);
        CHECK(f->created_at == kst("2020-05-01 09:00"));
        CHECK(r.reservations().find_farmer(b.farmer_id)->phone == "010-1234-5678");
        CHECK_FALSE(r.reservations().find_farmer_by_phone("010-0000-0000"));
        CHECK_FALSE(r.reservations().find_farmer(b.farmer_id + 100));

        const auto row = r.reservations().find_reservation("K7M2Q9XW");
        REQUIRE(row);
        CHECK(row->id == b.id);
        CHECK(row->branch_id == b.w.gs);
        CHECK(row->type_id == b.w.transplanter);
        CHECK(row->farmer_id == b.farmer_id);
        CHECK(row->farmer_name == "홍길동");
        CHECK(row->phone == "010-1234-5678");
        CHECK(row->plan.usage == expected.plan.usage);
        CHECK(row->plan.eve == expected.plan.eve);
        CHECK(row->plan.pickup == expected.plan.pickup);
        CHECK(row->plan.return_by == expected.plan.return_by);
        CHECK(row->state == status::confirmed);
        CHECK(row->via == channel::phone);
        CHECK(row->daily_fee == expected.daily_fee);
        CHECK(row->fee == expected.fee);
        CHECK(row->created_at == expected.created_at);
        CHECK(row->created_by == "operator1");
        CHECK_FALSE(row->unit_id);
        CHECK_FALSE(row->checked_out_at);
        CHECK_FALSE(row->status_reason);
        CHECK(r.reservations().find_reservation_by_id(b.id)->code == "K7M2Q9XW");
        CHECK_FALSE(r.reservations().find_reservation("AAAAAAAA"));
        CHECK_FALSE(r.reservations().find_reservation_by_id(b.id + 100));
    });
}

STORAGE_CONTRACT("reservations: a taken code or phone is a duplicate_key",
                 "[storage][reservations]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    write(s.db(), [&](auto& r) {
        CHECK_THROWS_AS(r.reservations().insert_reservation(
                            reservation("K7M2Q9XW", b.w.gs, b.w.transplanter, b.farmer_id,
                                        days("2020-05-27", "2020-05-27"))),
                        storage::duplicate_key);
        CHECK_THROWS_AS(r.reservations().insert_farmer(farmer("010-1234-5678")),
                        storage::duplicate_key);
    });
    read(s.db(), [](auto& r) {
        storage::reservation_filter all;
        CHECK(r.reservations().search_reservations(all).size() == 1);
    });
}

STORAGE_CONTRACT("reservations: unit counts, live occupancies and live holdings",
                 "[storage][reservations]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    write(s.db(), [&](auto& r) {
        r.admin().insert_unit(unit("GS-RT-M", b.w.transplanter, b.w.gs, unit_status::maintenance));
        r.admin().insert_unit(unit("GS-RT-X", b.w.transplanter, b.w.gs, unit_status::retired));
        r.admin().insert_unit(unit("GS-RT-C", b.w.transplanter, b.w.gs, unit_status::cleaning));
        // A cancelled one holds nothing.
        const auto id = r.reservations().insert_reservation(
            reservation("CANCEL01", b.w.gs, b.w.transplanter, b.farmer_id,
                        days("2020-05-20", "2020-05-20"), status::cancelled));
        CHECK(id != b.id);
    });
    const auto occupancy =
        reservation("X", b.w.gs, b.w.transplanter, b.farmer_id, days("2020-05-20", "2020-05-21"))
            .plan.occupancy();
    read(s.db(), [&](auto& r) {
        // Offered: not retired (2 + maintenance + cleaning); capacity: not maintenance either.
        const auto c = r.reservations().count_units(b.w.gs, b.w.transplanter);
        CHECK(c.offered == 4);
        CHECK(c.capacity == 3);
        CHECK(r.reservations().count_units(b.w.bb, b.w.transplanter).offered == 0);
        const auto by_type = r.reservations().count_units_by_type(b.w.gs);
        CHECK(storage::counts_of_type(by_type, b.w.transplanter).capacity == 3);
        CHECK(storage::counts_of_type(by_type, b.w.tractor).capacity == 2);
        CHECK(storage::counts_of_type(by_type, 999).offered == 0);

        const auto live = r.reservations().live_occupancies(b.w.gs, b.w.transplanter, occupancy);
        REQUIRE(live.size() == 1);
        CHECK(live[0] == occupancy);
        // Half-open: a window ending where the occupancy starts misses it.
        CHECK(r.reservations()
                  .live_occupancies(b.w.gs, b.w.transplanter,
                                    {occupancy.from - std::chrono::hours{24}, occupancy.from})
                  .empty());
        CHECK(r.reservations().live_occupancies(b.w.gs, b.w.tractor, occupancy).empty());
        CHECK(r.reservations().live_occupancies(b.w.bb, b.w.transplanter, occupancy).empty());

        // Both at once (one statement on PostgreSQL): the same answers.
        const auto both =
            r.reservations().units_and_occupancies(b.w.gs, b.w.transplanter, occupancy);
        CHECK(both.counts.offered == 4);
        CHECK(both.counts.capacity == 3);
        REQUIRE(both.live.size() == 1);
        CHECK(both.live[0] == occupancy);
        const auto none = r.reservations().units_and_occupancies(
            b.w.gs, b.w.transplanter, {occupancy.from - std::chrono::hours{24}, occupancy.from});
        CHECK(none.counts.capacity == 3);
        CHECK(none.live.empty());
        const auto nothing =
            r.reservations().units_and_occupancies(b.w.bb, b.w.transplanter, occupancy);
        CHECK(nothing.counts.offered == 0);
        CHECK(nothing.counts.capacity == 0);
        CHECK(nothing.live.empty());

        const auto in_branch = r.reservations().live_in_branch(b.w.gs, occupancy);
        REQUIRE(in_branch.size() == 1);
        CHECK(in_branch[0].id == b.id);
        CHECK(in_branch[0].type_id == b.w.transplanter);
        CHECK(in_branch[0].state == status::confirmed);
        CHECK(in_branch[0].occupancy == occupancy);

        const auto held = r.reservations().live_holdings(b.farmer_id);
        REQUIRE(held.size() == 1);
        CHECK(held[0].type.value == "RICE_TRANSPLANTER");
        CHECK(held[0].usage == days("2020-05-20", "2020-05-21"));
        CHECK(r.reservations().live_holdings(b.farmer_id, b.id).empty());
    });
}

STORAGE_CONTRACT("reservations: status changes are optimistic, check-out and check-in recorded",
                 "[storage][reservations]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    write(s.db(), [&](auto& r) {
        // From a status it is not in: refused, nothing changes.
        CHECK_FALSE(r.reservations().update_status(b.id, status::requested, status::confirmed,
                                                   std::nullopt));
        const auto unit_id = r.admin().find_unit_record("GS-RT-0")->id;
        CHECK(r.reservations().record_checkout(b.id, unit_id, kst("2020-05-19 17:10"), 120.5,
                                               R"({"tyres":true})", true, std::string{"late"}));
        CHECK_FALSE(r.reservations().record_checkout(b.id, unit_id, kst("2020-05-19 17:10"), 120.5,
                                                     "{}", true, std::nullopt));
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation_by_id(b.id);
        CHECK(row->state == status::checked_out);
        CHECK(row->unit_tag == "GS-RT-0");
        CHECK(row->checked_out_at == kst("2020-05-19 17:10"));
        CHECK(row->hour_meter_out == 120.5);
        CHECK(row->checklist_out == R"({"tyres":true})");
        CHECK(row->paid == true);
        CHECK(row->override_reason == "late");
    });
    write(s.db(), [&](auto& r) {
        CHECK(r.reservations().record_checkin(b.id, kst("2020-05-22 10:00"), 130.0,
                                              R"({"tyres":false})", "scratch", true, 1,
                                              won{60000}));
        CHECK_FALSE(r.reservations().record_checkin(b.id, kst("2020-05-22 10:00"), 130.0, "{}", "",
                                                    false, 0, won{0}));
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation_by_id(b.id);
        CHECK(row->state == status::returned);
        CHECK(row->returned_at == kst("2020-05-22 10:00"));
        CHECK(row->hour_meter_in == 130.0);
        CHECK(row->checklist_in == R"({"tyres":false})");
        CHECK(row->damage_notes == "scratch");
        CHECK(row->farmer_at_fault == true);
        CHECK(row->late_days == 1);
        CHECK(row->late_fee == won{60000});
        CHECK(r.reservations().live_holdings(b.farmer_id).empty());
    });

    // Cancelling keeps its reason; a second cancel from the same status is refused.
    const auto other = write(s.db(), [&](auto& r) {
        return r.reservations().insert_reservation(reservation(
            "CANCEL02", b.w.gs, b.w.transplanter, b.farmer_id, days("2020-05-27", "2020-05-27")));
    });
    write(s.db(), [&](auto& r) {
        CHECK(r.reservations().update_status(other, status::confirmed, status::cancelled,
                                             std::string{"farmer"}));
        CHECK_FALSE(r.reservations().update_status(other, status::confirmed, status::cancelled,
                                                   std::string{"farmer"}));
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation("CANCEL02");
        CHECK(row->state == status::cancelled);
        CHECK(row->status_reason == "farmer");
    });
}

STORAGE_CONTRACT("reservations: a move replans branch, days and price", "[storage][reservations]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    const auto moved =
        reservation("X", b.w.bb, b.w.transplanter, b.farmer_id, days("2020-05-27", "2020-05-29"));
    write(s.db(), [&](auto& r) {
        r.reservations().replan_reservation(b.id, b.w.bb, moved.plan, moved.fee);
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation("K7M2Q9XW");
        CHECK(row->branch_id == b.w.bb);
        CHECK(row->plan.usage == moved.plan.usage);
        CHECK(row->plan.pickup == moved.plan.pickup);
        CHECK(row->plan.return_by == moved.plan.return_by);
        CHECK(row->fee == moved.fee);
        CHECK(row->state == status::confirmed);
    });
}

STORAGE_CONTRACT("reservations: pickups, returns, overdue and the staff search",
                 "[storage][reservations]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    const auto row =
        read(s.db(), [](auto& r) { return *r.reservations().find_reservation("K7M2Q9XW"); });
    const auto second = write(s.db(), [&](auto& r) {
        const auto f2 = r.reservations().insert_farmer(farmer("010-2222-3333", "김철수"));
        const auto id = r.reservations().insert_reservation(
            reservation("SECOND01", b.w.gs, b.w.transplanter, f2, days("2020-05-27", "2020-05-27"),
                        status::requested));
        r.reservations().insert_reservation(reservation("OTHERBR1", b.w.bb, b.w.transplanter, f2,
                                                        days("2020-05-20", "2020-05-20")));
        return id;
    });
    read(s.db(), [&](auto& r) {
        const auto pickups = r.reservations().pickups_between(
            b.w.gs, row.plan.pickup.from, row.plan.pickup.from + std::chrono::hours{1});
        REQUIRE(pickups.size() == 1);
        CHECK(pickups[0].code == "K7M2Q9XW");
        CHECK(r.reservations()
                  .pickups_between(b.w.gs, kst("2020-05-01 00:00"), kst("2020-06-30 00:00"))
                  .size() == 2);
        CHECK(r.reservations()
                  .returns_between(b.w.gs, kst("2020-05-01 00:00"),
                                   kst("2020-06-30 00:00"))
                  .empty()); // nothing is out
    });
    write(s.db(), [&](auto& r) {
        const auto unit_id = r.admin().find_unit_record("GS-RT-0")->id;
        REQUIRE(r.reservations().record_checkout(b.id, unit_id, row.plan.pickup.from, 1, "{}", true,
                                                 std::nullopt));
    });
    read(s.db(), [&](auto& r) {
        const auto returns = r.reservations().returns_between(
            b.w.gs, row.plan.return_by, row.plan.return_by + std::chrono::minutes{1});
        REQUIRE(returns.size() == 1);
        CHECK(returns[0].code == "K7M2Q9XW");
        CHECK(r.reservations().overdue_at(b.w.gs, row.plan.return_by).empty());
        const auto overdue =
            r.reservations().overdue_at(b.w.gs, row.plan.return_by + std::chrono::minutes{1});
        REQUIRE(overdue.size() == 1);
        CHECK(overdue[0].code == "K7M2Q9XW");

        storage::reservation_filter f;
        const auto all = r.reservations().search_reservations(f);
        REQUIRE(all.size() == 3);
        CHECK(all[0].id > all[1].id); // newest first
        CHECK(all[1].id > all[2].id);
        f.branch_id = b.w.gs;
        CHECK(r.reservations().search_reservations(f).size() == 2);
        f.state = status::requested;
        const auto requested = r.reservations().search_reservations(f);
        REQUIRE(requested.size() == 1);
        CHECK(requested[0].id == second);
        storage::reservation_filter by_phone;
        by_phone.phone = "010-1234-5678";
        CHECK(r.reservations().search_reservations(by_phone).size() == 1);
        storage::reservation_filter by_code;
        by_code.code = "OTHERBR1";
        CHECK(r.reservations().search_reservations(by_code).size() == 1);
        storage::reservation_filter by_days;
        by_days.from = d("2020-05-21");
        by_days.to = d("2020-05-26");
        CHECK(r.reservations().search_reservations(by_days).size() == 1); // 20–21 May at GS
        storage::reservation_filter page;
        page.limit = 2;
        const auto first_page = r.reservations().search_reservations(page);
        REQUIRE(first_page.size() == 2);
        page.before_id = first_page.back().id;
        const auto next_page = r.reservations().search_reservations(page);
        REQUIRE(next_page.size() == 1);
        CHECK(next_page[0].id < first_page.back().id);
        storage::reservation_filter by_type;
        by_type.type_id = b.w.tractor;
        CHECK(r.reservations().search_reservations(by_type).empty());
    });
}

STORAGE_CONTRACT("reservations: strikes, suspension and the audit history",
                 "[storage][reservations]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    read(s.db(), [&](auto& r) {
        // A reservation without history yet: its row, no entries.
        const auto none = r.reservations().find_reservation_with_history("K7M2Q9XW");
        REQUIRE(none);
        CHECK(none->first.id == b.id);
        CHECK(none->second.empty());
    });
    write(s.db(), [&](auto& r) {
        r.reservations().insert_strike(b.farmer_id, b.id, kst("2020-05-22 09:00"), "no_show");
        r.reservations().insert_strike(b.farmer_id, b.id, kst("2020-05-21 09:00"), "damage");
        r.reservations().set_suspension(b.farmer_id, d("2020-08-31"), std::string{"strikes"});
        r.reservations().append_audit({kst("2020-05-11 10:00"), "operator1", "operator", "phone",
                                       "create", b.id, "reservation", "K7M2Q9XW",
                                       R"({"status":"confirmed"})", "127.0.0.1"});
        r.reservations().append_audit({kst("2020-05-12 10:00"), "system", "system", "system",
                                       "remind", b.id, "reservation", "K7M2Q9XW", "{}", ""});
        r.reservations().append_audit({kst("2020-05-12 11:00"), "admin", "admin", "web",
                                       "unit.update", std::nullopt, "unit", "GS-RT-0", "{}", ""});
    });
    read(s.db(), [&](auto& r) {
        const auto times = r.reservations().strike_times(b.farmer_id);
        REQUIRE(times.size() == 2);
        CHECK(times[0] == kst("2020-05-21 09:00")); // by time
        CHECK(times[1] == kst("2020-05-22 09:00"));
        const auto strikes = r.people().farmer_strikes(b.farmer_id);
        REQUIRE(strikes.size() == 2);
        CHECK(strikes[0].kind == "no_show"); // newest first
        CHECK(strikes[0].reservation_code == "K7M2Q9XW");
        const auto f = r.reservations().find_farmer(b.farmer_id);
        CHECK(f->suspended_until == d("2020-08-31"));
        CHECK(f->suspension_reason == "strikes");

        const auto history = r.reservations().reservation_history(b.id);
        REQUIRE(history.size() == 2);
        CHECK(history[0].action == "create");
        CHECK(history[0].actor == "operator1");
        CHECK(history[0].role == "operator");
        CHECK(history[0].via == "phone");
        CHECK(history[0].details == R"({"status":"confirmed"})");
        CHECK(history[0].at == kst("2020-05-11 10:00"));
        CHECK(history[1].action == "remind");

        // The row and its history at once (one statement on PostgreSQL): the same answers.
        const auto both = r.reservations().find_reservation_with_history("K7M2Q9XW");
        REQUIRE(both);
        CHECK(both->first.id == b.id);
        CHECK(both->first.phone == r.reservations().find_reservation("K7M2Q9XW")->phone);
        REQUIRE(both->second.size() == 2);
        CHECK(both->second[0].action == "create");
        CHECK(both->second[0].actor == "operator1");
        CHECK(both->second[0].role == "operator");
        CHECK(both->second[0].via == "phone");
        CHECK(both->second[0].details == R"({"status":"confirmed"})");
        CHECK(both->second[0].at == kst("2020-05-11 10:00"));
        CHECK(both->second[1].action == "remind");
        CHECK_FALSE(r.reservations().find_reservation_with_history("NOSUCHCD"));
    });

    write(s.db(), [&](auto& r) {
        r.reservations().set_suspension(b.farmer_id, std::nullopt, std::nullopt);
    });
    read(s.db(),
         [&](auto& r) { CHECK_FALSE(r.reservations().find_farmer(b.farmer_id)->suspended_until); });
}

STORAGE_CONTRACT("units: list by branch, type and status, and update", "[storage][units]") {
    store<TestType> s;
    const world w = write(s.db(), [](auto& r) { return seed(r); });
    write(s.db(), [&](auto& r) {
        r.admin().insert_unit(unit("BB-RT-0", w.transplanter, w.bb, unit_status::maintenance));
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.units().list_units({}).size() == 5);
        storage::unit_filter f;
        f.branch_id = w.gs;
        CHECK(r.units().list_units(f).size() == 4);
        f.type_id = w.tractor;
        const auto tractors = r.units().list_units(f);
        REQUIRE(tractors.size() == 2);
        CHECK(tractors[0].tag.starts_with("GS-TR-"));
        storage::unit_filter maint;
        maint.state = unit_status::maintenance;
        const auto m = r.units().list_units(maint);
        REQUIRE(m.size() == 1);
        CHECK(m[0].tag == "BB-RT-0");
        CHECK(m[0].branch_id == w.bb);
        const auto u = r.units().find_unit("GS-RT-1");
        REQUIRE(u);
        CHECK(u->type_id == w.transplanter);
        CHECK(u->state == unit_status::available);
        CHECK_FALSE(r.units().find_unit("NOPE"));
    });
    const auto id = read(s.db(), [](auto& r) { return r.units().find_unit("GS-RT-1")->id; });
    write(s.db(), [&](auto& r) {
        r.units().update_unit(id, unit_status::cleaning, 42.5, std::string{"washed"});
    });
    read(s.db(), [](auto& r) {
        const auto u = r.units().find_unit("GS-RT-1");
        CHECK(u->state == unit_status::cleaning);
        CHECK(u->hour_meter == 42.5);
        CHECK(u->notes == "washed");
    });
    write(s.db(), [&](auto& r) {
        r.units().update_unit(id, unit_status::out, std::nullopt, std::nullopt);
    });
    read(s.db(), [](auto& r) {
        const auto u = r.units().find_unit("GS-RT-1");
        CHECK(u->state == unit_status::out);
        CHECK(u->hour_meter == 42.5); // kept when not given
        CHECK(u->notes == "washed");
    });
}

STORAGE_CONTRACT("people: search, edit, categories and live counts of farmers",
                 "[storage][people]") {
    store<TestType> s;
    const booked b = book_one(s.db());
    const auto cat = write(s.db(), [&](auto& r) {
        r.reservations().insert_farmer(farmer("010-9876-5432", "김영희"));
        r.reservations().insert_farmer(farmer("010-5555-5678", "이순신"));
        storage::category_record c;
        c.code = "YOUTH";
        c.name_ko = "청년농";
        c.name_en = "Young farmer";
        c.percent = 20;
        const auto id = r.admin().insert_category(c);
        storage::category_record e = c;
        e.code = "ELDER";
        r.admin().insert_category(e);
        return id;
    });
    read(s.db(), [&](auto& r) {
        storage::farmer_search q;
        CHECK(r.people().search_farmers(q).size() == 3);
        q.phone = "010-1234-5678";
        const auto exact = r.people().search_farmers(q);
        REQUIRE(exact.size() == 1);
        CHECK(exact[0].id == b.farmer_id);
        storage::farmer_search digits;
        digits.phone_digits = "5678";
        CHECK(r.people().search_farmers(digits).size() == 2);
        storage::farmer_search name;
        name.name = "순신";
        REQUIRE(r.people().search_farmers(name).size() == 1);
        storage::farmer_search page;
        page.limit = 2;
        const auto first = r.people().search_farmers(page);
        REQUIRE(first.size() == 2);
        CHECK(first[0].id > first[1].id); // newest first
        page.before_id = first.back().id;
        CHECK(r.people().search_farmers(page).size() == 1);
        CHECK(r.people().count_live_of_farmer(b.farmer_id) == 1);
    });
    write(s.db(), [&](auto& r) {
        auto f = *r.reservations().find_farmer(b.farmer_id);
        f.name = "홍길순";
        f.farm_id = std::nullopt;
        f.district = "북구";
        f.training_completed_on = d("2020-04-01");
        f.suspended_until = d("2020-06-30");
        f.suspension_reason = "office";
        f.phone = "010-0000-0000"; // the identity: not changed
        r.people().update_farmer(f);
        const auto elder = r.admin().find_category("ELDER")->id;
        r.people().set_farmer_categories(b.farmer_id, {cat, elder});
        r.people().set_farmer_categories(b.farmer_id, {cat});
    });
    read(s.db(), [&](auto& r) {
        const auto f = r.reservations().find_farmer(b.farmer_id);
        CHECK(f->name == "홍길순");
        CHECK_FALSE(f->farm_id);
        CHECK(f->district == "북구");
        CHECK(f->training_completed_on == d("2020-04-01"));
        CHECK(f->suspended_until == d("2020-06-30"));
        CHECK(f->suspension_reason == "office");
        CHECK(f->phone == "010-1234-5678");
        CHECK(f->categories == std::vector<std::string>{"YOUTH"});
        CHECK(r.admin().count_category_members(cat) == 1);
    });
    // A name is found whatever its ASCII case, on every engine (PostgreSQL's ILIKE, SQLite's
    // LIKE: sql::engine::like).
    write(s.db(),
          [&](auto& r) { r.reservations().insert_farmer(farmer("010-4444-1111", "Park Jisoo")); });
    read(s.db(), [&](auto& r) {
        storage::farmer_search name;
        name.name = "park JI";
        const auto found = r.people().search_farmers(name);
        REQUIRE(found.size() == 1);
        CHECK(found[0].name == "Park Jisoo");
    });
}
