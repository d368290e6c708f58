#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan+UBSan) and runs
# each for SECONDS (default 60), two at a time: bash scripts/fuzz.sh [SECONDS]
#
# First every target replays its committed corpus (fuzz/corpus/<target>,
# regression inputs included), which must pass. Then each fuzzes on a
# working corpus, build/fuzz/corpus/<target>, seeded from the committed one
# (which is only read; an input that fails the replay is left out, so that
# fuzzing goes on past a known defect). Findings go to build/fuzz/artifacts/<target>/, logs
# to build/fuzz/logs/. Exits non-zero on any finding, printing the input's
# path and the end of the sanitizer's report. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }
start=$SECONDS

bash scripts/bootstrap.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

out=build/fuzz
bin=$out/fuzz
targets=()
for src in fuzz/fuzz_*.cpp; do
  t=$(basename "$src" .cpp)
  [ -x "$bin/$t" ] || { echo "fuzz: $bin/$t was not built (is it in fuzz/CMakeLists.txt?)" >&2; exit 1; }
  targets+=("$t")
done
rm -rf "$out/logs"
mkdir -p "$out/logs"

# Stack traces with function names and lines (llvm-symbolizer comes with llvm).
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[ -n "$symbolizer" ] || echo "fuzz: no llvm-symbolizer: stack traces will have addresses only" >&2
export ASAN_SYMBOLIZER_PATH=$symbolizer
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:symbolize=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:symbolize=1${symbolizer:+:external_symbolizer_path=$symbolizer}${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}
limits=(-rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10)

# The end of a failed run's log: the error, the top of its stack in the
# project's code (core/, capi/, fuzz/), the summary, where the input went.
report_tail() { # log
  local log=$1 from
  from=$(grep -nE "^==[0-9]+==ERROR|runtime error:|fuzz invariant broken|Assertion .* failed|ERROR: libFuzzer|out-of-memory" \
           "$log" | head -1 | cut -d: -f1 || true)
  tail -n +"${from:-1}" "$log" |
    grep -E "ERROR|runtime error|invariant|Assertion|^ +#[0-9]+ .* $PWD/(core|capi|fuzz)/|SUMMARY|Test unit written|malloc\\(" |
    head -16 | cut -c1-300 | sed 's/^/  | /' || true
}

replay() { # target: the whole committed corpus at once, as -runs=0 does
  local t=$1 rc=0
  mkdir -p "$out/artifacts/$t"
  "$bin/$t" -runs=0 "${limits[@]}" -artifact_prefix="$out/artifacts/$t/" \
    "fuzz/corpus/$t" >"$out/logs/$t.replay.log" 2>&1 || rc=$?
  echo $rc >"$out/logs/$t.replay.rc"
}

# After a failed replay: which committed inputs fail (libFuzzer stops at the
# first), each with its report.
replay_each() { # target
  local t=$1 f name
  : >"$out/logs/$t.failing"
  for f in "fuzz/corpus/$t"/*; do
    name=$(basename "$f")
    if ! "$bin/$t" "${limits[@]}" -artifact_prefix="$out/artifacts/$t/regress-input-" "$f" \
         >"$out/logs/$t.replay.$name.log" 2>&1; then
      echo "$name" >>"$out/logs/$t.failing"
    fi
  done
}

campaign() { # target
  local t=$1 rc=0
  "$bin/$t" -max_total_time="$seconds" -max_len=16384 -dict=fuzz/json.dict "${limits[@]}" \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$t/" \
    "$out/corpus/$t" >"$out/logs/$t.log" 2>&1 || rc=$?
  echo $rc >"$out/logs/$t.rc"
}

# Runs a function on every target, two at a time (2 cores).
each_target() { # function
  for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
    "$1" "$t" &
  done
  wait || true
}

echo "== replaying the committed corpora (fuzz/corpus), regression inputs included"
each_target replay
failed=0
for t in "${targets[@]}"; do
  : >"$out/logs/$t.failing"
  if [ "$(cat "$out/logs/$t.replay.rc")" = 0 ]; then
    printf '%-14s %s inputs replayed, none failed\n' "$t" "$(find "fuzz/corpus/$t" -type f | wc -l)"
    continue
  fi
  failed=1
  replay_each "$t"
  echo "FINDING in $t: committed inputs that fail:"
  while read -r name; do
    echo "  fuzz/corpus/$t/$name   (reproduce: $bin/$t fuzz/corpus/$t/$name)"
    report_tail "$out/logs/$t.replay.$name.log"
  done <"$out/logs/$t.failing"
  [ -s "$out/logs/$t.failing" ] || { echo "  (none alone: the corpus fails as a whole)"; report_tail "$out/logs/$t.replay.log"; }
done

if [ "$seconds" -gt 0 ]; then
  echo "== fuzzing each target for ${seconds}s, two at a time"
  # The working corpus: the committed inputs (but those failing now, so that
  # fuzzing goes past a known defect) and whatever earlier runs found.
  for t in "${targets[@]}"; do
    mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
    for f in "fuzz/corpus/$t"/*; do
      grep -qxF "$(basename "$f")" "$out/logs/$t.failing" || cp "$f" "$out/corpus/$t/"
    done
  done
  each_target campaign
  for t in "${targets[@]}"; do
    log=$out/logs/$t.log
    if [ "$(cat "$out/logs/$t.rc")" != 0 ]; then
      failed=1
      echo "FINDING in $t while fuzzing (log: $log):"
      grep -oE "Test unit written to .*" "$log" | sed 's/^Test unit written to /  input: /' || true
      report_tail "$log"
      continue
    fi
    stat_of() { grep -oE "^stat::$1: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?"; }
    last=$(grep -E "^#[0-9]+" "$log" | tail -1)
    cov=$(grep -oE "cov: [0-9]+" <<<"$last" | grep -oE "[0-9]+" || echo "?")
    ft=$(grep -oE "ft: [0-9]+" <<<"$last" | grep -oE "[0-9]+" || echo "?")
    printf '%-14s %s execs (%s/s), coverage %s edges / %s features, corpus %s inputs (%s new), peak rss %s MB\n' \
      "$t" "$(stat_of number_of_executed_units)" "$(stat_of average_exec_per_sec)" "$cov" "$ft" \
      "$(find "$out/corpus/$t" -type f | wc -l)" "$(stat_of new_units_added)" "$(stat_of peak_rss_mb)"
  done
fi

echo "fuzz: $((SECONDS - start))s in all (build included)"
if [ "$failed" != 0 ]; then
  echo "fuzz: FAILED: see the findings above; reproduce one with: $bin/<target> <input>" >&2
  exit 1
fi
echo "fuzz: no finding"
