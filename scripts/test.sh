#!/usr/bin/env bash
# Builds and runs every test: scripts/test.sh [PRESET]  (dev, asan, tsan, release)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash scripts/bootstrap.sh
cmake --preset "$preset" -DMP_BUILD_TESTS=ON >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"
# The Python binding's tests (pip-installs it into build/pyenv) with the main suite.
if [ "$preset" = dev ]; then
  bash bindings/python/run_tests.sh
fi
