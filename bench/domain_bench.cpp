// Micro-benchmarks of the domain core (issue 2, "Done when": rental planning + capacity check,
// well under 10 µs per booking decision with 1,000 live reservations in the branch).
//
// A self-contained std::chrono harness, no extra dependency: warm-up, then batches of N calls;
// each batch gives ns/op, and the table shows the median and the 99th percentile of the batches.
// A fixed seed (std::mt19937_64 is fully specified) makes every run see the same branch and the
// same requests. Figures are printed for people, never asserted (timings belong to no test).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/booking_rules.hpp"
#include "common/fees.hpp"
#include "common/planning.hpp"
#include "common/time.hpp"
#include "tests/common/fixtures.hpp"

namespace {

using namespace agrirent;
using agrirent::test::d;
using agrirent::test::kst;
using bench_clock = std::chrono::steady_clock;

constexpr std::uint64_t seed = 20200512;
constexpr int live_target = 1000;

// ---------------------------------------------------------------------------------- harness

struct figures {
    double median_ns = 0;
    double p99_ns = 0;
    std::size_t batch_ops = 0;
};

// Every operation folds its result in here, and main prints it: the optimiser cannot drop work.
std::uint64_t sink = 0;

/// Runs `op(i)` (i = 0, 1, 2, …) for a 200 ms warm-up that also sizes a batch to about 200 µs
/// (so the clock's own cost is noise), then `batches` timed batches.
template <class Op>
figures measure(Op&& op, std::size_t batches) {
    std::size_t i = 0;
    std::size_t warm_ops = 0;
    const auto warm_from = bench_clock::now();
    const auto warm_until = warm_from + std::chrono::milliseconds{200};
    auto t = warm_from;
    while (t < warm_until) {
        for (int k = 0; k < 16; ++k) {
            sink += op(i++);
        }
        warm_ops += 16;
        t = bench_clock::now();
    }
    const double per_op = std::chrono::duration<double, std::nano>(t - warm_from).count() /
                          static_cast<double>(warm_ops);

    figures f;
    f.batch_ops = std::max<std::size_t>(1, static_cast<std::size_t>(200'000.0 / per_op));
    std::vector<double> ns(batches);
    for (auto& v : ns) {
        const auto start = bench_clock::now();
        for (std::size_t k = 0; k < f.batch_ops; ++k) {
            sink += op(i++);
        }
        v = std::chrono::duration<double, std::nano>(bench_clock::now() - start).count() /
            static_cast<double>(f.batch_ops);
    }
    std::sort(ns.begin(), ns.end());
    f.median_ns = ns[ns.size() / 2];
    const auto p99_rank =
        static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(ns.size())));
    f.p99_ns = ns[std::min(ns.size(), std::max<std::size_t>(p99_rank, 1)) - 1];
    return f;
}

std::string pretty_ns(double ns) {
    char buf[32];
    if (ns >= 1'000'000.0) {
        std::snprintf(buf, sizeof buf, "%.2f ms", ns / 1'000'000.0);
    } else if (ns >= 1000.0) {
        std::snprintf(buf, sizeof buf, "%.2f µs", ns / 1000.0);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f ns", ns);
    }
    return buf;
}

/// `text` padded to `width` columns (UTF-8: continuation bytes take no column), right-aligned
/// or left-aligned, so the Markdown table lines up in a terminal too.
std::string cell(std::string_view text, std::size_t width, bool right) {
    const auto columns =
        static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
        }));
    const std::string pad(width > columns ? width - columns : 0, ' ');
    return right ? pad + std::string{text} : std::string{text} + pad;
}

constexpr std::size_t name_width = 56;
constexpr std::size_t time_width = 10;
constexpr std::size_t ops_width = 9;

void print_header() {
    std::printf("| %s | %s | %s | %s |\n", cell("benchmark", name_width, false).c_str(),
                cell("median", time_width, true).c_str(), cell("p99", time_width, true).c_str(),
                cell("ops/batch", ops_width, true).c_str());
    std::printf("|%s|%s:|%s:|%s:|\n", std::string(name_width + 2, '-').c_str(),
                std::string(time_width + 1, '-').c_str(), std::string(time_width + 1, '-').c_str(),
                std::string(ops_width + 1, '-').c_str());
}

void print_row(std::string_view name, const figures& f) {
    std::printf("| %s | %s | %s | %s |\n", cell(name, name_width, false).c_str(),
                cell(pretty_ns(f.median_ns), time_width, true).c_str(),
                cell(pretty_ns(f.p99_ns), time_width, true).c_str(),
                cell(std::to_string(f.batch_ops), ops_width, true).c_str());
    std::fflush(stdout);
}

// --------------------------------------------------------------------------------- scenario

/// Deterministic draws: mt19937_64's sequence is fixed by the standard, and a modulo is too
/// (the standard distributions are not).
class draws {
  public:
    explicit draws(std::uint64_t s) : rng_(s) {}
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

