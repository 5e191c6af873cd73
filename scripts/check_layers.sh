#!/usr/bin/env bash
# Checks the layering of docs/architecture.md with grep: every check prints what breaks a rule,
# and the script fails if any printed something. Run from anywhere; CTest runs it as the test
# "layers: …" (label `layers`, tests/CMakeLists.txt).
#
#   scripts/check_layers.sh          # all checks, exit 1 on any finding
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

failed=0

# check "what the rule is" command…: runs the command; anything it prints is a finding.
check() {
    local rule=$1
    shift
    local found
    found=$("$@" 2>/dev/null)
    if [[ -n $found ]]; then
        printf 'FAIL: %s\n%s\n\n' "$rule" "$found"
        failed=1
    else
        printf 'ok:   %s\n' "$rule"
    fi
}

# Names of the types the storage headers declare (records, filters, the port's classes): using
# them in an adapter is fine (they reach it through service headers), calling storage is not.
storage_types() {
    grep -hoE '^(struct|class|enum class|using) [a-z_][a-z0-9_]*' server/storage/*.hpp |
        awk '{print $NF}' | sort -u
}

# `storage::name(` where name is not a type: a call into storage.
storage_calls() {
    local types
    types=$(storage_types | paste -sd'|')
    grep -rnE '\bstorage::[a-z_][a-z0-9_]*[[:space:]]*\(' "$@" |
        grep -vE "\bstorage::(${types})[[:space:]]*\("
}

check "api/ and pages/ include no storage header" \
    grep -rn '#include "server/storage/' server/api server/pages
check "api/ does not include pages/" \
    grep -rn '#include "server/pages/' server/api
check "pages/ does not include api/" \
    grep -rn '#include "server/api/' server/pages
check "no HTTP status literal in api/, pages/, app/ (the table in server/http/errors.cpp)" \
    grep -rnE 'api_error\{ *[0-9]|error_response\( *[0-9]' server/api server/pages server/app
check "pages/ does not call the API in process (server/pages/inprocess_api.cpp is gone)" \
    ls server/pages/inprocess_api.cpp
check "api/ and pages/ open no unit of work" \
    grep -rn 'begin(storage::access' server/api server/pages
check "api/ and pages/ call no storage function" \
    storage_calls server/api server/pages
check "api/ and pages/ do not reach the database of the services" \
    grep -rnE '\bdb[[:space:]]*(\.|->)[[:space:]]*(begin|write_grouped|backup_to|ping|data_version)\b' \
    server/api server/pages
check "only server/storage/sqlite/ includes sqlite3.h" \
    bash -c "grep -rlE 'sqlite3?\.h' server | grep -v '^server/storage/sqlite/'"
check "only server/storage/sqlite/ names the SQLite RAII layer (db::)" \
    bash -c "grep -rnE '\bdb::' server | grep -v '^server/storage/sqlite/'"
check "only server/storage/postgres/ includes libpq-fe.h" \
    bash -c "grep -rlE 'libpq-fe\.h' server | grep -v '^server/storage/postgres/'"
check "only server/storage/postgres/ names the libpq RAII layer (pg::)" \
    bash -c "grep -rnE '\bpg::' server | grep -v '^server/storage/postgres/'"
check "server/storage/sql/ (the queries shared by the engines) includes no engine's header" \
    grep -rnE '#include [<"](server/storage/(sqlite|postgres)/|sqlite3\.h|libpq-fe\.h)' server/storage/sql
check "only server/storage/ and its engines include server/storage/sql/" \
    bash -c "grep -rln '#include \"server/storage/sql/' server | grep -vE '^server/storage/(sql|sqlite|postgres)/'"

exit "$failed"
