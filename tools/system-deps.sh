#!/bin/sh
# The system packages the app and its tests need (Debian/Ubuntu): every library Qt 6's xcb
# platform plugin links against (read off `ldd libqxcb.so` of PySide6 6.12: without
# libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0 … the app does not start on a desktop, and
# Qt's message names another one), the ones Qt needs even without a screen, and pdftoppm
# (poppler-utils), with which the tests render printouts to read their barcodes back.
# With --tests also the X server and the tool with which a test starts the real app on a
# 1366×768 screen and drives it by keyboard (xvfb, xdotool).
# Installed only when missing and only where we may (root with apt-get); elsewhere a hint.
# Each pair is "soname:Debian package".
pairs="libGL.so.1:libgl1 libEGL.so.1:libegl1 libfontconfig.so.1:libfontconfig1
libfreetype.so.6:libfreetype6 libdbus-1.so.3:libdbus-1-3 libglib-2.0.so.0:libglib2.0-0
libxkbcommon.so.0:libxkbcommon0 libxkbcommon-x11.so.0:libxkbcommon-x11-0
libX11-xcb.so.1:libx11-xcb1 libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4
libxcb-image.so.0:libxcb-image0 libxcb-keysyms.so.1:libxcb-keysyms1
libxcb-randr.so.0:libxcb-randr0 libxcb-render.so.0:libxcb-render0
libxcb-render-util.so.0:libxcb-render-util0 libxcb-shape.so.0:libxcb-shape0
libxcb-shm.so.0:libxcb-shm0 libxcb-sync.so.1:libxcb-sync1 libxcb-util.so.1:libxcb-util1
libxcb-xfixes.so.0:libxcb-xfixes0 libxcb-xkb.so.1:libxcb-xkb1"
missing=""
packages=""
for pair in $pairs; do
  lib=${pair%%:*}
  ldconfig -p 2>/dev/null | grep -q "$lib" || { missing="$missing $lib"; packages="$packages ${pair#*:}"; }
done
commands="pdftoppm:poppler-utils"
[ "$1" = "--tests" ] && commands="$commands Xvfb:xvfb xdotool:xdotool"
for pair in $commands; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || { missing="$missing ${pair%%:*}"; packages="$packages ${pair#*:}"; }
done
# Debian's Python makes no virtual environment without its venv package (python3.11-venv …)
python=${PYTHON:-python3}
if command -v "$python" >/dev/null 2>&1 && ! "$python" -c "import ensurepip, venv" 2>/dev/null; then
  version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  missing="$missing venv"; packages="$packages python$version-venv"
fi
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
else
  echo "Missing system packages:$missing (Debian/Ubuntu: sudo apt-get install$packages)" >&2
fi
