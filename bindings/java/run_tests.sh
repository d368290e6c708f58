#!/usr/bin/env bash
# Builds the Java binding and runs its tests against the embedded sandbox:
#   bash bindings/java/run_tests.sh [extra mvn arguments]
# 1. CMake (preset dev, MP_BUILD_JAVA=ON): libmercadopago, the sandbox, SWIG's
#    wrapper and libmercadopago_jni.so, plus the proxies of dev.libmercadopago.internal;
# 2. Maven: compiles, runs the unit tests (surefire), packages the jar with the
#    natives inside and runs the *IT tests against that jar (failsafe).
# Needs cmake, ninja, swig >= 4.1, a JDK 17 and Maven (dependencies from Maven Central).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build/dev
jobs=${MP_JOBS:-2}

if ! grep -q '^MP_BUILD_JAVA:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  cmake --preset dev -S "$root" -DMP_BUILD_TESTS=ON -DMP_BUILD_JAVA=ON >/dev/null
fi
cmake --build "$build" -j"$jobs" --target mercadopago_jni mercadopago mercadopago_sandbox

cd "$root/bindings/java"
mvn -B -q -Dstyle.color=never \
  -Dmp.swig.dir="$build/bindings/java/swig" \
  -Dmp.native.dir="$build/bindings/java/native" \
  verify "$@"
echo "java: all tests passed; jar: $root/bindings/java/target/mercadopago-native-0.1.0.jar"
# The README's way to a first payment, from the built jar.
out=$(bash "$root/bindings/java/run_example.sh")
echo "$out"
grep -q ' approved ' <<<"$out" || { echo "java: the example made no approved payment" >&2; exit 1; }

