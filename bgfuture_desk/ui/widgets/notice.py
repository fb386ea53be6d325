"""A line in the window's status bar that says what was just done, with an undo button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from bgfuture_desk.i18n import _
from bgfuture_desk.ui.widgets.form import ERROR_STYLE, SAVED_STYLE

SHOWN_MS = 30_000


class Notice(QWidget):
    """The last message of the reception; an undo is offered until the next message or
    for half a minute."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.undo_button = QPushButton(_("Undo"), self)
        self.undo_button.clicked.connect(self.on_undo_clicked)
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button)
        self.undo: Callable[[], object] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear)
        self.clear()

    def show_text(
        self, text: str, *, error: bool = False, undo: Callable[[], object] | None = None
    ) -> None:
        self.label.setText(text)
        self.label.setStyleSheet(ERROR_STYLE if error else SAVED_STYLE)
        self.undo = undo
        self.undo_button.setVisible(undo is not None)
        self.setVisible(bool(text))
        self.timer.start(SHOWN_MS)

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.label.setText("")
        self.undo = None
        self.undo_button.hide()
        self.hide()

    def on_undo_clicked(self) -> None:
        undo, self.undo = self.undo, None
        self.undo_button.hide()
        if undo is not None:
            undo()
