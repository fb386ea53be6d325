"""The register's table, made for the keyboard: the marks without the mouse.

Up/Down move; Space cycles the mark (присъства → отсъства → извинен); П, О, И (or P, A, E
on a Latin layout) set one and go to the next person; Delete clears it; Enter or F2 writes
a note. The keys are read from the text typed, so a Bulgarian layout works as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QTableView,
    QWidget,
)

from bgfuture_desk.domain.vocab import AttendanceStatus
from bgfuture_desk.ui.models.register_table_model import COL_NAME, COL_NOTE, RegisterTableModel

MARK_KEYS = {
    "п": AttendanceStatus.PRESENT,
    "p": AttendanceStatus.PRESENT,
    "о": AttendanceStatus.ABSENT,
    "a": AttendanceStatus.ABSENT,
    "и": AttendanceStatus.EXCUSED,
    "e": AttendanceStatus.EXCUSED,
}
PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier


class RegisterView(QTableView):
    def __init__(self, model: RegisterTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)

    def current_row(self) -> int:
        return self.currentIndex().row() if self.currentIndex().isValid() else -1

    def go_to_row(self, row: int) -> None:
        if 0 <= row < self.register.rowCount():
            column = max(self.currentIndex().column(), COL_NAME)
            self.setCurrentIndex(self.register.index(row, column))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        row = self.current_row()
        plain = (event.modifiers() & ~KEYPAD | PLAIN) == PLAIN
        mark = MARK_KEYS.get(event.text().lower()) if plain else None
        if row >= 0 and plain and event.key() == Qt.Key.Key_Space:
            self.register.cycle_mark(row)
        elif row >= 0 and mark is not None:
            self.register.set_mark(row, mark)
            self.go_to_row(row + 1)
        elif row >= 0 and plain and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.register.set_mark(row, None)
        elif (
            row >= 0
            and event.modifiers() & ~KEYPAD == Qt.KeyboardModifier.NoModifier
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.edit_note(row)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def edit_note(self, row: int) -> None:
        index: QModelIndex = self.register.index(row, COL_NOTE)
        self.setCurrentIndex(index)
        self.edit(index)

    def commit_note(self) -> None:
        """A note still being typed goes into the model (Ctrl+Enter saves from the editor)."""
        if self.state() == QAbstractItemView.State.EditingState:
            editor = QApplication.focusWidget()
            if editor is not None and self.isAncestorOf(editor):
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.setFocus()
