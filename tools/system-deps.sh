#!/bin/sh
# The few system libraries Qt needs even without a screen (Debian/Ubuntu). Installed only
# when missing and only where we may (root with apt-get); elsewhere a hint is printed.
missing=""
for lib in libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $lib"
done
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 >/dev/null
else
  echo "Qt needs these system libraries:$missing (Debian: libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3)" >&2
fi
