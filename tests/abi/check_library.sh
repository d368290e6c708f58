#!/usr/bin/env bash
# Checks the built library's ABI rules: every exported symbol starts with
# mp_, and the SONAME is the expected one.
set -euo pipefail
lib=$1 soname=$2
fail=0
bad=$(nm -D --defined-only "$lib" | awk '{print $NF}' |
      grep -v -E '^(mp_|_init$|_fini$|_edata$|_end$|__bss_start$)' || true)
if [ -n "$bad" ]; then
  echo "symbols exported outside the mp_ prefix:"; echo "$bad" | head -20; fail=1
fi
count=$(nm -D --defined-only "$lib" | awk '{print $NF}' | grep -c '^mp_' || true)
[ "$count" -ge 40 ] || { echo "only $count mp_ symbols exported"; fail=1; }
actual=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$actual" = "$soname" ] || { echo "SONAME is '$actual', expected '$soname'"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $count mp_ symbols, SONAME $actual"
exit $fail
