# Shared by scripts/run.sh and scripts/test.sh. Source it; do not run it.

# The Debian packages the build needs (README: which library does what).
AGRIRENT_BUILD_PACKAGES=(
  build-essential cmake pkg-config tzdata
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-program-options1.81-dev
  libsqlite3-dev libhowardhinnant-date-dev libsodium-dev libkainjow-mustache-dev catch2
  zlib1g-dev
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

# Configures and builds into $1 with build type $2 (extra cmake arguments follow).
build_tree() {
  local dir=$1 type=$2
  shift 2
  local root
  root=$(agrirent_root)
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}
