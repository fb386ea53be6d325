"""The reception's action classes stand without the page: they are handed the database, who
works and the family shown, and answer through signals (signals go up, calls go down)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SharedSearch
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.ui.models.visit_table_model import visitors_short
from bgfuture_desk.ui.reception.family_actions import FamilyActions
from bgfuture_desk.ui.reception.visit_actions import VisitActions
from tests.ui.helpers import click

pytest_plugins = ["tests.ui.reception_fixtures"]


def host_widget(qtbot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    return host


def test_a_check_out_and_its_undo_are_told_through_signals(qtbot, demo_house, admin, day):
    actions = VisitActions(demo_house, host_widget(qtbot), lambda: admin, list)
    changed, notes = [], []
    actions.visit_changed.connect(changed.append)
    actions.notified.connect(lambda text, error, undo: notes.append((text, error, undo)))
    visit = next(v for v in visits.visits_on(demo_house, day) if v.is_open)

    actions.check_out(visit)

    assert not visits.get_visit(demo_house, visit.id).is_open
    assert changed == [visit.id]
    [(text, error, undo)] = notes
    assert text == f"Излизане в 13:00: {visitors_short(visit)}." and not error
    assert callable(undo)

    undo()

    assert visits.get_visit(demo_house, visit.id).is_open
    assert changed == [visit.id, visit.id]
    assert notes[-1][:2] == (f"Отново в къщата: {visitors_short(visit)}.", False)


def test_archiving_asks_first_then_says_the_family_changed(qtbot, demo_house, admin, shterevi):
    index = SharedSearch(demo_house).index
    actions = FamilyActions(
        demo_house, host_widget(qtbot), lambda: admin, lambda: shterevi, index, str
    )
    saved, notes = [], []
    actions.saved.connect(saved.append)
    actions.notified.connect(lambda text, error, undo: notes.append((text, error)))

    actions.archive()
    box = actions.dialog
    assert box.windowTitle() == "Архивиране на семейството"
    assert saved == [] and not families.get_family(demo_house, shterevi.id).archived
    click(qtbot, box.yes_button)

    assert families.get_family(demo_house, shterevi.id).archived
    assert saved == [shterevi.id]
    assert notes == [(f"Семейство {shterevi.code} е архивирано.", False)]


def test_before_a_sign_in_no_dialog_opens(qtbot, demo_house, shterevi):
    index = SharedSearch(demo_house).index
    actions = FamilyActions(
        demo_house, host_widget(qtbot), lambda: None, lambda: shterevi, index, str
    )

    actions.new_family()
    actions.add_member()

    assert actions.dialog is None
