#!/usr/bin/env bash
# Builds the Java artifacts into dist/, as sqlite-jdbc and netty-tcnative ship
# theirs: for each of dev.libmercadopago:mercadopago-native (the client, with
# libmercadopago and libmercadopago_jni inside) and
# dev.libmercadopago:mercadopago-native-sandbox (the sandbox and its JUnit 5
# extension, with libmercadopago-sandbox and libmercadopago_sandbox_jni
# inside), the jar, its -sources.jar and -javadoc.jar, and its pom (flattened:
# the version written out, no parent). Prints each artifact's size, every
# native's NEEDED entries, and the build time.
#
#   bash packaging/jars.sh          (from anywhere; packaging/dist.sh calls it)
#
# 1. Installs what it needs (scripts/bootstrap.sh: swig, a JDK 17, Maven, ...).
# 2. The natives, a Release build with MP_BUILD_JAVA=ON, one of:
#    - MP_JAVA_NATIVES=static (the default): self-contained, as the Python
#      wheel's: zig for glibc 2.17 (packaging/zig_toolchain.sh, with ziglang
#      from PyPI in build/java-venv) against the static OpenSSL, libcurl and
#      simdjson and the header-only cpp-httplib of packaging/third_party.sh
#      (its cached prefix is shared with packaging/wheel.sh); zig links libc++
#      statically, so the natives need glibc only. In build/java-static.
#    - MP_JAVA_NATIVES=release: the host's compiler and shared libraries
#      (cmake --preset release), in build/java-release: the natives then need
#      libcurl, OpenSSL, simdjson and cpp-httplib from the host.
#    - MP_JAVA_NATIVE_BUILD=<dir>: the natives of that CMake build (configured
#      with MP_BUILD_JAVA=ON, Release), built elsewhere.
#    The files each libraries.list names (and the list) are copied into
#    build/java-release/jar-natives/{client,sandbox} and stripped
#    (--strip-unneeded), and each one's NEEDED entries are checked: our own
#    libraries must be in the same jar, and, unless MP_JAVA_SELF_CONTAINED=0
#    (the default for the release mode), nothing else but glibc, libstdc++ and
#    libgcc_s may be needed from the host.
# 3. Maven over bindings/java (both modules), -Drevision from the build's
#    project version, into build/java-release/maven/<artifact> (never the
#    source tree's target/): compiles, packages, and runs the *IT tests
#    against the packaged jars (each loads its own natives; a client call from
#    the client jar alone maps no sandbox library; a payment over both).
# 4. Copies the artifacts into dist/ (created; the older mercadopago-native*
#    files there are replaced, anything else is left alone).
# tests/cleanroom/jar.sh then runs them on a bare Debian with only a JRE.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$root/dist
release=$root/build/java-release
static=$root/build/java-static
mode=${MP_JAVA_NATIVES:-static}
case $mode in
  static) natives_build=$static self_contained=${MP_JAVA_SELF_CONTAINED:-1} ;;
  release) natives_build=$release self_contained=${MP_JAVA_SELF_CONTAINED:-0} ;;
  *) echo "jars.sh: MP_JAVA_NATIVES is 'static' or 'release', not '$mode'" >&2; exit 1 ;;
