#!/usr/bin/env bash
# Installs every system package the build, tests, demo and Debian packages (with
# their clean-room test) need, from Debian's archive. Safe to run any number of
# times: it only installs what is missing. iproute2 and util-linux (ip, unshare) give the
# sandbox tests their private network namespaces; python3-venv the official Python SDK's venv
# (tests/sandbox/official_sdks). chromium and libnss3-tools (certutil) run the browser tests
# (tests/web: Debian's Chromium trusting the sandbox's CA through an NSS database). php8.2-fpm
# runs the PHP-FPM tests and bench (bindings/php/fpm, bench/latency/fpm.sh).
# php-phpstan-phpdoc-parser (PHPStan's PHPDoc parser) checks the PHP binding's generated types
# (bindings/php/tests/TypesTest.php).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libcurl4-openssl-dev libssl-dev libsimdjson-dev libcpp-httplib-dev
  catch2 abigail-tools clang-format nlohmann-json3-dev curl openssl python3
  clang libclang-rt-14-dev llvm
  swig php8.2-dev php8.2-cli php8.2-curl php8.2-mbstring php8.2-fpm phpunit
  php-phpstan-phpdoc-parser
  openjdk-17-jdk-headless maven
  dpkg-dev file debootstrap
  iproute2 util-linux python3-venv
  chromium libnss3-tools
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
