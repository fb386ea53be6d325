"""A new referral (насочване) or changes to one still issued: for whom, to which institution,
why, how urgent, what was tried already, who refers, the parent's consent to share data.

A mistake is shown beside its field and everything typed stays. A new referral can open
its slip for printing as soon as it is saved, so the family leaves with it in hand.
``open_new_referral`` is how other screens (the reception) start one, pre-filled.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from bgfuture_desk.domain.vocab import Urgency
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import InstitutionView, ReferralInput, ReferralView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.visits import service as visits
from bgfuture_desk.ui.documents.referral_who import ReferralWhoField
from bgfuture_desk.ui.widgets.controls import choose, choose_specialist
from bgfuture_desk.ui.widgets.fields import SpecialistCombo, date_text, parse_date_text
from bgfuture_desk.ui.widgets.form_dialog import FormDialog

TEXT_LINES = 3


def text_box(parent: QWidget, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * TEXT_LINES + 14)
    return box


def date_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(_("dd.mm.yyyy"))
    edit.setMaximumWidth(140)
    return edit


class ReferralDialog(FormDialog):
    """``saved`` carries the ``ReferralView``; ``print_after`` says whether to show the slip."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        referral: ReferralView | None = None,
        family_id: uuid.UUID | None = None,
        person_id: uuid.UUID | None = None,
        index: Callable[[], SearchIndex] | None = None,
    ) -> None:
        title = (
            _("New referral")
            if referral is None
            else _("Referral {number}").format(number=referral.number)
        )
        super().__init__(title, parent, 640)
        self.db, self.actor, self.referral = db, actor, referral
        self._index = index
        self.preview: QWidget | None = None  # the slip shown after saving (tests use it)
        form = self.form
        self.who = form.add_field(
            "person", _("&For whom:"), ReferralWhoField(db, self.search_index, self)
        )
        self.institution = form.add_field("institution", _("&To:"), QComboBox(self))
        self.institution.setMinimumContentsLength(30)
        self.reason = form.add_field(
            "reason",
            _("&Reason:"),
            text_box(self, _("What the family needs from the institution")),
        )
        self.urgency = form.add_field("urgency", _("&Urgency:"), QComboBox(self))
        for value, label in Urgency.choices():
            self.urgency.addItem(label, value)
        self.steps_taken = form.add_field(
            "steps_taken",
            _("Steps &taken:"),
            text_box(self, _("What the house has already done, e.g. a talk, a call")),
        )
        self.specialist = form.add_field("specialist", _("Referred &by:"), SpecialistCombo(self))
        self.specialist.set_rows(visits.list_specialists(db))
        self.consent = form.add_field(
            "consent_to_share",
            _("Consent:"),
            QCheckBox(_("The parent &signed the consent to share the data"), self),
        )
        self.issued_on = form.add_field("issued_on", _("&Issued on:"), date_edit(self))
        self.print_after = QCheckBox(_("Open the slip for &printing after saving"), self)
        if referral is None:
            form.add_row("", self.print_after)
            self.print_after.setChecked(True)
        else:
            self.print_after.hide()
        self._fill_institutions(referral)
        if referral is None:
            self.issued_on.setText(date_text(db.clock.today()))
            if family_id is not None or person_id is not None:
                self._prefill(family_id, person_id)
        else:
            self._load(referral)
        # FieldForm clears a message as its field is edited; these editors it does not know
        self.who.changed.connect(lambda: form.clear_error("person"))
        self.reason.textChanged.connect(lambda: form.clear_error("reason"))
        self.finish_layout(_("&Issue") if referral is None else _("&Save"))
        if referral is None and self.who.family_id is None:
            self.who.find_button.setFocus()
        else:
            self.institution.setFocus()

    # -- filling ----------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The reception search (the tab keeps one; a dialog on its own builds it once)."""
        if self._index is None:
            built = SearchIndex.build(self.db)
            self._index = lambda: built
        return self._index()

    def _fill_institutions(self, referral: ReferralView | None) -> None:
        rows: list[InstitutionView] = referrals.list_institutions(self.db)
        self.institution.addItem(_("— choose the institution —"), None)
        for row in rows:
            self.institution.addItem(row.name, row.id)
        if referral is not None and not any(r.id == referral.institution_id for r in rows):
            self.institution.addItem(referral.institution, referral.institution_id)

    def _prefill(self, family_id: uuid.UUID | None, person_id: uuid.UUID | None) -> None:
        if family_id is None and person_id is not None:
            try:
                family_id = families.get_person(self.db, person_id).family_id
            except UserError:
                family_id = None
        self.who.choose(family_id, person_id)

    def _load(self, referral: ReferralView) -> None:
        self.who.choose(
            referral.family_id,
            referral.person_id,
            fallback=referral.person_name or referral.family_title or referral.family_code,
        )
        choose(self.institution, referral.institution_id)
        self.reason.setPlainText(referral.reason)
        choose(self.urgency, referral.urgency)
        self.steps_taken.setPlainText(referral.steps_taken)
        choose_specialist(self.specialist, referral.specialist_id, referral.specialist_name)
        self.consent.setChecked(referral.consent_to_share)
        self.issued_on.setText(date_text(referral.issued_on))

    # -- saving -----------------------------------------------------------------------------

    def value(self) -> ReferralInput | None:
        """The form as the service takes it; None (and the error shown) when the date is wrong."""
        try:
            issued_on = parse_date_text(self.issued_on.text())
        except ValueError as err:
            self.show_errors({"issued_on": str(err)})
            return None
        if issued_on is None:
            self.show_errors({"issued_on": _("Write the date of issue.")})
            return None
        person_id, family_id = self.who.value()
        return ReferralInput(
            person_id=person_id,
            family_id=family_id,
            institution_id=self.institution.currentData(),
            specialist_id=self.specialist.value(),
            reason=self.reason.toPlainText().strip(),
            urgency=self.urgency.currentData(),
            steps_taken=self.steps_taken.toPlainText().strip(),
            consent_to_share=self.consent.isChecked(),
            issued_on=issued_on,
        )

    def on_save_clicked(self) -> None:
        data = self.value()
        if data is None:
            return
        if self.referral is None:
            self.attempt(lambda: referrals.create_referral(self.db, self.actor, data))
        else:
            referral_id = self.referral.id
            self.attempt(lambda: referrals.update_referral(self.db, self.actor, referral_id, data))


