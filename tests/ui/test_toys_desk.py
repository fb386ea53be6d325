"""The toy desk as the assistant reads it: suggestions without the basket's toys, every
column of the desk readable whole at 1366×768, and a return (or an undo) that keeps the
condition of a toy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bgfuture_desk.domain.vocab import ToyStatus
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyInput
from bgfuture_desk.ui.models.basket_model import LEND_NOTE, RET_STATE, RET_TOY
from bgfuture_desk.ui.models.toy_table_model import COL_CODE, COL_CONDITION, COL_NAME
from tests.ui.elision import cut_texts, text_width
from tests.ui.helpers import type_text
from tests.ui.test_toys import CTRL, open_family, scan

pytest_plugins = ["tests.ui.toys_fixtures"]


def suggested_codes(lending) -> list[str]:
    return [t.inventory_code for t in lending.side.suggested.rows()]


def test_a_toy_in_the_basket_is_not_suggested_again(qtbot, toys_page, shterevi, new_toys):
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")
    puzzle, _ball, game = (t.inventory_code for t in new_toys)
    assert {puzzle, game} <= set(suggested_codes(lending))

    view = lending.side.suggested_view
    view.setFocus()
    row = suggested_codes(lending).index(puzzle)
    view.setCurrentIndex(lending.side.suggested.index(row, COL_NAME))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the suggestion goes into the basket
    scan(qtbot, lending.scan, game)  # and a scanned one too

    assert lending.basket.codes() == [puzzle, game]
    assert puzzle not in suggested_codes(lending) and game not in suggested_codes(lending)

    lending.basket_view.setCurrentIndex(lending.basket.index(0, 0))
    qtbot.mouseClick(lending.remove_button, Qt.MouseButton.LeftButton)
    assert puzzle in suggested_codes(lending)  # out of the basket: suggested again
    assert game not in suggested_codes(lending)


def longest_named(db, n: int) -> list:
    shelf = [t for t in toys.list_toys(db) if t.status == ToyStatus.AVAILABLE]
    return sorted(shelf, key=lambda t: -text_width(QApplication.font(), t.name))[:n]


def test_at_1366_the_desk_shows_every_name_shelf_area_and_header_whole(
    qtbot, toys_page, shterevi, demo_house, admin
):
    """The demo's longest names lent to the family and coming back, the next in the basket,
    the suggestions and the overdue loans of other families on the return list."""
    window, page = toys_page()
    window.resize(1366, 768)
    lending, returns = page.desk.lending, page.desk.returns
    longest = longest_named(demo_house, 6)
    toys.lend_toys(demo_house, admin, shterevi.id, [t.inventory_code for t in longest[:3]])
    open_family(qtbot, page, "Щерева")
    for toy in longest[3:]:
        scan(qtbot, lending.scan, toy.inventory_code)
    others = toys.overdue_loans(demo_house)[:5]
    assert others
    returns.scan.setFocus()
    for loan in toys.open_loans(demo_house, shterevi.id) + others:
        scan(qtbot, returns.scan, loan.toy_code)
    assert lending.basket.rowCount() == 3 and returns.model.rowCount() == 3 + len(others)
    assert lending.side.suggested.rowCount() >= 5

    for view in (lending.side.suggested_view, returns.view):
        assert [str(c) for c in cut_texts(view)] == [], view.accessibleName()
    # in the basket only a long warning is cut: whole in its tooltip and above the basket
    cut = cut_texts(lending.basket_view)
    assert cut and {c.column for c in cut} == {LEND_NOTE}
    assert all(c.tooltip == c.text for c in cut)
    lending.side.setCurrentIndex(1)  # the toys the family has
    assert lending.side.loans.rowCount() == 3
    assert [str(c) for c in cut_texts(lending.side.loans_view)] == []

    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # the catalogue, all the demo's toys
    assert page.current_tab() is page.catalogue
    assert [str(c) for c in cut_texts(page.catalogue.view)] == []


def test_a_cut_name_is_whole_in_its_tooltip(qtbot, toys_page, shterevi, demo_house, admin):
    window, page = toys_page()
    window.resize(1366, 768)
    returns = page.desk.returns
    toy = toys.create_toy(demo_house, admin, ToyInput("Голям комплект " * 6, pieces=2))
    toys.lend_toys(demo_house, admin, shterevi.id, [toy.inventory_code])
    returns.scan.setFocus()
    scan(qtbot, returns.scan, toy.inventory_code)
    (cut,) = cut_texts(returns.view)
    assert cut.column == RET_TOY and cut.tooltip == f"{toy.inventory_code} {toy.name}"


def scan_where_the_focus_is(qtbot, code: str) -> None:
    """A scanner types into whatever has the focus, key by key, then presses Enter."""
    for char in code:
        type_text(qtbot, QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def catalogue_condition(page, code: str) -> str:
    model = page.catalogue.model
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_CODE).data() == code)
    return model.index(row, COL_CONDITION).data()


def test_a_new_toy_comes_back_new_and_is_shown_new(qtbot, toys_page, shterevi, demo_house, admin):
    """Two toys come back together: the new one as it went out, the other noted as worn."""
    made = [
        toys.create_toy(demo_house, admin, ToyInput(name, condition="new", pieces=2))
        for name in ("Дървени кубчета", "Кукла с рокля")
    ]
    new, other = (t.inventory_code for t in made)
    toys.lend_toys(demo_house, admin, shterevi.id, [new, other])
    window, page = toys_page()
    returns = page.desk.returns
    returns.scan.setFocus()
    scan(qtbot, returns.scan, new)
    assert returns.condition.currentText() == "нова"  # as it went out
    scan(qtbot, returns.scan, other)
    returns.condition.setFocus()
    qtbot.keyClick(returns.condition, Qt.Key.Key_Down)
    qtbot.keyClick(returns.condition, Qt.Key.Key_Down)
    assert returns.condition.currentText() == "износена"
    assert [returns.model.index(r, RET_STATE).data() for r in range(2)] == ["нова", "износена"]

    qtbot.keyClick(returns.condition, Qt.Key.Key_Return, CTRL)  # „Върни“

    assert returns.message.text() == (
        f"Върнати са 2 играчки: {new} (налична, нова), {other} (налична, износена)."
    )
    assert [toys.get_toy(demo_house, t.id).condition for t in made] == ["new", "worn"]
    back = {loan.toy_code: loan for loan in toys.family_loans(demo_house, shterevi.id)}
    assert (back[new].return_condition, back[other].return_condition) == ("new", "worn")
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # the catalogue says the same
    assert catalogue_condition(page, new) == "нова"
    assert catalogue_condition(page, other) == "износена"


def test_undoing_a_repair_gives_back_a_new_toy_not_a_worn_one(qtbot, toys_page, demo_house, admin):
    made = toys.create_toy(demo_house, admin, ToyInput("Дървени кубчета", condition="new"))
    window, page = toys_page()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    tab = page.catalogue
    tab.show_toy(made.id)
    tab.status_actions["in_repair"].trigger()
    qtbot.mouseClick(page.dialog.yes_button, Qt.MouseButton.LeftButton)
    assert catalogue_condition(page, made.inventory_code) == "за ремонт"

    qtbot.keyClick(tab.view, Qt.Key.Key_Z, CTRL)  # sent by mistake: undo

    assert toys.get_toy(demo_house, made.id).condition == "new"
    assert catalogue_condition(page, made.inventory_code) == "нова"
    assert tab.current_toy().status_label == "налична"


def test_a_code_scanned_in_the_returns_details_goes_to_the_list(
    qtbot, toys_page, shterevi, demo_house, admin
):
    """Not into the condition (a letter would choose another one) nor the missing pieces."""
    made = [
        toys.create_toy(demo_house, admin, ToyInput(name, condition="new", pieces=40))
        for name in ("Дървени кубчета", "Мозайка", "Пъзел „Замък“")
    ]
    codes = [t.inventory_code for t in made]
    toys.lend_toys(demo_house, admin, shterevi.id, codes)
    _window, page = toys_page()
    returns = page.desk.returns
    returns.scan.setFocus()
    scan(qtbot, returns.scan, codes[0])
    returns.missing.setFocus()
    returns.missing.selectAll()
    type_text(qtbot, returns.missing, "2")  # two pieces missing: digits stay here
    assert returns.model.lines()[0].pieces_missing == 2

    scan_where_the_focus_is(qtbot, codes[1])  # the next toy scanned, the focus left here
    returns.condition.setFocus()
    scan_where_the_focus_is(qtbot, "КРН-Т-" + codes[2][-4:])  # on the phonetic layout

    assert [line.loan.toy_code for line in returns.model.lines()] == codes
    assert [line.condition for line in returns.model.lines()] == ["new"] * 3
    assert [line.pieces_missing for line in returns.model.lines()] == [2, 0, 0]
    assert returns.scan.hasFocus() and returns.scan.text() == ""
