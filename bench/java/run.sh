#!/usr/bin/env bash
# The Java benchmark (bench/java/src/main/java/bench/BenchJava.java): payments.get through
# mercadopago-native vs Apache HttpClient 5 (pooled) vs the official sdk-java, with mp-sandbox
# and the JVM pinned to the same CPU, over HTTP then HTTPS.
#   bench/java/run.sh [REQUESTS_PER_ROUND] [ROUNDS] [OFFICIAL_REQUESTS_PER_ROUND]
# Builds the release preset with MP_BUILD_JAVA=ON, installs the binding's jars (release natives)
# into the local Maven repository and resolves the bench's dependencies from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
n=${1:-3000} rounds=${2:-7} n_official=${3:-${1:-3000}}
release=$root/build/release
sandbox=$release/sandbox/mp-sandbox
cpu=0

if ! grep -q '^MP_BUILD_JAVA:BOOL=ON' "$release/CMakeCache.txt" 2>/dev/null; then
  cmake --preset release -DMP_BUILD_JAVA=ON >/dev/null
fi
cmake --build "$release" -j2 --target mercadopago_jni mercadopago_sandbox_jni mp-sandbox
(cd bindings/java && mvn -B -q -DskipTests -Dmp.cmake.java.dir="$release/bindings/java" install)
(cd bench/java && mvn -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
cp="$root/bench/java/target/classes:$(cat bench/java/target/classpath.txt)"

tmp=$(mktemp -d)
trap '[ -f "$tmp/pid" ] && kill "$(cat "$tmp/pid")" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$root/bench/sandbox.sh"
run() { echo "+ $*"; "$@"; echo; }

echo "== $(java -version 2>&1 | sed -n 2p); $(curl-config --version); sdk-java 3.2.1, httpclient5 5.3.1"
echo "== sandbox and JVM pinned to CPU $cpu"
echo

url=$(start_sandbox)
[ -n "$url" ] || { echo "the sandbox did not start"; exit 1; }
run taskset -c $cpu java -cp "$cp" bench.BenchJava --url "$url" -n "$n" --rounds "$rounds" \
  --n-official "$n_official"
stop_sandbox

url=$(start_sandbox --tls --ca-out "$tmp/ca.pem")
[ -n "$url" ] || { echo "the sandbox did not start"; exit 1; }
run taskset -c $cpu java -cp "$cp" bench.BenchJava --url "$url" --ca "$tmp/ca.pem" -n "$n" \
  --rounds "$rounds" --n-official "$n_official"
stop_sandbox
