"""The toy library's item models: Qt's model tester, and what each shows in Bulgarian."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt

from bgfuture_desk.services.toys.service import LendCheck, LoanView, ReminderView, ToyCount, ToyView
from bgfuture_desk.ui.models.basket_model import (
    LEND_NOTE,
    RET_DUE,
    RET_STATE,
    BasketModel,
    ReturnTableModel,
)
from bgfuture_desk.ui.models.loan_table_model import (
    DAYS,
    FAMILY_HISTORY_COLUMNS,
    LAST_CALL,
    OPEN_LOAN_COLUMNS,
    OVERDUE_COLUMNS,
    PIECES,
    RETURNED,
    TOY_HISTORY_COLUMNS,
    LoanTableModel,
    ReminderTableModel,
)
from bgfuture_desk.ui.models.toy_count_model import COL_COUNT, ToyCountModel
from bgfuture_desk.ui.models.toy_table_model import (
    COL_AGE,
    COL_LOAN,
    COL_NAME,
    COL_RESERVED,
    COL_STATUS,
    HEADERS,
    ToyTableModel,
)

TODAY = dt.date(2025, 11, 18)


def toy(code: str, status: str = "available", **changes) -> ToyView:
    values = dict(
        id=uuid.uuid4(), inventory_code=code, name="Пъзел „Ферма“", description="12 части",
        category="пъзел", area="cognitive", area_label="познавателно", age_min_months=36,
        age_max_months=72, age_label="3–6 г.", pieces=12, condition="good",
        condition_label="добра", status=status,
        status_label={"available": "налична", "lent": "заета", "lost": "изгубена"}[status],
        shelf="Рафт 1", acquired_on=None, source="", photo_path="", open_loan_id=None,
        due_on=None, borrower_family_code=None, reserved_for_family_code=None, times_lent=3,
    )  # fmt: skip
    values.update(changes)
    return ToyView(**values)


def loan(code: str, *, late: int = 0, returned: dt.date | None = None, calls=()) -> LoanView:
    due = TODAY - dt.timedelta(days=late) if late else TODAY + dt.timedelta(days=5)
    return LoanView(
        id=uuid.uuid4(), toy_id=uuid.uuid4(), toy_code=code, toy_name="Мека топка",
        family_id=uuid.uuid4(), family_code="KRN-0042", family_title="KRN-0042 · Иванови",
        person_id=None, lent_on=due - dt.timedelta(days=14), due_on=due, returned_on=returned,
        pieces_out=5, pieces_missing=1 if returned else 0,
        return_condition="worn" if returned else None, overdue=late > 0, days_overdue=late,
        phone="0888 123 456", reminders=tuple(calls),
    )  # fmt: skip


def test_toy_table_model(qtmodeltester):
    model = ToyTableModel()
    lent = toy("KRN-T-0002", "lent", due_on=TODAY - dt.timedelta(days=2),
               borrower_family_code="KRN-0042", reserved_for_family_code="KRN-0007")  # fmt: skip
    model.set_rows([toy("KRN-T-0001"), lent, toy("KRN-T-0003", "lost")], TODAY)

    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(HEADERS))]
    assert headers == ["Код", "Играчка", "Възраст", "Област", "Части", "Състояние", "Статус",
                       "Рафт", "Заета от", "Запазена за"]  # fmt: skip
    assert model.index(1, COL_LOAN).data() == "KRN-0042 до 16.11.2025"
    assert model.index(1, COL_LOAN).data(Qt.ItemDataRole.ForegroundRole) is not None  # overdue
    assert model.index(1, COL_LOAN).data(Qt.ItemDataRole.ToolTipRole) == (
        "Трябваше да се върне на 16.11.2025"
    )
    assert model.index(1, COL_RESERVED).data() == "KRN-0007"
    assert model.index(0, COL_AGE).data() == "3–6 г."
    assert model.index(0, COL_NAME).data(Qt.ItemDataRole.ToolTipRole) == (
        "KRN-T-0001 Пъзел „Ферма“\n12 части"
    )
    assert model.index(2, COL_STATUS).data() == "изгубена"
    assert model.index(2, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is not None  # grey

    changed = toy("KRN-T-0001", "lent", id=model.rows()[0].id)
    assert model.replace(changed)
    assert model.index(0, COL_STATUS).data() == "заета"


def test_loan_table_model_in_every_list(qtmodeltester):
    rows = [
        loan("KRN-T-0001", late=3, calls=[ReminderView(uuid.uuid4(), TODAY, "не вдига")]),
        loan("KRN-T-0002", returned=TODAY),
        loan("KRN-T-0003"),
    ]
    for columns in (OVERDUE_COLUMNS, TOY_HISTORY_COLUMNS, FAMILY_HISTORY_COLUMNS,
                    OPEN_LOAN_COLUMNS):  # fmt: skip
        model = LoanTableModel(columns)
        model.set_rows(rows)
        qtmodeltester.check(model)
    model = LoanTableModel(OVERDUE_COLUMNS)
    model.set_rows(rows)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Семейство", "Телефон", "Играчка", "Заета на", "Срок", "Закъснение",
                       "Последно обаждане"]  # fmt: skip
    assert model.index(0, model.column_of(DAYS)).data() == "3 дни"
    assert model.index(0, model.column_of(LAST_CALL)).data() == "18.11.2025"
    assert model.index(0, model.column_of(LAST_CALL)).data(Qt.ItemDataRole.ToolTipRole) == (
        "не вдига"
    )

    model.set_rows(rows, TOY_HISTORY_COLUMNS)
    assert model.index(1, model.column_of(RETURNED)).data() == "18.11.2025 (износена)"
    assert model.index(1, model.column_of(PIECES)).data() == "5, липсват 1"
    assert model.index(2, model.column_of(RETURNED)).data() == "още не"


def test_reminder_table_model(qtmodeltester):
    model = ReminderTableModel()
    old = ReminderView(uuid.uuid4(), TODAY - dt.timedelta(days=7), "обещаха")
    new = ReminderView(uuid.uuid4(), TODAY, "не вдига")
    model.set_rows((old, new))

    qtmodeltester.check(model)
    assert [model.index(r, 1).data() for r in range(2)] == ["не вдига", "обещаха"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Обаждане на"


def test_basket_model_shows_warnings_in_amber(qtmodeltester):
    model = BasketModel()
    model.add(LendCheck(toy("KRN-T-0001"), (), False, ""))
    model.add(LendCheck(toy("KRN-T-0002"), ("Семейството има просрочени играчки.",), False, ""))

    qtmodeltester.check(model)
    assert model.codes() == ["KRN-T-0001", "KRN-T-0002"]
    assert model.index(1, LEND_NOTE).data() == "Семейството има просрочени играчки."
    assert model.index(1, LEND_NOTE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, LEND_NOTE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.remove(0).toy.inventory_code == "KRN-T-0001"
    assert model.codes() == ["KRN-T-0002"]


def test_return_table_model_says_how_each_toy_comes_back(qtmodeltester):
    model = ReturnTableModel()
    late = loan("KRN-T-0001", late=2)
    model.add(late, "good")
    model.add(loan("KRN-T-0002"), "worn")
    assert model.add(late) == 0  # the same loan scanned twice stays one line

    qtmodeltester.check(model)
    model.update(0, pieces_missing=2)
    assert model.index(0, RET_STATE).data() == "добра, липсват 2"
    assert model.index(1, RET_STATE).data() == "износена"
    model.update(1, lost=True)
    assert model.index(1, RET_STATE).data() == "изгубена"
    assert model.index(0, RET_DUE).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_toy_count_model(qtmodeltester):
    counts = [ToyCount(uuid.uuid4(), "KRN-T-0001", "Мека топка", 4)]
    model = ToyCountModel()
    model.set_rows(counts)
    never = ToyCountModel(with_count=False)
    never.set_rows(counts)

    qtmodeltester.check(model)
    qtmodeltester.check(never)
    assert model.index(0, COL_COUNT).data() == "4"
    assert never.columnCount() == 2
