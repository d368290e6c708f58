#!/usr/bin/env bash
# Builds and tests the Python binding from a clean checkout (what CI calls):
# a venv under build/pyenv, the package pip-installed from bindings/python
# (which builds libmercadopago and the extension), then pytest against the
# embedded sandbox over HTTPS. Extra arguments go to pytest.
#
#   bash bindings/python/run_tests.sh            # everything
#   bash bindings/python/run_tests.sh -k paging  # a subset
#
# The CMake build tree is kept in build/python-wheel, so a second run only
# recompiles what changed (pip runs without build isolation for that).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/build/pyenv"
python="${PYTHON:-python3}"

# The C library's build dependencies (Debian packages; a no-op when present).
bash "$root/scripts/bootstrap.sh"

if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    # Debian ships venv's ensurepip separately.
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    rm -rf "$venv"
    pyver="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
      "python${pyver}-venv" || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q python3-venv
    "$python" -m venv "$venv"
  fi
fi

pip=("$venv/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install -q "scikit-build-core>=1.0" "pybind11>=2.11" "pytest>=7" \
  "pytest-asyncio>=0.23" "mypy>=1.5"  # as pyproject.toml asks
# For tests only: the official package 3.6.0, whose behaviour the README
# compares (tests/test_official_package_faults.py), and Flask, so that mypy
# --strict checks the example shop (tests/test_typing.py).
"${pip[@]}" install -q "mercadopago==3.6.0" "flask>=2.2"

export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
start=$(date +%s)
"${pip[@]}" install -q --no-build-isolation --no-deps --force-reinstall \
  -Ccmake.build-type=Release -Cbuild-dir="$root/build/python-wheel" "$here"
echo "run_tests: package built and installed in $(( $(date +%s) - start )) s"

# From the tests folder, so that the installed package (not the source tree,
# which has no compiled extension) is the one imported.
cd "$here/tests"
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q -rs "$@"
