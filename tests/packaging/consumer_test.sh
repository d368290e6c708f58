#!/usr/bin/env bash
# Installs the build into a temporary prefix and builds a consumer against it
# both ways users do: CMake find_package(mercadopago) and pkg-config.
# The version printed by the installed library must be the one pkg-config
# reads from the installed .pc file, both written from the project's version.
#   consumer_test.sh BUILD_DIR
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
mkdir "$tmp/src"
cp "$here/consumer_CMakeLists.txt" "$tmp/src/CMakeLists.txt"
cp "$here/consumer_main.c" "$tmp/src/main.c"
cp "$here/consumer_sandbox_main.c" "$tmp/src/sandbox_main.c"
cmake -S "$tmp/src" -B "$tmp/b" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/b" >/dev/null
out=$(LD_LIBRARY_PATH="$(dirname "$(find "$tmp/prefix" -name 'libmercadopago.so.*' | head -1)")" "$tmp/b/app")
echo "find_package consumer: $out"
# The sandbox's targets: the library links, and mercadopago::mp-sandbox is the
# installed program, which starts from the prefix with no LD_LIBRARY_PATH
# (its RPATH is relative to itself).
program=$(cat "$tmp/b/mp-sandbox-path.txt")
[[ $program == "$tmp/prefix/bin/mp-sandbox" ]]
"$program" --help >/dev/null
echo "mp-sandbox runs from the prefix (runpath $(readelf -d "$program" | sed -n 's/.*Library r[un]*path: //p'))"
LD_LIBRARY_PATH="$(dirname "$(find "$tmp/prefix" -name 'libmercadopago.so.*' | head -1)")" "$tmp/b/sandbox_app"
pcdir=$(dirname "$(find "$tmp/prefix" -name mercadopago.pc)")
version=$(PKG_CONFIG_PATH=$pcdir pkg-config --modversion mercadopago)
[[ -n $version && $out == "$version "* ]]
PKG_CONFIG_PATH=$pcdir cc "$tmp/src/main.c" -o "$tmp/app2" $(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs mercadopago)
out2=$(LD_LIBRARY_PATH="$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir mercadopago)" "$tmp/app2")
echo "pkg-config consumer: $out2"
[[ $out2 == "$out" ]]
# The header-only C++ API, installed beside the C header.
c++ -std=c++17 -Wall -Werror "$here/consumer_main.cpp" -o "$tmp/app3" $(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs mercadopago)
out3=$(LD_LIBRARY_PATH="$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir mercadopago)" "$tmp/app3")
echo "C++ consumer: $out3"
[[ $out3 == "$version "*" ops "*" options: invalid_argument" ]]
