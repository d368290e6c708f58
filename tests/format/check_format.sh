#!/usr/bin/env bash
# Every C and C++ source the repository tracks follows .clang-format (the fuzz
# corpus is data, not code).
#   check_format.sh SOURCE_DIR
set -euo pipefail
cd "$1"
clang_format=$(command -v clang-format || command -v clang-format-14 || true)
[ -n "$clang_format" ] || { echo "clang-format is not installed (scripts/bootstrap.sh installs it)" >&2; exit 1; }
git ls-files -z '*.c' '*.h' '*.cpp' '*.hpp' ':!fuzz/corpus' | xargs -0 "$clang_format" --dry-run --Werror
echo "ok: $(git ls-files '*.c' '*.h' '*.cpp' '*.hpp' ':!fuzz/corpus' | wc -l) files follow .clang-format"
