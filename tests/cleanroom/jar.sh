#!/usr/bin/env bash
# Clean-room test of the Java jars in dist/ (made by packaging/jars.sh): in a
# bare Debian bookworm (debootstrap --variant=minbase) with only a JRE added
# (openjdk-17-jre-headless: no JDK, no libcurl, no simdjson, no httplib, no
# package of ours), a Java program (tests/cleanroom/Pay.java, compiled on the
# host with javac --release 17: running a source file needs a JDK) starts the
# sandbox from mercadopago-native-sandbox, tokenizes an APRO test card and pays
# with it through mercadopago-native, with nothing on its class path but the
# two jars and Jackson's (resolved by Maven from the client's pom in dist/,
# copied from the local repository). The payment must be approved. Before it,
# ldd inside the room must find every library of every native the jars carry.
#
# The base chroot is debs.sh's when it has one cached (build/cleanroom/bookworm,
# minbase plus gcc, pkg-config and ca-certificates), else this test's own
# debootstrap; the JRE is installed in a copy of it, prepared once and kept in
# build/cleanroom-jar/bookworm-jre; each run works in a fresh copy of that
# (build/cleanroom-jar/run, kept when the test fails). The mirror is the
# host's, read from its APT sources. Needs root (debootstrap, chroot, mount).
#   bash tests/cleanroom/jar.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
base_cache=$root/build/cleanroom/bookworm
cache=$root/build/cleanroom-jar/bookworm-jre
room=$root/build/cleanroom-jar/run
# Inside the chroot: the test's own folder.
work=/tmp/cleanroom-jar
suite=bookworm
# The host's scratch folder (Maven's class path, Pay.class).
host=""

fail() {
  echo "cleanroom-jar: FAILED: $*" >&2
  exit 1
}

# unmount_under DIR: unmounts whatever is mounted at or below DIR, deepest first.
unmount_under() {
  local dir mounts
  dir=$(realpath -m "$1")
  mounts=$(findmnt -rn -o TARGET | grep -E "^$dir(/|$)" | sort -r || true)
  [[ -z $mounts ]] || xargs -r -n1 umount <<<"$mounts"
}

# remove_tree DIR: deletes a chroot tree, never through a mount point.
remove_tree() {
  unmount_under "$1"
  rm -rf --one-file-system "$1"
}

cleanup() {
  local rc=$?
  [[ -z $host ]] || rm -rf "$host"
  unmount_under "$room"
  unmount_under "$cache.partial"
  if [[ $rc -ne 0 ]]; then
    echo "cleanroom-jar: the chroot of this run is kept in ${room#"$root"/}" >&2
  fi
  return $rc
}
trap cleanup EXIT

