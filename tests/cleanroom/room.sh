# The clean room the tests/cleanroom/*.sh tests share, sourced by them: a
# bare Debian bookworm (debootstrap --variant=minbase, plus only gcc,
# libc6-dev, pkg-config and ca-certificates: no libcurl, no simdjson, no
# httplib, no -dev package of our dependencies), made once and kept in
# build/cleanroom/bookworm; each test works in a fresh copy of its own,
# build/cleanroom/<test>, and installs there what its users would (apt
# resolves from the host's mirror, read from its APT sources). Needs root.
#
#   source tests/cleanroom/room.sh
#   room_open NAME           # prepared chroot (cached), fresh copy in $room
#   in_room COMMAND...       # runs in it, with a clean environment
#   room_apt PACKAGE|./x.deb # apt-get install, the log kept in $room$work
#   room_bare [REGEX]        # fails if ours or our dependencies (or REGEX) are installed
#   dist_debs                # $debs: dist/'s three .deb files
#   room_sandbox             # /usr/bin/mp-sandbox --tls in it: $sandbox_url, $sandbox_ca
#   room_stop_sandbox
#   room_close               # removes the copy (kept on failure)
export PATH=$PATH:/usr/sbin:/sbin # debootstrap, chroot
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=$root/build/cleanroom/bookworm
suite=bookworm
work=/tmp/cleanroom # inside the chroot: the test's own folder
room=""
sandbox_pid=""

fail() {
  echo "cleanroom: FAILED: $*" >&2
  exit 1
}

# unmount_under DIR: unmounts whatever is mounted at or below DIR, deepest first.
unmount_under() {
  local dir mounts
  dir=$(realpath -m "$1")
  mounts=$(findmnt -rn -o TARGET | grep -E "^$dir(/|$)" | sort -r || true)
  [[ -z $mounts ]] || xargs -r -n1 umount <<<"$mounts"
}

# remove_tree DIR: deletes a chroot tree, never through a mount point.
remove_tree() {
  unmount_under "$1"
  rm -rf --one-file-system "$1"
}

room_cleanup() {
  local rc=$?
  room_stop_sandbox || true
  [[ -z $room ]] || unmount_under "$room"
  unmount_under "$cache.partial"
  if [[ $rc -ne 0 && -n $room ]]; then
    echo "cleanroom: the chroot of this run is kept in $room" >&2
  fi
  return $rc
}
trap room_cleanup EXIT

