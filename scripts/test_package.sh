#!/usr/bin/env bash
# Builds the Debian package with CPack and checks it the way a fresh Debian 12 would see it:
# unpacked into an empty folder (dpkg-deb -x; no chroot here), the binaries run from there with
# LD_LIBRARY_PATH unset and no RPATH/RUNPATH into the build folder, every desktop file validates,
# and Depends names the runtime library packages and never a -dev one.
#   bash scripts/test_package.sh [build-folder]      (default: $CIFARLAB_BUILD_DIR or build/)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-${CIFARLAB_BUILD_DIR:-$root/build}}" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

step() {
  echo "== $*"
}

step "building what the package installs"
cmake --build "$build" --target cifarlab cifarlab-cli cifarlab_icons cifarlab_cli_docs

step "cpack -G DEB"
rm -f "$build"/cifarlab_*.deb
(cd "$build" && cpack -G DEB -B "$tmp/cpack" >"$tmp/cpack.log" 2>&1) || {
  cat "$tmp/cpack.log" >&2
  echo "FAIL: cpack could not build the package" >&2
  exit 1
}
debs=("$tmp"/cpack/cifarlab_*.deb)
if [ ! -f "${debs[0]}" ]; then
  cat "$tmp/cpack.log" >&2
  echo "FAIL: cpack made no cifarlab_*.deb" >&2
  exit 1
fi
deb="${debs[0]}"
cp "$deb" "$build/"
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"

step "control fields"
dpkg-deb -f "$deb" Package Version Architecture Section
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"
# One entry per package name, alternatives split too.
names="$(tr ',|' '\n\n' <<<"$depends" | sed -E 's/\(.*\)//; s/^ +//; s/ +$//' | grep -v '^$' || true)"
has_dep() { # a Depends entry starting with $1 (libtorch matches libtorch1.13)
  local n
  while read -r n; do
    if [[ $n == "$1"* ]]; then return 0; fi
  done <<<"$names"
  return 1
}
for wanted in libtorch libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6sql6 libqt6sql6-sqlite libqt6svg6 \
              libqt6network6 libquazip1-qt6 libarchive13 libopencv-core libopencv-imgcodecs libstdc++6 libc6; do
  has_dep "$wanted" || fail "Depends lacks a $wanted package"
done
if grep -Eq -- '-dev$|-dev-|-dev:' <<<"$names"; then
  fail "Depends names build-only packages: $(grep -E -- '-dev' <<<"$names" | tr '\n' ' ')"
fi
for build_only in cmake ninja-build ccache g\+\+ build-essential pkg-config; do
  if grep -Eqx "$build_only" <<<"$names"; then
    fail "Depends names the build tool $build_only"
  fi
done

step "unpacking into a clean prefix"
prefix="$tmp/root"
dpkg-deb -x "$deb" "$prefix"
for f in usr/bin/cifarlab usr/bin/cifarlab-cli \
         usr/share/applications/org.cifarlab.CifarLab.desktop \
         usr/share/metainfo/org.cifarlab.CifarLab.metainfo.xml \
         usr/share/mime/packages/cifarlab.xml \
         usr/share/icons/hicolor/scalable/apps/cifarlab.svg \
         usr/share/icons/hicolor/48x48/apps/cifarlab.png \
         usr/share/icons/hicolor/256x256/apps/cifarlab.png \
         usr/share/cifarlab/translations/cifarlab_de.qm \
         usr/share/cifarlab/translations/cifarlab_zh_CN.qm \
         usr/share/man/man1/cifarlab-cli.1.gz \
         usr/share/bash-completion/completions/cifarlab-cli \
         usr/share/doc/cifarlab/README.md; do
  [ -f "$prefix/$f" ] || fail "the package lacks /$f"
done
if [ -f "$prefix/usr/share/icons/hicolor/48x48/apps/cifarlab.png" ]; then
  file "$prefix/usr/share/icons/hicolor/48x48/apps/cifarlab.png" | grep -q 'PNG image data, 48 x 48' \
    || fail "the 48x48 icon is not a 48 x 48 PNG: $(file -b "$prefix/usr/share/icons/hicolor/48x48/apps/cifarlab.png")"
fi

