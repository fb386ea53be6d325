"""What came of a referral: the feedback part came back (visited), the person did not go
(did not attend), or the case is closed — with the date and what the institution did.

Setting it back to „issued“ forgets the date and the outcome, so the date and outcome fields
are disabled for that choice.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from bgfuture_desk.domain.vocab import ReferralStatus
from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import ReferralView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.referral_dialog import date_edit, text_box
from bgfuture_desk.ui.models.referral_table_model import who_text
from bgfuture_desk.ui.widgets.controls import choose
from bgfuture_desk.ui.widgets.fields import date_text, parse_date_text
from bgfuture_desk.ui.widgets.form_dialog import FormDialog


class ReferralOutcomeDialog(FormDialog):
    """``saved`` carries the ``ReferralView`` with its new status."""

    def __init__(
        self, db: Database, actor: Actor, referral: ReferralView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Outcome of the referral {number}").format(number=referral.number), parent, 560
        )
        self.db, self.actor, self.referral = db, actor, referral
        form = self.form
        about = QLabel(
            _("{who} → {institution}, issued on {date}").format(
                who=who_text(referral),
                institution=referral.institution,
                date=format_date(referral.issued_on),
            ),
            self,
        )
        about.setWordWrap(True)
        form.add_row(_("Referral:"), about)
        self.status = form.add_field("status", _("&Status:"), QComboBox(self))
        for value, label in ReferralStatus.choices():
            self.status.addItem(label, value)
        self.status_on = form.add_field("status_on", _("&Date:"), date_edit(self))
        self.outcome = form.add_field(
            "outcome",
            _("&Outcome:"),
            text_box(self, _("What the institution did, from the feedback part")),
        )
        if referral.status == ReferralStatus.ISSUED:
            choose(self.status, ReferralStatus.VISITED.value)
            self.status_on.setText(date_text(db.clock.today()))
        else:
            choose(self.status, referral.status)
            self.status_on.setText(date_text(referral.status_on))
            self.outcome.setPlainText(referral.outcome)
        self.status.currentIndexChanged.connect(lambda _i: self._on_status_changed())
        self._on_status_changed()
        self.finish_layout()
        self.status.setFocus()

    def _on_status_changed(self) -> None:
        issued = self.status.currentData() == ReferralStatus.ISSUED
        self.status_on.setEnabled(not issued)
        self.outcome.setEnabled(not issued)
        if not issued and not self.status_on.text().strip():
            self.status_on.setText(date_text(self.db.clock.today()))

    def on_save_clicked(self) -> None:
        status = self.status.currentData()
        try:
            on = parse_date_text(self.status_on.text())
        except ValueError as err:
            if status != ReferralStatus.ISSUED:
                self.show_errors({"status_on": str(err)})
                return
            on = None
        outcome = self.outcome.toPlainText()
        referral_id = self.referral.id
        self.attempt(
            lambda: referrals.set_referral_status(
                self.db, self.actor, referral_id, status, on, outcome
            )
        )
