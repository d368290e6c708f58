#!/usr/bin/env bash
# `cmake --install --component php` (with the library's runtime component)
# into a temporary prefix: the extension lands under the prefix, not in the
# system's PHP folder, and loads there, finding libmercadopago relative to
# itself (no LD_LIBRARY_PATH).
#   install_test.sh BUILD_DIR PHP
set -euo pipefail
build=$1
php=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for component in runtime php; do
  cmake --install "$build" --component "$component" --prefix "$tmp/prefix" >/dev/null
done
ext=$(find "$tmp/prefix" -name mercadopago_native.so)
[[ -n $ext ]] || { echo "no mercadopago_native.so under the prefix" >&2; exit 1; }
echo "installed: ${ext#"$tmp/"}"
version=$("$php" -n -d extension="$ext" -r 'echo phpversion("mercadopago_native");')
echo "loads: phpversion = $version"
[[ $version == "$("$php" -n -d extension="$ext" -r 'echo mercadopago_native_version();')" ]]
