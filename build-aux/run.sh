#!/bin/sh
# Sets everything up (build-aux/setup.sh) and starts DoiThoai from the build tree.
# Arguments go to the program, e.g. --database=FILE; a relative FILE is taken from the folder
# this script was started in, as a person typing it expects.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/build-aux/setup.sh"
export GSETTINGS_SCHEMA_DIR="$top/_build/data"
export DOITHOAI_LOCALEDIR="$top/_build/po"
exec "$top/_build/src/gui/doithoai" "$@"
