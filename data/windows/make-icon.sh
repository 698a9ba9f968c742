#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the Windows icon (doithoai.ico, committed beside this script) from the application's
# SVG icon: 16 to 256 pixels, each size drawn by librsvg. Run it again when the icon changes
# (Debian: apt-get install librsvg2-bin icoutils).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
svg=$here/../icons/hicolor/scalable/apps/io.github.doithoai.DoiThoai.svg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for size in 16 20 24 32 40 48 64 256; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$work/$size.png"
done
# The small sizes as bitmaps (every Windows reads them), 256 as PNG (as Windows wants it).
icotool -c -o "$here/doithoai.ico" "$work/16.png" "$work/20.png" "$work/24.png" \
  "$work/32.png" "$work/40.png" "$work/48.png" "$work/64.png" -r "$work/256.png"
icotool -l "$here/doithoai.ico"
