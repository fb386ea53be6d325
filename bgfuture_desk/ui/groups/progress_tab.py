"""Who of the chosen group has completed it, or is on track to."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups.service import GroupView, ParticipantProgress
from bgfuture_desk.ui.models.group_texts import percent
from bgfuture_desk.ui.models.progress_table_model import COL_NAME, ProgressTableModel
from bgfuture_desk.ui.widgets.controls import read_only_table


class ProgressTab(QWidget):
    history_requested = Signal(object, str)  # person id, name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.history_button = QPushButton(_("&History of the person…"), self)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.history_button)
        layout.addLayout(row)
        self.model = ProgressTableModel(self)
        self.table = read_only_table(self.model, self, COL_NAME, _("Completion"))
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self.on_history_clicked)
        self.history_button.clicked.connect(self.on_history_clicked)

    def show_group(self, group: GroupView | None, rows: list[ParticipantProgress]) -> None:
        self.model.set_rows(rows)
        if group is None:
            self.summary.setText("")
        else:
            self.summary.setText(
                _(
                    "Completed: {done} of {all}. A participant completes the group by attending "
                    "at least {share} of its held sessions, once the group is over."
                ).format(
                    done=self.model.completed_count(),
                    all=len(rows),
                    share=percent(group.completion_share),
                )
            )
        if rows:
            self.table.setCurrentIndex(self.model.index(0, COL_NAME))
        self.history_button.setEnabled(bool(rows))

    def on_history_clicked(self, *_args: object) -> None:
        row = self.model.row_at(self.table.currentIndex())
        if row is not None:
            self.history_requested.emit(row.person_id, row.full_name)
