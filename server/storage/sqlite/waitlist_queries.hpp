#pragma once
// The waitlist's SQL (server/storage/waitlist_repository.hpp, DOMAIN.md §13).
#include "server/storage/sqlite/sqlite.hpp"
#include "server/storage/waitlist_repository.hpp"

namespace agrirent::storage::sqlite {

std::int64_t insert_entry(db::connection& conn, const waitlist_row& e);
std::optional<waitlist_row> find_entry(db::connection& conn, std::string_view code);
std::vector<waitlist_row> list_entries(db::connection& conn, const waitlist_filter& f);
std::vector<waitlist_row> waiting_queue(db::connection& conn, std::int64_t branch_id,
                                        std::int64_t type_id);
int waiting_ahead(db::connection& conn, std::int64_t branch_id, std::int64_t type_id,
                  std::int64_t id, period usage, std::optional<half_day> half);
int count_live_of_phone(db::connection& conn, std::string_view phone);
bool live_entry_overlaps(db::connection& conn, std::string_view phone, std::int64_t branch_id,
                         std::int64_t type_id, period usage, std::optional<half_day> half);
bool anyone_waiting(db::connection& conn, std::int64_t branch_id, std::int64_t type_id,
                    period days);
bool make_offer(db::connection& conn, std::int64_t id, sys_seconds expires_at, interval hold);
bool set_entry_status(db::connection& conn, std::int64_t id, waitlist_status from,
                      waitlist_status to, std::optional<std::int64_t> reservation_id);
std::vector<waitlist_row> lapsed_offers(db::connection& conn, sys_seconds now, int limit);
std::vector<waitlist_row> waiting_starting_by(db::connection& conn, local_days day, int limit);
std::vector<std::pair<std::int64_t, std::int64_t>> waiting_branch_types(db::connection& conn);
std::vector<std::pair<std::int64_t, interval>>
holds_in_branch(db::connection& conn, std::int64_t branch_id, interval window);

} // namespace agrirent::storage::sqlite
