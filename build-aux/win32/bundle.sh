#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Assembles DoiThoai's portable Windows folder from a Windows build of the project and the
# prefix its dependencies are installed in: what both the cross-build (cross-build.sh, Debian,
# tested under wine) and the MSYS2 build on a Windows PC (msys2-build.sh, prefix /ucrt64)
# ship, and what the installer (doithoai.nsi) is made from. The folder runs as it is, from
# any place (a USB stick too): everything is found relative to bin\.
#
#   bin\        doithoai.exe, doithoai-cli.exe, every DLL they need (imports walked with
#               objdump), GLib's spawn helpers
#   lib\gdk-pixbuf-2.0\2.10.0\  the image loaders and their loaders.cache (relative paths)
#   share\glib-2.0\schemas\     our settings schema and GTK's, compiled
#   share\locale\vi\LC_MESSAGES\ doithoai.mo, and GTK's, GLib's and gdk-pixbuf's catalogues
#   share\icons\  the Adwaita icons the window uses, the application's icon and our own
#                 symbolic icons as PNG (GTK draws SVG only with librsvg's loader)
#
# Usage: bundle.sh BUILD PREFIX FOLDER
#   BUILD   the project's meson build folder (src/gui/doithoai.exe is optional: a console
#           build gets a console folder)
#   PREFIX  where the dependencies are installed (bin\ with their DLLs, share\, lib\)
#   FOLDER  the folder to make (emptied first)
# Environment:
#   DOITHOAI_RUN      how to start a Windows program: "wine" when cross-building, empty on
#                     Windows (default)
#   DOITHOAI_OBJDUMP  an objdump that reads PE files (default: x86_64-w64-mingw32-objdump,
#                     else objdump)
#   DOITHOAI_ICONS    folders holding icon themes, ':'-separated (default: PREFIX/share/icons
#                     then /usr/share/icons)
# Tools: glib-compile-schemas; for the window also gtk4-encode-symbolic-svg and rsvg-convert
# (Debian: libglib2.0-dev-bin, libgtk-4-bin, librsvg2-bin; MSYS2: glib2, gtk4, librsvg).
set -euo pipefail

