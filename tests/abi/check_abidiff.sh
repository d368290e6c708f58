#!/usr/bin/env bash
# Compares the built library's ABI with the committed baseline
# (tests/abi/libmercadopago.abi) using libabigail: an incompatible change of
# mercadopago.h (a removed function, a changed signature or enum value) fails;
# an addition only prints. Refresh the baseline when a release is cut:
#   abidw --exported-interfaces-only --headers-dir capi/include --drop-private-types \
#         --no-corpus-path --no-show-locs build/dev/capi/libmercadopago.so > tests/abi/libmercadopago.abi
set -uo pipefail
baseline=$1 lib=$2 headers=$3
abidiff --headers-dir2 "$headers" "$baseline" "$lib"
rc=$?
# abidiff's exit status is a bit field: 1 error, 2 usage, 4 change, 8 incompatible change.
if (( rc & 11 )); then
  echo "abidiff: incompatible ABI change (or an abidiff error), status $rc"
  exit 1
fi
(( rc & 4 )) && echo "abidiff: compatible additions only"
echo "ok: no incompatible change against $(basename "$baseline")"
