// Delivery (issue 15, DOMAIN.md §15) in the storage port, on every engine: a branch's delivery
// settings and a type's flag read back as written (and a branch can stop delivering), a
// reservation keeps its delivery and fee line, the run sheet's query finds the day's deliveries and
// round-trip collections by area, a move keeps the line, revenue sums it apart.
#include <string>
#include <vector>

#include "common/delivery.hpp"
#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

branch_delivery gwangsan_delivery() {
    return {{"임곡동", "본량동", "평동"}, won{20000}, won{40000}, 3, time_of_day{9 * 60},
            time_of_day{17 * 60 + 30}};
}

storage::reservation_row delivered(std::string code, const world& w, std::int64_t farmer_id,
                                   period usage, delivery_mode mode, std::string area,
                                   status s = status::confirmed) {
    auto r = reservation(std::move(code), w.gs, w.transplanter, farmer_id, usage, s);
    r.delivery = delivery_request{mode, area + " 마을회관", area};
    r.fee = with_delivery(r.fee, mode == delivery_mode::round_trip ? won{40000} : won{20000});
    return r;
}

std::vector<std::string> codes(const std::vector<storage::reservation_row>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) {
        out.push_back(r.code);
    }
    return out;
}

} // namespace

STORAGE_CONTRACT("delivery: a branch's settings and a type's flag read back, and none is none",
                 "[storage][delivery]") {
    store<TestType> s;
    auto gs = branch("GS");
    gs.delivery = gwangsan_delivery();
    const auto ids = write(s.db(), [&](auto& r) {
        const auto id = r.admin().insert_branch(gs);
        r.admin().insert_branch(branch("BB"));
        auto t = type_of(tractor());
        t.type.deliverable = true;
        r.admin().insert_type(t);
        r.admin().insert_type(type_of(transplanter()));
        return id;
    });
    read(s.db(), [&](auto& r) {
        const auto b = r.admin().find_branch("GS");
        REQUIRE(b);
        CHECK(b->id == ids);
        REQUIRE(b->delivery);
        CHECK(*b->delivery == gwangsan_delivery());
        CHECK_FALSE(r.admin().find_branch("BB")->delivery);
        CHECK(r.admin().find_type("TRACTOR")->type.deliverable);
        CHECK_FALSE(r.admin().find_type("RICE_TRANSPLANTER")->type.deliverable);
        // The catalog's read: the same, and the zone after the delivery columns.
        const auto rows = r.catalog().load_catalog();
        REQUIRE(rows.branches.size() == 2);
        REQUIRE(rows.branches[0].record.delivery);
        CHECK(*rows.branches[0].record.delivery == gwangsan_delivery());
        CHECK(rows.branches[0].zone == "Asia/Seoul");
        CHECK_FALSE(rows.branches[1].record.delivery);
    });

    // Edit, then stop delivering; the type's flag both ways.
    auto edited = *read(s.db(), [](auto& r) { return r.admin().find_branch("GS"); });
    edited.delivery->area = {"삼도동"};
    edited.delivery->lead_days = 0;
    edited.delivery->one_way_fee = won{0};
    write(s.db(), [&](auto& r) {
        r.admin().update_branch(edited);
        auto t = *r.admin().find_type("TRACTOR");
        t.type.deliverable = false;
        r.admin().update_type(t);
        auto u = *r.admin().find_type("RICE_TRANSPLANTER");
        u.type.deliverable = true;
        r.admin().update_type(u);
    });
    read(s.db(), [&](auto& r) {
        const auto b = r.admin().find_branch("GS");
        REQUIRE(b->delivery);
        CHECK(b->delivery->area == std::vector<std::string>{"삼도동"});
        CHECK(b->delivery->lead_days == 0);
        CHECK(b->delivery->one_way_fee == won{0});
        CHECK(b->delivery->round_trip_fee == won{40000});
        CHECK_FALSE(r.admin().find_type("TRACTOR")->type.deliverable);
        CHECK(r.admin().find_type("RICE_TRANSPLANTER")->type.deliverable);
    });
    edited.delivery = std::nullopt;
    write(s.db(), [&](auto& r) { r.admin().update_branch(edited); });
    read(s.db(), [&](auto& r) { CHECK_FALSE(r.admin().find_branch("GS")->delivery); });
}

