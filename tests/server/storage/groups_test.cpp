// Group rentals (issue 15, DOMAIN.md §16) in the storage port, on every engine: a group reads back
// with its representative and members (by phone), an update replaces them, a type's
// group_rental flag, a group booking keeps its group (and name), counts in the group's live count
// per type and not in the representative's personal holdings.
#include <string>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

STORAGE_CONTRACT("groups: a group reads back, an update replaces its members, the type's flag",
                 "[storage][groups]") {
    store<TestType> s;
    const auto ids = write(s.db(), [](auto& r) {
        seed(r);
        auto t = *r.admin().find_type("RICE_TRANSPLANTER");
        t.type.group_rental = true;
        r.admin().update_type(t);
        const auto rep = r.reservations().insert_farmer(farmer("010-1000-0001", "대표"));
        const auto a = r.reservations().insert_farmer(farmer("010-1000-0003", "가"));
        const auto b = r.reservations().insert_farmer(farmer("010-1000-0002", "나"));
        storage::group_row g;
        g.name = "새마을작목반";
        g.representative_id = rep;
        g.member_ids = {a, b};
        g.created_at = kst("2020-05-01 10:00");
        return std::tuple{r.people().insert_group(g), rep, a, b};
    });
    const auto [id, rep, a, b] = ids;
    read(s.db(), [&](auto& r) {
        CHECK(r.admin().find_type("RICE_TRANSPLANTER")->type.group_rental);
        CHECK_FALSE(r.admin().find_type("TRACTOR")->type.group_rental);
        const auto g = r.people().find_group(id);
        REQUIRE(g);
        CHECK(g->name == "새마을작목반");
        CHECK(g->representative_id == rep);
        CHECK(g->representative_phone == "010-1000-0001");
        CHECK(g->member_phones == std::vector<std::string>{"010-1000-0002", "010-1000-0003"});
        CHECK(g->member_ids == std::vector<std::int64_t>{b, a});
        CHECK(g->created_at == kst("2020-05-01 10:00"));
        CHECK(r.people().list_groups().size() == 1);
        CHECK_FALSE(r.people().find_group(id + 100));
    });
    write(s.db(), [&](auto& r) {
        auto g = *r.people().find_group(id);
        g.name = "영농조합";
        g.representative_id = a;
        g.member_ids = {rep};
        r.people().update_group(g);
    });
    read(s.db(), [&](auto& r) {
        const auto g = r.people().find_group(id);
        REQUIRE(g);
        CHECK(g->name == "영농조합");
        CHECK(g->representative_phone == "010-1000-0003");
        CHECK(g->member_phones == std::vector<std::string>{"010-1000-0001"});
    });
}

STORAGE_CONTRACT("groups: a group booking keeps its group, counts for the group, not the person",
                 "[storage][groups]") {
    store<TestType> s;
    const auto [w, rep, group] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r, 4);
        const auto farmer_id = r.reservations().insert_farmer(farmer("010-1000-0001", "대표"));
        storage::group_row g;
        g.name = "작목반";
        g.representative_id = farmer_id;
        g.created_at = kst("2020-05-01 10:00");
        return std::tuple{seeded, farmer_id, r.people().insert_group(g)};
    });
    write(s.db(), [&](auto& r) {
        auto grouped = reservation("GROUP001", w.gs, w.transplanter, rep,
                                   days("2020-05-12", "2020-05-14"), status::requested);
        grouped.group_id = group;
        r.reservations().insert_reservation(grouped);
        r.reservations().insert_reservation(
            reservation("PERSON01", w.gs, w.transplanter, rep, days("2020-05-20", "2020-05-20")));
    });
    read(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation("GROUP001");
        REQUIRE(row);
        CHECK(row->group_id == group);
        CHECK(row->group_name == "작목반");
        const auto plain = r.reservations().find_reservation("PERSON01");
        CHECK_FALSE(plain->group_id);
        CHECK_FALSE(plain->group_name);
        CHECK(r.people().count_live_of_group(group, w.transplanter) == 1);
        CHECK(r.people().count_live_of_group(group, w.tractor) == 0);
        // The representative's own holdings: the personal booking only.
        const auto held = r.reservations().live_holdings(rep);
        REQUIRE(held.size() == 1);
        CHECK(held[0].usage == days("2020-05-20", "2020-05-20"));
    });
    // Rejected: no longer live for the group.
    write(s.db(), [&](auto& r) {
        const auto row = r.reservations().find_reservation("GROUP001");
        r.reservations().update_status(row->id, status::requested, status::rejected,
                                       std::string{"test"});
    });
    read(s.db(),
         [&](auto& r) { CHECK(r.people().count_live_of_group(group, w.transplanter) == 0); });
}
