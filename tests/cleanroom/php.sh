#!/usr/bin/env bash
# Clean-room test of the PHP extension's source package (dist/mercadopago_native-*.tgz,
# packaging/php_ext.sh), the PECL way, in the bare Debian of tests/cleanroom/room.sh:
# apt installs our .debs (libmercadopago0, libmercadopago-dev, mercadopago-sandbox)
# and what a PHP developer has (php8.2-cli, php8.2-dev, g++, make); then inside it
# phpize && ./configure && make && make test && make install build the extension
# against the installed -dev package, and a PHP program with the package's own PHP
# layer pays against /usr/bin/mp-sandbox over HTTPS (an APRO card, approved).
#   bash tests/cleanroom/php.sh
set -euo pipefail
source "$(dirname "$0")/room.sh"
cd "$root"
bash scripts/bootstrap.sh

tgz=$(dist_file 'mercadopago_native-*.tgz')
dist_debs

start=$SECONDS
room_open php
cp "${debs[@]}" "$tgz" tests/cleanroom/pay.php "$room$work/"
chmod 644 "$room$work"/*
installs=()
for deb in "${debs[@]}"; do installs+=("$work/$(basename "$deb")"); done
room_apt "${installs[@]}" php8.2-cli php8.2-dev g++ make

name=$(basename "$tgz" .tgz)
echo "== clean room: tar xzf $(basename "$tgz") && phpize && ./configure && make && make test && make install"
in_room sh -c "cd $work && tar xzf $(basename "$tgz") && cd $name && phpize && ./configure && make -j2 && NO_INTERACTION=1 make test && make install" \
  >"$room$work/build.log" 2>&1 || fail "the extension does not build: $(tail -30 "$room$work/build.log")"
grep -E '^checking for libmercadopago|^Tests passed|^Installing shared extensions' "$room$work/build.log" | sed 's/^/   /'
grep -Eq '^Tests failed *: *0 ' "$room$work/build.log" || fail "make test: $(grep -A5 '^FAILED' "$room$work/build.log")"
in_room php -d extension=mercadopago_native.so -r 'exit(extension_loaded("mercadopago_native") ? 0 : 1);' ||
  fail "php cannot load the installed mercadopago_native.so"

echo "== clean room: /usr/bin/mp-sandbox --tls, then pay from PHP with the package's PHP layer"
room_sandbox
rc=0
out=$(in_room env MP_BASE_URL="$sandbox_url" MP_CA_FILE="$sandbox_ca" \
  php -d extension=mercadopago_native.so "$work/pay.php" "$work/$name/php/autoload.php" 2>&1) || rc=$?
echo "$out" | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "pay.php exited with $rc"
grep -Eq '^payment [0-9]+: approved/accredited, mercadopago_native [0-9.]+$' <<<"$out" ||
  fail "the payment was not approved"
room_close
echo "== clean room: the PHP extension builds with phpize against libmercadopago-dev and pays ($((SECONDS - start)) s)"
