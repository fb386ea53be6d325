"""The sessions of the chosen group: schedule, move, cancel, open the register, print."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from bgfuture_desk.domain.vocab import SessionStatus
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups.service import GroupView, SessionView
from bgfuture_desk.ui.models.session_table_model import COL_DATE, COL_TOPIC, SessionTableModel
from bgfuture_desk.ui.widgets.controls import button_row, read_only_table


class SessionsTab(QWidget):
    schedule_requested = Signal()
    move_requested = Signal(object)  # SessionView
    cancel_requested = Signal(object)  # SessionView (a cancelled one: restore)
    register_requested = Signal(object)  # SessionView
    print_requested = Signal(object)  # SessionView
    session_chosen = Signal(object)  # SessionView or None: the current row changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group: GroupView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.schedule_button = QPushButton(_("&Schedule…"), self)
        self.move_button = QPushButton(_("&Move or change…"), self)
        self.cancel_button = QPushButton(_("Ca&ncel the session"), self)
        self.register_button = QPushButton(_("Open the &register"), self)
        self.print_button = QPushButton(_("Print the attendance s&heet…"), self)
        layout.addLayout(
            button_row(
                self,
                self.schedule_button,
                self.move_button,
                self.cancel_button,
                self.register_button,
                self.print_button,
                stretch_at=3,
            )
        )
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setObjectName("schedule_result")
        self.result.hide()
        layout.addWidget(self.result)
        self.model = SessionTableModel(self)
        self.table = read_only_table(self.model, self, COL_TOPIC, _("Sessions of the group"))
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_a: self.session_chosen.emit(self.current_session())
        )
        self.table.activated.connect(self.on_register_clicked)
        self.schedule_button.clicked.connect(self.schedule_requested)
        self.move_button.clicked.connect(lambda: self._emit(self.move_requested))
        self.cancel_button.clicked.connect(lambda: self._emit(self.cancel_requested))
        self.register_button.clicked.connect(self.on_register_clicked)
        self.print_button.clicked.connect(lambda: self._emit(self.print_requested))
        self._update_buttons()

    def show_group(
        self, group: GroupView | None, sessions: list[SessionView], keep: uuid.UUID | None = None
    ) -> None:
        """The group's sessions; the one to keep chosen, else the next to come."""
        changed = group is None or self.group is None or group.id != self.group.id
        self.group = group
        if changed:
            self.show_result("")
        self.model.set_rows(sessions)
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0:
            row = self.next_row()
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, COL_DATE))
            self.table.scrollTo(self.model.index(row, COL_DATE))
        self._update_buttons()

    def next_row(self) -> int:
        """The first session still to be held, else the last one."""
        rows = self.model.rows()
        upcoming = [n for n, s in enumerate(rows) if s.status == SessionStatus.PLANNED]
        return upcoming[0] if upcoming else len(rows) - 1

    def show_result(self, text: str) -> None:
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def current_session(self) -> SessionView | None:
        return self.model.row_at(self.table.currentIndex())

    def _emit(self, signal) -> None:
        session = self.current_session()
        if session is not None:
            signal.emit(session)

    def on_register_clicked(self, *_args: object) -> None:
        self._emit(self.register_requested)

    def _update_buttons(self, *_args: object) -> None:
        session = self.current_session()
        running = self.group is not None and not self.group.archived
        self.schedule_button.setEnabled(running)
        for button in (self.move_button, self.register_button, self.print_button):
            button.setEnabled(session is not None)
        self.cancel_button.setEnabled(session is not None)
        cancelled = session is not None and session.status == SessionStatus.CANCELLED
        self.cancel_button.setText(
            _("Resto&re the session") if cancelled else _("Ca&ncel the session")
        )
        self.move_button.setEnabled(session is not None and not cancelled)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
