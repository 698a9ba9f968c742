#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Cross-builds DoiThoai for 64-bit Windows with Debian's mingw-w64 toolchain: the window
# (GTK 4 with its Windows backend), doithoai-cli and the tests; runs the core and console
# tests under wine, assembles the portable folder (bundle.sh, shared with msys2-build.sh),
# compares the console program with the Linux build (compare.sh), starts the window from the
# portable folder under Xvfb + wine and takes a screenshot, and makes the installer (NSIS)
# and tests it under wine. Not part of CI (it takes minutes); see "Building for Windows" in
# README.
#
# The dependencies are built from Debian's own source packages (apt-get source) into a cache
# outside the source tree, once: running the script again rebuilds only the project.
#
# Usage: build-aux/win32/cross-build.sh [--console] [--no-test] [--no-compare] [--no-window]
#                                       [--no-installer]
#   --console       the core and doithoai-cli alone (-Dgui=disabled): no GTK, no window,
#                   no installer
#   --no-test       no tests under wine        --no-compare    no compare.sh
#   --no-window     no screenshot of the window --no-installer  no installer
#   DOITHOAI_WIN32_CACHE  where dependencies are built and kept
#                         (default: ~/.cache/doithoai-win32)
#   DOITHOAI_WIN32_BUILD  the project's build folder (default: _build-win32 in the tree)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
cache=${DOITHOAI_WIN32_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/doithoai-win32}
prefix=$cache/prefix
sources=$cache/sources
work=$cache/build
stamps=$cache/stamps
build=${DOITHOAI_WIN32_BUILD:-$source_root/_build-win32}
host=x86_64-w64-mingw32
jobs=2
# A shared machine: dependency builds give way to everything else.
slow=(nice -n 10)

run_tests=yes
run_compare=yes
run_window=yes
run_installer=yes
gui=enabled
for arg in "$@"; do
  case $arg in
    --console) gui=disabled; run_window=no; run_installer=no ;;
    --no-test) run_tests=no ;;
    --no-compare) run_compare=no ;;
    --no-window) run_window=no ;;
    --no-installer) run_installer=no ;;
    -h|--help) sed -n '3,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cross-build.sh: unknown argument '$arg' (see --help)" >&2; exit 1 ;;
  esac
done

