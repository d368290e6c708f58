#!/usr/bin/env bash
# Runs examples/java/Pay.java against the jar built by run_tests.sh ($MP_JAVA_JAR,
# default the newest bindings/java/target/mercadopago-native-*.jar), with the
# binding's runtime dependencies (Jackson) resolved by Maven: what a new user does.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${MP_JAVA_JAR:-$(ls -t "$root"/bindings/java/target/mercadopago-native-*.jar 2>/dev/null | head -n 1)}
[ -n "$jar" ] && [ -f "$jar" ] || { echo "no jar in bindings/java/target: run bindings/java/run_tests.sh first" >&2; exit 1; }
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$root/bindings/java" &&
 mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file")
java -cp "$jar:$(cat "$cp_file")" "$root/examples/java/Pay.java"
