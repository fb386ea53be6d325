"""Erasure from the family panel: administrators only, a confirmation that names the person
and says it cannot be undone, and the family shown again anonymised."""

from __future__ import annotations

from bgfuture_desk.services.families.queries import get_family
from tests.ui.helpers import click
from tests.ui.test_reception_family import choose_member, open_code

pytest_plugins = ["tests.ui.reception_fixtures"]


def test_an_administrator_erases_a_member_after_a_warning(qtbot, reception, shterevi, demo_house):
    _window, page = reception()
    open_code(qtbot, page, shterevi.code)
    panel = page.family_panel
    assert panel.erase_button.isVisible()
    assert panel.erase_button.text() == "Изтрий личните данни…"
    choose_member(panel, "Калина Борисова Щерева")

    panel.erase_member_action.trigger()
    box = page.erasure_actions.dialog
    assert box.windowTitle() == "Изтриване на личните данни"
    assert "Калина Борисова Щерева" in box.text()
    assert "Това не може да бъде отменено." in box.text()
    click(qtbot, box.no_button)
    members = get_family(demo_house, shterevi.id).members
    assert "Калина Борисова Щерева" in [m.full_name for m in members]

    panel.erase_member_action.trigger()
    click(qtbot, page.erasure_actions.dialog.yes_button)

    names = sorted(m.full_name for m in get_family(demo_house, shterevi.id).members)
    assert names == ["Борис Петров Щерев", "Изтрито лице", "Радка Иванова Щерева"]
    shown = [panel.members.row_at(panel.members.index(r, 0)).full_name
             for r in range(panel.members.rowCount())]
    assert "Изтрито лице" in shown and "Калина Борисова Щерева" not in shown


def test_the_whole_family_is_named_in_the_warning(qtbot, reception, shterevi, demo_house):
    _window, page = reception()
    open_code(qtbot, page, shterevi.code)

    page.family_panel.erase_family_action.trigger()
    box = page.erasure_actions.dialog
    assert f"цялото семейство {shterevi.code}" in box.text()
    assert "Радка Иванова Щерева" in box.text()
    click(qtbot, box.yes_button)

    family = get_family(demo_house, shterevi.id)
    assert family.archived and {m.full_name for m in family.members} == {"Изтрито лице"}


def test_an_assistant_does_not_see_the_erasure(qtbot, make_window, shterevi, assistant_user):
    window = make_window(assistant_user)
    page = window.current_page()
    open_code(qtbot, page, shterevi.code)
    assert not page.family_panel.erase_button.isVisible()
