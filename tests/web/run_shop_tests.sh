#!/usr/bin/env bash
# Runs the example shop's tests (examples/web) with pytest, in a venv under the build dir
# holding Flask, Playwright (driving Debian's chromium; no browser is ever downloaded) and
# the Python binding, pip-installed from bindings/python (built in build/python-wheel, the tree
# bindings/python/run_tests.sh builds in too, so that a test run compiles the binding once).
#
#   tests/web/run_shop_tests.sh BUILD_DIR MP_SANDBOX PHP PHP_EXTENSION [pytest args...]
set -euo pipefail

build=$(cd "$1" && pwd); sandbox=$(realpath "$2"); php=$(command -v "$3" || echo "$3"); php_ext=$(realpath "$4")
shift 4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=$build/web-shop-venv

for tool in chromium certutil "$php"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (scripts/bootstrap.sh installs it)" >&2; exit 1; }
done

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
# Pinned: Playwright drives the system Chromium over CDP (versions as in the design notes).
"${pip[@]}" install "playwright==1.65.2" "flask>=2.2" "pytest>=7" "scikit-build-core>=1.0" "pybind11>=2.11"
# The binding, rebuilt only when its sources or the library's changed (the build tree is kept).
stamp=$venv/.mercadopago_native-sources
sources=(CMakeLists.txt cmake capi core sandbox/src sandbox/include bindings/python)
rev=$({ git -C "$root" ls-files -s -- "${sources[@]}"; git -C "$root" diff -- "${sources[@]}"; } | md5sum | cut -c1-32)
if [ "$(cat "$stamp" 2>/dev/null)" != "$rev" ]; then
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} "${pip[@]}" install --no-build-isolation \
    --no-deps --force-reinstall -Ccmake.build-type=Release -Cbuild-dir="$root/build/python-wheel" \
    "$root/bindings/python"
  echo "$rev" >"$stamp"
fi

export MP_SANDBOX_BIN=$sandbox PHP_BIN=$php PHP_EXTENSION=$php_ext
export WEB_ARTIFACTS=$build/web-artifacts
mkdir -p "$WEB_ARTIFACTS"
cd "$here"
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q -rs "$@"