  private:
    std::mt19937_64 rng_;
};

struct offered_type {
    machine_type type;
    int capacity = 0; // units not in maintenance or retired
};

machine_type make_type(const char* code, std::int64_t fee, int max_days, bool training) {
    machine_type t;
    t.code = type_code{code};
    t.name_ko = code;
    t.name_en = code;
    t.daily_fee = won{fee};
    t.max_days = max_days;
    t.needs_training = training;
    return t;
}

struct request {
    std::size_t type = 0;
    std::size_t farmer = 0;
    period usage;
};

struct scenario {
    branch_calendar cal = test::reference_branch(); // Asia/Seoul, Saturday season, holidays
    branch_code branch{"GS"};
    sys_seconds now = kst("2020-05-12 10:00");
    local_days today = d("2020-05-12");
    booking_policy policy;
    std::vector<offered_type> types;
    // Per type: what the storage query reads from reservations_live_occupancy for (branch, type).
    std::vector<std::vector<interval>> live;
    std::vector<farmer_record> farmers;
    std::vector<std::vector<std::string>> categories; // per farmer
    std::vector<fee_adjustment> adjustments;
    std::vector<request> requests;
};

/// 1–3 usage days, mostly one (capped by the type's limit).
int draw_length(draws& r, int max_days) {
    const std::size_t x = r.below(10);
    const int len = x < 5 ? 1 : x < 8 ? 2 : 3;
    return std::min(len, max_days);
}

std::size_t draw_type(draws& r, const std::vector<offered_type>& types) {
    int total = 0;
    for (const auto& t : types) {
        total += t.capacity;
    }
    auto x = static_cast<int>(r.below(static_cast<std::size_t>(total)));
    for (std::size_t i = 0; i < types.size(); ++i) {
        x -= types[i].capacity;
        if (x < 0) {
            return i;
        }
    }
    return types.size() - 1;
}

period draw_period(draws& r, local_days today, int max_days) {
    // Starts from today to the 30-day horizon.
    const local_days start = today + date::days{static_cast<int>(r.below(31))};
    return {start, start + date::days{draw_length(r, max_days) - 1}};
}

scenario build_scenario() {
    scenario s;
    // A large branch (104 units) so that 1,000 live reservations over 30 days are plausible.
    s.types = {{make_type("TRACTOR", 100000, 3, true), 20},
               {make_type("CULTIVATOR", 20000, 3, false), 25},
               {make_type("RICE_TRANSPLANTER", 60000, 3, false), 20},
               {make_type("TILLER", 15000, 3, false), 15},
               {make_type("SEEDER", 10000, 3, false), 10},
               {make_type("POTATO_HARVESTER", 30000, 2, false), 8},
               {make_type("COMBINE", 150000, 2, true), 6}};
    s.live.resize(s.types.size());

    fee_adjustment spring{"한시적 임대료 50% 감면",
                          "Temporary 50% reduction",
                          50,
                          date_range{d("2020-04-01"), d("2020-07-31")},
                          {},
                          {},
                          ""};
    fee_adjustment june{"6월 파종기 20% 감면",
                        "June seeder 20% off",
                        20,
                        date_range{d("2020-06-01"), d("2020-06-30")},
                        {branch_code{"GS"}},
                        {type_code{"SEEDER"}, type_code{"TILLER"}},
                        ""};
    fee_adjustment veteran{
        "국가유공자 50% 감면", "Veteran: 50% off", 50, std::nullopt, {}, {}, "VETERAN"};
    fee_adjustment nonresident{
        "관외 거주 50% 가산", "Non-resident: +50%", -50, std::nullopt, {}, {}, "NONRESIDENT"};
    s.adjustments = {spring, june, veteran, nonresident};

    draws r{seed};
    // Fill the branch the way bookings fill it: every live reservation passed the capacity rule.
    int filled = 0;
    for (int attempt = 0; filled < live_target && attempt < 200'000; ++attempt) {
        const std::size_t t = draw_type(r, s.types);
        const auto& ot = s.types[t];
        const auto plan = plan_rental(s.cal, ot.type, draw_period(r, s.today, ot.type.max_days));
        if (!plan || check_booking_window(s.cal, *plan, s.now, s.policy)) {
            continue;
        }
        if (!check_capacity(plan->occupancy(), ot.capacity, s.live[t])) {
            s.live[t].push_back(plan->occupancy());
            ++filled;
        }
    }
    if (filled < live_target) {
        std::fprintf(stderr, "domain_bench: could only place %d live reservations\n", filled);
        std::exit(1);
    }

    // Farmers with a few live holdings (for chaining and the max-live rule), most trained.
    for (int f = 0; f < 500; ++f) {
        farmer_record rec;
        if (r.chance(85)) {
            rec.training_completed_on = d("2019-03-14");
        }
        const auto held = r.below(3);
        for (std::size_t h = 0; h < held; ++h) {
            const auto& ot = s.types[draw_type(r, s.types)];
            rec.live.push_back({ot.type.code, draw_period(r, s.today, ot.type.max_days)});
        }
        s.farmers.push_back(std::move(rec));
        const auto c = r.below(100);
        s.categories.push_back(c < 10   ? std::vector<std::string>{"VETERAN"}
                               : c < 15 ? std::vector<std::string>{"NONRESIDENT"}
                                        : std::vector<std::string>{});
    }

    for (int q = 0; q < 1024; ++q) {
        request req;
        req.type = draw_type(r, s.types);
        req.farmer = r.below(s.farmers.size());
        req.usage = draw_period(r, s.today, s.types[req.type].type.max_days);
        s.requests.push_back(req);
    }
    return s;
}

