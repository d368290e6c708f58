#!/usr/bin/env bash
# The build a packager or a consumer does, with no preset: plain CMake, Release.
#   1. GCC, with the tests (-DMP_BUILD_TESTS=ON), then ctest;
#   2. Clang, the default build (the library, the sandbox, the examples).
# CI adds -DMP_WERROR=ON: a Release-only warning (GCC's -O2/-O3 analyses)
# must be seen here, not by a user. bash scripts/plain_build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
werror=OFF
[ "${CI:-}" = true ] && werror=ON

echo "== plain Release build, GCC, with the tests"
CC=gcc CXX=g++ cmake -S . -B build/plain-gcc -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMP_BUILD_TESTS=ON -DMP_WERROR=$werror >/dev/null
cmake --build build/plain-gcc
# The browser tests (label web) run once, in the dev preset: a packager's build has no Chromium
# to prove anything more about, and they are the slowest of the suite.
ctest --test-dir build/plain-gcc -j2 --timeout 300 --output-on-failure -LE web

echo "== plain Release build, Clang, defaults"
CC=clang CXX=clang++ cmake -S . -B build/plain-clang -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMP_WERROR=$werror >/dev/null
cmake --build build/plain-clang
