"""The groups screen end to end: a new group, its sessions, people enrolled by search,
attendance marked with the keyboard; the register, the person's history and the programme
numbers then agree, on the screen and in the services."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.ui.models.history_table_model import COL_DATE, COL_MARK
from bgfuture_desk.ui.models.programme_numbers_model import (
    COL_AVERAGE,
    COL_COMPLETIONS,
    COL_HELD,
    COL_PARTICIPANTS,
    COL_PROGRAMME,
)
from bgfuture_desk.ui.models.programme_tree_model import COL_ENROLLED, COL_SESSIONS
from bgfuture_desk.ui.models.register_table_model import COL_KIND
from bgfuture_desk.ui.models.register_table_model import COL_MARK as REGISTER_MARK
from bgfuture_desk.ui.models.register_table_model import COL_NAME as REGISTER_NAME
from bgfuture_desk.ui.models.session_table_model import COL_DATE as SESSION_DATE
from bgfuture_desk.ui.models.session_table_model import COL_PRESENT, COL_STATUS
from tests.ui.groups_data import CTRL, PROGRAMME, programme_id
from tests.ui.helpers import click, type_text
from tests.ui.test_bulgarian_texts import not_bulgarian, visible_texts

pytest_plugins = ["tests.ui.groups_fixtures"]


def choose_programme(page, name: str) -> None:
    panel = page.programmes
    panel.tree.setCurrentIndex(panel.model.index_of_programme(programme_id(page.db, name)))


def create_group(qtbot, page) -> groups.GroupView:
    choose_programme(page, PROGRAMME)
    click(qtbot, page.programmes.new_group_button)
    dialog = page.dialog
    assert dialog.windowTitle() == "Нова група"
    assert dialog.programme.currentText() == PROGRAMME
    assert dialog.share.value() == 75  # the house's setting
    type_text(qtbot, dialog.name, "Слънчогледи")
    dialog.target.setCurrentIndex(dialog.target.findData("parents"))
    dialog.planned.setValue(16)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    group = page.current_group()
    assert group is not None and group.name == "Слънчогледи"
    assert page.notice.text() == "Групата „Слънчогледи“ е запазена."
    return group


def schedule_tuesdays(qtbot, page) -> None:
    """Every Tuesday from today to 10 March 2026: 3 March (Liberation Day) is skipped."""
    click(qtbot, page.group_panel.sessions.schedule_button)
    dialog = page.dialog
    assert dialog.first.date() == QDate(2025, 11, 18)  # a new group starts today
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
    dialog.last.setDate(QDate(2026, 3, 10))
    assert dialog.preview.text() == (
        "16 срещи: от вт, 18.11.2025 до вт, 10.03.2026.\n"
        "Пропуснати официални празници: вт, 03.03.2026."
    )
    type_text(qtbot, dialog.place, "Голямата зала")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()


def enrol_by_search(qtbot, page, typed: list[str]) -> None:
    page.group_panel.tabs.setCurrentWidget(page.group_panel.participants)
    click(qtbot, page.group_panel.participants.enrol_button)
    picker = page.dialog
    for text in typed:
        type_text(qtbot, picker.search, text)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        assert picker.message.text().startswith("Записан(а): ")
        assert picker.search.text() == ""  # ready for the next person
    click(qtbot, picker.close_button)


def test_the_issue_flow(qtbot, groups_page, people, house_db):
    """Create a group, schedule, enrol by search, mark with arrows and Space, save; then the
    register, the person's history and the programme numbers agree."""
    window, page = groups_page()
    group = create_group(qtbot, page)
    schedule_tuesdays(qtbot, page)
    sessions_tab = page.group_panel.sessions
    assert sessions_tab.result.text() == (
        "Насрочени са 16 срещи. Пропуснати официални празници: вт, 03.03.2026."
    )
    assert sessions_tab.model.rowCount() == 16
    assert sessions_tab.model.index(0, SESSION_DATE).data() == "вт, 18.11.2025"

    enrol_by_search(qtbot, page, ["Борис Щерев", "Мария Иванова", "radka"])
    participants = page.group_panel.participants
    assert [r.full_name for r in participants.model.rows()] == [
        "Борис Петров Щерев",
        "Мария Николова Иванова",
        "Радка Иванова Щерева",
    ]
    assert participants.caption.text() == "3 записани участници."
    tree_row = page.programmes.model.index_of_group(group.id)
    assert tree_row.siblingAtColumn(COL_ENROLLED).data() == "3"
    enrolled = groups.enrolled_people(house_db, group.id)
    assert {e.enrolled_on for e in enrolled} == {dt.date(2025, 11, 18)}

    # today's session, opened with Enter from the list of the group's sessions
    page.group_panel.tabs.setCurrentWidget(sessions_tab)
    first = groups.group_sessions(house_db, group.id)[0]
    assert sessions_tab.current_session().id == first.id  # the next one to hold
    sessions_tab.table.setFocus()
    qtbot.keyClick(sessions_tab.table, Qt.Key.Key_Return)

    register = page.register
    table, model = register.table, register.model
    assert page.tabs.currentWidget() is register and table.hasFocus()
    assert [model.index(r, REGISTER_NAME).data() for r in range(model.rowCount())] == [
        "Борис Петров Щерев",
        "Мария Николова Иванова",
        "Радка Иванова Щерева",
    ]
    assert [model.index(r, REGISTER_MARK).data() for r in range(3)] == ["—", "—", "—"]
    # Борис: Space → present; Мария: Space ×2 → absent; Радка: Space ×3 → excused
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    for _press in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Space)
    assert [model.index(r, REGISTER_MARK).data() for r in range(3)] == [
        "присъства",
        "отсъства",
        "извинен",
    ]
    assert register.counts.text().endswith("— още не е записано")

    qtbot.keyClick(table, Qt.Key.Key_S, CTRL)

    # the register: on the screen and in the service
    saved = {r.full_name: r.status for r in groups.register(house_db, first.id)}
    assert saved == {
        "Борис Петров Щерев": "present",
        "Мария Николова Иванова": "absent",
        "Радка Иванова Щерева": "excused",
    }
    assert register.counts.text() == (
        "Присъстват: 1 · отсъстват: 1 · извинени: 1 · неотбелязани: 0"
    )
    assert register.status.text() == "Запазено."
    assert page.notice.text() == (
        "Присъствието е записано: присъстват: 1 · отсъстват: 1 · извинени: 1 · неотбелязани: 0."
    )
    assert all(model.index(r, COL_KIND).data() == "в групата" for r in range(3))
    held = groups.get_session(house_db, first.id)
    assert (held.status, held.present, held.enrolled) == ("held", 1, 3)
    page.tabs.setCurrentIndex(0)
    row = sessions_tab.model.row_of(first.id)
    assert sessions_tab.model.index(row, COL_STATUS).data() == "проведена"
    assert sessions_tab.model.index(row, COL_PRESENT).data() == "1 / 3"
    tree_row = page.programmes.model.index_of_group(group.id)
    assert tree_row.siblingAtColumn(COL_SESSIONS).data() == "1 / 16"

    # Радка's history, opened from the register with Ctrl+H on her row
    page.tabs.setCurrentWidget(register)
    table.setFocus()
    table.go_to_row(2)
    qtbot.keyClick(table, Qt.Key.Key_H, CTRL)
    history = page.dialog
    assert history.windowTitle() == "История в групите: Радка Иванова Щерева"
    rows = groups.person_history(house_db, people.radka.id)
    assert [(r.group_name, r.status) for r in rows] == [("Слънчогледи", "excused")]
    assert history.sessions_model.rowCount() == 1
    assert history.sessions_model.index(0, COL_DATE).data() == "вт, 18.11.2025"
    assert history.sessions_model.index(0, COL_MARK).data() == "извинен"
    assert history.sessions_caption.text() == "Отбелязан(а) на 1 среща:"
    history.reject()

    # the programme's numbers for November 2025
    page.tabs.setCurrentWidget(page.numbers)
    numbers = {n.programme_name: n for n in groups.programme_numbers(house_db, "2025-11")}
    school = numbers[PROGRAMME]
    assert (school.sessions_held, school.unique_participants, school.completions) == (1, 1, 0)
    assert school.average_attendance == 1.0
    table_model = page.numbers.model
    assert page.numbers.month.currentText() == "ноември 2025 г."
    shown = next(
        r for r in range(table_model.rowCount())
        if table_model.index(r, COL_PROGRAMME).data() == PROGRAMME
    )  # fmt: skip
    assert [
        table_model.index(shown, c).data()
        for c in (COL_HELD, COL_PARTICIPANTS, COL_AVERAGE, COL_COMPLETIONS)
    ] == ["1", "1", "1", "0"]


def test_every_tab_speaks_bulgarian_with_a_group_chosen(qtbot, groups_page, wednesday_group):
    window, page = groups_page()
    assert page.current_group().id == wednesday_group.id  # the next to meet is chosen
    seen = 0
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        for inner in range(page.group_panel.tabs.count()):
            page.group_panel.tabs.setCurrentIndex(inner)
            texts = visible_texts(window)
            seen += len(texts)
            assert not [(where, text) for where, text in texts if not_bulgarian(text)]
    assert seen > 300