// ------------------------------------------------------------------------- what is measured

/// The live reservations of the request's (branch, type) that overlap `occupancy`: what
/// storage::live_occupancies returns (index range on (branch, type), then the overlap test).
void overlapping_live(const scenario& s, std::size_t type, interval occupancy,
                      std::vector<interval>& out) {
    out.clear();
    for (const auto& l : s.live[type]) {
        if (l.overlaps(occupancy)) {
            out.push_back(l);
        }
    }
}

struct decision {
    std::optional<refusal> refused;
    won net{0};
};

/// One booking decision as app::book makes it, minus SQLite: plan, the live reservations that
/// overlap, all of §5 (window, farmer, capacity), and the fee of an accepted booking.
decision decide(const scenario& s, const request& q, std::vector<interval>& scratch) {
    const auto& ot = s.types[q.type];
    const auto plan = plan_rental(s.cal, ot.type, q.usage);
    if (!plan) {
        return {plan.error(), {}};
    }
    overlapping_live(s, q.type, plan->occupancy(), scratch);
    const booking_request req{s.cal,    ot.type,     *plan,   s.now,
                              s.policy, ot.capacity, scratch, &s.farmers[q.farmer]};
    if (auto refused = check_booking(req)) {
        return {std::move(refused), {}};
    }
    return {std::nullopt,
            quote_fee(ot.type, s.branch, q.usage, s.adjustments, s.categories[q.farmer]).net};
}

std::uint64_t fold(const decision& x) {
    return x.refused ? static_cast<std::uint64_t>(x.refused->code) + 1
                     : static_cast<std::uint64_t>(x.net.value);
}

