#!/bin/sh
# Regenerates common/data/holidays_kr.csv from the npm package @hyunbinseo/holidays-kr
# (DOMAIN.md §2). Usage: scripts/update_holidays.sh [version]   (default: latest)
#
# The package is installed into a temporary folder, never into the repository; the build and the
# tests only read the generated CSV and never need node or npm. Running it twice against the same
# package version gives a byte-identical file.
set -eu

version=${1:-latest}
repo=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
out="$repo/common/data/holidays_kr.csv"

command -v node >/dev/null 2>&1 || { echo "update_holidays: node is required" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "update_holidays: npm is required" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/agrirent-holidays.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
trap 'exit 1' HUP INT TERM

cp -- "$repo/scripts/update_holidays.mjs" "$work/"
(
    cd -- "$work"
    printf '{"name":"agrirent-holidays-update","private":true,"type":"module"}\n' >package.json
    npm install --no-audit --no-fund --no-save --loglevel=error \
        "@hyunbinseo/holidays-kr@$version" >/dev/null
    # Write next to the package first, so a failed run leaves the committed file untouched.
    node update_holidays.mjs "$work/holidays_kr.csv"
)
mv -- "$work/holidays_kr.csv" "$out"
