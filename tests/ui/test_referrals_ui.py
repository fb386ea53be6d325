"""The referrals and institutions tabs driven as the assistant does: a new referral found by
the reception search, its outcome, the follow-up list, the slip in the preview, a cancel
with its undo, and a new institution offered in the referral dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralInput
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.ui.documents.institutions_tab import InstitutionsTab
from bgfuture_desk.ui.documents.referral_dialog import ReferralDialog, open_new_referral
from bgfuture_desk.ui.documents.referral_outcome_dialog import ReferralOutcomeDialog
from bgfuture_desk.ui.documents.referrals_tab import ReferralsTab
from bgfuture_desk.ui.models.referral_table_model import (
    COL_INSTITUTION,
    COL_NUMBER,
    COL_STATUS,
    COL_WAITING,
    COL_WHO,
    LATE_COLOR,
    InstitutionTableModel,
    ReferralTableModel,
)
from tests.ui.conftest import activate
from tests.ui.helpers import click, retype, type_text
from tests.ui.preview_helpers import check_preview
from tests.unit.families_data import add_shterevi

DAY = dt.date(2025, 11, 18)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def day(house_db):
    """The house's calendar stands on Tuesday 18 November 2025."""
    house_db.clock = FixedClock(DAY)
    return DAY


@pytest.fixture
def shterevi(house_db, admin):
    """Радка and Борис Щереви and their daughter Калина (born 2021)."""
    return add_shterevi(house_db, admin)


def institution_id(db, name: str):
    return next(i.id for i in referrals.list_institutions(db) if i.name == name)


def refer(db, actor, family, *, issued_on=DAY, institution="Педиатър", child=True):
    """A referral made through the services (for the tests that start from one)."""
    kalina = next(m for m in family.members if m.first_name == "Калина")
    return referrals.create_referral(
        db,
        actor,
        ReferralInput(
            person_id=kalina.id if child else None,
            family_id=family.id,
            institution_id=institution_id(db, institution),
            specialist_id=None,
            reason="Кашлица от две седмици",
            urgency="soon",
            steps_taken="Разговор с майката",
            consent_to_share=True,
            issued_on=issued_on,
        ),
    )


@pytest.fixture
def tabs(qtbot, house_db, admin, day):
    """The two tabs side by side, as the documents page shows them, for the administrator."""
    host = QTabWidget()
    qtbot.addWidget(host)
    referrals_tab = ReferralsTab(house_db, host)
    institutions_tab = InstitutionsTab(house_db, host)
    host.addTab(referrals_tab, "Насочвания")
    host.addTab(institutions_tab, "Институции")
    for tab in (referrals_tab, institutions_tab):
        tab.set_actor(admin)
    host.resize(1100, 650)
    host.show()
    activate(qtbot, host)
    return host, referrals_tab, institutions_tab


