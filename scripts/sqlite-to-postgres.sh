#!/usr/bin/env bash
# Copies an office's data from an agrirent SQLite file into a PostgreSQL database
# (docs/deployment.md, "From SQLite to PostgreSQL").
#
# Usage: scripts/sqlite-to-postgres.sh <sqlite-file> <postgresql-uri>
#   e.g. scripts/sqlite-to-postgres.sh /var/lib/agrirent/agrirent.db \
#            postgresql://agrirent@db1.example.org/agrirent
#
# Stop every agrirent-server that writes to the SQLite file first: what is written after the
# snapshot below is not copied. The target database must exist and hold no agrirent data
# (`createdb -O agrirent agrirent`); its schema is created here by the server itself.
#
# Steps, and why:
#  1. A consistent snapshot of the SQLite file (`agrirent-server --backup-to`, the online
#     backup), brought to the binary's schema version (`--migrate-only`): both sides then have
#     the same tables and columns (the PostgreSQL schema uses SQLite's names, issue 12).
#  2. `agrirent-server --db <uri> --migrate-only` creates the PostgreSQL schema; every table to
#     be copied must then be empty there.
#  3. Every table in foreign-key order, SQLite → CSV (NULL as an unquoted empty field, every
#     value quoted, REAL with 17 significant digits so doubles round-trip) → psql `\copy`, all
#     in ONE transaction: it all arrives, or nothing does.
#  4. In the same transaction, each identity/serial sequence is set past max(id), so new rows
#     get fresh ids.
#  5. After the commit, the row count of every table is compared (SQLite snapshot = PostgreSQL).
#
# Needs: sqlite3 (Debian `sqlite3`), psql (`postgresql-client`), and agrirent-server of the same
# version as the servers that will use the PostgreSQL database: $AGRIRENT_SERVER, else
# build/agrirent-server beside this script's repository, else agrirent-server on PATH.
set -euo pipefail

die() {
  echo "sqlite-to-postgres: $*" >&2
  exit 1
}

[ $# -eq 2 ] || die "usage: $0 <sqlite-file> <postgresql-uri>"
src=$1
uri=$2
[ -f "$src" ] || die "no SQLite file at $src"
case "$uri" in
postgresql://* | postgres://*) ;;
*) die "the target must be a PostgreSQL URI (postgresql://user@host:port/dbname), not '$uri'" ;;
esac
command -v sqlite3 >/dev/null || die "sqlite3 is missing (Debian: apt-get install sqlite3)"
command -v psql >/dev/null || die "psql is missing (Debian: apt-get install postgresql-client)"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
server=${AGRIRENT_SERVER:-}
if [ -z "$server" ]; then
  if [ -x "$here/../build/agrirent-server" ]; then
    server="$here/../build/agrirent-server"
  else
    server=$(command -v agrirent-server) || die "agrirent-server not found: set AGRIRENT_SERVER"
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PGCLIENTENCODING=UTF8

