"""The family's own buttons: move a member, merge two families, archive, print the card."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bgfuture_desk.services.families import service as families
from bgfuture_desk.ui.models.family_member_model import COL_EGN, COL_NAME
from tests.ui.helpers import click, type_text
from tests.ui.preview_helpers import check_preview, save_preview

pytest_plugins = ["tests.ui.reception_fixtures"]


def open_code(qtbot, page, code: str) -> None:
    page.search.clear()
    type_text(qtbot, page.search, code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.family_panel.family.code == code


def choose_member(panel, name: str) -> None:
    model = panel.members
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_NAME).data() == name)
    panel.members_view.setCurrentIndex(model.index(row, COL_NAME))


def test_egn_is_shown_masked(qtbot, reception, demo_house):
    _window, page = reception()
    open_code(qtbot, page, "KRN-0001")
    model = page.family_panel.members
    people = {p.full_name: p for p in families.family_by_code(demo_house, "KRN-0001").members}
    for row in range(model.rowCount()):
        person = people[model.index(row, COL_NAME).data()]
        shown = model.index(row, COL_EGN).data()
        if person.egn:
            assert shown == "••" + person.egn[-4:]
        else:
            assert shown == ""


def test_move_a_member_to_another_family(qtbot, reception, shterevi, demo_house):
    _window, page = reception()
    target = families.family_by_code(demo_house, "KRN-0002")
    open_code(qtbot, page, shterevi.code)
    panel = page.family_panel
    choose_member(panel, "Калина Борисова Щерева")

    click(qtbot, panel.move_member_button)
    picker = page.family_actions.dialog
    assert picker.windowTitle() == "Преместване на Калина Борисова Щерева в друго семейство"
    type_text(qtbot, picker.search, "KRN-0002")
    assert picker.model.rowCount() >= 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    box = page.family_actions.dialog
    assert "KRN-0002" in box.text()
    click(qtbot, box.yes_button)

    names = [m.full_name for m in panel.family.members]
    assert "Калина Борисова Щерева" not in names
    moved = [m.full_name for m in families.get_family(demo_house, target.id).members]
    assert "Калина Борисова Щерева" in moved
    assert page.notice.text() == "Калина Борисова Щерева е преместен(а) в семейство KRN-0002."
    page.search.clear()
    type_text(qtbot, page.search, "kalina shtereva")
    assert page.results_model.rows()[0].family_code == "KRN-0002"


def test_merge_two_records_of_one_family(qtbot, reception, shterevi, demo_house, admin):
    twin = families.create_family(
        demo_house,
        admin,
        families.FamilyInput(settlement="гр. Крън"),
        [families.PersonInput("child", "Мила", last_name="Щерева")],
    )
    _window, page = reception()
    open_code(qtbot, page, shterevi.code)
    click(qtbot, page.family_panel.merge_button)
    picker = page.family_actions.dialog
    type_text(qtbot, picker.search, twin.code)
    click(qtbot, picker.choose_button)
    box = page.family_actions.dialog
    assert box.windowTitle() == "Обединяване на семейства"
    click(qtbot, box.yes_button)

    assert "Мила Щерева" in [m.full_name for m in page.family_panel.family.members]
    assert families.family_by_code(demo_house, twin.code).id == shterevi.id
    open_code(qtbot, page, shterevi.code)
    page.search.clear()
    type_text(qtbot, page.search, twin.code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.family_panel.family.id == shterevi.id  # the old card still finds them


def test_archive_asks_first_and_can_be_undone(qtbot, reception, shterevi, demo_house):
    _window, page = reception()
    open_code(qtbot, page, shterevi.code)
    panel = page.family_panel

    click(qtbot, panel.archive_button)
    box = page.family_actions.dialog
    assert box.windowTitle() == "Архивиране на семейството"
    click(qtbot, box.yes_button)

    assert families.get_family(demo_house, shterevi.id).archived
    assert panel.notice.text() == "Архивирано" and panel.notice.isVisible()
    assert panel.archive_button.text() == "&Върни от архива"

    click(qtbot, panel.archive_button)

    assert not families.get_family(demo_house, shterevi.id).archived
    assert not panel.notice.isVisible()


def test_the_family_card_opens_in_the_preview_and_is_saved(qtbot, reception, shterevi, tmp_path):
    _window, page = reception()
    open_code(qtbot, page, shterevi.code)

    click(qtbot, page.family_panel.print_button)
    preview = check_preview(page.family_actions.dialog, f"Карта на семейството {shterevi.code}")
    assert preview.document.pageCount() == 1

    save_preview(qtbot, preview, tmp_path / "karta.pdf", f"карта-{shterevi.code}.pdf")
