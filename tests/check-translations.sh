#!/bin/sh
# Fails on any message of the sources that po/vi.po does not translate, or translates fuzzily.
set -eu
top="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "1..1"
cd "$top"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --add-comments --files-from=po/POTFILES.in --directory="$top" -o "$work/doithoai.pot" 2>"$work/err" || {
  cat "$work/err"; echo "not ok 1 - xgettext failed"; exit 0; }
msgmerge --quiet --no-fuzzy-matching "po/vi.po" "$work/doithoai.pot" -o "$work/vi.po"
stats=$(msgfmt --check --statistics -o /dev/null "$work/vi.po" 2>&1) || {
  echo "$stats" | sed 's/^/# /'; echo "not ok 1 - po/vi.po does not compile"; exit 0; }
stats=$(echo "$stats" | tail -n 1)
echo "# $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated --only-fuzzy "$work/vi.po" 2>/dev/null | head -40 | sed 's/^/# /'
    msgattrib --untranslated "$work/vi.po" | grep '^msgid' | head -40 | sed 's/^/# /'
    echo "not ok 1 - po/vi.po is incomplete: $stats" ;;
  *) echo "ok 1 - po/vi.po translates every message" ;;
esac
