#!/usr/bin/env bash
# Builds the project's distributable artifacts into dist/, one function per kind
# of artifact, and prints each artifact with its size and the seconds its kind
# took to build. For now the kinds are:
#   debs     the Debian packages libmercadopago<ABI>, libmercadopago-dev and
#            mercadopago-sandbox: a Release build for /usr in build/deb, packaged
#            by CPack (packaging/cpack.cmake), their fields and contents checked.
#   php_ext  mercadopago_native-<ver>.tgz, the PHP extension's PECL/PIE source
#            package (packaging/php_ext.sh).
#   jars     mercadopago-native-<ver>.jar and mercadopago-native-sandbox-<ver>.jar
#            with their sources, javadoc and poms (packaging/jars.sh).
# Run from anywhere:  bash packaging/dist.sh
# (tests/cleanroom/debs.sh then installs the .debs in a bare Debian and uses them.)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$root/dist

# One line per artifact: "path<TAB>seconds", filled by the kinds, printed by main.
built=()

# record SECONDS FILE...: copies each file into dist/ and remembers it.
record() {
  local seconds=$1 f
  shift
  for f in "$@"; do
    cp "$f" "$dist/"
    built+=("$dist/$(basename "$f")"$'\t'"$seconds")
  done
}

fail() {
  echo "dist.sh: $*" >&2
  exit 1
}

debs() {
  local build=$root/build/deb start=$SECONDS
  echo "== debs: Release build for /usr in build/deb, then cpack -G DEB"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX=/usr -DMP_BUILD_TESTS=OFF -DMP_BUILD_BENCH=OFF \
    -DMP_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$build" -j2
  rm -f "$build"/*.deb "$dist"/*.deb
  (cd "$build" && cpack -G DEB)

  # The package names and version as CPack wrote them (from mercadopago.h).
  local runtime version abi
  runtime=$(sed -n 's/^set(CPACK_DEBIAN_LIB_PACKAGE_NAME "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
  version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
  abi=${runtime#libmercadopago}
  [[ $runtime =~ ^libmercadopago[0-9]+$ && -n $version ]] ||
    fail "cannot read the package name and version from $build/CPackConfig.cmake"
  local arch
  arch=$(dpkg --print-architecture)
  local lib_deb=$build/${runtime}_${version}_$arch.deb
  local dev_deb=$build/libmercadopago-dev_${version}_$arch.deb
  local sandbox_deb=$build/mercadopago-sandbox_${version}_$arch.deb
  local n
  n=$(find "$build" -maxdepth 1 -name '*.deb' | wc -l)
  [[ $n -eq 3 && -f $lib_deb && -f $dev_deb && -f $sandbox_deb ]] ||
    fail "expected exactly $lib_deb, $dev_deb and $sandbox_deb; cpack made: $(ls "$build"/*.deb)"

  check_deb "$lib_deb" "$runtime" "$version" \
    "^usr/lib/[^/]+/libmercadopago\.so\.$abi(\.[0-9.]+)?$|^usr/share/doc/$runtime/copyright$" \
    "usr/lib/[^/]+/libmercadopago\.so\.$abi" 'libcurl4 \(|libssl3 \(|libc6 \('
  check_deb "$dev_deb" libmercadopago-dev "$version" \
    "^usr/include/mercadopago\.h(pp)?$|^usr/lib/[^/]+/libmercadopago\.so$|^usr/lib/[^/]+/pkgconfig/mercadopago\.pc$|^usr/lib/[^/]+/cmake/mercadopago/mercadopago(Config|ConfigVersion|Targets|Targets-release)\.cmake$|^usr/share/doc/libmercadopago-dev/copyright$" \
    "usr/include/mercadopago\.h usr/include/mercadopago\.hpp usr/lib/[^/]+/libmercadopago\.so usr/lib/[^/]+/pkgconfig/mercadopago\.pc usr/lib/[^/]+/cmake/mercadopago/mercadopagoConfig\.cmake usr/lib/[^/]+/cmake/mercadopago/mercadopagoTargets\.cmake" \
    "^$runtime \\(= $version\\)$"
  check_deb "$sandbox_deb" mercadopago-sandbox "$version" \
    "^usr/bin/mp-sandbox$|^usr/lib/[^/]+/libmercadopago-sandbox\.so(\.[0-9.]+)?$|^usr/include/mp_sandbox\.h(pp)?$|^usr/lib/[^/]+/pkgconfig/mercadopago-sandbox\.pc$|^usr/lib/[^/]+/cmake/mercadopago/mercadopagoSandboxTargets(-release)?\.cmake$|^usr/share/doc/mercadopago-sandbox/copyright$" \
    "usr/bin/mp-sandbox usr/lib/[^/]+/libmercadopago-sandbox\.so\.[0-9]+ usr/include/mp_sandbox\.h usr/lib/[^/]+/pkgconfig/mercadopago-sandbox\.pc" \
    'libssl3 \(|libc6 \('

  # The runtime's library is the one its name says (SONAME libmercadopago.so.<ABI>), and no
  # program or library has an RPATH (everything is in the system's library folder).
  local tmp soname elf
  tmp=$(mktemp -d)
  dpkg-deb -x "$lib_deb" "$tmp"
  dpkg-deb -x "$sandbox_deb" "$tmp"
  soname=$(objdump -p "$tmp"/usr/lib/*/libmercadopago.so.$abi | awk '$1 == "SONAME" {print $2}')
  [[ $soname == "libmercadopago.so.$abi" ]] || fail "$lib_deb: SONAME is '$soname', not libmercadopago.so.$abi"
  for elf in "$tmp"/usr/bin/* "$tmp"/usr/lib/*/*.so.*; do
    [[ ! -L $elf ]] || continue
    ! readelf -d "$elf" | grep -Eq '\((RPATH|RUNPATH)\)' || fail "${elf#"$tmp"/} has an RPATH"
  done
  rm -rf "$tmp"

  record $((SECONDS - start)) "$lib_deb" "$dev_deb" "$sandbox_deb"
}

