#include "server/storage/sqlite/schema.hpp"

#include <array>

namespace agrirent::storage::sqlite {
namespace {

// Conventions: instants are INTEGER seconds since the Unix epoch (UTC); civil dates are TEXT
// 'YYYY-MM-DD' (they sort and compare as dates); times of day are INTEGER minutes after
// midnight; money is INTEGER won; lists are JSON arrays in TEXT.
constexpr std::string_view v1 = R"sql(
CREATE TABLE branches (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 16),
  name_ko        TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  phones         TEXT NOT NULL DEFAULT '[]',
  address_ko     TEXT NOT NULL DEFAULT '',
  address_en     TEXT NOT NULL DEFAULT '',
  zone           TEXT NOT NULL DEFAULT 'Asia/Seoul',
  open_min       INTEGER NOT NULL DEFAULT 540,
  close_min      INTEGER NOT NULL DEFAULT 1080,
  eve_pickup_min INTEGER NOT NULL DEFAULT 1020,
  return_by_min  INTEGER NOT NULL DEFAULT 1020,
  cutoff_min     INTEGER NOT NULL DEFAULT 1020,
  horizon_days   INTEGER NOT NULL DEFAULT 30 CHECK (horizon_days BETWEEN 0 AND 366),
  active         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE saturday_seasons (
  id        INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  from_date TEXT NOT NULL,
  to_date   TEXT NOT NULL,
  CHECK (from_date <= to_date)
);
CREATE INDEX saturday_seasons_by_branch ON saturday_seasons(branch_id);

-- Ad-hoc closures and extra openings of one branch (DOMAIN.md §2).
CREATE TABLE closures (
  id            INTEGER PRIMARY KEY,
  branch_id     INTEGER NOT NULL REFERENCES branches(id),
  date          TEXT NOT NULL,
  extra_opening INTEGER NOT NULL DEFAULT 0,
  note          TEXT NOT NULL DEFAULT '',
  UNIQUE (branch_id, date)
);

-- Public holidays added or removed by an admin on top of common/data/holidays_kr.csv.
CREATE TABLE holiday_overrides (
  date    TEXT PRIMARY KEY,
  removed INTEGER NOT NULL DEFAULT 0,
  name_ko TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT ''
);
-- Years an admin declared complete (all their holidays entered) beyond the shipped data.
CREATE TABLE known_years (year INTEGER PRIMARY KEY);

CREATE TABLE machine_types (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
  name_ko        TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  daily_fee      INTEGER NOT NULL CHECK (daily_fee BETWEEN 0 AND 100000000),
  max_days       INTEGER NOT NULL DEFAULT 3 CHECK (max_days BETWEEN 1 AND 31),
  needs_training INTEGER NOT NULL DEFAULT 0,
  needs_approval INTEGER NOT NULL DEFAULT 0,
  checklist      TEXT NOT NULL DEFAULT '[]',
  active         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  tag        TEXT NOT NULL UNIQUE,
  type_id    INTEGER NOT NULL REFERENCES machine_types(id),
  branch_id  INTEGER NOT NULL REFERENCES branches(id),
  status     TEXT NOT NULL DEFAULT 'available'
             CHECK (status IN ('available', 'out', 'cleaning', 'maintenance', 'retired')),
  hour_meter REAL NOT NULL DEFAULT 0 CHECK (hour_meter >= 0),
  notes      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_by_branch_type ON units(branch_id, type_id, status);

CREATE TABLE farmer_categories (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL UNIQUE,
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent BETWEEN -100 AND 100)
);

CREATE TABLE farmers (
  id                    INTEGER PRIMARY KEY,
  phone                 TEXT NOT NULL UNIQUE,
  name                  TEXT NOT NULL,
  farm_id               TEXT,
  district              TEXT,
  training_completed_on TEXT,
  suspended_until       TEXT,
  suspension_reason     TEXT,
  created_at            INTEGER NOT NULL
);

CREATE TABLE farmer_category_members (
  farmer_id   INTEGER NOT NULL REFERENCES farmers(id),
  category_id INTEGER NOT NULL REFERENCES farmer_categories(id),
  PRIMARY KEY (farmer_id, category_id)
);

CREATE TABLE discounts (
  id        INTEGER PRIMARY KEY,
  name_ko   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  percent   INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  from_date TEXT NOT NULL,
  to_date   TEXT NOT NULL,
  branches  TEXT NOT NULL DEFAULT '[]',
  types     TEXT NOT NULL DEFAULT '[]',
  active    INTEGER NOT NULL DEFAULT 1,
  CHECK (from_date <= to_date)
);

CREATE TABLE reservations (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  branch_id       INTEGER NOT NULL REFERENCES branches(id),
  type_id         INTEGER NOT NULL REFERENCES machine_types(id),
  farmer_id       INTEGER NOT NULL REFERENCES farmers(id),
  farmer_name     TEXT NOT NULL,
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL,
  -- The agreed plan (DOMAIN.md §4), stored so later calendar edits do not change it.
  eve             INTEGER NOT NULL,
  pickup_from     INTEGER NOT NULL,
  pickup_to       INTEGER NOT NULL,
  return_by       INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'checked_out',
                  'returned', 'rejected', 'cancelled', 'no_show')),
  channel         TEXT NOT NULL CHECK (channel IN ('web', 'phone', 'counter')),
  -- The agreed price (DOMAIN.md §7), stored so later policy edits do not change it.
  daily_fee       INTEGER NOT NULL,
  fee_gross       INTEGER NOT NULL,
  fee_discount    INTEGER NOT NULL,
  fee_surcharge   INTEGER NOT NULL,
  fee_net         INTEGER NOT NULL,
  fee_days        TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  created_by      TEXT NOT NULL,
  unit_id         INTEGER REFERENCES units(id),
  checked_out_at  INTEGER,
  hour_meter_out  REAL,
  checklist_out   TEXT,
  paid            INTEGER,
  override_reason TEXT,
  returned_at     INTEGER,
  hour_meter_in   REAL,
  checklist_in    TEXT,
  damage_notes    TEXT,
  farmer_at_fault INTEGER,
  late_days       INTEGER,
  late_fee        INTEGER,
  status_reason   TEXT,
  reminder_queued INTEGER NOT NULL DEFAULT 0,
  overdue_noticed INTEGER NOT NULL DEFAULT 0,
  CHECK (start_date <= end_date),
  CHECK (pickup_from < return_by)
);
-- Live reservations only (partial indexes): booking and availability cost does not grow with
-- the number of past reservations.
CREATE INDEX reservations_live_occupancy ON reservations(branch_id, type_id, return_by)
  WHERE status IN ('requested', 'confirmed', 'checked_out');
