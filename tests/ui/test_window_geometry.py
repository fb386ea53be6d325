"""The main window comes back where it was, unless no screen shows that place any more."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from bgfuture_desk.ui.main_window import MainWindow
from bgfuture_desk.ui.widgets.local_settings import local_settings
from bgfuture_desk.ui.widgets.window_geometry import (
    placed_on_screens,
    remember_window,
)

SCREEN = QRect(0, 0, 1366, 728)


def test_a_frame_on_the_screen_is_kept():
    assert placed_on_screens(QRect(100, 80, 900, 600), [SCREEN]) == QRect(100, 80, 900, 600)


def test_a_frame_off_every_screen_is_ignored():
    assert placed_on_screens(QRect(2500, 100, 900, 600), [SCREEN]) is None
    assert placed_on_screens(QRect(1300, 100, 900, 600), [SCREEN]) is None


def test_a_frame_half_off_a_smaller_screen_is_pulled_inside_it():
    placed = placed_on_screens(QRect(800, 300, 1280, 800), [SCREEN])
    assert SCREEN.contains(placed)
    assert (placed.width(), placed.height()) == (1280, 728)


def test_a_remembered_place_off_every_screen_falls_back_to_the_default(
    qtbot, house_db, admin_user
):
    remember_window(local_settings(), QRect(-5000, -5000, 900, 600), False)
    window = MainWindow(house_db, admin_user, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show_where_it_was(local_settings())
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert available.contains(window.geometry().topLeft())
