"""The attendance register: keys, refusals that keep every mark, today's visitors offered
as present, walk-ins by search, and no marks lost when another session is opened."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.ui.models.register_table_model import COL_KIND, COL_MARK, COL_NAME, COL_TODAY
from tests.ui.groups_data import CTRL, session_on
from tests.ui.helpers import click, type_text

pytest_plugins = ["tests.ui.groups_fixtures"]

WEDNESDAY = dt.date(2025, 11, 12)


def marks(page) -> dict[str, str]:
    model = page.register.model
    return {
        model.index(r, COL_NAME).data(): model.index(r, COL_MARK).data()
        for r in range(model.rowCount())
    }


def saved(db, session_id) -> dict[str, str | None]:
    return {r.full_name: r.status for r in groups.register(db, session_id)}


def open_register(page, session) -> None:
    page.open_register(session)
    assert page.register.session.id == session.id
    assert page.register.table.hasFocus()


def today_session(db, admin, group_id):
    """A one-off session this afternoon (the clock says 13:00)."""
    result = groups.schedule_sessions(
        db, admin, group_id, first=dt.date(2025, 11, 18), last=dt.date(2025, 11, 18),
        repeat="once", start=dt.time(15), end=dt.time(16),
    )  # fmt: skip
    return result.sessions[0]


def test_letters_mark_and_move_down_delete_clears(qtbot, groups_page, wednesday_group, house_db):
    _window, page = groups_page()
    session = session_on(house_db, wednesday_group.id, WEDNESDAY)
    open_register(page, session)
    table = page.register.table
    assert page.register.details.text().startswith("сряда, 12 ноември 2025")
    assert "Голямата зала · тема: Игри с думи" in page.register.details.text()

    type_text(qtbot, table, "о")  # Мария: absent, then on to Радка
    type_text(qtbot, table, "П")  # Радка: present (a capital works too)
    assert marks(page) == {
        "Мария Николова Иванова": "отсъства",
        "Радка Иванова Щерева": "присъства",
    }
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_E)  # a Latin layout: E for excused
    assert marks(page) == {"Мария Николова Иванова": "—", "Радка Иванова Щерева": "извинен"}

    qtbot.keyClick(table, Qt.Key.Key_Return, CTRL)

    assert saved(house_db, session.id) == {
        "Мария Николова Иванова": None,
        "Радка Иванова Щерева": "excused",
    }
    assert page.register.counts.text() == (
        "Присъстват: 0 · отсъстват: 0 · извинени: 1 · неотбелязани: 1"
    )


def test_a_mark_for_someone_not_enrolled_is_refused_and_nothing_is_lost(
    qtbot, groups_page, wednesday_group, house_db, admin, people
):
    _window, page = groups_page()
    session = session_on(house_db, wednesday_group.id, WEDNESDAY)
    open_register(page, session)
    table = page.register.table
    # meanwhile, at another desk, Мария's enrolment is taken back (a mistake that day)
    groups.unenrol(house_db, admin, wednesday_group.id, people.maria.id, on=dt.date(2025, 11, 1))

    type_text(qtbot, table, "пп")
    qtbot.keyClick(table, Qt.Key.Key_S, CTRL)

    assert page.register.status.text() == (
        "Мария Николова Иванова не е записан(а) в тази група: първо добавете лицето като "
        "дошло без записване. Нищо не е записано."
    )
    assert page.register.status.isVisible()
    assert saved(house_db, session.id) == {"Радка Иванова Щерева": None}
    assert marks(page) == {
        "Мария Николова Иванова": "присъства",
        "Радка Иванова Щерева": "присъства",
    }
    assert page.register.counts.text().endswith("— още не е записано")


def test_todays_group_visitors_are_offered_as_present_and_saved(
    qtbot, groups_page, wednesday_group, house_db, admin, people
):
    session = today_session(house_db, admin, wednesday_group.id)
    visits.check_in(
        house_db, admin, family_id=people.radka.family_id,
        person_ids=[people.radka.id, people.kalina.id], purposes=["group"],
    )  # fmt: skip
    _window, page = groups_page()
    open_register(page, session)
    register, model = page.register, page.register.model

    assert marks(page) == {
        "Мария Николова Иванова": "—",
        "Радка Иванова Щерева": "присъства (предложено)",
    }
    radka = model.row_of(people.radka.id)
    assert model.index(radka, COL_MARK).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(radka, COL_TODAY).data() == "дойде за група"
    assert register.counts.text().endswith("— предложеното още не е записано")
    # Калина came for the group too, but is not enrolled: offered as a walk-in
    assert register.candidates_label.text() == (
        "Дошли за група този ден, но не са записани: Калина Борисова Щерева."
    )
    click(qtbot, register.candidates_button)
    kalina = model.row_of(people.kalina.id)
    assert model.index(kalina, COL_KIND).data() == "без записване"
    assert not register.candidates_button.isVisible()

    qtbot.keyClick(register.table, Qt.Key.Key_S, CTRL)

    rows = {r.full_name: (r.status, r.enrolled) for r in groups.register(house_db, session.id)}
    assert rows == {
        "Мария Николова Иванова": (None, True),
        "Радка Иванова Щерева": ("present", True),
        "Калина Борисова Щерева": ("present", False),
    }
    assert marks(page)["Радка Иванова Щерева"] == "присъства"  # no longer just offered


def test_a_walk_in_is_found_by_search_and_saved(
    qtbot, groups_page, wednesday_group, house_db, people
):
    _window, page = groups_page()
    session = session_on(house_db, wednesday_group.id, WEDNESDAY)
    open_register(page, session)

    click(qtbot, page.register.walk_in_button)
    picker = page.dialog
    assert picker.windowTitle() == "Добавяне без записване"
    type_text(qtbot, picker.search, "Борис")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.message.text() == "Добавен(а): Борис Петров Щерев."
    type_text(qtbot, picker.search, "Радка")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.message.text() == "Радка Иванова Щерева вече е в дневника."
    click(qtbot, picker.close_button)

    assert marks(page)["Борис Петров Щерев"] == "присъства"
    qtbot.keyClick(page.register.table, Qt.Key.Key_S, CTRL)

    boris = next(r for r in groups.register(house_db, session.id) if r.person_id == people.boris.id)
    assert (boris.status, boris.enrolled) == ("present", False)
    assert [h.walk_in for h in groups.person_history(house_db, people.boris.id)] == [True]


def test_opening_another_session_with_unsaved_marks_asks_first(
    qtbot, groups_page, wednesday_group, house_db
):
    _window, page = groups_page()
    first = session_on(house_db, wednesday_group.id, WEDNESDAY)
    open_register(page, first)
    register = page.register
    assert register.chooser.currentText() == "ср, 12.11.2025 · 10:00–11:30 · предстои"
    type_text(qtbot, register.table, "п")

    register.chooser.setCurrentIndex(1)
    register.chooser.activated.emit(1)
    box = register.question
    assert box.isVisible() and box.windowTitle() == "Незаписано присъствие"
    click(qtbot, box.save_button)

    assert saved(house_db, first.id)["Мария Николова Иванова"] == "present"
    assert register.session.starts_at == dt.datetime(2025, 11, 19, 10)
    assert register.state.text().startswith("Тази среща предстои")


def test_a_note_typed_and_saved_at_once(qtbot, groups_page, wednesday_group, house_db, people):
    _window, page = groups_page()
    session = session_on(house_db, wednesday_group.id, WEDNESDAY)
    open_register(page, session)
    table = page.register.table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    type_text(qtbot, table, "и")  # Радка excused; the cursor moves on (the last row stays)
    table.go_to_row(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter writes a note
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "болно дете")

    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)

    radka = next(r for r in groups.register(house_db, session.id) if r.person_id == people.radka.id)
    assert (radka.status, radka.note) == ("excused", "болно дете")
    assert marks(page)["Радка Иванова Щерева"] == "извинен"