def cell(tab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def test_a_new_referral_is_found_by_the_search_and_listed_as_issued(
    qtbot, tabs, shterevi, house_db
):
    _host, tab, _institutions = tabs
    assert tab.caption.text() == "Още няма насочвания."
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_N, CTRL)
    dialog = tab.dialog
    assert isinstance(dialog, ReferralDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Ново насочване"
    assert dialog.issued_on.text() == "18.11.2025"
    dialog.print_after.setChecked(False)

    click(qtbot, dialog.save_button)  # nothing chosen yet: the errors stand by their fields
    assert dialog.form.error_text("person") == "Изберете лицето или семейството, което насочвате."
    assert dialog.form.error_text("institution") == "Изберете институцията, към която насочвате."

    click(qtbot, dialog.who.find_button)
    picker = dialog.who.picker
    assert picker.isVisible()
    type_text(qtbot, picker.search, "Калина Щерева")
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert dialog.who.text().startswith("Калина Борисова Щерева (дете, ")
    assert dialog.who.combo.itemText(0).startswith("Цялото семейство KRN-")

    dialog.institution.setCurrentIndex(dialog.institution.findText("Педиатър"))
    dialog.reason.setFocus()
    type_text(qtbot, dialog.reason, "Кашлица от две седмици")
    dialog.urgency.setCurrentIndex(dialog.urgency.findText("спешно"))
    type_text(qtbot, dialog.steps_taken, "Разговор с майката")
    click(qtbot, dialog.consent)
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    assert tab.model.rowCount() == 1
    assert cell(tab, 0, COL_NUMBER) == "KRN-N-2025-0001"
    assert cell(tab, 0, COL_WHO) == f"Калина Борисова Щерева ({shterevi.code})"
    assert cell(tab, 0, COL_INSTITUTION) == "Педиатър"
    assert cell(tab, 0, COL_STATUS) == "издадено"
    assert cell(tab, 0, COL_WAITING) == "0 дни"
    assert tab.notice.text() == "Направление KRN-N-2025-0001 до „Педиатър“ е издадено."
    assert tab.details.text().startswith("Причина: Кашлица от две седмици")
    stored = referrals.list_referrals(house_db)[0]
    assert (stored.urgency, stored.consent_to_share) == ("urgent", True)
    assert stored.steps_taken == "Разговор с майката"


def test_an_issued_referral_is_corrected_in_the_same_dialog(qtbot, tabs, shterevi, admin):
    _host, tab, _institutions = tabs
    made = refer(tab.db, admin, shterevi)
    tab.refresh()
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert dialog.windowTitle() == "Направление KRN-N-2025-0001"
    assert dialog.who.person_id() == made.person_id
    assert dialog.reason.toPlainText() == "Кашлица от две седмици"
    assert not dialog.print_after.isVisible()
    dialog.who.combo.setCurrentIndex(0)  # the whole family instead of Калина
    retype(qtbot, dialog.issued_on, "31.12.2025")
    click(qtbot, dialog.save_button)
    assert dialog.form.error_text("issued_on") == "Датата на направлението не може да е в бъдещето."
    retype(qtbot, dialog.issued_on, "17.11.2025")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert cell(tab, 0, COL_WHO).startswith(f"{shterevi.code} · Щереви")
    assert tab.notice.text() == "Направление KRN-N-2025-0001 е записано."


def test_marking_a_referral_visited_changes_its_status_and_undo_takes_it_back(
    qtbot, tabs, shterevi, admin
):
    _host, tab, _institutions = tabs
    refer(tab.db, admin, shterevi, issued_on=DAY - dt.timedelta(days=6))
    tab.refresh()
    assert cell(tab, 0, COL_STATUS) == "издадено"
    assert cell(tab, 0, COL_WAITING) == "6 дни"
    click(qtbot, tab.outcome_button)
    dialog = tab.dialog
    assert isinstance(dialog, ReferralOutcomeDialog)
    assert dialog.status.currentText() == "посетено"
    retype(qtbot, dialog.status_on, "14.11.2025")
    dialog.outcome.setFocus()
    type_text(qtbot, dialog.outcome, "Прегледана, назначено лечение")
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    assert cell(tab, 0, COL_STATUS) == "посетено на 14.11.2025"
    assert cell(tab, 0, COL_WAITING) == ""
    assert tab.model.index(0, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole) == (
        "Прегледана, назначено лечение"
    )
    assert not tab.edit_button.isEnabled()  # feedback came: the slip is no longer corrected
    assert tab.notice.text() == "Направление KRN-N-2025-0001: посетено на 14.11.2025."
    assert "Резултат (посетено на 14.11.2025): Прегледана, назначено лечение" in (
        tab.details.text()
    )

    click(qtbot, tab.notice.undo_button)
    assert cell(tab, 0, COL_STATUS) == "издадено"
    assert tab.notice.text() == "Направление KRN-N-2025-0001 отново е „издадено“."


def test_a_feedback_date_before_the_referral_is_shown_by_the_date(qtbot, tabs, shterevi, admin):
    _host, tab, _institutions = tabs
    refer(tab.db, admin, shterevi, issued_on=DAY - dt.timedelta(days=3))
    tab.refresh()
    click(qtbot, tab.outcome_button)
    dialog = tab.dialog
    dialog.status.setCurrentIndex(dialog.status.findText("неявил се"))
    retype(qtbot, dialog.status_on, "01.11.2025")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.form.error_text("status_on") == (
        "Датата на обратната информация не може да е преди направлението (15.11.2025)."
    )
    dialog.status.setCurrentIndex(dialog.status.findText("издадено"))
    assert not dialog.status_on.isEnabled() and not dialog.outcome.isEnabled()


def test_the_waiting_list_shows_an_old_issued_referral(qtbot, tabs, shterevi, admin):
    _host, tab, _institutions = tabs
    old = refer(tab.db, admin, shterevi, issued_on=DAY - dt.timedelta(days=45))
    refer(tab.db, admin, shterevi, issued_on=DAY - dt.timedelta(days=5), institution="Училище")
    answered = refer(tab.db, admin, shterevi, issued_on=DAY - dt.timedelta(days=60))
    referrals.set_referral_status(tab.db, admin, answered.id, "closed", DAY, "Приключено")
    tab.refresh()
    assert tab.model.rowCount() == 3

    tab.filter.setCurrentIndex(tab.filter.findText("чакат обратна информация"))
    assert tab.model.rowCount() == 1
    assert cell(tab, 0, COL_NUMBER) == old.number
    assert cell(tab, 0, COL_WAITING) == "45 дни"
    waiting = tab.model.index(0, COL_WAITING)
    assert waiting.data(Qt.ItemDataRole.ForegroundRole) == LATE_COLOR
    assert waiting.data(Qt.ItemDataRole.ToolTipRole) == (
        "Чака обратна информация повече от 30 дни."
    )
    assert tab.caption.text() == (
        "1 насочване чака обратна информация повече от 30 дни, най-старите първо."
    )

    tab.filter.setCurrentIndex(tab.filter.findText("приключено"))
    assert [cell(tab, r, COL_NUMBER) for r in range(tab.model.rowCount())] == [answered.number]


def test_the_search_box_finds_by_number_name_and_institution(qtbot, tabs, shterevi, admin):
    _host, tab, _institutions = tabs
    refer(tab.db, admin, shterevi, institution="Педиатър")
    refer(tab.db, admin, shterevi, institution="Училище", child=False)
    tab.refresh()
    assert tab.model.rowCount() == 2
    type_text(qtbot, tab.search, "училище")
    assert [cell(tab, 0, COL_INSTITUTION)] == ["Училище"] and tab.model.rowCount() == 1
    retype(qtbot, tab.search, "N-2025-0002")
    assert tab.model.rowCount() == 1 and cell(tab, 0, COL_NUMBER) == "KRN-N-2025-0002"
    retype(qtbot, tab.search, "kalina")  # typed in Latin, found in Cyrillic
    assert tab.model.rowCount() == 1 and cell(tab, 0, COL_INSTITUTION) == "Педиатър"
    retype(qtbot, tab.search, "Никой")
    assert tab.model.rowCount() == 0
    assert tab.caption.text() == "Няма насочване, което да отговаря на търсенето."


def test_a_preview_of_a_referral_slip_opens(qtbot, tabs, shterevi, admin):
    host, tab, _institutions = tabs
    made = refer(tab.db, admin, shterevi)
    tab.refresh()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_P, CTRL)
    preview = check_preview(tab.preview, f"Направление {made.number}")
    assert preview.page_count() >= 1
    assert preview.file_name == f"направление-{made.number}.pdf"


