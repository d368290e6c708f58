#!/usr/bin/env bash
# Writes dist/mercadopago_native-<version>.tgz: the PHP extension's source as
# PECL and PIE take it (package.xml at the top, then the folder with
# config.m4, SWIG's wrapper made here, the PIE composer.json, a .phpt test,
# and the PHP layer under php/). It builds against an installed
# libmercadopago-dev with phpize && ./configure && make, and needs no SWIG.
#   bash packaging/php_ext.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >/dev/null
start=$SECONDS
build=build/php-ext
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMP_BUILD_PHP=ON \
  -DMP_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --target mercadopago_php_wrapper >/dev/null
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ]
name=mercadopago_native-$version
stage=$build/stage
rm -rf "$stage"
mkdir -p "$stage/$name/tests" "$stage/$name/php" dist
cp "$build/bindings/php/mercadopago_native_wrap.cxx" "$stage/$name/mercadopago_native_wrap.cpp"
cp "$build/bindings/php/php_mercadopago_native.h" "$stage/$name/"
sed "s/@MP_VERSION@/$version/g" packaging/php-ext/config.m4 >"$stage/$name/config.m4"
cp packaging/php-ext/composer.json packaging/php-ext/README.md LICENSE "$stage/$name/"
cp packaging/php-ext/tests/*.phpt "$stage/$name/tests/"
cp -r bindings/php/src bindings/php/autoload.php bindings/php/composer.json "$stage/$name/php/"

# package.xml (PECL's manifest): every file with its role.
files=$(cd "$stage/$name" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
{
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<package version="2.0" xmlns="http://pear.php.net/dtd/package-2.0"
    xmlns:tasks="http://pear.php.net/dtd/tasks-1.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>mercadopago_native</name>
 <channel>pecl.php.net</channel>
 <summary>The Mercado Pago API client, over libmercadopago</summary>
 <description>Payments, refunds, customers and cards of the Mercado Pago API from PHP, through libmercadopago's C ABI (keep-alive connections, retries under idempotency keys, typed errors).</description>
 <lead>
  <name>libmercadopago contributors</name>
  <user>libmercadopago</user>
  <email>maintainers@libmercadopago.invalid</email>
  <active>yes</active>
 </lead>
 <date>$(date -u +%Y-%m-%d)</date>
 <version>
  <release>$version</release>
  <api>$version</api>
 </version>
 <stability>
  <release>beta</release>
  <api>beta</api>
 </stability>
 <license uri="https://opensource.org/licenses/MIT">MIT</license>
 <notes>See README.md.</notes>
 <contents>
  <dir name="/">
XML
  while read -r f; do
    case $f in
      tests/*) role=test ;;
      php/*|*.md|LICENSE|composer.json) role=doc ;;
      *) role=src ;;
    esac
    echo "   <file name=\"$f\" role=\"$role\"/>"
  done <<<"$files"
  cat <<XML
  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.2.0</min>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>mercadopago_native</providesextension>
 <extsrcrelease/>
</package>
XML
} >"$stage/package.xml"

tar -czf "dist/$name.tgz" -C "$stage" package.xml "$name"
echo "dist/$name.tgz: $(du -h "dist/$name.tgz" | cut -f1), $((SECONDS - start)) s"
