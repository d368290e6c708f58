#!/usr/bin/env bash
# Clean-room test of the Debian packages in dist/ (made by packaging/dist.sh).
# In a bare Debian bookworm (debootstrap --variant=minbase, plus only gcc,
# libc6-dev, pkg-config and ca-certificates: no libcurl, no simdjson, no
# httplib, no -dev package of our dependencies) apt installs the three
# packages and resolves their dependencies from the archive. Then, inside it:
# ldd finds every library of mp-sandbox and of libmercadopago; a C89 program
# (tests/cleanroom/pay.c) built with `pkg-config --cflags --libs mercadopago`
# tokenizes an APRO test card and pays with it against /usr/bin/mp-sandbox
# over HTTPS, and must see the payment approved; the C89 checkout example
# builds with the sandbox package's dev files and runs on the embedded sandbox.
# The prepared chroot is made once and kept in build/cleanroom/bookworm; each
# run works in a fresh copy of it (build/cleanroom/run). The mirror is the
# host's, read from its APT sources. Needs root (debootstrap, chroot).
#   bash tests/cleanroom/debs.sh
set -euo pipefail
export PATH=$PATH:/usr/sbin:/sbin # debootstrap, chroot
cd "$(dirname "$0")/../.."
root=$PWD
cache=$root/build/cleanroom/bookworm
room=$root/build/cleanroom/run
# Inside the chroot: the test's own folder.
work=/tmp/cleanroom
suite=bookworm
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

cleanup() {
  local rc=$?
  if [[ -n $sandbox_pid ]] && kill -0 "$sandbox_pid" 2>/dev/null; then
    kill -TERM "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  unmount_under "$room"
  unmount_under "$cache.partial"
  if [[ $rc -ne 0 ]]; then
    echo "cleanroom: the chroot of this run is kept in $room" >&2
  fi
  return $rc
}
trap cleanup EXIT

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
prepare() {
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

[[ $(id -u) -eq 0 ]] || fail "needs root (debootstrap and chroot)"
bash scripts/bootstrap.sh

# The three packages dist.sh made, one of each.
debs=()
for pattern in 'libmercadopago[0-9]*_*.deb' 'libmercadopago-dev_*.deb' 'mercadopago-sandbox_*.deb'; do
  found=$(find dist -maxdepth 1 -name "$pattern" 2>/dev/null || true)
  [[ -n $found && $(wc -l <<<"$found") -eq 1 ]] ||
    fail "want one dist/$pattern, found: '${found}' (run bash packaging/dist.sh first)"
  debs+=("$found")
done

start=$SECONDS
prepare

echo "== clean room: a fresh copy of the chroot in ${room#"$root"/}"
remove_tree "$room"
cp -a "$cache" "$room"
cp -L /etc/resolv.conf "$room/etc/resolv.conf"
mkdir -p "$room$work"
chmod 755 "$room$work"
cp "${debs[@]}" tests/cleanroom/pay.c examples/checkout.c "$room$work/"
chmod 644 "$room$work"/*

# Nothing of ours, of our libraries' dependencies or of a -dev of theirs is there before
# apt installs the packages.
present=$(in_room dpkg-query -W -f='${Package} ${Status}\n' | awk '$NF == "installed" {print $1}')
early=$(grep -E '^(libmercadopago|mercadopago-|libcurl|libsimdjson|libcpp-httplib|libssl-dev|nlohmann)' <<<"$present" || true)
[[ -z $early ]] || fail "already in the clean room before our packages: $early"

echo "== clean room: apt-get install ./$(basename "${debs[0]}") ./$(basename "${debs[1]}") ./$(basename "${debs[2]}")"
in_room apt-get update -q >/dev/null
in_room apt-get install -y -q --no-install-recommends \
  "$work/$(basename "${debs[0]}")" "$work/$(basename "${debs[1]}")" "$work/$(basename "${debs[2]}")" \
  >"$room$work/apt.log" 2>&1 || fail "apt-get install: $(tail -20 "$room$work/apt.log")"
sed -n 's/^Setting up \([^ ]*\) .*/\1/p' "$room$work/apt.log" | tr '\n' ' ' | fold -s -w 96 | sed 's/^/   set up: /'
echo
for p in libcurl4 "$(basename "${debs[0]%%_*}")" libmercadopago-dev mercadopago-sandbox; do
  installed "$p" || fail "$p is not installed after apt-get install"
done

echo "== clean room: ldd finds every library of mp-sandbox and of our libraries"
files=$(in_room sh -c 'for f in /usr/bin/mp-sandbox /usr/lib/*/libmercadopago*.so.*; do [ -L "$f" ] || echo "$f"; done')
for f in $files; do
  out=$(in_room ldd "$f") || fail "ldd $f: $out"
  ! grep -q 'not found' <<<"$out" || fail "ldd $f: a library is not found:"$'\n'"$out"
  echo "   $f: $(grep -c '=>' <<<"$out") libraries, all found"
  [[ $f != /usr/bin/mp-sandbox ]] || sed 's/^[[:space:]]*/     /' <<<"$out"
done

echo "== clean room: gcc -std=c89 -pedantic -Werror pay.c \$(pkg-config --cflags --libs mercadopago)"
in_room sh -c "cd $work && gcc -std=c89 -pedantic -Wall -Wextra -Werror pay.c -o pay \$(pkg-config --cflags --libs mercadopago)" ||
  fail "pay.c does not build against the installed packages"

echo "== clean room: /usr/bin/mp-sandbox --tls --port 0, then pay against it"
# chroot execs env, which execs mp-sandbox: $! is the sandbox's own pid.
chroot "$room" /usr/bin/env -i PATH=/usr/bin:/bin \
  /usr/bin/mp-sandbox --tls --port 0 --ca-out "$work/ca.pem" >"$room$work/sandbox.log" 2>&1 &
sandbox_pid=$!
url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^mp-sandbox listening on \(https:[^ ]*\)$/\1/p' "$room$work/sandbox.log")
  [[ -z $url ]] || break
  kill -0 "$sandbox_pid" 2>/dev/null || fail "mp-sandbox exited: $(cat "$room$work/sandbox.log")"
  sleep 0.1
done
[[ -n $url ]] || fail "mp-sandbox did not say it was listening in 10 s: $(cat "$room$work/sandbox.log")"
echo "   $url"
rc=0
out=$(in_room env MP_BASE_URL="$url" MP_CA_FILE="$work/ca.pem" "$work/pay" 2>&1) || rc=$?
echo "$out" | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "pay exited with $rc"
grep -Eq '^payment [0-9]+: approved/accredited$' <<<"$out" || fail "the payment was not approved"
kill -TERM "$sandbox_pid"
rc=0
wait "$sandbox_pid" || rc=$?
sandbox_pid=""
[[ $rc -eq 0 ]] || fail "mp-sandbox exited with $rc on SIGTERM: $(cat "$room$work/sandbox.log")"

echo "== clean room: the checkout example (C89) with the sandbox package's dev files"
in_room sh -c "cd $work && gcc -std=c89 -pedantic -Wall -Wextra -Werror checkout.c -o checkout \$(pkg-config --cflags --libs mercadopago mercadopago-sandbox)" ||
  fail "examples/checkout.c does not build against the installed packages"
rc=0
out=$(in_room "$work/checkout" 2>&1) || rc=$?
echo "$out" | tail -3 | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "checkout exited with $rc"
grep -q '^Checkout complete\.$' <<<"$out" || fail "the checkout did not complete"

remove_tree "$room"
echo "== clean room: the packages install from a bare $suite and work ($((SECONDS - start)) s)"