# in_room COMMAND...: runs COMMAND in the chroot with a clean environment,
# nothing of the host's (PKG_CONFIG_PATH, LD_LIBRARY_PATH, ...) leaking in.
in_room() {
  chroot "$room" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# installed PACKAGE: true when dpkg has PACKAGE installed in the chroot.
installed() {
  local status
  status=$(in_room dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
  [[ $status == *" ok installed" ]]
}

# The host's Debian mirror for the suite, from its APT sources (one-line .list
# files or deb822 .sources files).
host_mirror() {
  local f uri=""
  shopt -s nullglob
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    uri=$(awk -v suite="$suite" '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
        if ($(i + 1) == suite) { print $i; exit }
      }' "$f")
    [[ -z $uri ]] || break
  done
  if [[ -z $uri ]]; then
    for f in /etc/apt/sources.list.d/*.sources; do
      uri=$(awk -v suite="$suite" '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " suite " ") && uris != "") {
            split(uris, u, " "); print u[1]; found = 1; exit
          }
          types = ""; suites = ""; uris = ""; enabled = ""
        }
        /^[ \t]*$/ { flush(); next }
        /^#/ { next }
        tolower($1) == "types:" { $1 = ""; types = substr($0, 2) }
        tolower($1) == "suites:" { $1 = ""; suites = substr($0, 2) }
        tolower($1) == "uris:" { $1 = ""; uris = substr($0, 2) }
        tolower($1) == "enabled:" { enabled = tolower($2) }
        END { if (!found) flush() }' "$f")
      [[ -z $uri ]] || break
    done
  fi
  shopt -u nullglob
  [[ -n $uri ]] || fail "no '$suite' mirror in /etc/apt/sources.list or /etc/apt/sources.list.d/"
  echo "$uri"
}

# The prepared chroot, made once: minbase plus the four packages a user
# building a C program has; the APT lists are left out (each run fetches its own).
room_prepare() {
  if [[ -f $cache/.cleanroom-ready ]]; then
    echo "== clean room: the prepared $suite chroot is cached in ${cache#"$root"/}"
    return
  fi
  local mirror start=$SECONDS
  mirror=$(host_mirror)
  echo "== clean room: debootstrap --variant=minbase $suite (the host's mirror)"
  remove_tree "$cache"
  remove_tree "$cache.partial"
  mkdir -p "$(dirname "$cache")"
  debootstrap --variant=minbase --include=gcc,libc6-dev,pkg-config,ca-certificates \
    "$suite" "$cache.partial" "$mirror" >"$root/build/cleanroom/debootstrap.log" 2>&1 ||
    fail "debootstrap (log: build/cleanroom/debootstrap.log): $(tail -5 "$root/build/cleanroom/debootstrap.log")"
  unmount_under "$cache.partial"
  find "$cache.partial"/var/cache/apt/archives "$cache.partial"/var/lib/apt/lists -maxdepth 1 \
    -type f -delete
  mv "$cache.partial" "$cache"
  touch "$cache/.cleanroom-ready"
  echo "   prepared in $((SECONDS - start)) s"
}

# room_open NAME: the prepared chroot (made when missing), copied fresh to
# build/cleanroom/NAME, with the test's folder $work in it.
room_open() {
  [[ $(id -u) -eq 0 ]] || fail "needs root (debootstrap and chroot)"
  room_prepare
  room=$root/build/cleanroom/$1
  echo "== clean room: a fresh copy of the chroot in ${room#"$root"/}"
  remove_tree "$room"
  cp -a "$cache" "$room"
  cp -L /etc/resolv.conf "$room/etc/resolv.conf"
  mkdir -p "$room$work"
  chmod 755 "$room$work"
  in_room apt-get update -q >/dev/null
}

# room_apt ARG...: apt-get install in the chroot (packages or ./files in $work).
room_apt() {
  echo "== clean room: apt-get install $*"
  in_room apt-get install -y -q --no-install-recommends "$@" >"$room$work/apt.log" 2>&1 ||
    fail "apt-get install $*: $(tail -20 "$room$work/apt.log")"
}

# room_sandbox: starts /usr/bin/mp-sandbox (the mercadopago-sandbox package)
# over HTTPS on a free port; sets $sandbox_url and $sandbox_ca (its CA's path
# inside the chroot).
room_sandbox() {
  sandbox_ca=$work/ca.pem
  # chroot execs env, which execs mp-sandbox: $! is the sandbox's own pid.
  chroot "$room" /usr/bin/env -i PATH=/usr/bin:/bin \
    /usr/bin/mp-sandbox --tls --port 0 --ca-out "$sandbox_ca" >"$room$work/sandbox.log" 2>&1 &
  sandbox_pid=$!
  sandbox_url=""
  for _ in $(seq 100); do
    sandbox_url=$(sed -n 's/^mp-sandbox listening on \(https:[^ ]*\)$/\1/p' "$room$work/sandbox.log")
    [[ -z $sandbox_url ]] || break
    kill -0 "$sandbox_pid" 2>/dev/null || fail "mp-sandbox exited: $(cat "$room$work/sandbox.log")"
    sleep 0.1
  done
  [[ -n $sandbox_url ]] || fail "mp-sandbox did not say it was listening in 10 s: $(cat "$room$work/sandbox.log")"
  echo "   mp-sandbox: $sandbox_url"
}

# room_stop_sandbox: SIGTERM, and mp-sandbox must exit cleanly.
room_stop_sandbox() {
  [[ -n $sandbox_pid ]] || return 0
  local pid=$sandbox_pid rc=0
  sandbox_pid=""
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || rc=$?
  [[ $rc -eq 0 ]] || fail "mp-sandbox exited with $rc on SIGTERM: $(cat "$room$work/sandbox.log")"
}

room_close() {
  room_stop_sandbox
  remove_tree "$room"
  room=""
}

# room_bare [REGEX]: fails when a package of ours, of our libraries'
# dependencies or of their -dev is installed in the chroot (or one matching
# REGEX: what the test's users must not have either).
room_bare() {
  local present early
  present=$(in_room dpkg-query -W -f='${Package} ${Status}\n' | awk '$NF == "installed" {print $1}')
  early=$(grep -E "^(libmercadopago|mercadopago-|libcurl|libsimdjson|libcpp-httplib|libssl-dev|nlohmann${1:+|$1})" <<<"$present" || true)
  [[ -z $early ]] || fail "in the clean room, and should not be: $early"
}

# dist_debs: sets $debs to dist/'s three packages (library, -dev, sandbox).
dist_debs() {
  local pattern
  debs=()
  for pattern in 'libmercadopago[0-9]*_*.deb' 'libmercadopago-dev_*.deb' 'mercadopago-sandbox_*.deb'; do
    debs+=("$(dist_file "$pattern")")
  done
}

# dist_file PATTERN: the one file of dist/ matching PATTERN.
dist_file() {
  local found
  found=$(find "$root/dist" -maxdepth 1 -name "$1" 2>/dev/null || true)
  [[ -n $found && $(wc -l <<<"$found") -eq 1 ]] ||
    fail "want one dist/$1, found: '${found}' (run bash packaging/dist.sh first)"
  echo "$found"
}
