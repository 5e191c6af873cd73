#include "server/storage/postgres/database.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "server/storage/postgres/admin_queries.hpp"
#include "server/storage/postgres/backup.hpp"
#include "server/storage/postgres/catalog_queries.hpp"
#include "server/storage/postgres/columns.hpp"
#include "server/storage/postgres/engine.hpp"
#include "server/storage/postgres/pq.hpp"
#include "server/storage/postgres/rate_limit_queries.hpp"
#include "server/storage/postgres/reservation_queries.hpp"
#include "server/storage/postgres/schema.hpp"
#include "server/storage/sql/audit_queries.hpp"
#include "server/storage/sql/jobs_queries.hpp"
#include "server/storage/sql/outbox_queries.hpp"
#include "server/storage/sql/people_queries.hpp"
#include "server/storage/sql/phone_queries.hpp"
#include "server/storage/sql/report_queries.hpp"
#include "server/storage/sql/staff_queries.hpp"
#include "server/storage/sql/unit_queries.hpp"
#include "server/storage/sql/waitlist_queries.hpp"

namespace agrirent::storage::postgres {
namespace {

// libpq's errors in the port's terms: a unique key is duplicate_key, a server out of reach is
// unavailable, the rest stay pg::error (a runtime_error: the request fails with 500 and the
// transaction rolls back).
template <class F>
auto translated(F&& f) {
    try {
        return f();
    } catch (const pg::error& e) {
        if (e.is_unique_violation()) {
            throw duplicate_key(e.what());
        }
        if (e.is_connection_lost()) {
            throw unavailable(e.what());
        }
        throw;
    }
}

// ---- the repositories: each forwards to the SQL of its *_queries.cpp on one connection ------

class pg_reservation_repository final : public reservation_repository {
  public:
    explicit pg_reservation_repository(pg::connection& conn) : conn_(conn) {}
    unit_counts count_units(std::int64_t branch_id, std::int64_t type_id) override {
        return translated([&] { return postgres::count_units(conn_, branch_id, type_id); });
    }
    std::vector<std::pair<std::int64_t, unit_counts>>
    count_units_by_type(std::int64_t branch_id) override {
        return translated([&] { return postgres::count_units_by_type(conn_, branch_id); });
    }
    std::vector<interval> live_occupancies(std::int64_t branch_id, std::int64_t type_id,
                                           interval window) override {
        return translated(
            [&] { return postgres::live_occupancies(conn_, branch_id, type_id, window); });
    }
    units_and_live units_and_occupancies(std::int64_t branch_id, std::int64_t type_id,
                                         interval window) override {
        return translated(
            [&] { return postgres::units_and_occupancies(conn_, branch_id, type_id, window); });
    }
    std::vector<live_occupancy> live_in_branch(std::int64_t branch_id, interval window) override {
        return translated([&] { return postgres::live_in_branch(conn_, branch_id, window); });
    }
    std::optional<farmer_row> find_farmer_by_phone(std::string_view phone) override {
        return translated([&] { return postgres::find_farmer_by_phone(conn_, phone); });
    }
    std::optional<farmer_row> find_farmer(std::int64_t id) override {
        return translated([&] { return postgres::find_farmer(conn_, id); });
    }
    std::int64_t insert_farmer(const farmer_row& f) override {
        return translated([&] { return postgres::insert_farmer(conn_, f); });
    }
    std::vector<held_reservation> live_holdings(std::int64_t farmer_id,
                                                std::int64_t except_id) override {
        return translated([&] { return postgres::live_holdings(conn_, farmer_id, except_id); });
    }
    std::int64_t insert_reservation(const reservation_row& r) override {
        return translated([&] { return postgres::insert_reservation(conn_, r); });
    }
    std::optional<std::pair<reservation_row, std::vector<history_entry>>>
    find_reservation_with_history(std::string_view code) override {
        return translated([&] { return postgres::find_reservation_with_history(conn_, code); });
    }
    std::optional<reservation_row> find_reservation(std::string_view code) override {
        return translated([&] { return postgres::find_reservation(conn_, code); });
    }
    std::optional<reservation_row> find_reservation_by_id(std::int64_t id) override {
        return translated([&] { return postgres::find_reservation_by_id(conn_, id); });
    }
    bool update_status(std::int64_t id, status from, status to,
                       const std::optional<std::string>& reason) override {
        return translated([&] { return postgres::update_status(conn_, id, from, to, reason); });
    }
    bool record_checkout(std::int64_t id, std::int64_t unit_id, sys_seconds at, double hour_meter,
                         std::string_view checklist_json, bool paid,
                         const std::optional<std::string>& override_reason) override {
        return translated([&] {
            return postgres::record_checkout(conn_, id, unit_id, at, hour_meter, checklist_json,
                                             paid, override_reason);
        });
    }
    bool record_checkin(std::int64_t id, sys_seconds at, double hour_meter,
                        std::string_view checklist_json, std::string_view damage_notes,
                        bool farmer_at_fault, int late_days, won late_fee) override {
        return translated([&] {
            return postgres::record_checkin(conn_, id, at, hour_meter, checklist_json, damage_notes,
                                            farmer_at_fault, late_days, late_fee);
        });
    }
    void replan_reservation(std::int64_t id, std::int64_t branch_id, const rental_plan& plan,
                            const fee_quote& fee) override {
        return translated(
            [&] { return postgres::replan_reservation(conn_, id, branch_id, plan, fee); });
    }
    std::vector<reservation_row> pickups_between(std::int64_t branch_id, sys_seconds from,
                                                 sys_seconds to) override {
        return translated([&] { return postgres::pickups_between(conn_, branch_id, from, to); });
    }
    std::vector<reservation_row> returns_between(std::int64_t branch_id, sys_seconds from,
                                                 sys_seconds to) override {
        return translated([&] { return postgres::returns_between(conn_, branch_id, from, to); });
    }
    std::vector<reservation_row> deliveries_between(std::int64_t branch_id, sys_seconds from,
                                                    sys_seconds to) override {
        return translated([&] { return postgres::deliveries_between(conn_, branch_id, from, to); });
    }
    std::vector<reservation_row> overdue_at(std::int64_t branch_id, sys_seconds now) override {
        return translated([&] { return postgres::overdue_at(conn_, branch_id, now); });
    }
    std::vector<reservation_row> search_reservations(const reservation_filter& f) override {
        return translated([&] { return postgres::search_reservations(conn_, f); });
    }
    void insert_strike(std::int64_t farmer_id, std::int64_t reservation_id, sys_seconds at,
                       std::string_view kind) override {
        return translated(
            [&] { return postgres::insert_strike(conn_, farmer_id, reservation_id, at, kind); });
    }
    std::vector<sys_seconds> strike_times(std::int64_t farmer_id) override {
        return translated([&] { return postgres::strike_times(conn_, farmer_id); });
    }
    void set_suspension(std::int64_t farmer_id, std::optional<local_days> until,
                        std::optional<std::string> reason) override {
        return translated(
            [&] { return postgres::set_suspension(conn_, farmer_id, until, reason); });
    }
    void append_audit(const audit_entry& e) override {
        return translated([&] { return postgres::append_audit(conn_, e); });
    }
    std::vector<history_entry> reservation_history(std::int64_t reservation_id) override {
        return translated([&] { return postgres::reservation_history(conn_, reservation_id); });
    }

