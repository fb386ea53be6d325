"""Документи → Преглед за изтриване: the families not seen for the retention period, each
erased after a warning or kept with a reason; only administrators decide."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.families.queries import family_by_code, get_family
from bgfuture_desk.ui.models.retention_table_model import COL_CODE
from tests.ui.conftest import activate
from tests.ui.helpers import click, type_text

pytest_plugins = ["tests.ui.reception_fixtures"]

LATER = dt.datetime(2032, 3, 2, 10, 0)  # more than five years after every demo visit


@pytest.fixture
def review(qtbot, make_window, demo_house, shterevi):
    def open_tab(user):
        demo_house.clock = FixedClock(LATER)
        window = make_window(user)
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        page = window.current_page()
        page.show_tab(page.retention)
        assert page.tabs.tabText(page.tabs.currentIndex()) == "&Преглед за изтриване"
        return page, page.retention

    return open_tab


def choose(tab, code: str) -> None:
    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_CODE).data() == code)
    tab.view.setCurrentIndex(model.index(row, COL_CODE))


def codes(tab) -> list[str]:
    return [tab.model.index(r, COL_CODE).data() for r in range(tab.model.rowCount())]


def test_keep_with_a_reason_then_erase_after_the_warning(
    qtbot, review, admin_user, shterevi, demo_house
):
    page, tab = review(admin_user)
    assert tab.caption.text().startswith("Семейства без посещение повече от 5 години")
    assert shterevi.code in codes(tab) and len(codes(tab)) > 1
    choose(tab, shterevi.code)

    click(qtbot, tab.keep_button)  # no reason: refused
    assert shterevi.code in codes(tab)
    assert page.notice.text() == "Посочете защо данните на семейството се пазят."
    type_text(qtbot, tab.reason, "Открит случай в ОЗД")
    click(qtbot, tab.keep_button)
    assert shterevi.code not in codes(tab)
    assert page.notice.text() == f"Семейство {shterevi.code} се запазва: Открит случай в ОЗД"

    other = codes(tab)[0]
    choose(tab, other)
    click(qtbot, tab.erase_button)
    assert "Това не може да бъде отменено." in tab.dialog.text() and other in tab.dialog.text()
    click(qtbot, tab.dialog.yes_button)

    assert other not in codes(tab)
    assert page.notice.text() == f"Данните на семейство {other} са изтрити."
    erased = family_by_code(demo_house, other)
    assert erased.archived and {m.full_name for m in erased.members} <= {"Изтрито лице"}
    kept = {m.full_name for m in get_family(demo_house, shterevi.id).members}
    assert "Радка Иванова Щерева" in kept  # the family kept was not touched


def test_an_assistant_sees_the_list_without_the_buttons(review, assistant_user, shterevi):
    _page, tab = review(assistant_user)
    assert shterevi.code in codes(tab)
    assert not tab.erase_button.isVisible() and not tab.keep_button.isVisible()
