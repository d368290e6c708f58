#!/usr/bin/env bash
# Clean-room test of the manylinux wheel in dist/ (made by packaging/wheel.sh),
# in the bare Debian bookworm of tests/cleanroom/room.sh (minbase, made once
# and cached in build/cleanroom/bookworm by room.sh; this test works in a fresh
# copy of its own, build/cleanroom/wheel), to which only python3,
# python3-venv and ca-certificates are added: no libcurl, simdjson, httplib,
# libssl-dev or any -dev package of our dependencies. A venv there installs the
# wheel alone (pip --no-index: nothing else is needed), then
# tests/cleanroom/wheel_pay.py checks that `import mercadopago_native` maps no
# sandbox and no system libcurl/OpenSSL, pays an APRO card over HTTPS against
# the wheel's embedded sandbox, and that the wheel's static libcurl verifies
# TLS against the system's CA bundle in the Debian and the RHEL layouts.
#   bash tests/cleanroom/wheel.sh
set -euo pipefail
source "$(dirname "$0")/room.sh"
cd "$root"

whl=$(dist_file 'mercadopago_native-*-manylinux*_x86_64.whl')
start=$SECONDS
room_open wheel
# wheel_pay.py reads /proc/self/maps (unmounted by room.sh's cleanup).
mount -t proc proc "$room/proc"
cp "$whl" tests/cleanroom/wheel_pay.py "$room$work/"
chmod 644 "$room$work"/*

room_apt python3 python3-venv ca-certificates
room_bare 'python3[.0-9]*-dev'
in_room python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' ||
  fail "the clean room's python3 is not 3.11 (the wheel is cp311)"

echo "== clean room: python3 -m venv, pip install --no-index $(basename "$whl")"
in_room python3 -m venv "$work/venv"
in_room "$work/venv/bin/pip" install -q --no-index --disable-pip-version-check \
  "$work/$(basename "$whl")" || fail "pip could not install the wheel"

echo "== clean room: wheel_pay.py (import, HTTPS payment on the embedded sandbox, system CAs)"
rc=0
out=$(in_room sh -c "cd $work && $work/venv/bin/python wheel_pay.py" 2>&1) || rc=$?
echo "$out" | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "wheel_pay.py exited with $rc"
grep -Eq '^[0-9]+ passed, 0 failed$' <<<"$out" || fail "wheel_pay.py did not finish"

room_close
echo "== clean room: the wheel installs in a bare $suite with python3 only and works ($((SECONDS - start)) s)"
