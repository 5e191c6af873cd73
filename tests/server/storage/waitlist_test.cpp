// The waitlist (issue 14, DOMAIN.md §13) in the storage port, on every engine: an entry reads
// back as written; the queue is FIFO per branch and type; positions count older overlapping
// waiting entries; the per-phone live count and the overlap checks; an offer is made only from
// waiting and its hold counts in live_occupancies and units_and_occupancies (what the booking
// decision reads) until the entry leaves `offered`; lapsed offers, entries starting by a day,
// the queues with waiting entries, the holds of a branch; a taken code is duplicate_key.
#include <string>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;
using storage::waitlist_status;

namespace {

storage::waitlist_row entry(std::string code, std::int64_t branch_id, std::int64_t type_id,
                            period usage, std::string phone) {
    storage::waitlist_row e;
    e.code = std::move(code);
    e.branch_id = branch_id;
    e.type_id = type_id;
    e.usage = usage;
    e.name = "이대기";
    e.phone = std::move(phone);
    e.via = "web";
    e.created_by = "web";
    e.created_at = kst("2020-05-01 10:00");
    return e;
}

} // namespace

STORAGE_CONTRACT("waitlist: entries read back, FIFO queue, positions, counts and overlaps",
                 "[storage][waitlist]") {
    store<TestType> s;
    const auto [w, ids] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r);
        std::vector<std::int64_t> inserted;
        const auto add = [&](const char* code, std::int64_t type, period p, const char* phone) {
            inserted.push_back(r.waitlist().insert_entry(entry(code, seeded.gs, type, p, phone)));
        };
        add("WAITAAAA", seeded.transplanter, days("2020-05-12", "2020-05-13"), "010-1");
        add("WAITBBBB", seeded.transplanter, days("2020-05-13", "2020-05-13"), "010-2");
        add("WAITCCCC", seeded.transplanter, days("2020-05-20", "2020-05-20"), "010-1");
        add("WAITDDDD", seeded.tractor, days("2020-05-12", "2020-05-12"), "010-3");
        return std::pair{seeded, inserted};
    });
    read(s.db(), [&](auto& r) {
        const auto e = r.waitlist().find_entry("WAITAAAA");
        REQUIRE(e);
        CHECK(e->id == ids[0]);
        CHECK(e->branch_id == w.gs);
        CHECK(e->type_id == w.transplanter);
        CHECK(e->usage == days("2020-05-12", "2020-05-13"));
        CHECK(e->name == "이대기");
        CHECK(e->phone == "010-1");
        CHECK(e->state == waitlist_status::waiting);
        CHECK(e->via == "web");
        CHECK(e->created_at == kst("2020-05-01 10:00"));
        CHECK_FALSE(e->offer_expires_at);
        CHECK_FALSE(e->hold);
        CHECK_FALSE(e->reservation_id);
        CHECK_FALSE(r.waitlist().find_entry("NOSUCHXX"));

        const auto queue = r.waitlist().waiting_queue(w.gs, w.transplanter);
        REQUIRE(queue.size() == 3);
        CHECK(queue[0].code == "WAITAAAA");
        CHECK(queue[1].code == "WAITBBBB");
        CHECK(queue[2].code == "WAITCCCC");
        CHECK(r.waitlist().waiting_ahead(w.gs, w.transplanter, ids[1], queue[1].usage, {}) == 1);
        CHECK(r.waitlist().waiting_ahead(w.gs, w.transplanter, ids[2], queue[2].usage, {}) == 0);
        CHECK(r.waitlist().count_live_of_phone("010-1") == 2);
        CHECK(r.waitlist().count_live_of_phone("010-9") == 0);
        CHECK(r.waitlist().live_entry_overlaps("010-1", w.gs, w.transplanter,
                                               days("2020-05-13", "2020-05-14"), {}));
        CHECK_FALSE(r.waitlist().live_entry_overlaps("010-1", w.gs, w.transplanter,
                                                     days("2020-05-14", "2020-05-15"), {}));
        CHECK_FALSE(r.waitlist().live_entry_overlaps("010-1", w.gs, w.tractor,
                                                     days("2020-05-12", "2020-05-12"), {}));
        CHECK(r.waitlist().anyone_waiting(w.gs, w.transplanter, days("2020-05-14", "2020-05-20")));
        CHECK_FALSE(
            r.waitlist().anyone_waiting(w.gs, w.transplanter, days("2020-05-14", "2020-05-19")));
        const auto pairs = r.waitlist().waiting_branch_types();
        CHECK(pairs.size() == 2);
        storage::waitlist_filter f;
        f.branch_id = w.gs;
        f.from = *parse_date("2020-05-13");
        f.to = *parse_date("2020-05-13");
        CHECK(r.waitlist().list_entries(f).size() == 2);
        f = {};
        f.type_id = w.tractor;
        CHECK(r.waitlist().list_entries(f).size() == 1);
        CHECK(r.waitlist().waiting_starting_by(*parse_date("2020-05-12"), 10).size() == 2);
    });
    // A taken code is duplicate_key; the unit of work goes on.
    write(s.db(), [&](auto& r) {
        CHECK_THROWS_AS(r.waitlist().insert_entry(entry("WAITAAAA", w.gs, w.transplanter,
                                                        days("2020-05-12", "2020-05-12"), "010-4")),
                        storage::duplicate_key);
        CHECK(r.waitlist().count_live_of_phone("010-1") == 2);
    });
}

