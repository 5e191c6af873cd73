#pragma once
// The SQL of the reservations repository: free functions on one connection, wrapped by
// pg_reservation_repository (database.cpp).
#include "server/storage/reservation_repository.hpp"

namespace agrirent::pg {
class connection;
}

namespace agrirent::storage::postgres {

unit_counts count_units(pg::connection& conn, std::int64_t branch_id, std::int64_t type_id);
std::vector<std::pair<std::int64_t, unit_counts>> count_units_by_type(pg::connection& conn,
                                                                      std::int64_t branch_id);
std::vector<interval> live_occupancies(pg::connection& conn, std::int64_t branch_id,
                                       std::int64_t type_id, interval window);
reservation_repository::units_and_live units_and_occupancies(pg::connection& conn,
                                                             std::int64_t branch_id,
                                                             std::int64_t type_id, interval window);
std::optional<std::pair<reservation_row, std::vector<history_entry>>>
find_reservation_with_history(pg::connection& conn, std::string_view code);
std::vector<live_occupancy> live_in_branch(pg::connection& conn, std::int64_t branch_id,
                                           interval window);
std::optional<farmer_row> find_farmer_by_phone(pg::connection& conn, std::string_view phone);
std::optional<farmer_row> find_farmer(pg::connection& conn, std::int64_t id);
std::int64_t insert_farmer(pg::connection& conn, const farmer_row& f);
std::vector<held_reservation> live_holdings(pg::connection& conn, std::int64_t farmer_id,
                                            std::int64_t except_id = 0);
std::int64_t insert_reservation(pg::connection& conn, const reservation_row& r);
std::optional<reservation_row> find_reservation(pg::connection& conn, std::string_view code);
std::optional<reservation_row> find_reservation_by_id(pg::connection& conn, std::int64_t id);
bool update_status(pg::connection& conn, std::int64_t id, status from, status to,
                   const std::optional<std::string>& reason);
bool record_checkout(pg::connection& conn, std::int64_t id, std::int64_t unit_id, sys_seconds at,
                     double hour_meter, std::string_view checklist_json, bool paid,
                     const std::optional<std::string>& override_reason);
bool record_checkin(pg::connection& conn, std::int64_t id, sys_seconds at, double hour_meter,
                    std::string_view checklist_json, std::string_view damage_notes,
                    bool farmer_at_fault, int late_days, won late_fee);
void replan_reservation(pg::connection& conn, std::int64_t id, std::int64_t branch_id,
                        const rental_plan& plan, const fee_quote& fee);
std::vector<reservation_row> pickups_between(pg::connection& conn, std::int64_t branch_id,
                                             sys_seconds from, sys_seconds to);
std::vector<reservation_row> returns_between(pg::connection& conn, std::int64_t branch_id,
                                             sys_seconds from, sys_seconds to);
std::vector<reservation_row> deliveries_between(pg::connection& conn, std::int64_t branch_id,
                                                sys_seconds from, sys_seconds to);
std::vector<reservation_row> overdue_at(pg::connection& conn, std::int64_t branch_id,
                                        sys_seconds now);
std::vector<reservation_row> search_reservations(pg::connection& conn, const reservation_filter& f);
void insert_strike(pg::connection& conn, std::int64_t farmer_id, std::int64_t reservation_id,
                   sys_seconds at, std::string_view kind);
std::vector<sys_seconds> strike_times(pg::connection& conn, std::int64_t farmer_id);
void set_suspension(pg::connection& conn, std::int64_t farmer_id, std::optional<local_days> until,
                    std::optional<std::string> reason);
void append_audit(pg::connection& conn, const audit_entry& e);
std::vector<history_entry> reservation_history(pg::connection& conn, std::int64_t reservation_id);

// The fee breakdown as stored (a JSON column).

std::string fee_days_to_json(const std::vector<fee_day>& days);
std::vector<fee_day> fee_days_from_json(std::string_view json);

} // namespace agrirent::storage::postgres