std::size_t parse_batches(int argc, char** argv) {
    std::size_t batches = 1000;
    for (int a = 1; a < argc; ++a) {
        const std::string_view arg = argv[a];
        if (arg == "--batches" && a + 1 < argc) {
            batches = std::max<std::size_t>(10, std::strtoul(argv[++a], nullptr, 10));
        } else if (arg == "--quick") {
            batches = 100;
        } else {
            std::fprintf(stderr, "usage: domain_bench [--batches N | --quick]\n");
            std::exit(2);
        }
    }
    return batches;
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t batches = parse_batches(argc, argv);
    const scenario s = build_scenario();

    // Precomputed inputs for the benchmarks of single steps.
    std::vector<interval> scratch;
    std::vector<rental_plan> plans;
    std::vector<request> planned;
    std::vector<std::vector<interval>> overlapping;
    std::vector<request> accepted;
    std::map<std::string, int> outcomes;
    for (const auto& q : s.requests) {
        const auto x = decide(s, q, scratch);
        ++outcomes[x.refused ? std::string{to_string(x.refused->code)} : std::string{"accepted"}];
        if (!x.refused) {
            accepted.push_back(q);
        }
        if (const auto plan = plan_rental(s.cal, s.types[q.type].type, q.usage)) {
            plans.push_back(*plan);
            planned.push_back(q);
            overlapping_live(s, q.type, plan->occupancy(), scratch);
            overlapping.push_back(scratch);
        }
    }
    if (plans.empty() || accepted.empty()) {
        std::fprintf(stderr, "domain_bench: the scenario produced no plannable/accepted request\n");
        return 1;
    }
    std::size_t overlap_total = 0;
    std::size_t overlap_max = 0;
    for (const auto& o : overlapping) {
        overlap_total += o.size();
        overlap_max = std::max(overlap_max, o.size());
    }
    std::size_t per_type_max = 0;
    int units = 0;
    for (std::size_t t = 0; t < s.types.size(); ++t) {
        per_type_max = std::max(per_type_max, s.live[t].size());
        units += s.types[t].capacity;
    }

    std::printf("agrirent domain benchmarks: reference branch (Asia/Seoul, Saturday season "
                "2020-05-18…06-20, shipped holidays), now 2020-05-12 10:00 KST, seed %llu\n",
                static_cast<unsigned long long>(seed));
    std::printf("branch: %zu types, %d units, %d live reservations over the next 30 days "
                "(at most %zu for one type); %zu farmers with 0–2 live holdings\n",
                s.types.size(), units, live_target, per_type_max, s.farmers.size());
    std::printf("%zu booking requests (1–3 days):", s.requests.size());
    for (const auto& [name, n] : outcomes) {
        std::printf(" %s %d;", name.c_str(), n);
    }
    std::printf(" overlapping live per request: mean %.1f, max %zu\n",
                static_cast<double>(overlap_total) / static_cast<double>(overlapping.size()),
                overlap_max);
    std::printf("timing: median and p99 over %zu batches of ns/op (one thread)\n\n", batches);
    print_header();

    const figures decision_mix = measure(
        [&](std::size_t i) { return fold(decide(s, s.requests[i % s.requests.size()], scratch)); },
        batches);
    print_row("booking decision, request mix (plan+filter+check+fee)", decision_mix);

    const figures decision_ok = measure(
        [&](std::size_t i) { return fold(decide(s, accepted[i % accepted.size()], scratch)); },
        batches);
    print_row("booking decision, accepted requests only", decision_ok);

    print_row("plan_rental (1–3 days)",
              measure(
                  [&](std::size_t i) {
                      const auto& q = s.requests[i % s.requests.size()];
                      const auto p = plan_rental(s.cal, s.types[q.type].type, q.usage);
                      return p ? static_cast<std::uint64_t>(p->return_by.time_since_epoch().count())
                               : 1U;
                  },
                  batches));

    print_row("filter live of (branch, type) by overlap",
              measure(
                  [&](std::size_t i) {
                      const auto k = i % plans.size();
                      overlapping_live(s, planned[k].type, plans[k].occupancy(), scratch);
                      return static_cast<std::uint64_t>(scratch.size());
                  },
                  batches));

    print_row("check_booking (window, farmer, capacity)",
              measure(
                  [&](std::size_t i) {
                      const auto k = i % plans.size();
                      const auto& q = planned[k];
                      const auto& ot = s.types[q.type];
                      const booking_request req{
                          s.cal,    ot.type,     plans[k],       s.now,
                          s.policy, ot.capacity, overlapping[k], &s.farmers[q.farmer]};
                      const auto refused = check_booking(req);
                      return refused ? static_cast<std::uint64_t>(refused->code) + 1 : 0U;
                  },
                  batches));

    print_row("peak_overlap, overlapping live only",
              measure(
                  [&](std::size_t i) {
                      const auto k = i % plans.size();
                      return static_cast<std::uint64_t>(
                          peak_overlap(plans[k].occupancy(), overlapping[k]));
                  },
                  batches));

    print_row("peak_overlap, all live of the type (unfiltered)",
              measure(
                  [&](std::size_t i) {
                      const auto k = i % plans.size();
                      return static_cast<std::uint64_t>(
                          peak_overlap(plans[k].occupancy(), s.live[planned[k].type]));
                  },
                  batches));

    print_row("quote_fee (4 adjustments, farmer categories)",
              measure(
                  [&](std::size_t i) {
                      const auto& q = s.requests[i % s.requests.size()];
                      const auto& ot = s.types[q.type];
                      return static_cast<std::uint64_t>(quote_fee(ot.type, s.branch, q.usage,
                                                                  s.adjustments,
                                                                  s.categories[q.farmer])
                                                            .net.value);
                  },
                  batches));

    // API.md availability as GET /api/v1/availability?branch=GS&from=2020-05-18&to=2020-06-17
    // computes it: every live reservation of the type in the window, 31 days.
    const date_range month{d("2020-05-18"), d("2020-06-17")};
    const auto availability_of = [&](std::size_t t) {
        std::uint64_t sum = 0;
        for (const auto& a :
             availability(s.cal, s.types[t].type, month, s.types[t].capacity, s.live[t])) {
            sum += static_cast<std::uint64_t>(a.available);
        }
        return sum;
    };
    print_row("availability, one type, 31 days",
              measure([&](std::size_t i) { return availability_of(i % s.types.size()); }, batches));
    print_row("availability, all 7 types, 31 days", measure(
                                                        [&](std::size_t) {
                                                            std::uint64_t sum = 0;
                                                            for (std::size_t t = 0;
                                                                 t < s.types.size(); ++t) {
                                                                sum += availability_of(t);
                                                            }
                                                            return sum;
                                                        },
                                                        batches));

    std::printf("\nbooking decision with %d live reservations in the branch: median %s, p99 %s "
                "(issue 2 target: well under 10 µs)\n",
                live_target, pretty_ns(decision_mix.median_ns).c_str(),
                pretty_ns(decision_mix.p99_ns).c_str());
    std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sink));
    return 0;
}
