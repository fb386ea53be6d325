"""„Съгласия“: the families without valid consent, and one family's consent records.

The list on top is the work still to do (missing, partial or withdrawn consent); choosing a
family there, or finding any other, shows its records below, where a signed form is
recorded, a consent withdrawn and the forms printed for signing. Record and withdrawal can
be undone from the status line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.service import ConsentView
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.search import SearchIndex
from bgfuture_desk.services.families.service import FamilyView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.consent_dialog import (
    ConsentDialog,
    WithdrawDialog,
    consents_saved_text,
)
from bgfuture_desk.ui.models.consent_table_model import (
    CONSENT_MEMBER,
    CONSENT_PURPOSES,
    STATE_CODE,
    STATE_MISSING,
    ConsentTableModel,
    FamilyConsentTableModel,
    state_style,
)
from bgfuture_desk.ui.widgets.controls import table_view
from bgfuture_desk.ui.widgets.desk_page import Runner
from bgfuture_desk.ui.widgets.family_finder import FamilyFinder
from bgfuture_desk.ui.widgets.page import page_heading


def preview_consent_forms(parent: QWidget, db, family: FamilyView, on_error) -> QWidget | None:
    """The family's forms, filled in, in the preview (from where they are printed)."""
    from bgfuture_desk.errors import UserError
    from bgfuture_desk.services.printouts import catalogue as printouts
    from bgfuture_desk.ui.widgets.pdf_preview import show_pdf_preview

    try:
        pdf = printouts.make(db, "consent", [family.code])
    except UserError as err:
        on_error(err.message)
        return None
    return show_pdf_preview(
        parent,
        pdf,
        _("Consent forms of {family}").format(family=family.title),
        _("consent-{code}.pdf").format(code=family.code),
    )