step "no RPATH/RUNPATH into the build folder"
for exe in "$prefix"/usr/bin/*; do
  paths="$(readelf -d "$exe" | grep -E 'R(UN)?PATH' || true)"
  if [ -n "$paths" ]; then
    echo "$(basename "$exe"): $paths"
    if grep -qF "$build" <<<"$paths" || grep -qF "$root" <<<"$paths"; then
      fail "$(basename "$exe") looks for libraries in the build tree: $paths"
    fi
  else
    echo "$(basename "$exe"): no RPATH/RUNPATH"
  fi
  missing="$(env -u LD_LIBRARY_PATH ldd "$exe" | grep 'not found' || true)"
  [ -z "$missing" ] || fail "$(basename "$exe") has unresolved libraries: $missing"
done

step "running the unpacked binaries (LD_LIBRARY_PATH unset, HOME and the store in a temp folder)"
run() {
  env -u LD_LIBRARY_PATH HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" \
      XDG_CACHE_HOME="$tmp/home/.cache" CIFARLAB_HOME="$tmp/home/store" QT_QPA_PLATFORM=offscreen "$@"
}
mkdir -p "$tmp/home"
run "$prefix/usr/bin/cifarlab-cli" --help >"$tmp/help.txt" || fail "cifarlab-cli --help failed"
grep -q '^  train ' "$tmp/help.txt" || fail "cifarlab-cli --help does not list train"
run "$prefix/usr/bin/cifarlab-cli" models >"$tmp/models.txt" || fail "cifarlab-cli models failed"
cat "$tmp/models.txt"
grep -q 'resnet18' "$tmp/models.txt" || fail "cifarlab-cli models does not list resnet18"
run "$prefix/usr/bin/cifarlab" --help >"$tmp/gui-help.txt" 2>&1 || fail "cifarlab --help failed: $(cat "$tmp/gui-help.txt")"
grep -q -- '--import' "$tmp/gui-help.txt" || fail "cifarlab --help does not offer --import"

step "desktop files"
validate="$root/scripts/validate_desktop.sh"
for check in "desktop usr/share/applications/org.cifarlab.CifarLab.desktop" \
             "appstream usr/share/metainfo/org.cifarlab.CifarLab.metainfo.xml" \
             "mime usr/share/mime/packages/cifarlab.xml"; do
  set -- $check
  rc=0
  bash "$validate" "$1" "$prefix/$2" || rc=$?
  if [ "$rc" -eq 77 ]; then
    echo "(skipped: the validator for $1 is not installed)"
  elif [ "$rc" -ne 0 ]; then
    fail "$2 does not validate"
  fi
done
grep -q '^MimeType=application/x-cifarlab-bundle;' "$prefix/usr/share/applications/org.cifarlab.CifarLab.desktop" \
  || fail "the .desktop file does not open run bundles"
grep -q '^Icon=cifarlab$' "$prefix/usr/share/applications/org.cifarlab.CifarLab.desktop" || fail "the .desktop icon is not cifarlab"

step "man page and bash completion"
man_text="$(zcat "$prefix/usr/share/man/man1/cifarlab-cli.1.gz")"
for cmd in $(awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1} /^$/{if(on) exit}' "$tmp/help.txt"); do
  grep -q "^\.SS $cmd\$" <<<"$man_text" || fail "the man page has no section for $cmd"
done
if command -v man >/dev/null 2>&1; then
  warnings="$(MANWIDTH=80 man --warnings -l "$prefix/usr/share/man/man1/cifarlab-cli.1.gz" 2>&1 >/dev/null || true)"
  [ -z "$warnings" ] || fail "man reports problems in cifarlab-cli.1: $warnings"
fi
complete_words() {
  # Runs the completion function for the words given, prints the candidates.
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cifarlab_cli; printf "%s\n" "${COMPREPLY[@]}"' \
    complete "$prefix/usr/share/bash-completion/completions/cifarlab-cli" "$@"
}
complete_words cifarlab-cli tr | grep -qx train || fail "bash completion does not complete 'tr' to train"
complete_words cifarlab-cli train --ep | grep -qx -- --epochs || fail "bash completion does not offer train --epochs"
complete_words cifarlab-cli compare --sto | grep -qx -- --store || fail "bash completion does not offer compare --store"

step "apt-get can install it (simulated: dependencies resolve on this Debian)"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  apt-get install -s -q --no-install-recommends "$deb" >"$tmp/apt.log" 2>&1 || {
    cat "$tmp/apt.log" >&2
    fail "apt-get install -s $(basename "$deb") does not resolve"
  }
  grep -E '^(Inst|Conf) cifarlab ' "$tmp/apt.log" || fail "apt-get would not install cifarlab: $(cat "$tmp/apt.log")"
else
  echo "(skipped: needs apt-get and root)"
fi

if [ "$failures" -ne 0 ]; then
  echo "test_package: $failures check(s) failed" >&2
  exit 1
fi
echo "test_package: $(basename "$deb") passed every check (copied to $build/)"
