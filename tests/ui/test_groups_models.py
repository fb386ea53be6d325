"""The groups screen's item models: Qt's model tester, and what each shows in Bulgarian."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QModelIndex, Qt

from bgfuture_desk.services.groups.service import (
    EnrolmentView,
    GroupView,
    HistoryRow,
    ParticipantProgress,
    PersonGroupRow,
    ProgrammeNumbers,
    ProgrammeView,
    RegisterRow,
    SessionView,
)
from bgfuture_desk.ui.models import (
    enrolment_table_model,
    history_table_model,
    person_group_table_model,
    programme_numbers_model,
    programme_tree_model,
    progress_table_model,
    register_table_model,
    session_table_model,
    week_table_model,
)

SCHOOL = ProgrammeView(uuid.uuid4(), "Училище за родители", "За родители на малки деца", True, 2)
OLD = ProgrammeView(uuid.uuid4(), "Стара програма", "", False, 0)


def group(name: str, *, archived: bool = False, planned: int = 10) -> GroupView:
    return GroupView(
        uuid.uuid4(), SCHOOL.id, SCHOOL.name, name, "parents", "родители", None, None,
        planned, 0.75, None, None, archived, 6, 3, 7,
    )  # fmt: skip


def session(day: dt.date, status: str = "held", label: str = "проведена") -> SessionView:
    return SessionView(
        uuid.uuid4(), uuid.uuid4(), "Слънчогледи", SCHOOL.name,
        dt.datetime.combine(day, dt.time(10)), dt.datetime.combine(day, dt.time(11, 30)),
        "Голямата зала", "Игри с думи", "Мария Петрова", status, label, 9, 6,
    )  # fmt: skip


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_programme_tree_model(qtmodeltester):
    model = programme_tree_model.ProgrammeTreeModel()
    sunflowers, bees = group("Слънчогледи"), group("Пчелички", archived=True, planned=0)
    model.set_rows([SCHOOL, OLD], [sunflowers, bees])

    qtmodeltester.check(model)
    assert model.rowCount() == 2
    school = model.index(0, 0)
    assert model.rowCount(school) == 2 and model.rowCount(model.index(1, 0)) == 0
    assert model.index(1, 0).data() == "Стара програма (неактивна)"
    first = model.index(0, programme_tree_model.COL_SESSIONS, school)
    assert first.data() == "3 / 10"
    assert first.data(Qt.ItemDataRole.ToolTipRole) == (
        "Проведени: 3, предстоящи: 7, планирани за групата: 10"
    )
    assert model.index(1, 0, school).data() == "Пчелички (архив)"
    assert model.index(1, programme_tree_model.COL_SESSIONS, school).data() == "3 / 10"
    assert model.index(0, programme_tree_model.COL_FACILITATOR, school).data() == "—"
    assert model.item_at(model.index_of_group(bees.id)) == bees
    assert model.programme_of(model.index_of_group(bees.id)) == SCHOOL
    assert model.parent(model.index_of_group(bees.id)) == school
    assert headers(model) == [
        "Програма / група",
        "За кого",
        "Водещ",
        "Записани",
        "Срещи: проведени / планирани",
    ]


def test_session_table_model(qtmodeltester):
    model = session_table_model.SessionTableModel()
    cancelled = session(dt.date(2025, 11, 26), "cancelled", "отменена")
    held = session(dt.date(2025, 11, 12))
    model.set_rows([cancelled, held])

    qtmodeltester.check(model)
    assert model.rows() == [held, cancelled]  # in time order
    assert model.index(0, session_table_model.COL_DATE).data() == "ср, 12.11.2025"
    assert model.index(0, session_table_model.COL_TIME).data() == "10:00–11:30"
    assert model.index(0, session_table_model.COL_PRESENT).data() == "6 / 9"
    assert model.index(1, session_table_model.COL_PRESENT).data() == ""
    assert model.index(1, session_table_model.COL_TOPIC).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert headers(model) == ["Дата", "Час", "Тема", "Място", "Водещ", "Статус", "Присъстват"]


def test_register_table_model_cycles_and_offers(qtmodeltester, qtbot):
    model = register_table_model.RegisterTableModel()
    marked = RegisterRow(
        uuid.uuid4(), "Мария Иванова", "KRN-0001", True, "absent", "болно дете", False
    )
    came = RegisterRow(uuid.uuid4(), "Радка Щерева", "KRN-0002", True, None, "", True)
    walk_in = RegisterRow(uuid.uuid4(), "Борис Щерев", "KRN-0002", False, "present", "", False)
    model.set_rows([marked, came, walk_in])

    qtmodeltester.check(model)
    mark = register_table_model.COL_MARK
    assert [model.index(r, mark).data() for r in range(3)] == [
        "отсъства",
        "присъства (предложено)",
        "присъства",
    ]
    assert model.index(2, register_table_model.COL_KIND).data() == "без записване"
    assert model.index(0, register_table_model.COL_NOTE).data() == "болно дете"
    assert not model.is_dirty() and model.has_offers()
    model.cycle_mark(0)
    assert model.index(0, mark).data() == "извинен"
    model.cycle_mark(0)
    assert model.index(0, mark).data() == "присъства"
    assert model.is_dirty()
    with qtbot.waitSignal(model.changed):
        assert model.setData(model.index(1, register_table_model.COL_NOTE), " закъсня ")
    assert model.notes()[came.person_id] == "закъсня"
    assert model.flags(model.index(1, register_table_model.COL_NOTE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, mark)) & Qt.ItemFlag.ItemIsEditable
    added = model.add_walk_in(uuid.uuid4(), "Калина Щерева", "KRN-0002")
    assert added == 3 and model.walk_ins()[-1] == model.line_at(3).person_id
    assert model.counts() == {"present": 4, "absent": 0, "excused": 0, None: 0}
    assert register_table_model.next_mark(None) == "present"
    assert register_table_model.next_mark("excused") == "present"


def test_progress_and_person_group_models(qtmodeltester):
    progress = progress_table_model.ProgressTableModel()
    done = ParticipantProgress(uuid.uuid4(), "Мария Иванова", "KRN-0001", 6, 8, 0.75, True, True)
    left = ParticipantProgress(
        uuid.uuid4(), "Радка Щерева", None, 1, 3, 1 / 3, False, False, dt.date(2025, 10, 1)
    )
    progress.set_rows([done, left])
    qtmodeltester.check(progress)
    assert progress.index(0, progress_table_model.COL_ATTENDED).data() == "6 от 8"
    assert progress.index(0, progress_table_model.COL_SHARE).data() == "75%"
    assert progress.index(0, progress_table_model.COL_COMPLETED).data() == "да"
    assert progress.index(1, progress_table_model.COL_COMPLETED).data() == "не"
    assert progress.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Отписан(а) от групата на 01.10.2025"
    )
    assert progress.completed_count() == 1

    mine = person_group_table_model.PersonGroupTableModel()
    mine.set_rows(
        [
            PersonGroupRow(
                uuid.uuid4(), "Слънчогледи", SCHOOL.name, None, None, 2, 3, 2 / 3, False, False
            )
        ]  # fmt: skip
    )
    qtmodeltester.check(mine)
    assert mine.index(0, person_group_table_model.COL_SINCE).data() == "само без записване"


def test_history_enrolment_and_numbers_models(qtmodeltester):
    history = history_table_model.HistoryTableModel()
    history.set_rows(
        [
            HistoryRow(
                uuid.uuid4(),
                uuid.uuid4(),
                "Слънчогледи",
                SCHOOL.name,
                dt.datetime(2025, 11, 12, 10),
                "present",
                "присъства",
                True,
                "",
            )
        ]  # fmt: skip
    )
    qtmodeltester.check(history)
    assert history.index(0, history_table_model.COL_MARK).data() == "присъства (без записване)"

    enrolled = enrolment_table_model.EnrolmentTableModel()
    enrolled.set_rows(
        [EnrolmentView(uuid.uuid4(), "Мария Иванова", "KRN-0001", dt.date(2025, 11, 1), None)]
    )
    qtmodeltester.check(enrolled)
    assert enrolled.index(0, enrolment_table_model.COL_SINCE).data() == "01.11.2025"

    numbers = programme_numbers_model.ProgrammeNumbersModel()
    numbers.set_rows([ProgrammeNumbers(SCHOOL.id, SCHOOL.name, 4, 12, 7.25, 3)])
    qtmodeltester.check(numbers)
    row = [numbers.index(0, c).data() for c in range(5)]
    assert row == ["Училище за родители", "4", "12", "7,2", "3"]
    assert headers(numbers)[1:] == [
        "Проведени срещи",
        "Различни участници",
        "Средно присъстващи",
        "Завършили",
    ]


def test_week_table_model(qtmodeltester):
    model = week_table_model.WeekTableModel()
    monday = dt.date(2025, 12, 22)
    sessions = [
        session(dt.date(2025, 12, 23)),
        session(dt.date(2025, 12, 23), "cancelled", "отменена"),
        session(dt.date(2025, 12, 29)),  # next week: left out
    ]
    model.set_week(monday, sessions, today=dt.date(2025, 12, 23))

    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 7
    assert model.headerData(2, Qt.Orientation.Horizontal) == "сряда\n24 декември\nпразник"
    assert model.index(1, 1).data().startswith("10:00–11:30 (отменена)\nСлънчогледи")
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) == week_table_model.TODAY_COLOUR
    assert model.session_at(model.index(0, 0)) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert model.index_of(sessions[0].id) == model.index(0, 1)
    assert model.index_of(sessions[2].id) == QModelIndex()
