"""The groups page as the assistant reads it at 1366×768: the register tab follows the
session chosen on the sessions tab, and no button text is cut."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bgfuture_desk.services.demo import generate_demo
from tests.ui.elision import cut_texts, text_width
from tests.ui.groups_data import session_on

pytest_plugins = ["tests.ui.groups_fixtures"]

BUTTON_PADDING = 12  # the button's frame and text margins, both sides


def click_tab(qtbot, tabs, widget) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(widget)).center())
    assert tabs.currentWidget() is widget


def choose_session(qtbot, page, day: dt.date) -> None:
    """A click on the session's row in the chosen group's sessions."""
    sessions = page.group_panel.sessions
    row = next(n for n, s in enumerate(sessions.model.rows()) if s.starts_at.date() == day)
    rect = sessions.table.visualRect(sessions.model.index(row, 0))
    qtbot.mouseClick(sessions.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sessions.current_session().starts_at.date() == day


def test_the_register_tab_opens_on_the_session_chosen_on_the_sessions_tab(
    qtbot, groups_page, wednesday_group, house_db
):
    window, page = groups_page()
    window.resize(1366, 768)
    page.group_panel.tabs.setCurrentWidget(page.group_panel.sessions)
    register = page.register

    choose_session(qtbot, page, dt.date(2025, 11, 26))
    click_tab(qtbot, page.tabs, register)
    assert register.session.id == session_on(house_db, wednesday_group.id, dt.date(2025, 11, 26)).id
    assert register.chooser.currentText().startswith("ср, 26.11.2025")

    click_tab(qtbot, page.tabs, page.groups_tab)
    choose_session(qtbot, page, dt.date(2025, 11, 12))
    click_tab(qtbot, page.tabs, register)
    assert register.session.starts_at == dt.datetime(2025, 11, 12, 10)
    assert register.chooser.currentText().startswith("ср, 12.11.2025")

    # another session chosen in the register itself stays when the tabs are only looked at
    register.chooser.setCurrentIndex(
        register.chooser.findText("ср, 19.11", Qt.MatchFlag.MatchStartsWith)
    )
    register.chooser.activated.emit(register.chooser.currentIndex())
    assert register.session.starts_at == dt.datetime(2025, 11, 19, 10)
    click_tab(qtbot, page.tabs, page.groups_tab)
    click_tab(qtbot, page.tabs, register)
    assert register.session.starts_at == dt.datetime(2025, 11, 19, 10)


def visible_buttons(widget) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget.window())]


def cut_buttons(window, widget) -> list[str]:
    """Buttons whose text does not fit, or that reach past the window's right edge."""
    cut = []
    for button in visible_buttons(widget):
        text = button.text().replace("&", "")
        need = text_width(button.font(), text) + BUTTON_PADDING
        right = button.mapTo(window, button.rect().topRight()).x()
        if need > button.width() or right >= window.width():
            cut.append(f"{text}: needs {need} px, has {button.width()}, ends at {right}")
    return cut


def test_at_1366_the_groups_page_shows_its_buttons_and_tables_whole(
    qtbot, groups_page, house_db, clock
):
    generate_demo(house_db, families=20, seed=1, today=clock.date())
    window, page = groups_page()
    window.resize(1366, 768)
    sessions = page.group_panel.sessions
    page.group_panel.tabs.setCurrentWidget(sessions)
    qtbot.waitUntil(lambda: sessions.print_button.isVisible())
    assert sessions.model.rowCount() > 5
    assert sessions.print_button.text().replace("&", "") == "Печат на присъствения списък…"
    assert cut_buttons(window, page.groups_tab) == []
    assert [str(c) for c in cut_texts(sessions.table)] == []

    click_tab(qtbot, page.tabs, page.register)
    assert page.register.session is not None and page.register.model.rowCount() > 3
    assert page.register.print_button.isVisible()
    assert cut_buttons(window, page.register) == []
    assert [str(c) for c in cut_texts(page.register.table)] == []
