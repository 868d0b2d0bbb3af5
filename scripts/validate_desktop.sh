#!/usr/bin/env bash
# Validates one desktop-integration file with the freedesktop tools, as ctest and
# scripts/test_package.sh run it:
#   validate_desktop.sh desktop FILE.desktop      desktop-file-validate (desktop-file-utils)
#   validate_desktop.sh appstream FILE.xml        appstreamcli validate (appstream)
#   validate_desktop.sh mime FILE.xml             update-mime-database (shared-mime-info), then
#                                                 checks *.cifarlab.zip maps to our MIME type
# Exit 77 (ctest's SKIP_RETURN_CODE) with the package to install when the tool is missing.
set -euo pipefail

mode="${1:-}"
file="${2:-}"
if [ -z "$mode" ] || [ -z "$file" ]; then
  echo "usage: validate_desktop.sh desktop|appstream|mime FILE" >&2
  exit 2
fi
if [ ! -f "$file" ]; then
  echo "validate_desktop.sh: no such file: $file" >&2
  exit 2
fi

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "SKIP: $1 is not installed (apt-get install $2); $file was not validated"
    exit 77
  fi
}

case "$mode" in
  desktop)
    need desktop-file-validate desktop-file-utils
    # Hints (several main categories: Science and Education) are advice; errors and warnings fail.
    out="$(desktop-file-validate "$file" 2>&1)" || { echo "$out"; exit 1; }
    echo "$out"
    if grep -Eq ': (error|warning):' <<<"$out"; then exit 1; fi
    echo "desktop-file-validate: $file is valid"
    ;;
  appstream)
    need appstreamcli appstream
    # --no-net: CI and package builders are offline.
    appstreamcli validate --no-net --explain "$file"
    ;;
  mime)
    need update-mime-database shared-mime-info
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/mime/packages"
    cp "$file" "$tmp/mime/packages/"
    XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime"
    if ! grep -q '^[0-9]*:application/x-cifarlab-bundle:\*\.cifarlab\.zip$' "$tmp/mime/globs2"; then
      echo "$file: no glob *.cifarlab.zip -> application/x-cifarlab-bundle in the compiled database:" >&2
      cat "$tmp/mime/globs2" >&2
      exit 1
    fi
    if ! grep -q '^application/x-cifarlab-bundle application/zip$' "$tmp/mime/subclasses"; then
      echo "$file: application/x-cifarlab-bundle is not a subclass of application/zip" >&2
      exit 1
    fi
    echo "update-mime-database: *.cifarlab.zip is application/x-cifarlab-bundle (a zip)"
    ;;
  *)
    echo "validate_desktop.sh: unknown mode '$mode' (desktop, appstream or mime)" >&2
    exit 2
    ;;
esac