STORAGE_CONTRACT(
    "delivery: a reservation keeps its delivery and fee line, and a move keeps the line",
    "[storage][delivery]") {
    store<TestType> s;
    const auto [w, farmer_id] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r);
        return std::pair{seeded, r.reservations().insert_farmer(farmer("010-1234-5678"))};
    });
    const auto with = delivered("DLVR0001", w, farmer_id, days("2020-05-12", "2020-05-13"),
                                delivery_mode::round_trip, "임곡동");
    write(s.db(), [&](auto& r) {
        r.reservations().insert_reservation(with);
        r.reservations().insert_reservation(reservation("PLAIN001", w.gs, w.transplanter, farmer_id,
                                                        days("2020-05-20", "2020-05-20")));
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation("DLVR0001");
        REQUIRE(row);
        REQUIRE(row->delivery);
        CHECK(*row->delivery == *with.delivery);
        CHECK(row->fee == with.fee);
        CHECK(row->fee.delivery == won{40000});
        CHECK(row->fee.net == with.fee.net);
        const auto plain = r.reservations().find_reservation("PLAIN001");
        CHECK_FALSE(plain->delivery);
        CHECK(plain->fee.delivery == won{0});
    });
    // A move (re-dated, re-priced) stores the fee it is given, delivery line included.
    const auto moved_plan =
        plan_rental(reference_branch(), transplanter(), days("2020-05-14", "2020-05-14"));
    REQUIRE(moved_plan);
    const auto moved_fee = with_delivery(
        quote_fee(transplanter(), branch_code{"GS"}, days("2020-05-14", "2020-05-14"), {}, {}),
        won{40000});
    write(s.db(), [&](auto& r) {
        const auto id = r.reservations().find_reservation("DLVR0001")->id;
        r.reservations().replan_reservation(id, w.gs, *moved_plan, moved_fee);
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation("DLVR0001");
        CHECK(row->fee == moved_fee);
        CHECK(row->delivery->area == "임곡동");
    });
}

STORAGE_CONTRACT("delivery: the day's deliveries and round-trip collections, by area",
                 "[storage][delivery]") {
    store<TestType> s;
    const auto [w, farmer_id] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r, 4);
        return std::pair{seeded, r.reservations().insert_farmer(farmer("010-1234-5678"))};
    });
    write(s.db(), [&](auto& r) {
        auto& res = r.reservations();
        // Tue 05-12: two deliveries (본량동 sorts before 임곡동), one cancelled, one without
        // delivery; a one-way due back on 05-12 and a round trip due back then.
        res.insert_reservation(delivered("IMGOK012", w, farmer_id, days("2020-05-12", "2020-05-13"),
                                         delivery_mode::round_trip, "임곡동"));
        res.insert_reservation(delivered("BONRY012", w, farmer_id, days("2020-05-12", "2020-05-12"),
                                         delivery_mode::one_way, "본량동"));
        res.insert_reservation(delivered("CANCL012", w, farmer_id, days("2020-05-12", "2020-05-12"),
                                         delivery_mode::one_way, "평동", status::cancelled));
        res.insert_reservation(reservation("PLAIN012", w.gs, w.transplanter, farmer_id,
                                           days("2020-05-12", "2020-05-12")));
        res.insert_reservation(delivered("ONEWY011", w, farmer_id, days("2020-05-11", "2020-05-12"),
                                         delivery_mode::one_way, "평동"));
        res.insert_reservation(delivered("ROUND011", w, farmer_id, days("2020-05-11", "2020-05-12"),
                                         delivery_mode::round_trip, "평동", status::checked_out));
    });
    read(s.db(), [&](auto& r) {
        const auto rows = r.reservations().deliveries_between(w.gs, kst("2020-05-12 00:00"),
                                                              kst("2020-05-13 00:00"));
        // By area; ROUND011 comes back (a collection), ONEWY011 does not (the farmer returns it).
        CHECK(codes(rows) == std::vector<std::string>{"BONRY012", "IMGOK012", "ROUND011"});
        CHECK(r.reservations()
                  .deliveries_between(w.bb, kst("2020-05-12 00:00"), kst("2020-05-13 00:00"))
                  .empty());
        // 05-13: IMGOK012's collection at 17:00.
        CHECK(codes(r.reservations().deliveries_between(w.gs, kst("2020-05-13 00:00"),
                                                        kst("2020-05-14 00:00"))) ==
              std::vector<std::string>{"IMGOK012"});
    });
}

STORAGE_CONTRACT("delivery: revenue sums delivery fees apart from the rental",
                 "[storage][delivery][reports]") {
    store<TestType> s;
    const auto [w, farmer_id] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r, 4);
        return std::pair{seeded, r.reservations().insert_farmer(farmer("010-1234-5678"))};
    });
    write(s.db(), [&](auto& r) {
        r.reservations().insert_reservation(delivered("REV00001", w, farmer_id,
                                                      days("2020-05-12", "2020-05-12"),
                                                      delivery_mode::round_trip, "임곡동"));
        r.reservations().insert_reservation(delivered("REV00002", w, farmer_id,
                                                      days("2020-05-13", "2020-05-13"),
                                                      delivery_mode::one_way, "평동"));
        r.reservations().insert_reservation(reservation("REV00003", w.gs, w.transplanter, farmer_id,
                                                        days("2020-05-14", "2020-05-14")));
    });
    read(s.db(), [&](auto& r) {
        const auto rows =
            r.reports().revenue_by_branch_type(w.gs, {d("2020-05-11"), d("2020-05-17")});
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].bookings == 3);
        CHECK(rows[0].rental_net == won{3 * transplanter().daily_fee.value});
        CHECK(rows[0].delivery == won{60000});
    });
}
