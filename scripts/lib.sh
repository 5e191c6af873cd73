# Shared by scripts/run.sh and scripts/test.sh. Source it; do not run it.

# The Debian packages the build needs (README: which library does what).
AGRIRENT_BUILD_PACKAGES=(
  build-essential cmake pkg-config tzdata
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-program-options1.81-dev
  libsqlite3-dev libhowardhinnant-date-dev libsodium-dev libkainjow-mustache-dev catch2
  zlib1g-dev libpq-dev
)

agrirent_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# Installs the Debian packages among "$@" that are missing (apt-get, as root or with sudo).
ensure_packages() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The browser tests (tests/browser, issue 5): Debian's Chromium, and a Korean font so that the
# screenshots show Hangul (the pages themselves ask for system fonts only).
AGRIRENT_BROWSER_PACKAGES=(chromium fonts-nanum)

# Node.js and npm for the browser tests. Checked by command, not by package: node may come from
# elsewhere than Debian (NodeSource's nodejs brings npm, and then dpkg does not list "npm").
ensure_node() {
  command -v node >/dev/null 2>&1 || ensure_packages nodejs
  command -v npm >/dev/null 2>&1 || ensure_packages npm
  check_node_version
}

# The oldest Node.js the browser tests run on: Debian 12's nodejs (18.19.0). It must match the
# "engines" of tests/browser/package.json and of the playwright-core release locked there
# (1.61.1 is the last that accepts Node 18; 1.62 and later want 20).
AGRIRENT_NODE_MIN_MAJOR=18

# Fails with a message that says what is wrong and what to do when `node` is too old (or broken).
check_node_version() {
  local version major
  if ! version=$(node -p 'process.versions.node' 2>/dev/null); then
    echo "error: '$(command -v node)' does not run (node -p failed); the browser tests need Node.js" \
      ">= $AGRIRENT_NODE_MIN_MAJOR (Debian 12: apt-get install nodejs npm)" >&2
    return 1
  fi
  major=${version%%.*}
  if ! [[ $major =~ ^[0-9]+$ ]] || [ "$major" -lt "$AGRIRENT_NODE_MIN_MAJOR" ]; then
    echo "error: the browser tests need Node.js >= $AGRIRENT_NODE_MIN_MAJOR, but '$(command -v node)'" \
      "is $version. Install Debian 12's nodejs (18.19) or newer, or put a newer node first on PATH." >&2
    return 1
  fi
  echo "==> node $version ($(command -v node)), npm $(npm --version 2>/dev/null || echo '?')"
}

# Runs the browser tests in $1 one file after another (one Chromium and one server at a time:
# `node --test --test-concurrency=1` would say the same, but Node 18 does not know that option).
run_browser_tests() {
  local dir=$1 server=$2 f
  for f in "$dir"/*.test.mjs; do
    echo "==> node --test $(basename "$f")"
    (cd "$dir" && AGRIRENT_SERVER="$server" node --test "$(basename "$f")")
  done
}

# npm ci in $1 when its node_modules is missing or older than its package-lock.json. No browser
# is ever downloaded: playwright-core ships none, and the tests launch /usr/bin/chromium.
ensure_npm_deps() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "==> npm ci ($dir)"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

# Configures and builds into $1 with build type $2 (extra cmake arguments follow). With
# AGRIRENT_BUILD_TARGETS set (space-separated), builds only those targets and what they need.
build_tree() {
  local dir=$1 type=$2
  shift 2
  local root
  root=$(agrirent_root)
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  local targets=()
  if [ -n "${AGRIRENT_BUILD_TARGETS:-}" ]; then
    read -r -a targets <<<"$AGRIRENT_BUILD_TARGETS"
    cmake --build "$dir" -j "$(nproc)" --target "${targets[@]}"
  else
    cmake --build "$dir" -j "$(nproc)"
  fi
}
