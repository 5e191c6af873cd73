#include "server/app/admin_people.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "common/validation.hpp"
#include "server/app/admin_support.hpp"
#include "server/app/auth.hpp"
#include "server/storage/admin_repository.hpp"
#include "server/storage/reservation_repository.hpp"

namespace agrirent::app::admin {
namespace {

namespace json = boost::json;

json::value date_or_null(const std::optional<local_days>& d) {
    return d ? json::value(format_date(*d)) : json::value(nullptr);
}

json::value text_or_null(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

/// The editable fields, as compared for the audit trail.
json::object farmer_details(const storage::farmer_row& f) {
    return {{"name", f.name},
            {"farm_id", text_or_null(f.farm_id)},
            {"district", text_or_null(f.district)},
            {"training_completed_on", date_or_null(f.training_completed_on)},
            {"categories", string_array(f.categories)}};
}

farmer_detail detail_of(storage::repositories& repo, storage::farmer_row f, local_days today) {
    farmer_detail d;
    d.suspended = f.suspended_until.has_value() && *f.suspended_until >= today;
    d.strikes = repo.people().farmer_strikes(f.id);
    d.live_reservations = repo.people().count_live_of_farmer(f.id);
    d.row = std::move(f);
    return d;
}

result<storage::farmer_row> find_farmer(storage::repositories& repo, std::string_view raw_phone) {
    const auto phone = normalize_phone(raw_phone);
    auto f = phone ? repo.reservations().find_farmer_by_phone(*phone) : std::nullopt;
    if (!f) {
        return not_found("farmer", raw_phone);
    }
    return std::move(*f);
}

/// Applies name, farm_id, district, training_completed_on and categories; only an admin may
/// change categories.
std::optional<refusal> apply(storage::repositories& repo, const farmer_changes& in,
                             storage::farmer_row& f, const actor& who, local_days today,
                             std::vector<std::int64_t>* category_ids) {
    if (in.name) {
        f.name = *in.name;
    }
    if (in.farm_id) {
        f.farm_id = *in.farm_id;
    }
    if (in.district) {
        f.district = *in.district;
    }
    if (in.training_completed_on) {
        const auto& d = *in.training_completed_on;
        if (d && *d > today) {
            return invalid("training_completed_on", "in_future");
        }
        f.training_completed_on = d;
    }
    if (in.categories) {
        if (who.who != role::admin) {
            // DOMAIN.md §7: categories change the fee; a price policy, admin only.
            return refusal{reason::forbidden, {{"field", "categories"}}};
        }
        auto codes = *in.categories;
        std::sort(codes.begin(), codes.end());
        category_ids->clear();
        for (const auto& code : codes) {
            const auto c = repo.admin().find_category(code);
            if (!c) {
                return not_found("categories", code);
            }
            category_ids->push_back(c->id);
        }
        f.categories = std::move(codes);
    }
    return std::nullopt;
}

/// Sets or lifts a suspension (DOMAIN.md §8) and writes its own audit row.
std::optional<refusal> apply_suspension(write_unit& w, const farmer_changes& in,
                                        storage::farmer_row& f, local_days today) {
    if (!in.suspension) {
        return std::nullopt;
    }
    if (!*in.suspension) {
        if (f.suspended_until) {
            w.audit("farmer.lift_suspension", "farmer", f.phone,
                    {{"until", format_date(*f.suspended_until)},
                     {"reason", text_or_null(f.suspension_reason)}});
        }
        f.suspended_until.reset();
        f.suspension_reason.reset();
        return std::nullopt;
    }
    const auto& next = **in.suspension;
    if (next.until < today) {
        return invalid("suspension.until", "in_past");
    }
    w.audit("farmer.suspend", "farmer", f.phone,
            {{"until", format_date(next.until)},
             {"reason", next.reason},
             {"previous_until", date_or_null(f.suspended_until)}});
    f.suspended_until = next.until;
    f.suspension_reason = next.reason;
    return std::nullopt;
}

} // namespace

// ---- farmers -------------------------------------------------------------------------------

farmer_page search_farmers(services& s, storage::farmer_search q) {
    const int limit = q.limit;
    q.limit = limit + 1; // one more tells whether there is a next page
    auto lease = s.db.begin(storage::access::read);
    auto found = lease->people().search_farmers(q);
    farmer_page out;
    if (found.size() > static_cast<std::size_t>(limit)) {
        found.resize(static_cast<std::size_t>(limit));
        out.next_cursor = found.back().id;
    }
    const auto day = today(s);
    for (auto& f : found) {
        out.farmers.push_back(detail_of(*lease, std::move(f), day));
    }
    lease->commit();
    return out;
}

result<farmer_detail> farmer_of(services& s, std::string_view phone) {
    auto lease = s.db.begin(storage::access::read);
    auto f = find_farmer(*lease, phone);
    if (!f) {
        return f.error();
    }
    auto out = detail_of(*lease, std::move(f).value(), today(s));
    lease->commit();
    return out;
}

std::vector<storage::reservation_row> reservations_of(services& s, const std::string& phone,
                                                      int limit) {
    storage::reservation_filter f;
    f.phone = phone;
    f.limit = limit;
    auto lease = s.db.begin(storage::access::read);
    return lease->reservations().search_reservations(f);
}

result<farmer_detail> create_farmer(services& s, const actor& who, const farmer_create& in) {
    storage::farmer_row f;
    f.phone = in.phone;
    const auto day = today(s);
    write_unit w{s, who};
    std::vector<std::int64_t> category_ids;
    if (auto why = apply(w.repo(), in.fields, f, who, day, &category_ids)) {
        return std::move(*why);
    }
    if (auto why = apply_suspension(w, in.fields, f, day)) {
        return std::move(*why);
    }
    f.created_at = w.now();
    try {
        f.id = w.repo().reservations().insert_farmer(f);
    } catch (const storage::duplicate_key&) {
        return duplicate("phone", f.phone);
    }
    w.repo().people().set_farmer_categories(f.id, category_ids);
    w.audit("farmer.create", "farmer", f.phone, farmer_details(f));
    auto out = detail_of(w.repo(), f, day);
    w.commit();
    return out;
}

result<farmer_detail> update_farmer(services& s, const actor& who, std::string_view phone,
                                    const farmer_changes& in) {
    const auto day = today(s);
    write_unit w{s, who};
    auto found = find_farmer(w.repo(), phone);
    if (!found) {
        return found.error();
    }
    if (in.malformed) {
        return *in.malformed;
    }
    auto f = std::move(found).value();
    const auto before = farmer_details(f);
    std::vector<std::int64_t> category_ids;
    if (auto why = apply(w.repo(), in, f, who, day, &category_ids)) {
        return std::move(*why);
    }
    if (auto why = apply_suspension(w, in, f, day)) {
        return std::move(*why);
    }
    w.repo().people().update_farmer(f);
    if (in.categories) {
        w.repo().people().set_farmer_categories(f.id, category_ids);
    }
    if (const auto diff = changes(before, farmer_details(f)); !diff.empty()) {
        w.audit("farmer.update", "farmer", f.phone, diff);
    }
    auto out = detail_of(w.repo(), f, day);
    w.commit();
    return out;
}

// ---- staff users ---------------------------------------------------------------------------

namespace {

result<storage::staff_row> find_user(storage::repositories& repo, std::string_view username) {
    auto u = repo.staff().find_staff(username);
    if (!u) {
        return not_found("user", username);
    }
    return std::move(*u);
}

/// The fields compared for the audit trail (never the hash).
json::object user_details(const storage::staff_row& u, const catalog& cat) {
    const auto* branch = u.branch_id ? cat.branch_by_id(*u.branch_id) : nullptr;
    // The API's shape of a user without username and created_at, erased as before (the
    // audit rows keep their order of members).
    json::object o{{"username", u.username},
                   {"display_name", u.display_name},
                   {"role", to_string(u.who)},
                   {"branch", branch != nullptr ? json::value(branch->code.value) : nullptr},
                   {"active", u.active},
                   {"created_at", ""}};
    o.erase("username");
    o.erase("created_at");
    return o;
}

/// The password, checked, hashed before any lock is taken (argon2id is slow on purpose).
result<std::string> hashed_password(const std::string& password) {
    if (!acceptable_password(password)) {
        return invalid("password", "weak_password");
    }
    return hash_password(password);
}

} // namespace

std::vector<storage::staff_row> list_users(services& s) {
    auto lease = s.db.begin(storage::access::read);
    return lease->staff().list_staff();
}

result<storage::staff_row> user_of(services& s, std::string_view username) {
    auto lease = s.db.begin(storage::access::read);
    return find_user(*lease, username);
}

result<storage::staff_row> create_user(services& s, const actor& who, const user_create& in) {
    storage::staff_row u;
    u.username = in.username;
    u.who = in.who;
    u.display_name = in.display_name;
    const auto hash = hashed_password(in.password);
    if (!hash) {
        return hash.error();
    }
    u.password_hash = *hash;
    write_unit w{s, who};
    if (in.branch) {
        const auto b = active_branch(w.repo(), *in.branch);
        if (!b) {
            return b.error();
        }
        u.branch_id = b->id;
    }
    u.created_at = w.now();
    try {
        u.id = w.repo().staff().insert_staff(u);
    } catch (const storage::duplicate_key&) {
        return duplicate("username", u.username);
    }
    auto details = user_details(u, *s.catalog.get());
    details["username"] = u.username;
    w.audit("user.create", "user", u.username, details);
    w.commit();
    return u;
}

result<storage::staff_row> update_user(services& s, const actor& who, std::string_view username,
                                       const user_update& in) {
    std::optional<std::string> new_hash;
    if (in.password) {
        auto hash = hashed_password(*in.password);
        if (!hash) {
            return hash.error();
        }
        new_hash = std::move(hash).value();
    }
    write_unit w{s, who};
    auto found = find_user(w.repo(), username);
    if (!found) {
        return found;
    }
    if (in.malformed) {
        return *in.malformed;
    }
    auto u = std::move(found).value();
    const bool self = who.user_id && u.id == *who.user_id;
    const auto before = user_details(u, *s.catalog.get());
    const bool was_active = u.active;
    if (in.display_name) {
        u.display_name = *in.display_name;
    }
    if (in.who) {
        if (self && *in.who != u.who) {
            // An admin cannot lock themself out; another admin can change them.
            return refused(reason::self_change, {{"field", "role"}});
        }
        u.who = *in.who;
    }
    if (in.active) {
        if (self && !*in.active) {
            return refused(reason::self_change, {{"field", "active"}});
        }
        u.active = *in.active;
    }
    if (in.branch) {
        if (u.who != role::clerk) {
            return invalid("branch", "only_for_clerks");
        }
        const auto b = active_branch(w.repo(), *in.branch);
        if (!b) {
            return b.error();
        }
        u.branch_id = b->id;
    }
    if (u.who != role::clerk) {
        u.branch_id.reset(); // schema: only clerks belong to a branch
    } else if (!u.branch_id) {
        return invalid("branch", "required_for_clerks");
    }
    if (new_hash) {
        u.password_hash = *new_hash;
    }
    w.repo().staff().update_staff(u);
    auto details = changes(before, user_details(u, *s.catalog.get()));
    if (new_hash) {
        details["password"] = "changed";
    }
    // A deactivated user, or one whose password changed, is logged out everywhere.
    if (new_hash || (was_active && !u.active)) {
        w.repo().staff().delete_sessions_of(u.id);
        details["sessions_ended"] = true;
    }
    if (!details.empty()) {
        w.audit("user.update", "user", u.username, details);
    }
    w.commit();
    return u;
}

// ---- audit trail ---------------------------------------------------------------------------

audit_page list_audit(services& s, storage::audit_filter f) {
    const int limit = f.limit;
    f.limit = limit + 1;
    auto lease = s.db.begin(storage::access::read);
    audit_page out;
    out.entries = lease->audit().list_audit(f);
    if (out.entries.size() > static_cast<std::size_t>(limit)) {
        out.entries.resize(static_cast<std::size_t>(limit));
        out.next_cursor = out.entries.back().id;
    }
    return out;
}

// ---- farmer groups (작목반, DOMAIN.md §16) --------------------------------------------------

namespace {

boost::json::object group_details(const storage::group_row& g) {
    boost::json::array members;
    for (const auto& p : g.member_phones) {
        members.emplace_back(p);
    }
    return {{"name", g.name},
            {"representative_phone", g.representative_phone},
            {"member_phones", std::move(members)}};
}

/// Applies `in` to `g` (ids resolved from the phones), or the refusal.
std::optional<refusal> apply_group(storage::repositories& repo, const group_input& in,
                                   std::int64_t self_id, storage::group_row& g) {
    if (in.name) {
        for (const auto& other : repo.people().list_groups()) {
            if (other.name == *in.name && other.id != self_id) {
                return duplicate("name", *in.name);
            }
        }
        g.name = *in.name;
    }
    if (in.representative_phone) {
        const auto f = repo.reservations().find_farmer_by_phone(*in.representative_phone);
        if (!f) {
            return invalid("representative_phone", "unknown_farmer");
        }
        g.representative_id = f->id;
        g.representative_phone = f->phone;
    }
    if (in.member_phones) {
        g.member_ids.clear();
        g.member_phones.clear();
        for (std::size_t i = 0; i < in.member_phones->size(); ++i) {
            const auto& phone = (*in.member_phones)[i];
            const std::string field = "member_phones[" + std::to_string(i) + "]";
            if (std::find(g.member_phones.begin(), g.member_phones.end(), phone) !=
                g.member_phones.end()) {
                return invalid(field, "duplicate");
            }
            const auto f = repo.reservations().find_farmer_by_phone(phone);
            if (!f) {
                return invalid(field, "unknown_farmer");
            }
            g.member_ids.push_back(f->id);
            g.member_phones.push_back(f->phone);
        }
    }
    // The representative is a member by office; listing them again is a mistake in the form.
    for (std::size_t i = 0; i < g.member_phones.size(); ++i) {
        if (g.member_phones[i] == g.representative_phone) {
            return invalid(in.member_phones ? "member_phones[" + std::to_string(i) + "]"
                                            : std::string{"representative_phone"},
                           "is_representative");
        }
    }
    return std::nullopt;
}

} // namespace

std::vector<storage::group_row> list_groups(services& s) {
    auto tx = s.db.begin(storage::access::read);
    auto out = tx->people().list_groups();
    tx->commit();
    return out;
}

result<storage::group_row> group_of(services& s, std::int64_t id) {
    auto tx = s.db.begin(storage::access::read);
    auto g = tx->people().find_group(id);
    tx->commit();
    if (!g) {
        return not_found("group", std::to_string(id));
    }
    return std::move(*g);
}

result<storage::group_row> create_group(services& s, const actor& who, const group_input& in) {
    write_unit w{s, who};
    storage::group_row g;
    if (auto why = apply_group(w.repo(), in, 0, g)) {
        return std::move(*why);
    }
    g.created_at = w.now();
    try {
        g.id = w.repo().people().insert_group(g);
    } catch (const storage::duplicate_key&) {
        return duplicate("name", g.name);
    }
    w.audit("group.create", "farmer_group", std::to_string(g.id), group_details(g));
    auto out = w.repo().people().find_group(g.id);
    w.commit();
    return std::move(out.value());
}

result<storage::group_row> update_group(services& s, const actor& who, std::int64_t id,
                                        const group_input& in) {
    write_unit w{s, who};
    auto found = w.repo().people().find_group(id);
    if (!found) {
        return not_found("group", std::to_string(id));
    }
    auto g = std::move(*found);
    const auto before = group_details(g);
    if (auto why = apply_group(w.repo(), in, g.id, g)) {
        return std::move(*why);
    }
    w.repo().people().update_group(g);
    w.audit("group.update", "farmer_group", std::to_string(g.id),
            {{"before", before}, {"after", group_details(g)}});
    auto out = w.repo().people().find_group(g.id);
    w.commit();
    return std::move(out.value());
}

} // namespace agrirent::app::admin