log() {
  printf '\n== %s\n' "$*"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# --- Tools ---------------------------------------------------------------------------------

tools="gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 wine wine64 meson ninja-build pkg-config cmake
  make gcc tcl dpkg-dev gettext libglib2.0-dev-bin python3 xz-utils bzip2 perl sassc nsis
  libgtk-4-bin librsvg2-bin adwaita-icon-theme hicolor-icon-theme xvfb xauth xdotool
  imagemagick fonts-dejavu-core"

install_tools() {
  local missing="" package
  for package in $tools; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $package"
    fi
  done
  if [ -n "$missing" ]; then
    log "Installing:$missing"
    as_root apt-get update -q
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends $missing
  fi
}

# apt-get source needs deb-src entries: the same archives as the deb ones apt already uses.
ensure_deb_src() {
  local list=/etc/apt/sources.list.d/doithoai-deb-src.sources
  if grep -Eqs '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/*; then
    return
  fi
  log "Adding deb-src entries beside the deb ones ($list, /etc/apt/sources.list.d/*-src.list)"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      as_root tee "$list" >/dev/null
  fi
  if [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list |
      as_root tee /etc/apt/sources.list.d/doithoai-deb-src.list >/dev/null
  fi
  as_root apt-get update -q
}

# --- Wine ----------------------------------------------------------------------------------

export WINEPREFIX=$cache/wine
export WINEARCH=win64
export WINEDEBUG=-all
# No Mono or Gecko installer windows on the first start; no menu entries and icons written
# into this machine's desktop (~/.local/share/applications, ~/.local/share/icons) when the
# installer is tried: an icon folder without its cache there slows every GTK program's start.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

init_wine() {
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    log "Creating the wine prefix $WINEPREFIX"
    wineboot --init >/dev/null 2>&1 || true
    wineserver --wait || true
  fi
  # The DLLs of the dependencies, for every program run under wine.
  WINEPATH=$(winepath -w "$prefix/bin" 2>/dev/null)
  export WINEPATH
}

# --- Dependencies --------------------------------------------------------------------------

# Downloads and unpacks (with Debian's patches) source package $1; prints its folder.
fetch_source() {
  local name=$1 dir version
  mkdir -p "$sources"
  dir=$(find "$sources" -mindepth 1 -maxdepth 1 -type d -name "$name-[0-9]*" | sort | tail -n 1)
  if [ -z "$dir" ] || { [ ! -f "$dir/debian/changelog" ] && [ ! -f "$dir/.upstream-tarball" ]; }
  then
    # The newest version first; an archive may list a version whose files it lacks.
    for version in $(apt-cache showsrc "$name" | sed -n 's/^Version: //p' | sort -r -V); do
      if (cd "$sources" && apt-get source -q -o APT::Sandbox::User=root "$name=$version" >&2)
      then
        break
      fi
      echo "   $name $version cannot be fetched: trying an older version" >&2
    done
    dir=$(find "$sources" -mindepth 1 -maxdepth 1 -type d -name "$name-[0-9]*" | sort | tail -n 1)
  fi
  if [ -z "$dir" ]; then
    # Some of Debian's own files may be missing from the archive while the upstream tarball
    # of the same source package is there: it is used as it is, without Debian's patches.
    local tarball
    tarball=$(find "$sources" -maxdepth 1 -name "${name}_*.orig.tar.*" ! -name "*.asc" |
              sort | tail -n 1)
    if [ -n "$tarball" ]; then
      echo "   $name: Debian's patches cannot be fetched; using $(basename "$tarball")" >&2
      tar -xf "$tarball" -C "$sources"
      dir=$(find "$sources" -mindepth 1 -maxdepth 1 -type d -name "$name-[0-9]*" | sort |
            tail -n 1)
      [ -z "$dir" ] || basename "$tarball" > "$dir/.upstream-tarball"
    fi
  fi
  [ -n "$dir" ] || { echo "cross-build.sh: no source for $name" >&2; exit 1; }
  echo "$dir"
}

source_version() {
  if [ -f "$1/debian/changelog" ]; then
    dpkg-parsechangelog -l "$1/debian/changelog" -S Version
  else
    echo "upstream $(cat "$1/.upstream-tarball")"
  fi
}

# Runs build_$1 unless the same source version was built with the same recipe before.
# Bump a recipe's number below when its build_ function changes.
declare -A recipe=([zlib]=1 [libffi]=1 [pcre2]=1 [gettext]=1 [glib2.0]=1 [sqlite3]=1
                   [jansson]=1 [libxlsxwriter]=1 [pixman]=1 [libpng1.6]=1 [fribidi]=1
                   [harfbuzz]=1 [cairo]=1 [pango1.0]=2 [libjpeg-turbo]=1 [tiff]=1
                   [graphene]=1 [libepoxy]=1 [gdk-pixbuf]=1 [gtk4]=1)
dependency() {
  local name=$1 dir version stamp start status
  dir=$(fetch_source "$name")
  version="$(source_version "$dir") recipe ${recipe[$name]}"
  stamp=$stamps/$name
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then
    echo "   $name $version: built already"
    return
  fi
  log "Building $name $version"
  start=$SECONDS
  rm -rf "${work:?}/$name"
  mkdir -p "$work/$name" "$stamps"
  # In a subshell of its own, not in a condition: errexit stays in force in the recipe.
  set +e
  (set -e; build_one "$name" "$dir" "$work/$name") > "$work/$name.log" 2>&1
  status=$?
  set -e
  if [ $status -ne 0 ]; then
    tail -n 40 "$work/$name.log"
    echo "cross-build.sh: $name failed; the whole log is $work/$name.log" >&2
    exit 1
  fi
  echo "$version" > "$stamp"
  echo "   $name: $((SECONDS - start)) s"
}

build_one() {
  case $1 in
    zlib) build_zlib "$2" "$3" ;;
    libffi) build_libffi "$2" "$3" ;;
    pcre2) build_pcre2 "$2" "$3" ;;
    gettext) build_gettext "$2" "$3" ;;
    glib2.0) build_glib "$2" "$3" ;;
    sqlite3) build_sqlite "$2" "$3" ;;
    jansson) build_jansson "$2" "$3" ;;
    libxlsxwriter) build_xlsxwriter "$2" "$3" ;;
    pixman) meson_cross "$2" "$3" -Dtests=disabled -Dgtk=disabled -Dlibpng=disabled \
              -Dopenmp=disabled ;;
    libpng1.6) build_libpng "$2" "$3" ;;
    fribidi) meson_cross "$2" "$3" -Ddocs=false ;;
    harfbuzz) meson_cross "$2" "$3" -Dtests=disabled -Ddocs=disabled -Dfreetype=disabled \
                -Dcairo=disabled -Dicu=disabled -Dgraphite=disabled -Dchafa=disabled \
                -Dintrospection=disabled -Dglib=enabled -Dgobject=disabled \
                -Dbenchmark=disabled ;;
    cairo) build_cairo "$2" "$3" ;;
    pango1.0) build_pango "$2" "$3" ;;
    libjpeg-turbo) cmake_cross "$2" "$3" -DENABLE_STATIC=OFF -DWITH_TURBOJPEG=OFF \
                     -DWITH_SIMD=OFF ;;
    tiff) cmake_cross "$2" "$3" -Dtiff-tools=OFF -Dtiff-tests=OFF -Dtiff-contrib=OFF \
            -Dtiff-docs=OFF -Dcxx=OFF -Djbig=OFF -Dlzma=OFF -Dzstd=OFF -Dwebp=OFF -Dlerc=OFF \
            -Dlibdeflate=OFF ;;
    graphene) meson_cross "$2" "$3" -Dintrospection=disabled -Dtests=false \
                -Dinstalled_tests=false -Dgtk_doc=false ;;
    libepoxy) meson_cross "$2" "$3" -Dtests=false -Ddocs=false -Dglx=no -Degl=no -Dx11=false ;;
    gdk-pixbuf) build_gdk_pixbuf "$2" "$3" ;;
    gtk4) build_gtk "$2" "$3" ;;
  esac
}

