"""Reception: find a family by typing or scanning, tick who came, check them in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bgfuture_desk.domain.vocab import VisitPurpose
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.ui.models.family_member_model import COL_NAME, COL_TODAY
from bgfuture_desk.ui.models.visit_table_model import COL_WHO
from tests.ui.helpers import click_text_of, type_text

pytest_plugins = ["tests.ui.reception_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier


def ticked_names(panel) -> list[str]:
    model = panel.members
    return [
        model.index(row, COL_NAME).data()
        for row in range(model.rowCount())
        if model.index(row, COL_NAME).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ]


def go_to_member(qtbot, panel, name: str) -> None:
    """Move the cursor with the arrow keys to ``name``'s row, as the assistant would."""
    view, model = panel.members_view, panel.members
    view.setFocus()
    view.setCurrentIndex(model.index(0, COL_NAME))
    for _step in range(model.rowCount()):
        if view.currentIndex().data() == name:
            return
        qtbot.keyClick(view, Qt.Key.Key_Down)
    raise AssertionError(f"{name} is not in the family")


def test_find_by_latin_name_tick_two_and_check_in(qtbot, day, reception, shterevi, demo_house):
    window, page = reception()
    assert page.search.hasFocus()

    type_text(qtbot, page.search, "shterev")
    hits = page.results_model.rows()
    assert hits and all(h.family_code == shterevi.code for h in hits[:3])
    qtbot.keyClick(page.search, Qt.Key.Key_Return)

    panel = page.family_panel
    assert panel.family.id == shterevi.id
    assert panel.title.text().startswith(shterevi.code)
    assert ticked_names(panel) == ["Калина Борисова Щерева"]  # children come ticked
    go_to_member(qtbot, panel, "Калина Борисова Щерева")
    qtbot.keyClick(panel.members_view, Qt.Key.Key_Space)
    go_to_member(qtbot, panel, "Радка Иванова Щерева")
    qtbot.keyClick(panel.members_view, Qt.Key.Key_Space)
    go_to_member(qtbot, panel, "Борис Петров Щерев")
    qtbot.keyClick(panel.members_view, Qt.Key.Key_Space)
    assert ticked_names(panel) == ["Борис Петров Щерев", "Радка Иванова Щерева"]
    click_text_of(qtbot, panel.purposes.boxes[VisitPurpose.CONSULTATION])

    qtbot.keyClick(panel.members_view, Qt.Key.Key_Return, CTRL)

    visit = next(v for v in visits.visits_on(demo_house, day) if v.family_id == shterevi.id)
    assert {name for _id, name in visit.people} == {"Радка Иванова Щерева", "Борис Петров Щерев"}
    assert visit.purposes == ("consultation",)
    assert visit.checked_out_at is None and not visit.recorded_late
    today = page.today_panel
    shown = [today.model.index(r, COL_WHO).data() for r in range(today.model.rowCount())]
    assert f"{shterevi.code} Щереви\nБорис\nРадка" in shown
    assert today.count_labels["here"].text() == str(today.summary.in_house_now)
    assert page.notice.text() == f"Отбелязано идване в 13:00: {shterevi.code} Щереви: Борис, Радка."
    assert page.notice.isVisible()
    here = [panel.members.index(r, COL_TODAY).data() for r in range(3)]
    assert here.count("тук от 13:00") == 2
    assert page.search.hasFocus()  # ready for the next family


def test_check_in_without_a_purpose_says_so_and_saves_nothing(qtbot, reception, shterevi):
    _window, page = reception()
    type_text(qtbot, page.search, "Щерева")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)

    qtbot.keyClick(page.family_panel.members_view, Qt.Key.Key_Return, CTRL)

    assert page.family_panel.error.text() == "Изберете поне една цел на посещението."
    assert page.family_panel.error.isVisible()


