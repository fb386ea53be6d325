"""Every tab of the toy library and its dialogs speak Bulgarian, and the Alt+letter of each
visible label or button is unique, so a mnemonic goes where it says."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenuBar, QTabBar

from tests.ui.helpers import click, type_text
from tests.ui.test_bulgarian_texts import not_bulgarian, visible_texts

pytest_plugins = ["tests.ui.toys_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier
MNEMONIC = re.compile(r"&([^&\s])")
TOY_CODE = re.compile(r"\b[A-Z]{2,4}-T-\d+\b")  # a code like the house's KRN, not a word


def mnemonics(window) -> list[str]:
    """The Alt+letters of what the window shows now: menus, tab bars, labels, buttons."""
    found = []
    for bar in window.findChildren(QMenuBar):
        found += [a.text() for a in bar.actions()]
    for tabs in window.findChildren(QTabBar):
        if tabs.isVisibleTo(window):
            found += [tabs.tabText(i) for i in range(tabs.count())]
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window) and (not isinstance(widget, QLabel) or widget.buddy()):
            found.append(widget.text())
    letters = [m.group(1).lower() for text in found if (m := MNEMONIC.search(text))]
    return letters


def check(window) -> None:
    texts = [(where, TOY_CODE.sub("", text)) for where, text in visible_texts(window)]
    assert [t for t in texts if not_bulgarian(t[1])] == []
    doubled = [letter for letter, n in Counter(mnemonics(window)).items() if n > 1]
    assert doubled == []


def test_every_tab_is_bulgarian_with_unique_mnemonics(qtbot, toys_page, shterevi, new_toys):
    window, page = toys_page()
    lending = page.desk.lending
    type_text(qtbot, lending.finder.search, "Щерева")
    qtbot.keyClick(lending.finder.search, Qt.Key.Key_Return)
    type_text(qtbot, lending.scan, new_toys[0].inventory_code)
    qtbot.keyClick(lending.scan, Qt.Key.Key_Return)
    check(window)
    for _tab in range(3):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
        check(window)


def test_the_toy_dialogs_are_bulgarian(qtbot, toys_page, new_toys):
    window, page = toys_page()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    tab = page.catalogue

    qtbot.keyClick(tab.search, Qt.Key.Key_N, CTRL)
    check(page.dialog)
    page.dialog.reject()

    click(qtbot, tab.labels_button)
    check(page.dialog)
    page.dialog.reject()

    tab.show_toy(new_toys[0].id)
    tab.status_actions["lost"].trigger()
    check(page.dialog)
