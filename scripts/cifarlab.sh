#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   bash scripts/cifarlab.sh start   install dependencies, build, start CifarLab
#   bash scripts/cifarlab.sh test    install dependencies, build, run the whole test suite (ctest)
# Both are idempotent: apt-get runs only when a package is missing, and the build is incremental.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CIFARLAB_BUILD_DIR:-$root/build}"
jobs="${CIFARLAB_JOBS:-$(nproc)}"

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libqt6opengl6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-qpa-plugins libgl-dev
  libtorch-dev libopenblas0-pthread libgloo-dev
  libopencv-dev libquazip1-qt6-dev libarchive-dev zlib1g-dev
  libgtest-dev xvfb xauth
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
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIFARLAB_WERROR=$werror
  else
    cmake "$build" -DCIFARLAB_WERROR=$werror >/dev/null
  fi
  cmake --build "$build" -j "$jobs"
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
    cd "$build"
    exec ctest --output-on-failure -j "$jobs" --timeout 900 "$@"
    ;;
  *)
    echo "usage: bash scripts/cifarlab.sh start|test" >&2
    exit 2
    ;;
esac
