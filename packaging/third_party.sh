#!/usr/bin/env bash
# Builds the static third-party libraries the manylinux wheel links into
# libmercadopago and libmercadopago-sandbox: OpenSSL (libcrypto, libssl),
# libcurl (HTTP/HTTPS over OpenSSL, nothing else), simdjson, plus the
# header-only cpp-httplib and nlohmann-json, all from Debian's source packages
# of the host's release (apt-get source, through a private sources list and
# private apt state under build/third_party/apt: the system's apt
# configuration is not touched). Compiled with the zig toolchain made by
# packaging/wheel.sh (glibc 2.17, -fPIC), installed into a prefix keyed by the
# versions, so a second run only prints that prefix.
#
#   bash packaging/third_party.sh <toolchain dir>   # prints the prefix on stdout
#
# <toolchain dir> holds cc, c++, ar, ranlib wrappers and toolchain.cmake.
# Nothing fetched or built here is committed: build/ is not tracked.
set -euo pipefail
shopt -s inherit_errexit

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain="$(cd "$1" && pwd)"
tp="$root/build/third_party"
jobs="${MP_JOBS:-2}"
log() { echo "third_party: $*" >&2; }

# --- Private apt: deb-src lines for the host's own Debian mirrors ---------
apt_dir="$tp/apt"
mkdir -p "$apt_dir/etc/preferences.d" "$apt_dir/state/lists/partial" \
  "$apt_dir/cache/archives/partial"
sources="$apt_dir/etc/sources.list"
if [ ! -s "$sources" ]; then
  # Mirror URLs and suites from the system's lists (one-line and deb822).
  : >"$sources.new"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^[[:space:]]*deb\(-src\)\?[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*debian[^[:space:]]*\)[[:space:]]\+\([^[:space:]]\+\).*/deb-src \3 \4 main/p' "$f" >>"$sources.new"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush() { if (uris != "" && suites != "") { n = split(uris, u, " "); m = split(suites, s, " ");
        for (i = 1; i <= n; i++) if (u[i] ~ /debian/) for (j = 1; j <= m; j++) print "deb-src " u[i] " " s[j] " main" }
        uris = ""; suites = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^URIs:/ { sub(/^URIs:[[:space:]]*/, ""); uris = $0 }
      /^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0 }
      END { flush() }' "$f" >>"$sources.new"
  done
  sort -u "$sources.new" >"$sources"
  rm -f "$sources.new"
  [ -s "$sources" ] || { log "no Debian mirror found in /etc/apt/sources.list*"; exit 1; }