# in_chroot DIR COMMAND...: runs COMMAND in the chroot DIR with a clean environment,
# nothing of the host's (CLASSPATH, JAVA_HOME, LD_LIBRARY_PATH, ...) leaking in.
in_chroot() {
  local dir=$1
  shift
  chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# The host's Debian mirror for the suite, from its APT sources (one-line .list
# files or deb822 .sources files).
host_mirror() {
  local f uri=""
  shopt -s nullglob
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    uri=$(awk -v suite="$suite" '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
        if ($(i + 1) == suite) { print $i; exit }
      }' "$f")
    [[ -z $uri ]] || break
  done
  if [[ -z $uri ]]; then
    for f in /etc/apt/sources.list.d/*.sources; do
      uri=$(awk -v suite="$suite" '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " suite " ") && uris != "") {
            split(uris, u, " "); print u[1]; found = 1; exit
          }
          types = ""; suites = ""; uris = ""; enabled = ""
        }
        /^[ \t]*$/ { flush(); next }
        /^#/ { next }
        tolower($1) == "types:" { $1 = ""; types = substr($0, 2) }
        tolower($1) == "suites:" { $1 = ""; suites = substr($0, 2) }
        tolower($1) == "uris:" { $1 = ""; uris = substr($0, 2) }
        tolower($1) == "enabled:" { enabled = tolower($2) }
        END { if (!found) flush() }' "$f")
      [[ -z $uri ]] || break
    done
  fi
  shopt -u nullglob
  [[ -n $uri ]] || fail "no '$suite' mirror in /etc/apt/sources.list or /etc/apt/sources.list.d/"
  echo "$uri"
}

# The prepared chroot, made once: a bare bookworm (debs.sh's cached one when
# there is one, else our own debootstrap) plus openjdk-17-jre-headless; the
# APT lists and archives are left out.
prepare() {
  if [[ -f $cache/.cleanroom-ready ]]; then
    echo "== clean room: the prepared $suite chroot with a JRE is cached in ${cache#"$root"/}"
    return
  fi
  local mirror start=$SECONDS
  remove_tree "$cache"
  remove_tree "$cache.partial"
  mkdir -p "$(dirname "$cache")"
  if [[ -f $base_cache/.cleanroom-ready ]]; then
    echo "== clean room: a copy of debs.sh's $suite chroot (${base_cache#"$root"/})"
    cp -a "$base_cache" "$cache.partial"
    rm -f "$cache.partial/.cleanroom-ready"
  else
    mirror=$(host_mirror)
    echo "== clean room: debootstrap --variant=minbase $suite (the host's mirror)"
    debootstrap --variant=minbase "$suite" "$cache.partial" "$mirror" \
      >"$root/build/cleanroom-jar/debootstrap.log" 2>&1 ||
      fail "debootstrap (log: build/cleanroom-jar/debootstrap.log): $(tail -5 "$root/build/cleanroom-jar/debootstrap.log")"
    unmount_under "$cache.partial"
  fi
  echo "== clean room: apt-get install openjdk-17-jre-headless (once)"
  cp -L /etc/resolv.conf "$cache.partial/etc/resolv.conf"
  mount -t proc proc "$cache.partial/proc"
  in_chroot "$cache.partial" apt-get update -q >/dev/null
  in_chroot "$cache.partial" apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \
    >"$root/build/cleanroom-jar/jre.log" 2>&1 ||
    fail "apt-get install openjdk-17-jre-headless: $(tail -20 "$root/build/cleanroom-jar/jre.log")"
  unmount_under "$cache.partial"
  find "$cache.partial"/var/cache/apt/archives "$cache.partial"/var/lib/apt/lists -maxdepth 1 \
    -type f -delete
  mv "$cache.partial" "$cache"
  touch "$cache/.cleanroom-ready"
  echo "   prepared in $((SECONDS - start)) s"
}

[[ $(id -u) -eq 0 ]] || fail "needs root (debootstrap, chroot and mount)"
bash scripts/bootstrap.sh
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null

# The two jars jars.sh made, one of each, of one version.
jar=$(find dist -maxdepth 1 -name 'mercadopago-native-[0-9]*.jar' ! -name '*-sources.jar' \
  ! -name '*-javadoc.jar' 2>/dev/null || true)
[[ -n $jar && $(wc -l <<<"$jar") -eq 1 ]] ||
  fail "want one dist/mercadopago-native-<version>.jar, found: '$jar' (run bash packaging/jars.sh first)"
version=${jar#dist/mercadopago-native-}
version=${version%.jar}
sandbox_jar=dist/mercadopago-native-sandbox-$version.jar
pom=dist/mercadopago-native-$version.pom
for f in "$sandbox_jar" "$pom"; do
  [[ -f $f ]] || fail "no $f beside $jar (run bash packaging/jars.sh first)"
done

start=$SECONDS
host=$(mktemp -d)

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

prepare

echo "== clean room: a fresh copy of the chroot in ${room#"$root"/}"
remove_tree "$room"
cp -a "$cache" "$room"
mount -t proc proc "$room/proc"
mkdir -p "$room$work/lib" "$room$work/natives"
cp "$jar" "$sandbox_jar" "${deps[@]}" "$room$work/lib/"
cp -r "$host/classes" "$room$work/classes"
chmod -R a+rX "$room$work"

# Only a JRE: java, no javac; nothing of ours, of our libraries' dependencies
# or of a -dev of theirs.
in_chroot "$room" sh -c 'command -v java' >/dev/null || fail "no java in the clean room"
! in_chroot "$room" sh -c 'command -v javac' >/dev/null || fail "the clean room has a JDK (javac)"
present=$(in_chroot "$room" dpkg-query -W -f='${Package} ${Status}\n' | awk '$NF == "installed" {print $1}')
early=$(grep -E '^(libmercadopago|mercadopago-|libcurl|libsimdjson|libcpp-httplib|libssl-dev|nlohmann|openjdk-17-jdk)' <<<"$present" || true)
[[ -z $early ]] || fail "in the clean room, and should not be: $early"
echo "   $(in_chroot "$room" java -version 2>&1 | head -1); $(wc -l <<<"$present") packages, no JDK"

echo "== clean room: ldd finds every library of the jars' natives"
for j in "$jar" "$sandbox_jar"; do
  (cd "$room$work/natives" && jar xf "$root/$j" dev)
done
natives=$(cd "$room$work/natives" && find . -name '*.so*' -type f | sed 's|^\./||' | sort)
[[ $(wc -l <<<"$natives") -eq 4 ]] || fail "expected 4 natives in the jars, found: $natives"
for f in $natives; do
  out=$(in_chroot "$room" ldd "$work/natives/$f" 2>&1) || fail "ldd $f: $out"
  ! grep -q 'not found' <<<"$out" || fail "ldd $(basename "$f"): a library is not found:"$'\n'"$out"
  echo "   $(basename "$f"): $(grep -c '=>' <<<"$out") libraries, all found:" \
    "$(awk '$2 == "=>" {print $1}' <<<"$out" | tr '\n' ' ')"
done

echo "== clean room: java -cp <the two jars, Jackson> Pay"
rc=0
out=$(in_chroot "$room" java -cp "$work/classes:$work/lib/*" Pay 2>&1) || rc=$?
echo "$out" | sed 's/^/   /'
[[ $rc -eq 0 ]] || fail "Pay exited with $rc"
grep -Eq '^payment [0-9]+: approved/accredited$' <<<"$out" || fail "the payment was not approved"

unmount_under "$room"
remove_tree "$room"
echo "== clean room: the jars run on a bare $suite with only a JRE ($((SECONDS - start)) s)"
