#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and UBSan in
# _build-fuzz/, then runs each for SECONDS (default 600), one after the other, from its seed
# corpus. What the fuzzer finds is saved as _build-fuzz/findings/TARGET/crash-*; the corpus it
# grows stays in _build-fuzz/corpus/TARGET. Ends with one line per target: runs, coverage,
# findings; exits 1 when anything was found.
#   build-aux/fuzz.sh [SECONDS] [TARGET...]      TARGET: exchange date period search
set -u
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-exchange date period search}
build=_build-fuzz

command -v clang >/dev/null || { echo "fuzz.sh: clang is needed (apt-get install clang)"; exit 1; }
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" || exit 1
fi
for target in $targets; do
  ninja -C "$build" "tests/fuzz/fuzz-$target" || exit 1
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
export LANGUAGE=en LC_ALL=C.UTF-8 GSETTINGS_BACKEND=memory
summary=""
status=0
for target in $targets; do
  corpus="$build/corpus/$target"
  findings="$build/findings/$target"
  mkdir -p "$corpus" "$findings"
  log="$build/fuzz-$target.log"
  "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$findings/" \
    "$corpus" "tests/fuzz/corpus/$target" > "$log" 2>&1
  result=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  found=$(ls "$findings" | wc -l)
  [ "$result" -ne 0 ] || [ "$found" -ne 0 ] && status=1
  summary="$summary$target: ${seconds} s, ${runs:-?} runs, coverage ${cov:-?} edges (${ft:-?} features), corpus $(ls "$corpus" | wc -l) inputs, $found findings (exit $result)
"
done
printf '%s' "$summary"
exit $status