  private:
    pg::connection& conn_;
};

class pg_unit_repository final : public unit_repository {
  public:
    explicit pg_unit_repository(pg::connection& conn) : conn_(conn) {}
    std::optional<unit_row> find_unit(std::string_view tag) override {
        return translated([&] { return sql::find_unit(conn_, tag); });
    }
    std::vector<unit_row> list_units(const unit_filter& f) override {
        return translated([&] { return sql::list_units(conn_, f); });
    }
    void update_unit(std::int64_t id, unit_status state, std::optional<double> hour_meter,
                     std::optional<std::string> notes) override {
        return translated([&] { return sql::update_unit(conn_, id, state, hour_meter, notes); });
    }

  private:
    pg::connection& conn_;
};

class pg_audit_repository final : public audit_repository {
  public:
    explicit pg_audit_repository(pg::connection& conn) : conn_(conn) {}
    std::vector<audit_record> list_audit(const audit_filter& f) override {
        return translated([&] { return sql::list_audit(conn_, f); });
    }

  private:
    pg::connection& conn_;
};

class pg_outbox_repository final : public outbox_repository {
  public:
    explicit pg_outbox_repository(pg::connection& conn) : conn_(conn) {}
    void enqueue_message(std::optional<std::int64_t> reservation_id, std::string_view phone,
                         std::string_view kind, std::string_view body, sys_seconds now) override {
        return translated(
            [&] { return sql::enqueue_message(conn_, reservation_id, phone, kind, body, now); });
    }
    std::vector<outbox_message> claim_due_messages(sys_seconds now, int limit,
                                                   sys_seconds held_until) override {
        return translated([&] { return sql::claim_due_messages(conn_, now, limit, held_until); });
    }
    void mark_sent(std::int64_t id, sys_seconds at) override {
        return translated([&] { return sql::mark_sent(conn_, id, at); });
    }
    void mark_attempt_failed(std::int64_t id, std::string_view error, sys_seconds retry_at,
                             bool give_up) override {
        return translated(
            [&] { return sql::mark_attempt_failed(conn_, id, error, retry_at, give_up); });
    }
    std::vector<outbox_message> messages_for_reservation(std::int64_t reservation_id) override {
        return translated([&] { return sql::messages_for_reservation(conn_, reservation_id); });
    }
    std::vector<outbox_message> recent_messages(int limit) override {
        return translated([&] { return sql::recent_messages(conn_, limit); });
    }

