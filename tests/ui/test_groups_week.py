"""The week of sessions in the house, and the attendance sheet saved as a PDF."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from bgfuture_desk.services.groups import service as groups
from tests.ui.groups_data import CTRL, session_on
from tests.ui.helpers import click, type_text
from tests.ui.preview_helpers import check_preview, save_preview

pytest_plugins = ["tests.ui.groups_fixtures"]


def plain(text: str) -> str:
    """CLDR versions differ on the space before „г.“ (DOMAIN.md): compare plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_week_shows_its_sessions_and_opens_the_register(
    qtbot, groups_page, wednesday_group, house_db
):
    _window, page = groups_page()
    page.tabs.setCurrentWidget(page.week)
    week = page.week
    model = week.model

    assert plain(week.title.text()) == "17 – 23 ноември 2025 г."
    assert headers(model)[:3] == [
        "понеделник\n17 ноември",
        "вторник\n18 ноември",
        "сряда\n19 ноември",
    ]
    assert headers(model)[6] == "неделя\n23 ноември"
    assert week.caption.text() == "1 среща тази седмица."
    assert [s.starts_at for s in model.sessions()] == [dt.datetime(2025, 11, 19, 10)]
    assert model.index(0, 2).data() == (
        "10:00–11:30\nСлънчогледи\nУчилище за родители\nГолямата зала"
    )
    assert model.index(0, 1).data() is None

    click(qtbot, week.previous_button)
    assert plain(week.title.text()) == "10 – 16 ноември 2025 г."
    assert [s.starts_at.date() for s in model.sessions()] == [dt.date(2025, 11, 12)]
    qtbot.keyClick(week.table, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(week.table, Qt.Key.Key_PageDown, CTRL)
    assert plain(week.title.text()) == "24 – 30 ноември 2025 г."
    assert [s.starts_at.date() for s in model.sessions()] == [dt.date(2025, 11, 26)]

    index = model.index(0, 2)
    rect = week.table.visualRect(index)
    qtbot.mouseClick(week.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(week.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert page.tabs.currentWidget() is page.register
    assert page.register.session.starts_at == dt.datetime(2025, 11, 26, 10)


def test_the_week_agrees_with_the_service_and_names_holidays(
    qtbot, groups_page, wednesday_group, house_db
):
    _window, page = groups_page()
    page.tabs.setCurrentWidget(page.week)
    page.week.show_week(dt.date(2025, 12, 24))

    monday, sunday = dt.date(2025, 12, 22), dt.date(2025, 12, 28)
    assert plain(page.week.title.text()) == "22 – 28 декември 2025 г."
    assert page.week.model.sessions() == groups.sessions_between(house_db, monday, sunday)
    assert headers(page.week.model)[2] == "сряда\n24 декември\nпразник"
    assert page.week.caption.text() == "Тази седмица няма срещи."


def test_the_sheet_opens_in_the_preview(qtbot, groups_page, wednesday_group, house_db, tmp_path):
    _window, page = groups_page()
    page.programmes.select_group(wednesday_group.id)
    sessions = page.group_panel.sessions
    session = session_on(house_db, wednesday_group.id, dt.date(2025, 11, 19))
    sessions.table.setCurrentIndex(sessions.model.index(sessions.model.row_of(session.id), 0))

    click(qtbot, sessions.print_button)

    preview = check_preview(
        page.dialog, "Присъствен списък на Слънчогледи, ср, 19.11.2025, 10:00–11:30"
    )
    save_preview(qtbot, preview, tmp_path / "spisak.pdf", "присъствен-списък-2025-11-19.pdf")


def test_the_sheet_after_the_session_is_printed_from_the_register(
    qtbot, groups_page, wednesday_group, house_db, tmp_path
):
    _window, page = groups_page()
    session = session_on(house_db, wednesday_group.id, dt.date(2025, 11, 12))
    page.open_register(session)
    register = page.register
    type_text(qtbot, register.table, "п")

    click(qtbot, register.print_button)  # unsaved marks: not yet
    assert register.status.text() == (
        "Първо запишете отбелязаното (Ctrl+Enter), после печатайте списъка с него."
    )
    qtbot.keyClick(register.table, Qt.Key.Key_Return, CTRL)
    click(qtbot, register.print_button)

    preview = check_preview(
        page.dialog, "Присъствен списък на Слънчогледи, ср, 12.11.2025, 10:00–11:30"
    )
    save_preview(qtbot, preview, tmp_path / "s-belezhki.pdf", "присъствен-списък-2025-11-12.pdf")
    assert groups.get_session(house_db, session.id).status == "held"