cross_env=(
  CC="$host-gcc" CXX="$host-g++" AR="$host-ar" RANLIB="$host-ranlib" STRIP="$host-strip"
  WINDRES="$host-windres" RC="$host-windres"
  CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib"
  PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH=""
)

configure_cross() {
  local src=$1
  shift
  env "${cross_env[@]}" "${slow[@]}" "$src/configure" --host="$host" --prefix="$prefix" \
    --enable-shared --disable-static "$@"
}

write_pc() {
  local name=$1 version=$2 description=$3 libs=$4
  mkdir -p "$prefix/lib/pkgconfig"
  cat > "$prefix/lib/pkgconfig/$name.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: $name
Description: $description
Version: $version
Libs: -L\${libdir} $libs
Cflags: -I\${includedir}
EOF
}

# Debian's zlib source has no win32/ folder (no makefile, no resource): compiled by hand,
# with an import library named so that -lz finds it.
build_zlib() {
  local src=$1 out=$2 file version
  version=$(sed -n 's/^#define ZLIB_VERSION "\(.*\)"/\1/p' "$src/zlib.h")
  for file in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast \
              inflate inftrees trees uncompr zutil; do
    "${slow[@]}" "$host-gcc" -O2 -DZLIB_DLL -c "$src/$file.c" -o "$out/$file.o"
  done
  mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/include"
  "$host-gcc" -shared -o "$prefix/bin/zlib1.dll" "$out"/*.o \
    -Wl,--out-implib,"$prefix/lib/libz.dll.a"
  cp "$src/zlib.h" "$src/zconf.h" "$prefix/include/"
  write_pc zlib "$version" "zlib compression library" "-lz"
}

build_libffi() {
  local src=$1 out=$2
  (cd "$out" && configure_cross "$src" --disable-docs && "${slow[@]}" make -j"$jobs" &&
     make install)
}

build_pcre2() {
  local src=$1 out=$2
  (cd "$out" && configure_cross "$src" --enable-pcre2-8 --disable-pcre2-16 --disable-pcre2-32 \
     --enable-unicode && "${slow[@]}" make -j"$jobs" && make install)
}

# Debian's patches touch the autotools files of some packages (gettext, cairo): make would
# regenerate them with automake; the generated files of the tarball are used as they are.
keep_autotools=(ACLOCAL=true AUTOMAKE=true AUTOCONF=true AUTOHEADER=true)

# Only gettext's libintl (GLib needs it; GLib's own fallback is a download). NLS stays
# enabled, or no libintl-8.dll is built.
build_gettext() {
  local src=$1 out=$2
  (cd "$out" && configure_cross_runtime "$src" &&
     "${slow[@]}" make -j"$jobs" -C intl "${keep_autotools[@]}" &&
     make -C intl install "${keep_autotools[@]}")
}

configure_cross_runtime() {
  local src=$1
  env "${cross_env[@]}" "${slow[@]}" "$src/gettext-runtime/configure" --host="$host" \
    --prefix="$prefix" --enable-shared --disable-static --enable-nls --disable-java \
    --disable-csharp --disable-libasprintf --disable-c++ --disable-openmp --without-emacs \
    --without-libiconv-prefix --disable-rpath
}

meson_cross() {
  local src=$1 out=$2
  shift 2
  meson setup "$out" "$src" --cross-file "$cache/cross.ini" --prefix "$prefix" \
    --buildtype release --wrap-mode nodownload -Ddefault_library=shared "$@"
  "${slow[@]}" ninja -C "$out" -j"$jobs"
  meson install -C "$out" --no-rebuild
}

build_libpng() {
  local src=$1 out=$2
  (cd "$out" && configure_cross "$src" && "${slow[@]}" make -j"$jobs" && make install)
}

# Cairo 1.16 for the documents: Windows surfaces and fonts, PDF and PNG, no X11 or
# FreeType. Its configure adds -D_FORTIFY_SOURCE=2, which MinGW cannot link without libssp:
# a copy of the source without that flag is built.
build_cairo() {
  local src=$1 out=$2 copy=$2/src
  cp -a "$src" "$copy"
  sed -i 's/ -Wp,-D_FORTIFY_SOURCE=2//' "$copy/configure"
  touch -r "$src/configure" "$copy/configure"
  mkdir -p "$out/build"
  (cd "$out/build" && configure_cross "$copy" --enable-win32 --enable-win32-font \
     --enable-pdf --enable-ps --enable-svg --enable-png --enable-gobject --disable-xlib \
     --disable-xcb --disable-ft --disable-fc --disable-quartz --disable-script \
     --disable-interpreter --disable-trace --disable-gtk-doc &&
   "${slow[@]}" make -j"$jobs" -C src "${keep_autotools[@]}" &&
   make -C src install "${keep_autotools[@]}" &&
   make -C util/cairo-gobject "${keep_autotools[@]}" &&
   make -C util/cairo-gobject install "${keep_autotools[@]}")
}

# Pango 1.50's Windows font map takes the family of a description it may not have: for a
# font DirectWrite cannot describe (some of wine's own) it gets NULL and says so with a
# critical, which aborts the tests (G_DEBUG=fatal-criticals). Such fonts are skipped, as
# the code beside it means to.
build_pango() {
  local src=$1 out=$2 copy=$2/src
  cp -a "$src" "$copy"
  sed -i 's|^  if (!pango_font_description_get_family (description))$|  if (description == NULL \|\| !pango_font_description_get_family (description))|' \
    "$copy/pango/pangowin32-fontmap.c"
  grep -q 'if (description == NULL || !pango_font_description_get_family (description))' \
    "$copy/pango/pangowin32-fontmap.c" || {
    echo "the font map fix no longer applies to this Pango" >&2
    return 1
  }
  meson_cross "$copy" "$out/build" -Dintrospection=disabled -Dgtk_doc=false \
    -Dinstall-tests=false -Dfontconfig=disabled -Dfreetype=disabled -Dcairo=enabled \
    -Dlibthai=disabled -Dxft=disabled -Dsysprof=disabled
}

# gdk-pixbuf with its PNG loader as a module (the portable folder carries it and its
# loaders.cache, as a real install does); found beside the DLL at run time (relocatable).
build_gdk_pixbuf() {
  local src=$1 out=$2
  meson_cross "$src" "$out" -Dpng=enabled -Djpeg=disabled -Dtiff=disabled \
    -Dbuiltin_loaders=none -Dnative_windows_loaders=false -Drelocatable=true \
    -Dintrospection=disabled -Dman=false -Dgtk_doc=false -Ddocs=false -Dtests=false \
    -Dinstalled_tests=false
}

# GTK 4.8 with its Windows backend alone: no media, printing through Windows, no Vulkan,
# no introspection, documentation, demos, examples or tests. Its theme is compiled with
# the native sassc.
build_gtk() {
  local src=$1 out=$2
  meson_cross "$src" "$out" -Dwin32-backend=true -Dx11-backend=false \
    -Dwayland-backend=false -Dbroadway-backend=false -Dmacos-backend=false \
    -Dmedia-ffmpeg=disabled -Dmedia-gstreamer=disabled -Dprint-cups=disabled \
    -Dvulkan=disabled -Dcloudproviders=disabled -Dsysprof=disabled -Dtracker=disabled \
    -Dcolord=disabled -Dintrospection=disabled -Dgtk_doc=false -Dman-pages=false \
    -Ddemos=false -Dbuild-examples=false -Dbuild-tests=false -Dinstall-tests=false
}

build_glib() {
  local src=$1 out=$2
  meson setup "$out" "$src" --cross-file "$cache/cross.ini" --prefix "$prefix" \
    --buildtype release --wrap-mode nodownload -Ddefault_library=shared \
    -Dtests=false -Dinstalled_tests=false -Dman=false -Dgtk_doc=false -Dnls=enabled \
    -Dlibmount=disabled -Dselinux=disabled -Dxattr=false -Dsysprof=disabled
  "${slow[@]}" ninja -C "$out" -j"$jobs"
  meson install -C "$out" --no-rebuild
}

# The amalgamation is generated natively (it needs tclsh), then compiled for Windows with
# the options Debian's own build uses, FTS5 among them.
build_sqlite() {
  local src=$1 out=$2 version
  version=$(cat "$src/VERSION")
  mkdir -p "$out/native"
  (cd "$out/native" && "${slow[@]}" "$src/configure" --disable-tcl >/dev/null &&
     "${slow[@]}" make sqlite3.c)
  mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/include"
  "${slow[@]}" "$host-gcc" -O2 -shared -o "$prefix/bin/libsqlite3-0.dll" \
    "$out/native/sqlite3.c" -Wl,--out-implib,"$prefix/lib/libsqlite3.dll.a" \
    -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
    -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA \
    -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_THREADSAFE=1 \
    -DSQLITE_USE_URI=1 -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK \
    -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000 \
    -DSQLITE_LIKE_DOESNT_MATCH_BLOBS
  cp "$out/native/sqlite3.h" "$src/src/sqlite3ext.h" "$prefix/include/"
  write_pc sqlite3 "$version" "SQL database engine" "-lsqlite3"
}

write_toolchain() {
  cat > "$cache/toolchain.cmake" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER $host-gcc)
set(CMAKE_CXX_COMPILER $host-g++)
set(CMAKE_RC_COMPILER $host-windres)
set(CMAKE_FIND_ROOT_PATH $prefix /usr/$host)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOF
}

cmake_cross() {
  local src=$1 out=$2
  shift 2
  cmake -S "$src" -B "$out" -DCMAKE_TOOLCHAIN_FILE="$cache/toolchain.cmake" \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release "$@"
  "${slow[@]}" cmake --build "$out" -j "$jobs"
  cmake --install "$out"
}

build_jansson() {
  local src=$1 out=$2
  cmake_cross "$src" "$out" -DJANSSON_BUILD_SHARED_LIBS=ON -DJANSSON_BUILD_DOCS=OFF \
    -DJANSSON_EXAMPLES=OFF -DJANSSON_WITHOUT_TESTS=ON
}

# libxlsxwriter 1.1.4 undefines _WIN32 under MinGW and so opens files with the ANSI fopen ():
# a workbook cannot be written into a folder with Vietnamese letters. Keeping _WIN32 (wide
# file names through _wfopen and minizip's Windows file functions) mends it.
build_xlsxwriter() {
  local src=$1 out=$2 copy=$2/src
  cp -a "$src" "$copy"
  sed -i 's|^#undef _WIN32$|/* _WIN32 kept for wide-character file names (DoiThoai). */|' \
    "$copy/src/utility.c" "$copy/src/packager.c"
  perl -0pi -e 's/if\(MSVC\)(\s*list\(APPEND LXW_SOURCES third_party\/minizip\/iowin32\.c\))/if(WIN32)$1/' \
    "$copy/CMakeLists.txt"
  if grep -q '^#undef _WIN32' "$copy/src/utility.c" "$copy/src/packager.c" ||
     ! grep -q 'if(WIN32)' "$copy/CMakeLists.txt"; then
    echo "the Vietnamese-path fix no longer applies to this libxlsxwriter" >&2
    return 1
  fi
  cmake_cross "$copy" "$out/build" -DBUILD_SHARED_LIBS=ON -DBUILD_TESTS=OFF \
    -DBUILD_EXAMPLES=OFF -DUSE_SYSTEM_MINIZIP=OFF
}