  private:
    pg::connection& conn_;
};

class pg_phone_repository final : public phone_repository {
  public:
    explicit pg_phone_repository(pg::connection& conn) : conn_(conn) {}
    std::vector<sys_seconds> code_times(std::string_view phone, sys_seconds since) override {
        return translated([&] { return sql::code_times(conn_, phone, since); });
    }
    std::int64_t insert_code(const phone_code_row& c) override {
        return translated([&] { return sql::insert_code(conn_, c); });
    }
    std::optional<phone_code_row> latest_code(std::string_view phone) override {
        return translated([&] { return sql::latest_code(conn_, phone); });
    }
    void update_code(std::int64_t id, int tries, bool dead) override {
        return translated([&] { return sql::update_code(conn_, id, tries, dead); });
    }
    void kill_codes(std::string_view phone) override {
        return translated([&] { return sql::kill_codes(conn_, phone); });
    }
    void insert_verification(const phone_verification_row& v) override {
        return translated([&] { return sql::insert_verification(conn_, v); });
    }
    std::optional<phone_verification_row> find_verification(std::string_view token_hash) override {
        return translated([&] { return sql::find_verification(conn_, token_hash); });
    }
    void delete_older(sys_seconds before) override {
        return translated([&] { return sql::delete_older(conn_, before); });
    }
    std::string server_secret(std::string_view name, std::string_view candidate) override {
        return translated([&] { return sql::server_secret(conn_, name, candidate); });
    }

  private:
    pg::connection& conn_;
};

class pg_people_repository final : public people_repository {
  public:
    explicit pg_people_repository(pg::connection& conn) : conn_(conn) {}
    std::vector<farmer_row> search_farmers(const farmer_search& q) override {
        return translated([&] { return sql::search_farmers(conn_, q, postgres::find_farmer); });
    }
    void update_farmer(const farmer_row& f) override {
        return translated([&] { return sql::update_farmer(conn_, f); });
    }
    void set_farmer_categories(std::int64_t farmer_id,
                               const std::vector<std::int64_t>& category_ids) override {
        return translated(
            [&] { return sql::set_farmer_categories(conn_, farmer_id, category_ids); });
    }
    std::vector<strike_record> farmer_strikes(std::int64_t farmer_id) override {
        return translated([&] { return sql::farmer_strikes(conn_, farmer_id); });
    }
    std::int64_t count_live_of_farmer(std::int64_t farmer_id) override {
        return translated([&] { return sql::count_live_of_farmer(conn_, farmer_id); });
    }
    std::vector<group_row> list_groups() override {
        return translated([&] { return sql::list_groups(conn_); });
    }
    std::optional<group_row> find_group(std::int64_t id) override {
        return translated([&] { return sql::find_group(conn_, id); });
    }
    std::int64_t insert_group(const group_row& g) override {
        return translated([&] { return sql::insert_group(conn_, g); });
    }
    void update_group(const group_row& g) override {
        translated([&] { sql::update_group(conn_, g); });
    }
    std::int64_t count_live_of_group(std::int64_t group_id, std::int64_t type_id) override {
        return translated([&] { return sql::count_live_of_group(conn_, group_id, type_id); });
    }