def test_a_scanned_family_card_opens_the_family(qtbot, reception, demo_house):
    _window, page = reception()
    expected = families.family_by_code(demo_house, "KRN-0001")

    type_text(qtbot, page.search, "KRN-0001")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)

    assert page.family_panel.family.id == expected.id
    assert page.family_panel.title.text().startswith("KRN-0001 · ")
    assert page.family_panel.isVisible()
    assert page.family_panel.members.rowCount() == len(expected.members)


def test_down_moves_into_the_results_and_enter_opens_the_chosen(qtbot, reception, demo_house):
    _window, page = reception()
    type_text(qtbot, page.search, "ива")
    assert page.results_model.rowCount() >= 2
    second = page.results_model.rows()[1]

    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.results.hasFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_Down)
    qtbot.keyClick(page.results, Qt.Key.Key_Return)

    assert page.family_panel.family.id == second.family_id


def test_escape_clears_the_search_and_shows_todays_visitors(qtbot, day, reception, demo_house):
    _window, page = reception()
    families_today = {v.family_id for v in visits.visits_on(demo_house, day) if v.family_id}
    assert page.results_caption.text() == "Днешни посетители (пишете, за да търсите):"
    assert {h.family_id for h in page.results_model.rows()} == families_today

    type_text(qtbot, page.search, "zzzz")
    assert page.results_model.rowCount() == 0
    assert page.results_caption.text().startswith("Нищо не е намерено.")
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)

    assert page.search.text() == ""
    assert page.results_model.rowCount() == len(families_today)


def test_ctrl_f_returns_to_the_search_with_the_text_selected(qtbot, reception, shterevi):
    window, page = reception()
    type_text(qtbot, page.search, "Щерев")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert not page.search.hasFocus()

    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)

    assert page.search.hasFocus()
    assert page.search.selectedText() == "Щерев"


def test_a_visit_entered_later_keeps_its_time(qtbot, day, reception, shterevi, demo_house):
    _window, page = reception()
    type_text(qtbot, page.search, "Щерева")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    panel = page.family_panel
    click_text_of(qtbot, panel.purposes.boxes[VisitPurpose.PLAY])
    click_text_of(qtbot, panel.earlier)
    assert panel.earlier_at.isEnabled()
    panel.earlier_at.setTime(panel.earlier_at.time().addSecs(-3 * 3600))  # 10:00

    qtbot.mouseClick(panel.check_in_button, Qt.MouseButton.LeftButton)

    visit = next(v for v in visits.visits_on(demo_house, day) if v.family_id == shterevi.id)
    assert visit.recorded_late
    assert visit.checked_in_at.strftime("%H:%M") == "10:00"
    assert [name for _id, name in visit.people] == ["Калина Борисова Щерева"]


def test_the_page_with_a_family_and_its_dialogs_is_bulgarian(qtbot, reception, shterevi):
    from tests.ui.test_bulgarian_texts import not_bulgarian, visible_texts

    window, page = reception()
    type_text(qtbot, page.search, "Щерева")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    texts = visible_texts(window)
    assert [t for t in texts if not_bulgarian(t[1])] == []
    assert len(texts) > 60

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = page.family_actions.dialog
    assert [t for t in visible_texts(dialog) if not_bulgarian(t[1])] == []


def test_a_card_scanned_while_a_list_has_the_focus_still_opens_the_family(
    qtbot, reception, shterevi
):
    _window, page = reception()
    type_text(qtbot, page.search, "Щерева")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.family_panel.members_view.hasFocus()

    for key in "KRN-0001":  # the scanner types into whatever has the focus
        qtbot.keyClicks(QApplication.focusWidget(), key)
    assert page.search.hasFocus() and page.search.text() == "KRN-0001"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert page.family_panel.family.code == "KRN-0001"


def test_escape_from_the_family_goes_back_to_the_search(qtbot, reception, shterevi):
    _window, page = reception()
    type_text(qtbot, page.search, "Щерева")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)

    qtbot.keyClick(page.family_panel.members_view, Qt.Key.Key_Escape)

    assert page.search.hasFocus() and page.search.selectedText() == "Щерева"
    assert page.family_panel.family.id == shterevi.id  # still open
