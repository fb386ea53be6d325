"""One person's history in the groups: the groups with their progress, then every session."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.unit import Database
from bgfuture_desk.ui.models.history_table_model import COL_NOTE, HistoryTableModel
from bgfuture_desk.ui.models.person_group_table_model import COL_GROUP, PersonGroupTableModel
from bgfuture_desk.ui.widgets.controls import read_only_table
from bgfuture_desk.ui.widgets.page import page_heading


class PersonHistoryDialog(QDialog):
    def __init__(
        self, db: Database, person_id: uuid.UUID, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History in the groups: {name}").format(name=name))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(name, self))
        self.groups_model = PersonGroupTableModel(self)
        self.groups_model.set_rows(groups.person_groups(db, person_id))
        self.sessions_model = HistoryTableModel(self)
        self.sessions_model.set_rows(groups.person_history(db, person_id))
        self.groups_caption = QLabel(self)
        layout.addWidget(self.groups_caption)
        self.groups_view = read_only_table(self.groups_model, self, COL_GROUP, _("Groups"))
        layout.addWidget(self.groups_view, 1)
        self.sessions_caption = QLabel(self)
        layout.addWidget(self.sessions_caption)
        self.sessions_view = read_only_table(
            self.sessions_model, self, COL_NOTE, _("Sessions attended")
        )
        layout.addWidget(self.sessions_view, 2)
        self._captions()
        buttons = QDialogButtonBox(self)
        close = QPushButton(_("&Close"), self)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 560)
        close.setFocus()

    def _captions(self) -> None:
        n = self.groups_model.rowCount()
        self.groups_caption.setText(
            ngettext("In {n} group:", "In {n} groups:", n).format(n=n)
            if n
            else _("Not enrolled in any group.")
        )
        n = self.sessions_model.rowCount()
        self.sessions_caption.setText(
            ngettext("Marked at {n} session:", "Marked at {n} sessions:", n).format(n=n)
            if n
            else _("No attendance marks yet.")
        )