STORAGE_CONTRACT("waitlist: an offer's hold counts against capacity until it is no longer offered",
                 "[storage][waitlist]") {
    store<TestType> s;
    const auto [w, a, b] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r);
        const auto first = r.waitlist().insert_entry(entry(
            "WAITAAAA", seeded.gs, seeded.transplanter, days("2020-05-12", "2020-05-12"), "010-1"));
        const auto second = r.waitlist().insert_entry(entry(
            "WAITBBBB", seeded.gs, seeded.transplanter, days("2020-05-12", "2020-05-12"), "010-2"));
        return std::tuple{seeded, first, second};
    });
    const interval hold{kst("2020-05-12 09:00"), kst("2020-05-12 17:00")};
    const interval day{kst("2020-05-12 00:00"), kst("2020-05-13 00:00")};
    write(s.db(), [&](auto& r) {
        CHECK(r.reservations().live_occupancies(w.gs, w.transplanter, day).empty());
        CHECK(r.waitlist().make_offer(a, kst("2020-05-01 12:00"), hold));
        CHECK_FALSE(r.waitlist().make_offer(a, kst("2020-05-01 12:00"), hold)); // not waiting
    });
    read(s.db(), [&](auto& r) {
        const auto e = r.waitlist().find_entry("WAITAAAA");
        CHECK(e->state == waitlist_status::offered);
        CHECK(e->offer_expires_at == kst("2020-05-01 12:00"));
        CHECK(e->hold == hold);
        CHECK(r.reservations().live_occupancies(w.gs, w.transplanter, day) ==
              std::vector<interval>{hold});
        const auto both = r.reservations().units_and_occupancies(w.gs, w.transplanter, day);
        CHECK(both.counts.capacity == 2);
        CHECK(both.live == std::vector<interval>{hold});
        CHECK(r.reservations().live_occupancies(w.gs, w.tractor, day).empty());
        const auto holds = r.waitlist().holds_in_branch(w.gs, day);
        REQUIRE(holds.size() == 1);
        CHECK(holds[0].first == w.transplanter);
        CHECK(holds[0].second == hold);
        CHECK(r.waitlist().waiting_queue(w.gs, w.transplanter).size() == 1); // B only
        CHECK(r.waitlist().count_live_of_phone("010-1") == 1);               // offered is live
        CHECK(r.waitlist().lapsed_offers(kst("2020-05-01 11:59"), 10).empty());
        CHECK(r.waitlist().lapsed_offers(kst("2020-05-01 12:00"), 10).size() == 1);
    });
    write(s.db(), [&](auto& r) {
        const auto farmer_id = r.reservations().insert_farmer(farmer("010-1", "이대기"));
        const auto res = r.reservations().insert_reservation(reservation(
            "BOOKED01", w.gs, w.transplanter, farmer_id, days("2020-05-12", "2020-05-12")));
        CHECK_FALSE(r.waitlist().set_entry_status(a, waitlist_status::waiting,
                                                  waitlist_status::lapsed)); // not waiting
        CHECK(r.waitlist().set_entry_status(a, waitlist_status::offered, waitlist_status::booked,
                                            res));
        CHECK(
            r.waitlist().set_entry_status(b, waitlist_status::waiting, waitlist_status::cancelled));
    });
    read(s.db(), [&](auto& r) {
        const auto e = r.waitlist().find_entry("WAITAAAA");
        CHECK(e->state == waitlist_status::booked);
        CHECK(e->reservation_code == "BOOKED01");
        // Only the reservation now: the hold is gone.
        CHECK(r.reservations().live_occupancies(w.gs, w.transplanter, day).size() == 1);
        CHECK(r.waitlist().holds_in_branch(w.gs, day).empty());
        CHECK(r.waitlist().count_live_of_phone("010-1") == 0);
        CHECK(r.waitlist().waiting_branch_types().empty());
    });
}