def slip_file_name(referral: ReferralView) -> str:
    return _("referral-{number}.pdf").format(number=referral.number)


def show_slip(parent: QWidget, db: Database, referral: ReferralView):
    """The referral's slip in the print preview (raises the services' ``UserError``)."""
    from bgfuture_desk.services.printouts import catalogue as printouts
    from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview

    pdf = printouts.make(db, "referral", [str(referral.id)])
    title = _("Referral {number}").format(number=referral.number)
    return show_pdf_preview(parent, pdf, title, slip_file_name(referral))


def open_new_referral(
    parent: QWidget,
    db: Database,
    actor: Actor,
    family_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    *,
    index: Callable[[], SearchIndex] | None = None,
    on_saved: Callable[[ReferralView], object] | None = None,
) -> ReferralDialog:
    """Open the dialog for a new referral, for ``family_id`` or ``person_id`` when given.

    Once saved, ``on_saved`` is told and the slip opens in the print preview (unless the
    assistant unticked it). The dialog is returned (tests drive it); the preview, or the
    message why there is none, is kept in its ``preview``."""
    dialog = ReferralDialog(
        db, actor, parent, family_id=family_id, person_id=person_id, index=index
    )

    def saved(referral: ReferralView) -> None:
        if on_saved is not None:
            on_saved(referral)
        if dialog.print_after.isChecked():
            try:
                dialog.preview = show_slip(parent, db, referral)
            except UserError as err:
                box = QMessageBox(
                    QMessageBox.Icon.Warning,
                    _("Referral slip"),
                    err.message,
                    QMessageBox.StandardButton.Ok,
                    parent,
                )
                box.open()
                dialog.preview = box

    dialog.saved.connect(saved)
    dialog.open()
    return dialog