CREATE INDEX reservations_live_by_farmer ON reservations(farmer_id)
  WHERE status IN ('requested', 'confirmed', 'checked_out');
CREATE INDEX reservations_pending_pickup ON reservations(pickup_to)
  WHERE status IN ('requested', 'confirmed');
CREATE INDEX reservations_by_farmer ON reservations(farmer_id, created_at);
CREATE INDEX reservations_by_branch_start ON reservations(branch_id, start_date);
CREATE INDEX reservations_by_created ON reservations(created_at, id);

-- Append-only history of every change: who, when, from which channel (DOMAIN.md §6).
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  actor          TEXT NOT NULL,
  role           TEXT NOT NULL,
  channel        TEXT NOT NULL,
  action         TEXT NOT NULL,
  reservation_id INTEGER REFERENCES reservations(id),
  entity         TEXT NOT NULL DEFAULT '',
  entity_key     TEXT NOT NULL DEFAULT '',
  details        TEXT NOT NULL DEFAULT '{}',
  address        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_reservation ON audit_log(reservation_id) WHERE reservation_id IS NOT NULL;
CREATE INDEX audit_log_by_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE strikes (
  id             INTEGER PRIMARY KEY,
  farmer_id      INTEGER NOT NULL REFERENCES farmers(id),
  reservation_id INTEGER REFERENCES reservations(id),
  at             INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('no_show', 'late_return', 'damage'))
);
CREATE INDEX strikes_by_farmer ON strikes(farmer_id, at);

CREATE TABLE staff_users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'clerk')),
  branch_id     INTEGER REFERENCES branches(id),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  CHECK (role <> 'clerk' OR branch_id IS NOT NULL)
);