STORAGE_CONTRACT("waitlist: a half-day entry reads back with its half, overlaps only its own half, "
                 "and its hold occupies the slot only",
                 "[storage][waitlist][half]") {
    store<TestType> s;
    const auto [w, morning, afternoon, whole] = write(s.db(), [](auto& r) {
        const auto seeded = seed(r);
        auto am = entry("WAITAMAM", seeded.gs, seeded.transplanter,
                        days("2020-05-12", "2020-05-12"), "010-1");
        am.half = half_day::am;
        auto pm = entry("WAITPMPM", seeded.gs, seeded.transplanter,
                        days("2020-05-12", "2020-05-12"), "010-2");
        pm.half = half_day::pm;
        const auto a = r.waitlist().insert_entry(am);
        const auto p = r.waitlist().insert_entry(pm);
        const auto d = r.waitlist().insert_entry(entry("WAITDAYS", seeded.gs, seeded.transplanter,
                                                       days("2020-05-12", "2020-05-12"), "010-3"));
        return std::tuple{seeded, a, p, d};
    });
    const period day12 = days("2020-05-12", "2020-05-12");
    read(s.db(), [&](auto& r) {
        CHECK(r.waitlist().find_entry("WAITAMAM")->half == half_day::am);
        CHECK(r.waitlist().find_entry("WAITPMPM")->half == half_day::pm);
        CHECK_FALSE(r.waitlist().find_entry("WAITDAYS")->half);
        CHECK(r.waitlist().waiting_queue(w.gs, w.transplanter).at(1).half == half_day::pm);
        // The same phone: its own half and the whole day overlap, the other half does not.
        CHECK(r.waitlist().live_entry_overlaps("010-1", w.gs, w.transplanter, day12, half_day::am));
        CHECK(r.waitlist().live_entry_overlaps("010-1", w.gs, w.transplanter, day12, {}));
        CHECK_FALSE(
            r.waitlist().live_entry_overlaps("010-1", w.gs, w.transplanter, day12, half_day::pm));
        CHECK(r.waitlist().live_entry_overlaps("010-3", w.gs, w.transplanter, day12,
                                               half_day::pm)); // a whole day has both halves
        // Positions: the afternoon waits behind nobody (the morning is another slot), the whole
        // day behind both.
        CHECK(r.waitlist().waiting_ahead(w.gs, w.transplanter, afternoon, day12, half_day::pm) ==
              0);
        CHECK(r.waitlist().waiting_ahead(w.gs, w.transplanter, whole, day12, {}) == 2);
    });
    // The morning's offer holds 09:00–13:00 only: an afternoon occupancy does not meet it.
    const interval am_slot{kst("2020-05-12 09:00"), kst("2020-05-12 13:00")};
    const interval pm_slot{kst("2020-05-12 14:00"), kst("2020-05-12 18:00")};
    write(s.db(), [&](auto& r) {
        CHECK(r.waitlist().make_offer(morning, kst("2020-05-12 09:00"), am_slot));
    });
    read(s.db(), [&](auto& r) {
        CHECK(r.waitlist().find_entry("WAITAMAM")->hold == am_slot);
        CHECK(r.reservations().live_occupancies(w.gs, w.transplanter, am_slot) ==
              std::vector<interval>{am_slot});
        CHECK(r.reservations().live_occupancies(w.gs, w.transplanter, pm_slot).empty());
        CHECK(r.reservations().units_and_occupancies(w.gs, w.transplanter, pm_slot).live.empty());
        CHECK(r.reservations().units_and_occupancies(w.gs, w.transplanter, am_slot).live ==
              std::vector<interval>{am_slot});
        const interval whole_day{kst("2020-05-12 09:00"), kst("2020-05-12 17:00")};
        CHECK(r.reservations().units_and_occupancies(w.gs, w.transplanter, whole_day).live ==
              std::vector<interval>{am_slot});
    });
}
