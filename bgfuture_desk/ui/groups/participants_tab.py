"""Who is enrolled in the chosen group: enrol by search, unenrol, see someone's history."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from bgfuture_desk.i18n import _, ngettext
from bgfuture_desk.services.groups.service import EnrolmentView, GroupView
from bgfuture_desk.ui.models.enrolment_table_model import COL_NAME, EnrolmentTableModel
from bgfuture_desk.ui.widgets.controls import button_row, read_only_table


class ParticipantsTab(QWidget):
    enrol_requested = Signal()
    unenrol_requested = Signal(object)  # EnrolmentView
    history_requested = Signal(object, str)  # person id, name
    show_left_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group: GroupView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.enrol_button = QPushButton(_("&Enrol people…"), self)
        self.unenrol_button = QPushButton(_("&Unenrol"), self)
        self.history_button = QPushButton(_("&History of the person…"), self)
        self.show_left = QCheckBox(_("Show those who &left"), self)
        row = button_row(self, self.enrol_button, self.unenrol_button, self.history_button)
        row.addWidget(self.show_left)
        layout.addLayout(row)
        self.caption = QLabel(self)
        layout.addWidget(self.caption)
        self.model = EnrolmentTableModel(self)
        self.table = read_only_table(self.model, self, COL_NAME, _("Enrolled people"))
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.activated.connect(self.on_history_clicked)
        self.enrol_button.clicked.connect(self.enrol_requested)
        self.unenrol_button.clicked.connect(self.on_unenrol_clicked)
        self.history_button.clicked.connect(self.on_history_clicked)
        self.show_left.toggled.connect(self.show_left_changed)
        self._update_buttons()

    def show_group(
        self, group: GroupView | None, rows: list[EnrolmentView], keep: uuid.UUID | None = None
    ) -> None:
        self.group = group
        self.model.set_rows(rows)
        now = sum(1 for r in rows if r.left_on is None)
        self.caption.setText(
            ngettext("{n} person enrolled.", "{n} people enrolled.", now).format(n=now)
            if now
            else _("Nobody is enrolled yet: „Enrol people“ finds them by name.")
        )
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0 or self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(max(row, 0), COL_NAME))
        self._update_buttons()

    def current(self) -> EnrolmentView | None:
        return self.model.row_at(self.table.currentIndex())

    def _update_buttons(self, *_args: object) -> None:
        row = self.current()
        self.enrol_button.setEnabled(self.group is not None and not self.group.archived)
        self.unenrol_button.setEnabled(row is not None and row.left_on is None)
        self.history_button.setEnabled(row is not None)

    def on_unenrol_clicked(self) -> None:
        row = self.current()
        if row is not None:
            self.unenrol_requested.emit(row)

    def on_history_clicked(self, *_args: object) -> None:
        row = self.current()
        if row is not None:
            self.history_requested.emit(row.person_id, row.full_name)
