"""Overdue loans and their calls, the printouts of the desk, history and a month's numbers,
and the loans entered later or past the limit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from bgfuture_desk.services.house import settings
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.ui.models.loan_table_model import FAMILY, PHONE, TOY
from tests.ui.helpers import click, type_text
from tests.ui.preview_helpers import check_preview, save_preview

pytest_plugins = ["tests.ui.toys_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier


def open_tab(qtbot, toys_page, steps: int):
    window, page = toys_page()
    for _step in range(steps):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    return window, page


def test_a_reminder_call_is_recorded_on_an_overdue_loan(qtbot, clock, toys_page, demo_house):
    overdue = toys.overdue_loans(demo_house)
    assert overdue  # the demo keeps some toys too long
    _window, page = open_tab(qtbot, toys_page, 2)
    tab = page.overdue
    assert page.current_tab() is tab and tab.view.hasFocus()
    model = tab.model
    first = overdue[0]
    assert model.rowCount() == len(overdue)
    assert model.index(0, model.column_of(TOY)).data() == f"{first.toy_code} {first.toy_name}"
    assert model.index(0, model.column_of(FAMILY)).data() == first.family_title
    assert model.index(0, model.column_of(PHONE)).data() == first.phone
    before = tab.calls.rowCount()

    tab.note.setFocus()
    type_text(qtbot, tab.note, "Ще я донесат в петък.")
    qtbot.keyClick(tab.note, Qt.Key.Key_Return)

    called = toys.overdue_loans(demo_house)[0]
    assert called.id == first.id
    assert [(r.called_on, r.note) for r in called.reminders][-1] == (
        clock.day,
        "Ще я донесат в петък.",
    )
    assert tab.calls.rowCount() == before + 1
    assert tab.calls.index(0, 1).data() == "Ще я донесат в петък."
    assert tab.calls.index(0, 0).data() == f"{clock.day:%d.%m.%Y}"
    assert tab.note.text() == ""
    assert page.notice.text() == (
        f"Обаждането до {first.family_code} на {clock.day:%d.%m.%Y} е записано."
    )


def test_the_call_list_prints(qtbot, toys_page, demo_house, tmp_path):
    _window, page = open_tab(qtbot, toys_page, 2)

    qtbot.keyClick(page.overdue.view, Qt.Key.Key_P, CTRL)

    preview = check_preview(page.dialog, "Просрочени играчки: списък за обаждане")
    name = f"просрочени-{page.today().isoformat()}.pdf"
    save_preview(qtbot, preview, tmp_path / "обаждания.pdf", name)


def test_a_receipt_after_lending(qtbot, toys_page, shterevi, new_toys, tmp_path):
    _window, page = toys_page()
    lending = page.desk.lending
    type_text(qtbot, lending.finder.search, shterevi.code)
    qtbot.keyClick(lending.finder.search, Qt.Key.Key_Return)
    for toy in new_toys[:2]:
        type_text(qtbot, lending.scan, toy.inventory_code)
        qtbot.keyClick(lending.scan, Qt.Key.Key_Return)
    click(qtbot, lending.lend_button)

    click(qtbot, lending.receipt_button)

    preview = check_preview(page.dialog, f"Разписка за играчки {shterevi.code}")
    save_preview(qtbot, preview, tmp_path / "разписка.pdf", f"разписка-{shterevi.code}.pdf")


def test_a_loan_entered_later_keeps_its_day(qtbot, clock, toys_page, shterevi, new_toys):
    _window, page = toys_page()
    lending = page.desk.lending
    type_text(qtbot, lending.finder.search, "Щерева")
    qtbot.keyClick(lending.finder.search, Qt.Key.Key_Return)
    type_text(qtbot, lending.scan, new_toys[0].inventory_code)
    qtbot.keyClick(lending.scan, Qt.Key.Key_Return)
    lending.earlier.setChecked(True)
    friday = clock.day - dt.timedelta(days=4)
    lending.earlier_on.setDate(friday)
    assert lending.due_label.text() == "Връщане до: 28.11.2025"  # 14 days from Friday 14.11

    qtbot.keyClick(lending.earlier_on, Qt.Key.Key_Return, CTRL)

    loan = toys.open_loans(page.db, shterevi.id)[0]
    assert loan.lent_on == friday and loan.due_on == dt.date(2025, 11, 28)
    assert not lending.earlier.isChecked()


def test_past_the_limit_the_administrator_is_asked(
    qtbot, toys_page, shterevi, new_toys, demo_house, admin
):
    settings.update_settings(demo_house, admin, {"loan_limit": 2})
    _window, page = toys_page()
    lending = page.desk.lending
    type_text(qtbot, lending.finder.search, "Щерева")
    qtbot.keyClick(lending.finder.search, Qt.Key.Key_Return)
    for toy in new_toys:
        type_text(qtbot, lending.scan, toy.inventory_code)
        qtbot.keyClick(lending.scan, Qt.Key.Key_Return)
    assert lending.basket.rowCount() == 3
    assert "би имало 3 играчки при ограничение 2" in lending.message.text()

    qtbot.keyClick(lending.scan, Qt.Key.Key_Return, CTRL)
    box = page.dialog
    assert box.text() == (
        "Семейството надхвърля лимита си от играчки. Да се заемат ли всички въпреки това?"
    )
    click(qtbot, box.yes_button)

    assert len(toys.open_loans(demo_house, shterevi.id)) == 3


def test_history_of_a_toy_and_of_a_family_and_the_month(
    qtbot, clock, toys_page, shterevi, new_toys, demo_house, admin
):
    toys.lend_toys(demo_house, admin, shterevi.id, [new_toys[0].inventory_code])
    _window, page = open_tab(qtbot, toys_page, 3)
    tab = page.history
    assert page.current_tab() is tab and tab.toy_code.hasFocus()
    numbers = toys.loan_numbers(demo_house, "2025-11")
    assert tab.month.text() == "11.2025"
    assert tab.number_labels["loans"].text() == str(numbers.loans)
    assert tab.top.rowCount() == len(numbers.most_borrowed)
    assert tab.never.rowCount() == len(numbers.never_borrowed)

    type_text(qtbot, tab.toy_code, new_toys[0].inventory_code)
    qtbot.keyClick(tab.toy_code, Qt.Key.Key_Return)
    assert tab.caption.text() == f"{new_toys[0].inventory_code} {new_toys[0].name}: заемана 1 път."
    assert tab.model.index(0, 0).data() == shterevi.title

    tab.finder.search.setFocus()
    type_text(qtbot, tab.finder.search, "Щерева")
    qtbot.keyClick(tab.finder.search, Qt.Key.Key_Return)
    assert tab.caption.text() == f"{shterevi.title}: 1 заемане, все още навън: 1."
    assert tab.model.index(0, 0).data() == f"{new_toys[0].inventory_code} {new_toys[0].name}"
    assert tab.model.index(0, 3).data() == "още не"
