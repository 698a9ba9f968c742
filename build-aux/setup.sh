#!/bin/sh
# Installs what DoiThoai needs on a Debian or Ubuntu machine, then configures and builds it
# in _build/. Safe to run again: it installs only what is missing.
set -eu
cd "$(dirname "$0")/.."

packages="meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libsqlite3-dev libxlsxwriter-dev libjansson-dev
  libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream xvfb xauth dbus fonts-liberation fonts-dejavu-core python3 python3-ephem time
  at-spi2-core python3-pyatspi"

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done

if [ -n "$missing" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "Installing:$missing"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

options=""
if [ "${CI:-}" = "true" ]; then
  options="-Dwerror=true"
fi
if [ ! -f _build/build.ninja ]; then
  meson setup _build $options
elif [ -n "$options" ]; then
  meson configure _build $options
fi
ninja -C _build
