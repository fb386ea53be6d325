"""The today panel: who is in the house, check-out with one click, the day's counts, past
days, and a mistaken check-in cancelled, undone and corrected."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from bgfuture_desk.i18n import format_date_long
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.ui.models.visit_table_model import COL_OUT, COL_WHO
from tests.ui.helpers import click, click_text_of
from tests.ui.test_toys_texts import mnemonics

pytest_plugins = ["tests.ui.reception_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier


def shown_ids(panel) -> list:
    return [v.id for v in panel.model.rows()]


def test_counts_and_visits_of_today(qtbot, day, reception, demo_house):
    _window, page = reception()
    panel = page.today_panel
    summary = visits.day_summary(demo_house, day)

    assert panel.heading.text() == f"Днес, {format_date_long(day)}"
    assert panel.counts() == {
        "here": summary.in_house_now,
        "children": summary.children,
        "adults": summary.adults,
        "families": summary.families,
        "anonymous": summary.anonymous_adults + summary.anonymous_children,
    }
    assert summary.in_house_now > 0
    assert set(shown_ids(panel)) == {v.id for v in visits.visits_on(demo_house, day)}
    still_here = [v for v in panel.model.rows() if v.is_open]
    assert [v.id for v in panel.model.rows()[: len(still_here)]] == [v.id for v in still_here]


def test_one_click_checks_out_and_the_counts_follow(qtbot, reception, demo_house):
    _window, page = reception()
    panel = page.today_panel
    before = panel.counts()["here"]
    visit = panel.model.rows()[0]
    assert visit.is_open
    button = panel.row_button(0)
    assert button.text() == "Излизане"

    click(qtbot, button)

    assert visits.get_visit(demo_house, visit.id).checked_out_at == dt.datetime(2025, 11, 18, 13)
    assert panel.counts()["here"] == before - visit.visitors
    row = panel.model.row_of(visit.id)
    assert panel.model.index(row, COL_OUT).data() == "13:00"
    assert panel.row_button(row) is None
    assert page.notice.text().startswith("Излизане в 13:00: ")


def test_check_out_from_the_keyboard(qtbot, reception, demo_house):
    window, page = reception()
    panel = page.today_panel
    visit = panel.model.rows()[0]
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, COL_WHO))
    assert panel.check_out_button.isEnabled()
    assert panel.check_out_button.text() == "Отбележи и&злизане"

    qtbot.keyClick(panel.check_out_button, Qt.Key.Key_Space)

    assert visits.get_visit(demo_house, visit.id).checked_out_at is not None


def test_browse_to_yesterday_and_back(qtbot, day, reception, demo_house, shterevi, admin):
    yesterday = day - dt.timedelta(days=1)
    late = visits.check_in(
        demo_house,
        admin,
        family_id=shterevi.id,
        person_ids=[m.id for m in shterevi.members],
        purposes=["group"],
        at=dt.datetime.combine(yesterday, dt.time(10, 30)),
        checked_out_at=dt.datetime.combine(yesterday, dt.time(12, 0)),
    )
    window, page = reception()
    panel = page.today_panel
    assert not panel.next_button.isEnabled()

    click(qtbot, panel.previous_button)

    assert panel.day() == yesterday
    assert panel.heading.text() == f"Посещения на {format_date_long(yesterday)}"
    assert set(shown_ids(panel)) == {v.id for v in visits.visits_on(demo_house, yesterday)}
    row = panel.model.row_of(late.id)
    assert panel.model.index(row, COL_WHO).data() == f"{shterevi.code} Щереви\nБорис\nРадка\nКалина"
    assert panel.model.index(row, 0).data() == "10:30 *"
    assert panel.counts()["families"] == visits.day_summary(demo_house, yesterday).families >= 1
    assert not panel.count_tiles["here"].isVisible()
    assert panel.row_button(0) is None  # nobody checks out of a past day
    assert panel.next_button.isEnabled() and panel.today_button.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    assert panel.day() == yesterday - dt.timedelta(days=1)

    click(qtbot, panel.today_button)
    assert panel.day() == day
    assert panel.heading.text().startswith("Днес, ")


def test_cancel_a_mistaken_check_in_and_undo(qtbot, day, reception, demo_house):
    window, page = reception()
    panel = page.today_panel
    visit = panel.model.rows()[1]
    panel.table.setCurrentIndex(panel.model.index(1, COL_WHO))

    click(qtbot, panel.cancel_button)
    box = page.visit_actions.dialog
    assert box.isVisible() and box.windowTitle() == "Анулиране на идването"
    click(qtbot, box.yes_button)

    assert visit.id not in shown_ids(panel)
    assert visit.id not in {v.id for v in visits.visits_on(demo_house, day)}
    assert page.notice.text().startswith("Идването на ")
    assert page.notice.undo_button.isVisible()
    assert page.notice.undo_button.text() == "Отмени"
    assert page.notice.parent() is window.statusBar()

    click(qtbot, page.notice.undo_button)

    assert visit.id in shown_ids(panel)
    assert visit.id in {v.id for v in visits.visits_on(demo_house, day)}
    assert page.notice.text().endswith("е възстановено.")
    assert not page.notice.undo_button.isVisible()


def test_cancel_can_be_undone_with_ctrl_z_and_no_keeps_it(qtbot, reception, demo_house):
    window, page = reception()
    panel = page.today_panel
    visit = panel.model.rows()[0]
    panel.table.setCurrentIndex(panel.model.index(0, COL_WHO))
    click(qtbot, panel.cancel_button)
    click(qtbot, page.visit_actions.dialog.no_button)
    assert visit.id in shown_ids(panel)

    click(qtbot, panel.cancel_button)
    click(qtbot, page.visit_actions.dialog.yes_button)
    assert visit.id not in shown_ids(panel)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)

    assert visit.id in shown_ids(panel)


def test_correct_the_purposes_and_the_time(qtbot, reception, demo_house):
    _window, page = reception()
    panel = page.today_panel
    visit = panel.model.rows()[0]
    panel.table.setCurrentIndex(panel.model.index(0, COL_WHO))
    click(qtbot, panel.correct_button)
    dialog = page.visit_actions.dialog
    assert dialog.windowTitle() == "Корекция на посещението"
    assert dialog.purposes.values() == list(visit.purposes)

    dialog.purposes.clear()
    click_text_of(qtbot, dialog.purposes.boxes["documents"])
    dialog.came.setTime(dialog.came.time().fromString("08:05", "HH:mm"))
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    fixed = visits.get_visit(demo_house, visit.id)
    assert fixed.purposes == ("documents",)
    assert fixed.checked_in_at == dt.datetime(2025, 11, 18, 8, 5)
    assert fixed.specialist_id == visit.specialist_id
    assert page.notice.text().startswith("Посещението е коригирано: ")


def test_a_correction_in_the_future_is_refused_beside_the_field(qtbot, reception, demo_house):
    _window, page = reception()
    panel = page.today_panel
    panel.table.setCurrentIndex(panel.model.index(0, COL_WHO))
    click(qtbot, panel.correct_button)
    dialog = page.visit_actions.dialog

    dialog.came.setTime(dialog.came.time().fromString("15:30", "HH:mm"))
    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert (
        dialog.form.error_text("checked_in_at") == "Часът на посещението не може да е в бъдещето."
    )


def test_anonymous_visitors_are_counted(qtbot, reception, demo_house):
    _window, page = reception()
    panel = page.today_panel
    before = panel.counts()
    click(qtbot, page.anonymous_button)
    dialog = page.visit_actions.dialog
    assert dialog.windowTitle() == "Анонимни посетители"
    dialog.adults.setValue(2)
    dialog.children_count.setValue(3)
    click(qtbot, dialog.save_button)
    assert dialog.form.error_text("purposes") == "Изберете поне една цел на посещението."

    click_text_of(qtbot, dialog.purposes.boxes["play"])
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    after = panel.counts()
    assert after["anonymous"] == before["anonymous"] + 5
    assert after["here"] == before["here"] + 5
    assert panel.model.index(0, COL_WHO).data() == "Анонимни:\n2 възрастни\n3 деца"


def test_double_click_on_a_visit_opens_its_family(qtbot, reception, demo_house):
    _window, page = reception()
    panel = page.today_panel
    row = next(n for n, v in enumerate(panel.model.rows()) if v.family_id)
    index = panel.model.index(row, COL_WHO)
    rect = panel.table.visualRect(index)

    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert page.family_panel.family.id == panel.model.rows()[row].family_id


def who_shown(panel, visit_id) -> str:
    return panel.model.index(panel.model.row_of(visit_id), COL_WHO).data()


def test_one_member_leaves_the_other_stays_and_undo_brings_her_back(
    qtbot, reception, demo_house, shterevi, admin
):
    radka, kalina = (next(m.id for m in shterevi.members if m.first_name == n)
                     for n in ("Радка", "Калина"))  # fmt: skip
    visit = visits.check_in(
        demo_house, admin, family_id=shterevi.id, person_ids=[radka, kalina], purposes=["play"]
    )
    window, page = reception()
    panel = page.today_panel
    assert who_shown(panel, visit.id) == f"{shterevi.code} Щереви\nРадка\nКалина"
    panel.table.setFocus()
    panel.select_visit(visit.id)
    assert panel.leave_button.text() == "Ко&й излиза…" and panel.leave_button.isEnabled()
    page.open_family(shterevi.id)
    assert mnemonics(window).count("й") == 1  # Alt+Й opens it and nothing else

    click(qtbot, panel.leave_button)

    dialog = page.visit_actions.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Кой излиза"
    assert [c.text() for c in dialog.checks.values()] == [
        "Радка Иванова Щерева",
        "Калина Борисова Щерева",
    ]
    assert not dialog.leave_button.isEnabled()  # nobody is ticked yet
    qtbot.keyClick(dialog.checks[radka], Qt.Key.Key_Space)
    qtbot.keyClick(dialog.checks[radka], Qt.Key.Key_Return)

    assert not dialog.isVisible()
    assert [pid for pid, _n in visits.get_visit(demo_house, visit.id).still_in] == [kalina]
    assert who_shown(panel, visit.id) == f"{shterevi.code} Щереви\nРадка — излезе в 13:00\nКалина"
    assert panel.row_button(panel.model.row_of(visit.id)) is not None  # Калина is still in
    assert page.notice.text() == "Излизане в 13:00: Радка Иванова Щерева."
    assert page.notice.undo_button.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)

    assert {pid for pid, _n in visits.get_visit(demo_house, visit.id).still_in} == {radka, kalina}
    assert who_shown(panel, visit.id) == f"{shterevi.code} Щереви\nРадка\nКалина"
    assert page.notice.text() == "Отново в къщата: Радка Иванова Щерева."


def test_a_whole_visit_check_out_is_undone_from_the_message_line(qtbot, reception, demo_house):
    _window, page = reception()
    panel = page.today_panel
    visit = panel.model.rows()[0]
    before = panel.counts()["here"]
    click(qtbot, panel.row_button(0))
    assert panel.counts()["here"] == before - visit.visitors
    assert page.notice.undo_button.isVisible()

    click(qtbot, page.notice.undo_button)

    assert visits.get_visit(demo_house, visit.id).is_open
    assert panel.counts()["here"] == before
    row = panel.model.row_of(visit.id)
    assert panel.model.index(row, COL_OUT).data() == ""
    assert panel.row_button(row).text() == "Излизане"
    assert page.notice.text().startswith("Отново в къщата: ")
