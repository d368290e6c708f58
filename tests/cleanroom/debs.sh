#!/usr/bin/env bash
# Clean-room test of the Debian packages in dist/ (made by packaging/dist.sh),
# in the bare Debian of tests/cleanroom/room.sh: apt installs the three
# packages and resolves their dependencies from the archive. Then, inside it:
# ldd finds every library of mp-sandbox and of libmercadopago; a C89 program
# (tests/cleanroom/pay.c) built with `pkg-config --cflags --libs mercadopago`
# tokenizes an APRO test card and pays with it against /usr/bin/mp-sandbox
# over HTTPS, and must see the payment approved; the C89 checkout example
# builds with the sandbox package's dev files and runs on the embedded sandbox.
#   bash tests/cleanroom/debs.sh
set -euo pipefail
source "$(dirname "$0")/room.sh"
cd "$root"
bash scripts/bootstrap.sh

# The three packages dist.sh made, one of each.
dist_debs

start=$SECONDS
room_open debs
cp "${debs[@]}" tests/cleanroom/pay.c examples/checkout.c "$room$work/"
chmod 644 "$room$work"/*

# Nothing of ours, of our libraries' dependencies or of a -dev of theirs is there before
# apt installs the packages.
room_bare

room_apt "$work/$(basename "${debs[0]}")" "$work/$(basename "${debs[1]}")" "$work/$(basename "${debs[2]}")"
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
room_sandbox
rc=0
out=$(in_room env MP_BASE_URL="$sandbox_url" MP_CA_FILE="$sandbox_ca" "$work/pay" 2>&1) || rc=$?
echo "$out" | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "pay exited with $rc"
grep -Eq '^payment [0-9]+: approved/accredited$' <<<"$out" || fail "the payment was not approved"
room_stop_sandbox

echo "== clean room: the checkout example (C89) with the sandbox package's dev files"
in_room sh -c "cd $work && gcc -std=c89 -pedantic -Wall -Wextra -Werror checkout.c -o checkout \$(pkg-config --cflags --libs mercadopago mercadopago-sandbox)" ||
  fail "examples/checkout.c does not build against the installed packages"
rc=0
out=$(in_room "$work/checkout" 2>&1) || rc=$?
echo "$out" | tail -3 | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "checkout exited with $rc"
grep -q '^Checkout complete\.$' <<<"$out" || fail "the checkout did not complete"

room_close
echo "== clean room: the packages install from a bare $suite and work ($((SECONDS - start)) s)"
