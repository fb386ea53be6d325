"""Everything a person sees in the main window is Bulgarian (walks every visible widget)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableView,
    QWidget,
)

CYRILLIC = re.compile(r"[А-Яа-яЁёЪъЬь]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
# The house's code and the prefix of its codes, and key names as printed on the keys.
ALLOWED_LATIN = {"kran", "KRN", "Ctrl", "Shift", "Enter", "Esc", "PgUp", "PgDown", "Excel", "PDF"}
# A folder or file on the disk (where the backups are) is data, named as the disk names it.
FILE_PATH = re.compile(r"(?<!\S)(?:[A-Za-z]:\\|/)\S*")


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for the window title, widgets, menus, list items and table headers."""
    found = [("window title", window.windowTitle())]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        name = type(widget).__name__
        found += [
            (f"{name} tooltip", widget.toolTip()),
            (f"{name} accessible name", widget.accessibleName()),
        ]
        if isinstance(widget, QLabel):
            found.append((name, widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        elif isinstance(widget, QLineEdit):
            found.append((f"{name} placeholder", widget.placeholderText()))
        if isinstance(widget, QListWidget):
            found += [(name, widget.item(i).text()) for i in range(widget.count())]
        if isinstance(widget, QTableView) and widget.horizontalHeader().isVisibleTo(window):
            model = widget.model()
            found += [
                (f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                for c in range(model.columnCount(QModelIndex()))
            ]
    for menu in window.findChildren(QMenu):
        found.append(("menu", menu.title()))
        found += [("menu item", a.text()) for a in menu.actions() if not a.isSeparator()]
    return [(where, text) for where, text in found if text and text.strip()]


def not_bulgarian(text: str) -> bool:
    plain = FILE_PATH.sub("", text.replace("&", ""))
    if not re.search(r"[^\W\d_]", plain):  # numbers only, e.g. a count
        return False
    latin = set(LATIN_WORD.findall(plain)) - ALLOWED_LATIN
    return bool(latin) or not CYRILLIC.search(plain)


@pytest.mark.parametrize("who", ["admin_user", "assistant_user"])
def test_every_visible_text_is_bulgarian(qtbot, request, make_window, who):
    window = make_window(request.getfixturevalue(who))
    seen = 0
    for number in range(1, 7):
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        texts = visible_texts(window)
        seen += len(texts)
        wrong = [(where, text) for where, text in texts if not_bulgarian(text)]
        assert not wrong, f"page {number}: {wrong}"
    assert seen > 100  # the walk did find the texts


def test_the_lock_screen_is_bulgarian(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    window.lock()

    texts = visible_texts(window) + visible_texts(window.login_dialog)

    assert ("QPushButton", "&Вход…") in texts
    assert not [t for t in texts if not_bulgarian(t[1])]


def test_the_check_itself_catches_english():
    assert not_bulgarian("Save")
    assert not_bulgarian("Запази (Save)")
    assert not not_bulgarian("&Запази")
    assert not not_bulgarian("1 200")
    assert not not_bulgarian("kran, префикс на кодовете KRN")
    assert not not_bulgarian("Копията се пазят в: /home/anna/backups")
    assert not not_bulgarian("Копията се пазят в: C:\\Users\\anna\\backups")
    assert not_bulgarian("Запази/Save")
