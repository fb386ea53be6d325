"""The attendance register of one session, marked from the keyboard and saved at once.

The marks live in the model until Ctrl+S (or Ctrl+Enter, or „Запис“) sends them to
``record_attendance`` in one go; a refusal (someone no longer enrolled, a session not yet
held) is shown beside the button and every mark stays on the screen. Opening another
session with unsaved marks asks first.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.groups import service as groups
from bgfuture_desk.services.groups.service import RegisterRow, SessionView
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.groups.register_texts import (
    candidates_text,
    counts_text,
    session_choice_text,
    session_details,
    session_state,
)
from bgfuture_desk.ui.groups.register_view import RegisterView
from bgfuture_desk.ui.models.register_table_model import COL_NAME, COL_NOTE, RegisterTableModel
from bgfuture_desk.ui.widgets.controls import button_row, choose
from bgfuture_desk.ui.widgets.form import error_label, show_status
from bgfuture_desk.ui.widgets.page import page_heading


class RegisterPanel(QWidget):
    attendance_saved = Signal(object)  # SessionView as saved
    history_requested = Signal(object, str)  # person id, name
    print_requested = Signal(object)  # SessionView
    walk_in_requested = Signal()
    notified = Signal(str, bool, object)  # text, error, undo (a callable or None)

    def __init__(
        self,
        db: Database,
        actor: Callable[[], Actor | None],
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.today = today
        self.session: SessionView | None = None
        self.candidates: list[RegisterRow] = []
        self.question: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.title = page_heading(_("Attendance register"), self)
        layout.addWidget(self.title)
        choose = QHBoxLayout()
        label = QLabel(_("Sessi&on:"), self)
        self.chooser = QComboBox(self)
        self.chooser.setMinimumWidth(380)
        label.setBuddy(self.chooser)
        choose.addWidget(label)
        choose.addWidget(self.chooser)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        choose.addWidget(self.details, 1)
        layout.addLayout(choose)
        self.state = QLabel(self)
        self.state.setObjectName("state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.hint = QLabel(
            _(
                "↑ ↓ choose the person · Space changes the mark · П present, О absent, "
                "И excused · Enter writes a note · Ctrl+Enter saves"
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)
        self.model = RegisterTableModel(self)
        self.table = RegisterView(self.model, self)
        self.table.setAccessibleName(_("Attendance register"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_candidates())
        self.counts = QLabel(self)
        layout.addWidget(self.counts)
        layout.addLayout(self._build_buttons())
        self._build_actions()
        self.chooser.activated.connect(self.on_chooser_activated)
        self.table.selectionModel().currentRowChanged.connect(self._update_history_button)
        self.model.changed.connect(self.on_model_changed)
        self.show_session(None, [])

    def _build_candidates(self) -> QHBoxLayout:
        self.candidates_label = QLabel(self)
        self.candidates_label.setWordWrap(True)
        self.candidates_button = QPushButton(_("Add them as &walk-ins"), self)
        self.candidates_button.clicked.connect(self.on_candidates_clicked)
        row = QHBoxLayout()
        row.addWidget(self.candidates_label, 1)
        row.addWidget(self.candidates_button)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.walk_in_button = QPushButton(_("Add a wal&k-in…"), self)
        self.history_button = QPushButton(_("&History of the person…"), self)
        self.print_button = QPushButton(_("Print the attendance s&heet…"), self)
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.setToolTip(_("Save the register (Ctrl+Enter)"))
        self.status = error_label(self)
        self.walk_in_button.clicked.connect(self.walk_in_requested)
        self.history_button.clicked.connect(self.on_history_clicked)
        self.print_button.clicked.connect(self.on_print_clicked)
        self.save_button.clicked.connect(self.save)
        row = button_row(
            self, self.walk_in_button, self.history_button, self.print_button, self.save_button,
            stretch_at=3,
        )  # fmt: skip
        row.insertWidget(row.count() - 1, self.status)
        return row

    def _build_actions(self) -> None:
        def action(keys: tuple[str, ...], slot: Callable[[], object]) -> QAction:
            act = QAction(self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.save_action = action(("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"), self.save)
        self.history_action = action(("Ctrl+H",), self.on_history_clicked)
        self.print_action = action(("Ctrl+P",), self.on_print_clicked)

    # -- showing a session --------------------------------------------------------------------

    def open_session(self, session_id: uuid.UUID) -> bool:
        """Show a session's register; with unsaved marks, ask first (False: not yet shown)."""
        if self.session is not None and self.session.id == session_id:
            return True
        if self.model.is_dirty():
            self.ask_to_save(lambda: self.open_session(session_id))
            return False
        self.load(session_id)
        return True

    def load(self, session_id: uuid.UUID) -> None:
        db = self.db
        try:
            session = groups.get_session(db, session_id)
            rows = groups.register(db, session_id)
            self.candidates = groups.walk_in_candidates(db, session_id)
            siblings = groups.group_sessions(db, session.group_id)
        except UserError as err:
            self.notified.emit(err.message, True, None)
            return
        self.show_session(session, rows, siblings)

    def reload(self) -> None:
        """Read the same session again (after a move, a cancel, an enrolment), unless the
        assistant is in the middle of marking it."""
        if self.session is not None and not self.model.is_dirty():
            self.load(self.session.id)

    def show_session(
        self,
        session: SessionView | None,
        rows: list[RegisterRow],
        siblings: list[SessionView] | None = None,
    ) -> None:
        self.session = session
        if session is None:
            self.candidates = []
        self.model.set_rows(rows, offer=True)
        self._fill_chooser(session, siblings or [])
        if session is None:
            self.title.setText(_("Attendance register"))
            self.details.setText("")
            self.state.setText(
                _(
                    "Choose a session: here above, from the sessions of a group, or by a "
                    "double click in the week."
                )
            )
        else:
            self.title.setText(f"{session.group_name} — {session.programme_name}")
            self.details.setText(session_details(session))
            self.state.setText(session_state(session, self.today()))
        self.state.setVisible(bool(self.state.text()))
        self._show_candidates()
        self.counts.setVisible(session is not None)
        show_status(self.status, "", ok=True)
        for widget in (self.table, self.walk_in_button, self.print_button, self.save_button):
            widget.setEnabled(session is not None)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, COL_NAME))
        self.on_model_changed()

    def _fill_chooser(self, session: SessionView | None, siblings: list[SessionView]) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for sibling in siblings:
            self.chooser.addItem(session_choice_text(sibling), sibling.id)
        if session is not None:
            choose(self.chooser, session.id)
        self.chooser.setEnabled(bool(siblings))
        self.chooser.blockSignals(False)

    def _show_candidates(self) -> None:
        listed = {line.person_id for line in self.model.lines()}
        waiting = [c for c in self.candidates if c.person_id not in listed]
        self.candidates_label.setText(candidates_text(waiting))
        self.candidates_label.setVisible(bool(waiting))
        self.candidates_button.setVisible(bool(waiting))

    def on_model_changed(self) -> None:
        dirty = self.model.is_dirty()
        text = counts_text(self.model.counts())
        if dirty:
            text = _("{counts} — not saved yet").format(counts=text)
        elif self.model.has_offers():
            text = _("{counts} — the offered marks are not saved yet").format(counts=text)
        self.counts.setText(text)
        self._update_history_button()

    def _update_history_button(self, *_args: object) -> None:
        self.history_button.setEnabled(self.table.current_row() >= 0)

    def on_chooser_activated(self, index: int) -> None:
        session_id = self.chooser.itemData(index)
        if session_id is not None:
            self.open_session(session_id)

    # -- walk-ins, history, print -------------------------------------------------------------

    def add_walk_in(self, person_id: uuid.UUID, name: str, family_code: str | None) -> bool:
        """Put someone on the register as a walk-in (present); False if already on it."""
        if self.session is None or self.model.row_of(person_id) >= 0:
            return False
        row = self.model.add_walk_in(person_id, name, family_code)
        self.table.go_to_row(row)
        self._show_candidates()
        return True

    def on_candidates_clicked(self) -> None:
        for row in self.candidates:
            self.add_walk_in(row.person_id, row.full_name, row.family_code)
        self.table.setFocus()

    def on_history_clicked(self) -> None:
        line = self.model.line_at(self.table.current_row())
        if line is not None:
            self.history_requested.emit(line.person_id, line.full_name)

    def on_print_clicked(self) -> None:
        if self.session is None:
            return
        if self.model.is_dirty():
            show_status(
                self.status,
                _("Save the marks first (Ctrl+S), then print the sheet with them."),
                ok=False,
            )
            return
        self.print_requested.emit(self.session)

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        session, actor = self.session, self.actor()
        if session is None or actor is None:
            return False
        self.table.commit_note()
        lines = self.model.lines()
        marks = {line.person_id: line.mark for line in lines}
        notes = {line.person_id: line.note for line in lines if line.mark or line.note}
        walk_ins = [line.person_id for line in lines if line.new_walk_in]
        try:
            rows = groups.record_attendance(self.db, actor, session.id, marks, notes, walk_ins)
            saved = groups.get_session(self.db, session.id)
        except UserError as err:
            show_status(self.status, err.message, ok=False)
            return False
        keep = self.table.current_row()
        self.session = saved
        self.model.set_rows(rows, offer=False)
        self._fill_chooser(saved, self._siblings())
        self.details.setText(session_details(saved))
        self.state.setText(session_state(saved, self.today()))
        self.state.setVisible(bool(self.state.text()))
        self.table.go_to_row(min(keep, self.model.rowCount() - 1))
        counts = counts_text(self.model.counts())
        show_status(self.status, _("Saved."), ok=True)
        counts = counts[:1].lower() + counts[1:]
        self.notified.emit(
            _("The attendance was saved: {counts}.").format(counts=counts), False, None
        )
        self.attendance_saved.emit(saved)
        return True

    def ask_to_save(self, then: Callable[[], object]) -> None:
        """Unsaved marks: save them, drop them, or stay."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Unsaved attendance"),
            _("The marks of this session are not saved. Save them?"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        save = box.addButton(_("&Save"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(_("&Do not save"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(stay)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def on_clicked(button) -> None:
            if button is save and self.save():
                then()
            elif button is drop:
                self.model.set_rows([], offer=False)
                self.session = None
                then()
            else:
                self._fill_chooser(self.session, self._siblings())

        box.buttonClicked.connect(on_clicked)
        box.save_button, box.drop_button, box.stay_button = save, drop, stay  # type: ignore[attr-defined]
        self.question = box
        box.open()

    def _siblings(self) -> list[SessionView]:
        if self.session is None:
            return []
        return groups.group_sessions(self.db, self.session.group_id)

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
