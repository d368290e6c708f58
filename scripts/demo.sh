#!/usr/bin/env bash
# The main job: build and install libmercadopago, then compile the C89
# checkout example against the installed library with pkg-config, exactly as
# a user would, and run it against the embedded sandbox over HTTPS.
set -euo pipefail
cd "$(dirname "$0")/.."
# `bash scripts/demo.sh web`: the browser checkout instead (scripts/demo_web.sh).
if [ "${1:-}" = web ]; then
  exec bash scripts/demo_web.sh
fi
bash scripts/bootstrap.sh
# -Werror in CI only (a user's newer compiler must not fail the demo).
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake --preset release -DMP_BUILD_TESTS=OFF -DMP_BUILD_BENCH=OFF -DMP_WERROR=$werror -B build/demo >/dev/null
cmake --build build/demo
prefix=$PWD/build/prefix
cmake --install build/demo --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name mercadopago.pc)")
export PKG_CONFIG_PATH=$libdir
cc -std=c89 -pedantic -Wall -Wextra -Werror examples/checkout.c -o build/checkout \
  $(pkg-config --cflags --libs mercadopago mercadopago-sandbox) \
  -Wl,-rpath,"$(pkg-config --variable=libdir mercadopago)"
echo "Built examples/checkout.c against $prefix; running it:"
echo
exec build/checkout