def test_a_new_referral_from_another_screen_opens_prefilled_and_then_its_slip(
    qtbot, tabs, shterevi, admin, house_db
):
    host, _tab, _institutions = tabs
    boris = next(m for m in shterevi.members if m.first_name == "Борис")
    saved = []
    dialog = open_new_referral(host, house_db, admin, person_id=boris.id, on_saved=saved.append)
    assert dialog.isVisible()
    assert dialog.who.family_id == shterevi.id
    assert dialog.who.text().startswith("Борис Петров Щерев (баща, ")
    assert dialog.print_after.isChecked()
    dialog.institution.setCurrentIndex(dialog.institution.findText("Дирекция „Бюро по труда“"))
    dialog.reason.setPlainText("Търси работа")
    specialists = visits.list_specialists(house_db)
    if specialists:
        dialog.specialist.set_value(specialists[0].id)
    click(qtbot, dialog.save_button)
    assert [r.person_id for r in saved] == [boris.id]
    check_preview(dialog.preview, f"Направление {saved[0].number}")


def test_cancelling_a_referral_asks_first_and_can_be_undone(qtbot, tabs, shterevi, admin):
    _host, tab, _institutions = tabs
    made = refer(tab.db, admin, shterevi)
    tab.refresh()
    click(qtbot, tab.cancel_button)
    box = tab.dialog
    assert made.number in box.text() and "по грешка" in box.text()
    click(qtbot, box.no_button)
    assert tab.model.rowCount() == 1

    click(qtbot, tab.cancel_button)
    click(qtbot, tab.dialog.yes_button)
    assert tab.model.rowCount() == 0
    assert tab.notice.text() == f"Направление {made.number} е анулирано."
    click(qtbot, tab.notice.undo_button)
    assert tab.model.rowCount() == 1 and cell(tab, 0, COL_NUMBER) == made.number
    assert tab.notice.text() == f"Направление {made.number} е възстановено."


