#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds DoiThoai on a Windows PC with MSYS2 (https://www.msys2.org), in its UCRT64 shell:
# installs what is missing with pacman, builds the window, doithoai-cli and the tests
# (-Dwerror=true), runs the tests, assembles the portable folder (bundle.sh, the same script
# the cross-build runs) and makes the installer (installer.sh and doithoai.nsi, the same
# as the cross-build's). From the source folder, in the "MSYS2 UCRT64" shell:
#
#   ./build-aux/win32/msys2-build.sh [--no-test] [--no-installer]
#
# The results: _build-msys2\DoiThoai (the portable folder: copy it anywhere and start
# bin\doithoai.exe) and _build-msys2\DoiThoai-VERSION-setup.exe.
#   DOITHOAI_MSYS2_BUILD  the build folder (default: _build-msys2 in the source tree)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
build=${DOITHOAI_MSYS2_BUILD:-$source_root/_build-msys2}
jobs=$(nproc 2>/dev/null || echo 2)

run_tests=yes
run_installer=yes
for arg in "$@"; do
  case $arg in
    --no-test) run_tests=no ;;
    --no-installer) run_installer=no ;;
    -h|--help) sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "msys2-build.sh: unknown argument '$arg' (see --help)" >&2; exit 1 ;;
  esac
done

log() {
  printf '\n== %s\n' "$*"
}

if [ "${MSYSTEM:-}" != UCRT64 ]; then
  echo "msys2-build.sh: run this in MSYS2's UCRT64 shell (MSYSTEM is '${MSYSTEM:-unset}')" >&2
  exit 1
fi
prefix=${MINGW_PREFIX:-/ucrt64}
package_prefix=${MINGW_PACKAGE_PREFIX:-mingw-w64-ucrt-x86_64}

# --- Tools and libraries -------------------------------------------------------------------

# What the build, the tests, bundle.sh and installer.sh need. gettext's tools were one
# package once and are two now: whichever the repository has.
wanted="gcc meson ninja pkgconf gtk4 sqlite3 libxlsxwriter jansson adwaita-icon-theme librsvg
  nsis python gettext-tools|gettext"

install_packages() {
  local missing=() word name found
  for word in $wanted; do
    found=""
    for name in ${word//|/ }; do
      if pacman -Q "$package_prefix-$name" > /dev/null 2>&1; then
        found=installed
        break
      fi
      if [ -z "$found" ] && pacman -Si "$package_prefix-$name" > /dev/null 2>&1; then
        found=$package_prefix-$name
      fi
    done
    if [ -z "$found" ]; then
      echo "msys2-build.sh: no package $package_prefix-${word//|/ or } in pacman's lists" \
           "(pacman -Sy first?)" >&2
      exit 1
    fi
    if [ "$found" != installed ]; then
      missing+=("$found")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    pacman -S --needed --noconfirm "${missing[@]}"
  fi
}

# --- The project ---------------------------------------------------------------------------

build_project() {
  log "Building DoiThoai in $build"
  local start=$SECONDS
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$source_root" -Dgui=enabled -Dwerror=true --buildtype=release
  else
    meson setup --reconfigure "$build" "$source_root" -Dgui=enabled -Dwerror=true \
      --buildtype=release
  fi
  ninja -C "$build" -j"$jobs"
  echo "   project: $((SECONDS - start)) s"
}

# Every test; the window's own ask for GTK's X11 backend (they are written for Xvfb) and
# skip here.
test_project() {
  log "Running the tests"
  local status=0
  meson test -C "$build" --num-processes "$jobs" --print-errorlogs || status=$?
  python "$source_root/build-aux/test-summary.py" "$build/meson-logs/testlog.json" || true
  return $status
}

assemble_portable() {
  log "Assembling the portable folder $build/DoiThoai"
  DOITHOAI_RUN="" DOITHOAI_OBJDUMP=objdump DOITHOAI_ICONS="$prefix/share/icons" \
    "$here/bundle.sh" "$build" "$prefix" "$build/DoiThoai"
}

make_installer() {
  log "Making the installer"
  local version setup
  version=$(meson introspect --projectinfo "$build" |
            python -c 'import json, sys; print(json.load(sys.stdin)["version"])')
  setup=$("$here/installer.sh" "$build/DoiThoai" "$build" "$version")
  echo "   $setup: $(du -h "$setup" | cut -f1)"
}

# --- Main ----------------------------------------------------------------------------------

total=$SECONDS
install_packages
build_project
status=0
if [ $run_tests = yes ]; then
  test_project || status=1
fi
assemble_portable
if [ $run_installer = yes ]; then
  make_installer
fi
log "Done in $((SECONDS - total)) s"
exit $status
