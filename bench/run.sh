#!/usr/bin/env bash
# Runs the benchmarks on a release build: the sandbox and the client pinned
# to the same CPU, so the client's CPU time per request is what is compared.
#   bench/run.sh [REQUESTS_PER_ROUND] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
cmake --preset release -DMP_BUILD_BENCH=ON >/dev/null
cmake --build --preset release --target bench_get mp-sandbox >/dev/null
n=${1:-5000} rounds=${2:-7}
bin=build/release
cpu=0
tmp=$(mktemp -d)
trap '[ -f "$tmp/pid" ] && kill "$(cat "$tmp/pid")" 2>/dev/null; rm -rf "$tmp"' EXIT

sandbox=$bin/sandbox/mp-sandbox
. bench/sandbox.sh

echo "== C ABI vs plain libcurl (client and sandbox pinned to CPU $cpu)"
url=$(start_sandbox)
[ -n "$url" ] || { echo "the sandbox did not start"; exit 1; }
echo "-- against a bare libcurl loop (no timeout, no stall detection)"
taskset -c $cpu "$bin/bench/bench_get" "$url" "" "$n" "$rounds"
echo "-- against a libcurl loop with the same timeout, stall detection and user agent"
MP_BENCH_SAFE_PLAIN=1 taskset -c $cpu "$bin/bench/bench_get" "$url" "" "$n" "$rounds"
stop_sandbox
url=$(start_sandbox --tls --ca-out "$tmp/ca.pem")
echo "-- against a bare libcurl loop"
taskset -c $cpu "$bin/bench/bench_get" "$url" "$tmp/ca.pem" "$n" "$rounds"
echo "-- against a libcurl loop with the same timeout, stall detection and user agent"
MP_BENCH_SAFE_PLAIN=1 taskset -c $cpu "$bin/bench/bench_get" "$url" "$tmp/ca.pem" "$n" "$rounds"
