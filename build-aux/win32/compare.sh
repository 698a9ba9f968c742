#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the same doithoai-cli commands with the Linux build and with the Windows build (the
# portable folder cross-build.sh assembled, under wine), each on its own database in a folder
# named "Dữ liệu báo cáo", and compares their answers: standard output, messages and exit
# status. Machine-readable output (export -, search, workdays, lunar) must be byte for byte
# the same; messages are compared once the two folders' names are replaced by one word.
# A few checks are Windows' own (letter case in file names, the uninstalled build's
# translations). Ends with "N passed, N failed".
#
# Usage: build-aux/win32/compare.sh [WINDOWS_BUILD [LINUX_CLI]]
#   WINDOWS_BUILD  the cross-build's folder (default: _build-win32)
#   LINUX_CLI      a Linux doithoai-cli (default: _build's, else a console-only build made
#                  in _build-console)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
cache=${DOITHOAI_WIN32_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/doithoai-win32}
windows_build=${1:-$source_root/_build-win32}
linux_cli=${2:-}

export WINEPREFIX=${WINEPREFIX:-$cache/wine}
export WINEARCH=win64
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# The portable folder carries its DLLs: nothing from the build's prefix.
unset WINEPATH DOITHOAI_LOCALEDIR LANGUAGE LC_ALL DOITHOAI_LANGUAGE
# GLib under wine wants a UTF-8 locale; the interface is Vietnamese either way.
export LANG=C.UTF-8
export DOITHOAI_TODAY=2026-11-26

# The whole build, not the program alone: its catalogue (po/) too, or the Linux side would
# answer in English.
if [ -z "$linux_cli" ]; then
  if [ -x "$source_root/_build/src/cli/doithoai-cli" ]; then
    ninja -C "$source_root/_build" >/dev/null
    linux_cli=$source_root/_build/src/cli/doithoai-cli
  else
    if [ ! -f "$source_root/_build-console/build.ninja" ]; then
      meson setup "$source_root/_build-console" "$source_root" -Dgui=disabled >/dev/null
    fi
    ninja -C "$source_root/_build-console" >/dev/null
    linux_cli=$source_root/_build-console/src/cli/doithoai-cli
  fi
fi
portable=$windows_build/DoiThoai
if [ ! -f "$portable/bin/doithoai-cli.exe" ]; then
  echo "compare.sh: no portable folder in $windows_build: run cross-build.sh first" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/doithoai-compare-XXXXXX")
trap 'rm -rf "$work"' EXIT
# The program itself in a folder with Vietnamese letters too, as an office may put it.
mkdir -p "$work/Phần mềm"
cp -a "$portable" "$work/Phần mềm/DoiThoai"
windows_cli="$work/Phần mềm/DoiThoai/bin/doithoai-cli.exe"
linux_dir="$work/linux/Dữ liệu báo cáo"
windows_dir="$work/windows/Dữ liệu báo cáo"
mkdir -p "$linux_dir" "$windows_dir" "$work/out"
cp "$source_root/tests/data/full.json" "$linux_dir/dữ liệu mẫu.json"
cp "$source_root/tests/data/full.json" "$windows_dir/dữ liệu mẫu.json"
printf '{"format": "doithoai-exchange", "version": 1, "plans": [' > "$linux_dir/hỏng.json"
cp "$linux_dir/hỏng.json" "$windows_dir/hỏng.json"
windows_dir_w=$(winepath -w "$windows_dir")

passed=0
failed=0

pass() {
  passed=$((passed + 1))
  echo "ok      $1"
}

fail() {
  failed=$((failed + 1))
  echo "FAILED  $1"
}

# Runs one side: run SIDE NAME ARGS...; @DIR@ in an argument is that side's folder.
run() {
  local side=$1 name=$2 arg args=() dir
  shift 2
  if [ "$side" = linux ]; then dir=$linux_dir; else dir=$windows_dir_w; fi
  for arg in "$@"; do
    args+=("${arg//@DIR@/$dir}")
  done
  if [ "$side" = linux ]; then
    "$linux_cli" "${args[@]}" > "$work/out/$name.$side.out" 2> "$work/out/$name.$side.err"
  else
    wine "$windows_cli" "${args[@]}" > "$work/out/$name.$side.out" \
      2> "$work/out/$name.$side.err"
  fi
  echo $? > "$work/out/$name.$side.status"
}

# Messages name files: each side's folder becomes @DIR@, Windows' separators become /.
normalise() {
  local file=$1 dir=$2
  DIR=$dir perl -pe 's/\Q$ENV{DIR}\E/\@DIR\@/g; s{\\}{/}g' "$file"
}

