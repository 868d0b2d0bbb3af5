#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   bash scripts/cifarlab.sh start   install dependencies, build, start CifarLab
#   bash scripts/cifarlab.sh test    install dependencies, build, run the whole test suite (ctest),
#                                    then build the libFuzzer targets (build-fuzz) and run each briefly
#   bash scripts/cifarlab.sh sanitize  the whole test suite built with ASan + UBSan (build-asan)
# All are idempotent: apt-get runs only when a package is missing, and the build is incremental.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CIFARLAB_BUILD_DIR:-$root/build}"
fuzz_build="${CIFARLAB_FUZZ_BUILD_DIR:-$root/build-fuzz}"
asan_build="${CIFARLAB_ASAN_BUILD_DIR:-$root/build-asan}"
jobs="${CIFARLAB_JOBS:-$(nproc)}"
# Line tables only (-g1): backtraces and sanitizer reports keep their file:line, and torch's templates
# compile about 20% faster, with objects half the size. CIFARLAB_DEBUG_FLAGS="-O2 -g -DNDEBUG" for full
# debug information (read when a build folder is first configured).
debug_flags="${CIFARLAB_DEBUG_FLAGS:--O2 -g1 -DNDEBUG}"

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libqt6opengl6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-qpa-plugins libgl-dev
  libtorch-dev libopenblas0-pthread libgloo-dev
  libopencv-dev libquazip1-qt6-dev libarchive-dev zlib1g-dev
  libgtest-dev xvfb xauth
  clang libclang-rt-14-dev  # libFuzzer targets (build-fuzz)
  librsvg2-bin dpkg-dev file desktop-file-utils appstream shared-mime-info  # icons, the .deb and its checks
  dataset-fashion-mnist
)

install_dependencies() {
  local missing=()
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "cifarlab: all ${#packages[@]} dependencies present"
    return
  fi
  echo "cifarlab: installing ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  local werror=OFF
  if [ "${CI:-}" = "true" ]; then werror=ON; fi
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIFARLAB_WERROR=$werror \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$debug_flags"
  else
    cmake "$build" -DCIFARLAB_WERROR=$werror >/dev/null
  fi
  cmake --build "$build" -j "$jobs"
}

werror_flag() {
  if [ "${CI:-}" = "true" ]; then echo ON; else echo OFF; fi
}

# Only core, models, the fuzz targets and the parser suites, built by clang with libFuzzer, ASan and
# UBSan; each target then runs for a few seconds on its seed corpus (tests/fuzz/run_fuzzer.cmake)
# and the parser suites run once under the sanitizers.
fuzz_build_and_test() {
  if [ ! -f "$fuzz_build/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$fuzz_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCIFARLAB_FUZZ=ON -DCIFARLAB_WERROR="$(werror_flag)" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$debug_flags"
  else
    cmake "$fuzz_build" -DCIFARLAB_WERROR="$(werror_flag)" >/dev/null
  fi
  cmake --build "$fuzz_build" -j "$jobs"
  (cd "$fuzz_build" && ctest --output-on-failure -j "$jobs" --timeout 900)
}

# Environment of every sanitized process: stop at the first report; leaks inside third-party
# libraries only are suppressed (tests/lsan.supp says which and why).
sanitizer_environment() {
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
}

cmd="${1:-start}"
shift || true
case "$cmd" in
  start)
    install_dependencies
    configure_and_build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build/app/cifarlab" ]; then
      exec "$build/app/cifarlab" "$@"
    fi
    echo "cifarlab: no display found; the headless CLI is ready:"
    exec "$build/app/cifarlab-cli" "${@:---help}"
    ;;
  test)
    install_dependencies
    configure_and_build
    (cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 900 "$@")
    fuzz_build_and_test
    ;;
  sanitize)
    install_dependencies
    sanitizer_environment
    if [ ! -f "$asan_build/build.ninja" ]; then
      cmake -S "$root" -B "$asan_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIFARLAB_SANITIZE=ON \
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$debug_flags"
    fi
    # gtest_discover_tests runs each test binary after linking it, only to list the tests.
    ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" cmake --build "$asan_build" -j "$jobs"
    cd "$asan_build"
    exec ctest --output-on-failure -j "$jobs" --timeout 3600 "$@"
    ;;
  *)
    echo "usage: bash scripts/cifarlab.sh start|test|sanitize" >&2
    exit 2
    ;;
esac