  private:
    pg::connection& conn_;
};

class pg_jobs_repository final : public jobs_repository {
  public:
    explicit pg_jobs_repository(pg::connection& conn) : conn_(conn) {}
    std::vector<sweep_candidate> closed_pickup_windows(sys_seconds closed_after, sys_seconds now,
                                                       int limit) override {
        return translated(
            [&] { return sql::closed_pickup_windows(conn_, closed_after, now, limit); });
    }
    std::vector<sweep_candidate> reminder_candidates(sys_seconds now, sys_seconds closes_before,
                                                     int limit) override {
        return translated(
            [&] { return sql::reminder_candidates(conn_, now, closes_before, limit); });
    }
    std::vector<sweep_candidate> overdue_candidates(sys_seconds deadline_before,
                                                    int limit) override {
        return translated([&] { return sql::overdue_candidates(conn_, deadline_before, limit); });
    }
    bool claim_reminder(std::int64_t reservation_id) override {
        return translated([&] { return sql::claim_reminder(conn_, reservation_id); });
    }
    bool claim_overdue_notice(std::int64_t reservation_id) override {
        return translated([&] { return sql::claim_overdue_notice(conn_, reservation_id); });
    }
    int delete_login_failures_before(sys_seconds before) override {
        return translated([&] { return sql::delete_login_failures_before(conn_, before); });
    }
    std::vector<outbox_listing> list_outbox(const outbox_filter& f) override {
        return translated([&] { return sql::list_outbox(conn_, f); });
    }

