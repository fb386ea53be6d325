"""Programmes, groups and sessions changed through their dialogs: Bulgarian errors beside
the fields with nothing typed lost, confirmations, and undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime

from bgfuture_desk.services.groups import service as groups
from tests.ui.groups_data import PROGRAMME, programme_id, session_on
from tests.ui.helpers import click, retype, type_text

pytest_plugins = ["tests.ui.groups_fixtures"]


def test_a_group_form_with_mistakes_keeps_what_was_typed(qtbot, groups_page, house_db):
    _window, page = groups_page()
    page.programmes.tree.setCurrentIndex(
        page.programmes.model.index_of_programme(programme_id(house_db))
    )
    click(qtbot, page.programmes.new_group_button)
    dialog = page.dialog
    type_text(qtbot, dialog.starts_on, "31.02.2025")
    dialog.planned.setValue(8)

    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert dialog.form.error_text("starts_on") == (
        "Напишете датата като ден.месец.година, например 05.03.2021."
    )
    retype(qtbot, dialog.starts_on, "01.12.2025")
    type_text(qtbot, dialog.ends_on, "01.11.2025")
    click(qtbot, dialog.save_button)
    assert dialog.form.error_text("name") == "Въведете името на групата."
    assert dialog.form.error_text("ends_on") == "Групата завършва, преди да е започнала."
    assert dialog.planned.value() == 8 and dialog.starts_on.text() == "01.12.2025"
    assert groups.list_groups(house_db) == []

    type_text(qtbot, dialog.name, "Пеперуди")
    retype(qtbot, dialog.ends_on, "23.02.2026")
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    [group] = groups.list_groups(house_db)
    assert (group.name, group.planned_sessions, group.starts_on) == (
        "Пеперуди", 8, dt.date(2025, 12, 1)
    )  # fmt: skip
    assert page.current_group().id == group.id
    assert page.group_panel.title.text() == f"Пеперуди — {group.programme_name}"


def test_a_schedule_that_ends_before_it_starts_saves_nothing(
    qtbot, groups_page, wednesday_group, house_db
):
    _window, page = groups_page()
    page.programmes.select_group(wednesday_group.id)
    before = len(groups.group_sessions(house_db, wednesday_group.id))
    click(qtbot, page.group_panel.sessions.schedule_button)
    dialog = page.dialog
    assert dialog.start.time() == QTime(10, 0)  # from the group's last session
    assert dialog.first.date().toPython() == dt.date(2025, 12, 10)
    dialog.end.setTime(QTime(9, 0))

    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert dialog.form.error_text("end") == (
        "Срещата свършва, преди да е започнала (10.12.2025 10:00 – 10.12.2025 09:00)."
    )
    assert len(groups.group_sessions(house_db, wednesday_group.id)) == before


def test_enrolling_someone_twice_says_so(qtbot, groups_page, wednesday_group, house_db):
    _window, page = groups_page()
    page.programmes.select_group(wednesday_group.id)
    participants = page.group_panel.participants
    click(qtbot, participants.enrol_button)
    picker = page.dialog

    type_text(qtbot, picker.search, "Радка Щерева")
    click(qtbot, picker.pick_button)

    assert picker.message.text() == (
        "Радка Иванова Щерева вече е сред записаните в група „Слънчогледи“."
    )
    assert picker.search.text() == "Радка Щерева"  # kept, to correct
    click(qtbot, picker.close_button)
    assert len(groups.enrolled_people(house_db, wednesday_group.id)) == 2


def test_unenrol_asks_and_can_be_undone(qtbot, groups_page, wednesday_group, house_db, people):
    _window, page = groups_page()
    page.programmes.select_group(wednesday_group.id)
    participants = page.group_panel.participants
    row = participants.model.row_of(people.maria.id)
    participants.table.setCurrentIndex(participants.model.index(row, 0))

    click(qtbot, participants.unenrol_button)
    box = page.dialog
    assert box.windowTitle() == "Отписване"
    click(qtbot, box.yes_button)

    assert [r.full_name for r in participants.model.rows()] == ["Радка Иванова Щерева"]
    assert page.notice.text() == "Мария Николова Иванова е отписан(а) от „Слънчогледи“."
    click(qtbot, page.notice.undo_button)
    assert {r.person_id for r in groups.enrolled_people(house_db, wednesday_group.id)} == {
        people.radka.id,
        people.maria.id,
    }


def test_cancel_a_session_and_undo(qtbot, groups_page, wednesday_group, house_db):
    _window, page = groups_page()
    page.programmes.select_group(wednesday_group.id)
    sessions = page.group_panel.sessions
    session = session_on(house_db, wednesday_group.id, dt.date(2025, 11, 26))
    sessions.table.setCurrentIndex(sessions.model.index(sessions.model.row_of(session.id), 0))

    click(qtbot, sessions.cancel_button)
    click(qtbot, page.dialog.yes_button)

    assert groups.get_session(house_db, session.id).status == "cancelled"
    assert sessions.current_session().status_label == "отменена"
    assert sessions.cancel_button.text() == "Възс&тановяване на срещата"
    assert page.notice.text() == "Срещата от ср, 26.11.2025, 10:00–11:30 е отменена."
    click(qtbot, page.notice.undo_button)
    assert groups.get_session(house_db, session.id).status == "planned"


def test_move_a_session_to_another_day(qtbot, groups_page, wednesday_group, house_db):
    _window, page = groups_page()
    page.programmes.select_group(wednesday_group.id)
    sessions = page.group_panel.sessions
    session = session_on(house_db, wednesday_group.id, dt.date(2025, 11, 26))
    sessions.table.setCurrentIndex(sessions.model.index(sessions.model.row_of(session.id), 0))

    click(qtbot, sessions.move_button)
    dialog = page.dialog
    dialog.day.setDate(dt.date(2025, 11, 27))
    retype(qtbot, dialog.topic, "Приказки")
    click(qtbot, dialog.save_button)

    moved = groups.get_session(house_db, session.id)
    assert (moved.starts_at, moved.topic) == (dt.datetime(2025, 11, 27, 10), "Приказки")
    assert page.notice.text() == "Срещата е запазена: чт, 27.11.2025, 10:00–11:30."


def test_archive_asks_and_can_be_undone(qtbot, groups_page, wednesday_group, house_db):
    _window, page = groups_page()
    page.programmes.select_group(wednesday_group.id)

    click(qtbot, page.programmes.archive_button)
    box = page.dialog
    assert box.windowTitle() == "Архивиране на групата"
    click(qtbot, box.yes_button)

    assert groups.get_group(house_db, wednesday_group.id).archived
    assert page.programmes.model.groups() == []
    assert page.notice.text() == "Групата „Слънчогледи“ е архивирана."
    click(qtbot, page.notice.undo_button)
    assert not groups.get_group(house_db, wednesday_group.id).archived
    assert page.current_group().id == wednesday_group.id


def test_programmes_are_for_coordinators(qtbot, groups_page, make_window, assistant_user):
    _window, page = groups_page()
    click(qtbot, page.programmes.new_programme_button)
    dialog = page.dialog
    click(qtbot, dialog.save_button)
    assert dialog.form.error_text("name") == "Въведете името на програмата."
    type_text(qtbot, dialog.name, PROGRAMME)
    click(qtbot, dialog.save_button)
    assert dialog.form.error_text("name") == f"Вече има програма „{PROGRAMME}“."
    retype(qtbot, dialog.name, "Четене с деца")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert "Четене с деца" in [p.name for p in page.programmes.model.programmes()]

    assistant_window = make_window(assistant_user)
    assistant_page = assistant_window.pages[1]
    assert not assistant_page.programmes.new_programme_button.isEnabled()
    assert assistant_page.programmes.new_group_button.isEnabled()
