// Seeds the large benchmark data set of issue 6 into a fresh database: the demo data (staff
// accounts, GS and BB, seven types), grown to 20 branches, 40 machine types and 2,000 units, plus
// N reservations: `--live` of them live (confirmed, in the 30 days after --now, each planned by
// the domain's plan_rental and admitted only if the capacity rule holds, as a real booking would
// be) and the rest past (2018–2019: returned, cancelled, no-show). Every reservation has its
// farmer and its audit row. Used by scripts/bench.sh; deterministic for a given --seed.
//
//   seed_large --db FILE [--reservations 200000] [--live 10000] [--seed 1]
//              [--now 2020-05-12T10:00:00+09:00]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/booking_rules.hpp"
#include "common/fees.hpp"
#include "common/planning.hpp"
#include "common/time.hpp"
#include "common/validation.hpp"
#include "server/app/catalog.hpp"
#include "server/app/demo.hpp"
#include "server/storage/database.hpp"
#include "server/storage/sqlite/reservation_queries.hpp"
#include "server/storage/sqlite/sqlite.hpp"

using namespace agrirent;

namespace {

constexpr int branch_count = 20;
constexpr int type_count = 40;
constexpr int unit_count = 2000;

struct options {
    std::string db;
    long reservations = 200000;
    long live = 10000;
    unsigned seed = 1;
    std::string now = "2020-05-12T10:00:00+09:00";
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "seed_large: %s\nusage: seed_large --db FILE [--reservations N] [--live N] "
                 "[--seed N] [--now ISO-INSTANT]\n",
                 why);
    std::exit(2);
}

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            usage(("missing value for " + arg).c_str());
        }
        const std::string value = argv[++i];
        if (arg == "--db") {
            o.db = value;
        } else if (arg == "--reservations") {
            o.reservations = std::stol(value);
        } else if (arg == "--live") {
            o.live = std::stol(value);
        } else if (arg == "--seed") {
            o.seed = static_cast<unsigned>(std::stoul(value));
        } else if (arg == "--now") {
            o.now = value;
        } else {
            usage(("unknown option " + arg).c_str());
        }
    }
    if (o.db.empty()) {
        usage("--db is required");
    }
    if (o.live > o.reservations) {
        usage("--live must not exceed --reservations");
    }
    return o;
}

// Booking code n: 8 characters of the booking-code alphabet (common/validation), base 23; the
// wrk scripts compute the same (bench/dataset.lua).
std::string code_of(long n) {
    constexpr std::string_view alphabet = booking_code_alphabet;
    std::string code(8, alphabet[0]);
    for (int i = 7; i >= 0 && n > 0; --i) {
        const auto base = static_cast<long>(alphabet.size());
        code[static_cast<std::size_t>(i)] = alphabet[static_cast<std::size_t>(n % base)];
        n /= base;
    }
    return code;
}

std::string pad(long n, int width) {
    std::string s = std::to_string(n);
    return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(s.size()))),
                       '0') +
           s;
}

