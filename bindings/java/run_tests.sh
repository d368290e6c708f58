#!/usr/bin/env bash
# Builds the Java binding and runs its tests against the embedded sandbox:
#   bash bindings/java/run_tests.sh [extra mvn arguments]
# The build directory is $MP_BUILD_DIR (default build/dev, configured with the
# dev preset when it has no Java build yet).
# 1. CMake (MP_BUILD_JAVA=ON): libmercadopago, the sandbox, SWIG's wrapper and
#    libmercadopago_jni.so, plus the proxies of dev.libmercadopago.internal; it
#    checks that the generated sources (bindings/java/generate.py) are current;
# 2. Maven, with the version CMake read from mercadopago.h (its project version):
#    compiles, runs the unit tests (surefire), packages the jar with the natives
#    inside and runs the *IT tests against that jar (failsafe).
# Needs cmake, ninja, python3, swig >= 4.1, a JDK 17 and Maven (dependencies from Maven Central).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MP_BUILD_DIR:-$root/build/dev}
case $build in /*) ;; *) build=$root/$build ;; esac
jobs=${MP_JOBS:-2}

if ! grep -q '^MP_BUILD_JAVA:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  cmake --preset dev -S "$root" -B "$build" -DMP_BUILD_TESTS=ON -DMP_BUILD_JAVA=ON >/dev/null
fi
cmake --build "$build" -j"$jobs" --target mercadopago_jni mercadopago mercadopago_sandbox

# The version the build read from mercadopago.h (CMake's project version).
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || { echo "java: no CMAKE_PROJECT_VERSION in $build/CMakeCache.txt" >&2; exit 1; }

cd "$root/bindings/java"
mvn -B -q -Dstyle.color=never \
  -Drevision="$version" \
  -Dmp.swig.dir="$build/bindings/java/swig" \
  -Dmp.native.dir="$build/bindings/java/native" \
  verify "$@"
jar=$root/bindings/java/target/mercadopago-native-$version.jar
echo "java: all tests passed; jar: $jar"
# The README's way to a first payment, from the built jar.
out=$(MP_JAVA_JAR=$jar bash "$root/bindings/java/run_example.sh")
echo "$out"
grep -q ' approved ' <<<"$out" || { echo "java: the example made no approved payment" >&2; exit 1; }
