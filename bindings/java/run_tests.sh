#!/usr/bin/env bash
# Builds the Java binding and runs its tests against the embedded sandbox:
#   bash bindings/java/run_tests.sh [extra mvn arguments]
# The build directory is $MP_BUILD_DIR (default build/dev, configured with the
# dev preset when it has no Java build yet).
# 1. CMake (MP_BUILD_JAVA=ON): libmercadopago, the sandbox, SWIG's two wrappers
#    (libmercadopago_jni.so over libmercadopago, libmercadopago_sandbox_jni.so
#    over libmercadopago-sandbox) with the proxies of dev.libmercadopago.internal
#    and dev.libmercadopago.sandbox.internal; it checks that the generated
#    sources (bindings/java/generate.py) are current;
# 2. Maven, over both modules (bindings/java/pom.xml), with the version CMake
#    read from mercadopago.h (its project version): the client jar
#    (client/, mercadopago-native) with its own tests, which have no sandbox
#    on the class path (the loader; a client call maps no sandbox library),
#    then the sandbox jar (sandbox/, mercadopago-native-sandbox) with the
#    binding's suite against the sandbox over HTTPS; each module packages its
#    jar (natives inside), sources and javadoc, and runs its *IT tests
#    against its packaged jar (failsafe);
# 3. the README's example (examples/java/Pay.java) from the two jars.
# Needs cmake, ninja, python3, swig >= 4.1, a JDK 17 and Maven (dependencies from Maven Central).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MP_BUILD_DIR:-$root/build/dev}
case $build in /*) ;; *) build=$root/$build ;; esac
jobs=${MP_JOBS:-2}

if ! grep -q '^MP_BUILD_JAVA:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  cmake --preset dev -S "$root" -B "$build" -DMP_BUILD_TESTS=ON -DMP_BUILD_JAVA=ON >/dev/null
fi
cmake --build "$build" -j"$jobs" --target mercadopago_jni mercadopago_sandbox_jni

# The version the build read from mercadopago.h (CMake's project version).
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || { echo "java: no CMAKE_PROJECT_VERSION in $build/CMakeCache.txt" >&2; exit 1; }

cd "$root/bindings/java"
mvn -B -q -Dstyle.color=never \
  -Drevision="$version" \
  -Dmp.cmake.java.dir="$build/bindings/java" \
  verify "$@"
jar=$root/bindings/java/client/target/mercadopago-native-$version.jar
sandbox_jar=$root/bindings/java/sandbox/target/mercadopago-native-sandbox-$version.jar
echo "java: all tests passed; jars: $jar $sandbox_jar"
# The README's way to a first payment, from the built jars.
out=$(MP_JAVA_JAR=$jar MP_JAVA_SANDBOX_JAR=$sandbox_jar bash "$root/bindings/java/run_example.sh")
echo "$out"
grep -q ' approved ' <<<"$out" || { echo "java: the example made no approved payment" >&2; exit 1; }