def test_a_new_institution_is_offered_in_the_referral_dialog(qtbot, tabs, admin, house_db):
    host, tab, institutions = tabs
    host.setCurrentWidget(institutions)
    seeded = institutions.model.rowCount()
    assert seeded >= 10
    institutions.view.setFocus()
    qtbot.keyClick(institutions.view, Qt.Key.Key_N, CTRL)
    dialog = institutions.dialog
    assert dialog.windowTitle() == "Нова институция"
    type_text(qtbot, dialog.name, "ОУ „Христо Ботев“")
    dialog.kind.setCurrentIndex(dialog.kind.findData("education"))
    type_text(qtbot, dialog.address, "ул. „Васил Левски“ 12, гр. Крън")
    type_text(qtbot, dialog.phone, "0431 2 34 56")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert institutions.model.rowCount() == seeded + 1
    row = institutions.current_institution()
    assert row.name == "ОУ „Христо Ботев“" and row.active
    assert institutions.notice.text() == "Институцията „ОУ „Христо Ботев““ е записана."

    # the same name again is refused beside the name
    institutions.view.setFocus()
    qtbot.keyClick(institutions.view, Qt.Key.Key_N, CTRL)
    again = institutions.dialog
    type_text(qtbot, again.name, "ОУ „Христо Ботев“")
    click(qtbot, again.save_button)
    assert again.form.error_text("name") == "Вече има институция с име „ОУ „Христо Ботев““."
    again.reject()

    host.setCurrentWidget(tab)
    click(qtbot, tab.new_button)
    referral = tab.dialog
    assert referral.institution.findText("ОУ „Христо Ботев“") > 0
    referral.reject()

    # made inactive, it leaves the list of a new referral
    host.setCurrentWidget(institutions)
    click(qtbot, institutions.edit_button)
    edit = institutions.dialog
    assert edit.name.text() == "ОУ „Христо Ботев“"
    click(qtbot, edit.active)
    click(qtbot, edit.save_button)
    assert institutions.current_institution().active is False
    fresh = ReferralDialog(house_db, admin, host)
    qtbot.addWidget(fresh)
    assert fresh.institution.findText("ОУ „Христо Ботев“") < 0


def test_the_table_models_pass_the_model_tester(qtmodeltester, house_db, admin, shterevi, day):
    refer(house_db, admin, shterevi)
    model = ReferralTableModel()
    model.set_rows(referrals.list_referrals(house_db), 30)
    qtmodeltester.check(model)
    assert model.headerData(COL_WAITING, Qt.Orientation.Horizontal) == "Чака"
    institutions = InstitutionTableModel()
    institutions.set_rows(referrals.list_institutions(house_db, include_inactive=True))
    qtmodeltester.check(institutions)