sq() { sqlite3 -batch -bail "$work/snapshot.db" "$@"; }
pg() { psql "$uri" -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# --- 1. the snapshot --------------------------------------------------------------------------
echo "==> snapshot of $src"
"$server" --db "$src" --backup-to "$work/snapshot.db" >/dev/null
"$server" --db "$work/snapshot.db" --migrate-only >/dev/null
[ "$(sq 'PRAGMA quick_check')" = ok ] || die "the snapshot of $src fails PRAGMA quick_check"

# --- 2. the target's schema ---------------------------------------------------------------------
echo "==> schema on the PostgreSQL database"
"$server" --db "$uri" --migrate-only

# The tables, parents before children (each table's foreign keys point to tables listed
# before it).
mapfile -t tables < <(sq "SELECT name FROM sqlite_schema WHERE type = 'table'
                          AND name NOT LIKE 'sqlite_%' ORDER BY name")
[ ${#tables[@]} -gt 0 ] || die "no tables in $src"
declare -A parents=() # table → its foreign keys' tables, space-separated
while IFS='|' read -r child parent; do
  [ "$child" != "$parent" ] && parents[$child]+=" $parent"
done < <(sq "SELECT m.name, f.\"table\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table'")
ordered=()
declare -A placed=()
while [ ${#ordered[@]} -lt ${#tables[@]} ]; do
  progress=0
  for t in "${tables[@]}"; do
    [ -n "${placed[$t]:-}" ] && continue
    ready=1
    for parent in ${parents[$t]:-}; do
      [ -n "${placed[$parent]:-}" ] || ready=0
    done
    if [ $ready = 1 ]; then
      ordered+=("$t")
      placed[$t]=1
      progress=1
    fi
  done
  [ $progress = 1 ] || die "circular foreign keys among the tables of $src"
done

# Row counts of every table, as "table|count" lines, on PostgreSQL ($1 = pg) or SQLite (sq).
counts() {
  local q="" t
  for t in "${ordered[@]}"; do
    q+="${q:+ UNION ALL }SELECT '$t', count(*) FROM \"$t\""
  done
  if [ "$1" = pg ]; then pg -c "$q"; else sq "$q"; fi
}

# Every table must exist on PostgreSQL, with every column, and be empty.
pg_columns=$(pg -c "SELECT table_name || '.' || column_name FROM information_schema.columns
                    WHERE table_schema = current_schema()")
for t in "${ordered[@]}"; do
  grep -q "^$t\." <<<"$pg_columns" ||
    die "table $t is missing on PostgreSQL: is the server of the same version?"
  blob_check="0"
  while IFS= read -r col; do
    grep -qxF -- "$t.$col" <<<"$pg_columns" || die "column $t.$col is missing on PostgreSQL"
    blob_check+=" OR typeof(\"$col\") = 'blob'"
  done < <(sq "SELECT name FROM pragma_table_info('$t') ORDER BY cid")
  blobs=$(sq "SELECT count(*) FROM \"$t\" WHERE $blob_check")
  [ "$blobs" = 0 ] || die "$t holds binary values: not an agrirent database?"
done
while IFS='|' read -r t rows; do
  [ "$rows" = 0 ] || die "the PostgreSQL database already holds data ($t: $rows rows):" \
    "copy into a new, empty database"
done < <(counts pg)

# --- 3. export, and the load script -------------------------------------------------------------
echo "==> export"
load="$work/load.sql"
{
  echo "\\set ON_ERROR_STOP on"
  echo "BEGIN;"
} >"$load"
for t in "${ordered[@]}"; do
  mapfile -t cols < <(sq "SELECT name FROM pragma_table_info('$t') ORDER BY cid")
  select=""
  list=""
  for c in "${cols[@]}"; do
    # Unquoted empty = NULL; anything else quoted, so '' stays an empty string.
    field="CASE typeof(\"$c\") WHEN 'null' THEN ''
             WHEN 'real' THEN '\"' || printf('%!.17g', \"$c\") || '\"'
             ELSE '\"' || replace(CAST(\"$c\" AS TEXT), '\"', '\"\"') || '\"' END"
    select+="${select:+ || ',' || }$field"
    list+="${list:+, }\"$c\""
  done
  # ORDER BY rowid for tables that have one (all of agrirent's), so ids load in order.
  order=$(sq "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_schema WHERE name = '$t'
                AND sql LIKE '%WITHOUT ROWID%') THEN '' ELSE 'ORDER BY rowid' END")
  sq "SELECT $select FROM \"$t\" $order" >"$work/$t.csv"
  echo "\\copy \"$t\" ($list) FROM '$work/$t.csv' WITH (FORMAT csv)" >>"$load"
done
# --- 4. sequences past max(id), in the same transaction -----------------------------------------
table_array=$(printf "'%s'," "${ordered[@]}")
cat >>"$load" <<SQL
DO \$\$
DECLARE r record; seq text;
BEGIN
  FOR r IN SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = ANY (ARRAY[${table_array%,}])
  LOOP
    seq := pg_get_serial_sequence(quote_ident(r.table_name), r.column_name);
    IF seq IS NOT NULL THEN
      EXECUTE format('SELECT setval(%L, (SELECT COALESCE(max(%I), 0) + 1 FROM %I), false)',
                     seq, r.column_name, r.table_name);
    END IF;
  END LOOP;
END
\$\$;
COMMIT;
SQL

echo "==> copy into PostgreSQL (one transaction)"
psql "$uri" -X -q -v ON_ERROR_STOP=1 -f "$load" >/dev/null

# --- 5. verification ----------------------------------------------------------------------------
echo "==> row counts"
bad=0
declare -A in_sqlite=() in_pg=()
while IFS='|' read -r t rows; do in_sqlite[$t]=$rows; done < <(counts sq)
while IFS='|' read -r t rows; do in_pg[$t]=$rows; done < <(counts pg)
printf '%-26s %10s %10s\n' table sqlite postgresql
for t in "${ordered[@]}"; do
  mark=""
  if [ "${in_sqlite[$t]:-?}" != "${in_pg[$t]:-??}" ]; then
    mark="  MISMATCH"
    bad=1
  fi
  printf '%-26s %10s %10s%s\n' "$t" "${in_sqlite[$t]:-?}" "${in_pg[$t]:-?}" "$mark"
done
[ $bad = 0 ] || die "row counts differ (see above)"
echo "sqlite-to-postgres: copied ${#ordered[@]} tables from $src; every row count matches"
