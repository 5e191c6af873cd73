#include "server/app/unit_ops.hpp"

#include <boost/json.hpp>

#include "server/app/waitlist.hpp"
#include "server/storage/database.hpp"
#include "server/storage/reservation_repository.hpp"
#include "server/storage/unit_repository.hpp"

namespace agrirent::app {

bool clerk_may_set_unit_status(unit_status from, unit_status to) noexcept {
    // Out and returned happen by check-out and check-in; retirement is an admin action.
    return (to == unit_status::available &&
            (from == unit_status::cleaning || from == unit_status::maintenance)) ||
           (to == unit_status::maintenance &&
            (from == unit_status::available || from == unit_status::cleaning));
}

result<storage::unit_row> set_unit_status(services& s, std::string_view tag, unit_status to,
                                          const std::optional<std::string>& note,
                                          const actor& who) {
    if (who.who != role::clerk && who.who != role::admin) {
        return refusal{reason::forbidden, {}};
    }
    auto tx = s.db.begin(storage::access::write);
    storage::repositories& conn = *tx;
    auto unit = conn.units().find_unit(tag);
    if (!unit) {
        return refusal{reason::not_found, {{"field", "unit"}}};
    }
    // DOMAIN.md §8: a clerk acts only on their own branch.
    if (who.who == role::clerk && who.branch_id != unit->branch_id) {
        return refusal{reason::forbidden, {{"reason", "other_branch"}}};
    }
    const unit_status from = unit->state;
    if (!clerk_may_set_unit_status(from, to)) {
        return refusal{reason::invalid_transition,
                       {{"status", std::string{to_string(from)}},
                        {"action", "unit." + std::string{to_string(to)}}}};
    }
    conn.units().update_unit(unit->id, to, std::nullopt, note);
    boost::json::object d{{"from", to_string(from)}, {"to", to_string(to)}};
    if (note) {
        d["note"] = *note;
    }
    conn.reservations().append_audit({s.clock.now(), who.name, std::string{to_string(who.who)},
                                      std::string{to_string(who.via)}, "unit.status", std::nullopt,
                                      "unit", unit->tag, boost::json::serialize(d), who.address});
    // DOMAIN.md §13: a unit back from maintenance (or cleaning) may free capacity.
    offer_freed(s, conn, *s.catalog.get(), unit->branch_id, unit->type_id, s.clock.now());
    tx->commit();
    unit->state = to;
    if (note) {
        unit->notes = *note;
    }
    return std::move(*unit);
}

std::vector<storage::unit_row> list_units(services& s, const storage::unit_filter& f) {
    auto lease = s.db.begin(storage::access::read);
    return lease->units().list_units(f);
}

} // namespace agrirent::app
