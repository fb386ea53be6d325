"""From the reception to the documents: a referral and the art. 15 report for a member."""

from __future__ import annotations

from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.ui.documents.referral_dialog import ReferralDialog
from tests.ui.helpers import click

pytest_plugins = ["tests.ui.reception_fixtures"]


def test_a_referral_for_the_chosen_member_is_opened_from_the_reception(
    qtbot, reception, shterevi
):
    _window, page = reception()
    page.open_family(shterevi.id)
    panel = page.family_panel
    kalina = next(m for m in shterevi.members if m.first_name == "Калина")
    rows = range(panel.members.rowCount())
    row = next(r for r in rows if panel.members.row_at(panel.members.index(r, 0)).id == kalina.id)
    panel.members_view.setCurrentIndex(panel.members.index(row, 0))
    assert panel.referral_button.isVisible() and panel.referral_button.isEnabled()
    assert panel.access_button.isVisible()

    click(qtbot, panel.referral_button)

    dialog = page.family_actions.dialog
    assert isinstance(dialog, ReferralDialog)
    assert dialog.who.value() == (kalina.id, shterevi.id)
    assert "Калина" in dialog.who.text()
    dialog.institution.setCurrentIndex(dialog.institution.findText("Педиатър"))
    dialog.reason.setPlainText("Профилактичен преглед при педиатър.")
    click(qtbot, dialog.save_button)

    issued = referrals.list_referrals(page.db, person_id=kalina.id)
    assert [r.status_label for r in issued] == ["издадено"]
    assert page.notice.text().startswith(f"Направление {issued[0].number} до „")
