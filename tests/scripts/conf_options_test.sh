#!/usr/bin/env bash
# packaging/agrirent.conf (installed as /etc/agrirent/agrirent.conf) documents every option of
# agrirent-server (issue 12, point 7), and nothing else:
#  - every setting of `--help` has exactly one line `name = …` or `# name = …` in the file;
#  - every command of `--help` (command line only) is named in the file's comments;
#  - every `name = …` line names a real setting;
#  - the server accepts the file as it ships, and with every commented `# name = value` line
#    switched on (so the examples in the comments are valid values).
# Usage: conf_options_test.sh path/to/agrirent-server path/to/agrirent.conf
set -euo pipefail
server=$1
conf=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

"$server" --help >"$tmp/help" || fail "--help failed"
# Boost prints the settings first, then the section of commands ("commands (command line only").
settings=$(sed '/^commands/,$d' "$tmp/help" | grep -oE '^  (-[a-z] \[ )?--[a-z][a-z-]*' |
  sed 's/.*--//' | grep -vxE 'help|config' || true)
commands=$(sed -n '/^commands/,$p' "$tmp/help" | grep -oE '^  --[a-z][a-z-]*' | sed 's/.*--//' || true)
[ "$(wc -w <<<"$settings")" -ge 10 ] || fail "too few settings found in --help: $settings"
[ -n "$commands" ] || fail "no commands found in --help"

# Lines that set (or show) an option: `name = value` or `# name = value` (exactly one space).
listed=$(grep -oE '^(# )?[a-z][a-z-]* =' "$conf" | sed -E 's/^# //; s/ =$//')

missing=()
for name in $settings; do
  n=$(grep -cxF -- "$name" <<<"$listed" || true)
  if [ "$n" -eq 0 ]; then
    missing+=("$name")
  elif [ "$n" -gt 1 ]; then
    fail "$conf lists '$name' $n times (an option may be given once)"
  fi
done
[ ${#missing[@]} -eq 0 ] || fail "$conf does not mention these options of agrirent-server: ${missing[*]}"
for name in $commands; do
  grep -qE -- "--$name( |$)" "$conf" || fail "$conf does not mention the command --$name"
done
for name in $listed; do
  grep -qxF -- "$name" <<<"$settings" ||
    fail "$conf sets '$name', which is not an option of agrirent-server (stale?)"
done

# It parses as shipped, and with every example switched on: a start with the file, overriding
# only the database (the command line wins over the file) and running no server
# (--migrate-only), so that every value is checked as at a real start (e.g. log-level).
check_start() { # conf-file what
  local out
  out=$("$server" --config "$1" --db "$tmp/check.db" --migrate-only 2>&1) ||
    fail "$2 is refused by agrirent-server: $(head -n1 <<<"$out")"
}
check_start "$conf" "the shipped file"
sed -E 's/^# ([a-z][a-z-]* = )/\1/' "$conf" >"$tmp/all.conf"
check_start "$tmp/all.conf" "the file with every example switched on"
echo "PASS: $conf documents all $(wc -w <<<"$settings") settings and $(wc -w <<<"$commands") commands"
