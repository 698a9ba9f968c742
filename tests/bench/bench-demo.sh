#!/bin/sh
# Benchmark (run on demand, never in the test suite):
#   meson test -C _build --benchmark --verbose     or     tests/bench/bench-demo.sh _build
# Times `doithoai-cli demo --petitions=N` (default 100000) and an export/import round of the
# result, and prints wall time, peak memory and file sizes. The import is held to the bars of
# issue “Nothing lost”: peak memory at most 150 MB, time at most 1.5 × the demo's.
set -eu
build=${1:-_build}
n=${2:-100000}
cli="$build/src/cli/doithoai-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOITHOAI_TODAY=${DOITHOAI_TODAY:-2026-11-26}

# Sets $seconds and $kbytes.
measure () {
  label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  read -r seconds kbytes < "$work/time"
  echo "$label: ${seconds} s wall, peak memory $((kbytes / 1024)) MiB ($((kbytes * 1024 / 1000000)) MB)"
}

measure "demo --petitions=$n" "$cli" --database="$work/demo.sqlite" demo --petitions="$n"
demo_seconds=$seconds
echo "database size: $(du -k "$work/demo.sqlite" | cut -f1) KiB (after checkpoint: \
$(ls -l "$work/demo.sqlite" | awk '{print int($5/1024)}') KiB)"
measure "export" "$cli" --database="$work/demo.sqlite" export "$work/demo.json"
echo "export size: $(ls -l "$work/demo.json" | awk '{print int($5/1024)}') KiB"
measure "import into an empty database" "$cli" --database="$work/copy.sqlite" import "$work/demo.json"
echo "import: $(awk -v i="$seconds" -v d="$demo_seconds" 'BEGIN { printf "%.2f", i / d }') × the \
demo's time (bar: 1.5), peak $((kbytes * 1024 / 1000000)) MB (bar: 150)"
"$cli" --database="$work/copy.sqlite" export "$work/copy.json" >/dev/null
if cmp -s "$work/demo.json" "$work/copy.json"; then
  echo "round trip: the import exports byte for byte the same document"
else
  echo "round trip: the import exports a different document"
  exit 1
fi