# compare NAME [--exact] [--found] ARGS...: both sides, same answers (--exact: output byte
# for byte; --found: and some output, so that an empty answer cannot pass for a good one).
compare() {
  local name=$1 exact=no found=no what
  shift
  if [ "$1" = --exact ]; then exact=yes; shift; fi
  if [ "$1" = --found ]; then found=yes; shift; fi
  run linux "$name" "$@"
  run windows "$name" "$@"
  for what in status out err; do
    local a=$work/out/$name.linux.$what b=$work/out/$name.windows.$what
    if [ $exact = no ] || [ $what = err ]; then
      normalise "$a" "$linux_dir" > "$a.n"
      normalise "$b" "$windows_dir_w" > "$b.n"
      a=$a.n
      b=$b.n
    fi
    if ! cmp -s "$a" "$b"; then
      fail "$name ($what differs)"
      diff -u --label linux --label windows "$a" "$b" | head -n 20
      return
    fi
  done
  if [ $found = yes ] && [ ! -s "$work/out/$name.linux.out" ]; then
    fail "$name (no answer on either side)"
    return
  fi
  pass "$name ($(wc -l < "$work/out/$name.linux.out") lines, exit $(cat "$work/out/$name.linux.status"))"
}

db=--database=@DIR@/doithoai.sqlite

compare version --version
compare init "$db" init
compare import "$db" import "@DIR@/dữ liệu mẫu.json"
compare import-again "$db" import "@DIR@/dữ liệu mẫu.json"
compare import-broken "$db" import "@DIR@/hỏng.json"
compare import-missing "$db" import "@DIR@/không có.json"
compare search-unmarked --exact --found "$db" search quyen su dung dat
compare search-marked --exact --found "$db" search "quyền sử dụng đất"
compare search-d --exact --found "$db" search dat
compare search-rac --exact --found "$db" search rac thai
compare search-name --exact --found "$db" search "tran thi"
compare search-limit --exact --found "$db" search --limit=1 rac
compare search-none --exact "$db" search "không có từ này"
compare workdays-tet-2025 --exact --found workdays 2025-01-24 5
compare workdays-tet-2026 --exact --found workdays 2026-02-13 3
compare workdays-tet-2027 --exact --found workdays 2027-02-03 30
compare lunar-tet --exact lunar 2026-02-17
compare lunar-leap --exact lunar 2025-07-25
compare export-stdout --exact --found "$db" export -
compare export-masked --exact "$db" export --mask-confidential -
compare export-file "$db" export "@DIR@/xuất dữ liệu.json"
if cmp -s "$linux_dir/xuất dữ liệu.json" "$windows_dir/xuất dữ liệu.json"; then
  pass "export-file (the two files are the same, $(wc -c < "$linux_dir/xuất dữ liệu.json") bytes)"
else
  fail "export-file (the two files differ)"
fi
compare check "$db" check --all
compare backup "$db" backup "@DIR@/sao lưu.sqlite"
compare backup-check --database="@DIR@/sao lưu.sqlite" check
compare round-trip "--database=@DIR@/lại.sqlite" import "@DIR@/xuất dữ liệu.json"
compare round-trip-export --exact "--database=@DIR@/lại.sqlite" export -
compare demo "--database=@DIR@/mẫu.sqlite" demo --petitions=300 --seed=7
compare demo-export --exact "--database=@DIR@/mẫu.sqlite" export -
compare demo-search --exact --found "--database=@DIR@/mẫu.sqlite" search --limit=50 nuoc
compare demo-search-marked --exact --found "--database=@DIR@/mẫu.sqlite" search "đường"
compare demo-search-unmarked --exact --found "--database=@DIR@/mẫu.sqlite" search duong
compare unknown-command frobnicate
compare bad-date workdays 2026-02-30 3

# Reports and documents, where this version of the program has them: the files each side
# wrote are read back here, natively, and compared by what they hold (the cells of every
# sheet; the text of every page), and kept in WINDOWS_BUILD/compare-output for a look.
kept=$windows_build/compare-output
rm -rf "$kept"
mkdir -p "$kept"

compare_workbooks() {
  local name=$1
  if ! /usr/bin/python3 -c "import openpyxl" 2> /dev/null; then
    echo "skipped $name: no python3-openpyxl"
    return
  fi
  cp "$windows_dir/$name" "$kept/"
  if /usr/bin/python3 - "$linux_dir/$name" "$windows_dir/$name" <<'EOF'
import sys
import openpyxl

def cells(path):
    book = openpyxl.load_workbook(path)
    return [(sheet.title, [[cell.value for cell in row] for row in sheet.iter_rows()])
            for sheet in book.worksheets]

linux, windows = cells(sys.argv[1]), cells(sys.argv[2])
if linux != windows:
    for (name_a, rows_a), (name_b, rows_b) in zip(linux, windows):
        for n, (a, b) in enumerate(zip(rows_a, rows_b)):
            if a != b:
                print(f"{name_a}/{name_b} row {n + 1}: {a} != {b}")
                break
    sys.exit(1)
print(f"   {len(linux)} sheets, {sum(len(rows) for _, rows in linux)} rows")
EOF
  then
    pass "$name: the same cells on both sides"
  else
    fail "$name: the workbooks differ"
  fi
}

