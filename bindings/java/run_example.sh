#!/usr/bin/env bash
# Runs examples/java/Pay.java against the jar built by run_tests.sh, with the
# binding's runtime dependencies (Jackson) resolved by Maven: what a new user does.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/bindings/java/target/mercadopago-native-0.1.0.jar
[ -f "$jar" ] || { echo "no $jar: run bindings/java/run_tests.sh first" >&2; exit 1; }
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$root/bindings/java" &&
 mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file")
java -cp "$jar:$(cat "$cp_file")" "$root/examples/java/Pay.java"
