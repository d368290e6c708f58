#!/usr/bin/env bash
# `bash scripts/demo.sh web`: the example shop (examples/web) against mp-sandbox over HTTPS,
# for a person to pay in a browser with a test card. Builds mp-sandbox and the PHP extension
# (build/demo-web), the Python binding into a venv with Flask (build/demo-web/venv), keeps the
# sandbox's CA in build/demo-web/ca (trust it once in the browser), creates a sandbox account
# and serves the shop from both merchant servers until Ctrl-C.
#
# Ports: SANDBOX_PORT (8443), PYTHON_SHOP_PORT (8000), PHP_SHOP_PORT (8001).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/build/demo-web
sandbox_port=${SANDBOX_PORT:-8443}
python_port=${PYTHON_SHOP_PORT:-8000}
php_port=${PHP_SHOP_PORT:-8001}

bash scripts/bootstrap.sh
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake --preset release -DMP_BUILD_TESTS=OFF -DMP_BUILD_BENCH=OFF -DMP_BUILD_EXAMPLES=OFF \
  -DMP_BUILD_PHP=ON -DMP_WERROR=$werror -B "$out" >/dev/null
cmake --build "$out" --target mp-sandbox mercadopago_php

venv=$out/venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install "flask>=2.2" "scikit-build-core>=1.0" "pybind11>=2.11"
CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} "${pip[@]}" install --no-build-isolation \
  --no-deps -Ccmake.build-type=Release -Cbuild-dir="$out/python-wheel" "$root/bindings/python"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 0' INT TERM

# A kept CA: trusted once in the browser, it stays valid across restarts.
mkdir -p "$out/ca"
"$out/sandbox/mp-sandbox" --tls --port "$sandbox_port" \
  --ca-cert "$out/ca/ca.pem" --ca-key "$out/ca/ca.key" >"$out/sandbox.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "listening on" "$out/sandbox.out" && break; sleep 0.1; done
sandbox_url=$(sed -n 's/^mp-sandbox listening on //p' "$out/sandbox.out")
[ -n "$sandbox_url" ] || { cat "$out/sandbox.out" >&2; exit 1; }

# A sandbox account: its access token stays with the servers, its public key goes to the pages.
account=$(curl -sf --cacert "$out/ca/ca.pem" -X POST "$sandbox_url/__sandbox/accounts" \
  -H 'Content-Type: application/json' -d '{"site_id":"MLB"}')
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])["test"][sys.argv[2]])' "$account" "$1"; }
export MP_ACCESS_TOKEN=$(field access_token) MP_PUBLIC_KEY=$(field public_key)
export MP_BASE_URL=$sandbox_url MP_CA_FILE=$out/ca/ca.pem SHOP_LOG=$out/received.log

"$venv/bin/python" examples/web/python/shop.py --port "$python_port" >"$out/python-shop.out" 2>&1 &
pids+=($!)
php -d extension="$out/bindings/php/mercadopago_native.so" -S "127.0.0.1:$php_port" \
  examples/web/php/router.php >"$out/php-shop.out" 2>&1 &
pids+=($!)
for port in "$python_port" "$php_port"; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/product.json" >/dev/null && break; sleep 0.1; done
done

cat <<TEXT

The example shop is up, paying against mp-sandbox at $sandbox_url:

  Python (Flask) server:  http://127.0.0.1:$python_port/
  PHP server:             http://127.0.0.1:$php_port/

The checkout pages load MercadoPago.js from $sandbox_url/js/v2, so the browser must
trust the sandbox's CA, $out/ca/ca.pem (kept across restarts; trust it once):
  Chrome/Chromium on Linux: certutil -d sql:\$HOME/.pki/nssdb -A -t "C,," -n mp-sandbox -i $out/ca/ca.pem
                            (libnss3-tools; then restart the browser)
  Firefox:                  Settings > Privacy & Security > Certificates > View Certificates >
                            Authorities > Import, and tick "trust this CA to identify websites"
  macOS:                    security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db $out/ca/ca.pem

Pay with the test card 5031 4332 1540 6351, expiry 11/30, security code 123, CPF 19119119100;
the cardholder name picks the outcome: APRO approved, OTHE rejected, CONT in process.
The bodies the servers received (never card data) are in $out/received.log.
Ctrl-C stops everything.
TEXT
wait