-- Sessions by the SHA-256 of their secret id (a stolen database does not yield live sessions).
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES staff_users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE login_failures (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at  INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures(key, at);

-- Messages to farmers' phones (DOMAIN.md §9), written in the same transaction as their cause.
CREATE TABLE outbox (
  id             INTEGER PRIMARY KEY,
  created_at     INTEGER NOT NULL,
  reservation_id INTEGER REFERENCES reservations(id),
  phone          TEXT NOT NULL,
  kind           TEXT NOT NULL,
  body           TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  next_attempt   INTEGER NOT NULL,
  last_error     TEXT,
  sent_at        INTEGER
);
CREATE INDEX outbox_pending ON outbox(next_attempt) WHERE status = 'pending';
CREATE INDEX outbox_by_reservation ON outbox(reservation_id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Issue 6: a clerk's day sheet reads pickups, returns and overdue machines of one branch through
// indexes of live rows only, so it does not slow down as past reservations pile up. The index of
// live occupancies also carries every column the capacity check, availability and the at-risk
// sweep read, so they never visit the table (a covering index).
constexpr std::string_view v2 = R"sql(
DROP INDEX reservations_live_occupancy;
CREATE INDEX reservations_live_occupancy
  ON reservations(branch_id, type_id, return_by, pickup_from, status, created_at)
  WHERE status IN ('requested', 'confirmed', 'checked_out');
CREATE INDEX reservations_pickups ON reservations(branch_id, pickup_from)
  WHERE status IN ('requested', 'confirmed');
CREATE INDEX reservations_out ON reservations(branch_id, return_by)
  WHERE status = 'checked_out';
)sql";

// Issue 15 (DOMAIN.md §17): a type's purchase price fixes its statutory fee band; the table of
// bands is copied from common/data/fee_bands_kr.csv on the first start and edited by admins.
constexpr std::string_view v3 = R"sql(
ALTER TABLE machine_types ADD COLUMN purchase_price INTEGER
  CHECK (purchase_price IS NULL OR purchase_price >= 0);
CREATE TABLE fee_bands (
  price_from INTEGER PRIMARY KEY CHECK (price_from >= 0),
  price_to   INTEGER CHECK (price_to IS NULL OR price_to > price_from),
  daily_fee  INTEGER NOT NULL CHECK (daily_fee > 0)
);
)sql";

// Issue 15, delivery (DOMAIN.md §15): types may be deliverable; a branch delivers when its
// delivery_area (a JSON array of 읍·면·동 names) is not NULL; a reservation stores what it asked
// for and its delivery fee (also included in fee_net), so reports can split the revenue.
constexpr std::string_view v4 = R"sql(
ALTER TABLE machine_types ADD COLUMN deliverable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE branches ADD COLUMN delivery_area TEXT;
ALTER TABLE branches ADD COLUMN delivery_one_way_fee INTEGER NOT NULL DEFAULT 0;
ALTER TABLE branches ADD COLUMN delivery_round_trip_fee INTEGER NOT NULL DEFAULT 0;
ALTER TABLE branches ADD COLUMN delivery_lead_days INTEGER NOT NULL DEFAULT 3;
ALTER TABLE branches ADD COLUMN delivery_from_min INTEGER NOT NULL DEFAULT 540;
ALTER TABLE branches ADD COLUMN delivery_to_min INTEGER NOT NULL DEFAULT 1080;
ALTER TABLE reservations ADD COLUMN delivery_mode TEXT
  CHECK (delivery_mode IN ('one_way', 'round_trip'));
ALTER TABLE reservations ADD COLUMN delivery_address TEXT;
ALTER TABLE reservations ADD COLUMN delivery_area TEXT;
ALTER TABLE reservations ADD COLUMN delivery_fee INTEGER NOT NULL DEFAULT 0;
-- The run sheet (deliveries_between) reads the few live reservations with delivery of one
-- branch, not every live one.
CREATE INDEX reservations_deliveries ON reservations(branch_id, pickup_from)
  WHERE delivery_mode IS NOT NULL AND status IN ('requested', 'confirmed', 'checked_out');
)sql";

// Issue 15, group rentals (DOMAIN.md §16): types may allow group rentals; farmer groups with a
// representative and members (farmers); a group booking stores its group.
constexpr std::string_view v5 = R"sql(
ALTER TABLE machine_types ADD COLUMN group_rental INTEGER NOT NULL DEFAULT 0;
CREATE TABLE farmer_groups (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE,
  representative_id INTEGER NOT NULL REFERENCES farmers(id),
  created_at        INTEGER NOT NULL
);
CREATE TABLE farmer_group_members (
  group_id  INTEGER NOT NULL REFERENCES farmer_groups(id) ON DELETE CASCADE,
  farmer_id INTEGER NOT NULL REFERENCES farmers(id),
  PRIMARY KEY (group_id, farmer_id)
);
ALTER TABLE reservations ADD COLUMN group_id INTEGER REFERENCES farmer_groups(id);
CREATE INDEX reservations_group ON reservations(group_id, type_id) WHERE group_id IS NOT NULL;
)sql";

