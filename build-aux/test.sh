#!/bin/sh
# Sets everything up (build-aux/setup.sh) and runs the whole test suite under a virtual
# display. Ends with one line: "N passed, N failed", counting every test case.
set -u
cd "$(dirname "$0")/.."
./build-aux/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

xvfb-run -a -s "-screen 0 1280x1024x24" meson test -C _build --print-errorlogs
status=$?
/usr/bin/python3 build-aux/test-summary.py _build/meson-logs/testlog.json || status=1
exit $status