# check_deb DEB PACKAGE VERSION ALLOWED REQUIRED DEPENDS
#   ALLOWED: an extended regex every file and link of the package must match;
#   REQUIRED: space-separated regexes, each matched by some file or link;
#   DEPENDS: an extended regex, each alternative of which must match a Depends entry.
check_deb() {
  local deb=$1 package=$2 version=$3 allowed=$4 required=$5 depends=$6
  local name
  name=$(basename "$deb")
  [[ $(dpkg-deb -f "$deb" Package) == "$package" ]] || fail "$name: Package is not $package"
  [[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "$name: Version is not $version"
  local field
  for field in Maintainer Description Homepage Section Priority Architecture; do
    [[ -n $(dpkg-deb -f "$deb" "$field") ]] || fail "$name: no $field field"
  done
  # Files and links, without the leading "./", leaving out directories.
  local files
  files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./||')
  local bad
  bad=$(grep -Ev "$allowed" <<<"$files" || true)
  [[ -z $bad ]] || fail "$name: files that do not belong in $package:"$'\n'"$bad"
  local re
  for re in $required; do
    grep -Eq "^$re\$" <<<"$files" || fail "$name: nothing matches $re"
  done
  local deps entry
  deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//')
  local IFS='|'
  for entry in $depends; do
    grep -Eq "$entry" <<<"$deps" || fail "$name: no dependency matching '$entry' in: $deps"
  done
}

# The PHP extension's PECL/PIE source package, written into dist/ by packaging/php_ext.sh.
php_ext() {
  local start=$SECONDS
  echo "== php: the extension's source package (packaging/php_ext.sh)"
  rm -f "$dist"/mercadopago_native-*.tgz
  bash "$root/packaging/php_ext.sh"
  built+=("$(ls "$dist"/mercadopago_native-*.tgz)"$'\t'"$((SECONDS - start))")
}

# The Java jars (client and sandbox, with sources, javadoc and poms), written into dist/ by packaging/jars.sh.
jars() {
  local start=$SECONDS f
  echo "== java: the client and sandbox jars (packaging/jars.sh)"
  bash "$root/packaging/jars.sh"
  for f in "$dist"/mercadopago-native-*.jar "$dist"/mercadopago-native-*.pom; do
    built+=("$f"$'\t'"$((SECONDS - start))")
  done
}

# The Python sdist and manylinux wheel, written into dist/ by packaging/wheel.sh.
wheel() {
  local start=$SECONDS
  echo "== python: the sdist and the manylinux wheel (packaging/wheel.sh)"
  bash "$root/packaging/wheel.sh"
  built+=("$(ls "$dist"/mercadopago_native-*.tar.gz)"$'\t'"$((SECONDS - start))")
  built+=("$(ls "$dist"/mercadopago_native-*-manylinux*.whl)"$'\t'"$((SECONDS - start))")
}

main() {
  mkdir -p "$dist"
  debs
  php_ext
  jars
  wheel
  echo
  echo "== artifacts in dist/"
  local line path seconds
  for line in "${built[@]}"; do
    path=${line%$'\t'*}
    seconds=${line#*$'\t'}
    printf '%-50s %10s bytes  built in %ss\n' "${path#"$root"/}" "$(stat -c %s "$path")" "$seconds"
  done
}

main "$@"