  private:
    pg::connection& conn_;
};

class pg_admin_repository final : public admin_repository {
  public:
    explicit pg_admin_repository(pg::connection& conn) : conn_(conn) {}
    std::optional<branch_record> find_branch(std::string_view code) override {
        return translated([&] { return postgres::find_branch(conn_, code); });
    }
    std::int64_t insert_branch(const branch_record& b) override {
        return translated([&] { return postgres::insert_branch(conn_, b); });
    }
    void update_branch(const branch_record& b) override {
        return translated([&] { return postgres::update_branch(conn_, b); });
    }
    std::int64_t count_live_at_branch(std::int64_t branch_id) override {
        return translated([&] { return postgres::count_live_at_branch(conn_, branch_id); });
    }
    std::int64_t count_live_of_type(std::int64_t type_id) override {
        return translated([&] { return postgres::count_live_of_type(conn_, type_id); });
    }
    std::vector<std::string> live_touching(std::optional<std::int64_t> branch_id,
                                           interval window) override {
        return translated([&] { return postgres::live_touching(conn_, branch_id, window); });
    }
    std::vector<season_record> list_seasons(std::optional<std::int64_t> branch_id) override {
        return translated([&] { return postgres::list_seasons(conn_, branch_id); });
    }
    std::optional<season_record> find_season(std::int64_t id) override {
        return translated([&] { return postgres::find_season(conn_, id); });
    }
    std::int64_t insert_season(std::int64_t branch_id, date_range days) override {
        return translated([&] { return postgres::insert_season(conn_, branch_id, days); });
    }
    void delete_season(std::int64_t id) override {
        return translated([&] { return postgres::delete_season(conn_, id); });
    }
    std::vector<closure_record> list_closures(std::optional<std::int64_t> branch_id,
                                              std::optional<date_range> days) override {
        return translated([&] { return postgres::list_closures(conn_, branch_id, days); });
    }
    std::optional<closure_record> find_closure(std::int64_t id) override {
        return translated([&] { return postgres::find_closure(conn_, id); });
    }
    std::int64_t insert_closure(const closure_record& c) override {
        return translated([&] { return postgres::insert_closure(conn_, c); });
    }
    void delete_closure(std::int64_t id) override {
        return translated([&] { return postgres::delete_closure(conn_, id); });
    }
    std::vector<holiday_override> list_holiday_overrides(int year) override {
        return translated([&] { return postgres::list_holiday_overrides(conn_, year); });
    }
    std::optional<holiday_override> find_holiday_override(local_days date) override {
        return translated([&] { return postgres::find_holiday_override(conn_, date); });
    }
    void put_holiday_override(const holiday_override& h) override {
        return translated([&] { return postgres::put_holiday_override(conn_, h); });
    }
    std::vector<int> list_known_years() override {
        return translated([&] { return postgres::list_known_years(conn_); });
    }
    void insert_known_year(int year) override {
        return translated([&] { return postgres::insert_known_year(conn_, year); });
    }
    bool delete_known_year(int year) override {
        return translated([&] { return postgres::delete_known_year(conn_, year); });
    }
    std::optional<type_record> find_type(std::string_view code) override {
        return translated([&] { return postgres::find_type(conn_, code); });
    }
    std::vector<type_record> list_types() override {
        return translated([&] { return postgres::list_types(conn_); });
    }
    std::int64_t insert_type(const type_record& t) override {
        return translated([&] { return postgres::insert_type(conn_, t); });
    }
    void update_type(const type_record& t) override {
        return translated([&] { return postgres::update_type(conn_, t); });
    }
    std::optional<unit_record> find_unit_record(std::string_view tag) override {
        return translated([&] { return postgres::find_unit_record(conn_, tag); });
    }
    std::int64_t insert_unit(const unit_record& u) override {
        return translated([&] { return postgres::insert_unit(conn_, u); });
    }
    void update_unit_record(const unit_record& u) override {
        return translated([&] { return postgres::update_unit_record(conn_, u); });
    }
    std::vector<discount_record> list_discounts() override {
        return translated([&] { return postgres::list_discounts(conn_); });
    }
    std::optional<discount_record> find_discount(std::int64_t id) override {
        return translated([&] { return postgres::find_discount(conn_, id); });
    }
    std::int64_t insert_discount(const discount_record& d) override {
        return translated([&] { return postgres::insert_discount(conn_, d); });
    }
    void update_discount(const discount_record& d) override {
        return translated([&] { return postgres::update_discount(conn_, d); });
    }
    std::vector<category_record> list_categories() override {
        return translated([&] { return postgres::list_categories(conn_); });
    }
    std::optional<category_record> find_category(std::string_view code) override {
        return translated([&] { return postgres::find_category(conn_, code); });
    }
    std::int64_t insert_category(const category_record& c) override {
        return translated([&] { return postgres::insert_category(conn_, c); });
    }
    void update_category(const category_record& c) override {
        return translated([&] { return postgres::update_category(conn_, c); });
    }
    void delete_category(std::int64_t id) override {
        return translated([&] { return postgres::delete_category(conn_, id); });
    }
    std::int64_t count_category_members(std::int64_t category_id) override {
        return translated([&] { return postgres::count_category_members(conn_, category_id); });
    }
    void put_setting(std::string_view key, std::string_view value) override {
        return translated([&] { return postgres::put_setting(conn_, key, value); });
    }
    std::vector<fee_band> list_fee_bands() override {
        return translated([&] { return postgres::list_fee_bands(conn_); });
    }
    void replace_fee_bands(std::span<const fee_band> bands) override {
        return translated([&] { return postgres::replace_fee_bands(conn_, bands); });
    }

