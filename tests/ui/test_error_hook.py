"""Unexpected errors at the desk: a Bulgarian message, a scrubbed log, and the app lives on."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bgfuture_desk import app as desk_app
from bgfuture_desk.db import cipher
from bgfuture_desk.db import engine as db_engine

EGN = "8001010001"


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "bgfuture-desk"


@pytest.fixture
def shown(monkeypatch):
    """The texts of the error boxes the assistant would see."""
    texts: list[str] = []
    monkeypatch.setattr(desk_app.QMessageBox, "critical",
                        lambda parent, title, text: texts.append(f"{title}|{text}"))
    return texts


@pytest.fixture
def hook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    desk_app.install_exception_hook()


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_is_shown_in_bulgarian_and_logged(qtbot, data_home, shown, hook):
    button = QPushButton("Запиши")
    qtbot.addWidget(button)

    def on_clicked():
        raise KeyError(EGN)

    button.clicked.connect(on_clicked)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    title, text = shown[0].split("|")
    assert title == "Грешка"
    assert text.startswith("Възникна неочаквана грешка. Програмата може да продължи да работи.")
    assert str(data_home / "errors.log") in text
    written = (data_home / "errors.log").read_text(encoding="utf-8")
    assert "builtins.KeyError" in written and "on_clicked" in written
    assert EGN not in written
    # the app lives on: the next click is handled (and told) again
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(shown) == 2


def test_a_locked_house_file_at_start_is_told_busy_and_exits(
    qtbot, house_db, db_path, data_home, shown, hook, monkeypatch
):
    house_db.dispose()
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 100)
    # a WAL file is locked for readers too only by a connection in exclusive locking mode
    holder = cipher.connect(db_path, isolation_level=None, timeout=0.1)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")
    try:
        status = desk_app.run_gui(db_path)
    finally:
        holder.rollback()
        holder.close()
    assert status != 0
    assert len(shown) == 1
    assert "Базата данни е заета" in shown[0]


def test_a_damaged_house_file_at_start_is_told_damaged_and_exits(
    qtbot, tmp_path, data_home, shown, hook
):
    path = tmp_path / "house.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    status = desk_app.run_gui(path)
    assert status != 0
    assert len(shown) == 1
    assert "повреден" in shown[0]
    assert "няма добро архивно копие" in shown[0]  # nothing to offer: no backups yet
    assert path.read_bytes() == b"SQLite format 3\x00" + b"\x13" * 4000


def test_a_second_app_on_the_same_house_file_says_so_and_exits(
    qtbot, house_db, db_path, data_home, shown, hook, monkeypatch
):
    from bgfuture_desk.services.house.lock import HouseLock

    asked = []
    monkeypatch.setattr(desk_app, "ask", lambda parent, title, text, yes, no:
                        asked.append((title, text, yes, no)) or False)  # „Изход“
    house_db.dispose()
    first_app = HouseLock(db_path).acquire()
    try:
        status = desk_app.run_gui(db_path)
    finally:
        first_app.release()
    assert status == 2
    [(title, text, yes, no)] = asked
    assert title == "Файлът на къщата се използва"
    assert "е отворен в друг прозорец на програмата" in text
    assert "Можете да го отворите само за четене" in text
    assert (yes, no) == ("&Отвори само за четене", "&Изход")
