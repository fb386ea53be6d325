"""What the group and session actions share: the acting user, guarded service calls, the
dialogs they open and the messages they send up to the page.

The page hands an action what it needs in the constructor and connects its signals: an
action never calls the page.
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


class Actions(QObject):
    notified = Signal(str, bool, object)  # text, error, undo (a callable or None)
    dialog_opened = Signal(object)  # the last dialog or preview opened (tests use it)

    def __init__(self, db: Database, parent: QWidget, actor: Callable[[], Actor | None]) -> None:
        super().__init__(parent)
        self.db = db
        self.parent_widget = parent  # the parent of the dialogs
        self.actor = actor

    def signed_in(self) -> Actor:
        """Who works now: the window shows its pages only after a sign-in."""
        actor = self.actor()
        if actor is None:
            raise RuntimeError("no one is signed in")
        return actor

    def notify(self, text: str, *, error: bool = False, undo=None) -> None:
        self.notified.emit(text, error, undo)

    def run(self, call: Callable[[], T]) -> T | None:
        """A service call whose refusal is shown in the message line."""
        return run_shown(call, lambda message: self.notify(message, error=True))

    def attempt(self, call: Callable[[], object]) -> bool:
        """A service call that returns nothing: whether it went through (a refusal is shown
        in the message line)."""
        try:
            call()
        except UserError as err:
            self.notify(err.message, error=True)
            return False
        return True

    def open(self, dialog: QDialog | QMessageBox) -> None:
        if not dialog.isVisible():
            dialog.open()
        self.dialog_opened.emit(dialog)
