#include "server/app/demo.hpp"

#include <array>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include <boost/json.hpp>

#include "common/fees.hpp"
#include "common/planning.hpp"
#include "common/time.hpp"
#include "server/app/auth.hpp"
#include "server/app/catalog.hpp"
#include "server/storage/database.hpp"

namespace agrirent::app {
namespace {

using namespace std::chrono_literals;

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

// Purchase prices (DOMAIN.md §17), each in the band whose fee ±15 % holds the daily fee above
// (README "Demo data" lists them): a 30 hp tractor, a riding cultivator, a walk-behind 6-row
// transplanter, a power tiller, a seeder, a one-row potato digger, a 4-row combine.
constexpr std::array<std::pair<std::string_view, std::int64_t>, 7> purchase_prices{{
    {"TRACTOR", 22'000'000},           // band 110,000: 93,500 … 126,500 (fee 100,000)
    {"CULTIVATOR", 4'500'000},         // band 23,000: 19,550 … 26,450 (fee 20,000)
    {"RICE_TRANSPLANTER", 14'000'000}, // band 65,000: 55,250 … 74,750 (fee 60,000)
    {"TILLER", 2'800'000},             // band 15,000: 12,750 … 17,250 (fee 15,000)
    {"SEEDER", 800'000},               // band 10,000: 8,500 … 11,500 (fee 10,000)
    {"POTATO_HARVESTER", 5'500'000},   // band 28,000: 23,800 … 32,200 (fee 30,000)
    {"COMBINE", 32'000'000},           // band 160,000: 136,000 … 184,000 (fee 150,000)
}};

std::optional<won> purchase_price_of(std::string_view code) {
    for (const auto& [c, price] : purchase_prices) {
        if (c == code) {
            return won{price};
        }
    }
    return std::nullopt;
}

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

bool database_is_empty(storage::database& db) {
    return db.begin(storage::access::read)->catalog().load_catalog().branches.empty();
}

void load_demo(storage::database& db, sys_seconds now) {
    const date::time_zone* seoul = date::locate_zone("Asia/Seoul");
    const int this_year = year_of(local_date_of(seoul, now));
    {
        const auto tx = db.begin(storage::access::write);
        storage::admin_repository& admin = tx->admin();

        const auto add_branch = [&](const char* code, const char* name_ko, const char* name_en,
                                    std::vector<std::string> phones, const char* address_ko,
                                    const char* address_en,
                                    std::optional<branch_delivery> delivery = std::nullopt) {
            storage::branch_record b;
            b.delivery = std::move(delivery);
            b.code = code;
            b.name_ko = name_ko;
            b.name_en = name_en;
            b.phones = std::move(phones);
            b.address_ko = address_ko;
            b.address_en = address_en;
            return admin.insert_branch(b);
        };
        const std::int64_t gs =
            add_branch("GS", "광산본소", "Gwangsan office", {"062-613-5328", "062-613-5329"},
                       "광주광역시 광산구 삼도동 농기계임대사업소 (데모 주소)",
                       "Agricultural machinery rental office, Samdo-dong, Gwangsan-gu, Gwangju "
                       "(demo address)",
                       // Delivery (DOMAIN.md §15): 20,000 won one way, 40,000 both ways, 3 days
                       // ahead, to four 동 of Gwangsan-gu; the Northern office does not deliver.
                       branch_delivery{{"임곡동", "본량동", "삼도동", "평동"},
                                       won{20000},
                                       won{40000},
                                       3,
                                       time_of_day{9 * 60},
                                       time_of_day{18 * 60}});
        const std::int64_t bb =
            add_branch("BB", "북부본소", "Northern office", {"062-575-5745", "062-575-5746"},
                       "광주광역시 북구 용전동 농기계임대사업소 (데모 주소)",
                       "Agricultural machinery rental office, Yongjeon-dong, Buk-gu, Gwangju "
                       "(demo address)");
        const std::int64_t branch_ids[] = {gs, bb};

        std::map<std::string, std::int64_t, std::less<>> category_ids;
        for (const auto& c : std::initializer_list<storage::category_record>{
                 {0, "BASIC_LIVELIHOOD", "기초생활수급자 50% 감면",
                  "Basic livelihood recipient: 50% off", 50},
                 {0, "VETERAN", "국가유공자 50% 감면", "Veteran: 50% off", 50},
                 {0, "DISABLED", "장애인 50% 감면", "Disabled: 50% off", 50},
                 {0, "NONRESIDENT", "관외 거주 경작자 50% 가산",
                  "Non-resident farming local land: +50%", -50}}) {
            category_ids[c.code] = admin.insert_category(c);
        }

        // Saturday seasons and the April–July reduction: 2020 (the reference year), this year
        // and next year, so the demo is useful today (DOMAIN.md §10).
        for (const int year : std::set<int>{2020, this_year, this_year + 1}) {
            for (const std::int64_t branch : branch_ids) {
                admin.insert_season(branch, {*parse_date(in_year(year, "05-18")),
                                             *parse_date(in_year(year, "06-20"))});
            }
            storage::discount_record d;
            d.name_ko = "한시적 임대료 50% 감면 (" + std::to_string(year) + ")";
            d.name_en = "Temporary 50% fee reduction (" + std::to_string(year) + ")";
            d.percent = 50;
            d.days = {*parse_date(in_year(year, "04-01")), *parse_date(in_year(year, "07-31"))};
            admin.insert_discount(d);
        }

        for (const auto& t : types) {
            storage::type_record rec;
            rec.type.code = type_code{t.code};
            rec.type.name_ko = t.name_ko;
            rec.type.name_en = t.name_en;
            rec.type.daily_fee = won{t.fee};
            rec.type.max_days = t.max_days;
            rec.type.needs_training = t.training;
            rec.type.needs_approval = t.approval;
            rec.type.purchase_price = purchase_price_of(t.code);
            // DOMAIN.md §15: the heavy machines are brought to the field (issue 15).
            rec.type.deliverable = std::string_view{t.code} == "TRACTOR" ||
                                   std::string_view{t.code} == "COMBINE" ||
                                   std::string_view{t.code} == "RICE_TRANSPLANTER";
            // DOMAIN.md §16: 작목반 share transplanters and tillers for the planting season.
            rec.type.group_rental = std::string_view{t.code} == "RICE_TRANSPLANTER" ||
                                    std::string_view{t.code} == "TILLER";
            // DOMAIN.md §11: the small machines are lent by the half day too (issue 14).
            rec.type.half_day =
                std::string_view{t.code} == "CULTIVATOR" || std::string_view{t.code} == "SEEDER";
            const boost::json::value checklist = boost::json::parse(t.checklist);
            for (const auto& item : checklist.as_array()) {
                rec.type.checklist.emplace_back(item.as_string());
            }
            const std::int64_t type_id = admin.insert_type(rec);
            for (const auto& [branch, branch_id, count] :
                 {std::tuple{"GS", gs, t.units_gs}, std::tuple{"BB", bb, t.units_bb}}) {
                for (int i = 1; i <= count; ++i) {
                    storage::unit_record u;
                    u.tag = std::string{branch} + "-" + t.code + "-" + (i < 10 ? "0" : "") +
                            std::to_string(i);
                    u.type_id = type_id;
                    u.branch_id = branch_id;
                    u.hour_meter = 120.5 * i + 37.0;
                    admin.insert_unit(u);
                }
            }
        }

        // Demo staff accounts (README: "Demo accounts"). Real offices create their own.
        create_staff(*tx, "admin", "demo-admin-2020", role::admin, std::nullopt, "관리자", now);
        create_staff(*tx, "operator", "demo-operator-2020", role::operator_, std::nullopt,
                     "전화 상담원", now);
        create_staff(*tx, "clerk-gs", "demo-clerk-gs-2020", role::clerk, gs, "광산본소 직원", now);
        create_staff(*tx, "clerk-bb", "demo-clerk-bb-2020", role::clerk, bb, "북부본소 직원", now);

        for (const auto& f : farmers) {
            storage::farmer_row row;
            row.phone = f.phone;
            row.name = f.name;
            row.district = f.district;
            if (f.training != nullptr) {
                row.training_completed_on = parse_date(f.training);
            }
            row.created_at = now;
            const auto id = tx->reservations().insert_farmer(row);
            if (f.category != nullptr) {
                tx->people().set_farmer_categories(id, {category_ids.at(f.category)});
            }
        }
        tx->commit();
    }

    // Bookings around the reference date and around today, planned and priced by the domain
    // exactly as real bookings are (bypassing only the "not in the past" window).
    const auto cat = catalog::load(*db.begin(storage::access::read));
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
    const auto tx = db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    int n = 0;
    for (const auto& b : bookings) {
        const auto* branch = cat->branch(b.branch);
        const auto* type = cat->type(b.type);
        const auto plan = plan_rental(branch->calendar, type->type, {b.start, b.end});
        if (!plan) {
            continue; // e.g. today lies beyond the shipped holiday years
        }
        const auto farmer = conn.reservations().find_farmer_by_phone(farmers[b.farmer].phone);
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
        // Handed out (and taken back) below, through the same steps as at the counter.
        r.state = b.state == status::checked_out || b.state == status::returned ? status::confirmed
                                                                                : b.state;
        r.via = n % 3 == 0 ? channel::phone : channel::web;
        r.daily_fee = type->type.daily_fee;
        r.fee = quote_fee(type->type, branch->code, {b.start, b.end}, cat->adjustments(),
                          farmer->categories);
        r.created_at = std::min(now, plan->pickup.from - std::chrono::hours{24 * 3});
        r.created_by = r.via == channel::phone ? "operator" : "web";
        r.id = conn.reservations().insert_reservation(r);
        conn.reservations().append_audit({r.created_at, r.created_by,
                                          r.via == channel::phone ? "operator" : "farmer",
                                          std::string{to_string(r.via)}, "create", r.id,
                                          "reservation", r.code, R"({"demo":true})", ""});
        if (b.state == status::checked_out || b.state == status::returned) {
            // A unit of that type at that branch was handed out (and taken back).
            storage::unit_filter filter;
            filter.branch_id = branch->id;
            filter.type_id = type->id;
            const auto unit = conn.units().list_units(filter).front();
            conn.reservations().record_checkout(r.id, unit.id, plan->pickup.from + 30min,
                                                unit.hour_meter, "{}", true, std::nullopt);
            if (b.state == status::checked_out) {
                conn.units().update_unit(unit.id, unit_status::out, std::nullopt, std::nullopt);
            } else {
                conn.reservations().record_checkin(
                    r.id, plan->return_by - 1h, unit.hour_meter + 9.5, "{}", "", false, 0, won{0});
            }
        }
    }
    tx->commit();
}

} // namespace agrirent::app