fi
apt_opts=(-o "Dir::Etc::SourceList=$sources" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::Etc::Preferences=$apt_dir/etc/preferences" -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d"
  -o "Dir::State=$apt_dir/state" -o "Dir::State::status=$apt_dir/state/status"
  -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
touch "$apt_dir/state/status"
# The source index is refreshed once a day (or with MP_THIRD_PARTY_REFRESH=1).
if [ "${MP_THIRD_PARTY_REFRESH:-0}" = 1 ] || [ -z "$(find "$apt_dir/state/lists" -name '*Sources*' -mtime -1 2>/dev/null | head -1)" ]; then
  log "apt-get update (deb-src, private state)"
  apt-get "${apt_opts[@]}" update -q >&2
fi

# Unpacks (Debian patches applied) the newest version of a source package that
# the mirror serves whole (an index can name a version whose files are gone),
# once: later runs take the unpacked folder; a version that failed is not tried
# again until MP_THIRD_PARTY_REFRESH=1. Prints "<version> <folder>".
fetch() {
  local pkg="$1" v dir
  for v in $(apt-cache "${apt_opts[@]}" showsrc "$pkg" | awk '/^Version:/ { print $2 }' | sort -Vr -u); do
    dir="$tp/src/${pkg}_$v"
    if [ -f "$dir/.failed" ] && [ "${MP_THIRD_PARTY_REFRESH:-0}" != 1 ]; then continue; fi
    if [ ! -f "$dir/.unpacked" ]; then
      log "apt-get source $pkg=$v"
      rm -rf "$dir" && mkdir -p "$dir"
      if ! (cd "$dir" && apt-get "${apt_opts[@]}" source -q "$pkg=$v" >&2); then
        log "$pkg $v: not served whole, trying an older version"
        rm -rf "$dir" && mkdir -p "$dir" && touch "$dir/.failed"
        continue
      fi
      touch "$dir/.unpacked"
    fi
    echo "$v $(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1)"
    return 0
  done
  log "no version of the source package $pkg could be fetched"
  return 1
}

declare -A ver srcdir
for p in openssl curl simdjson cpp-httplib nlohmann-json3; do
  read -r ver[$p] srcdir[$p] < <(fetch "$p") && [ -d "${srcdir[$p]}" ] ||
    { log "no source for $p"; exit 1; }
done

# The prefix is keyed by the toolchain and every version (listed in
# versions.txt inside it).
zigver="$("$toolchain/cc" --zig-version)"
versions="zig $zigver glibc $(cat "$toolchain/glibc")"
for p in openssl curl simdjson cpp-httplib nlohmann-json3; do versions="$versions $p ${ver[$p]}"; done
key="zig$zigver-glibc$(cat "$toolchain/glibc")-$(echo "$versions" | sha256sum | cut -c1-12)"
prefix="$tp/prefix/$key"
mkdir -p "$prefix"
echo "$versions" | tr ' ' '\n' | paste - - >"$prefix/versions.txt"
builds="$tp/build/$key"

export CC="$toolchain/cc" CXX="$toolchain/c++" AR="$toolchain/ar" RANLIB="$toolchain/ranlib"
cmake_common=(-G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain/toolchain.cmake" -DCMAKE_BUILD_TYPE=Release
  -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_PREFIX_PATH="$prefix"
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED_LIBS=OFF)

# --- OpenSSL: libcrypto and libssl only, static, PIC -----------------------
if [ ! -f "$prefix/.openssl" ]; then
  src="${srcdir[openssl]}"
  b="$builds/openssl" && rm -rf "$b" && mkdir -p "$b"
  log "building OpenSSL ${ver[openssl]}"
  # OPENSSLDIR is Debian's /usr/lib/ssl (certs/ and cert.pem there link to
  # /etc/ssl); the client points libcurl at a CA bundle it finds at run time.
  (cd "$b" && "$src/Configure" linux-x86_64 no-shared no-tests no-module \
    no-engine no-dso no-afalgeng no-legacy no-ssl3 no-comp -fPIC \
    --prefix="$prefix" --libdir=lib --openssldir=/usr/lib/ssl >&2 &&
    make -j"$jobs" build_libs >&2 && make install_dev >&2)
  touch "$prefix/.openssl"
fi

# --- libcurl: HTTP and HTTPS over OpenSSL, nothing else ----------------------
if [ ! -f "$prefix/.curl" ]; then
  src="${srcdir[curl]}"
  b="$builds/curl" && rm -rf "$b"
  log "building curl ${ver[curl]}"
  cmake -S "$src" -B "$b" "${cmake_common[@]}" -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=ON \
    -DBUILD_CURL_EXE=OFF -DBUILD_TESTING=OFF -DCURL_USE_OPENSSL=ON -DCURL_USE_LIBSSH2=OFF \
    -DCURL_USE_LIBSSH=OFF -DCURL_USE_GSSAPI=OFF -DCURL_ZLIB=OFF -DCURL_BROTLI=OFF -DCURL_ZSTD=OFF \
    -DUSE_NGHTTP2=OFF -DUSE_NGTCP2=OFF -DUSE_QUICHE=OFF -DUSE_LIBIDN2=OFF -DCURL_USE_LIBPSL=OFF \
    -DUSE_LIBRTMP=OFF -DCURL_DISABLE_LDAP=ON -DCURL_DISABLE_LDAPS=ON -DENABLE_ARES=OFF \
    -DHTTP_ONLY=ON -DCURL_DISABLE_ALTSVC=ON -DCURL_DISABLE_NTLM=ON -DENABLE_UNIX_SOCKETS=OFF \
    -DCURL_CA_BUNDLE=none -DCURL_CA_PATH=none -DCURL_CA_FALLBACK=ON -DENABLE_MANUAL=OFF >&2
  cmake --build "$b" -j"$jobs" >&2
  cmake --install "$b" >&2
  touch "$prefix/.curl"
fi

# --- simdjson: the static library ------------------------------------------
if [ ! -f "$prefix/.simdjson" ]; then
  src="${srcdir[simdjson]}"
  b="$builds/simdjson" && rm -rf "$b"
  log "building simdjson ${ver[simdjson]}"
  # simdjson 3.0's AVX-512 kernel (icelake) does not compile with zig's clang
  # (LLVM 17+ asks for the evex512 feature); the AVX2 kernel (haswell) is the
  # best one kept, chosen at run time as before. The exclusion is a public
  # compile definition of simdjson's CMake target, so users of it agree.
  cmake -S "$src" -B "$b" "${cmake_common[@]}" -DSIMDJSON_DEVELOPER_MODE=OFF \
    -DSIMDJSON_ENABLE_THREADS=ON -DSIMDJSON_EXCLUDE_IMPLEMENTATION=icelake >&2
  cmake --build "$b" -j"$jobs" >&2
  cmake --install "$b" >&2
  touch "$prefix/.simdjson"
fi

# --- cpp-httplib: upstream's header-only httplib.h, with a .pc for it -------
if [ ! -f "$prefix/.cpp-httplib" ]; then
  src="${srcdir[cpp-httplib]}"
  install -D -m 644 "$src/httplib.h" "$prefix/include/httplib.h"
  httplib_version="$(sed -n 's/^#define CPPHTTPLIB_VERSION "\(.*\)"/\1/p' "$src/httplib.h")"
  mkdir -p "$prefix/lib/pkgconfig"
  # What upstream's own meson build writes for the header-only library.
  cat >"$prefix/lib/pkgconfig/cpp-httplib.pc" <<EOF
prefix=$prefix
includedir=\${prefix}/include

Name: cpp-httplib
Description: A C++ HTTP/HTTPS server and client library (header-only)
Version: $httplib_version
Requires: openssl >= 1.1.1
Libs: -pthread
Cflags: -I\${includedir} -DCPPHTTPLIB_OPENSSL_SUPPORT
EOF
  touch "$prefix/.cpp-httplib"
fi

# --- nlohmann-json: header-only, with its CMake package --------------------
if [ ! -f "$prefix/.nlohmann-json3" ]; then
  src="${srcdir[nlohmann-json3]}"
  b="$builds/nlohmann-json3" && rm -rf "$b"
  log "installing nlohmann-json ${ver[nlohmann-json3]}"
  cmake -S "$src" -B "$b" "${cmake_common[@]}" -DJSON_BuildTests=OFF -DJSON_Install=ON \
    -DJSON_MultipleHeaders=OFF >&2
  cmake --install "$b" >&2
  touch "$prefix/.nlohmann-json3"
fi

echo "$prefix"
