"""Fixtures for the desk's screens: Qt's own texts in Bulgarian, a logged-in main window."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD

# The offscreen platform of the tests warns whenever a top-level window gets a minimum size;
# a real screen does not. Every other Qt warning still fails the run.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session", autouse=True)
def bulgarian_qt(qapp):
    """As in the app: Qt's standard buttons and dialogs in Bulgarian."""
    from bgfuture_desk.app import install_translations

    return install_translations(qapp)


@pytest.fixture(autouse=True)
def computer_settings(tmp_path) -> Path:
    """What the desk remembers on this computer (window frame, last export folder) goes to a
    folder of the test, never to the user's configuration."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def admin_user(house_db):
    from bgfuture_desk.services.users import service as users

    return users.authenticate(house_db, "admin", ADMIN_PASSWORD)


@pytest.fixture
def assistant_user(house_db, admin):
    """A second account: Анна Иванова, assistant, password „pomosht-12“."""
    from bgfuture_desk.services.users import service as users

    users.create_user(
        house_db,
        admin,
        username="anna",
        full_name="Анна Иванова",
        role="assistant",
        password="pomosht-12",
    )
    return users.authenticate(house_db, "anna", "pomosht-12")


def activate(qtbot, widget) -> None:
    """Make ``widget``'s window the active one, as a click on it would (shortcuts need it)."""
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.fixture
def make_window(qtbot, house_db):
    """Build the main window for a user as the app does, shown, without the event loop."""
    from bgfuture_desk.app import build_main_window

    def make(user, idle_timeout_ms: int = 60 * 60 * 1000):
        window = build_main_window(house_db, user, idle_timeout_ms=idle_timeout_ms)
        qtbot.addWidget(window)
        window.show()
        activate(qtbot, window)
        return window

    return make