class ConsentsTab(QWidget):
    changed = Signal()  # something recorded, withdrawn or undone: read again

    def __init__(
        self,
        db: Database,
        notify: Callable[..., None],
        run: Runner,
        index: Callable[[], SearchIndex],
        parent: QWidget | None = None,
    ) -> None:
        """``notify`` and ``run`` are the page's message line and guarded service call."""
        super().__init__(parent)
        self.db = db
        self.notify = notify
        self.run = run
        self.actor: Actor | None = None
        self.family: FamilyView | None = None
        self.dialog: QWidget | None = None  # the last one opened (tests use it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        row = QHBoxLayout()
        find_label = QLabel(_("&Family:"), self)
        self.finder = FamilyFinder(self.db, index, self)
        find_label.setBuddy(self.finder.search)
        row.addWidget(find_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.finder, 1)
        layout.addLayout(row)
        self.finder.family_chosen.connect(self.show_family)
        self.finder.failed.connect(lambda text: self.notify(text, error=True))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_missing(splitter))
        splitter.addWidget(self._build_family(splitter))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        self.show_family(None)

    def _build_missing(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        self.missing_caption = QLabel(box)
        column.addWidget(self.missing_caption)
        self.missing = FamilyConsentTableModel(box)
        self.missing_view = table_view(
            box, self.missing, _("Families without valid consent"), stretch=STATE_MISSING
        )
        self.missing_view.setMinimumHeight(120)
        self.missing_view.selectionModel().currentRowChanged.connect(self.on_missing_chosen)
        column.addWidget(self.missing_view, 1)
        return box

    def _build_family(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        self.family_title = page_heading("", box)
        self.hint = QLabel(_("Choose a family from the list or find it above."), box)
        self.state_label = QLabel(box)
        row.addWidget(self.family_title, 1)
        row.addWidget(self.hint, 1)
        row.addWidget(self.state_label)
        column.addLayout(row)
        self.records = ConsentTableModel(box)
        self.records_view = table_view(
            box, self.records, _("Consent records"), stretch=CONSENT_PURPOSES
        )
        self.records_view.setMinimumHeight(120)
        self.records_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        column.addWidget(self.records_view, 1)
        buttons = QHBoxLayout()
        self.record_button = QPushButton(_("&Record a consent…"), box)
        self.withdraw_button = QPushButton(_("&Withdraw…"), box)
        self.print_button = QPushButton(_("&Print the form…"), box)
        self.record_button.clicked.connect(self.record_consent)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.print_button.clicked.connect(self.print_forms)
        for button in (self.record_button, self.withdraw_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        return box

    # -- life cycle -------------------------------------------------------------------------

    def set_actor(self, actor: Actor | None) -> None:
        self.actor = actor

    def refresh(self) -> None:
        """Read the list and the shown family again (after a change here or elsewhere)."""
        rows = self.run(lambda: consents.families_without_valid_consent(self.db))
        self.missing.set_rows(rows or [])
        count = len(rows or [])
        self.missing_caption.setText(
            ngettext(
                "{n} family without valid consent for personal data:",
                "{n} families without valid consent for personal data:",
                count,
            ).format(n=count)
            if count
            else _("Every family has a valid consent for personal data.")
        )
        self._select_missing(self.family.id if self.family else None)
        if self.family is not None:
            self.show_family_id(self.family.id)

    def focus_first(self) -> None:
        self.finder.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_escape(self) -> None:
        self.finder.clear()
        self.focus_first()

    # -- the list ---------------------------------------------------------------------------

    def _select_missing(self, family_id) -> None:
        view = self.missing_view
        view.selectionModel().blockSignals(True)
        rows = self.missing.rows()
        row = next((n for n, r in enumerate(rows) if r.family_id == family_id), -1)
        if row >= 0:
            view.setCurrentIndex(self.missing.index(row, STATE_CODE))
        else:
            view.clearSelection()
            view.setCurrentIndex(self.missing.index(-1, -1))
        view.selectionModel().blockSignals(False)

    def on_missing_chosen(self, current, _previous=None) -> None:
        row = self.missing.row_at(current)
        if row is not None and (self.family is None or self.family.id != row.family_id):
            self.show_family_id(row.family_id)

    # -- the family -------------------------------------------------------------------------

    def show_family_id(self, family_id) -> None:
        family = self.run(lambda: families.get_family(self.db, family_id))
        if family is not None:
            self.show_family(family)

    def show_family(self, family: FamilyView | None) -> None:
        self.family = family
        self.family_title.setVisible(family is not None)
        self.hint.setVisible(family is None)
        if family is None:
            self.family_title.setText("")
            self.state_label.setText("")
            self.records.set_rows([])
        else:
            self.family_title.setText(family.title)
            state = self.run(lambda: consents.family_consent_state(self.db, family.id))
            if state is not None:
                self.state_label.setText(_("Consent: {state}").format(state=state.state_label))
                self.state_label.setStyleSheet(state_style(state.state))
            records = self.run(lambda: consents.family_consents(self.db, family.id))
            self.records.set_rows(records or [])
            if self.records.rowCount():
                self.records_view.setCurrentIndex(self.records.index(0, CONSENT_MEMBER))
            self._select_missing(family.id)
        self._update_buttons()

    def current_consent(self) -> ConsentView | None:
        return self.records.row_at(self.records_view.currentIndex())

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.family is not None
        consent = self.current_consent()
        self.record_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)

    # -- actions ----------------------------------------------------------------------------

    def record_consent(self) -> None:
        if self.family is None or self.actor is None:
            return
        dialog = ConsentDialog(self.db, self.actor, self.family, self)
        dialog.consents_saved.connect(self.on_consents_saved)
        self.dialog = dialog
        dialog.open()

    def on_consents_saved(self, saved: list[ConsentView]) -> None:
        if not saved:
            return
        ids = [c.id for c in saved]
        self.notify(consents_saved_text(saved), undo=lambda: self.cancel_consents(ids))
        self.changed.emit()

    def cancel_consents(self, ids) -> None:
        actor = self.actor
        if actor is None:
            return

        def cancel() -> bool:
            consents.cancel_consents(self.db, actor, ids)
            return True

        if self.run(cancel):
            self.notify(_("The consent recorded by mistake was removed."))
        self.changed.emit()

    def withdraw(self) -> None:
        consent = self.current_consent()
        if consent is None or consent.withdrawn_on is not None or self.actor is None:
            return
        dialog = WithdrawDialog(self.db, self.actor, consent, self)
        dialog.withdrawn.connect(self.on_withdrawn)
        self.dialog = dialog
        dialog.open()

    def on_withdrawn(self, view: ConsentView) -> None:
        self.notify(
            _("The consent of {name} for {kind} was withdrawn.").format(
                name=view.person_name, kind=view.kind_label
            ),
            undo=lambda: self.undo_withdrawal(view),
        )
        self.changed.emit()

    def undo_withdrawal(self, view: ConsentView) -> None:
        actor = self.actor
        if actor is None:
            return
        if self.run(lambda: consents.undo_withdrawal(self.db, actor, view.id)) is not None:
            self.notify(_("The consent of {name} is valid again.").format(name=view.person_name))
        self.changed.emit()

    def print_forms(self) -> None:
        if self.family is None:
            return
        dialog = preview_consent_forms(
            self, self.db, self.family, lambda text: self.notify(text, error=True)
        )
        if dialog is not None:
            self.dialog = dialog

    def missing_codes(self) -> list[str]:
        """The codes of the families listed without valid consent."""
        return [r.family_code for r in self.missing.rows()]
