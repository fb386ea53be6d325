"""Consents on the screen: recorded and withdrawn, the reception's state follows them.

A new family has no consent („липсва“) and is on the list of families without valid consent;
a signed personal-data form for everybody makes it „пълно“ and takes it off the list; one
member's withdrawal makes it „оттеглено“ and puts it back. The forms tab keeps every version.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bgfuture_desk.i18n import format_date
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.ui.documents.consent_dialog import ConsentDialog, WithdrawDialog
from bgfuture_desk.ui.models.consent_table_model import (
    CONSENT_MEMBER,
    CONSENT_WITHDRAWN,
    STATE_STATE,
)
from bgfuture_desk.ui.models.family_member_model import COL_NAME, COL_PHOTO
from tests.ui.conftest import activate
from tests.ui.helpers import click, click_text_of, type_text
from tests.unit.families_data import add_shterevi

pytest_plugins = ["tests.ui.reception_fixtures"]

CTRL = Qt.KeyboardModifier.ControlModifier
KALINA = "Калина Борисова Щерева"


@pytest.fixture
def family(house_db, admin):
    """Радка and Борис Щереви and their daughter Калина (4), with no consent yet."""
    return add_shterevi(house_db, admin)


def open_code(qtbot, page, code: str) -> None:
    page.search.clear()
    type_text(qtbot, page.search, code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.family_panel.family.code == code


def documents(qtbot, window):
    activate(qtbot, window)  # back from a dialog
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = window.current_page()
    assert page.title() == "Документи"
    return page


def reception_again(qtbot, window, code: str):
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    page = window.current_page()
    open_code(qtbot, page, code)
    return page


def ctrl_enter(qtbot, dialog) -> None:
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return, CTRL)


def photo_cells(panel) -> dict[str, str]:
    model = panel.members
    return {
        model.index(r, COL_NAME).data(): model.index(r, COL_PHOTO).data()
        for r in range(model.rowCount())
    }


def test_records_a_consent_and_a_withdrawal_and_the_reception_state_follows(
    qtbot, reception, family, house_db
):
    window, page = reception()
    open_code(qtbot, page, family.code)
    panel = page.family_panel
    assert panel.consent_text() == "Съгласие: липсва"
    assert set(photo_cells(panel).values()) == {"без съгласие"}
    docs = documents(qtbot, window)
    tab = docs.consents
    assert docs.tabs.currentWidget() is tab
    assert family.code in tab.missing_codes()
    state_cell = tab.missing.index(tab.missing_codes().index(family.code), STATE_STATE)
    assert state_cell.data() == "липсва"

    # the parent signed the personal-data form for the whole family: recorded at the reception
    page = reception_again(qtbot, window, family.code)
    panel = page.family_panel
    click(qtbot, panel.consents_button)
    dialog = page.consent_actions.dialog
    assert isinstance(dialog, ConsentDialog) and dialog.isVisible()
    assert dialog.kind.currentText() == "лични данни"
    assert dialog.version.currentText().endswith("текуща")
    assert len(dialog.people.values()) == 3  # everybody ticked
    assert dialog.signed_by.currentText() == "Радка Иванова Щерева (майка)"
    assert dialog.purposes.values() == ["registration"]
    dialog.purposes.boxes["groups"].setChecked(True)
    assert not dialog.witness.isEnabled()
    ctrl_enter(qtbot, dialog)

    assert not dialog.isVisible()
    assert panel.consent_text() == "Съгласие: пълно"
    assert page.notice.text() == "Съгласието за лични данни е записано за 3 души от " + (
        f"{family.code}."
    )
    docs = documents(qtbot, window)
    tab = docs.consents
    assert family.code not in tab.missing_codes()

    # Калина's parents take her consent back: found, chosen, withdrawn today
    type_text(qtbot, tab.finder.search, family.code)
    qtbot.keyClick(tab.finder.search, Qt.Key.Key_Return)
    assert tab.family_title.text() == family.title
    assert tab.state_label.text() == "Съгласие: пълно"
    assert tab.records.rowCount() == 3
    row = next(r for r in range(3) if tab.records.index(r, CONSENT_MEMBER).data() == KALINA)
    tab.records_view.setCurrentIndex(tab.records.index(row, CONSENT_MEMBER))
    click(qtbot, tab.withdraw_button)
    withdraw = tab.dialog
    assert isinstance(withdraw, WithdrawDialog)
    assert withdraw.on.date().toPython() == house_db.clock.today()
    click(qtbot, withdraw.save_button)

    assert tab.state_label.text() == "Съгласие: оттеглено"
    assert docs.notice.text() == f"Съгласието на {KALINA} за лични данни е оттеглено."
    assert family.code in tab.missing_codes()
    state_cell = tab.missing.index(tab.missing_codes().index(family.code), STATE_STATE)
    assert state_cell.data() == "оттеглено"
    assert tab.records.index(row, CONSENT_WITHDRAWN).data() == format_date(house_db.clock.today())
    assert not tab.withdraw_button.isEnabled()  # withdrawn already

    # recorded by mistake: Ctrl+Z makes it valid again; then withdrawn for good
    activate(qtbot, window)
    qtbot.keyClick(tab.records_view, Qt.Key.Key_Z, CTRL)
    assert tab.state_label.text() == "Съгласие: пълно"
    assert docs.notice.text() == f"Съгласието на {KALINA} отново е валидно."
    assert family.code not in tab.missing_codes()
    tab.records_view.setCurrentIndex(tab.records.index(row, CONSENT_MEMBER))
    click(qtbot, tab.withdraw_button)
    click(qtbot, tab.dialog.save_button)
    assert tab.state_label.text() == "Съгласие: оттеглено"
    page = reception_again(qtbot, window, family.code)
    assert page.family_panel.consent_text() == "Съгласие: оттеглено"


def test_the_dialog_puts_each_refusal_beside_its_field(qtbot, reception, family):
    _window, page = reception()
    open_code(qtbot, page, family.code)
    click(qtbot, page.family_panel.consents_button)
    dialog = page.consent_actions.dialog
    dialog.signed_by.setCurrentIndex(0)  # „each adult for themselves“: Калина cannot sign
    click_text_of(qtbot, dialog.methods["read_aloud"])
    assert dialog.witness.isEnabled()
    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert "под 14" in dialog.fields.error_text("signed_by")
    assert dialog.fields.error_text("witness") == (
        "Посочете колегата, който е присъствал като свидетел при прочитането на глас."
    )
    dialog.signed_by.setCurrentIndex(1)
    type_text(qtbot, dialog.witness, "Анна Иванова")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert page.family_panel.consent_text() == "Съгласие: пълно"
    rows = consents.family_consents(page.db, family.id)
    assert {r.witness for r in rows} == {"Анна Иванова"}


def test_photo_consent_shows_beside_each_member_and_can_be_undone(
    qtbot, reception, family, house_db
):
    window, page = reception()
    open_code(qtbot, page, family.code)
    panel = page.family_panel
    click(qtbot, panel.consents_button)
    dialog = page.consent_actions.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("photo"))
    assert list(dialog.purposes.boxes) == ["internal", "print", "website", "social"]
    dialog.people.set_values([p.id for p in family.members if p.full_name == KALINA])
    dialog.purposes.set_values(["internal", "website"])
    click(qtbot, dialog.save_button)

    cells = photo_cells(panel)
    assert cells[KALINA] == "вътрешна употреба, уебсайт"
    assert cells["Радка Иванова Щерева"] == "без съгласие"
    kalina = next(r for r in range(3) if panel.members.index(r, COL_NAME).data() == KALINA)
    tip = panel.members.index(kalina, COL_PHOTO).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "снимки: вътрешна употреба, уебсайт"
    assert panel.consent_text() == "Съгласие: липсва"  # a photo consent is no data consent

    qtbot.keyClick(panel.members_view, Qt.Key.Key_Z, CTRL)  # recorded by mistake
    assert photo_cells(panel)[KALINA] == "без съгласие"
    assert page.notice.text() == "Погрешно записаното съгласие е премахнато."


def test_an_administrator_writes_version_2_and_version_1_stays(
    qtbot, make_window, admin_user, house_db
):
    window = make_window(admin_user)
    docs = documents(qtbot, window)
    forms = docs.forms
    for _step in range(docs.tabs.indexOf(forms)):  # Съгласия → (Насочвания →) Формуляри
        qtbot.keyClick(docs.tabs, Qt.Key.Key_PageDown, CTRL)
    assert docs.tabs.currentWidget() is forms
    kinds = [(f.kind, f.version) for f in forms.model.rows()]
    assert kinds == [("personal_data", 1), ("photo", 1)]
    assert forms.new_button.isEnabled()
    assert "Декларация" in forms.text.toPlainText()

    click(qtbot, forms.new_button)
    dialog = forms.dialog
    assert dialog.title.text() == forms.model.rows()[0].title
    dialog.title.setText("Декларация за съгласие (2027)")
    purposes = dialog.editors["purposes"]
    purposes.setPlainText(purposes.toPlainText() + "\nnews=Бюлетин на проекта")
    click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    rows = [(f.kind, f.version, f.is_current) for f in forms.model.rows()]
    assert rows == [
        ("personal_data", 2, True),
        ("personal_data", 1, False),
        ("photo", 1, True),
    ]
    assert forms.current_form().version == 2
    assert "Бюлетин на проекта" in forms.text.toPlainText()
    first = consents.list_forms(house_db, "personal_data")[-1]
    assert first.version == 1 and "news" not in first.body["purposes"]
    assert docs.notice.text().startswith("Версия 2 на формуляра „лични данни“ важи от")


def test_a_bad_purpose_line_is_refused_beside_the_field(qtbot, make_window, admin_user):
    window = make_window(admin_user)
    docs = documents(qtbot, window)
    docs.show_tab(docs.forms)
    click(qtbot, docs.forms.new_button)
    dialog = docs.forms.dialog
    dialog.editors["purposes"].setPlainText("registration=Регистрация\nбез знак за равенство")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.form.error_text("purposes").startswith("Ред 2:")


def test_only_an_administrator_makes_a_new_version(qtbot, make_window, assistant_user):
    window = make_window(assistant_user)
    docs = documents(qtbot, window)
    docs.show_tab(docs.forms)
    assert docs.forms.model.rowCount() == 2
    assert not docs.forms.new_button.isEnabled()
    assert docs.forms.new_button.toolTip() == (
        "Само администратор може да създаде нова версия на формуляр."
    )


def test_the_forms_print_through_the_preview(qtbot, make_window, admin_user, family):
    window = make_window(admin_user)
    docs = documents(qtbot, window)
    tab = docs.consents
    type_text(qtbot, tab.finder.search, family.code)
    qtbot.keyClick(tab.finder.search, Qt.Key.Key_Return)
    assert tab.print_button.isEnabled()

    click(qtbot, tab.print_button)

    preview = tab.dialog
    assert preview.isVisible()
    assert preview.windowTitle() == f"Формуляри за съгласие — {family.title}"
    assert preview.document.pageCount() >= 2  # the personal-data and the photo form
    preview.close()
