#!/usr/bin/env bash
# Installs what is missing, builds (Release), and starts agrirent with the demo data on an embedded
# SQLite file (data/agrirent.db), printing the URL. The README's first command. Running it again
# keeps the data. Extra arguments go to the server (e.g. --port 8081); so do AGRIRENT_* variables.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}"

build="${AGRIRENT_BUILD_DIR:-$root/build}"
echo "==> building the server ($build; the tests are built by scripts/test.sh)"
AGRIRENT_BUILD_TARGETS=agrirent-server build_tree "$build" Release

mkdir -p data
echo "==> starting agrirent (Ctrl-C stops it; the data stays in data/agrirent.db)"
exec "$build/agrirent-server" --db "${AGRIRENT_DB:-data/agrirent.db}" --demo "$@"