  private:
    pg::connection& conn_;
};

class pg_staff_repository final : public staff_repository {
  public:
    explicit pg_staff_repository(pg::connection& conn) : conn_(conn) {}
    std::optional<staff_row> find_staff(std::string_view username) override {
        return translated([&] { return sql::find_staff(conn_, username); });
    }
    std::optional<staff_row> find_staff_by_id(std::int64_t id) override {
        return translated([&] { return sql::find_staff_by_id(conn_, id); });
    }
    std::vector<staff_row> list_staff() override {
        return translated([&] { return sql::list_staff(conn_); });
    }
    std::int64_t insert_staff(const staff_row& s) override {
        return translated([&] { return sql::insert_staff(conn_, s); });
    }
    void update_staff(const staff_row& s) override {
        return translated([&] { return sql::update_staff(conn_, s); });
    }
    std::int64_t count_staff() override {
        return translated([&] { return sql::count_staff(conn_); });
    }
    void insert_session(const session_row& s) override {
        return translated([&] { return sql::insert_session(conn_, s); });
    }
    std::optional<session_row> find_session(std::string_view id_hash) override {
        return translated([&] { return sql::find_session(conn_, id_hash); });
    }
    void touch_session(std::string_view id_hash, sys_seconds at) override {
        return translated([&] { return sql::touch_session(conn_, id_hash, at); });
    }
    void delete_session(std::string_view id_hash) override {
        return translated([&] { return sql::delete_session(conn_, id_hash); });
    }
    void delete_sessions_of(std::int64_t user_id) override {
        return translated([&] { return sql::delete_sessions_of(conn_, user_id); });
    }
    void delete_expired_sessions(sys_seconds idle_before, sys_seconds created_before) override {
        return translated(
            [&] { return sql::delete_expired_sessions(conn_, idle_before, created_before); });
    }
    void record_login_failure(std::string_view key, sys_seconds at) override {
        return translated([&] { return sql::record_login_failure(conn_, key, at); });
    }
    failure_stats login_failures(std::string_view key, sys_seconds since) override {
        return translated([&] { return sql::login_failures(conn_, key, since); });
    }
    void clear_login_failures(std::string_view key) override {
        return translated([&] { return sql::clear_login_failures(conn_, key); });
    }

  private:
    pg::connection& conn_;
};

class pg_report_repository final : public report_repository {
  public:
    explicit pg_report_repository(pg::connection& conn) : conn_(conn) {}
    std::vector<usage_span> usage_overlapping(std::optional<std::int64_t> branch_id,
                                              date_range days) override {
        return translated([&] { return sql::usage_overlapping(conn_, branch_id, days); });
    }
    std::vector<unit_total> units_not_retired(std::optional<std::int64_t> branch_id) override {
        return translated([&] { return sql::units_not_retired(conn_, branch_id); });
    }
    std::vector<revenue_total> revenue_by_branch_type(std::optional<std::int64_t> branch_id,
                                                      date_range days) override {
        return translated([&] { return sql::revenue_by_branch_type(conn_, branch_id, days); });
    }
    std::vector<export_row> reservations_for_export(const export_filter& f) override {
        return translated([&] { return sql::reservations_for_export(conn_, f); });
    }

  private:
    pg::connection& conn_;
};
class pg_catalog_repository final : public catalog_repository {
  public:
    explicit pg_catalog_repository(pg::connection& conn) : conn_(conn) {}
    catalog_rows load_catalog() override {
        return translated([&] { return postgres::load_catalog(conn_); });
    }

  private:
    pg::connection& conn_;
};

class postgres_waitlist_repository final : public waitlist_repository {
  public:
    explicit postgres_waitlist_repository(pg::connection& conn) : conn_(conn) {}
    std::int64_t insert_entry(const waitlist_row& e) override {
        return translated([&] { return sql::insert_entry(conn_, e); });
    }
    std::optional<waitlist_row> find_entry(std::string_view code) override {
        return translated([&] { return sql::find_entry(conn_, code); });
    }
    std::vector<waitlist_row> list_entries(const waitlist_filter& f) override {
        return translated([&] { return sql::list_entries(conn_, f); });
    }
    std::vector<waitlist_row> waiting_queue(std::int64_t branch_id, std::int64_t type_id) override {
        return translated([&] { return sql::waiting_queue(conn_, branch_id, type_id); });
    }
    int waiting_ahead(std::int64_t branch_id, std::int64_t type_id, std::int64_t id, period usage,
                      std::optional<half_day> half) override {
        return translated(
            [&] { return sql::waiting_ahead(conn_, branch_id, type_id, id, usage, half); });
    }
    int count_live_of_phone(std::string_view phone) override {
        return translated([&] { return sql::count_live_of_phone(conn_, phone); });
    }
    bool live_entry_overlaps(std::string_view phone, std::int64_t branch_id, std::int64_t type_id,
                             period usage, std::optional<half_day> half) override {
        return translated([&] {
            return sql::live_entry_overlaps(conn_, phone, branch_id, type_id, usage, half);
        });
    }
    bool anyone_waiting(std::int64_t branch_id, std::int64_t type_id, period days) override {
        return translated([&] { return sql::anyone_waiting(conn_, branch_id, type_id, days); });
    }
    bool make_offer(std::int64_t id, sys_seconds expires_at, interval hold) override {
        return translated([&] { return sql::make_offer(conn_, id, expires_at, hold); });
    }
    bool set_entry_status(std::int64_t id, waitlist_status from, waitlist_status to,
                          std::optional<std::int64_t> reservation_id) override {
        return translated(
            [&] { return sql::set_entry_status(conn_, id, from, to, reservation_id); });
    }
    std::vector<waitlist_row> lapsed_offers(sys_seconds now, int limit) override {
        return translated([&] { return sql::lapsed_offers(conn_, now, limit); });
    }
    std::vector<waitlist_row> waiting_starting_by(local_days day, int limit) override {
        return translated([&] { return sql::waiting_starting_by(conn_, day, limit); });
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> waiting_branch_types() override {
        return translated([&] { return sql::waiting_branch_types(conn_); });
    }
    std::vector<std::pair<std::int64_t, interval>> holds_in_branch(std::int64_t branch_id,
                                                                   interval window) override {
        return translated([&] { return sql::holds_in_branch(conn_, branch_id, window); });
    }

  private:
    pg::connection& conn_;
};

/// Every repository on one connection (Base: repositories, or unit_of_work).
template <class Base>
class connection_repositories : public Base {
  public:
    explicit connection_repositories(pg::connection& conn)
        : reservations_(conn), units_(conn), people_(conn), staff_(conn), admin_(conn),
          catalog_(conn), audit_(conn), outbox_(conn), jobs_(conn), reports_(conn), waitlist_(conn),
          phones_(conn) {}

