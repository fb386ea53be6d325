"""„Институции“: where the house refers families to — an editable list.

A new school or doctor is added; one the house no longer works with is made inactive, so it
leaves the list of a new referral but stays on the referrals already made to it.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.referrals.service import InstitutionView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.documents.referral_page_link import host_page
from bgfuture_desk.ui.models.referral_table_model import ICOL_ADDRESS, InstitutionTableModel
from bgfuture_desk.ui.widgets.controls import choose, table_view
from bgfuture_desk.ui.widgets.form_dialog import FormDialog
from bgfuture_desk.ui.widgets.notice import Notice


class InstitutionDialog(FormDialog):
    """``saved`` carries the ``InstitutionView``."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        institution: InstitutionView | None = None,
    ) -> None:
        title = _("New institution") if institution is None else _("Edit the institution")
        super().__init__(title, parent, 560)
        self.db, self.actor, self.institution = db, actor, institution
        form = self.form
        self.name = form.add_field("name", _("&Name:"), QLineEdit(self))
        self.name.setPlaceholderText(_("e.g. Primary school „Христо Ботев“, Крън"))
        self.kind = form.add_field("kind", _("&Kind:"), QComboBox(self))
        for value, label in referrals.institution_kind_choices():
            self.kind.addItem(label, value)
        self.address = form.add_field("address", _("&Address:"), QLineEdit(self))
        self.phone = form.add_field("phone", _("&Phone:"), QLineEdit(self))
        self.active = form.add_field(
            "active", _("In use:"), QCheckBox(_("&Offered for new referrals"), self)
        )
        self.active.setChecked(True)
        if institution is not None:
            self.name.setText(institution.name)
            choose(self.kind, institution.kind)
            self.address.setText(institution.address)
            self.phone.setText(institution.phone)
            self.active.setChecked(institution.active)
        self.finish_layout()
        self.name.setFocus()

    def on_save_clicked(self) -> None:
        institution_id = self.institution.id if self.institution is not None else None
        fields = {
            "name": self.name.text(),
            "kind": self.kind.currentData(),
            "address": self.address.text(),
            "phone": self.phone.text(),
            "active": self.active.isChecked(),
        }
        self.attempt(
            lambda: referrals.save_institution(self.db, self.actor, institution_id, **fields)
        )


class InstitutionsTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.dialog: QDialog | None = None  # the last one opened (tests use it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.caption = QLabel(self)
        layout.addWidget(self.caption)
        self.model = InstitutionTableModel(self)
        self.view = table_view(self, self.model, _("Institutions"), stretch=ICOL_ADDRESS)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(_("&New institution…"), self)
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.new_button.clicked.connect(self.new_institution)
        self.edit_button.clicked.connect(self.edit_institution)
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.own_notice = Notice(self)  # used while the tab stands alone
        self.notice = self.own_notice
        layout.addWidget(self.own_notice)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        self.view.doubleClicked.connect(lambda _i: self.edit_institution())
        self.view.activated.connect(lambda _i: self.edit_institution())
        new = QAction(self)
        new.setShortcut(QKeySequence("Ctrl+N"))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(self.new_institution)
        self.addAction(new)
        self._enable()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self._enable()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        page = host_page(self)
        if page is not None:  # the documents page's message line serves this tab
            self.own_notice.hide()
            self.notice = page.notice  # type: ignore[attr-defined]
        self.refresh()

    def refresh(self, keep: uuid.UUID | None = None) -> None:
        current = self.current_institution()
        keep = keep or (current.id if current is not None else None)
        try:
            rows = referrals.list_institutions(self.db, include_inactive=True)
        except UserError as err:
            self.notice.show_text(err.message, error=True)
            return
        self.model.set_rows(rows)
        active = sum(1 for r in rows if r.active)
        self.caption.setText(
            _("Institutions in use: {n}; no longer used: {m}.").format(
                n=active, m=len(rows) - active
            )
        )
        if rows:
            self.view.setCurrentIndex(self.model.index(max(self.model.row_of(keep), 0), 0))
        self._enable()

    def current_institution(self) -> InstitutionView | None:
        return self.model.row_at(self.view.currentIndex())

    def _enable(self) -> None:
        can = self.actor is not None
        self.new_button.setEnabled(can)
        self.edit_button.setEnabled(can and self.current_institution() is not None)

    def new_institution(self) -> None:
        self._open(None)

    def edit_institution(self) -> None:
        institution = self.current_institution()
        if institution is not None:
            self._open(institution)

    def _open(self, institution: InstitutionView | None) -> None:
        if self.actor is None:
            return
        dialog = InstitutionDialog(self.db, self.actor, self, institution=institution)
        dialog.saved.connect(self._on_saved)
        self.dialog = dialog
        dialog.open()

    def _on_saved(self, institution: InstitutionView) -> None:
        self.refresh(keep=institution.id)
        self.notice.show_text(
            _("The institution „{name}“ was saved.").format(name=institution.name)
        )
        self.view.setFocus()

    def focus_first(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
