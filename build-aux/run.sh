#!/bin/sh
# Sets everything up (build-aux/setup.sh) and starts DoiThoai from the build tree.
# Arguments go to the program, e.g. --database=FILE.
set -eu
cd "$(dirname "$0")/.."
./build-aux/setup.sh
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export DOITHOAI_LOCALEDIR="$PWD/_build/po"
exec ./_build/src/gui/doithoai "$@"