    reservation_repository& reservations() override { return reservations_; }
    unit_repository& units() override { return units_; }
    people_repository& people() override { return people_; }
    staff_repository& staff() override { return staff_; }
    admin_repository& admin() override { return admin_; }
    catalog_repository& catalog() override { return catalog_; }
    audit_repository& audit() override { return audit_; }
    outbox_repository& outbox() override { return outbox_; }
    jobs_repository& jobs() override { return jobs_; }
    report_repository& reports() override { return reports_; }
    waitlist_repository& waitlist() override { return waitlist_; }
    phone_repository& phones() override { return phones_; }

  private:
    pg_reservation_repository reservations_;
    pg_unit_repository units_;
    pg_people_repository people_;
    pg_staff_repository staff_;
    pg_admin_repository admin_;
    pg_catalog_repository catalog_;
    pg_audit_repository audit_;
    pg_outbox_repository outbox_;
    pg_jobs_repository jobs_;
    pg_report_repository reports_;
    postgres_waitlist_repository waitlist_;
    pg_phone_repository phones_;
};

/// The BEGIN of every write: READ COMMITTED (each statement sees every commit before it), then
/// the writer lock of every server on this database (a transaction-level advisory lock: released
/// by COMMIT or ROLLBACK, also when a server dies), then the data version bumped. One round trip.
/// Under the lock no other agrirent writer commits, so the statements after it see one state.
constexpr std::string_view begin_write =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(7428461, 0); "
    "UPDATE agrirent_data_version SET n = n + 1 WHERE id = 1";
/// A read: one snapshot for all its statements, never waiting for writers. Sent together with
/// the first statement (pq: begin_with_next), and ended by a ROLLBACK that is not waited for:
/// a read costs one round trip per statement and nothing more. The snapshot is the same as if
/// the BEGIN went alone: REPEATABLE READ takes it at the transaction's first statement.
constexpr std::string_view begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

/// A leased connection in a transaction (begun before the repositories see the connection: the
/// BEGIN may re-open a broken one). Destroyed without commit(): rolled back, then given back.
class pg_unit_of_work final : public connection_repositories<unit_of_work> {
  public:
    pg_unit_of_work(pg::pool::lease lease, access mode)
        : connection_repositories<unit_of_work>(*lease), lease_(std::move(lease)), mode_(mode) {}
    pg_unit_of_work(const pg_unit_of_work&) = delete;
    pg_unit_of_work& operator=(const pg_unit_of_work&) = delete;
    ~pg_unit_of_work() override {
        if (!done_) {
            lease_->rollback_quietly("unit of work not committed");
        }
    }