compare_pdfs() {
  local name=$1 a b
  if ! command -v pdftotext > /dev/null; then
    echo "skipped $name: no pdftotext (poppler-utils)"
    return
  fi
  cp "$windows_dir/$name" "$kept/"
  # The same words in the same order; line breaks may differ with the fonts at hand.
  a=$(pdftotext "$linux_dir/$name" - | tr -s '[:space:]' ' ')
  b=$(pdftotext "$windows_dir/$name" - | tr -s '[:space:]' ' ')
  if [ -n "$a" ] && [ "$a" = "$b" ]; then
    pass "$name: the same text on both sides ($(echo "$a" | wc -w) words)"
  else
    fail "$name: the documents differ"
    diff <(echo "$a" | tr ' ' '\n') <(echo "$b" | tr ' ' '\n') | head -n 10
  fi
}

if "$linux_cli" --help | grep -q "^  report "; then
  compare report-2025 "$db" report --period=2025 "--output=@DIR@/Báo cáo năm 2025.xlsx"
  compare_workbooks "Báo cáo năm 2025.xlsx"
  compare report-demo "--database=@DIR@/mẫu.sqlite" report --period=2026-Q3 \
    "--output=@DIR@/Báo cáo quý III.xlsx"
  compare_workbooks "Báo cáo quý III.xlsx"
else
  echo "skipped reports: this doithoai-cli has no report command"
fi
if "$linux_cli" --help | grep -q "^  document "; then
  compare document-notice "$db" document notice --session=HN-2025-01 \
    "--output=@DIR@/Thông báo hội nghị.pdf"
  compare_pdfs "Thông báo hội nghị.pdf"
  compare document-plan "$db" document plan --plan=KH-2026 "--output=@DIR@/Kế hoạch 2026.pdf"
  compare_pdfs "Kế hoạch 2026.pdf"
else
  echo "skipped documents: this doithoai-cli has no document command"
fi

# Windows' own: names ignore letter case, so DOITHOAI.SQLITE is the database itself.
run windows backup-upper "$db" backup "@DIR@/DOITHOAI.SQLITE"
if [ "$(cat "$work/out/backup-upper.windows.status")" != 0 ] &&
   grep -q "DOITHOAI.SQLITE" "$work/out/backup-upper.windows.err"; then
  run windows backup-upper-check "$db" check
  if [ "$(cat "$work/out/backup-upper-check.windows.status")" = 0 ]; then
    pass "backup onto DOITHOAI.SQLITE refused, the database intact"
  else
    fail "backup onto DOITHOAI.SQLITE: the database no longer checks"
  fi
else
  fail "backup onto DOITHOAI.SQLITE was not refused"
  cat "$work/out/backup-upper.windows.err"
fi

# A console: in a terminal wine gives the program one, and Vietnamese must come out whole
# (through WriteConsoleW; the C runtime's text mode would garble it even with the console
# set to UTF-8).
if command -v script > /dev/null; then
  script -qc "$(printf '%q ' wine "$windows_cli" lunar 2026-02-17)" \
    "$work/out/console.typescript" < /dev/null > /dev/null 2>&1
  if grep -q "Bính Ngọ" "$work/out/console.typescript"; then
    pass "console: Vietnamese shown whole (lunar 2026-02-17: Bính Ngọ)"
  else
    fail "console: Vietnamese garbled"
    cat -v "$work/out/console.typescript"
  fi
else
  echo "skipped console check: no 'script' command (util-linux)"
fi

# Translations: the portable folder (bin\ + share\locale\) and the uninstalled build
# (its po\) both speak Vietnamese, without DOITHOAI_LOCALEDIR.
usage=$(grep -A1 '^msgid "Usage:"' "$source_root/po/vi.po" | sed -n 's/^msgstr "\(.*\)"/\1/p')
wine "$windows_cli" --help > "$work/out/help.portable" 2>&1
WINEPATH=$(winepath -w "$cache/prefix/bin") \
  wine "$windows_build/src/cli/doithoai-cli.exe" --help > "$work/out/help.uninstalled" 2>&1
if [ -n "$usage" ] && grep -q "^$usage" "$work/out/help.portable"; then
  pass "portable folder: Vietnamese interface ($usage)"
else
  fail "portable folder: the interface is not Vietnamese"
  head -n 3 "$work/out/help.portable"
fi
if [ -n "$usage" ] && grep -q "^$usage" "$work/out/help.uninstalled"; then
  pass "uninstalled build: Vietnamese interface ($usage)"
else
  fail "uninstalled build: the interface is not Vietnamese"
  head -n 3 "$work/out/help.uninstalled"
fi

echo
echo "compare: $passed passed, $failed failed"
[ $failed -eq 0 ]
