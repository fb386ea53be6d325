#!/bin/sh
# The few system packages the app and its tests need (Debian/Ubuntu): the libraries Qt needs
# even without a screen, and pdftoppm (poppler-utils), with which the tests render printouts
# to read their barcodes back. Installed only when missing and only where we may (root with
# apt-get); elsewhere a hint is printed.
missing=""
for lib in libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $lib"
done
command -v pdftoppm >/dev/null 2>&1 || missing="$missing pdftoppm"
[ -z "$missing" ] && exit 0
packages="libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
else
  echo "Missing system packages:$missing (Debian: $packages)" >&2
fi