// 18 more branches (with GS's Saturday seasons), 33 more types (every eighth needs the safety
// training), and units so that every branch offers every type and there are 2,000 in all.
void grow_catalog(db::connection& conn) {
    db::transaction tx{conn};
    for (int b = 3; b <= branch_count; ++b) {
        auto st = conn.prepare("INSERT INTO branches (code, name_ko, name_en, phones) VALUES "
                               "(?, ?, ?, '[\"062-000-0000\"]')");
        st.bind_all("B" + pad(b, 2), "벤치" + std::to_string(b) + "분소",
                    "Bench office " + std::to_string(b));
        st.step();
    }
    conn.exec("INSERT INTO saturday_seasons (branch_id, from_date, to_date) "
              "SELECT b.id, s.from_date, s.to_date FROM branches b JOIN saturday_seasons s "
              "ON s.branch_id = (SELECT id FROM branches WHERE code = 'GS') "
              "WHERE b.code NOT IN ('GS', 'BB')");
    for (int t = 8; t <= type_count; ++t) {
        auto st = conn.prepare("INSERT INTO machine_types (code, name_ko, name_en, daily_fee, "
                               "max_days, needs_training, checklist) VALUES (?, ?, ?, ?, 3, ?, "
                               "'[\"엔진오일\",\"세척 상태\"]')");
        st.bind_all("BENCH_TYPE_" + pad(t, 2), "벤치 기종 " + std::to_string(t),
                    "Bench type " + std::to_string(t), static_cast<std::int64_t>(10000 + 2500 * t),
                    t % 8 == 0);
        st.step();
    }
    // Every (branch, type) gets at least one unit; the rest are dealt round-robin.
    auto count = conn.prepare("SELECT count(*) FROM units");
    count.step();
    long have = count.int64(0);
    count.reset();
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs; // (branch, type)
    auto all = conn.prepare("SELECT b.id, t.id FROM branches b, machine_types t "
                            "WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.branch_id = b.id "
                            "AND u.type_id = t.id) ORDER BY b.id, t.id");
    while (all.step()) {
        pairs.emplace_back(all.int64(0), all.int64(1));
    }
    auto every = conn.prepare("SELECT b.id, t.id FROM branches b, machine_types t "
                              "ORDER BY b.id, t.id");
    std::vector<std::pair<std::int64_t, std::int64_t>> every_pair;
    while (every.step()) {
        every_pair.emplace_back(every.int64(0), every.int64(1));
    }
    auto insert = conn.prepare("INSERT INTO units (tag, type_id, branch_id, hour_meter) "
                               "VALUES (?, ?, ?, 100)");
    const auto add = [&](std::int64_t branch, std::int64_t type) {
        insert.bind_all("BENCH-" + std::to_string(have), type, branch);
        insert.step();
        insert.reset();
        ++have;
    };
    for (const auto& [b, t] : pairs) {
        add(b, t);
    }
    for (std::size_t i = 0; have < unit_count; ++i) {
        add(every_pair[i % every_pair.size()].first, every_pair[i % every_pair.size()].second);
    }
    tx.commit();
}

} // namespace