esac
if [[ -n ${MP_JAVA_NATIVE_BUILD:-} ]]; then
  natives_build=$MP_JAVA_NATIVE_BUILD self_contained=${MP_JAVA_SELF_CONTAINED:-1}
  case $natives_build in /*) ;; *) natives_build=$root/$natives_build ;; esac
fi
stage=$release/jar-natives
maven_out=$release/maven
jobs=${MP_JOBS:-2}
start=$SECONDS

fail() {
  echo "jars.sh: $*" >&2
  exit 1
}

echo "== jars: packages (scripts/bootstrap.sh)"
bash "$root/scripts/bootstrap.sh" >/dev/null

# --- 2. The natives ---------------------------------------------------------
# static_natives: configures and builds $static with zig and the static prefix.
static_natives() {
  local venv=$root/build/java-venv toolchain=$root/build/java-toolchain prefix probe java_home
  # ziglang pinned as packaging/wheel.sh pins it (the prefix's key names zig's version).
  local zig_pin="ziglang==0.13.0"
  if [[ ! -x $venv/bin/python || $(cat "$venv/.tools" 2>/dev/null) != "$zig_pin" ]]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$zig_pin"
    echo "$zig_pin" >"$venv/.tools"
  fi
  bash "$root/packaging/zig_toolchain.sh" "$venv/bin/python" "$toolchain"
  echo "   third-party prefix (packaging/third_party.sh; built once, then cached)"
  prefix=$(bash "$root/packaging/third_party.sh" "$toolchain")
  [[ -d $prefix/lib ]] || fail "packaging/third_party.sh gave no prefix"
  echo "   ${prefix#"$root"/}"
  # A new prefix (other versions) means a new build: CMake caches what it found.
  if [[ $(cat "$static/.prefix" 2>/dev/null) != "$prefix" ]]; then
    rm -rf "$static"
  fi
  mkdir -p "$static"
  echo "$prefix" >"$static/.prefix"

  # zig 0.13's driver refuses two spellings the build may use: the
  # toolchain's -Wl,--exclude-libs,ALL (each library then hides what it
  # links by its own version script: capi/, sandbox/, bindings/java/jni.map)
  # and CMake's -Xlinker --version-script=FILE (LINKER: options), which it
  # takes as -Wl,--version-script=FILE. Each is probed, and worked around
  # only when refused.
  probe=$static/probe
  mkdir -p "$probe"
  echo 'int mp_probe(void) { return 0; }' >"$probe/probe.c"
  printf '{ global: mp_probe; local: *; };\n' >"$probe/probe.map"
  local flags=() include=$static/zig_linker.cmake
  : >"$include"
  if ! "$toolchain/cc" -shared -fPIC "$probe/probe.c" -o "$probe/probe.so" \
    -Wl,--exclude-libs,ALL >/dev/null 2>&1; then
    flags+=(-DCMAKE_SHARED_LINKER_FLAGS= -DCMAKE_MODULE_LINKER_FLAGS=)
  fi
  if ! "$toolchain/cc" -shared -fPIC "$probe/probe.c" -o "$probe/probe.so" \
    -Xlinker "--version-script=$probe/probe.map" >/dev/null 2>&1; then
    printf 'set(CMAKE_%s_LINKER_WRAPPER_FLAG "-Wl,")\nset(CMAKE_%s_LINKER_WRAPPER_FLAG_SEP ",")\n' \
      C C CXX CXX >"$include"
  fi
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  # As packaging/wheel.sh configures the wheel's build, plus the Java binding;
  # the toolchain hides the host's /usr, so swig, python3 and the JDK are named.
  PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH="" \
    cmake -S "$root" -B "$static" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain/toolchain.cmake" -DCMAKE_PREFIX_PATH="$prefix" \
    -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=ON \
    -DCMAKE_PROJECT_INCLUDE="$include" "${flags[@]}" \
    -DMP_BUILD_JAVA=ON -DMP_BUILD_TESTS=OFF -DMP_BUILD_BENCH=OFF -DMP_BUILD_EXAMPLES=OFF \
    -DJAVA_HOME="$java_home" -DSWIG_EXECUTABLE="$(command -v swig)" \
    -DPython3_EXECUTABLE="$(command -v python3)" >/dev/null
  cmake --build "$static" -j"$jobs" --target mercadopago_jni mercadopago_sandbox_jni
}

if [[ -n ${MP_JAVA_NATIVE_BUILD:-} ]]; then
  echo "== jars: natives of ${natives_build#"$root"/} (MP_JAVA_NATIVE_BUILD)"
elif [[ $mode == static ]]; then
  echo "== jars: self-contained Release natives in ${static#"$root"/} (zig, glibc 2.17, static third-party libraries)"
  static_natives
else
  echo "== jars: Release natives in ${release#"$root"/} (cmake --preset release -DMP_BUILD_JAVA=ON)"
  if ! grep -q '^MP_BUILD_JAVA:BOOL=ON' "$release/CMakeCache.txt" 2>/dev/null; then
    cmake --preset release -S "$root" -B "$release" -DMP_BUILD_JAVA=ON >/dev/null
  fi
  cmake --build "$release" -j"$jobs" --target mercadopago_jni mercadopago_sandbox_jni
fi
natives_s=$((SECONDS - start))
grep -q '^MP_BUILD_JAVA:BOOL=ON' "$natives_build/CMakeCache.txt" 2>/dev/null ||
  fail "$natives_build is not a CMake build with MP_BUILD_JAVA=ON"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$natives_build/CMakeCache.txt")
[[ $build_type == Release || $build_type == MinSizeRel ]] ||
  fail "$natives_build is a '$build_type' build: the jars ship Release natives"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$natives_build/CMakeCache.txt")
[[ -n $version ]] || fail "no CMAKE_PROJECT_VERSION in $natives_build/CMakeCache.txt"
java_build=$natives_build/bindings/java

# What a native may need from the host besides the other libraries of its jar.
system_libs='^(libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libstdc\+\+\.so\.6|libgcc_s\.so\.1|ld-linux-x86-64\.so\.2)$'
host_needed=()

# stage FROM TO: the libraries FROM/libraries.list names, and the list, into TO, stripped.
stage() {
  local from=$1 to=$2 lib needed
  [[ -f $from/libraries.list ]] || fail "$from has no libraries.list (build the Java targets first)"
  rm -rf "$to"
  mkdir -p "$to"
  cp "$from/libraries.list" "$to/"
  while read -r lib; do
    [[ -n $lib ]] || continue
    [[ -f $from/$lib ]] || fail "$from/libraries.list names $lib, which is not there"
    cp "$from/$lib" "$to/$lib"
    strip --strip-unneeded "$to/$lib"
  done <"$from/libraries.list"
  while read -r lib; do
    [[ -n $lib ]] || continue
    needed=$(readelf -d "$to/$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    echo "   $lib NEEDED: $(echo $needed)"
    while read -r dep; do
      [[ -n $dep ]] || continue
      grep -qxF "$dep" "$to/libraries.list" && continue # ours, in the same jar
      [[ $dep =~ mercadopago ]] && fail "$lib needs $dep, which is not in its jar"
      [[ $dep =~ $system_libs ]] || host_needed+=("$lib: $dep")
    done <<<"$needed"
  done <"$to/libraries.list"
}
echo "== jars: natives, stripped, into ${stage#"$root"/}"
stage "$java_build/native" "$stage/client"
stage "$java_build/native-sandbox" "$stage/sandbox"
if ((${#host_needed[@]})); then
  msg="the natives need host libraries beyond glibc, libstdc++ and libgcc_s: ${host_needed[*]}"
  [[ $self_contained == 1 ]] && fail "$msg"
  echo "   note: $msg (MP_JAVA_NATIVES=static ships self-contained natives)"
fi

# --- 3. Maven ---------------------------------------------------------------
echo "== jars: Maven (version $version), into ${maven_out#"$root"/}"
rm -rf "$maven_out"
# Unit tests are run_tests.sh's; here the *IT tests check the packaged jars.
(cd "$root/bindings/java" &&
  mvn -B -q -Dstyle.color=never \
    -Drevision="$version" \
    -Dmp.maven.dir="$maven_out/\${project.artifactId}" \
    -Dmp.swig.dir="$java_build/swig" -Dmp.native.dir="$stage/client" \
    -Dmp.sandbox.swig.dir="$java_build/swig-sandbox" -Dmp.sandbox.native.dir="$stage/sandbox" \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    verify)

# --- 4. dist/ ---------------------------------------------------------------
mkdir -p "$dist"
rm -f "$dist"/mercadopago-native-*.jar "$dist"/mercadopago-native-*.pom
artifacts=()
for artifact in mercadopago-native mercadopago-native-sandbox; do
  out=$maven_out/$artifact
  for suffix in .jar -sources.jar -javadoc.jar; do
    f=$out/$artifact-$version$suffix
    [[ -f $f ]] || fail "Maven made no $f"
    cp "$f" "$dist/"
    artifacts+=("$dist/$artifact-$version$suffix")
  done
  pom=$out/.flattened-pom.xml
  [[ -f $pom ]] || fail "Maven made no flattened pom for $artifact"
  grep -q "<version>$version</version>" "$pom" || fail "$pom does not carry version $version"
  ! grep -q '<parent>' "$pom" || fail "$pom still names its parent"
  cp "$pom" "$dist/$artifact-$version.pom"
  artifacts+=("$dist/$artifact-$version.pom")
done

# The natives in the jars are the staged ones, and nothing else is bundled.
check_jar() {
  local jar=$1 folder=$2 from=$3 entries listed bundled
  entries=$(jar tf "$jar")
  listed=$( (cat "$from/libraries.list"; echo libraries.list) | sort)
  bundled=$(sed -n "s|^$folder/linux-x86_64/\(..*\)|\1|p" <<<"$entries" | sort)
  [[ $listed == "$bundled" ]] || fail "$jar bundles [$(echo $bundled)], not [$(echo $listed)]"
  grep -qx META-INF/LICENSE <<<"$entries" || fail "$jar has no META-INF/LICENSE"
}
check_jar "$dist/mercadopago-native-$version.jar" dev/libmercadopago/native "$stage/client"
check_jar "$dist/mercadopago-native-sandbox-$version.jar" dev/libmercadopago/sandbox/native "$stage/sandbox"
client_entries=$(jar tf "$dist/mercadopago-native-$version.jar")
! grep -q sandbox <<<"$client_entries" || fail "the client jar carries something of the sandbox"

echo
echo "== jars: artifacts in dist/ (built in $((SECONDS - start)) s: natives $natives_s s, jars $((SECONDS - start - natives_s)) s)"
for f in "${artifacts[@]}"; do
  printf '%-50s %10s bytes\n' "${f#"$root"/}" "$(stat -c %s "$f")"
done
