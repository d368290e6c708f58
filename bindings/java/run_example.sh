#!/usr/bin/env bash
# Runs examples/java/Pay.java against the jars built by run_tests.sh
# ($MP_JAVA_JAR and $MP_JAVA_SANDBOX_JAR, default the newest
# bindings/java/client/target/mercadopago-native-*.jar and
# bindings/java/sandbox/target/mercadopago-native-sandbox-*.jar), with the
# binding's runtime dependencies (Jackson) resolved by Maven: what a new user does.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
newest() { ls -t "$@" 2>/dev/null | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$' | head -n 1 || true; }
jar=${MP_JAVA_JAR:-$(newest "$root"/bindings/java/client/target/mercadopago-native-*.jar)}
sandbox_jar=${MP_JAVA_SANDBOX_JAR:-$(newest "$root"/bindings/java/sandbox/target/mercadopago-native-sandbox-*.jar)}
for j in "$jar" "$sandbox_jar"; do
  [ -n "$j" ] && [ -f "$j" ] || { echo "no jars in bindings/java/{client,sandbox}/target: run bindings/java/run_tests.sh first" >&2; exit 1; }
done
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
(cd "$root/bindings/java/client" &&
 mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file")
java -cp "$jar:$sandbox_jar:$(cat "$cp_file")" "$root/examples/java/Pay.java"