if [ $# -ne 3 ]; then
  sed -n '3,32p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 1
fi
build=$1
prefix=$2
folder=$3
source_root=$(cd "$(dirname "$0")/../.." && pwd)
app_id=io.github.doithoai.DoiThoai
read -r -a run <<< "${DOITHOAI_RUN:-}"
objdump=${DOITHOAI_OBJDUMP:-}
if [ -z "$objdump" ]; then
  if command -v x86_64-w64-mingw32-objdump > /dev/null; then
    objdump=x86_64-w64-mingw32-objdump
  else
    objdump=objdump
  fi
fi
IFS=: read -r -a icon_roots <<< "${DOITHOAI_ICONS:-$prefix/share/icons:/usr/share/icons}"
pixbuf_dir=lib/gdk-pixbuf-2.0/2.10.0

gui=no
if [ -f "$build/src/gui/doithoai.exe" ]; then
  gui=yes
fi

say() {
  printf '   %s\n' "$*"
}

# The DLLs the given programs and libraries need that are in PREFIX\bin, recursively; the
# system's own (KERNEL32.dll, USER32.dll...) are not there and stay out.
needed_dlls() {
  local todo=("$@") seen=" " file dll
  while [ ${#todo[@]} -gt 0 ]; do
    file=${todo[0]}
    todo=("${todo[@]:1}")
    while read -r dll; do
      dll=${dll%$'\r'}
      if [ -f "$prefix/bin/$dll" ] && [[ $seen != *" ${dll,,} "* ]]; then
        seen="$seen${dll,,} "
        echo "$dll"
        todo+=("$prefix/bin/$dll")
      fi
    done < <("$objdump" -p "$file" | sed -n 's/^\s*DLL Name: //p')
  done
}

# The first icon theme folder called $1 among the icon roots.
icon_theme() {
  local root
  for root in "${icon_roots[@]}"; do
    if [ -f "$root/$1/index.theme" ]; then
      echo "$root/$1"
      return
    fi
  done
  return 1
}

# The symbolic icons the window names (in its .ui files and its C code) that are not ours.
used_icons() {
  grep -ohE '"[a-z0-9-]+-symbolic"|>[a-z0-9-]+-symbolic<' "$source_root"/ui/*.ui \
    "$source_root"/src/gui/*.c | tr -d '"<>' | sort -u | grep -v '^dt-'
}

copy_programs() {
  local programs=() program dll loader
  mkdir -p "$folder/bin"
  programs+=("$build/src/cli/doithoai-cli.exe")
  if [ $gui = yes ]; then
    programs+=("$build/src/gui/doithoai.exe")
  fi
  for program in "${programs[@]}"; do
    cp "$program" "$folder/bin/"
  done
  for program in gspawn-win64-helper.exe gspawn-win64-helper-console.exe; do
    cp "$prefix/bin/$program" "$folder/bin/"
    programs+=("$prefix/bin/$program")
  done
  if [ $gui = yes ]; then
    # The image loaders: PNG (GTK's own icons, the PNG icons below), and SVG where
    # librsvg's is installed (MSYS2).
    mkdir -p "$folder/$pixbuf_dir/loaders"
    for loader in "$prefix/$pixbuf_dir"/loaders/libpixbufloader-{png,svg}.dll \
                  "$prefix/$pixbuf_dir"/loaders/libpixbufloader_{png,svg}.dll; do
      if [ -f "$loader" ]; then
        cp "$loader" "$folder/$pixbuf_dir/loaders/"
        programs+=("$loader")
      fi
    done
    if ! ls "$folder/$pixbuf_dir/loaders/"*png*.dll > /dev/null 2>&1; then
      say "no PNG loader module in $prefix/$pixbuf_dir/loaders: built into gdk-pixbuf then"
    fi
    programs+=("$prefix/bin/gdk-pixbuf-query-loaders.exe")
  fi
  for dll in $(needed_dlls "${programs[@]}"); do
    cp "$prefix/bin/$dll" "$folder/bin/"
  done
  say "bin: $(find "$folder/bin" -name '*.exe' | wc -l) programs," \
      "$(find "$folder/bin" -name '*.dll' | wc -l) DLLs"
}

# loaders.cache, written by gdk-pixbuf's own tool run from the folder: gdk-pixbuf (built
# relocatable) writes the loaders' paths relative to the folder, so it moves with it.
write_loaders_cache() {
  local cache=$folder/$pixbuf_dir/loaders.cache
  cp "$prefix/bin/gdk-pixbuf-query-loaders.exe" "$folder/bin/"
  (cd "$folder/bin" && "${run[@]}" ./gdk-pixbuf-query-loaders.exe) > "$cache.new"
  rm "$folder/bin/gdk-pixbuf-query-loaders.exe"
  tr -d '\r' < "$cache.new" > "$cache"
  rm "$cache.new"
  if ls "$folder/$pixbuf_dir/loaders/"*png*.dll > /dev/null 2>&1 && ! grep -q '"png"' "$cache"
  then
    echo "bundle.sh: loaders.cache names no PNG loader:" >&2
    cat "$cache" >&2
    return 1
  fi
  if grep -q '^"/\|^"[A-Za-z]:' "$cache"; then
    echo "bundle.sh: loaders.cache holds absolute paths; is gdk-pixbuf relocatable?" >&2
    return 1
  fi
  say "$pixbuf_dir/loaders.cache: $(grep -c '^"' "$cache") lines"
}

compile_schemas() {
  local schemas=$folder/share/glib-2.0/schemas schema
  mkdir -p "$schemas"
  cp "$source_root/data/$app_id.gschema.xml" "$schemas/"
  for schema in "$prefix"/share/glib-2.0/schemas/org.gtk.gtk4.*.gschema.xml; do
    if [ -f "$schema" ]; then
      cp "$schema" "$schemas/"
    fi
  done
  glib-compile-schemas --strict "$schemas"
  say "share/glib-2.0/schemas: $(find "$schemas" -name '*.xml' | wc -l) schemas compiled"
}

copy_translations() {
  local locale=$folder/share/locale/vi/LC_MESSAGES mo
  mkdir -p "$locale"
  cp "$build/po/vi/LC_MESSAGES/doithoai.mo" "$locale/"
  # GLib's messages (file errors among them), and the window's own: GTK's dialogs, the
  # date picker, the print dialog.
  for mo in glib20.mo gtk40.mo gdk-pixbuf.mo; do
    if [ -f "$prefix/share/locale/vi/LC_MESSAGES/$mo" ]; then
      cp "$prefix/share/locale/vi/LC_MESSAGES/$mo" "$locale/"
    elif [ $gui = yes ] && [ "$mo" = gtk40.mo ]; then
      echo "bundle.sh: no Vietnamese gtk40.mo in $prefix/share/locale" >&2
      return 1
    fi
  done
  say "share/locale/vi: $(cd "$locale" && echo ./*.mo | sed 's|\./||g')"
}

# The Adwaita icons the window uses (SVG and the PNG forms GTK draws without librsvg), the
# hicolor theme's index, the application's icon in PNG sizes, and our own symbolic icons
# (ui/icons, in the program's resources as SVG) as PNG.
copy_icons() {
  local icons=$folder/share/icons adwaita hicolor name file count=0 missing="" size svg
  adwaita=$(icon_theme Adwaita) || { echo "bundle.sh: no Adwaita icon theme" >&2; return 1; }
  hicolor=$(icon_theme hicolor) || { echo "bundle.sh: no hicolor icon theme" >&2; return 1; }
  mkdir -p "$icons/Adwaita" "$icons/hicolor"
  cp "$adwaita/index.theme" "$icons/Adwaita/"
  cp "$hicolor/index.theme" "$icons/hicolor/"
  for name in $(used_icons); do
    local found=no
    while read -r file; do
      found=yes
      mkdir -p "$icons/Adwaita/$(dirname "$file")"
      cp "$adwaita/$file" "$icons/Adwaita/$file"
    done < <(cd "$adwaita" && find . \( -name "$name.svg" -o -name "$name.symbolic.png" \
                                       -o -name "$name-rtl.svg" \) | sed 's|^\./||')
    if [ $found = yes ]; then
      count=$((count + 1))
    elif ! find "$source_root/ui/icons" -name "$name.svg" | grep -q .; then
      missing="$missing $name"
    fi
  done
  if [ -n "$missing" ]; then
    # GTK's own resources hold some (window-close-symbolic...): said, not fatal.
    say "not in Adwaita (GTK's own then):$missing"
  fi

  svg=$source_root/data/icons/hicolor/scalable/apps/$app_id.svg
  mkdir -p "$icons/hicolor/scalable/apps" "$icons/hicolor/symbolic/apps"
  cp "$svg" "$icons/hicolor/scalable/apps/"
  cp "$source_root/data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
    "$icons/hicolor/symbolic/apps/"
  for size in 16 24 32 48 64 128 256; do
    mkdir -p "$icons/hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
  for svg in "$source_root"/ui/icons/scalable/actions/*-symbolic.svg; do
    for size in 16 32 64; do
      mkdir -p "$icons/hicolor/${size}x${size}/actions"
      gtk4-encode-symbolic-svg "$svg" "${size}x${size}" -o "$icons/hicolor/${size}x${size}/actions"
    done
  done
  say "share/icons: $count Adwaita icons, the application's icon," \
      "$(find "$source_root/ui/icons" -name '*-symbolic.svg' | wc -l) of our own"
}

rm -rf "$folder"
mkdir -p "$folder"
copy_programs
copy_translations
if [ $gui = yes ]; then
  write_loaders_cache
  compile_schemas
  copy_icons
fi
say "$folder: $(du -sh "$folder" | cut -f1)"
