#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes DoiThoai's installer from the portable folder bundle.sh assembled, with NSIS
# (doithoai.nsi beside this script): one DoiThoai-VERSION-setup.exe in OUTDIR, whose path it
# prints. The list of files to install and to uninstall (files.nsh) is written from the
# folder, so that the uninstaller removes exactly what was installed. Shared by
# cross-build.sh (Debian's makensis) and msys2-build.sh (MSYS2's).
#
# Usage: installer.sh FOLDER OUTDIR VERSION
set -euo pipefail

if [ $# -ne 3 ]; then
  sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 1
fi
folder=$(cd "$1" && pwd)
outdir=$(mkdir -p "$2" && cd "$2" && pwd)
version=$3
here=$(cd "$(dirname "$0")" && pwd)
files=$outdir/files.nsh
setup=$outdir/DoiThoai-$version-setup.exe

if [ ! -f "$folder/bin/doithoai.exe" ]; then
  echo "installer.sh: $folder has no bin/doithoai.exe: not the window's portable folder" >&2
  exit 1
fi
# NSIS quotes: a file name with " or $ would need escaping; the folder has none.
if find "$folder" -name '*[\"$]*' | grep -q .; then
  echo "installer.sh: a file name in $folder holds \" or \$" >&2
  exit 1
fi

# A path makensis can open: on MSYS2 makensis is a Windows program, which does not know
# MSYS2's /c/... or /home/... paths (cygpath -m: C:/...); elsewhere as it is.
native_path() {
  if command -v cygpath > /dev/null; then
    cygpath -m "$1"
  else
    echo "$1"
  fi
}
native_folder=$(native_path "$folder")

# Windows paths under $INSTDIR for the folder's relative path $1 ("." for the top).
windows_path() {
  local path=${1#./}
  if [ "$path" = . ]; then
    echo "\$INSTDIR"
  else
    echo "\$INSTDIR\\${path//\//\\}"
  fi
}

{
  echo "; Written by installer.sh from $folder."
  echo '!macro DT_INSTALL_FILES'
  while read -r dir; do
    echo "  SetOutPath \"$(windows_path "$dir")\""
    while read -r file; do
      echo "  File \"$native_folder/${file#./}\""
    done < <(cd "$folder" && find "$dir" -mindepth 1 -maxdepth 1 -type f | sort)
  done < <(cd "$folder" && find . -type d | sort)
  echo '!macroend'
  echo '!macro DT_UNINSTALL_FILES'
  while read -r file; do
    echo "  Delete \"$(windows_path "$file")\""
  done < <(cd "$folder" && find . -type f | sort)
  # The deepest folders first; RMDir without /r leaves a folder that still holds anything.
  while read -r dir; do
    echo "  RMDir \"$(windows_path "$dir")\""
  done < <(cd "$folder" && find . -mindepth 1 -type d | sort -r)
  echo '!macroend'
} > "$files"

size_kb=$(du -sk "$folder" | cut -f1)
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DFILES="$(native_path "$files")" \
  -DICON="$(native_path "$here/../../data/windows/doithoai.ico")" -DSIZE_KB="$size_kb" \
  -DOUTFILE="$(native_path "$setup")" "$(native_path "$here/doithoai.nsi")" >&2
echo "$setup"
