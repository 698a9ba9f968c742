#!/bin/sh
# Sets everything up (build-aux/setup.sh) and runs the whole test suite under a virtual
# display. Ends with one line: "N passed, N failed", counting every test case.
#
#   build-aux/test.sh               the build in _build
#   build-aux/test.sh --sanitize    a build with AddressSanitizer and UndefinedBehaviorSanitizer
#                                   in _build-asan: a bad read or write, a leak, or undefined
#                                   behaviour stops the test that met it (build-aux/lsan.supp
#                                   lists the libraries' own leaks that are not ours)
#   build-aux/test.sh --suite=core  only the suites named (core, po, gui), with or without
#                                   --sanitize
set -u
cd "$(dirname "$0")/.." || exit 1

sanitize=false
suites=""
for arg in "$@"; do
  case $arg in
    --sanitize) sanitize=true ;;
    --suite=*) suites="$suites --suite ${arg#--suite=}" ;;
    *) echo "Usage: build-aux/test.sh [--sanitize] [--suite=core|po|gui ...]" >&2; exit 1 ;;
  esac
done

./build-aux/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

build=_build
if $sanitize; then
  build=_build-asan
  options="-Db_sanitize=address,undefined -Db_lundef=false"
  options="$options -Dc_args=-fno-sanitize-recover=undefined"
  if [ "${CI:-}" = "true" ]; then
    options="$options -Dwerror=true"
  fi
  if [ ! -f $build/build.ninja ]; then
    # shellcheck disable=SC2086
    meson setup $build $options || { echo "0 passed, 1 failed"; exit 1; }
  fi
  ninja -C $build || { echo "0 passed, 1 failed"; exit 1; }
  # Whole stacks (the system libraries have no frame pointers): the suppressions need them.
  export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:fast_unwind_on_malloc=0:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1"
  export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
  # Every allocation through malloc, where the sanitizers see it.
  export G_SLICE=always-malloc
fi

# Slower under the sanitizers: each test gets three times as long.
multiplier=1
$sanitize && multiplier=3
# A screen larger than the 1366×768 windows the tests open: on a screen 1280 wide, GTK made
# them 1280 wide, and their screenshots with them.
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1920x1080x24" meson test -C $build --print-errorlogs \
  --timeout-multiplier=$multiplier $suites
status=$?
/usr/bin/python3 build-aux/test-summary.py $build/meson-logs/testlog.json || status=1
exit $status
