#include "server/app/demo.hpp"

#include <array>
#include <set>
#include <string>

#include "common/fees.hpp"
#include "common/planning.hpp"
#include "common/time.hpp"
#include "server/app/auth.hpp"
#include "server/app/catalog.hpp"
#include "server/storage/reservation_repository.hpp"
#include "server/storage/sqlite.hpp"

namespace agrirent::app {
namespace {

struct demo_type {
    const char* code;
    const char* name_ko;
    const char* name_en;
    std::int64_t fee;
    int max_days;
    bool training;
    bool approval;
    const char* checklist;
    int units_gs;
    int units_bb;
};

// Daily fees in the range Korean city rental offices charge (won per day).
constexpr std::array<demo_type, 7> types{{
    {"TRACTOR", "트랙터", "Tractor", 100000, 3, true, false,
     R"(["타이어 상태","엔진오일","유압 장치","등화 장치","세척 상태"])", 3, 2},
    {"CULTIVATOR", "관리기", "Cultivator", 20000, 3, false, false,
     R"(["로터리 날","엔진오일","연료","세척 상태"])", 4, 3},
    {"RICE_TRANSPLANTER", "이앙기(6조)", "Rice transplanter (6-row)", 60000, 3, false, false,
     R"(["식부 장치","플로트","엔진오일","세척 상태"])", 3, 2},
    {"TILLER", "경운기", "Power tiller", 15000, 3, false, false,
     R"(["타이어 상태","로터리 날","엔진오일"])", 2, 2},
    {"SEEDER", "파종기", "Seeder", 10000, 3, false, false, R"(["호퍼","배출 롤러","세척 상태"])", 2,
     1},
    {"POTATO_HARVESTER", "감자수확기", "Potato harvester", 30000, 2, false, false,
     R"(["굴취 날","체인","세척 상태"])", 1, 1},
    {"COMBINE", "콤바인(4조)", "Combine harvester (4-row)", 150000, 2, true, true,
     R"(["예취부","탈곡부","엔진오일","등화 장치","세척 상태"])", 1, 0},
}};

struct demo_farmer {
    const char* phone;
    const char* name;
    const char* district;
    const char* training; // nullptr = none
    const char* category; // nullptr = none
};

constexpr std::array<demo_farmer, 6> farmers{{
    {"010-1234-5678", "홍길동", "광산구 임곡동", "2019-03-14", nullptr},
    {"010-2345-6789", "김영희", "광산구 본량동", nullptr, "VETERAN"},
    {"010-3456-7890", "박철수", "북구 용전동", "2018-11-02", "NONRESIDENT"},
    {"010-4567-8901", "이순자", "북구 석곡동", nullptr, "BASIC_LIVELIHOOD"},
    {"010-5678-9012", "최민수", "광산구 삼도동", "2020-02-20", nullptr},
    {"010-6789-0123", "정미경", "북구 충효동", nullptr, "DISABLED"},
}};

int year_of(local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

std::string in_year(int year, const char* month_day) {
    return std::to_string(year) + "-" + month_day;
}

} // namespace

bool database_is_empty(db::connection& conn) {
    auto st = conn.prepare("SELECT count(*) FROM branches");
    st.step();
    return st.int64(0) == 0;
}

void load_demo(db::connection& conn, sys_seconds now) {
    const date::time_zone* seoul = date::locate_zone("Asia/Seoul");
    const int this_year = year_of(local_date_of(seoul, now));
    db::transaction tx{conn};

    conn.exec(R"sql(
INSERT INTO branches (code, name_ko, name_en, phones, address_ko, address_en) VALUES
 ('GS', '광산본소', 'Gwangsan office', '["062-613-5328","062-613-5329"]',
  '광주광역시 광산구 삼도동 농기계임대사업소 (데모 주소)',
  'Agricultural machinery rental office, Samdo-dong, Gwangsan-gu, Gwangju (demo address)'),
 ('BB', '북부본소', 'Northern office', '["062-575-5745","062-575-5746"]',
  '광주광역시 북구 용전동 농기계임대사업소 (데모 주소)',
  'Agricultural machinery rental office, Yongjeon-dong, Buk-gu, Gwangju (demo address)');
INSERT INTO farmer_categories (code, name_ko, name_en, percent) VALUES
 ('BASIC_LIVELIHOOD', '기초생활수급자 50% 감면', 'Basic livelihood recipient: 50% off', 50),
 ('VETERAN', '국가유공자 50% 감면', 'Veteran: 50% off', 50),
 ('DISABLED', '장애인 50% 감면', 'Disabled: 50% off', 50),
 ('NONRESIDENT', '관외 거주 경작자 50% 가산', 'Non-resident farming local land: +50%', -50);
)sql");

    // Saturday seasons and the April–July reduction: 2020 (the reference year), this year and
    // next year, so the demo is useful today (DOMAIN.md §10).
    for (const int year : std::set<int>{2020, this_year, this_year + 1}) {
        auto season = conn.prepare("INSERT INTO saturday_seasons (branch_id, from_date, to_date) "
                                   "SELECT id, ?, ? FROM branches");
        season.bind_all(in_year(year, "05-18"), in_year(year, "06-20"));
        season.step();
        auto discount =
            conn.prepare("INSERT INTO discounts (name_ko, name_en, percent, from_date, to_date) "
                         "VALUES (?, ?, 50, ?, ?)");
        discount.bind_all("한시적 임대료 50% 감면 (" + std::to_string(year) + ")",
                          "Temporary 50% fee reduction (" + std::to_string(year) + ")",
                          in_year(year, "04-01"), in_year(year, "07-31"));
        discount.step();
    }

    for (const auto& t : types) {
        auto st = conn.prepare(
            "INSERT INTO machine_types (code, name_ko, name_en, daily_fee, max_days, "
            "needs_training, needs_approval, checklist) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind_all(t.code, t.name_ko, t.name_en, t.fee, t.max_days, t.training, t.approval,
                    t.checklist);
        st.step();
        const std::int64_t type_id = conn.last_insert_rowid();
        for (const auto& [branch, count] :
             {std::pair{"GS", t.units_gs}, std::pair{"BB", t.units_bb}}) {
            for (int i = 1; i <= count; ++i) {
                auto unit = conn.prepare("INSERT INTO units (tag, type_id, branch_id, hour_meter) "
                                         "SELECT ?, ?, id, ? FROM branches WHERE code = ?");
                const std::string tag = std::string{branch} + "-" + t.code + "-" +
                                        (i < 10 ? "0" : "") + std::to_string(i);
                unit.bind_all(tag, type_id, 120.5 * i + 37.0, branch);
                unit.step();
            }
        }
    }

    // Demo staff accounts (README: "Demo accounts"). Real offices create their own.
    const auto branch_id = [&](const char* code) {
        auto st = conn.prepare("SELECT id FROM branches WHERE code = ?");
        st.bind_all(code);
        st.step();
        return st.int64(0);
    };
    create_staff(conn, "admin", "demo-admin-2020", role::admin, std::nullopt, "관리자", now);
    create_staff(conn, "operator", "demo-operator-2020", role::operator_, std::nullopt,
                 "전화 상담원", now);
    create_staff(conn, "clerk-gs", "demo-clerk-gs-2020", role::clerk, branch_id("GS"),
                 "광산본소 직원", now);
    create_staff(conn, "clerk-bb", "demo-clerk-bb-2020", role::clerk, branch_id("BB"),
                 "북부본소 직원", now);

    for (const auto& f : farmers) {
        storage::farmer_row row;
        row.phone = f.phone;
        row.name = f.name;
        row.district = f.district;
        if (f.training != nullptr) {
            row.training_completed_on = parse_date(f.training);
        }
        row.created_at = now;
        const auto id = storage::insert_farmer(conn, row);
        if (f.category != nullptr) {
            auto st = conn.prepare("INSERT INTO farmer_category_members (farmer_id, category_id) "
                                   "SELECT ?, id FROM farmer_categories WHERE code = ?");
            st.bind_all(id, f.category);
            st.step();
        }
    }
    tx.commit();

    // Bookings around the reference date and around today, planned and priced by the domain
    // exactly as real bookings are (bypassing only the "not in the past" window).
    const auto cat = catalog::load(conn);
    struct demo_booking {
        const char* branch;
        const char* type;
        local_days start;
        local_days end;
        int farmer;
        status state;
    };
    const local_days today = local_date_of(seoul, now);
    const auto ref = [](const char* d) { return *parse_date(d); };
    const date::days day{1};
    const std::array<demo_booking, 10> bookings{{
        {"GS", "RICE_TRANSPLANTER", ref("2020-05-19"), ref("2020-05-20"), 0, status::returned},
        {"GS", "RICE_TRANSPLANTER", ref("2020-05-23"), ref("2020-05-24"), 1, status::confirmed},
        {"GS", "TRACTOR", ref("2020-05-22"), ref("2020-05-24"), 2, status::confirmed},
        {"BB", "CULTIVATOR", ref("2020-05-21"), ref("2020-05-21"), 3, status::confirmed},
        {"GS", "COMBINE", ref("2020-05-26"), ref("2020-05-26"), 4, status::requested},
        {"GS", "TRACTOR", today - 2 * day, today - day, 4, status::checked_out},
        {"GS", "CULTIVATOR", today + day, today + 2 * day, 0, status::confirmed},
        {"GS", "RICE_TRANSPLANTER", today + 3 * day, today + 3 * day, 1, status::confirmed},
        {"BB", "TILLER", today + 2 * day, today + 2 * day, 3, status::confirmed},
        {"BB", "SEEDER", today + 5 * day, today + 6 * day, 5, status::requested},
    }};
    db::transaction tx2{conn};
    int n = 0;
    for (const auto& b : bookings) {
        const auto* branch = cat->branch(b.branch);
        const auto* type = cat->type(b.type);
        const auto plan = plan_rental(branch->calendar, type->type, {b.start, b.end});
        if (!plan) {
            continue; // e.g. today lies beyond the shipped holiday years
        }
        const auto farmer = storage::find_farmer_by_phone(conn, farmers[b.farmer].phone);
        storage::reservation_row r;
        r.code = std::string{"DEMQ"} + "ACDEFGHJKMNPQRTWXY34679"[n % 23] + "7X" +
                 "ACDEFGHJKMNPQRTWXY34679"[(n * 7) % 23];
        ++n;
        r.branch_id = branch->id;
        r.type_id = type->id;
        r.farmer_id = farmer->id;
        r.farmer_name = farmer->name;
        r.phone = farmer->phone;
        r.plan = *plan;
        r.state = b.state;
        r.via = n % 3 == 0 ? channel::phone : channel::web;
        r.daily_fee = type->type.daily_fee;
        r.fee = quote_fee(type->type, branch->code, {b.start, b.end}, cat->adjustments(),
                          farmer->categories);
        r.created_at = std::min(now, plan->pickup.from - std::chrono::hours{24 * 3});
        r.created_by = r.via == channel::phone ? "operator" : "web";
        r.id = storage::insert_reservation(conn, r);
        storage::append_audit(conn, {r.created_at, r.created_by,
                                     r.via == channel::phone ? "operator" : "farmer",
                                     std::string{to_string(r.via)}, "create", r.id, "reservation",
                                     r.code, R"({"demo":true})", ""});
        if (b.state == status::checked_out || b.state == status::returned) {
            // A unit of that type at that branch was handed out (and taken back).
            auto unit =
                conn.prepare("SELECT id, hour_meter FROM units WHERE branch_id = ? AND type_id = ? "
                             "ORDER BY id LIMIT 1");
            unit.bind_all(branch->id, type->id);
            unit.step();
            const auto unit_id = unit.int64(0);
            const double meter = unit.real(1);
            unit.reset();
            auto upd = conn.prepare(
                "UPDATE reservations SET unit_id = ?, checked_out_at = ?, hour_meter_out = ?, "
                "checklist_out = '{}', paid = 1 WHERE id = ?");
            upd.bind_all(unit_id, plan->pickup.from.time_since_epoch().count() + 1800, meter, r.id);
            upd.step();
            if (b.state == status::checked_out) {
                auto out = conn.prepare("UPDATE units SET status = 'out' WHERE id = ?");
                out.bind_all(unit_id);
                out.step();
            } else {
                auto back = conn.prepare(
                    "UPDATE reservations SET returned_at = ?, hour_meter_in = ?, "
                    "checklist_in = '{}', late_days = 0, late_fee = 0, farmer_at_fault = 0 "
                    "WHERE id = ?");
                back.bind_all(plan->return_by.time_since_epoch().count() - 3600, meter + 9.5, r.id);
                back.step();
            }
        }
    }
    tx2.commit();
}

} // namespace agrirent::app
