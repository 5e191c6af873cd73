#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmark (issue 12).
#
#   scripts/pg_cluster.sh start DIR [PORT]  initdb into DIR/data, start it on 127.0.0.1:PORT (a
#                                          free port when not given) with its socket in DIR, and
#                                          print its base URI
#                                          postgresql://postgres@127.0.0.1:PORT/postgres
#                                          (the maintenance database; tests CREATE DATABASE).
#   scripts/pg_cluster.sh uri DIR          print the URI of the cluster in DIR again.
#   scripts/pg_cluster.sh crash DIR        pg_ctl stop -m immediate: the server processes quit
#                                          without a checkpoint, as after a power cut of the
#                                          database (WAL recovery at the next start). DIR stays.
#   scripts/pg_cluster.sh resume DIR       start the cluster in DIR again, on the same port.
#   scripts/pg_cluster.sh restart-immediate DIR   crash, then resume.
#   scripts/pg_cluster.sh stop DIR         pg_ctl stop -m fast, then remove DIR (also when the
#                                          cluster is not running). Idempotent.
#
# Use from a script with a trap, so the cluster goes on success and on failure:
#   dir=$(mktemp -d); trap 'scripts/pg_cluster.sh stop "$dir"' EXIT
#   export AGRIRENT_TEST_PG=$(scripts/pg_cluster.sh start "$dir")
#
# Who runs PostgreSQL: it refuses to run as root. As root, every PostgreSQL program runs as the
# unprivileged system user `postgres` (runuser; Debian's `postgresql` package creates the user,
# and this script creates it with useradd if it is missing) and DIR is chown'ed to it, so DIR
# must be in a place `postgres` can reach (e.g. under /tmp, not under /root). As any other user,
# the cluster runs as that user (no sudo needed); the database superuser is called `postgres`
# either way (initdb -U postgres). Authentication is `trust`, on the loopback address and the
# socket in DIR only: never use this cluster for anything but tests.
#
# Settings: fsync and synchronous_commit on (a 201 must mean a durable commit, as in production),
# the C locale with UTF-8 (byte order like SQLite's BINARY collation), max_connections 300 (several
# servers with their pools, and the tests' own connections). The PostgreSQL binaries come from
# Debian's `postgresql` package (installed here if missing; /usr/lib/postgresql/<major>/bin).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2

# The newest installed PostgreSQL's bin directory.
pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    ensure_packages postgresql >&2
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -x "$d/initdb" ] || { echo "pg_cluster.sh: no initdb after installing postgresql" >&2; exit 1; }
  echo "$d"
}

# Runs "$@" as the cluster's user: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_owner() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! getent passwd postgres >/dev/null; then
    echo "pg_cluster.sh: creating the system user postgres" >&2
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

port_free() {
  [ -z "$(ss -Htln "( sport = :$1 )" 2>/dev/null)" ]
}

# Starts the cluster in $dir on port $1; returns non-zero if it did not come up.
start_on() {
  local port=$1 bin=$2
  echo "$port" >"$dir/port"
  as_owner "$bin/pg_ctl" start -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 -s \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" >&2
}

uri_of() {
  echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
}

case $cmd in
  start)
    bin=$(pg_bin)
    ensure_owner
    mkdir -p "$dir"
    if [ -e "$dir/data" ]; then
      echo "pg_cluster.sh: $dir/data exists already (use resume)" >&2
      exit 1
    fi
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    chmod 700 "$dir"
    # --no-sync: only initdb's own final flush of the new files (a crash of the machine during
    # the tests is not a case); the running server has fsync on.
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
      --no-instructions >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    cat >>"$dir/data/postgresql.conf" <<EOF
# scripts/pg_cluster.sh
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 300
log_min_messages = warning
log_line_prefix = '%m [%p] '
EOF
    if [ $# -ge 3 ]; then
      start_on "$3" "$bin" || { tail -n 20 "$dir/postgresql.log" >&2; exit 1; }
    else
      # A free port among 40000–59999, at random so that parallel runs rarely collide; another
      # process may take it between the check and the start: then the next one.
      started=0
      for _ in $(seq 30); do
        port=$((40000 + RANDOM % 20000))
        port_free "$port" || continue
        if start_on "$port" "$bin" 2>/dev/null; then
          started=1
          break
        fi
      done
      if [ "$started" != 1 ]; then
        echo "pg_cluster.sh: the cluster did not start; its log:" >&2
        tail -n 20 "$dir/postgresql.log" >&2
        exit 1
      fi
    fi
    uri_of
    ;;
  uri)
    uri_of
    ;;
  crash)
    bin=$(pg_bin)
    as_owner "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 60 -s >&2
    ;;
  resume)
    bin=$(pg_bin)
    start_on "$(cat "$dir/port")" "$bin" || { tail -n 20 "$dir/postgresql.log" >&2; exit 1; }
    ;;
  restart-immediate)
    "$0" crash "$dir"
    "$0" resume "$dir"
    ;;
  stop)
    if [ -d "$dir" ]; then
      if [ -f "$dir/data/postmaster.pid" ]; then
        bin=$(pg_bin)
        as_owner "$bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 -s >&2 ||
          as_owner "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 60 -s >&2 || true
      fi
      rm -rf "$dir"
    fi
    ;;
  *)
    usage
    ;;
esac
