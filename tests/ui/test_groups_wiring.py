"""The groups' actions and panels work without the page: they get what they need when
built and say what happened through signals (signals go up, method calls go down)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtWidgets import QMessageBox, QWidget

from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.ui.groups.register_panel import RegisterPanel
from bgfuture_desk.ui.groups.session_actions import SessionActions
from tests.ui.groups_data import session_on
from tests.ui.helpers import click

pytest_plugins = ["tests.ui.groups_fixtures"]


def test_a_session_cancelled_and_restored_is_told_to_whoever_listens(
    qtbot, wednesday_group, house_db, admin, day
):
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = SessionActions(house_db, parent, lambda: admin, lambda: [], lambda: day)
    dialogs, changes, messages = [], [], []
    actions.dialog_opened.connect(dialogs.append)
    actions.changed.connect(lambda keep, session: changes.append((keep, session)))
    actions.notified.connect(lambda text, error, undo: messages.append((text, error, undo)))
    session = session_on(house_db, wednesday_group.id, dt.date(2025, 11, 26))

    actions.cancel(session)
    assert len(dialogs) == 1 and isinstance(dialogs[0], QMessageBox)
    assert dialogs[0].parent() is parent
    click(qtbot, dialogs[0].yes_button)

    assert groups.get_session(house_db, session.id).status == "cancelled"
    assert changes == [(wednesday_group.id, session.id)]
    text, error, undo = messages[-1]
    assert (text, error) == ("Срещата от ср, 26.11.2025, 10:00–11:30 е отменена.", False)
    undo()
    assert groups.get_session(house_db, session.id).status == "planned"
    assert changes[-1] == (wednesday_group.id, session.id)
    assert messages[-1] == ("Срещата от ср, 26.11.2025, 10:00–11:30 е възстановена.", False, None)


def test_the_register_reports_a_refusal_and_a_save_upwards(
    qtbot, wednesday_group, house_db, admin, day
):
    actor = [None]
    panel = RegisterPanel(house_db, lambda: actor[0], lambda: day)
    qtbot.addWidget(panel)
    messages, saved = [], []
    panel.notified.connect(lambda text, error, undo: messages.append((text, error, undo)))
    panel.attendance_saved.connect(saved.append)

    panel.open_session(uuid.uuid4())  # a session no longer there
    assert panel.session is None
    assert messages == [("Няма такава среща.", True, None)]

    past = session_on(house_db, wednesday_group.id, dt.date(2025, 11, 12))
    panel.open_session(past.id)
    assert panel.session is not None and panel.session.id == past.id
    assert not panel.save()  # no one signed in yet: nothing is saved
    actor[0] = admin
    assert panel.save()
    assert [s.id for s in saved] == [past.id]
    assert messages[-1] == (
        "Присъствието е записано: присъстват: 0 · отсъстват: 0 · извинени: 0 · неотбелязани: 2.",
        False,
        None,
    )
