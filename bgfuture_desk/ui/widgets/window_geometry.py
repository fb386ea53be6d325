"""Where the main window was: its normal (un-maximised) frame and whether it was maximised,
remembered on this computer between starts, and put back only where a screen still shows it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSettings

WINDOW_NORMAL = "window/normal_geometry"
WINDOW_MAXIMISED = "window/maximised"
# A remembered frame counts as visible when at least this much of it lies on one screen:
# enough of the title bar to grab it and move it.
VISIBLE_PART = (200, 100)


@dataclass(frozen=True)
class RememberedWindow:
    normal: QRect
    maximised: bool


def remembered_window(settings: QSettings) -> RememberedWindow | None:
    """What the last start left, or None the first time (or when the value is not a frame)."""
    value = settings.value(WINDOW_NORMAL)
    if not isinstance(value, QRect) or not value.isValid():
        return None
    return RememberedWindow(value, bool(settings.value(WINDOW_MAXIMISED, False, bool)))


def remember_window(settings: QSettings, normal: QRect, maximised: bool) -> None:
    settings.setValue(WINDOW_NORMAL, normal)
    settings.setValue(WINDOW_MAXIMISED, maximised)
    settings.sync()


def placed_on_screens(frame: QRect, screens: list[QRect]) -> QRect | None:
    """``frame`` made to fit the available area of the screen that shows most of it; None
    when no screen shows enough of it (a monitor unplugged, a smaller screen than before)."""
    best: QRect | None = None
    best_area = 0
    for available in screens:
        part = frame.intersected(available)
        if part.width() < VISIBLE_PART[0] or part.height() < VISIBLE_PART[1]:
            continue
        if part.width() * part.height() > best_area:
            best, best_area = available, part.width() * part.height()
    if best is None:
        return None
    width = min(frame.width(), best.width())
    height = min(frame.height(), best.height())
    x = min(max(frame.x(), best.x()), best.right() + 1 - width)
    y = min(max(frame.y(), best.y()), best.bottom() + 1 - height)
    return QRect(x, y, width, height)
