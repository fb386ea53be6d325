"""The toy desk: find the family, scan toys as a scanner does (the code, then Enter), lend,
return, and see the catalogue, the loans and the overdue list agree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bgfuture_desk.domain import toys as toy_rules
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.ui.models.basket_model import LEND_CODE, LEND_NOTE
from bgfuture_desk.ui.models.loan_table_model import DAYS, TOY
from bgfuture_desk.ui.models.toy_table_model import COL_CODE, COL_LOAN, COL_PIECES, COL_STATUS
from tests.ui.helpers import type_text

pytest_plugins = ["tests.ui.toys_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier


def scan(qtbot, field, code: str) -> None:
    """What a barcode scanner does: types the code into the focused field and presses Enter."""
    assert field.hasFocus()
    type_text(qtbot, field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def open_family(qtbot, page, text: str) -> None:
    lending = page.desk.lending
    type_text(qtbot, lending.finder.search, text)
    qtbot.keyClick(lending.finder.search, Qt.Key.Key_Return)


def catalogue_rows(page) -> dict[str, tuple[str, str, str]]:
    """code → (status, pieces, lent to) as the catalogue shows them."""
    model = page.catalogue.model
    return {
        model.index(r, COL_CODE).data(): (
            model.index(r, COL_STATUS).data(),
            model.index(r, COL_PIECES).data(),
            model.index(r, COL_LOAN).data(),
        )
        for r in range(model.rowCount())
    }


def test_lend_three_by_scanning_return_one_with_a_missing_piece(
    qtbot, clock, toys_page, shterevi, new_toys, demo_house
):
    day = clock.day
    window, page = toys_page()
    lending, returns = page.desk.lending, page.desk.returns
    assert lending.finder.search.hasFocus()  # no family yet: the search waits

    open_family(qtbot, page, "Щерева")
    assert lending.family.id == shterevi.id
    assert lending.header.title.text() == shterevi.title
    assert "Калина (4 г.)" in lending.header.details.text()
    codes = [t.inventory_code for t in new_toys]
    for code in codes:
        scan(qtbot, lending.scan, code)
        assert lending.scan.text() == ""
    assert lending.basket.codes() == codes
    assert lending.basket_caption.text() == "Кошница: 3 играчки"
    assert [lending.basket.index(r, LEND_NOTE).data() for r in range(3)] == ["", "", ""]
    due = toy_rules.due_date(day, 14)
    assert lending.due_label.text() == f"Връщане до: {due:%d.%m.%Y}"

    qtbot.keyClick(lending.scan, Qt.Key.Key_Return, CTRL)  # „Заеми“

    out = toys.open_loans(demo_house, shterevi.id)
    assert sorted(loan.toy_code for loan in out) == sorted(codes)
    assert {loan.due_on for loan in out} == {due}
    assert lending.basket.rowCount() == 0
    assert lending.message.text() == (
        f"3 играчки са заети от {shterevi.title}, връщане до {due:%d.%m.%Y}."
    )
    assert lending.receipt_button.isEnabled()
    assert lending.scan.hasFocus()

    puzzle = codes[0]
    returns.scan.setFocus()
    scan(qtbot, returns.scan, puzzle)
    assert returns.loan_label.text().startswith(shterevi.title)
    assert returns.missing.maximum() == 11  # all twelve missing would be a lost toy
    returns.missing.setFocus()
    returns.missing.selectAll()
    qtbot.keyClicks(returns.missing, "1")
    assert returns.model.lines()[0].pieces_missing == 1
    qtbot.keyClick(returns.missing, Qt.Key.Key_Return, CTRL)  # „Върни“

    assert returns.model.rowCount() == 0
    assert returns.message.text() == f"Върната е 1 играчка: {puzzle} (налична, добра)."
    assert not returns.reserved.isVisible()
    history = {loan.toy_code: loan for loan in toys.family_loans(demo_house, shterevi.id)}
    assert history[puzzle].returned_on == day and history[puzzle].pieces_missing == 1
    assert [h.returned_on for c, h in history.items() if c != puzzle] == [None, None]

    # the catalogue says the same
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert page.current_tab() is page.catalogue
    shown = catalogue_rows(page)
    assert shown[puzzle] == ("налична", "11", "")
    for code in codes[1:]:
        assert shown[code] == ("заета", shown[code][1], f"{shterevi.code} до {due:%d.%m.%Y}")

    # three weeks later the two toys still out are on the call list, the puzzle is not
    clock.move(21)
    page.changed()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert page.current_tab() is page.overdue
    model = page.overdue.model
    late = {
        model.index(r, model.column_of(TOY)).data(): model.index(r, model.column_of(DAYS)).data()
        for r in range(model.rowCount())
    }
    days = (clock.day - due).days
    for toy in new_toys[1:]:
        assert late[f"{toy.inventory_code} {toy.name}"] == f"{days} дни"
    assert not [t for t in late if t.startswith(puzzle)]
    overdue_codes = {loan.toy_code for loan in toys.overdue_loans(demo_house)}
    assert set(codes[1:]) <= overdue_codes and puzzle not in overdue_codes


def test_a_code_that_is_no_toy_is_refused_and_the_field_is_ready(
    qtbot, toys_page, shterevi, new_toys
):
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")
    scan(qtbot, lending.scan, new_toys[0].inventory_code)

    scan(qtbot, lending.scan, "KRN-T-9999")

    assert lending.message.text() == "Няма играчка с код KRN-T-9999."
    assert "#b3261e" in lending.message.styleSheet()  # red
    assert lending.scan.text() == "" and lending.scan.hasFocus()
    assert lending.basket.codes() == [new_toys[0].inventory_code]  # nothing lost

    scan(qtbot, lending.scan, new_toys[1].inventory_code.lower())  # the next code comes

    assert lending.basket.codes() == [t.inventory_code for t in new_toys[:2]]


def test_a_toy_lent_to_another_family_is_refused_and_can_be_reserved(
    qtbot, toys_page, shterevi, new_toys, demo_house, admin
):
    other = toys.lend_toys(demo_house, admin, demo_family(demo_house), [new_toys[0].inventory_code])
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")

    scan(qtbot, lending.scan, new_toys[0].inventory_code)

    assert lending.message.text() == (
        f"Играчката {new_toys[0].inventory_code} вече е заета от {other[0].family_code} "
        f"до {other[0].due_on:%d.%m.%Y}."
    )
    assert lending.basket.rowCount() == 0
    assert lending.reserve_button.isVisible()
    assert lending.reserve_button.text() == f"Запази &я за {shterevi.code}"

    qtbot.mouseClick(lending.reserve_button, Qt.MouseButton.LeftButton)

    waiting = toys.reservations_for_toy(demo_house, new_toys[0].id)
    assert [r.family_code for r in waiting] == [shterevi.code]
    assert page.notice.text() == (
        f"{new_toys[0].inventory_code} {new_toys[0].name} е запазена за {shterevi.code}."
    )
    assert lending.scan.hasFocus()

    lending.basket_view.setFocus()
    qtbot.keyClick(lending.basket_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert toys.reservations_for_toy(demo_house, new_toys[0].id) == []


def test_the_return_of_a_reserved_toy_says_for_whom(
    qtbot, toys_page, shterevi, new_toys, demo_house, admin
):
    toy = new_toys[1]
    toys.lend_toys(demo_house, admin, demo_family(demo_house), [toy.inventory_code])
    toys.reserve_toy(demo_house, admin, toy.id, shterevi.id)
    _window, page = toys_page()
    returns = page.desk.returns
    returns.scan.setFocus()

    scan(qtbot, returns.scan, toy.inventory_code)
    qtbot.keyClick(returns.scan, Qt.Key.Key_Return, CTRL)

    assert returns.reserved.isVisible()
    text = returns.reserved.text()
    assert text.startswith("Оставете я настрана, чакат я:\n")
    assert f"Запазена за {shterevi.title}, тел. 0877 410 220." in text
    assert toys.get_toy(demo_house, toy.id).status == "reserved"
    assert returns.scan.hasFocus() and returns.scan.text() == ""


def test_warnings_are_shown_beside_the_basket_line(qtbot, toys_page, shterevi, demo_house, admin):
    baby_toy = toys.create_toy(
        demo_house, admin, toys.ToyInput("Дрънкалка", age_min_months=0, age_max_months=12)
    )
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")

    scan(qtbot, lending.scan, baby_toy.inventory_code)

    note = lending.basket.index(0, LEND_NOTE)
    assert note.data().startswith("Играчката е за до 1 г.; никое от децата")
    assert note.data(Qt.ItemDataRole.BackgroundRole) is not None  # amber
    assert lending.basket.index(0, LEND_CODE).data() == baby_toy.inventory_code
    assert "#fff3d6" in lending.message.styleSheet()


def test_a_family_card_scanned_into_the_toy_field_opens_that_family(
    qtbot, toys_page, shterevi, demo_house
):
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")

    scan(qtbot, lending.scan, "KRN-0001")

    assert lending.family.code == "KRN-0001"
    assert lending.scan.hasFocus()


def test_a_code_scanned_while_a_list_has_the_focus_goes_to_the_scan_field(
    qtbot, toys_page, shterevi, new_toys
):
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")
    lending.basket_view.setFocus()

    for key in new_toys[2].inventory_code:
        qtbot.keyClicks(QApplication.focusWidget(), key)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert lending.basket.codes() == [new_toys[2].inventory_code]


def test_escape_clears_the_scan_field(qtbot, toys_page, shterevi):
    _window, page = toys_page()
    lending = page.desk.lending
    open_family(qtbot, page, "Щерева")
    type_text(qtbot, lending.scan, "KRN-T-00")

    qtbot.keyClick(lending.scan, Qt.Key.Key_Escape)

    assert lending.scan.text() == "" and lending.scan.hasFocus()


def demo_family(db):
    """Some demo family allowed to borrow (not blocked, nothing overdue)."""
    for number in range(1, 21):
        family = families.family_by_code(db, f"KRN-{number:04d}")
        late = [x for x in toys.open_loans(db, family.id) if x.overdue]
        if not family.borrowing_blocked and not late and not family.archived:
            return family.id
    raise AssertionError("no demo family may borrow")


def test_part_of_a_familys_toys_comes_back_from_its_list(
    qtbot, toys_page, shterevi, new_toys, demo_house, admin
):
    toys.lend_toys(demo_house, admin, shterevi.id, [t.inventory_code for t in new_toys])
    _window, page = toys_page()
    lending, returns = page.desk.lending, page.desk.returns
    open_family(qtbot, page, "Щерева")
    side = lending.side
    assert side.tabText(1) == "Заети от семе&йството (3)"
    side.setCurrentIndex(1)
    side.loans_view.setFocus()
    for row in (0, 2):
        side.loans_view.setCurrentIndex(side.loans.index(row, 0))
        qtbot.keyClick(side.loans_view, Qt.Key.Key_Return)
    assert returns.model.rowCount() == 2

    qtbot.mouseClick(returns.return_button, Qt.MouseButton.LeftButton)

    still_out = toys.open_loans(demo_house, shterevi.id)
    assert [loan.toy_code for loan in still_out] == [side.loans.rows()[0].toy_code]
    assert side.tabText(1) == "Заети от семе&йството (1)"
    assert "има 1 играчка" in lending.header.details.text()


def test_ctrl_f_goes_to_the_family_search(qtbot, toys_page, shterevi):
    window, page = toys_page()
    open_family(qtbot, page, "Щерева")
    assert page.desk.lending.scan.hasFocus()

    qtbot.keyClick(page.desk.lending.scan, Qt.Key.Key_F, CTRL)

    assert page.desk.lending.finder.search.hasFocus()
