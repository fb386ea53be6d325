"""The table model of the users, checked by Qt's model tester and for what it shows."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt

from bgfuture_desk.services.users.service import UserRow
from bgfuture_desk.ui.models.user_table_model import COL_ACTIVE, COL_ROLE, UserTableModel

ROWS = [
    UserRow(uuid.uuid4(), "admin", "Мария Петрова", "admin", True),
    UserRow(uuid.uuid4(), "anna", "Анна Иванова", "assistant", False),
]


def test_model_passes_the_model_tester(qtmodeltester):
    model = UserTableModel()
    model.set_rows(ROWS)

    qtmodeltester.check(model)


def test_model_shows_bulgarian_headers_and_labels():
    model = UserTableModel()
    model.set_rows(ROWS)

    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Потребителско име", "Име и фамилия", "Роля", "Активен"]
    assert model.index(0, COL_ROLE).data() == "администратор"
    assert model.index(1, COL_ACTIVE).data() == "не"
    assert model.index(1, COL_ACTIVE).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_set_rows_resets_the_model(qtbot):
    model = UserTableModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS[:1])

    assert model.rowCount() == 1
    assert model.row_at(model.index(0, 0)).username == "admin"