int main(int argc, char** argv) try {
    const options opt = parse(argc, argv);
    const auto now_parsed = parse_instant(opt.now);
    if (!now_parsed) {
        usage("--now must be an ISO 8601 instant with an offset");
    }
    const sys_seconds now = *now_parsed;
    {
        storage::open_settings settings;
        settings.connections = 1;
        const auto db = storage::open_database(opt.db, settings);
        if (!app::database_is_empty(*db)) {
            usage("the database is not empty: seed a new file");
        }
        app::load_demo(*db, now);
    }
    // The bulk of it straight through SQLite (this tool seeds the SQLite engine's file).
    db::connection conn{opt.db};
    // A scratch file for a benchmark: no fsync while seeding, and room for the whole build.
    conn.exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
    // The bench books as farmers through the public API without codes: a kiosk configuration
    // (DOMAIN.md §14 verify_farmer_phone off; docs/performance.md).
    conn.exec("INSERT OR REPLACE INTO settings (key, value) VALUES ('verify_farmer_phone', '0')");
    grow_catalog(conn);
    const auto cat = [&] {
        storage::open_settings settings;
        settings.connections = 1;
        const auto db = storage::open_database(opt.db, settings);
        return app::catalog::load(*db->begin(storage::access::read));
    }();

    std::mt19937_64 rng{opt.seed};
    const auto pick = [&](std::size_t n) {
        return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>{0, n - 1}(rng));
    };
    std::vector<const app::branch_info*> branches;
    for (const auto& b : cat->branches()) {
        branches.push_back(&b);
    }
    std::vector<const app::type_info*> types;
    for (const auto& t : cat->types()) {
        types.push_back(&t);
    }
    // Capacity of every (branch, type): its units.
    std::map<std::pair<std::int64_t, std::int64_t>, int> capacity;
    {
        auto st = conn.prepare("SELECT branch_id, type_id, count(*) FROM units GROUP BY 1, 2");
        while (st.step()) {
            capacity[{st.int64(0), st.int64(1)}] = st.int32(2);
        }
    }
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<interval>> held;

    const date::time_zone* seoul = date::locate_zone("Asia/Seoul");
    const local_days today = local_date_of(seoul, now);
    const local_days past_from = *parse_date("2018-01-02");
    long made_live = 0;
    long made_past = 0;
    long attempts = 0;
    const long past_wanted = opt.reservations - opt.live;

    db::transaction tx{conn};
    auto audit = conn.prepare("INSERT INTO audit_log (at, actor, role, channel, action, "
                              "reservation_id, entity, entity_key, details) VALUES "
                              "(?, 'web', 'farmer', 'web', 'create', ?, 'reservation', ?, '{}')");
    while (made_live < opt.live || made_past < past_wanted) {
        if (++attempts > 20 * opt.reservations + 1000) {
            std::fprintf(stderr,
                         "seed_large: could not place %ld live and %ld past reservations "
                         "(capacity exhausted?)\n",
                         opt.live - made_live, past_wanted - made_past);
            return 1;
        }
        const bool live = made_live < opt.live;
        const auto* branch = branches[pick(branches.size())];
        const auto* type = types[pick(types.size())];
        const int length =
            1 + static_cast<int>(pick(static_cast<std::size_t>(std::min(3, type->type.max_days))));
        const local_days start = live ? today + date::days{1 + static_cast<int>(pick(29))}
                                      : past_from + date::days{static_cast<int>(pick(720))};
        const period usage{start, start + date::days{length - 1}};
        const auto plan = plan_rental(branch->calendar, type->type, usage);
        if (!plan) {
            continue; // a closed day: a real farmer picks another
        }
        const std::pair key{branch->id, type->id};
        if (live) {
            auto& h = held[key];
            if (peak_overlap(plan->occupancy(), h) + 1 > capacity[key]) {
                continue; // full: the capacity rule would refuse it
            }
            h.push_back(plan->occupancy());
        }
        const long n = made_live + made_past;
        storage::farmer_row f;
        // Live bookings: a farmer each (the 3-live limit never binds); past ones: 20,000 farmers.
        const long farmer_no = live ? n : opt.live + (made_past % 20000);
        f.phone = "010-" + pad(5000 + farmer_no / 10000, 4) + "-" + pad(farmer_no % 10000, 4);
        std::int64_t farmer_id = 0;
        if (live || made_past < 20000) {
            f.name = "벤치 농업인 " + std::to_string(farmer_no);
            f.created_at = now - std::chrono::hours{24 * 900};
            farmer_id = storage::sqlite::insert_farmer(conn, f);
        } else {
            farmer_id = storage::sqlite::find_farmer_by_phone(conn, f.phone)->id;
        }
        storage::reservation_row r;
        r.code = code_of(n);
        r.branch_id = branch->id;
        r.type_id = type->id;
        r.farmer_id = farmer_id;
        r.farmer_name = "벤치 농업인";
        r.phone = f.phone;
        r.plan = *plan;
        const long k = made_past % 20;
        r.state = live     ? status::confirmed
                  : k < 2  ? status::cancelled
                  : k == 2 ? status::no_show
                           : status::returned;
        r.via = channel::web;
        r.daily_fee = type->type.daily_fee;
        r.fee = quote_fee(type->type, branch->code, usage, cat->adjustments(), {});
        r.created_at = live ? now - std::chrono::hours{1 + n % 240}
                            : plan->pickup.from - std::chrono::hours{72};
        r.created_by = "web";
        r.id = storage::sqlite::insert_reservation(conn, r);
        audit.bind_all(r.created_at.time_since_epoch().count(), r.id, r.code);
        audit.step();
        audit.reset();
        (live ? made_live : made_past) += 1;
    }
    tx.commit();
    conn.exec("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
    std::printf("seeded %s: %d branches, %d types, %d units, %ld live and %ld past "
                "reservations\n",
                opt.db.c_str(), branch_count, type_count, unit_count, made_live, made_past);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "seed_large: %s\n", e.what());
    return 1;
}
