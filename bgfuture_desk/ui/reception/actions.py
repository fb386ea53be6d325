"""What the reception's action classes share: the database, who works, and the way back up.

The page hands each action class what it needs (the database, a callable returning the
acting user, the parent of its dialogs); the actions never see the page. They tell it what
happened through signals (``notified`` here, the rest in each class), which the page connects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from bgfuture_desk.errors import UserError
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.ui.widgets.service_call import run_shown

T = TypeVar("T")


class ReceptionActions(QObject):
    notified = Signal(str, bool, object)  # text, error, undo (a callable or None)

    def __init__(self, db: Database, parent: QWidget, actor: Callable[[], Actor | None]) -> None:
        super().__init__(parent)
        self.db = db
        self.parent_widget = parent  # the parent of the dialogs
        self.actor = actor
        self.dialog: QDialog | QMessageBox | None = None  # the last one opened (tests use it)

    def signed_in(self) -> Actor:
        """Who works now: the window shows its pages only after a sign-in."""
        actor = self.actor()
        if actor is None:
            raise RuntimeError("no one is signed in")
        return actor

    def _notify(self, text: str, *, error: bool = False, undo=None) -> None:
        self.notified.emit(text, error, undo)

    def _run(self, call: Callable[[], T]) -> T | None:
        """A service call whose refusal is shown in the message line."""
        return run_shown(call, lambda message: self._notify(message, error=True))

    def _attempt(self, call: Callable[[], object]) -> bool:
        """A service call that returns nothing: whether it went through."""
        try:
            call()
        except UserError as err:
            self._notify(err.message, error=True)
            return False
        return True

    def _show(self, dialog: QDialog | QMessageBox) -> None:
        self.dialog = dialog
        dialog.open()
