#!/usr/bin/env bash
# The Debian package (issue 12, point 7; cmake/package.cmake): builds it with CPack from the
# build folder and checks what an office's IT staff get:
#   package <build-dir> <out-dir>   cpack -G DEB into <out-dir>, then checks its contents:
#       the binary (runs, stripped), the three systemd units with the hardening, the config file
#       as a conffile, the maintainer scripts, and a Depends naming the package of every shared
#       library the binary needs (dpkg-shlibdeps) plus adduser and tzdata. Extracts it into
#       <out-dir>/root for the next mode.
#   verify <out-dir>                systemd-analyze verify on the extracted units (exit 77 =
#       skipped when systemd-analyze is missing or cannot run here; never reported as passed).
set -euo pipefail
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

mode=$1
case "$mode" in
package)
  build=$(realpath "$2")
  out=$3
  for tool in cpack dpkg-deb dpkg-shlibdeps objdump ldd; do
    command -v "$tool" >/dev/null || fail "$tool is missing (Debian: dpkg-dev, binutils, cmake)"
  done
  rm -rf "$out"
  mkdir -p "$out"
  out=$(realpath "$out")
  (cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || {
    cat "$out/cpack.log"
    fail "cpack -G DEB failed"
  }
  mapfile -t debs < <(ls "$out"/*.deb)
  [ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $out, found ${#debs[@]}"
  deb=${debs[0]}
  echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KB"
  dpkg-deb -I "$deb" >"$out/info"
  dpkg-deb -c "$deb" >"$out/contents"
  cat "$out/info"

  # Files, with their modes.
  has() { # mode path
    grep -qE "^$1 root/root +[0-9]+ [0-9-]+ [0-9:]+ \.$2\$" "$out/contents" ||
      fail "the package lacks $2 with mode $1: $(grep -F "$2" "$out/contents" || echo absent)"
  }
  has -rwxr-xr-x /usr/bin/agrirent-server
  has -rw-r--r-- /etc/agrirent/agrirent.conf
  has -rw-r--r-- /usr/lib/systemd/system/agrirent.service
  has -rw-r--r-- /usr/lib/systemd/system/agrirent-backup.service
  has -rw-r--r-- /usr/lib/systemd/system/agrirent-backup.timer
  has -rwxr-xr-x /usr/share/agrirent/sqlite-to-postgres.sh
  has -rw-r--r-- /usr/share/doc/agrirent/deployment.md
  has -rw-r--r-- /usr/share/doc/agrirent/examples/nginx-agrirent.conf
  # Files only where this package may put them.
  if grep '^-' "$out/contents" |
    grep -vE ' \./(usr/bin|usr/lib/systemd/system|usr/share/agrirent|usr/share/doc/agrirent|etc/agrirent)/'; then
    fail "files outside /usr/bin, /usr/lib/systemd/system, /usr/share, /etc/agrirent (above)"
  fi

  # Control: conffile, maintainer scripts, dependencies.
  mkdir -p "$out/control"
  dpkg-deb -e "$deb" "$out/control"
  grep -qxF /etc/agrirent/agrirent.conf "$out/control/conffiles" ||
    fail "/etc/agrirent/agrirent.conf is not a conffile"
  for script in preinst postinst prerm postrm; do
    [ -x "$out/control/$script" ] || fail "no executable $script"
    sh -n "$out/control/$script" || fail "$script: syntax error"
  done
  tr '\n' ' ' <"$out/control/postinst" | sed 's/\\ */ /g' |
    grep -q 'adduser [^;]*--system[^;]* agrirent' ||
    fail "postinst does not create the agrirent system user"
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "Depends: $depends"
  # The package names alone, one per line ("libc6 (>= 2.34)" → libc6).
  dep_names=$(sed 's/, /\n/g' <<<"$depends" | sed 's/ .*//')
  for p in adduser tzdata; do
    grep -qxF -- "$p" <<<"$dep_names" || fail "Depends lacks $p"
  done
  dpkg-deb -x "$deb" "$out/root"
  bin="$out/root/usr/bin/agrirent-server"
  # Every shared library the binary needs comes from a package named in Depends (the library
  # file the loader picks, as ldd shows it; dpkg may know it under /lib or /usr/lib).
  while read -r lib; do
    path=$(ldd "$bin" | awk -v l="$lib" '$1 == l && $2 == "=>" {print $3}')
    [ -n "$path" ] || fail "ldd does not resolve $lib"
    owner=""
    for p in "$path" "$(realpath "$path")" "${path#/usr}" "/usr$path"; do
      owner=$(dpkg -S "$p" 2>/dev/null | head -n1 | cut -d: -f1) && [ -n "$owner" ] && break
    done
    [ -n "$owner" ] || fail "no installed package owns $path ($lib)"
    grep -qxF -- "$owner" <<<"$dep_names" || fail "Depends lacks $owner (for $lib)"
    echo "  $lib → $owner"
  done < <(objdump -p "$bin" | awk '/NEEDED/ {print $2}')
  if objdump -h "$bin" | grep -q '\.debug_info'; then
    fail "the packaged binary is not stripped"
  fi

  # The packaged binary runs, finds its embedded templates and static files, and reads the
  # packaged config file.
  "$bin" --help >/dev/null || fail "the packaged binary does not run"
  "$bin" --config "$out/root/etc/agrirent/agrirent.conf" --help >/dev/null ||
    fail "the packaged binary rejects the packaged config file"

  # The units: what issue 12 asks of them.
  unit="$out/root/usr/lib/systemd/system/agrirent.service"
  for line in 'User=agrirent' 'StateDirectory=agrirent' 'ProtectSystem=strict' 'ProtectHome=yes' \
    'PrivateTmp=yes' 'NoNewPrivileges=yes' 'ProtectKernelTunables=yes' 'ProtectKernelModules=yes' \
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' 'SystemCallFilter=@system-service' \
    'CapabilityBoundingSet=' 'Restart=on-failure' \
    'ExecStart=/usr/bin/agrirent-server --config /etc/agrirent/agrirent.conf' \
    'WantedBy=multi-user.target'; do
    grep -qxF -- "$line" "$unit" || fail "agrirent.service lacks '$line'"
  done
  ! grep -qE '^Standard(Output|Error)=' "$unit" || fail "agrirent.service redirects its output"
  backup="$out/root/usr/lib/systemd/system/agrirent-backup.service"
  grep -qE '^ExecStart=/usr/bin/agrirent-server --config /etc/agrirent/agrirent.conf --backup-to ' \
    "$backup" || fail "agrirent-backup.service does not run --backup-to"
  grep -qx 'Type=oneshot' "$backup" || fail "agrirent-backup.service is not a oneshot"
  timer="$out/root/usr/lib/systemd/system/agrirent-backup.timer"
  grep -qE '^OnCalendar=' "$timer" || fail "the timer has no OnCalendar"
  grep -qx 'Persistent=true' "$timer" || fail "the timer is not persistent"
  grep -qx 'WantedBy=timers.target' "$timer" || fail "the timer is not wanted by timers.target"
  echo "PASS: $(basename "$deb") holds the binary, units, conffile and dependencies"
  ;;
verify)
  pkgroot=$(realpath "$2")/root
  [ -d "$pkgroot" ] || fail "no extracted package in $pkgroot (run the package mode first)"
  if ! command -v systemd-analyze >/dev/null; then
    echo "SKIPPED: systemd-analyze is not installed"
    exit 77
  fi
  units=(agrirent.service agrirent-backup.service agrirent-backup.timer)
  # A root for `systemd-analyze verify --root`: the package's files, the host's own units
  # (multi-user.target, timers.target, … which the units name) and the host's programs that
  # the units run but the package does not ship (find). So the check sees the units as an
  # installed system would, without installing anything here.
  root=$(realpath "$2")/verify-root
  rm -rf "$root"
  mkdir -p "$root/usr/lib/systemd/system"
  cp -a "$pkgroot/." "$root/"
  for dir in /usr/lib/systemd/system /lib/systemd/system; do
    [ -d "$dir" ] && cp -rn "$dir/." "$root/usr/lib/systemd/system/" 2>/dev/null
  done
  while read -r program; do
    if [ ! -e "$root$program" ] && [ -x "$program" ]; then
      mkdir -p "$root$(dirname "$program")"
      cp "$program" "$root$program"
    fi
  done < <(sed -n 's/^Exec[A-Za-z]*=[-+@!:]*\([^ ]*\).*/\1/p' "${units[@]/#/$pkgroot/usr/lib/systemd/system/}")
  cd "$root"
  set +e
  out=$(SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --root="$root" \
    "${units[@]/#/usr/lib/systemd/system/}" 2>&1)
  status=$?
  set -e
  echo "$out"
  if [ $status -ne 0 ] &&
    grep -qiE 'Failed to (initialize manager|connect)|System has not been booted with systemd' <<<"$out"; then
    echo "SKIPPED: systemd-analyze verify cannot run here (exit $status, see above)"
    exit 77
  fi
  [ $status -eq 0 ] || fail "systemd-analyze verify: exit $status"
  # It exits 0 on warnings (an unknown key is ignored, e.g. a misspelt ProtectSystem=): any
  # output at all fails the test.
  [ -z "$out" ] || fail "systemd-analyze verify warns about the units (above)"
  # The sandbox as systemd rates it (a figure for the report; 0 is best, 10 worst).
  systemd-analyze security --offline=true --root="$root" \
    usr/lib/systemd/system/agrirent.service 2>/dev/null | tail -n1 || true
  # The timer's calendar expression, as systemd reads it.
  systemd-analyze calendar \
    "$(sed -n 's/^OnCalendar=//p' usr/lib/systemd/system/agrirent-backup.timer)" | head -n3
  echo "PASS: systemd-analyze verify accepts agrirent.service, agrirent-backup.service and .timer"
  ;;
*)
  fail "usage: $0 package <build-dir> <out-dir> | verify <out-dir>"
  ;;
esac