write_cross_file() {
  cat > "$cache/cross.ini" <<EOF
# Written by build-aux/win32/cross-build.sh.
[binaries]
c = '$host-gcc'
cpp = '$host-g++'
ar = '$host-ar'
strip = '$host-strip'
windres = '$host-windres'
pkgconfig = 'pkg-config'
exe_wrapper = 'wine'
glib-compile-resources = '/usr/bin/glib-compile-resources'
glib-compile-schemas = '/usr/bin/glib-compile-schemas'
glib-mkenums = '/usr/bin/glib-mkenums'
glib-genmarshal = '/usr/bin/glib-genmarshal'

[properties]
pkg_config_libdir = ['$prefix/lib/pkgconfig']

[built-in options]
c_args = ['-I$prefix/include']
c_link_args = ['-L$prefix/lib']
cpp_args = ['-I$prefix/include']
cpp_link_args = ['-L$prefix/lib']

[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
}

# A workbook written into a folder with Vietnamese letters, under wine: the fix above works.
check_xlsxwriter() {
  local out=$work/xlsx-check folder
  mkdir -p "$out"
  "$host-gcc" -municode -o "$out/xlsx-check.exe" "$here/xlsx-check.c" -I"$prefix/include" \
    -L"$prefix/lib" -lxlsxwriter
  folder="$out/Dữ liệu báo cáo"
  rm -rf "$folder"
  mkdir -p "$folder"
  wine "$out/xlsx-check.exe" "$(winepath -w "$folder")\\Báo cáo tháng.xlsx"
  /usr/bin/python3 - "$folder/Báo cáo tháng.xlsx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as book:
    sheet = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "Đối thoại" in sheet, sheet
print("   libxlsxwriter under wine wrote", sys.argv[1])
EOF
}

# MinGW's own run-time DLLs (HarfBuzz, in C++, needs libgcc's), beside the others so that
# wine and the portable folder find them.
copy_runtime() {
  local dll path
  for dll in libgcc_s_seh-1.dll libstdc++-6.dll; do
    path=$("$host-gcc" -print-file-name="$dll")
    if [ -f "$path" ]; then
      cp "$path" "$prefix/bin/"
    fi
  done
}

# A PDF with Vietnamese text drawn by Pango and Cairo, written into a folder with
# Vietnamese letters, under wine: read back natively with pdftotext when it is installed.
check_pdf() {
  local out=$work/pdf-check folder flags
  mkdir -p "$out"
  flags=$(PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" pkg-config --cflags --libs pangocairo cairo-pdf)
  # shellcheck disable=SC2086 # pkg-config's words
  "$host-gcc" -municode -o "$out/pdf-check.exe" "$here/pdf-check.c" $flags
  folder="$out/Dữ liệu báo cáo"
  rm -rf "$folder"
  mkdir -p "$folder"
  # As strict as the tests: a critical (one about wine's fonts, before the Pango fix) fails.
  G_DEBUG=fatal-criticals wine "$out/pdf-check.exe" "$(winepath -w "$folder")\\Thông báo.pdf" \
    2> "$out/stderr.txt" || {
    cat "$out/stderr.txt" >&2
    return 1
  }
  if command -v pdftotext > /dev/null; then
    pdftotext "$folder/Thông báo.pdf" - | grep -q "Đối thoại với Nhân dân" || {
      echo "cross-build.sh: the PDF drawn under wine lacks its Vietnamese text" >&2
      return 1
    }
  fi
  echo "   Pango and Cairo under wine drew $folder/Thông báo.pdf"
}

# --- The project ---------------------------------------------------------------------------

build_project() {
  log "Building DoiThoai (-Dgui=$gui) in $build"
  local start=$SECONDS
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$source_root" --cross-file "$cache/cross.ini" -Dgui="$gui" \
      -Dwerror=true --prefix "$build/portable-prefix"
  else
    meson setup --reconfigure "$build" "$source_root" --cross-file "$cache/cross.ini" \
      -Dgui="$gui" -Dwerror=true --prefix "$build/portable-prefix" > "$build/reconfigure.log" ||
      { cat "$build/reconfigure.log"; return 1; }
  fi
  ninja -C "$build" -j"$jobs"
  echo "   project: $((SECONDS - start)) s"
}

# The same portable folder as msys2-build.sh makes on Windows (bundle.sh), with gdk-pixbuf's
# loaders.cache written under wine.
assemble_portable() {
  log "Assembling the portable folder $build/DoiThoai"
  DOITHOAI_RUN=wine DOITHOAI_OBJDUMP="$host-objdump" \
    DOITHOAI_ICONS="$prefix/share/icons:/usr/share/icons" \
    "$here/bundle.sh" "$build" "$prefix" "$build/DoiThoai"
}

# The core and console tests (and the translations check) under wine; the window's tests
# need a display of their own and are left to Linux.
test_project() {
  log "Running the tests under wine"
  local start=$SECONDS status=0
  # Wine's server, its services and its desktop (explorer.exe /desktop), started by the first
  # program that needs them, keep that program's output open: started by a test under meson,
  # the desktop held the util test's pipe, and meson waited for it to close until the test
  # timed out (every case passed, 360 s; 3 runs of 3). Started here with nothing of meson's,
  # and kept through the tests by a program that waits in the background.
  local keeper
  wineserver -k </dev/null >/dev/null 2>&1 || true
  wineserver -w </dev/null >/dev/null 2>&1 || true
  wineserver -p </dev/null >/dev/null 2>&1 || true
  wine cmd /c "ping -n 100000 127.0.0.1 >nul" </dev/null >/dev/null 2>&1 &
  keeper=$!
  # The desktop, started by a program that uses it (the keeper alone does not).
  wine rundll32.exe user32.dll,MessageBeep </dev/null >/dev/null 2>&1 || true
  # One at a time: run two at once under one wine, a test's spawns of doithoai-cli failed now
  # and then with "Failed to execute helper program (Invalid argument)" (in 3 runs of 4, at a
  # different case each time; never alone). Wine runs them slower, and slower still on a busy
  # machine: three times the time.
  meson test -C "$build" --num-processes 1 --print-errorlogs --no-suite gui \
    --timeout-multiplier 3 ||
    status=$?
  /usr/bin/python3 "$source_root/build-aux/test-summary.py" "$build/meson-logs/testlog.json" ||
    true
  kill "$keeper" 2>/dev/null || true
  wineserver -k </dev/null >/dev/null 2>&1 || true
  echo "   tests: $((SECONDS - start)) s"
  return $status
}

# A virtual display of our own for wine: its number in $display, its process in $xvfb_pid.
start_display() {
  local fifo=$1/display
  rm -f "$fifo"
  Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3> "$fifo" 2> "$1/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 50); do
    [ -s "$fifo" ] && break
    sleep 0.2
  done
  display=:$(head -n 1 "$fifo")
  [ "$display" != ":" ] || { echo "cross-build.sh: Xvfb did not start" >&2; return 1; }
}

# Starts the window (doithoai.exe in folder $1, on database $2) on $display, with the
# environment assignments that follow, and waits until it is shown and has drawn; then, when
# $3 is a file name, takes a screenshot of it there; then closes it as its close button
# does. Its messages go to $4.
run_window() {
  local folder=$1 data=$2 shot=$3 messages=$4 window="" app_pid colours status=0
  shift 4
  # A wine session started without this display (the tests') cannot open windows on it:
  # the window starts a session of its own.
  wineserver --wait
  (unset WINEPATH
   # Wine needs a UTF-8 locale the system has to spell the folder's name (C.UTF-8; a
   # vi_VN.UTF-8 that is not generated loses it).
   export DISPLAY=$display LANG=C.UTF-8 DOITHOAI_TODAY=2026-11-26
   exec env "$@" wine "$folder/bin/doithoai.exe" --database="$(winepath -w "$data")") \
    > "$messages" 2>&1 &
  app_pid=$!
  window=$(DISPLAY=$display timeout 180 xdotool search --sync --onlyvisible --name 'DoiThoai' |
           head -n 1) || true
  if [ -z "$window" ]; then
    echo "cross-build.sh: the window did not appear under wine; its messages:" >&2
    cat "$messages" >&2
    status=1
  else
    # Time to read the demo office and draw its overview.
    sleep 15
    if [ -n "$shot" ]; then
      DISPLAY=$display import -window "$window" "$shot"
      colours=$(convert "$shot" -format %k info:)
      echo "   screenshot $shot ($(identify -format '%wx%h' "$shot")): $colours colours"
      if [ "$colours" -lt 50 ]; then
        echo "cross-build.sh: the screenshot is nearly blank" >&2
        status=1
      fi
    fi
    # Closed as by its close button: WM_CLOSE (wine's taskkill without /F sends it; keys
    # typed through Xvfb reach it, but wine has no keyboard layout for GTK to read them).
    DISPLAY=$display wine taskkill /im doithoai.exe > /dev/null 2>&1 || true
  fi
  for _ in $(seq 30); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$app_pid" 2>/dev/null; then
    echo "cross-build.sh: the window did not close when asked: stopping it" >&2
    kill "$app_pid" 2>/dev/null || true
    status=1
  fi
  wait "$app_pid" 2>/dev/null || true
  wineserver --wait
  return $status
}

# The window, started from a copy of the portable folder in a folder with Vietnamese letters
# under Xvfb + wine, on a demo database, in Vietnamese: a screenshot in $build/windows.png
# (copied to docs/windows.png by hand once it looks right). Then once more with
# DOITHOAI_RENDERER=cairo: GTK must not try OpenGL at all then. Wine's own default font has
# no Vietnamese letters Pango can use: GTK is told to use DejaVu Sans here, as Windows'
# Segoe UI is used on a PC.
window_screenshot() {
  log "Starting the window from the portable folder under Xvfb + wine"
  local work=$build/window folder data config status=0 gl
  rm -rf "$work"
  mkdir -p "$work/Phần mềm" "$work/Dữ liệu"
  cp -a "$build/DoiThoai" "$work/Phần mềm/"
  folder="$work/Phần mềm/DoiThoai"
  data="$work/Dữ liệu/văn phòng.sqlite"
  (unset WINEPATH
   LANG=C.UTF-8 DOITHOAI_TODAY=2026-11-26 wine "$folder/bin/doithoai-cli.exe" \
     --database="$(winepath -w "$data")" demo --petitions=300 --seed=7) > "$work/demo.log" 2>&1 ||
    { cat "$work/demo.log"; return 1; }
  config=$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/gtk-4.0
  mkdir -p "$config"
  printf '[Settings]\ngtk-font-name=DejaVu Sans 10\n' > "$config/settings.ini"
  # The font Windows reports (wine's Tahoma) outranks settings.ini: the user's style sheet
  # outranks both.
  printf '* { font-family: "DejaVu Sans"; }\n' > "$config/gtk.css"

  start_display "$work"
  run_window "$folder" "$data" "$build/windows.png" "$work/window.log" DOITHOAI_LANGUAGE=vi ||
    status=1
  gl=$(grep -c 'gdk_gl_context' "$work/window.log" || true)
  echo "   default renderer: $gl messages about OpenGL"
  if run_window "$folder" "$data" "" "$work/window-cairo.log" DOITHOAI_LANGUAGE=vi \
       DOITHOAI_RENDERER=cairo; then
    if grep -q 'gdk_gl_context' "$work/window-cairo.log"; then
      echo "cross-build.sh: with DOITHOAI_RENDERER=cairo GTK still tried OpenGL:" >&2
      grep 'gdk_gl_context' "$work/window-cairo.log" >&2
      status=1
    else
      echo "   DOITHOAI_RENDERER=cairo: the window drew without trying OpenGL"
    fi
  else
    status=1
  fi
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  return $status
}

# The installer (installer.sh, shared with msys2-build.sh), then under wine: a silent
# per-user install into a folder with Vietnamese letters, the installed doithoai-cli
# working on the user's default database, the Start-menu entries, a silent uninstall that
# removes the program and its entries and leaves the user's data.
make_and_test_installer() {
  log "Making the installer"
  local setup version target target_w data menu status=0
  version=$(meson introspect --projectinfo "$build" |
            /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
  setup=$("$here/installer.sh" "$build/DoiThoai" "$build" "$version") || return 1
  echo "   $setup: $(du -h "$setup" | cut -f1)"

  log "Testing the installer under wine"
  target="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/Programs/Phần mềm DoiThoai"
  data="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/doithoai"
  menu="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/DoiThoai"
  rm -rf "$target"
  mkdir -p "$(dirname "$target")"
  target_w=$(winepath -w "$target")
  # As typed in cmd.exe: NSIS takes /D= unquoted, spaces and all, which wine's own quoting
  # of an argument with a space would spoil.
  (unset WINEPATH; wine cmd /c "$(winepath -w "$setup") /S /CurrentUser /D=$target_w") ||
    status=1
  wineserver --wait
  if [ -f "$target/bin/doithoai-cli.exe" ] && [ -f "$target/bin/doithoai.exe" ]; then
    echo "   installed into $target_w: $(find "$target" -type f | wc -l) files"
  else
    echo "cross-build.sh: the silent install put no program into $target" >&2
    return 1
  fi
  if ls "$menu"/*.lnk > /dev/null 2>&1; then
    echo "   Start menu: $(cd "$menu" && echo ./*.lnk)"
  else
    echo "cross-build.sh: no Start-menu entries in $menu" >&2
    status=1
  fi
  # The installed console program fills the user's default database (made in
  # %LOCALAPPDATA%\doithoai, this wine user's own) with a small demo office.
  rm -rf "$data"
  (unset WINEPATH; LANG=C.UTF-8 wine "$target/bin/doithoai-cli.exe" demo --petitions=30 \
     --seed=1) > "$build/installed-demo.txt" 2>&1 || status=1
  if [ -f "$data/doithoai.sqlite" ]; then
    echo "   the installed doithoai-cli made the user's data: $(find "$data" -mindepth 1 -printf '%f ')"
  else
    echo "cross-build.sh: the installed doithoai-cli did not run:" >&2
    cat "$build/installed-demo.txt" >&2
    return 1
  fi
  (unset WINEPATH; wine "$target/uninstall.exe" /S) || status=1
  wineserver --wait
  if [ -e "$target/bin" ] || [ -e "$target/uninstall.exe" ]; then
    echo "cross-build.sh: the uninstaller left the program in $target" >&2
    status=1
  else
    echo "   uninstalled: the program folder is gone"
  fi
  if [ -e "$menu" ]; then
    echo "cross-build.sh: the uninstaller left the Start-menu entries" >&2
    status=1
  fi
  if [ -f "$data/doithoai.sqlite" ]; then
    echo "   the user's data is still there: $(find "$data" -mindepth 1 -printf '%f ')"
  else
    echo "cross-build.sh: the uninstaller removed the user's data" >&2
    status=1
  fi
  return $status
}

# --- Main ----------------------------------------------------------------------------------

total=$SECONDS
install_tools
ensure_deb_src
mkdir -p "$cache" "$prefix"
write_cross_file
write_toolchain
init_wine

log "Dependencies (cached in $cache)"
for name in zlib libffi pcre2 gettext glib2.0 sqlite3 jansson libxlsxwriter; do
  dependency "$name"
done
check_xlsxwriter
# For the documents (Pango and Cairo drawing PDFs) and the core that links them.
for name in pixman libpng1.6 fribidi harfbuzz cairo pango1.0; do
  dependency "$name"
done
copy_runtime
check_pdf
# For the window.
if [ $gui = enabled ]; then
  for name in libjpeg-turbo tiff graphene libepoxy gdk-pixbuf gtk4; do
    dependency "$name"
  done
fi

build_project
assemble_portable
status=0
if [ $run_tests = yes ]; then
  test_project || status=1
fi
if [ $run_compare = yes ]; then
  "$here/compare.sh" "$build" || status=1
fi
if [ $run_window = yes ]; then
  window_screenshot || status=1
fi
if [ $run_installer = yes ]; then
  make_and_test_installer || status=1
fi
log "Done in $((SECONDS - total)) s"
exit $status
