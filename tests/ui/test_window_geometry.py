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


def open_window(qtbot, house_db, user) -> MainWindow:
    window = MainWindow(house_db, user, idle_timeout_ms=0)
    qtbot.addWidget(window)
    window.show_where_it_was(local_settings())
    qtbot.waitExposed(window)
    return window


def test_the_first_start_on_a_house_pc_is_maximised_with_a_normal_frame_inside_the_screen(
    qtbot, house_db, admin_user
):
    window = open_window(qtbot, house_db, admin_user)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert (available.width(), available.height()) == (1366, 768)
    assert window.isMaximized()
    assert available.contains(window.normalGeometry())


def test_the_window_comes_back_where_it_was_closed(qtbot, house_db, admin_user):
    first = open_window(qtbot, house_db, admin_user)
    first.showNormal()
    first.setGeometry(QRect(60, 50, 1200, 680))
    first.close()
    again = open_window(qtbot, house_db, admin_user)
    assert not again.isMaximized()
    assert again.geometry() == QRect(60, 50, 1200, 680)


def test_a_window_closed_maximised_comes_back_maximised(qtbot, house_db, admin_user):
    first = open_window(qtbot, house_db, admin_user)
    first.showNormal()
    first.setGeometry(QRect(60, 50, 1200, 680))
    first.showMaximized()
    first.close()
    again = open_window(qtbot, house_db, admin_user)
    assert again.isMaximized()
    again.showNormal()
    assert again.geometry() == QRect(60, 50, 1200, 680)


# A house PC: 1366×768 less a 40 px task bar, and the window manager's title bar (about 30 px).
HOUSE_PC_CLIENT = (1366, 768 - 40 - 30)


def test_every_page_fits_a_house_pc_screen_with_its_task_bar_and_title_bar(
    qtbot, house_db, admin_user
):
    window = open_window(qtbot, house_db, admin_user)
    for row in range(len(window.pages)):
        window.show_page(row)
        needed = window.minimumSizeHint()
        assert needed.width() <= HOUSE_PC_CLIENT[0], (row, needed)
        assert needed.height() <= HOUSE_PC_CLIENT[1], (row, needed)
    window.showNormal()
    window.resize(*HOUSE_PC_CLIENT)
    assert (window.width(), window.height()) == HOUSE_PC_CLIENT
