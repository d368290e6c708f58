#!/usr/bin/env bash
# The PHP-FPM scenario of the latency bench: 1,000 web requests through real php-fpm (a static
# pool of 4 workers, FastCGI at 4 requests at a time, bindings/php/fpm/fastcgi.py), each making
# one payments.get, in three variants: the official PHP SDK 3.13.0, ours with a client per
# request, ours with ['persistent' => true]. Per variant: p50/p99 wall time of a web request,
# and the connections and TLS handshakes it cost (the sandbox's /__sandbox/health deltas).
#   bench/latency/fpm.sh PROXY_URL CA_FILE OUT_DIR [REQUESTS] [CONCURRENCY]
#   bench/latency/fpm.sh sandbox - OUT_DIR      (no proxy: an mp-sandbox of its own)
#   bench/latency/fpm.sh --prepare              (only build what it needs; run.sh's hook)
# PROXY_URL reaches mp-sandbox (through a latency proxy, or directly) over HTTPS trusting
# CA_FILE. Writes OUT_DIR/fpm-<variant>.json and prints a table. Builds (Release) the extension
# and mp-sandbox into build/php-release when missing. The official SDK's source tree is read
# from the folder $MP_PHP_SDK names (as run.sh's), never copied.
set -euo pipefail
[ $# -ge 3 ] || [ "${1:-}" = --prepare ] || { sed -n '2,13p' "$0"; exit 2; }
proxy=$1 ca=${2:-} out=${3:-}
n=${4:-1000} concurrency=${5:-4}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build/php-release
ext=$build/bindings/php/mercadopago_native.so
official=${MP_PHP_SDK:-}

[ -f "$official/src/MercadoPago/MercadoPagoConfig.php" ] ||
    { echo "fpm.sh: the official PHP SDK is not in $official (set MP_PHP_SDK)" >&2; exit 1; }
command -v php-fpm8.2 >/dev/null || [ -x /usr/sbin/php-fpm8.2 ] ||
    { echo "fpm.sh: php-fpm8.2 is missing (scripts/bootstrap.sh installs php8.2-fpm)" >&2; exit 1; }
if [ ! -x "$build/sandbox/mp-sandbox" ] || [ ! -f "$ext" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMP_BUILD_PHP=ON \
        -DMP_BUILD_TESTS=OFF -DMP_BUILD_BENCH=OFF -DMP_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build "$build" -j2 --target mercadopago_php mp-sandbox >/dev/null
fi
[ "$proxy" = --prepare ] && exit 0
MP_SANDBOX=$build/sandbox/mp-sandbox exec python3 "$here/fpm_bench.py" "$proxy" "$ca" "$out" "$ext" \
    "$official" "$n" "$concurrency"
