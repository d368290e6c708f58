#!/usr/bin/env bash
# Clean-room test of the Java jars in dist/ (packaging/jars.sh), in the bare
# Debian of tests/cleanroom/room.sh with only a JRE added
# (openjdk-17-jre-headless: no JDK, no libcurl, no simdjson, no httplib, no
# package of ours). A Java program (tests/cleanroom/Pay.java, compiled on the
# host with javac --release 17: running a source file needs a JDK) starts the
# sandbox from mercadopago-native-sandbox, tokenizes an APRO test card and pays
# with it through mercadopago-native over HTTPS, with nothing on its class path
# but the two jars and Jackson's (resolved by Maven from the client's pom in
# dist/, copied from the local repository). The payment must be approved.
# Before it, ldd inside the room must find every library of the four natives
# the jars carry.
#   bash tests/cleanroom/jar.sh
set -euo pipefail
source "$(dirname "$0")/room.sh"
cd "$root"
bash scripts/bootstrap.sh

jar=$(dist_file 'mercadopago-native-[0-9]*[0-9].jar')
version=$(basename "$jar" .jar)
version=${version#mercadopago-native-}
sandbox_jar=$(dist_file "mercadopago-native-sandbox-$version.jar")
pom=$(dist_file "mercadopago-native-$version.pom")

start=$SECONDS
# The host's side (Maven's class path, Pay.class), kept on failure as the room is.
host=$root/build/cleanroom/jar.host
rm -rf "$host"
mkdir -p "$host"

echo "== clean room: Jackson, as the client's pom in dist/ asks (from the local Maven repository)"
mvn -B -q -Dstyle.color=never -f "$pom" dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$host/classpath" >"$host/mvn.log" 2>&1 || fail "mvn: $(tail -20 "$host/mvn.log")"
IFS=: read -r -a deps <"$host/classpath" || true # no newline at its end
((${#deps[@]} > 0)) || fail "the client's pom resolves no runtime dependency (Jackson)"
for d in "${deps[@]}"; do
  [[ $(basename "$d") =~ ^jackson- ]] || fail "a runtime dependency that is not Jackson's: $d"
  echo "   $(basename "$d")"
done

echo "== clean room: javac --release 17 tests/cleanroom/Pay.java (on the host)"
javac --release 17 -Xlint:all -Werror -d "$host/classes" -cp "$jar:$sandbox_jar" tests/cleanroom/Pay.java

room_open jar
# The JVM (and the JRE's own set-up, which runs java) reads /proc.
mount -t proc proc "$room/proc"
room_apt openjdk-17-jre-headless
mkdir -p "$room$work/lib" "$room$work/natives"
cp "$jar" "$sandbox_jar" "${deps[@]}" "$room$work/lib/"
cp -r "$host/classes" "$room$work/classes"
chmod -R a+rX "$room$work"

# Only a JRE: java, no javac; nothing of ours, of our libraries' dependencies
# or of a -dev of theirs.
in_room sh -c 'command -v java' >/dev/null || fail "no java in the clean room"
! in_room sh -c 'command -v javac' >/dev/null || fail "the clean room has a JDK (javac)"
room_bare openjdk-17-jdk
packages=$(in_room dpkg-query -W -f='${Status}\n' | grep -c ' installed$')
echo "   $(in_room java -version 2>&1 | head -1); $packages packages, no JDK"

echo "== clean room: ldd finds every library of the jars' natives"
for j in "$jar" "$sandbox_jar"; do
  (cd "$room$work/natives" && jar xf "$j" dev)
done
natives=$(cd "$room$work/natives" && find . -name '*.so*' -type f | sed 's|^\./||' | sort)
[[ $(wc -l <<<"$natives") -eq 4 ]] || fail "expected 4 natives in the jars, found: $natives"
for f in $natives; do
  out=$(in_room ldd "$work/natives/$f" 2>&1) || fail "ldd $f: $out"
  ! grep -q 'not found' <<<"$out" || fail "ldd $(basename "$f"): a library is not found:"$'\n'"$out"
  echo "   $(basename "$f"): $(grep -c '=>' <<<"$out") libraries, all found:" \
    "$(awk '$2 == "=>" {print $1}' <<<"$out" | tr '\n' ' ')"
done

echo "== clean room: java -cp <the two jars, Jackson> Pay"
rc=0
out=$(in_room java -cp "$work/classes:$work/lib/*" Pay 2>&1) || rc=$?
echo "$out" | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "Pay exited with $rc"
grep -Eq '^payment [0-9]+: approved/accredited$' <<<"$out" || fail "the payment was not approved"

room_close
rm -rf "$host"
echo "== clean room: the jars run on a bare $suite with only a JRE ($((SECONDS - start)) s)"
