#!/usr/bin/env bash
# The Python benchmarks of mercadopago_native (see bench/python/bench_python.py):
# mp-sandbox and the Python client pinned to the same CPU, over HTTP then HTTPS.
#   bench/python/run.sh [REQUESTS_PER_ROUND] [ROUNDS] [OFFICIAL_REQUESTS_PER_ROUND]
# Needs the release build (build/release/sandbox/mp-sandbox) and the venv build/pyenv with
# mercadopago_native installed (bash bindings/python/run_tests.sh makes both); installs
# pycurl (built against the system libcurl, like libmercadopago), requests and the
# official SDK `mercadopago` into that venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-3000} rounds=${2:-7} n_official=${3:-$(( ${1:-3000} / 10 ))}
py=build/pyenv/bin/python
sandbox=build/release/sandbox/mp-sandbox
bench=bench/python/bench_python.py
cpu=0

[ -x "$py" ] || { echo "no venv at build/pyenv: run bash bindings/python/run_tests.sh"; exit 1; }
"$py" -c "import mercadopago_native" 2>/dev/null \
  || { echo "mercadopago_native is not installed in build/pyenv"; exit 1; }
[ -x "$sandbox" ] || cmake --build --preset release --target mp-sandbox >/dev/null

# pycurl from source against the system libcurl/OpenSSL (the PyPI wheel bundles its own
# libcurl 8.x and OpenSSL, which would not compare like with like).
syscurl=$(curl-config --version | awk '{print $2}')
if ! "$py" -c "import pycurl, sys; sys.exit('libcurl/$syscurl ' not in pycurl.version + ' ')" \
     2>/dev/null; then
  PYCURL_SSL_LIBRARY=openssl "$py" -m pip install -q --force-reinstall --no-deps \
    --no-binary pycurl pycurl
fi
"$py" -c "import requests, mercadopago" 2>/dev/null || "$py" -m pip install -q requests mercadopago

tmp=$(mktemp -d)
trap '[ -f "$tmp/pid" ] && kill "$(cat "$tmp/pid")" 2>/dev/null; rm -rf "$tmp"' EXIT

. "$(dirname "$0")/../sandbox.sh"
run() { echo "+ $*"; "$@"; echo; }

echo "== $("$py" -VV | head -1); $("$py" -c 'import pycurl; print(pycurl.version)')"
echo "== $("$py" -m pip list 2>/dev/null | grep -E '^(mercadopago|requests|urllib3|pycurl) ' | tr -s ' ' | paste -sd, -)"
echo "== sandbox and client pinned to CPU $cpu"
echo

url=$(start_sandbox)
[ -n "$url" ] || { echo "the sandbox did not start"; exit 1; }
run taskset -c $cpu "$py" "$bench" get --url "$url" -n "$n" --rounds "$rounds" \
  --n-official "$n_official"
run taskset -c $cpu "$py" "$bench" breakdown --url "$url" -n $(( n / 2 > 0 ? n / 2 : 1 )) \
  --rounds "$rounds"
run taskset -c $cpu "$py" "$bench" convert --url "$url" --repeat 50
stop_sandbox

url=$(start_sandbox --tls --ca-out "$tmp/ca.pem")
[ -n "$url" ] || { echo "the sandbox did not start"; exit 1; }
run taskset -c $cpu "$py" "$bench" get --url "$url" --ca "$tmp/ca.pem" -n "$n" \
  --rounds "$rounds" --n-official "$n_official"
stop_sandbox

run taskset -c $cpu "$py" "$bench" import --repeat 10
