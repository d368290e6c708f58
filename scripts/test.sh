#!/usr/bin/env bash
# Builds and runs every test: scripts/test.sh [PRESET]  (dev, asan, tsan, release)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash scripts/bootstrap.sh
# The SWIG bindings (PHP extension, Java JNI library) are built and tested in
# the dev preset; the sanitizer presets test the C and C++ code alone, since a
# sanitized library cannot be loaded into an uninstrumented php or java.
bindings=()
[ "$preset" = dev ] && bindings=(-DMP_BUILD_PHP=ON -DMP_BUILD_JAVA=ON)
cmake --preset "$preset" -DMP_BUILD_TESTS=ON "${bindings[@]}" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"   # includes PHPUnit ("php: phpunit") in the dev preset
if [ "$preset" = dev ]; then
  # The Python binding (pip-installs it into build/pyenv) and the Java binding
  # (Maven: JUnit against the jar with its natives inside).
  bash bindings/python/run_tests.sh
  bash bindings/java/run_tests.sh
fi