// Issue 14, the waitlist (DOMAIN.md §13): entries served first come, first served per branch
// and type (by id); an offered entry holds the occupancy [hold_from, hold_to) against capacity
// until offer_expires_at.
constexpr std::string_view v_waitlist = R"sql(
CREATE TABLE waitlist (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  branch_id        INTEGER NOT NULL REFERENCES branches(id),
  type_id          INTEGER NOT NULL REFERENCES machine_types(id),
  start_date       TEXT NOT NULL,
  end_date         TEXT NOT NULL,
  farmer_name      TEXT NOT NULL,
  phone            TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'declined',
                   'lapsed', 'cancelled')),
  channel          TEXT NOT NULL CHECK (channel IN ('web', 'phone', 'counter')),
  created_by       TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  offer_expires_at INTEGER,
  hold_from        INTEGER,
  hold_to          INTEGER,
  reservation_id   INTEGER REFERENCES reservations(id)
);
CREATE INDEX waitlist_queue ON waitlist(branch_id, type_id, id)
  WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_phone ON waitlist(phone) WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_offers ON waitlist(offer_expires_at) WHERE status = 'offered';
)sql";

// Issue 14, half days (DOMAIN.md §11): types may allow half days; each branch has a morning and
// an afternoon slot (minutes after midnight); a half-day reservation stores its slot ('am' or
// 'pm'; NULL for whole days). Its occupancy is the slot, in pickup_from and return_by as always.
constexpr std::string_view v_half_day = R"sql(
ALTER TABLE machine_types ADD COLUMN half_day INTEGER NOT NULL DEFAULT 0;
ALTER TABLE branches ADD COLUMN half_am_from_min INTEGER NOT NULL DEFAULT 540;
ALTER TABLE branches ADD COLUMN half_am_to_min INTEGER NOT NULL DEFAULT 780;
ALTER TABLE branches ADD COLUMN half_pm_from_min INTEGER NOT NULL DEFAULT 840;
ALTER TABLE branches ADD COLUMN half_pm_to_min INTEGER NOT NULL DEFAULT 1080;
ALTER TABLE reservations ADD COLUMN half TEXT CHECK (half IN ('am', 'pm'));
)sql";

// Issue 14, verified phones (DOMAIN.md §14): one-time codes and the verifications they give,
// both only as keyed hashes (hex) (server/app/phone_verification.hpp); a reservation records
// whether its phone was verified or staff made it (strikes only then). Reservations made before
// this migration keep their strikes (DEFAULT 1).
constexpr std::string_view v_phones = R"sql(
CREATE TABLE phone_codes (
  id         INTEGER PRIMARY KEY,
  phone      TEXT NOT NULL,
  salt       TEXT NOT NULL,
  code_hash  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  tries      INTEGER NOT NULL DEFAULT 0,
  dead       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX phone_codes_by_phone ON phone_codes(phone, created_at);
CREATE TABLE phone_verifications (
  token_hash TEXT PRIMARY KEY,
  phone      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX phone_verifications_expiry ON phone_verifications(expires_at);
ALTER TABLE reservations ADD COLUMN phone_verified INTEGER NOT NULL DEFAULT 1;
)sql";

// Issue 14, the morning after: one signing key for the pages' grants and the verified-phone
// cookie, shared by every server on the database and kept across restarts (hex; made at the
// first start: phone_repository::server_secret); and a waitlist entry may wait for a half day
// ('am' or 'pm' of its one day; NULL for whole days), its hold then being the slot.
constexpr std::string_view v_secrets_half_wait = R"sql(
CREATE TABLE server_secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
ALTER TABLE waitlist ADD COLUMN half TEXT CHECK (half IN ('am', 'pm'));
)sql";

constexpr std::array<std::string_view, 9> all{
    v1, v2, v3, v4, v5, v_waitlist, v_half_day, v_phones, v_secrets_half_wait};

} // namespace

std::span<const std::string_view> migrations() noexcept {
    return all;
}

} // namespace agrirent::storage::sqlite
