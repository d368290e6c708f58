#!/usr/bin/env bash
# The latency bench of issue 14: what a call costs across 20-150 ms of network, for our C,
# Python, PHP and Java clients and the official Python, PHP and Java SDKs, side by side.
#   bash bench/latency/run.sh [RTT_MS...]        (default: 20 50 150)
# Builds what it needs (outside the namespace, where the registries are reachable):
#   build/release     mp-sandbox, latency_worker (C), the Java JNI library and the PHP extension
#   build/pyenv       mercadopago_native (built in build/python-wheel) + mercadopago 3.6.0
#   bench/java        LatencyWorker with mercadopago-native and com.mercadopago:sdk-java 3.2.1
#   build/bench-venv  matplotlib, for the plots
# The official PHP SDK 3.13.0 (MIT; its source tree, with src/ in its PSR-4 layout) is read
# from the folder $MP_PHP_SDK names, never copied into the repository.
# Then, in private network and mount namespaces (tests/sandbox/netns.sh) where
# api.mercadopago.com is 127.0.0.1: mp-sandbox on 127.0.0.1:8443 (TLS, certificate for
# api.mercadopago.com), and for each RTT bench_latency.py puts latency_proxy.py on 127.0.0.1:443
# in front of it and runs every client. Raw results in build/bench-latency/, plots in
# bench/latency/plots/. Extra arguments for bench_latency.py (call counts) in $MP_LATENCY_ARGS.
# Optional hook, the PHP-FPM scenario: when bench/latency/fpm.sh exists, run.sh calls
# `bash fpm.sh --prepare` here (outside the namespace: install what it needs), then
# bench_latency.py calls `bash fpm.sh PROXY_URL CA_FILE OUT_DIR` once per RTT, inside the
# namespace while that RTT's proxy runs (it reads the SDK's place from MP_PHP_SDK, exported here).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
here=$root/bench/latency
out=$root/build/bench-latency
release=$root/build/release
py=$root/build/pyenv/bin/python
php_sdk=${MP_PHP_SDK:-}
rtts=("$@")
[ ${#rtts[@]} -gt 0 ] || rtts=(20 50 150)

. "$root/tests/sandbox/netns.sh"

# ---- inside the namespaces ------------------------------------------------------------------
if [ "${MP_LATENCY_INSIDE:-}" = 1 ]; then
  work=$MP_LATENCY_WORK
  bin=$release/sandbox/mp-sandbox
  trap stop_sandbox EXIT
  private_hosts "$work/hosts" "127.0.0.1 api.mercadopago.com"
  # Idle connections kept 300 s (the sandbox's default is 5 s, to spare its threads in tests):
  # a long-lived client's connections then live as with a production server, across scenarios;
  # and a thread for each (a worker holds ~200 at once: its client's and its AsyncClient's 100).
  start_sandbox --host 127.0.0.1 --port 8443 --tls --tls-name api.mercadopago.com \
    --ca-cert "$work/ca.pem" --ca-key "$work/ca.key" --keep-alive 300 --threads 1024
  python3 "$here/bench_latency.py" --rtts "${rtts[@]}" --sandbox-port 8443 --ca "$work/ca.pem" \
    --truststore "$work/truststore.p12" --c-worker "$release/bench/latency_worker" \
    --python "$py" --php-ext "$release/bindings/php/mercadopago_native.so" \
    --php-sdk "$php_sdk/src" --java-cp "$(cat "$work/java-cp")" --out "$out" \
    ${MP_LATENCY_ARGS:-}
  exit
fi

# ---- outside: build, install, then the namespaces -------------------------------------------
bash scripts/bootstrap.sh
require_tools unshare ip mount getent php java mvn keytool python3
[ -n "$php_sdk" ] && [ -d "$php_sdk/src/MercadoPago" ] ||
  { echo "set MP_PHP_SDK to the official PHP SDK 3.13.0's source tree (no SDK at '$php_sdk')"; exit 1; }
export MP_PHP_SDK=$php_sdk # fpm.sh reads it too
php -r 'exit(extension_loaded("curl") ? 0 : 1);' || { echo "php-curl is not loaded"; exit 1; }

echo "== building (release: mp-sandbox, latency_worker, the Java and PHP bindings)"
if ! grep -q '^MP_BUILD_PHP:BOOL=ON' "$release/CMakeCache.txt" 2>/dev/null ||
   ! grep -q '^MP_BUILD_JAVA:BOOL=ON' "$release/CMakeCache.txt" ||
   ! grep -q '^MP_BUILD_BENCH:BOOL=ON' "$release/CMakeCache.txt"; then
  cmake --preset release -DMP_BUILD_BENCH=ON -DMP_BUILD_JAVA=ON -DMP_BUILD_PHP=ON >/dev/null
fi
cmake --build "$release" -j2 --target mp-sandbox latency_worker mercadopago_jni \
  mercadopago_sandbox_jni mercadopago_php >/dev/null

echo "== the Python venv (build/pyenv: mercadopago_native, mercadopago 3.6.0)"
[ -x "$py" ] || python3 -m venv build/pyenv
# Always from this tree (an incremental build in build/python-wheel): never a stale library.
"$py" -m pip install -q --disable-pip-version-check "scikit-build-core>=1.0" "pybind11>=2.11"
CMAKE_BUILD_PARALLEL_LEVEL=2 "$py" -m pip install -q --disable-pip-version-check \
  --no-build-isolation --no-deps --force-reinstall -Ccmake.build-type=Release \
  -Cbuild-dir="$root/build/python-wheel" bindings/python
"$py" -c 'import mercadopago.config.config as c, sys; sys.exit(c.Config().version != "3.6.0")' \
  2>/dev/null || "$py" -m pip install -q --disable-pip-version-check mercadopago==3.6.0

echo "== the Java worker (bench/java, Maven)"
(cd bindings/java && mvn -B -q -Dstyle.color=never -DskipTests -Dmp.cmake.java.dir="$release/bindings/java" install)
(cd bench/java && mvn -B -q -Dstyle.color=never package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)

echo "== matplotlib (build/bench-venv)"
[ -x build/bench-venv/bin/python ] || python3 -m venv build/bench-venv
build/bench-venv/bin/python -c 'import matplotlib' 2>/dev/null ||
  build/bench-venv/bin/python -m pip install -q --disable-pip-version-check matplotlib

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "$root/bench/java/target/classes:$(cat bench/java/target/classpath.txt)" >"$work/java-cp"
# The sandbox's CA, made once here (mp-sandbox writes it to --ca-cert/--ca-key when they do
# not exist) so that the Java trust store can be made from it before the run.
bin=$release/sandbox/mp-sandbox
start_sandbox --port 0 --tls --ca-cert "$work/ca.pem" --ca-key "$work/ca.key"
stop_sandbox
keytool -importcert -noprompt -alias mp-sandbox -file "$work/ca.pem" -storetype PKCS12 \
  -keystore "$work/truststore.p12" -storepass changeit >/dev/null
[ -f "$here/fpm.sh" ] && bash "$here/fpm.sh" --prepare

echo "== $(php -v | head -1); $(java -version 2>&1 | sed -n 2p); $("$py" -VV | head -1)"
echo "== $(curl-config --version); RTTs: ${rtts[*]} ms"
mkdir -p "$out"
MP_LATENCY_INSIDE=1 MP_LATENCY_WORK=$work in_private_net bash "$0" "${rtts[@]}"

echo "== tables (bench/README.md)"
python3 "$here/tables_latency.py" "$out/results.json" | tee "$out/tables.md"
echo "== plots"
build/bench-venv/bin/python "$here/plot_latency.py" "$out/results.json" "$here/plots"
