#!/usr/bin/env bash
# The PHP benchmark of mercadopago_native (see bench/php/bench_get.php): mp-sandbox and the
# PHP process pinned to the same CPU, over HTTP then HTTPS.
#   bench/php/run.sh [REQUESTS_PER_ROUND] [ROUNDS]
# Builds (Release) the extension and mp-sandbox into build/php-release when missing; needs
# php8.2-cli with php-curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-3000} rounds=${2:-7}
build=build/php-release
sandbox=$build/sandbox/mp-sandbox
ext=$PWD/$build/bindings/php/mercadopago_native.so
bench=bench/php/bench_get.php
cpu=0

if [ ! -x "$sandbox" ] || [ ! -f "$ext" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMP_BUILD_PHP=ON \
    -DMP_BUILD_TESTS=OFF -DMP_BUILD_BENCH=OFF -DMP_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$build" -j2 --target mercadopago_php mp-sandbox >/dev/null
fi
php -r 'exit(extension_loaded("curl") ? 0 : 1);' || { echo "php-curl is not loaded"; exit 1; }

tmp=$(mktemp -d)
trap '[ -f "$tmp/pid" ] && kill "$(cat "$tmp/pid")" 2>/dev/null; rm -rf "$tmp"' EXIT

. "$(dirname "$0")/../sandbox.sh"
run() { echo "+ $*"; "$@"; echo; }
php_() { taskset -c $cpu php -d extension="$ext" -d opcache.enable_cli=1 "$@"; }

echo "== $(php -v | head -1); curl $(php -r 'echo curl_version()["version"], " ", curl_version()["ssl_version"];')"
echo "== sandbox and client pinned to CPU $cpu"
echo

url=$(start_sandbox)
[ -n "$url" ] || { echo "the sandbox did not start"; exit 1; }
run php_ "$bench" "$url" "" "$n" "$rounds"
stop_sandbox

url=$(start_sandbox --tls --ca-out "$tmp/ca.pem")
[ -n "$url" ] || { echo "the sandbox did not start"; exit 1; }
run php_ "$bench" "$url" "$tmp/ca.pem" "$n" "$rounds"
stop_sandbox
