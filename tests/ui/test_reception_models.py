"""The reception's item models: Qt's model tester, and what each shows in Bulgarian."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from PySide6.QtCore import Qt

from bgfuture_desk.services.families.search import SearchHit
from bgfuture_desk.services.families.service import PersonView
from bgfuture_desk.services.visits.service import VisitView
from bgfuture_desk.ui.models.family_member_model import (
    COL_AGE,
    COL_EGN,
    COL_NAME,
    COL_PHONE,
    COL_ROLE,
    COL_TODAY,
    FamilyMemberModel,
)
from bgfuture_desk.ui.models.search_result_model import COL_CODE, SearchResultModel
from bgfuture_desk.ui.models.visit_table_model import (
    COL_IN,
    COL_OUT,
    COL_PURPOSES,
    COL_WHO,
    VisitTableModel,
)

FAMILY = uuid.uuid4()
HITS = [
    SearchHit("person", uuid.uuid4(), FAMILY, "KRN-0042", "Мария Иванова", "майка, 31 г.", 9.0),
    SearchHit("family", FAMILY, FAMILY, "KRN-0042", "KRN-0042 · Иванови", "гр. Крън", 8.0),
    SearchHit("person", uuid.uuid4(), None, None, "Иво Иванов", "архив", 1.0, archived=True),
]


TODAY = dt.date(2025, 11, 18)


def person(name: str, role: str, age: int, *, egn: str | None = None) -> PersonView:
    first, last = name.split()
    born = dt.date(TODAY.year - age, 1, 1)  # ``age`` years old on TODAY
    return PersonView(
        uuid.uuid4(), FAMILY, "KRN-0042", role, first, "", last, name, born, age, None,
        egn, "0888123456" if role == "mother" else "", None, "", age < 18,
    )  # fmt: skip


MOTHER = person("Мария Иванова", "mother", 31, egn="9401024567")
CHILD = person("Ивон Иванова", "child", 4)
BABY = person("Петър Иванов", "child", 1)


def visit(*, people=(), anonymous=(0, 0), out: dt.datetime | None = None, at=(9, 30)) -> VisitView:
    return VisitView(
        uuid.uuid4(), FAMILY if people else None, "KRN-0042" if people else None,
        tuple((p.id, p.full_name) for p in people), 0, len(people), anonymous[0], anonymous[1],
        ("play", "health"), None, None, dt.datetime(2025, 11, 18, *at), out, False, "",
    )  # fmt: skip


def test_search_result_model(qtmodeltester):
    model = SearchResultModel()
    model.set_rows(HITS)

    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Име", "Подробности", "Код"]
    assert model.index(0, COL_CODE).data() == "KRN-0042"
    assert model.index(2, COL_CODE).data() == ""
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_family_member_model_ticks_children_and_marks_who_is_here(qtmodeltester, qtbot):
    model = FamilyMemberModel()
    model.set_rows(
        [MOTHER, CHILD, BABY],
        {BABY.id: dt.datetime(2025, 11, 18, 10, 15)},
        today=TODAY,
    )

    qtmodeltester.check(model)
    assert model.checked_ids() == [CHILD.id]  # the baby is in the house already
    assert model.index(0, COL_EGN).data() == "••4567"
    assert model.index(0, COL_PHONE).data() == "0888 123 456"
    assert model.index(0, COL_ROLE).data() == "майка"
    assert model.index(0, COL_AGE).data() == "31 г."
    assert model.index(2, COL_TODAY).data() == "тук от 10:15"
    assert not model.flags(model.index(2, COL_NAME)) & Qt.ItemFlag.ItemIsUserCheckable

    with qtbot.waitSignal(model.checked_changed):
        assert model.setData(model.index(0, COL_NAME), Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert model.checked_names() == ["Мария Иванова", "Ивон Иванова"]
    assert not model.set_checked(2, True)
    model.toggle(1)
    assert model.checked_ids() == [MOTHER.id]


def test_visit_table_model(qtmodeltester):
    model = VisitTableModel()
    gone = visit(people=[MOTHER, CHILD], out=dt.datetime(2025, 11, 18, 11, 0), at=(9, 0))
    here = visit(people=[MOTHER], at=(8, 0))
    anonymous = visit(anonymous=(1, 2), at=(10, 0))
    model.set_rows([gone, here, anonymous])

    qtmodeltester.check(model)
    assert [v.id for v in model.rows()] == [anonymous.id, here.id, gone.id]  # in the house first
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Дошли", "Посетители", "Цел", "Излезли"]
    assert model.index(0, COL_WHO).data() == "Анонимни:\n1 възрастен\n2 деца"
    assert model.index(2, COL_WHO).data() == "KRN-0042 Иванови\nМария\nИвон"
    assert model.index(2, COL_WHO).data(Qt.ItemDataRole.ToolTipRole) == (
        "KRN-0042\nМария Иванова\nИвон Иванова"
    )
    assert model.index(2, COL_PURPOSES).data() == "игра\nздравни въпроси"
    assert model.index(2, COL_IN).data() == "09:00"
    assert model.index(2, COL_OUT).data() == "11:00"
    assert model.index(1, COL_OUT).data() == ""
    assert model.index(1, COL_IN).data(Qt.ItemDataRole.FontRole).bold()


def test_the_visit_table_shows_when_a_member_left_before_the_others():
    model = VisitTableModel()
    left = dt.datetime(2025, 11, 18, 10, 15)
    mother_left = dataclasses.replace(
        visit(people=[MOTHER, CHILD]), left=(MOTHER.id,), left_at=((MOTHER.id, left),)
    )
    both_left = dataclasses.replace(
        mother_left, id=uuid.uuid4(), checked_out_at=dt.datetime(2025, 11, 18, 11, 0)
    )
    model.set_rows([mother_left, both_left])

    assert model.index(0, COL_WHO).data() == "KRN-0042 Иванови\nМария — излезе в 10:15\nИвон"
    assert model.index(0, COL_OUT).data() == ""
    assert model.index(0, COL_WHO).data(Qt.ItemDataRole.ToolTipRole) == (
        "KRN-0042\nМария Иванова — излезе в 10:15\nИвон Иванова"
    )
    assert model.index(1, COL_WHO).data() == "KRN-0042 Иванови\nМария — излезе в 10:15\nИвон"
    assert model.index(1, COL_OUT).data() == "11:00"