    void commit() override {
        if (done_) {
            throw std::logic_error("unit of work committed twice");
        }
        done_ = true;
        if (mode_ == access::read) {
            // A read-only transaction has nothing to make durable: its end is not waited for.
            lease_->rollback_quietly("read finished");
            return;
        }
        translated([&] { pg::commit(*lease_); });
    }

  private:
    pg::pool::lease lease_;
    access mode_;
    bool done_ = false;
};

class pg_database final : public database {
  public:
    pg_database(std::string conninfo, const open_settings& settings)
        : pool_(std::move(conninfo), settings.connections), dump_program_(settings.dump_program) {}

    std::unique_ptr<unit_of_work> begin(access mode) override {
        return translated([&]() -> std::unique_ptr<unit_of_work> {
            auto lease = pool_.acquire();
            if (mode == access::write) {
                lease.begin(begin_write);
            } else {
                lease.begin_with_next(begin_read);
            }
            return std::make_unique<pg_unit_of_work>(std::move(lease), mode);
        });
    }

    void write_grouped(const grouped_write& job) override {
        translated([&] {
            pool_.write_in_group(begin_write, [&job](pg::connection& conn) {
                connection_repositories<repositories> repos{conn};
                return job(repos);
            });
        });
    }

    std::uint64_t data_version() const noexcept override {
        return read_counter("SELECT n FROM agrirent_data_version");
    }

    std::uint64_t catalog_version() const noexcept override {
        return read_counter("SELECT n FROM agrirent_catalog_version");
    }

    bool ping() override {
        try {
            auto lease = pool_.acquire();
            auto& st = lease->prepare_cached("SELECT 1");
            const bool ok = st.step();
            st.reset();
            return ok;
        } catch (const std::exception&) {
            return false;
        }
    }

    std::optional<bool> count_request(std::string_view key, int limit, sys_seconds now) override {
        return translated([&] {
            auto lease = pool_.acquire();
            const auto at = seconds(now);
            // Forget quiet clients now and then (a row lives as long as its last minute).
            if (const auto last = last_sweep_.load(); at - last >= 600 || at < last) {
                last_sweep_ = at;
                auto& sweep = lease->prepare_cached("DELETE FROM rate_limits WHERE last_hit < ?");
                sweep.bind_all(at - 60);
                sweep.step();
            }
            return postgres::count_request(*lease, key, limit, now);
        });
    }

    std::uintmax_t backup_to(const std::filesystem::path& target) override {
        return dump_into(pool_.conninfo(), dump_program_, target);
    }

    write_stats grouped_write_stats() const override {
        const auto s = pool_.group_commit_stats();
        return {s.batches, s.jobs};
    }

  private:
    mutable pg::pool pool_;
    std::filesystem::path dump_program_;
    /// The counter of one of the version rows, read on a connection of its own so that a
    /// commit of any server shows at once. On failure, a value never returned before, so that no
    /// cached result is trusted.
    std::uint64_t read_counter(const char* sql) const noexcept {
        const std::lock_guard lock(version_mutex_);
        try {
            if (!version_conn_ || !version_conn_->ok()) {
                version_conn_.reset();
                version_conn_ = pool_.connect();
            }
            auto& st = version_conn_->prepare_cached(sql);
            if (st.step()) {
                const auto n = static_cast<std::uint64_t>(st.int64(0));
                st.reset();
                return n;
            }
        } catch (const std::exception&) {
            // Fall through.
        }
        return unknown_version_++;
    }

    mutable std::mutex version_mutex_; // guards the two below
    mutable std::unique_ptr<pg::connection> version_conn_;
    mutable std::uint64_t unknown_version_ = std::uint64_t{1} << 63;
    std::atomic<std::int64_t> last_sweep_{0};
};

} // namespace

std::unique_ptr<database> open(const std::string& uri, const open_settings& settings) {
    if (settings.migrate) {
        translated([&] {
            pg::connection conn{uri};
            try {
                pg::migrate(conn, migrations());
            } catch (const pg::schema_too_new& e) {
                throw storage::schema_too_new(e.what());
            }
        });
    }
    return std::make_unique<pg_database>(uri, settings);
}

bool is_location(std::string_view location) noexcept {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

} // namespace agrirent::storage::postgres
